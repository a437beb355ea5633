/* sl-workloads-cpu.c: the native CPU-bound, memory and overhead workloads.
 *
 * Every task returns a checksum that the runner compares with expected(), computed another way
 * (a closed form, a sieve, a table), so a pool that skipped work or a compiler that folded it
 * away is caught.
 */
#define G_LOG_DOMAIN "sl-workloads-cpu"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <gio/gio.h>

#include <glib/gi18n-lib.h>

#include "sl-i18n.h"
#include "sl-python-sources.h"
#include "sl-error.h"
#include "sl-mix.h"
#include "sl-workloads-common.h"
#include "sl-workloads.h"

/* Poll the cancel flag this often inside long loops: cheap, yet stops within a millisecond. */
#define CANCEL_STRIDE (G_GUINT64_CONSTANT (1) << 20)

/* ---- cpu-sum: the article's "sum the first 100 million integers" ---- */

static const SlParamInfo cpu_sum_params[] = {
  { "n", N_("Integers to sum"), SL_PARAM_INT, "100000000", 1, 1e12, N_("integers"),
    N_("Sum the integers 0 … n-1, split into equal chunks (one per task)"), 0 },
};

/* The parameter of cpu-sum and cpu-fib, parsed once per pool rather than once per task. */
typedef struct {
  guint64 value;
} OneParam;

static gpointer
cpu_sum_prepare (const SlParams *params,
                 GError        **error)
{
  OneParam *shared = g_new (OneParam, 1);

  shared->value = (guint64) sl_params_get_int (params, "n");
  return shared;
}

/* Task i sums chunk (i mod base) of [0, n), shifted by n for every full round, so that weak
 * scaling adds work of exactly the same size. */
static void
cpu_sum_range (const OneParam *shared,
               const SlTask   *task,
               guint64        *start,
               guint64        *end)
{
  guint64 n = shared->value;
  guint64 round = task->index / task->base_tasks;

  sl_split_range (n, task->base_tasks, task->index % task->base_tasks, start, end);
  *start += round * n;
  *end += round * n;
}

static gboolean
cpu_sum_run (gpointer      shared,
             gpointer      local,
             const SlTask *task,
             guint64      *checksum,
             GError      **error)
{
  guint64 start, end, sum = 0;

  cpu_sum_range (shared, task, &start, &end);

  for (guint64 block = start; block < end; block += CANCEL_STRIDE)
    {
      guint64 stop = MIN (end, block + CANCEL_STRIDE);

      if (sl_cancelled (task))
        return sl_set_cancelled (error);

      for (guint64 i = block; i < stop; i++)
        {
          sum += i;
          SL_OPAQUE (sum);
        }
    }

  *checksum = sum;
  return TRUE;
}

static gboolean
cpu_sum_expected (gpointer      shared,
                  const SlTask *task,
                  guint64      *checksum)
{
  guint64 start, end, count, pair;

  cpu_sum_range (shared, task, &start, &end);
  /* sum = count * (start + end - 1) / 2, modulo 2^64: halve whichever factor is even. */
  count = end - start;
  pair = start + end - 1;
  if (count % 2 == 0)
    *checksum = (count / 2) * pair;
  else
    *checksum = count * (pair / 2);

  return TRUE;
}

const SlWorkload sl_workload_cpu_sum = {
  .id = "cpu-sum",
  .title = N_("Sum of integers"),
  .description = N_("CPU-bound: sums the integers below n in equal chunks, the article's first "
                    "CPU experiment. No I/O, no shared state: the ideal case for parallelism."),
  .kind = SL_WORKLOAD_KIND_CPU,
  SL_WORKLOAD_PARAMS (cpu_sum_params),
  .python_source = SL_PYTHON_SOURCE_CPU_SUM,
  .prepare = cpu_sum_prepare,
  .release = g_free,
  .run = cpu_sum_run,
  .expected = cpu_sum_expected,
};

/* ---- cpu-fib: the article's Flask /fib/<n> endpoint ---- */

static const SlParamInfo cpu_fib_params[] = {
  { "k", N_("Fibonacci number"), SL_PARAM_INT, "27", 1, 45, NULL,
    N_("Each task computes Fibonacci(k) recursively, as the article's /fib endpoint does"), 0 },
};

static guint64
fib_recursive (guint64 k)
{
  if (k <= 1)
    return k;
  return fib_recursive (k - 1) + fib_recursive (k - 2);
}

static gpointer
cpu_fib_prepare (const SlParams *params,
                 GError        **error)
{
  OneParam *shared = g_new (OneParam, 1);

  shared->value = (guint64) sl_params_get_int (params, "k");
  return shared;
}

