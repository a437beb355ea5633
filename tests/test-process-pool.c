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
#include "sl-test-util.h"
#include "sl-pool.h"
#include "sl-process-pool.h"
#include "sl-worker-path.h"
#include "sl-protocol.h"
#include "sl-workload.h"

static SlPool *
start_pool (const char    *id,
            SlParams      *params,
            guint          workers,
            double         task_timeout_s,
            GCancellable  *cancellable,
            GError       **error)
{
  SlPoolConfig config = {
    .workload = sl_workload_lookup (id),
    .params = params,
    .runtime = SL_RUNTIME_NATIVE,
    .workers = workers,
    .task_timeout_s = task_timeout_s,
    .cancellable = cancellable,
  };

  g_assert_nonnull (config.workload);

  return sl_process_pool_new (&config, error);
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

static void
test_noop (void)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);
  g_autoptr(GError) error = NULL;
  SlPool *pool;
  const guint chunks[] = { 1, 7 };

  pool = start_pool ("noop", params, 4, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pool);
  g_assert_cmpfloat (sl_pool_get_startup_time (pool), >, 0);
  g_assert_cmpstr (pool->klass->name, ==, "processes");

  /* The same pool runs batch after batch. */
  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      SlBatch batch;
      Progress progress = { .monotonic = TRUE };

      sl_batch_init (&batch, 1000, 1000, chunks[c]);
      batch.progress = progress_cb;
      batch.progress_data = &progress;
      g_assert_true (sl_pool_run_batch (pool, &batch, &error));
      g_assert_no_error (error);
      assert_checksums ("noop", params, &batch);
      g_assert_cmpuint (progress.calls, >, 0);
      g_assert_cmpuint (progress.last_done, ==, 1000);
      g_assert_true (progress.monotonic);
      sl_batch_clear (&batch);
    }

  sl_pool_free (pool);
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

