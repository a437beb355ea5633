/* sl-runner.c: runs an experiment on one engine thread and streams its events back.
 *
 * The engine thread owns its own SlResult; the main thread owns another. Every event carries a
 * copy of the changed point, so the two never share memory and the main thread's copy can be
 * read and analysed freely while the sweep goes on.
 */
#define G_LOG_DOMAIN "sl-runner"

#include "config.h"

#include "sl-analysis.h"
#include "sl-error.h"
#include "sl-pool.h"
#include "sl-runner.h"
#include "sl-text.h"

/* Progress events at most this often, so the UI never steals the CPU being measured. */
#define PROGRESS_INTERVAL_NS (100 * G_GINT64_CONSTANT (1000000))

struct _SlRunner
{
  GObject   parent_instance;

  /* owned, main thread only */
  SlResult *result;
  gboolean  running;
};

G_DEFINE_FINAL_TYPE (SlRunner, sl_runner, G_TYPE_OBJECT)

enum {
  POINT_STARTED,
  POINT_UPDATED,
  POINT_FINISHED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  EVENT_POINT_STARTED,
  EVENT_POINT_UPDATED,
  EVENT_POINT_FINISHED,
  EVENT_PROGRESS,
} EventType;

typedef struct {
  SlRunner  *runner;
  EventType  type;
  guint      index;
  SlPoint   *point;      /* nullable: the point's new state */
  double     fraction;
} Event;

/* Everything the engine thread needs; it owns this. */
typedef struct {
  SlRunner         *runner;         /* a reference, only passed back in events */
  GMainContext     *context;        /* where events go */
  GTask            *task;
  GCancellable     *cancellable;
  SlResult         *result;         /* the engine thread's own copy */
  const SlWorkload *workload;
  gpointer          shared;         /* prepare() result: thread pools and expected() */
  GHashTable       *expected;       /* n_tasks -> guint64[] of expected checksums */
  guint64           visits_total;
  guint64           visits_done;
  gint64            last_progress_ns;
} Engine;

static void
event_free (gpointer data)
{
  Event *event = data;

  g_clear_object (&event->runner);
  g_clear_pointer (&event->point, sl_point_free);
  g_free (event);
}