static gboolean
cpu_fib_run (gpointer      shared,
             gpointer      local,
             const SlTask *task,
             guint64      *checksum,
             GError      **error)
{
  guint64 k = ((const OneParam *) shared)->value;

  SL_OPAQUE (k);
  *checksum = fib_recursive (k);
  return TRUE;
}

static gboolean
cpu_fib_expected (gpointer      shared,
                  const SlTask *task,
                  guint64      *checksum)
{
  guint64 k = ((const OneParam *) shared)->value;
  guint64 a = 0, b = 1;

  for (guint64 i = 0; i < k; i++)
    {
      guint64 next = a + b;
      a = b;
      b = next;
    }

  *checksum = a;
  return TRUE;
}

const SlWorkload sl_workload_cpu_fib = {
  .id = "cpu-fib",
  .title = N_("Recursive Fibonacci"),
  .description = N_("CPU-bound: every task computes Fibonacci(k) the slow recursive way, like the "
                    "article's Flask /fib/<n> endpoint under concurrent requests."),
  .kind = SL_WORKLOAD_KIND_CPU,
  SL_WORKLOAD_PARAMS (cpu_fib_params),
  .python_source = SL_PYTHON_SOURCE_CPU_FIB,
  .n_default_tasks = 32,
  .prepare = cpu_fib_prepare,
  .release = g_free,
  .run = cpu_fib_run,
  .expected = cpu_fib_expected,
};

/* ---- cpu-primes: uneven task costs ---- */

static const SlParamInfo cpu_primes_params[] = {
  { "limit", N_("Primes below"), SL_PARAM_INT, "2000000", 2, 1e9, NULL,
    N_("Count the primes below limit by trial division; later ranges cost more"), 0 },
};

typedef struct {
  guint64  limit;
  guint32 *prime_count;   /* prime_count[i]: primes below i, from a sieve; built on demand */
  GMutex   lock;
} PrimesShared;

static gpointer
cpu_primes_prepare (const SlParams *params,
                    GError        **error)
{
  PrimesShared *shared = g_new0 (PrimesShared, 1);

  shared->limit = (guint64) sl_params_get_int (params, "limit");
  g_mutex_init (&shared->lock);
  return shared;
}

static void
cpu_primes_release (gpointer data)
{
  PrimesShared *shared = data;

  g_mutex_clear (&shared->lock);
  g_free (shared->prime_count);
  g_free (shared);
}

static gboolean
is_prime (guint64 v)
{
  if (v < 2)
    return FALSE;
  if (v % 2 == 0)
    return v == 2;
  for (guint64 d = 3; d * d <= v; d += 2)
    if (v % d == 0)
      return FALSE;
  return TRUE;
}

static gboolean
cpu_primes_run (gpointer      data,
                gpointer      local,
                const SlTask *task,
                guint64      *checksum,
                GError      **error)
{
  PrimesShared *shared = data;
  guint64 start, end, count = 0;

  sl_split_range (shared->limit, task->base_tasks, task->index % task->base_tasks, &start, &end);
  for (guint64 v = start; v < end; v++)
    {
      if ((v & 0xffff) == 0 && sl_cancelled (task))
        return sl_set_cancelled (error);
      count += is_prime (v);
    }

  *checksum = count;
  return TRUE;
}

static gboolean
cpu_primes_expected (gpointer      data,
                     const SlTask *task,
                     guint64      *checksum)
{
  PrimesShared *shared = data;
  guint64 start, end;

  /* A sieve is a different algorithm from trial division: agreement proves the work. */
  g_mutex_lock (&shared->lock);
  if (shared->prime_count == NULL)
    {
      guint64 n = shared->limit;
      g_autofree guint8 *composite = g_malloc0 (n + 1);
      guint32 running = 0;

      shared->prime_count = g_new (guint32, n + 1);
      for (guint64 i = 2; i * i <= n; i++)
        if (!composite[i])
          for (guint64 j = i * i; j <= n; j += i)
            composite[j] = 1;
      for (guint64 i = 0; i <= n; i++)
        {
          shared->prime_count[i] = running;
          if (i >= 2 && !composite[i])
            running++;
        }
    }
  g_mutex_unlock (&shared->lock);

  sl_split_range (shared->limit, task->base_tasks, task->index % task->base_tasks, &start, &end);
  *checksum = shared->prime_count[end] - shared->prime_count[start];
  return TRUE;
}

