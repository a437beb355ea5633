/* sl-runner.c: SlRunner on the caller's main context: starts a run on the engine thread
 * (sl-runner-engine.c), swaps the snapshots it hands over into the live result, and emits the
 * signals and notifications of sl-runner.h.
 *
 * The engine thread wakes the main context through a pipe watched by a GSource of the caller's
 * context, and the updates wait in a queue under a pthread mutex: ThreadSanitizer can follow
 * both, where it cannot follow g_main_context_invoke() from another thread.
 */
#define G_LOG_DOMAIN "sl-runner"

#include "config.h"

#include <pthread.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-runner-private.h"

#define DEFAULT_UPDATE_INTERVAL_MS 100
#define MAX_UPDATE_INTERVAL_MS     10000

/* A run under way, as the main context sees it. */
typedef struct {
  GTask           *task;
  GCancellable    *cancellable;       /* the run's own, cancelled by the caller's */
  gboolean         cancellable_fd;    /* holds a reference to its file descriptor */
  GCancellable    *caller_cancellable;
  gulong           caller_handler;
  GThread         *thread;            /* the engine thread */
  GSource         *source;            /* watches mailbox.wake_fds[0] */
  SlRunnerMailbox  mailbox;
} Run;

static void
run_free (Run *run)
{
  SlRunnerUpdate *update;

  if (run->caller_cancellable != NULL)
    g_cancellable_disconnect (run->caller_cancellable, run->caller_handler);
  g_clear_object (&run->caller_cancellable);
  if (run->cancellable_fd)
    g_cancellable_release_fd (run->cancellable);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->task);
  if (run->source != NULL)
    {
      g_source_destroy (run->source);
      g_clear_pointer (&run->source, g_source_unref);
    }
  while ((update = g_queue_pop_head (&run->mailbox.updates)) != NULL)
    sl_runner_update_free (update);
  for (guint i = 0; i < 2; i++)
    if (run->mailbox.wake_fds[i] >= 0)
      close (run->mailbox.wake_fds[i]);
  pthread_mutex_destroy (&run->mailbox.lock);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_new (GError **error)
{
  g_autoptr(Run) run = g_new0 (Run, 1);

  pthread_mutex_init (&run->mailbox.lock, NULL);
  g_queue_init (&run->mailbox.updates);
  run->mailbox.wake_fds[0] = run->mailbox.wake_fds[1] = -1;
  if (!g_unix_open_pipe (run->mailbox.wake_fds, FD_CLOEXEC, error) ||
      !g_unix_set_fd_nonblocking (run->mailbox.wake_fds[0], TRUE, error) ||
      !g_unix_set_fd_nonblocking (run->mailbox.wake_fds[1], TRUE, error))
    return NULL;
  run->cancellable = g_cancellable_new ();
  /* The pools poll the cancellable's file descriptor. Made here, before the engine thread
   * starts, rather than there: a cancel writes to it, and ThreadSanitizer cannot see the lock
   * that GCancellable makes it under. */
  run->cancellable_fd = g_cancellable_get_fd (run->cancellable) >= 0;

  return g_steal_pointer (&run);
}

struct _SlRunner
{
  GObject   parent_instance;

  /* owned, main context only */
  SlResult *result;
  Run      *run;
  gboolean  running;
  guint     update_interval_ms;
};

