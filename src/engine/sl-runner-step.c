/* sl-runner-step.c: the engine thread's steps, the workload calls that cannot be interrupted
 * (set-up, prepare(), expected()) and the reading of /proc, each on a helper thread.
 *
 * The engine thread waits for a step or for the cancellable, whichever comes first, so that a
 * cancel never waits for the workload; a step it stopped waiting for finishes on its own and
 * frees what it returns. What set-up started and what prepare() made are shared, counted, by
 * the engine and the steps that may outlive it.
 *
 * The waits use pthread primitives rather than GMutex or GCond: ThreadSanitizer cannot follow
 * GLib's futex-based locks, and it can follow these.
 */
#define G_LOG_DOMAIN "sl-runner"

#include "config.h"

#include <pthread.h>
#include <time.h>

#include <gio/gio.h>

#include "sl-clock.h"
#include "sl-i18n.h"
#include "sl-runner-step.h"

/* How often the engine thread, waiting for a step, looks at the cancellable. */
#define STEP_POLL_NS (20 * G_GINT64_CONSTANT (1000000))

/* ---- what set-up and prepare() made ---- */

SlRunnerExperiment *
sl_runner_experiment_new (const SlWorkload *workload)
{
  SlRunnerExperiment *experiment = g_atomic_rc_box_new0 (SlRunnerExperiment);

  experiment->workload = workload;
  return experiment;
}

SlRunnerShared *
sl_runner_shared_new (SlRunnerExperiment *experiment)
{
  SlRunnerShared *shared = g_atomic_rc_box_new0 (SlRunnerShared);

  shared->workload = experiment->workload;
  shared->experiment = g_atomic_rc_box_acquire (experiment);
  return shared;
}

static void
experiment_clear (gpointer data)
{
  SlRunnerExperiment *experiment = data;

  if (experiment->set_up && experiment->workload->experiment_teardown != NULL)
    experiment->workload->experiment_teardown (experiment->state);
}

void
sl_runner_experiment_unref (SlRunnerExperiment *experiment)
{
  g_atomic_rc_box_release_full (experiment, experiment_clear);
}

static void
shared_clear (gpointer data)
{
  SlRunnerShared *shared = data;

  if (shared->data != NULL && shared->workload->release != NULL)
    shared->workload->release (shared->data);
  sl_runner_experiment_unref (shared->experiment);
}

