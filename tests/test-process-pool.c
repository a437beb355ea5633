/* test-process-pool.c: the process pool runs real work in worker processes and survives their faults.
 *
 * Every test also proves that the pool cleaned up after itself: no child (not even a zombie) is
 * left, and this process holds exactly the descriptors it held before. The fork server's socket
 * is one of those: it is started before any test, and shared by every pool.
 */
#define G_LOG_DOMAIN "test-process-pool"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-fork-server.h"
#include "sl-process-pool.h"
#include "sl-test-util.h"
#include "sl-worker-path.h"
#include "sl-workload.h"

/* `workers` processes of `threads_per_worker` threads each. */
static SlPool *
start_pool_full (const char    *id,
                 SlParams      *params,
                 guint          workers,
                 guint          threads_per_worker,
                 double         task_timeout_s,
                 GCancellable  *cancellable,
                 GError       **error)
{
  SlPoolConfig config = {
    .workload = sl_workload_lookup (id),
    .params = params,
    .runtime = SL_RUNTIME_NATIVE,
    .workers = workers,
    .threads_per_worker = threads_per_worker,
    .task_timeout_s = task_timeout_s,
    .cancellable = cancellable,
  };

  g_assert_nonnull (config.workload);

  return sl_process_pool_new (&config, error);
}

/* The processes model: one thread in each of `workers` processes. The pool must start. */
static SlPool *
start_pool (const char   *id,
            SlParams     *params,
            guint         workers,
            double        task_timeout_s,
            GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  SlPool *pool = start_pool_full (id, params, workers, 1, task_timeout_s, cancellable, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pool);
  return pool;
}

static void
assert_nothing_left (int fds_before)
{
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

/* Every task succeeded and returned what expected() says, computed here in-process. */
static void
assert_checksums (const char *id,
                  SlParams   *params,
                  SlBatch    *batch)
{
  const SlWorkload *workload = sl_workload_lookup (id);
  gpointer shared = workload->prepare ? workload->prepare (params, NULL) : NULL;

  g_assert_cmpuint (batch->n_failed_tasks, ==, 0);
  g_assert_null (batch->first_task_error);

  for (guint64 i = 0; i < batch->n_tasks; i++)
    {
      SlTask task = { .index = i, .n_tasks = batch->n_tasks, .base_tasks = batch->base_tasks };
      guint64 expected = 0;

      g_assert_true (workload->expected (shared, &task, &expected));
      g_assert_true (batch->task_ok[i]);
      g_assert_cmpuint (batch->checksums[i], ==, expected);
      g_assert_cmpfloat (batch->latencies_s[i], >=, 0);
    }

  if (workload->release != NULL)
    workload->release (shared);
}

typedef struct {
  guint64  calls;
  guint64  last_done;
  gboolean monotonic;
} Progress;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  progress->calls++;
  if (done < progress->last_done || done > total)
    progress->monotonic = FALSE;
  progress->last_done = done;
}

/* Runs a batch that must succeed, with every checksum right; the caller clears it. */
static void
run_batch_ok (SlPool     *pool,
              const char *id,
              SlParams   *params,
              SlBatch    *batch,
              guint64     n_tasks,
              guint64     base_tasks,
              guint       chunk,
              Progress   *progress)
{
  g_autoptr(GError) error = NULL;

  sl_batch_init (batch, n_tasks, base_tasks, chunk);
  if (progress != NULL)
    {
      batch->progress = progress_cb;
      batch->progress_data = progress;
    }
  g_assert_true (sl_pool_run_batch (pool, batch, &error));
  g_assert_no_error (error);
  assert_checksums (id, params, batch);
}