static gboolean
deliver_event_cb (gpointer data)
{
  Event *event = data;
  SlRunner *self = event->runner;

  if (event->point != NULL && self->result != NULL && event->index < self->result->points->len)
    {
      SlPoint **slot = (SlPoint **) &g_ptr_array_index (self->result->points, event->index);

      sl_point_free (*slot);
      *slot = g_steal_pointer (&event->point);
      sl_analysis_update (self->result);
    }

  switch (event->type)
    {
    case EVENT_POINT_STARTED:
      g_signal_emit (self, signals[POINT_STARTED], 0, event->index);
      break;
    case EVENT_POINT_UPDATED:
      g_signal_emit (self, signals[POINT_UPDATED], 0, event->index);
      break;
    case EVENT_POINT_FINISHED:
      g_signal_emit (self, signals[POINT_FINISHED], 0, event->index);
      break;
    case EVENT_PROGRESS:
      g_signal_emit (self, signals[PROGRESS], 0, event->fraction);
      break;
    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
send_event (Engine    *engine,
            EventType  type,
            guint      index,
            double     fraction)
{
  Event *event = g_new0 (Event, 1);

  event->runner = g_object_ref (engine->runner);
  event->type = type;
  event->index = index;
  event->fraction = fraction;
  if (type != EVENT_PROGRESS)
    event->point = sl_point_copy (g_ptr_array_index (engine->result->points, index));

  /* Same priority as the GTask's completion, so events arrive in order and before it. */
  g_main_context_invoke_full (engine->context, G_PRIORITY_DEFAULT, deliver_event_cb, event,
                              event_free);
}

static void
report_progress (Engine  *engine,
                 double   within_visit,
                 gboolean force)
{
  gint64 now = sl_clock_ns ();
  double fraction;

  if (!force && now - engine->last_progress_ns < PROGRESS_INTERVAL_NS)
    return;

  engine->last_progress_ns = now;
  fraction = (engine->visits_done + CLAMP (within_visit, 0, 1)) / (double) engine->visits_total;
  send_event (engine, EVENT_PROGRESS, 0, CLAMP (fraction, 0, 1));
}

static void
batch_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  Engine *engine = user_data;

  /* Called on the engine thread by the pools while it waits for a batch. */
  report_progress (engine, total ? done / (double) total : 0, FALSE);
}

static const guint64 *
expected_checksums (Engine       *engine,
                    const SlTask *prototype,
                    gboolean     *known)
{
  guint64 *values = g_hash_table_lookup (engine->expected, &prototype->n_tasks);

  *known = engine->workload->expected != NULL;
  if (!*known)
    return NULL;

  if (values == NULL)
    {
      SlTask task = *prototype;

      values = g_new (guint64, prototype->n_tasks);
      for (guint64 i = 0; i < prototype->n_tasks; i++)
        {
          task.index = i;
          if (!engine->workload->expected (engine->shared, &task, &values[i]))
            {
              *known = FALSE;
              g_free (values);
              return NULL;
            }
        }
      g_hash_table_insert (engine->expected, g_memdup2 (&prototype->n_tasks, sizeof (guint64)),
                           values);
    }

  return values;
}

static void
fail_point (SlPoint    *point,
            SlPointStatus status,
            const char *message)
{
  point->status = status;
  g_free (point->error);
  /* Shown and stored: a URL's password never, a task's control characters never. */
  if (message != NULL)
    {
      g_autofree char *redacted = sl_text_redact_credentials (message);

      point->error = sl_text_make_printable (redacted, TRUE);
    }
  else
    point->error = NULL;
}

/* One visit of a point: a fresh pool, warm-up batches, one measured batch. */
static void
visit_point (Engine *engine,
             guint   index)
{
  SlResult *result = engine->result;
  const SlExperimentSpec *spec = result->spec;
  SlPoint *point = g_ptr_array_index (result->points, index);
  SlPoolConfig config = {
    .workload = engine->workload,
    .params = spec->params,
    .shared = engine->shared,
    .runtime = spec->runtime,
    .workers = point->workers,
    .task_timeout_s = spec->timeout_s,
    .cancellable = engine->cancellable,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPool) pool = NULL;
  SlRepetition rep = { 0, };
  SlBatch batch;
  guint64 base_tasks = spec->tasks;
  gint64 t0, t1;
  gboolean ok = TRUE;

  if (point->status == SL_POINT_PENDING)
    {
      point->status = SL_POINT_RUNNING;
      send_event (engine, EVENT_POINT_STARTED, index, 0);
    }

  pool = sl_pool_new (point->model, &config, &error);
  if (pool == NULL)
    goto failed;
  sl_pool_copy_runtime_info (pool, result->runtime_info);

  rep.startup_s = sl_pool_get_startup_time (pool);

  for (guint w = 0; ok && w < spec->warmup; w++)
    {
      sl_batch_init (&batch, point->tasks, base_tasks, spec->chunk);
      ok = sl_pool_run_batch (pool, &batch, &error);
      sl_batch_clear (&batch);
    }
  if (!ok)
    goto failed;

  sl_batch_init (&batch, point->tasks, base_tasks, spec->chunk);
  batch.progress = batch_progress_cb;
  batch.progress_data = engine;

  t0 = sl_clock_ns ();
  ok = sl_pool_run_batch (pool, &batch, &error);
  t1 = sl_clock_ns ();

  if (ok)
    {
      SlTask prototype = { .n_tasks = point->tasks, .base_tasks = base_tasks };
      gboolean known;
      const guint64 *expected = expected_checksums (engine, &prototype, &known);
      g_autofree char *mismatch = NULL;
      guint64 checksum = 0;

      rep.wall_s = (t1 - t0) / 1e9;
      rep.usage = batch.usage;
      rep.n_failed_tasks = batch.n_failed_tasks;
      rep.checksum_ok = TRUE;

      for (guint64 i = 0; i < batch.n_tasks; i++)
        {
          checksum += batch.checksums[i];
          if (!batch.task_ok[i] || !known)
            continue;
          if (batch.checksums[i] != expected[i] && mismatch == NULL)
            mismatch = g_strdup_printf ("task %" G_GUINT64_FORMAT " returned checksum %"
                                        G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT
                                        ": the work was not done as specified",
                                        i, batch.checksums[i], expected[i]);
        }

      g_array_append_vals (point->latencies_s, batch.latencies_s, batch.n_tasks);
      sl_point_summarize_latencies (point);
      point->checksum = checksum;
      point->checksum_known = known;
      rep.checksum_ok = mismatch == NULL;
      point->checksum_ok &= rep.checksum_ok;
      point->n_failed_tasks += batch.n_failed_tasks;
      g_array_append_val (point->repetitions, rep);

      if (mismatch != NULL)
        fail_point (point, SL_POINT_FAILED, mismatch);
      else if (batch.n_failed_tasks > 0)
        {
          g_autofree char *message =
            g_strdup_printf ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " tasks failed "
                             "(first: %s)", batch.n_failed_tasks, batch.n_tasks,
                             batch.first_task_error ? batch.first_task_error : "unknown");
          fail_point (point, SL_POINT_FAILED, message);
        }
      else if (point->repetitions->len >= spec->repeat)
        point->status = SL_POINT_DONE;
    }

  sl_batch_clear (&batch);

  if (ok)
    {
      send_event (engine, EVENT_POINT_UPDATED, index, 0);
      if (point->status != SL_POINT_RUNNING)
        send_event (engine, EVENT_POINT_FINISHED, index, 0);
      return;
    }

failed:
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fail_point (point, SL_POINT_CANCELLED, "Cancelled");
  else
    fail_point (point, SL_POINT_FAILED, error ? error->message : "failed");
  send_event (engine, EVENT_POINT_FINISHED, index, 0);
}

