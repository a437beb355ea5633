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

#include <glib/gi18n-lib.h>

#include "sl-error.h"
#include "sl-protocol.h"
#include "sl-workloads-common.h"
#include "sl-workloads.h"

#define TEST_FLAGS (SL_WORKLOAD_FLAG_TEST_ONLY | SL_WORKLOAD_FLAG_PROCESS_ONLY)
#define TEST_TASKS 16

static const SlParamInfo at_params[] = {
  { "at", "Faulty task", SL_PARAM_INT, "0", 0, 1e12, NULL,
    "Index of the task that misbehaves", 0 },
};

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

/* Each fault workload is noop but for what happens at task `at`: the fault returns FALSE with
 * an error for a task failure, or does not return at all. */
typedef gboolean (*Fault) (GError **error);

static gboolean
fault_run (Fault         fault,
           gpointer      shared,
           const SlTask *task,
           guint64      *checksum,
           GError      **error)
{
  if (is_at (shared, task) && !fault (error))
    return FALSE;

  *checksum = task->index;
  return TRUE;
}

#define FAULT_WORKLOAD(name, id_, title_, description_)                                         \
  static gboolean                                                                               \
  name##_run (gpointer shared, gpointer local, const SlTask *task, guint64 *checksum,           \
              GError **error)                                                                   \
  {                                                                                             \
    return fault_run (name##_fault, shared, task, checksum, error);                             \
  }                                                                                             \
                                                                                                \
  const SlWorkload sl_workload_test_##name = {                                                  \
    .id = id_, .title = title_, .description = description_,                                    \
    .kind = SL_WORKLOAD_KIND_OVERHEAD, .flags = TEST_FLAGS,                                     \
    SL_WORKLOAD_PARAMS (at_params), .n_default_tasks = TEST_TASKS,                              \
    .prepare = params_prepare, .release = params_release,                                       \
    .run = name##_run, .expected = sl_expect_task_index,                                        \
  }

static gboolean
crash_fault (GError **error)
{
  raise (SIGSEGV);
  return TRUE;
}

static gboolean
exit_fault (GError **error)
{
  exit (3);
  return TRUE;
}

static gboolean
hang_fault (GError **error)
{
  /* Ignores the cancel flag on purpose: only the pool's timeout or a kill can end it. */
  for (;;)
    pause ();
  return TRUE;
}

static gboolean
garbage_fault (GError **error)
{
  static const char junk[] = "this is not a frame, just junk bytes\n";
  int fd = sl_protocol_get_worker_output_fd ();

  if (fd < 0)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_TASK,
                           "test-garbage runs only inside speedup-lab-worker");
      return FALSE;
    }
  return sl_protocol_write_all (fd, (const guint8 *) junk, sizeof junk - 1, error);
}

static gboolean
fail_fault (GError **error)
{
  g_set_error_literal (error, SL_ERROR, SL_ERROR_TASK, "simulated failure");
  return FALSE;
}

FAULT_WORKLOAD (crash, "test-crash", "Test: worker crash",
                "Raises SIGSEGV in its worker at task `at`.");
FAULT_WORKLOAD (exit, "test-exit", "Test: worker exits",
                "Exits its worker with status 3 at task `at`.");
FAULT_WORKLOAD (hang, "test-hang", "Test: task hangs",
                "Sleeps forever at task `at`, ignoring cancellation.");
FAULT_WORKLOAD (garbage, "test-garbage", "Test: protocol garbage",
                "Writes junk bytes into its worker's protocol stream at task `at`.");
FAULT_WORKLOAD (fail, "test-fail", "Test: task fails",
                "Returns an error from task `at`; its worker carries on.");

/* ---- test-pid: which worker ran a task ---- */

static const SlParamInfo pid_params[] = {
  { "delay_ms", "Sleep per task", SL_PARAM_INT, "2", 0, 1000, "ms",
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

const SlWorkload sl_workload_test_pid = {
  .id = "test-pid",
  .title = "Test: worker id",
  .description = "Returns the process id of the worker that ran the task.",
  .kind = SL_WORKLOAD_KIND_OVERHEAD,
  .flags = TEST_FLAGS,
  SL_WORKLOAD_PARAMS (pid_params),
  .n_default_tasks = TEST_TASKS,
  .prepare = params_prepare,
  .release = params_release,
  .run = pid_run,
};