static void
cpu_primes_check (const SlParams *params,
                  GPtrArray      *problems)
{
  /* The sieve that checks the answers needs about 5 bytes per number. */
  if (sl_params_get_int (params, "limit") > 200000000)
    sl_workload_add_problem (problems, "limit",
                             _("Parameter limit = %" PRId64 " is out of range "
                               "2–200000000 (the checksum sieve needs about 5 bytes per number)"),
                             sl_params_get_int (params, "limit"));
}

const SlWorkload sl_workload_cpu_primes = {
  .id = "cpu-primes",
  .title = N_("Prime counting"),
  .description = N_("CPU-bound with uneven tasks: counts primes in consecutive ranges by trial "
                    "division, so later tasks cost more and dynamic hand-out matters."),
  .kind = SL_WORKLOAD_KIND_CPU,
  SL_WORKLOAD_PARAMS (cpu_primes_params),
  .check = cpu_primes_check,
  .prepare = cpu_primes_prepare,
  .release = cpu_primes_release,
  .run = cpu_primes_run,
  .expected = cpu_primes_expected,
};

/* ---- cpu-hash: SHA-256 rounds ---- */

static const SlParamInfo cpu_hash_params[] = {
  { "bytes", N_("Buffer size"), SL_PARAM_INT, "65536", 1, 256 * 1024 * 1024, N_("bytes"),
    N_("Size of the buffer each task hashes"), 0 },
  { "rounds", N_("Rounds"), SL_PARAM_INT, "16", 1, 100000, NULL,
    N_("How many times each task hashes its buffer (each round hashes the previous digest too)"), 0 },
};

static guint64
hash_task (const SlParams *params,
           guint64         index,
           const SlTask   *task,
           gboolean       *was_cancelled)
{
  gsize size = (gsize) sl_params_get_int (params, "bytes");
  gint64 rounds = sl_params_get_int (params, "rounds");
  g_autofree guint8 *buffer = g_malloc (size);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  guint64 state = sl_mix64 (index + 1);
  guint64 result;

  for (gsize i = 0; i < size; i++)
    {
      if (i % 8 == 0)
        state = sl_mix64 (state + i);
      buffer[i] = (guint8) (state >> (8 * (i % 8)));
    }

  memset (digest, 0, sizeof digest);
  for (gint64 r = 0; r < rounds; r++)
    {
      if (task != NULL && sl_cancelled (task))
        {
          *was_cancelled = TRUE;
          return 0;
        }
      g_checksum_reset (checksum);
      g_checksum_update (checksum, digest, sizeof digest);
      g_checksum_update (checksum, buffer, size);
      digest_len = sizeof digest;
      g_checksum_get_digest (checksum, digest, &digest_len);
    }

  memcpy (&result, digest, sizeof result);
  return result;
}

static gboolean
cpu_hash_run (gpointer      shared,
              gpointer      local,
              const SlTask *task,
              guint64      *checksum,
              GError      **error)
{
  gboolean was_cancelled = FALSE;

  *checksum = hash_task (shared, task->index % task->base_tasks, task, &was_cancelled);
  if (was_cancelled)
    return sl_set_cancelled (error);
  return TRUE;
}

typedef struct {
  SlParams   *params;
  GHashTable *expected;   /* index -> checksum, computed once per index */
  GMutex      lock;
} HashShared;

static gpointer
cpu_hash_prepare (const SlParams *params,
                  GError        **error)
{
  HashShared *shared = g_new0 (HashShared, 1);

  shared->params = sl_params_copy (params);
  shared->expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_mutex_init (&shared->lock);
  return shared;
}

static void
cpu_hash_release (gpointer data)
{
  HashShared *shared = data;

  sl_params_free (shared->params);
  g_hash_table_unref (shared->expected);
  g_mutex_clear (&shared->lock);
  g_free (shared);
}

static gboolean
cpu_hash_run_shared (gpointer      data,
                     gpointer      local,
                     const SlTask *task,
                     guint64      *checksum,
                     GError      **error)
{
  HashShared *shared = data;

  return cpu_hash_run (shared->params, local, task, checksum, error);
}

static gboolean
cpu_hash_expected (gpointer      data,
                   const SlTask *task,
                   guint64      *checksum)
{
  HashShared *shared = data;
  gint64 key = (gint64) (task->index % task->base_tasks);
  guint64 *cached;
  gboolean unused = FALSE;

  /* There is no shortcut for a hash: recompute once per distinct task, off the clock. */
  g_mutex_lock (&shared->lock);
  cached = g_hash_table_lookup (shared->expected, &key);
  if (cached == NULL)
    {
      cached = g_new (guint64, 1);
      *cached = hash_task (shared->params, (guint64) key, NULL, &unused);
      g_hash_table_insert (shared->expected, g_memdup2 (&key, sizeof key), cached);
    }
  *checksum = *cached;
  g_mutex_unlock (&shared->lock);

  return TRUE;
}