static gboolean
point_needs_visit (SlPoint *point,
                   guint    repeat)
{
  return (point->status == SL_POINT_PENDING || point->status == SL_POINT_RUNNING) &&
         point->repetitions->len < repeat;
}

static void
run_sweep (Engine *engine)
{
  const SlExperimentSpec *spec = engine->result->spec;
  GPtrArray *points = engine->result->points;

  if (spec->order == SL_ORDER_INTERLEAVED)
    {
      for (guint r = 0; r < spec->repeat; r++)
        for (guint i = 0; i < points->len; i++)
          {
            if (g_cancellable_is_cancelled (engine->cancellable))
              return;
            if (point_needs_visit (g_ptr_array_index (points, i), spec->repeat))
              visit_point (engine, i);
            engine->visits_done++;
            report_progress (engine, 0, FALSE);
          }
    }
  else
    {
      for (guint i = 0; i < points->len; i++)
        for (guint r = 0; r < spec->repeat; r++)
          {
            if (g_cancellable_is_cancelled (engine->cancellable))
              return;
            if (point_needs_visit (g_ptr_array_index (points, i), spec->repeat))
              visit_point (engine, i);
            engine->visits_done++;
            report_progress (engine, 0, FALSE);
          }
    }
}

static void
finish_result (Engine *engine)
{
  SlResult *result = engine->result;
  gboolean cancelled = g_cancellable_is_cancelled (engine->cancellable);
  gboolean any_failed = FALSE;

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->status == SL_POINT_PENDING || point->status == SL_POINT_RUNNING)
        {
          /* Only a cancelled sweep leaves points unfinished. */
          fail_point (point, SL_POINT_CANCELLED, "Cancelled before all repetitions ran");
          send_event (engine, EVENT_POINT_FINISHED, i, 0);
        }
      any_failed |= point->status == SL_POINT_FAILED;
    }

  if (cancelled)
    result->status = SL_RESULT_CANCELLED;
  else if (any_failed)
    result->status = SL_RESULT_PARTIAL;
  else
    result->status = SL_RESULT_COMPLETE;

  sl_analysis_update (result);
}