static void
test_noop (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);
  SlPool *pool;
  const guint chunks[] = { 1, 7 };

  pool = start_pool ("noop", params, 4, 0, NULL);
  g_assert_cmpfloat (sl_pool_get_startup_time (pool), >, 0);
  g_assert_cmpstr (pool->klass->name, ==, "processes");

  /* The same pool runs batch after batch. */
  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      SlBatch batch;
      Progress progress = { .monotonic = TRUE };

      run_batch_ok (pool, "noop", params, &batch, 1000, 1000, chunks[c], &progress);
      g_assert_cmpuint (progress.calls, >, 0);
      g_assert_cmpuint (progress.last_done, ==, 1000);
      g_assert_true (progress.monotonic);
      sl_batch_clear (&batch);
    }

  sl_pool_free (pool);
  assert_nothing_left (fds_before);
}

/* A pool of `workers` runs `n_tasks` noop tasks in chunks of `chunk`, every one right. */
static void
run_noop (guint   workers,
          guint64 n_tasks,
          guint   chunk)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);
  g_autoptr(SlPool) pool = start_pool ("noop", params, workers, 0, NULL);
  SlBatch batch;

  run_batch_ok (pool, "noop", params, &batch, n_tasks, n_tasks, chunk, NULL);
  sl_batch_clear (&batch);
}

/* A chunk whose answers exceed a pipe and the worker's flush size arrives in several frames. */
static void
test_huge_chunk (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();

  run_noop (2, 300000, 200000);
  assert_nothing_left (fds_before);
}