G_DEFINE_FINAL_TYPE (SlRunner, sl_runner, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_RESULT,
  PROP_UPDATE_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  POINT_STARTED,
  POINT_UPDATED,
  POINT_FINISHED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finish_run (SlRunner       *self,
            SlRunnerUpdate *last)
{
  g_autoptr(Run) run = g_steal_pointer (&self->run);
  g_autoptr(GTask) task = g_steal_pointer (&run->task);

  /* The engine thread has nothing left to do but return. */
  g_thread_join (g_steal_pointer (&run->thread));
  g_clear_pointer (&run, run_free);

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (last->error != NULL)
    g_task_return_error (task, g_steal_pointer (&last->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&last->result), (GDestroyNotify) sl_result_free);
}

static void
apply_update (SlRunner       *self,
              SlRunnerUpdate *update)
{
  if (update->snapshot != NULL)
    {
      /* The live result stays the same object; the old contents go with the update. */
      SlResult previous = *self->result;

      *self->result = *update->snapshot;
      *update->snapshot = previous;
    }

  for (guint i = 0; i < update->started->len; i++)
    g_signal_emit (self, signals[POINT_STARTED], 0, g_array_index (update->started, guint, i));
  if (update->updated != SL_RUNNER_NO_POINT)
    g_signal_emit (self, signals[POINT_UPDATED], 0, update->updated);
  for (guint i = 0; i < update->finished->len; i++)
    g_signal_emit (self, signals[POINT_FINISHED], 0, g_array_index (update->finished, guint, i));
  if (update->fraction >= 0)
    g_signal_emit (self, signals[PROGRESS], 0, update->fraction);

  if (update->last)
    finish_run (self, update);
}

static gboolean
mailbox_ready_cb (int           fd,
                  GIOCondition  condition,
                  gpointer      user_data)
{
  g_autoptr(SlRunner) self = g_object_ref (user_data);
  Run *run = self->run;
  GQueue updates;
  SlRunnerUpdate *update;
  char buffer[64];

  while (read (fd, buffer, sizeof buffer) > 0)
    ;

  pthread_mutex_lock (&run->mailbox.lock);
  updates = run->mailbox.updates;
  g_queue_init (&run->mailbox.updates);
  pthread_mutex_unlock (&run->mailbox.lock);

  /* The last update ends the run and frees `run`; nothing follows it. */
  while ((update = g_queue_pop_head (&updates)) != NULL)
    {
      gboolean last = update->last;

      apply_update (self, update);
      sl_runner_update_free (update);
      if (last)
        return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
caller_cancelled_cb (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
sl_runner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlRunner *self = SL_RUNNER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, sl_runner_is_running (self));
      break;
    case PROP_RESULT:
      g_value_set_pointer (value, (gpointer) sl_runner_get_result (self));
      break;
    case PROP_UPDATE_INTERVAL:
      g_value_set_uint (value, sl_runner_get_update_interval (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_runner_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlRunner *self = SL_RUNNER (object);

  switch (prop_id)
    {
    case PROP_UPDATE_INTERVAL:
      sl_runner_set_update_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_runner_finalize (GObject *object)
{
  SlRunner *self = (SlRunner *) object;

  /* A run holds a reference through its task, so none is under way here. */
  g_assert (self->run == NULL);
  g_clear_pointer (&self->result, sl_result_free);

  G_OBJECT_CLASS (sl_runner_parent_class)->finalize (object);
}

static void
sl_runner_class_init (SlRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sl_runner_get_property;
  object_class->set_property = sl_runner_set_property;
  object_class->finalize = sl_runner_finalize;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESULT] =
    g_param_spec_pointer ("result", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATE_INTERVAL] =
    g_param_spec_uint ("update-interval", NULL, NULL, 0, MAX_UPDATE_INTERVAL_MS,
                       DEFAULT_UPDATE_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POINT_STARTED] =
    g_signal_new ("point-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[POINT_UPDATED] =
    g_signal_new ("point-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[POINT_FINISHED] =
    g_signal_new ("point-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
sl_runner_init (SlRunner *self)
{
  self->update_interval_ms = DEFAULT_UPDATE_INTERVAL_MS;
}

SlRunner *
sl_runner_new (void)
{
  return g_object_new (SL_TYPE_RUNNER, NULL);
}

void
sl_runner_run_async (SlRunner               *self,
                     const SlExperimentSpec *spec,
                     GCancellable           *cancellable,
                     GAsyncReadyCallback     callback,
                     gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SlExperimentSpec) validated = NULL;
  g_autoptr(SlResult) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Run) run = NULL;
  SlRunnerEngine *engine;

  g_return_if_fail (SL_IS_RUNNER (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_runner_run_async);
  /* A cancelled run still returns what it measured. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->run != NULL)
    {
      g_task_return_new_error (task, SL_ERROR, SL_ERROR_BUSY, _("An experiment is already running"));
      return;
    }

  validated = sl_experiment_spec_resolve (spec, &error);
  if (validated == NULL || (run = run_new (&error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The machine is described on the engine thread: reading /proc may take a while. */
  live = sl_result_new (validated, NULL);

  engine = sl_runner_engine_new (live, &run->mailbox, run->cancellable, self->update_interval_ms);
  run->thread = g_thread_try_new ("sl-engine", sl_runner_engine_main, engine, &error);
  if (run->thread == NULL)
    {
      sl_runner_engine_free (engine);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cancellable != NULL)
    {
      run->caller_cancellable = g_object_ref (cancellable);
      run->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                   run->cancellable, NULL);
    }

  run->source = g_unix_fd_source_new (run->mailbox.wake_fds[0], G_IO_IN);
  g_source_set_callback (run->source, G_SOURCE_FUNC (mailbox_ready_cb), self, NULL);
  g_source_set_name (run->source, "[speedup-lab] runner updates");
  g_source_attach (run->source, g_task_get_context (task));

  run->task = g_steal_pointer (&task);
  self->run = g_steal_pointer (&run);
  g_clear_pointer (&self->result, sl_result_free);
  self->result = g_steal_pointer (&live);
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

SlResult *
sl_runner_run_finish (SlRunner      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (SL_IS_RUNNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sl_runner_cancel (SlRunner *self)
{
  g_return_if_fail (SL_IS_RUNNER (self));

  if (self->run != NULL)
    g_cancellable_cancel (self->run->cancellable);
}

gboolean
sl_runner_is_running (SlRunner *self)
{
  g_return_val_if_fail (SL_IS_RUNNER (self), FALSE);

  return self->running;
}

const SlResult *
sl_runner_get_result (SlRunner *self)
{
  g_return_val_if_fail (SL_IS_RUNNER (self), NULL);

  return self->result;
}

guint
sl_runner_get_update_interval (SlRunner *self)
{
  g_return_val_if_fail (SL_IS_RUNNER (self), 0);

  return self->update_interval_ms;
}

void
sl_runner_set_update_interval (SlRunner *self,
                               guint     interval_ms)
{
  g_return_if_fail (SL_IS_RUNNER (self));
  g_return_if_fail (interval_ms <= MAX_UPDATE_INTERVAL_MS);

  if (self->update_interval_ms == interval_ms)
    return;

  self->update_interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATE_INTERVAL]);
}

typedef struct {
  GAsyncResult *result;
} SyncData;

static void
run_sync_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyncData *data = user_data;

  data->result = g_object_ref (result);
}

SlResult *
sl_runner_run_sync (SlRunner               *self,
                    const SlExperimentSpec *spec,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncData data = { NULL };
  SlResult *result;

  g_return_val_if_fail (SL_IS_RUNNER (self), NULL);

  g_main_context_push_thread_default (context);
  sl_runner_run_async (self, spec, cancellable, run_sync_cb, &data);
  while (data.result == NULL)
    g_main_context_iteration (context, TRUE);
  result = sl_runner_run_finish (self, data.result, error);
  g_object_unref (data.result);
  g_main_context_pop_thread_default (context);

  return result;
}