static gpointer
engine_main (gpointer data)
{
  Engine *engine = data;
  SlExperimentSpec *spec = engine->result->spec;
  gpointer experiment_state = NULL;
  g_autoptr(GError) error = NULL;
  gboolean set_up = FALSE;

  if (engine->workload->experiment_setup != NULL)
    {
      if (!engine->workload->experiment_setup (spec->params, &experiment_state, &error))
        goto out;
      set_up = TRUE;
    }

  if (engine->workload->prepare != NULL)
    {
      engine->shared = engine->workload->prepare (spec->params, &error);
      if (error != NULL)
        goto out;
    }

  engine->visits_total = MAX (1, (guint64) engine->result->points->len * spec->repeat);
  report_progress (engine, 0, TRUE);
  run_sweep (engine);
  finish_result (engine);
  report_progress (engine, 0, TRUE);

out:
  if (engine->shared != NULL && engine->workload->release != NULL)
    engine->workload->release (engine->shared);
  engine->shared = NULL;
  if (set_up && engine->workload->experiment_teardown != NULL)
    engine->workload->experiment_teardown (experiment_state);

  if (error != NULL)
    g_task_return_error (engine->task, g_steal_pointer (&error));
  else
    g_task_return_pointer (engine->task, g_steal_pointer (&engine->result),
                           (GDestroyNotify) sl_result_free);

  g_clear_pointer (&engine->result, sl_result_free);
  g_clear_pointer (&engine->expected, g_hash_table_unref);
  g_clear_object (&engine->cancellable);
  g_clear_object (&engine->task);
  g_clear_object (&engine->runner);
  g_main_context_unref (engine->context);
  g_free (engine);

  return NULL;
}

static void
sl_runner_finalize (GObject *object)
{
  SlRunner *self = (SlRunner *) object;

  g_clear_pointer (&self->result, sl_result_free);

  G_OBJECT_CLASS (sl_runner_parent_class)->finalize (object);
}

static void
sl_runner_class_init (SlRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_runner_finalize;

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
}

SlRunner *
sl_runner_new (void)
{
  return g_object_new (SL_TYPE_RUNNER, NULL);
}

static void
run_finished_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlRunner *self = SL_RUNNER (object);
  g_autoptr(GError) error = NULL;
  SlResult *final = g_task_propagate_pointer (G_TASK (result), &error);

  self->running = FALSE;

  if (final == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The engine's final copy replaces the live one: it has the internal parameters too. */
  g_clear_pointer (&self->result, sl_result_free);
  self->result = sl_result_copy (final);
  g_task_return_pointer (task, final, (GDestroyNotify) sl_result_free);
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
  g_autoptr(GError) error = NULL;
  GTask *engine_task;
  Engine *engine;
  SlSysInfo *system;
  guint max_workers;

  g_return_if_fail (SL_IS_RUNNER (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_runner_run_async);
  g_task_set_priority (task, G_PRIORITY_DEFAULT);
  /* A cancelled run still returns what it measured. */
  g_task_set_check_cancellable (task, FALSE);

  validated = sl_experiment_spec_resolve (spec, &error);
  if (validated == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  system = sl_sysinfo_collect ();
  max_workers = g_array_index (validated->workers, guint, validated->workers->len - 1);
  sl_sysinfo_add_spec_warnings (system, max_workers,
                                sl_workload_lookup (validated->workload)->kind == SL_WORKLOAD_KIND_CPU);

  g_clear_pointer (&self->result, sl_result_free);
  self->result = sl_result_new (validated, system);
  self->running = TRUE;

  /* The inner task completes on this context from the engine thread; the outer one is the
   * caller's, so the live result is replaced before the caller hears of the end. */
  engine_task = g_task_new (self, NULL, run_finished_cb, g_steal_pointer (&task));
  g_task_set_priority (engine_task, G_PRIORITY_DEFAULT);

  engine = g_new0 (Engine, 1);
  engine->runner = g_object_ref (self);
  engine->context = g_main_context_ref_thread_default ();
  engine->task = engine_task;
  engine->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  engine->result = sl_result_copy (self->result);
  engine->workload = sl_workload_lookup (validated->workload);
  engine->expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_thread_unref (g_thread_new ("sl-engine", engine_main, engine));
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