/* A chunk whose answers exceed a pipe and the worker's flush size arrives in several frames. */
static void
test_huge_chunk (void)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);
  g_autoptr(GError) error = NULL;
  SlPool *pool;
  SlBatch batch;

  pool = start_pool ("noop", params, 2, 0, NULL, &error);
  g_assert_no_error (error);

  sl_batch_init (&batch, 300000, 300000, 200000);
  g_assert_true (sl_pool_run_batch (pool, &batch, &error));
  g_assert_no_error (error);
  assert_checksums ("noop", params, &batch);
  sl_batch_clear (&batch);

  sl_pool_free (pool);
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_cpu_sum (void)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", "n", "40000000", NULL);
  g_autoptr(GError) error = NULL;
  SlPool *pool;
  const guint chunks[] = { 1, 7 };

  pool = start_pool ("cpu-sum", params, 2, 0, NULL, &error);
  g_assert_no_error (error);

  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      SlBatch batch;

      sl_batch_init (&batch, 16, 16, chunks[c]);
      g_assert_true (sl_pool_run_batch (pool, &batch, &error));
      g_assert_no_error (error);
      assert_checksums ("cpu-sum", params, &batch);

      /* The workers' own CPU time, not this process's. */
      g_assert_cmpfloat (batch.usage.user_s + batch.usage.sys_s, >, 0);
      g_assert_cmpint (batch.usage.peak_rss_kb, >, 0);
      g_assert_cmpint (batch.usage.voluntary_cs, >=, 0);
      g_assert_cmpint (batch.usage.involuntary_cs, >=, 0);
      sl_batch_clear (&batch);
    }

  /* Weak scaling: twice the tasks, each of the same size. */
  {
    SlBatch batch;

    sl_batch_init (&batch, 32, 16, 3);
    g_assert_true (sl_pool_run_batch (pool, &batch, &error));
    g_assert_no_error (error);
    assert_checksums ("cpu-sum", params, &batch);
    sl_batch_clear (&batch);
  }

  sl_pool_free (pool);
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
test_every_worker_used (void)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("test-pid", "delay_ms", "3", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree guint64 *pids = NULL;
  SlPool *pool;
  SlBatch batch;
  guint distinct = 0;

  pool = start_pool ("test-pid", params, 4, 0, NULL, &error);
  g_assert_no_error (error);

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
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

/* Workers of several threads (lanes): each lane answers its own chunks, in any order with the
 * others, and a crash of the process fails the batch. */
static void
test_threads_in_one_worker (void)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(GError) error = NULL;
  SlBatch batch;

  {
    g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", "n", "1000003", NULL);
    SlPoolConfig config = { .workload = sl_workload_lookup ("cpu-sum"), .params = params,
                            .runtime = SL_RUNTIME_NATIVE, .workers = 2,
                            .threads_per_worker = 4 };
    g_autoptr(SlPool) pool = sl_process_pool_new (&config, &error);

    g_assert_no_error (error);
    for (guint chunk = 1; chunk <= 7; chunk += 6)
      {
        sl_batch_init (&batch, 2000, 1000, chunk);
        g_assert_true (sl_pool_run_batch (pool, &batch, &error));
        g_assert_no_error (error);
        assert_checksums ("cpu-sum", params, &batch);
        sl_batch_clear (&batch);
      }
  }

  {
    g_autoptr(SlParams) params = sl_test_resolve_params ("test-pid", "delay_ms", "3", NULL);
    SlPoolConfig config = { .workload = sl_workload_lookup ("test-pid"), .params = params,
                            .runtime = SL_RUNTIME_NATIVE, .workers = 1,
                            .threads_per_worker = 3 };
    g_autoptr(SlPool) pool = sl_process_pool_new (&config, &error);

    g_assert_no_error (error);
    sl_batch_init (&batch, 12, 12, 1);
    g_assert_true (sl_pool_run_batch (pool, &batch, &error));
    for (guint64 i = 0; i < batch.n_tasks; i++)
      g_assert_cmpuint (batch.checksums[i], ==, batch.checksums[0]);
    sl_batch_clear (&batch);
  }

  {
    g_autoptr(SlParams) params = sl_test_resolve_params ("test-crash", "at", "5", NULL);
    SlPoolConfig config = { .workload = sl_workload_lookup ("test-crash"), .params = params,
                            .runtime = SL_RUNTIME_NATIVE, .workers = 1,
                            .threads_per_worker = 3 };
    g_autoptr(SlPool) pool = sl_process_pool_new (&config, &error);

    g_assert_no_error (error);
    sl_batch_init (&batch, 12, 12, 1);
    g_assert_false (sl_pool_run_batch (pool, &batch, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
    g_assert_nonnull (strstr (error->message, "signal 11"));
    sl_batch_clear (&batch);
  }

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

/* Runs a fault workload and returns the batch's error; checks that the pool stays broken with the
 * same reason and that freeing it leaves nothing behind. */
static GError *
run_faulty (const char *id,
            const char *at,
            guint       chunk,
            double      task_timeout_s)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params (id, "at", at, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  SlPool *pool;
  SlBatch batch;

  pool = start_pool (id, params, 2, task_timeout_s, NULL, &error);
  g_assert_no_error (error);

  sl_batch_init (&batch, 16, 16, chunk);
  g_assert_false (sl_pool_run_batch (pool, &batch, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", id, error->message);
  sl_batch_clear (&batch);

  /* A broken pool already killed and reaped its workers. */
  sl_test_assert_no_children ();

  sl_batch_init (&batch, 4, 4, 1);
  g_assert_false (sl_pool_run_batch (pool, &batch, &again));
  g_assert_error (again, error->domain, error->code);
  g_assert_cmpstr (again->message, ==, error->message);
  sl_batch_clear (&batch);

  sl_pool_free (pool);
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);

  return g_steal_pointer (&error);
}

static void
test_crash (void)
{
  g_autoptr(GError) error = run_faulty ("test-crash", "5", 1, 0);

  g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
  g_assert_nonnull (strstr (error->message, "was killed by signal 11 (Segmentation fault)"));
  g_assert_nonnull (strstr (error->message, "while running task 5"));
}

static void
test_crash_in_chunk (void)
{
  g_autoptr(GError) error = run_faulty ("test-crash", "5", 4, 0);

  /* Task 5 is in the chunk 4–7; the tasks before it were fast, so their answers may not have
   * left the worker yet. */
  g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
  g_assert_nonnull (strstr (error->message, "signal 11"));
  g_assert_true (strstr (error->message, "of tasks 4–7") != NULL ||
                 strstr (error->message, "of tasks 5–7") != NULL ||
                 strstr (error->message, "task 5") != NULL);
}

static void
test_exit (void)
{
  g_autoptr(GError) error = run_faulty ("test-exit", "3", 1, 0);

  g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
  g_assert_nonnull (strstr (error->message, "exited with status 3 while running task 3"));
}

static void
test_hang (void)
{
  g_autoptr(GError) error = run_faulty ("test-hang", "6", 1, 0.3);

  g_assert_error (error, SL_ERROR, SL_ERROR_TIMEOUT);
  g_assert_cmpstr (error->message, ==,
                   "task 6 ran past the 0.3 s timeout; its worker was stopped");
}

static void
test_hang_in_chunk (void)
{
  g_autoptr(GError) error = run_faulty ("test-hang", "6", 4, 0.1);

  g_assert_error (error, SL_ERROR, SL_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "tasks 4–7 ran past their 0.4 s timeout"));
}

static void
test_garbage (void)
{
  g_autoptr(GError) error = run_faulty ("test-garbage", "2", 1, 0);

  g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
  g_assert_nonnull (strstr (error->message, "sent a malformed frame: bad magic"));
}

static void
test_task_failure (void)
{
  int fds_before = sl_test_count_fds ();
  g_autoptr(SlParams) params = sl_test_resolve_params ("test-fail", "at", "4", NULL);
  g_autoptr(GError) error = NULL;
  SlPool *pool;
  SlBatch batch;

  pool = start_pool ("test-fail", params, 2, 0, NULL, &error);
  g_assert_no_error (error);

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
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (void)
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

  pool = start_pool ("test-hang", params, 2, 0, cancellable, &error);
  g_assert_no_error (error);

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
  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_missing_worker (void)
{
  int fds_before = sl_test_count_fds ();
  g_autofree char *saved = g_strdup (g_getenv ("SPEEDUP_LAB_WORKER"));
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);
  g_autoptr(GError) error = NULL;
  SlPool *pool;

  g_setenv ("SPEEDUP_LAB_WORKER", "/nonexistent/speedup-lab-worker", TRUE);
  pool = start_pool ("noop", params, 2, 0, NULL, &error);
  g_assert_null (pool);
  g_assert_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/speedup-lab-worker"));

  if (saved != NULL)
    g_setenv ("SPEEDUP_LAB_WORKER", saved, TRUE);
  else
    g_unsetenv ("SPEEDUP_LAB_WORKER");

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_worker_refuses (void)
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

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_worker_alone (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  path = sl_worker_find_path (&error);
  g_assert_no_error (error);

  /* Without a pool it says HELLO, reads the end of its input and leaves quietly. */
  {
    const char *argv[] = { path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL,
                                 NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    /* The HELLO frame's magic; the bytes after it hold zeros. */
    g_assert_cmpuint (strlen (out), >=, 4);
    g_assert_cmpint (memcmp (out, "SLP1", 4), ==, 0);
  }

  /* --help explains what it is. */
  {
    const char *argv[] = { path, "--help", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL,
                                 NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "not meant to be run by"));
  }

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
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) crash = NULL;
  SlPool *pool;
  SlBatch batch;

  pool = start_pool ("noop", params, 3, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_process_pool_get_start_method (pool), ==, expected);

  sl_batch_init (&batch, 100, 100, 1);
  g_assert_true (sl_pool_run_batch (pool, &batch, &error));
  g_assert_no_error (error);
  assert_checksums ("noop", params, &batch);
  sl_batch_clear (&batch);
  sl_pool_free (pool);

  sl_test_assert_no_children ();
  assert_fork_server_has_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);

  crash = run_faulty ("test-crash", "5", 1, 0);
  g_assert_error (crash, SL_ERROR, SL_ERROR_WORKER);
  g_assert_nonnull (strstr (crash->message, "was killed by signal 11 (Segmentation fault)"));
  g_assert_nonnull (strstr (crash->message, "while running task 5"));
  assert_fork_server_has_no_children ();
}

static void
test_fork_server (void)
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
test_fork_server_restart (void)
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
  g_autoptr(SlParams) noop = sl_test_resolve_params ("noop", NULL);
  g_autoptr(SlParams) crash = sl_test_resolve_params ("test-crash", "at", "3", NULL);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;
      SlPool *pool;
      SlBatch batch;

      pool = start_pool ("noop", noop, 2, 0, NULL, &error);
      g_assert_no_error (error);
      sl_batch_init (&batch, 50, 50, 1);
      g_assert_true (sl_pool_run_batch (pool, &batch, &error));
      assert_checksums ("noop", noop, &batch);
      sl_batch_clear (&batch);
      sl_pool_free (pool);

      pool = start_pool ("test-crash", crash, 2, 0, NULL, &error);
      g_assert_no_error (error);
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
test_fork_server_threads (void)
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
test_spawn_without_fork_server (void)
{
  gboolean was_off = g_getenv ("SPEEDUP_LAB_NO_FORK_SERVER") != NULL;

  g_setenv ("SPEEDUP_LAB_NO_FORK_SERVER", "1", TRUE);
  check_start_method ("spawn");
  if (!was_off)
    g_unsetenv ("SPEEDUP_LAB_NO_FORK_SERVER");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!sl_workload_test_workloads_enabled ())
    {
      g_printerr ("SPEEDUP_LAB_TEST_WORKLOADS=1 is needed for the fault-injection workloads\n");
      return 77;
    }

  g_test_add_func ("/process-pool/missing-worker", test_missing_worker);
  g_test_add_func ("/process-pool/worker-refuses", test_worker_refuses);
  g_test_add_func ("/process-pool/noop", test_noop);
  g_test_add_func ("/process-pool/huge-chunk", test_huge_chunk);
  g_test_add_func ("/process-pool/cpu-sum", test_cpu_sum);
  g_test_add_func ("/process-pool/every-worker-used", test_every_worker_used);
  g_test_add_func ("/process-pool/threads-in-one-worker", test_threads_in_one_worker);
  g_test_add_func ("/process-pool/crash", test_crash);
  g_test_add_func ("/process-pool/crash-in-chunk", test_crash_in_chunk);
  g_test_add_func ("/process-pool/exit", test_exit);
  g_test_add_func ("/process-pool/hang", test_hang);
  g_test_add_func ("/process-pool/hang-in-chunk", test_hang_in_chunk);
  g_test_add_func ("/process-pool/garbage", test_garbage);
  g_test_add_func ("/process-pool/task-failure", test_task_failure);
  g_test_add_func ("/process-pool/cancel", test_cancel);
  g_test_add_func ("/process-pool/worker-alone", test_worker_alone);
  g_test_add_func ("/process-pool/fork-server", test_fork_server);
  g_test_add_func ("/process-pool/fork-server-restart", test_fork_server_restart);
  g_test_add_func ("/process-pool/fork-server-threads", test_fork_server_threads);
  g_test_add_func ("/process-pool/spawn-without-fork-server", test_spawn_without_fork_server);

  /* Every pool shares the fork server: start it before the first test counts descriptors. */
  if (!sl_fork_server_start (&error))
    g_test_message ("no fork server, every worker is spawned: %s", error->message);

  status = g_test_run ();
  sl_fork_server_shutdown ();
  return status;
}
