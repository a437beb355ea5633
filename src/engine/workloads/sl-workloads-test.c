/* sl-workloads-test.c: fault-injection workloads that prove the process pool survives its workers.
 *
 * They are listed only with SPEEDUP_LAB_TEST_WORKLOADS=1 and never run in-process: each one
 * brings its worker down (or corrupts its stream) at task index `at`, and otherwise behaves like
 * noop (checksum = index).
 */
#define G_LOG_DOMAIN "sl-workloads-test"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-protocol.h"
#include "sl-workloads.h"

#define TEST_FLAGS (SL_WORKLOAD_FLAG_TEST_ONLY | SL_WORKLOAD_FLAG_PROCESS_ONLY)

static const SlParamInfo at_params[] = {
  { "at", SL_PARAM_INT, "0", 0, 1e12, NULL, "Index of the task that misbehaves", 0 },
};

static gboolean
index_expected (gpointer      shared,
                const SlTask *task,
                guint64      *checksum)
{
  *checksum = task->index;
  return TRUE;
}

static guint64
test_default_tasks (const SlParams *params)
{
  return 16;
}

/* The parameters are the shared state: run() reads `at` from them. */
static gpointer
params_prepare (const SlParams *params,
                GError        **error)
{
  return sl_params_copy (params);
}

static void
params_release (gpointer shared)
{
  sl_params_free (shared);
}

static gboolean
is_at (gpointer      shared,
       const SlTask *task)
{
  return task->index == (guint64) sl_params_get_int (shared, "at");
}

/* ---- test-crash ---- */

static gboolean
crash_run (gpointer      shared,
           gpointer      local,
           const SlTask *task,
           guint64      *checksum,
           GError      **error)
{
  if (is_at (shared, task))
    raise (SIGSEGV);

  *checksum = task->index;
  return TRUE;
}

const SlWorkload sl_workload_test_crash = {
  .id = "test-crash",
  .title = "Test: worker crash",
  .description = "Raises SIGSEGV in its worker at task `at`.",
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .flags = TEST_FLAGS,
  .params = at_params,
  .n_params = G_N_ELEMENTS (at_params),
  .default_tasks = test_default_tasks,
  .prepare = params_prepare,
  .release = params_release,
  .run = crash_run,
  .expected = index_expected,
};

/* ---- test-exit ---- */

static gboolean
exit_run (gpointer      shared,
          gpointer      local,
          const SlTask *task,
          guint64      *checksum,
          GError      **error)
{
  if (is_at (shared, task))
    exit (3);

  *checksum = task->index;
  return TRUE;
}

const SlWorkload sl_workload_test_exit = {
  .id = "test-exit",
  .title = "Test: worker exits",
  .description = "Exits its worker with status 3 at task `at`.",
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .flags = TEST_FLAGS,
  .params = at_params,
  .n_params = G_N_ELEMENTS (at_params),
  .default_tasks = test_default_tasks,
  .prepare = params_prepare,
  .release = params_release,
  .run = exit_run,
  .expected = index_expected,
};

/* ---- test-hang ---- */

static gboolean
hang_run (gpointer      shared,
          gpointer      local,
          const SlTask *task,
          guint64      *checksum,
          GError      **error)
{
  /* Ignores the cancel flag on purpose: only the pool's timeout or a kill can end it. */
  if (is_at (shared, task))
    for (;;)
      pause ();

  *checksum = task->index;
  return TRUE;
}

const SlWorkload sl_workload_test_hang = {
  .id = "test-hang",
  .title = "Test: task hangs",
  .description = "Sleeps forever at task `at`, ignoring cancellation.",
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .flags = TEST_FLAGS,
  .params = at_params,
  .n_params = G_N_ELEMENTS (at_params),
  .default_tasks = test_default_tasks,
  .prepare = params_prepare,
  .release = params_release,
  .run = hang_run,
  .expected = index_expected,
};

/* ---- test-garbage ---- */

static gboolean
garbage_run (gpointer      shared,
             gpointer      local,
             const SlTask *task,
             guint64      *checksum,
             GError      **error)
{
  if (is_at (shared, task))
    {
      static const char junk[] = "this is not a frame, just junk bytes\n";
      int fd = sl_protocol_get_worker_output_fd ();

      if (fd < 0)
        {
          g_set_error_literal (error, SL_ERROR, SL_ERROR_TASK,
                               "test-garbage runs only inside speedup-lab-worker");
          return FALSE;
        }
      if (!sl_protocol_write_all (fd, (const guint8 *) junk, sizeof junk - 1, error))
        return FALSE;
    }

  *checksum = task->index;
  return TRUE;
}

const SlWorkload sl_workload_test_garbage = {
  .id = "test-garbage",
  .title = "Test: protocol garbage",
  .description = "Writes junk bytes into its worker's protocol stream at task `at`.",
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .flags = TEST_FLAGS,
  .params = at_params,
  .n_params = G_N_ELEMENTS (at_params),
  .default_tasks = test_default_tasks,
  .prepare = params_prepare,
  .release = params_release,
  .run = garbage_run,
  .expected = index_expected,
};

/* ---- test-fail ---- */

static gboolean
fail_run (gpointer      shared,
          gpointer      local,
          const SlTask *task,
          guint64      *checksum,
          GError      **error)
{
  if (is_at (shared, task))
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_TASK, "simulated failure");
      return FALSE;
    }

  *checksum = task->index;
  return TRUE;
}

const SlWorkload sl_workload_test_fail = {
  .id = "test-fail",
  .title = "Test: task fails",
  .description = "Returns an error from task `at`; its worker carries on.",
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .flags = TEST_FLAGS,
  .params = at_params,
  .n_params = G_N_ELEMENTS (at_params),
  .default_tasks = test_default_tasks,
  .prepare = params_prepare,
  .release = params_release,
  .run = fail_run,
  .expected = index_expected,
};

/* ---- test-pid: which worker ran a task ---- */

static const SlParamInfo pid_params[] = {
  { "delay_ms", SL_PARAM_INT, "2", 0, 1000, "ms",
    "How long each task sleeps, so that every worker gets some", 0 },
};

static gboolean
pid_run (gpointer      shared,
         gpointer      local,
         const SlTask *task,
         guint64      *checksum,
         GError      **error)
{
  g_usleep (sl_params_get_int (shared, "delay_ms") * G_TIME_SPAN_MILLISECOND);
  *checksum = (guint64) getpid ();
  return TRUE;
}

static gboolean
pid_expected (gpointer      shared,
              const SlTask *task,
              guint64      *checksum)
{
  return FALSE;
}

const SlWorkload sl_workload_test_pid = {
  .id = "test-pid",
  .title = "Test: worker id",
  .description = "Returns the process id of the worker that ran the task.",
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .flags = TEST_FLAGS,
  .params = pid_params,
  .n_params = G_N_ELEMENTS (pid_params),
  .default_tasks = test_default_tasks,
  .prepare = params_prepare,
  .release = params_release,
  .run = pid_run,
  .expected = pid_expected,
};