void
sl_runner_shared_unref (SlRunnerShared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

typedef struct _Step Step;
typedef gboolean (*StepFunc) (Step *step, gpointer *value, GError **error);

struct _Step
{
  gint                ref_count;          /* atomic: the engine thread and the helper thread */
  StepFunc            func;
  GDestroyNotify      value_free;         /* for a value that came after nobody waited */

  /* inputs, owned by the step */
  const SlWorkload   *workload;
  SlParams           *params;
  SlRunnerExperiment *experiment;
  SlRunnerShared     *shared;
  SlTask              prototype;
  gint                abandoned;          /* atomic: nobody waits any more, a loop may stop */

  /* outputs, under lock */
  pthread_mutex_t     lock;
  pthread_cond_t      done_cond;
  gboolean            done;
  gboolean            ok;
  gpointer            value;
  GError             *error;
};

static Step *
step_new (StepFunc          func,
          GDestroyNotify    value_free,
          const SlWorkload *workload)
{
  Step *step = g_new0 (Step, 1);
  pthread_condattr_t attr;

  step->ref_count = 1;
  step->func = func;
  step->value_free = value_free;
  step->workload = workload;
  pthread_mutex_init (&step->lock, NULL);
  pthread_condattr_init (&attr);
  pthread_condattr_setclock (&attr, CLOCK_MONOTONIC);
  pthread_cond_init (&step->done_cond, &attr);
  pthread_condattr_destroy (&attr);

  return step;
}

static void
step_unref (Step *step)
{
  if (!g_atomic_int_dec_and_test (&step->ref_count))
    return;

  if (step->value != NULL && step->value_free != NULL)
    step->value_free (step->value);
  g_clear_error (&step->error);
  g_clear_pointer (&step->params, sl_params_free);
  g_clear_pointer (&step->shared, sl_runner_shared_unref);
  g_clear_pointer (&step->experiment, sl_runner_experiment_unref);
  pthread_cond_destroy (&step->done_cond);
  pthread_mutex_destroy (&step->lock);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_unref)

static gpointer
step_main (gpointer data)
{
  Step *step = data;
  gpointer value = NULL;
  GError *error = NULL;
  gboolean ok = step->func (step, &value, &error);

  pthread_mutex_lock (&step->lock);
  step->done = TRUE;
  step->ok = ok;
  step->value = value;
  step->error = error;
  pthread_cond_signal (&step->done_cond);
  pthread_mutex_unlock (&step->lock);

  step_unref (step);

  return NULL;
}

/* ---- waiting for a step ---- */

/* Runs `step` on a helper thread and waits for it or for the cancellable. On cancellation the
 * call is left to finish on its own, and the step frees what it returns. */
static gboolean
run_step (Step          *step,
          GCancellable  *cancellable,
          gpointer      *value,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GThread *thread;
  gboolean done, ok = FALSE;

  *value = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_atomic_int_inc (&step->ref_count);
  thread = g_thread_try_new ("sl-step", step_main, step, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    step_main (step);     /* no thread to spare: wait for it, uninterruptible */

  pthread_mutex_lock (&step->lock);
  while (!step->done && !g_cancellable_is_cancelled (cancellable))
    {
      gint64 deadline = sl_clock_ns () + STEP_POLL_NS;
      struct timespec ts = { .tv_sec = deadline / 1000000000, .tv_nsec = deadline % 1000000000 };

      pthread_cond_timedwait (&step->done_cond, &step->lock, &ts);
    }
  done = step->done;
  if (done)
    {
      ok = step->ok;
      *value = g_steal_pointer (&step->value);
      local_error = g_steal_pointer (&step->error);
    }
  else
    {
      g_atomic_int_set (&step->abandoned, TRUE);
    }
  pthread_mutex_unlock (&step->lock);

  if (!done)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
describe_machine_step (Step      *step,
                       gpointer  *value,
                       GError   **error)
{
  *value = sl_sysinfo_collect ();
  return TRUE;
}

static gboolean
set_up_step (Step      *step,
             gpointer  *value,
             GError   **error)
{
  return step->workload->experiment_setup (step->params, value, error);
}

static gboolean
prepare_step (Step      *step,
              gpointer  *value,
              GError   **error)
{
  GError *local_error = NULL;
  gpointer shared = step->workload->prepare (step->params, &local_error);

  if (local_error != NULL)
    {
      if (shared != NULL && step->workload->release != NULL)
        step->workload->release (shared);
      g_propagate_error (error, local_error);
      return FALSE;
    }

  *value = shared;
  return TRUE;
}

static gboolean
expected_step (Step      *step,
               gpointer  *value,
               GError   **error)
{
  SlTask task = step->prototype;
  g_autofree guint64 *values = g_new (guint64, MAX (task.n_tasks, 1));

  for (guint64 i = 0; i < task.n_tasks; i++)
    {
      if (g_atomic_int_get (&step->abandoned))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          return FALSE;
        }
      task.index = i;
      /* NULL: the workload cannot know the answer for this batch. */
      if (!step->workload->expected (step->shared->data, &task, &values[i]))
        return TRUE;
    }

  *value = g_steal_pointer (&values);
  return TRUE;
}

/* ---- the steps the engine runs ---- */

gboolean
sl_runner_step_describe_machine (GCancellable  *cancellable,
                                 SlSysInfo    **system,
                                 GError       **error)
{
  g_autoptr(Step) step = step_new (describe_machine_step, (GDestroyNotify) sl_sysinfo_free, NULL);
  gpointer value = NULL;

  if (!run_step (step, cancellable, &value, error))
    return FALSE;

  *system = value;
  return TRUE;
}

gboolean
sl_runner_step_set_up (SlRunnerExperiment  *experiment,
                       SlParams           **params,
                       GCancellable        *cancellable,
                       GError             **error)
{
  const SlWorkload *workload = experiment->workload;
  g_autoptr(Step) step = step_new (set_up_step, workload->experiment_teardown, workload);
  gpointer value = NULL;

  step->params = sl_params_copy (*params);
  if (!run_step (step, cancellable, &value, error))
    return FALSE;

  experiment->state = value;
  experiment->set_up = TRUE;
  /* Set-up may record what it started (a server's address) in hidden parameters. */
  sl_params_free (*params);
  *params = g_steal_pointer (&step->params);
  return TRUE;
}

gboolean
sl_runner_step_prepare (SlRunnerShared  *shared,
                        const SlParams  *params,
                        GCancellable    *cancellable,
                        GError         **error)
{
  const SlWorkload *workload = shared->workload;
  g_autoptr(Step) step = step_new (prepare_step, workload->release, workload);
  gpointer value = NULL;

  step->params = sl_params_copy (params);
  step->experiment = g_atomic_rc_box_acquire (shared->experiment);
  if (!run_step (step, cancellable, &value, error))
    return FALSE;

  shared->data = value;
  return TRUE;
}

gboolean
sl_runner_step_expected (SlRunnerShared  *shared,
                         const SlTask    *prototype,
                         GCancellable    *cancellable,
                         guint64        **values,
                         GError         **error)
{
  g_autoptr(Step) step = step_new (expected_step, g_free, shared->workload);
  gpointer value = NULL;

  step->shared = g_atomic_rc_box_acquire (shared);
  step->prototype = *prototype;
  if (!run_step (step, cancellable, &value, error))
    return FALSE;

  *values = value;
  return TRUE;
}