static void
cpu_hash_check (const SlParams *params,
                GPtrArray      *problems)
{
  if (sl_params_get_int (params, "bytes") * sl_params_get_int (params, "rounds") >
      G_GINT64_CONSTANT (1) << 36)
    sl_workload_add_problem (problems, NULL,
                             _("bytes × rounds is over 64 GiB per task; lower one of them"));
}

const SlWorkload sl_workload_cpu_hash = {
  .id = "cpu-hash",
  .title = N_("SHA-256 hashing"),
  .description = N_("CPU-bound: each task hashes its own buffer with SHA-256 several times."),
  .kind = SL_WORKLOAD_KIND_CPU,
  SL_WORKLOAD_PARAMS (cpu_hash_params),
  .python_source = SL_PYTHON_SOURCE_CPU_HASH,
  .check = cpu_hash_check,
  .prepare = cpu_hash_prepare,
  .release = cpu_hash_release,
  .run = cpu_hash_run_shared,
  .expected = cpu_hash_expected,
};

/* ---- mem-stream: memory bandwidth ---- */

static const SlParamInfo mem_stream_params[] = {
  { "megabytes", N_("Array size"), SL_PARAM_INT, "64", 1, 4096, N_("MiB"),
    N_("Size of the shared array every task reads from start to end"), 0 },
};

typedef struct {
  guint64 *words;
  gsize    n_words;
  guint64  sum;
} StreamShared;

static gpointer
mem_stream_prepare (const SlParams *params,
                    GError        **error)
{
  StreamShared *shared = g_new0 (StreamShared, 1);
  gsize bytes = (gsize) sl_params_get_int (params, "megabytes") * 1024 * 1024;

  shared->n_words = bytes / sizeof (guint64);
  shared->words = g_try_malloc (shared->n_words * sizeof (guint64));
  if (shared->words == NULL)
    {
      g_free (shared);
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Could not allocate %zu MiB for mem-stream"), bytes >> 20);
      return NULL;
    }

  for (gsize i = 0; i < shared->n_words; i++)
    {
      shared->words[i] = sl_mix64 (i);
      shared->sum += shared->words[i];
    }

  return shared;
}

static void
mem_stream_release (gpointer data)
{
  StreamShared *shared = data;

  g_free (shared->words);
  g_free (shared);
}

static gboolean
mem_stream_run (gpointer      data,
                gpointer      local,
                const SlTask *task,
                guint64      *checksum,
                GError      **error)
{
  StreamShared *shared = data;
  guint64 sum = 0;

  for (gsize block = 0; block < shared->n_words; block += CANCEL_STRIDE)
    {
      gsize stop = MIN (shared->n_words, block + CANCEL_STRIDE);
      const guint64 *words = shared->words;

      if (sl_cancelled (task))
        return sl_set_cancelled (error);
      SL_OPAQUE (words);
      for (gsize i = block; i < stop; i++)
        sum += words[i];
    }

  *checksum = sum;
  return TRUE;
}

static gboolean
mem_stream_expected (gpointer      data,
                     const SlTask *task,
                     guint64      *checksum)
{
  *checksum = ((StreamShared *) data)->sum;
  return TRUE;
}

const SlWorkload sl_workload_mem_stream = {
  .id = "mem-stream",
  .title = N_("Memory streaming"),
  .description = N_("Memory-bound: every task reads a large shared array end to end. Cores share "
                    "one memory bus, so speedup stops where bandwidth runs out."),
  .kind = SL_WORKLOAD_KIND_MEMORY,
  SL_WORKLOAD_PARAMS (mem_stream_params),
  .n_default_tasks = 32,
  .prepare = mem_stream_prepare,
  .release = mem_stream_release,
  .run = mem_stream_run,
  .expected = mem_stream_expected,
};

/* ---- noop: the cost of the pool itself ---- */

static gboolean
noop_run (gpointer      shared,
          gpointer      local,
          const SlTask *task,
          guint64      *checksum,
          GError      **error)
{
  *checksum = task->index;
  return TRUE;
}

const SlWorkload sl_workload_noop = {
  .id = "noop",
  .title = N_("Empty task"),
  .description = N_("Does nothing: what remains is the pool's own cost to hand out a task and "
                    "collect its result. Compare it with the chunk size."),
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .python_source = SL_PYTHON_SOURCE_NOOP,
  .n_default_tasks = 100000,
  .run = noop_run,
  .expected = sl_expect_task_index,
};