static void
test_cpu_sum (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", "n", "40000000", NULL);
  SlPool *pool;
  SlBatch batch;
  const guint chunks[] = { 1, 7 };

  pool = start_pool ("cpu-sum", params, 2, 0, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      run_batch_ok (pool, "cpu-sum", params, &batch, 16, 16, chunks[c], NULL);

      /* The workers' own CPU time, not this process's. */
      g_assert_cmpfloat (batch.usage.user_s + batch.usage.sys_s, >, 0);
      g_assert_cmpint (batch.usage.peak_rss_kb, >, 0);
      g_assert_cmpint (batch.usage.voluntary_cs, >=, 0);
      g_assert_cmpint (batch.usage.involuntary_cs, >=, 0);
      sl_batch_clear (&batch);
    }

  /* Weak scaling: twice the tasks, each of the same size. */
  run_batch_ok (pool, "cpu-sum", params, &batch, 32, 16, 3, NULL);
  sl_batch_clear (&batch);

  sl_pool_free (pool);
  assert_nothing_left (fds_before);
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_every_worker_used (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("test-pid", "delay_ms", "3", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree guint64 *pids = NULL;
  SlPool *pool;
  SlBatch batch;
  guint distinct = 0;

  pool = start_pool ("test-pid", params, 4, 0, NULL);

  sl_batch_init (&batch, 64, 64, 1);
  g_assert_true (sl_pool_run_batch (pool, &batch, &error));
  g_assert_no_error (error);

  pids = g_memdup2 (batch.checksums, batch.n_tasks * sizeof (guint64));
  qsort (pids, batch.n_tasks, sizeof (guint64), compare_u64);
  for (guint64 i = 0; i < batch.n_tasks; i++)
    {
      g_assert_true (batch.task_ok[i]);
      g_assert_cmpuint (pids[i], !=, 0);
      g_assert_cmpuint (pids[i], !=, (guint64) getpid ());
      if (i == 0 || pids[i] != pids[i - 1])
        distinct++;
    }
  g_assert_cmpuint (distinct, ==, 4);

  sl_batch_clear (&batch);
  sl_pool_free (pool);
  assert_nothing_left (fds_before);
}

/* Runs 12 tasks, a chunk each, on a pool of one worker process of 3 threads. */
static gboolean
run_on_one_worker_of_3_lanes (const char  *id,
                              SlParams    *params,
                              SlBatch     *batch,
                              GError     **error)
{
  g_autoptr(GError) start_error = NULL;
  g_autoptr(SlPool) pool = start_pool_full (id, params, 1, 3, 0, NULL, &start_error);

  g_assert_no_error (start_error);
  sl_batch_init (batch, 12, 12, 1);
  return sl_pool_run_batch (pool, batch, error);
}

/* Workers of several threads (lanes): each lane answers its own chunks, in any order with the
 * others, and a crash of the process fails the batch. */
static void
test_threads_in_one_worker (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(GError) error = NULL;
  SlBatch batch;

  {
    g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", "n", "1000003", NULL);
    g_autoptr(SlPool) pool = start_pool_full ("cpu-sum", params, 2, 4, 0, NULL, &error);

    g_assert_no_error (error);
    for (guint chunk = 1; chunk <= 7; chunk += 6)
      {
        run_batch_ok (pool, "cpu-sum", params, &batch, 2000, 1000, chunk, NULL);
        sl_batch_clear (&batch);
      }
  }

  {
    g_autoptr(SlParams) params = sl_test_resolve_params ("test-pid", "delay_ms", "3", NULL);

    g_assert_true (run_on_one_worker_of_3_lanes ("test-pid", params, &batch, &error));
    for (guint64 i = 0; i < batch.n_tasks; i++)
      g_assert_cmpuint (batch.checksums[i], ==, batch.checksums[0]);
    sl_batch_clear (&batch);
  }

  {
    g_autoptr(SlParams) params = sl_test_resolve_params ("test-crash", "at", "5", NULL);

    g_assert_false (run_on_one_worker_of_3_lanes ("test-crash", params, &batch, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
    g_assert_nonnull (strstr (error->message, "signal 11"));
    sl_batch_clear (&batch);
  }

  assert_nothing_left (fds_before);
}

/* ---- faults ---- */

/* A fault workload on 2 workers and what the batch must say about it. */
typedef struct {
  const char *workload;
  const char *at;               /* the task that faults */
  guint       chunk;
  double      task_timeout_s;
  int         code;             /* an SlError */
  const char *message;          /* the whole message, or NULL */
  const char *contains[2];      /* parts the message has, NULL-padded */
  const char *one_of[3];        /* at least one of these, if any */
} Fault;

static const Fault crash = {
  "test-crash", "5", 1, 0, SL_ERROR_WORKER, NULL,
  { "was killed by signal 11 (Segmentation fault)", "while running task 5" },
};

/* Task 5 is in the chunk 4–7; the tasks before it were fast, so their answers may not have left
 * the worker yet. */
static const Fault crash_in_chunk = {
  "test-crash", "5", 4, 0, SL_ERROR_WORKER, NULL,
  { "signal 11" },
  { "of tasks 4–7", "of tasks 5–7", "task 5" },
};

static const Fault exit_in_task = {
  "test-exit", "3", 1, 0, SL_ERROR_WORKER, NULL,
  { "exited with status 3 while running task 3" },
};

static const Fault hang = {
  "test-hang", "6", 1, 0.3, SL_ERROR_TIMEOUT,
  "task 6 ran past the 0.3 s timeout; its worker was stopped",
};

static const Fault hang_in_chunk = {
  "test-hang", "6", 4, 0.1, SL_ERROR_TIMEOUT, NULL,
  { "tasks 4–7 ran past their 0.4 s timeout" },
};

static const Fault garbage = {
  "test-garbage", "2", 1, 0, SL_ERROR_WORKER, NULL,
  { "sent a malformed frame: bad magic" },
};

/* Runs a fault workload and returns the batch's error; checks that the pool stays broken with the
 * same reason and that freeing it leaves nothing behind. */
static GError *
run_faulty (const Fault *fault)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params (fault->workload, "at", fault->at, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  SlPool *pool;
  SlBatch batch;

  pool = start_pool (fault->workload, params, 2, fault->task_timeout_s, NULL);

  sl_batch_init (&batch, 16, 16, fault->chunk);
  g_assert_false (sl_pool_run_batch (pool, &batch, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", fault->workload, error->message);
  sl_batch_clear (&batch);

  /* A broken pool already killed and reaped its workers. */
  sl_test_assert_no_children ();

  sl_batch_init (&batch, 4, 4, 1);
  g_assert_false (sl_pool_run_batch (pool, &batch, &again));
  g_assert_error (again, error->domain, error->code);
  g_assert_cmpstr (again->message, ==, error->message);
  sl_batch_clear (&batch);

  sl_pool_free (pool);
  assert_nothing_left (fds_before);

  return g_steal_pointer (&error);
}

static void
test_fault (gconstpointer data)
{
  const Fault *fault = data;
  g_autoptr(GError) error = run_faulty (fault);
  gboolean found = fault->one_of[0] == NULL;

  g_assert_error (error, SL_ERROR, fault->code);
  if (fault->message != NULL)
    g_assert_cmpstr (error->message, ==, fault->message);
  for (guint i = 0; i < G_N_ELEMENTS (fault->contains) && fault->contains[i] != NULL; i++)
    g_assert_nonnull (strstr (error->message, fault->contains[i]));
  for (guint i = 0; i < G_N_ELEMENTS (fault->one_of) && fault->one_of[i] != NULL; i++)
    found = found || strstr (error->message, fault->one_of[i]) != NULL;
  g_assert_true (found);
}

static void
test_task_failure (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("test-fail", "at", "4", NULL);
  g_autoptr(GError) error = NULL;
  SlPool *pool;
  SlBatch batch;

  pool = start_pool ("test-fail", params, 2, 0, NULL);

  /* A task that fails does not fail the batch, and its worker carries on. */
  for (guint round = 0; round < 2; round++)
    {
      sl_batch_init (&batch, 16, 16, 3);
      g_assert_true (sl_pool_run_batch (pool, &batch, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (batch.n_failed_tasks, ==, 1);
      g_assert_nonnull (batch.first_task_error);
      g_assert_nonnull (strstr (batch.first_task_error, "simulated failure"));
      for (guint64 i = 0; i < batch.n_tasks; i++)
        {
          g_assert_cmpint (batch.task_ok[i], ==, i != 4);
          if (i != 4)
            g_assert_cmpuint (batch.checksums[i], ==, i);
        }
      sl_batch_clear (&batch);
    }

  sl_pool_free (pool);
  assert_nothing_left (fds_before);
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("test-hang", "at", "1", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  GThread *thread;
  SlPool *pool;
  SlBatch batch;
  gint64 start;

  pool = start_pool ("test-hang", params, 2, 0, cancellable);

  /* Task 1 hangs for ever and no timeout is set: only cancelling ends the batch. */
  sl_batch_init (&batch, 8, 8, 1);
  thread = g_thread_new ("canceller", cancel_soon, cancellable);
  start = g_get_monotonic_time ();
  g_assert_false (sl_pool_run_batch (pool, &batch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* A bound to catch a pool that waited for something else, not a timing measurement. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_thread_join (thread);
  sl_batch_clear (&batch);
  sl_test_assert_no_children ();

  sl_batch_init (&batch, 8, 8, 1);
  g_assert_false (sl_pool_run_batch (pool, &batch, &again));
  g_assert_error (again, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sl_batch_clear (&batch);

  sl_pool_free (pool);
  assert_nothing_left (fds_before);
}

/* ---- starting workers ---- */

static void
test_missing_worker (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  g_autofree char *saved = g_strdup (g_getenv ("SPEEDUP_LAB_WORKER"));
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);
  g_autoptr(GError) error = NULL;
  SlPool *pool;

  g_setenv ("SPEEDUP_LAB_WORKER", "/nonexistent/speedup-lab-worker", TRUE);
  pool = start_pool_full ("noop", params, 2, 1, 0, NULL, &error);
  g_assert_null (pool);
  g_assert_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/speedup-lab-worker"));

  if (saved != NULL)
    g_setenv ("SPEEDUP_LAB_WORKER", saved, TRUE);
  else
    g_unsetenv ("SPEEDUP_LAB_WORKER");

  assert_nothing_left (fds_before);
}

static void
test_worker_refuses (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("test-fail", NULL);
  g_autoptr(GError) error = NULL;
  SlPoolConfig config = {
    .workload = sl_workload_lookup ("test-fail"),
    .params = params,
    .workers = 3,
  };
  SlPool *pool;

  /* The worker's own registry hides test workloads without the variable: it answers ERROR, and
   * its message comes through with its code. */
  g_setenv ("SPEEDUP_LAB_TEST_WORKLOADS", "0", TRUE);
  pool = sl_process_pool_new (&config, &error);
  g_setenv ("SPEEDUP_LAB_TEST_WORKLOADS", "1", TRUE);

  g_assert_null (pool);
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "SPEEDUP_LAB_TEST_WORKLOADS=1"));

  assert_nothing_left (fds_before);
}

/* Runs the worker program with `argument` (NULL: none) and its stdin empty; it must succeed. */
static char *
run_worker_alone (const char *path,
                  const char *argument)
{
  const char *argv[] = { path, argument, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return out;
}

static void
test_worker_alone (gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *help = NULL;
  g_autoptr(GError) error = NULL;

  path = sl_worker_find_path (&error);
  g_assert_no_error (error);

  /* Without a pool it says HELLO, reads the end of its input and leaves quietly. */
  out = run_worker_alone (path, NULL);
  /* The HELLO frame's magic; the bytes after it hold zeros. */
  g_assert_cmpuint (strlen (out), >=, 4);
  g_assert_cmpint (memcmp (out, "SLP1", 4), ==, 0);

  /* --help explains what it is. */
  help = run_worker_alone (path, "--help");
  g_assert_nonnull (strstr (help, "not meant to be run by"));

  sl_test_assert_no_children ();
}

/* Forked workers are the fork server's children: it must have reaped them all. */
static void
assert_fork_server_has_no_children (void)
{
  GPid server = sl_fork_server_get_pid ();
  g_autofree char *path = NULL;
  g_autofree char *children = NULL;

  if (server == 0)
    return;

  path = g_strdup_printf ("/proc/%d/task/%d/children", server, server);
  if (!g_file_get_contents (path, &children, NULL, NULL))
    return;   /* a kernel without CONFIG_PROC_CHILDREN */
  g_assert_cmpstr (g_strstrip (children), ==, "");
}

/* A pool started its workers the `expected` way, they ran, and a crash is reported with its
 * signal and task; nothing is left behind. */
static void
check_start_method (const char *expected)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);
  SlPool *pool;
  SlBatch batch;

  pool = start_pool ("noop", params, 3, 0, NULL);
  g_assert_cmpstr (sl_process_pool_get_start_method (pool), ==, expected);

  run_batch_ok (pool, "noop", params, &batch, 100, 100, 1, NULL);
  sl_batch_clear (&batch);
  sl_pool_free (pool);

  sl_test_assert_no_children ();
  assert_fork_server_has_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);

  test_fault (&crash);
  assert_fork_server_has_no_children ();
}

static void
test_fork_server (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GPid server;

  if (g_getenv ("SPEEDUP_LAB_NO_FORK_SERVER") != NULL)
    {
      g_test_skip ("the fork server is turned off");
      return;
    }

  g_assert_true (sl_fork_server_start (&error));
  g_assert_no_error (error);
  server = sl_fork_server_get_pid ();
  g_assert_cmpint (server, >, 0);

  check_start_method ("fork-server");

  /* A worker's crash does not take the server with it. */
  g_assert_cmpint (sl_fork_server_get_pid (), ==, server);
}

static void
test_fork_server_restart (gconstpointer data)
{
  GPid server = sl_fork_server_get_pid ();

  if (g_getenv ("SPEEDUP_LAB_NO_FORK_SERVER") != NULL)
    {
      g_test_skip ("the fork server is turned off");
      return;
    }

  g_assert_cmpint (server, >, 0);

  /* It is not this process's child: wait for whoever adopted it to reap it. */
  g_assert_cmpint (kill (server, SIGKILL), ==, 0);
  for (guint i = 0; i < 5000 && kill (server, 0) == 0; i++)
    g_usleep (G_TIME_SPAN_MILLISECOND);

  /* The next pool notices, and starts another. */
  check_start_method ("fork-server");
  g_assert_cmpint (sl_fork_server_get_pid (), !=, server);
}

/* Pools on several threads share the server: each gets its own workers and its own reports. */
static gpointer
pools_on_a_thread (gpointer data)
{
  g_autoptr(SlParams) crash_at_3 = sl_test_resolve_params ("test-crash", "at", "3", NULL);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;
      SlPool *pool;
      SlBatch batch;

      run_noop (2, 50, 1);

      pool = start_pool ("test-crash", crash_at_3, 2, 0, NULL);
      sl_batch_init (&batch, 8, 8, 1);
      g_assert_false (sl_pool_run_batch (pool, &batch, &error));
      g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
      g_assert_nonnull (strstr (error->message, "was killed by signal 11"));
      g_assert_nonnull (strstr (error->message, "while running task 3"));
      sl_batch_clear (&batch);
      sl_pool_free (pool);
    }

  return NULL;
}

static void
test_fork_server_threads (gconstpointer data)
{
  int fds_before = sl_test_count_fds ();
  GThread *threads[3];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("pools", pools_on_a_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  sl_test_assert_no_children ();
  assert_fork_server_has_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_spawn_without_fork_server (gconstpointer data)
{
  gboolean was_off = g_getenv ("SPEEDUP_LAB_NO_FORK_SERVER") != NULL;

  g_setenv ("SPEEDUP_LAB_NO_FORK_SERVER", "1", TRUE);
  check_start_method ("spawn");
  if (!was_off)
    g_unsetenv ("SPEEDUP_LAB_NO_FORK_SERVER");
}

/* In order: the fork server tests restart the server the earlier ones shared. */
static const struct {
  const char    *path;
  GTestDataFunc  func;
  const Fault   *fault;
} tests[] = {
  { "/process-pool/missing-worker", test_missing_worker },
  { "/process-pool/worker-refuses", test_worker_refuses },
  { "/process-pool/noop", test_noop },
  { "/process-pool/huge-chunk", test_huge_chunk },
  { "/process-pool/cpu-sum", test_cpu_sum },
  { "/process-pool/every-worker-used", test_every_worker_used },
  { "/process-pool/threads-in-one-worker", test_threads_in_one_worker },
  { "/process-pool/crash", test_fault, &crash },
  { "/process-pool/crash-in-chunk", test_fault, &crash_in_chunk },
  { "/process-pool/exit", test_fault, &exit_in_task },
  { "/process-pool/hang", test_fault, &hang },
  { "/process-pool/hang-in-chunk", test_fault, &hang_in_chunk },
  { "/process-pool/garbage", test_fault, &garbage },
  { "/process-pool/task-failure", test_task_failure },
  { "/process-pool/cancel", test_cancel },
  { "/process-pool/worker-alone", test_worker_alone },
  { "/process-pool/fork-server", test_fork_server },
  { "/process-pool/fork-server-restart", test_fork_server_restart },
  { "/process-pool/fork-server-threads", test_fork_server_threads },
  { "/process-pool/spawn-without-fork-server", test_spawn_without_fork_server },
};

/* Every pool shares the fork server: start it before the first test counts descriptors. */
static void
start_shared_fork_server (void)
{
  g_autoptr(GError) error = NULL;

  if (!sl_fork_server_start (&error))
    g_test_message ("no fork server, every worker is spawned: %s", error->message);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!sl_workload_test_workloads_enabled ())
    {
      g_printerr ("SPEEDUP_LAB_TEST_WORKLOADS=1 is needed for the fault-injection workloads\n");
      return 77;
    }

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_data_func (tests[i].path, tests[i].fault, tests[i].func);

  start_shared_fork_server ();
  status = g_test_run ();
  sl_fork_server_shutdown ();
  return status;
}
