/* sl-workloads-mixed.c: mixed: C ms of computing, then L ms of waiting. */
#define G_LOG_DOMAIN "sl-workloads-io"

#include "config.h"

#include <time.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sl-error.h"
#include "sl-http-client.h"
#include "sl-http-server.h"
#include "sl-i18n.h"
#include "sl-mix.h"
#include "sl-workloads-common.h"
#include "sl-workloads.h"

/* Knuth's MMIX LCG: each step depends on the last, so the loop cannot be vectorised or cut
 * short, and jumping n steps ahead has a closed form for expected(). */
#define LCG_A G_GUINT64_CONSTANT (6364136223846793005)
#define LCG_C G_GUINT64_CONSTANT (1442695040888963407)

#define MIXED_PAGES 100
#define MIXED_BYTES 1024

static const SlParamInfo mixed_params[] = {
  { "cpu_ms", N_("Computing per task"), SL_PARAM_INT, "10", 0, 60000, N_("ms"),
    N_("CPU work per task, measured on one core of this machine when the experiment starts"), 0 },
  { "io_ms", N_("Waiting per task"), SL_PARAM_INT, "40", 0, SL_HTTP_MAX_DELAY_MS, N_("ms"),
    N_("Waiting per task, after the CPU work"), 0 },
  { "io", N_("Way of waiting"), SL_PARAM_STRING, "sleep", 0, 0, NULL,
    N_("How the task waits: “sleep”, or “http” for a GET of a 1 KiB page from the built-in server "
       "that answers after io_ms"), 0 },
  { "cpu_iterations", N_("Loop iterations"), SL_PARAM_INT, "0", 0, 1e15, NULL,
    N_("Loop iterations that take cpu_ms, measured when the experiment starts"),
    SL_PARAM_FLAG_INTERNAL },
  { "server_url", N_("Server address"), SL_PARAM_STRING, "", 0, 0, NULL,
    N_("Address of the built-in server, set when the experiment starts"), SL_PARAM_FLAG_INTERNAL },
};

typedef struct {
  guint64       iterations;
  gint64        io_ms;
  SlHttpShared *http;      /* NULL when the task sleeps */
} MixedShared;

static guint64
lcg_run (guint64       x,
         guint64       n,
         const SlTask *task,
         gboolean     *was_cancelled)
{
  for (guint64 block = 0; block < n; block += SL_CPU_CANCEL_STRIDE)
    {
      guint64 stop = MIN (n, block + SL_CPU_CANCEL_STRIDE);

      if (sl_cancelled (task))
        {
          *was_cancelled = TRUE;
          return 0;
        }
      for (guint64 i = block; i < stop; i++)
        {
          x = x * LCG_A + LCG_C;
          SL_OPAQUE (x);
        }
    }

  return x;
}

/* n steps of the LCG in O(log n) (F. Brown, "Random number generation with arbitrary
 * strides", 1994). */
static guint64
lcg_jump (guint64 x,
          guint64 n)
{
  guint64 mult = LCG_A, plus = LCG_C;
  guint64 acc_mult = 1, acc_plus = 0;

  while (n > 0)
    {
      if (n & 1)
        {
          acc_mult *= mult;
          acc_plus = acc_plus * mult + plus;
        }
      plus = (mult + 1) * plus;
      mult *= mult;
      n >>= 1;
    }

  return acc_mult * x + acc_plus;
}

static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* Iterations of the loop per millisecond of this thread's CPU time; the best of a few tries,
 * since the machine's noise only ever makes a try slower. */
static double
calibrate_iterations_per_ms (void)
{
  guint64 n = SL_CPU_CANCEL_STRIDE;
  guint64 x = 1;
  gboolean unused = FALSE;
  double best = 0;

  for (;;)
    {
      gint64 start = thread_cpu_ns ();
      x = lcg_run (x, n, NULL, &unused);
      if (thread_cpu_ns () - start >= 10 * G_GINT64_CONSTANT (1000000))
        break;
      n *= 2;
    }

  for (int attempt = 0; attempt < 3; attempt++)
    {
      gint64 start = thread_cpu_ns ();
      gint64 elapsed;

      x = lcg_run (x, n, NULL, &unused);
      elapsed = MAX (thread_cpu_ns () - start, 1);
      best = MAX (best, (double) n * 1e6 / (double) elapsed);
    }

  /* Keep x alive so that the calibration loops are not optimised away. */
  SL_OPAQUE (x);
  return best;
}

static guint64
mixed_iterations (gint64 cpu_ms)
{
  return cpu_ms > 0 ? (guint64) (calibrate_iterations_per_ms () * (double) cpu_ms) : 0;
}

static void
mixed_check (const SlParams *params,
             GPtrArray      *problems)
{
  const char *io = sl_params_get_string (params, "io");

  if (!g_str_equal (io, "sleep") && !g_str_equal (io, "http"))
    sl_workload_add_problem (problems, "io",
                             _("Parameter io of mixed must be “sleep” or “http”, not “%s”"), io);
}

/* Measures the CPU loop once, here, so that every worker (threads and processes alike) runs
 * the same number of iterations and expected() agrees with all of them. */
static gboolean
mixed_experiment_setup (SlParams  *params,
                        gpointer  *experiment_state,
                        GError   **error)
{
  g_autofree char *iterations = NULL;
  gint64 io_ms = sl_params_get_int (params, "io_ms");

  iterations = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                mixed_iterations (sl_params_get_int (params, "cpu_ms")));
  sl_params_set (params, "cpu_iterations", iterations);

  *experiment_state = NULL;
  if (!g_str_equal (sl_params_get_string (params, "io"), "http"))
    return TRUE;

  return sl_start_local_server (params, MIXED_PAGES, MIXED_BYTES, (guint) io_ms,
                                experiment_state, error);
}

static void
mixed_release (gpointer data)
{
  MixedShared *shared = data;

  sl_http_shared_free (shared->http);
  g_free (shared);
}

static gpointer
mixed_prepare (const SlParams *params,
               GError        **error)
{
  MixedShared *shared = g_new0 (MixedShared, 1);
  gint64 cpu_ms = sl_params_get_int (params, "cpu_ms");

  shared->iterations = (guint64) sl_params_get_int (params, "cpu_iterations");
  /* Without experiment_setup (a direct caller), measure here. */
  if (shared->iterations == 0)
    shared->iterations = mixed_iterations (cpu_ms);
  shared->io_ms = sl_params_get_int (params, "io_ms");

  if (g_str_equal (sl_params_get_string (params, "io"), "http"))
    {
      shared->http = sl_http_shared_new ();
      shared->http->timeout_s = (double) shared->io_ms / 1000 + 30;
      if (!sl_http_shared_set_server (shared->http, params, MIXED_PAGES, MIXED_BYTES,
                                      shared->io_ms, error))
        {
          mixed_release (shared);
          return NULL;
        }
    }

  return shared;
}

static gpointer
mixed_worker_init (gpointer  data,
                   GError  **error)
{
  MixedShared *shared = data;

  /* Sleeping workers need no state; a non-NULL token keeps "no state" apart from failure. */
  if (shared->http == NULL)
    return g_new0 (SlHttpWorker, 1);

  return sl_http_worker_new (shared->http, error);
}

static gboolean
mixed_run (gpointer      data,
           gpointer      local,
           const SlTask *task,
           guint64      *checksum,
           GError      **error)
{
  MixedShared *shared = data;
  gboolean was_cancelled = FALSE;
  guint64 x;

  x = lcg_run (sl_mix64 (task->index + 1), shared->iterations, task, &was_cancelled);
  if (was_cancelled)
    return sl_set_cancelled (error);

  if (shared->http != NULL)
    {
      SlHttpWorker *worker = local;

      if (!sl_http_fetch_page (worker, task->index % MIXED_PAGES, task, error))
        return FALSE;
      *checksum = x ^ worker->checksum;
    }
  else
    {
      if (!sl_sleep_until (g_get_monotonic_time () + shared->io_ms * G_TIME_SPAN_MILLISECOND, task))
        return sl_set_cancelled (error);
      *checksum = x;
    }

  return TRUE;
}

static gboolean
mixed_expected (gpointer      data,
                const SlTask *task,
                guint64      *checksum)
{
  MixedShared *shared = data;

  *checksum = lcg_jump (sl_mix64 (task->index + 1), shared->iterations);
  if (shared->http != NULL)
    *checksum ^= sl_http_shared_page_checksum (shared->http, task->index % MIXED_PAGES);

  return TRUE;
}

const SlWorkload sl_workload_mixed = {
  .id = "mixed",
  .title = N_("Compute, then wait"),
  .description = N_("The middle ground the article skips: each task computes for cpu_ms, then "
                    "waits for io_ms. Threads and processes both overlap the waiting; only the "
                    "computing competes for the cores."),
  .kind = SL_WORKLOAD_KIND_MIXED,
  SL_WORKLOAD_PARAMS (mixed_params),
  .n_default_tasks = 100,
  .check = mixed_check,
  .experiment_setup = mixed_experiment_setup,
  .experiment_teardown = sl_stop_local_server,
  .prepare = mixed_prepare,
  .release = mixed_release,
  .worker_init = mixed_worker_init,
  .worker_free = sl_http_worker_free,
  .run = mixed_run,
  .expected = mixed_expected,
};
