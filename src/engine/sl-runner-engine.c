/* sl-runner-engine.c: the engine thread of SlRunner. It describes the machine, sets the
 * workload up, runs the sweep and hands analysed snapshots to the main context.
 *
 * The engine thread owns the run: its own SlResult, the workload's state, the pools. It alone
 * measures, analyses and copies; at most once per update interval it puts an analysed copy of
 * its result, with the events since the last one, in the run's mailbox (sl-runner-private.h).
 *
 * Workload calls that cannot be interrupted (set-up, prepare(), expected()) and the reading of
 * /proc run as steps on helper threads (sl-runner-step.c): the engine thread waits for them or
 * for the cancellable, whichever comes first, so that a cancel never waits for them.
 *
 * The hand-overs use pthread primitives and a pipe rather than GMutex, GCond or
 * g_main_context_invoke(): ThreadSanitizer cannot follow GLib's futex-based locks, and it can
 * follow these.
 */
#define G_LOG_DOMAIN "sl-runner"

#include "config.h"

#include <inttypes.h>
#include <pthread.h>

#include "sl-analysis.h"
#include "sl-clock.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-i18n.h"
#include "sl-pool.h"
#include "sl-precision.h"
#include "sl-runner-measure.h"
#include "sl-runner-private.h"
#include "sl-runner-step.h"
#include "sl-text.h"

/* ---- updates ---- */

static SlRunnerUpdate *
update_new (void)
{
  SlRunnerUpdate *update = g_new0 (SlRunnerUpdate, 1);

  update->started = g_array_new (FALSE, FALSE, sizeof (guint));
  update->finished = g_array_new (FALSE, FALSE, sizeof (guint));
  update->updated = SL_RUNNER_NO_POINT;
  update->fraction = -1;

  return update;
}

void
sl_runner_update_free (SlRunnerUpdate *update)
{
  g_clear_pointer (&update->snapshot, sl_result_free);
  g_array_unref (update->started);
  g_array_unref (update->finished);
  g_clear_pointer (&update->result, sl_result_free);
  g_clear_error (&update->error);
  g_free (update);
}

static gboolean
update_has_point_events (const SlRunnerUpdate *update)
{
  return update->started->len > 0 || update->updated != SL_RUNNER_NO_POINT ||
         update->finished->len > 0;
}


static void
mailbox_post (SlRunnerMailbox *mailbox,
              SlRunnerUpdate  *update)
{
  static const char byte = 1;
  gboolean was_empty;

  pthread_mutex_lock (&mailbox->lock);
  was_empty = g_queue_is_empty (&mailbox->updates);
  g_queue_push_tail (&mailbox->updates, update);
  pthread_mutex_unlock (&mailbox->lock);

  /* The main context reads the pipe dry before it empties the queue, so one byte per empty
   * queue is enough and the pipe never fills. */
  if (was_empty)
    sl_fd_write_all (mailbox->wake_fds[1], &byte, 1);
}

/* ---- the engine thread ---- */

struct _SlRunnerEngine
{
  /* borrowed: the run outlives the engine thread */
  SlRunnerMailbox    *mailbox;
  const SlWorkload   *workload;

  /* owned */
  GCancellable       *cancellable;
  SlResult           *result;             /* the engine thread's own */
  SlRunnerExperiment *experiment;
  SlRunnerShared     *shared;             /* nullable until prepared */
  GHashTable         *expected;           /* n_tasks -> guint64[] of checksums; NULL: unknowable */
  SlRunnerUpdate     *pending;            /* events not handed over yet */
  gint64              interval_ns;
  gint64              last_points_ns;     /* when the last snapshot was handed over */
  gint64              last_progress_ns;
  double              fraction;
  gboolean            fraction_pending;
  double             *spent_s;            /* per point: what its visits have taken */
  guint               current;            /* the point visited, or SL_RUNNER_NO_POINT */
  guint64             n_stopped_processes; /* that tasks left running, over every batch */
};

SlRunnerEngine *
sl_runner_engine_new (const SlResult  *live,
                      SlRunnerMailbox *mailbox,
                      GCancellable    *cancellable,
                      guint            update_interval_ms)
{
  SlRunnerEngine *engine = g_new0 (SlRunnerEngine, 1);

  engine->mailbox = mailbox;
  engine->workload = sl_workload_lookup (live->spec->workload);
  engine->cancellable = g_object_ref (cancellable);
  engine->result = sl_result_copy (live);
  engine->expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  engine->pending = update_new ();
  engine->interval_ns = update_interval_ms * G_GINT64_CONSTANT (1000000);
  engine->spent_s = g_new0 (double, MAX (live->points->len, 1));
  engine->current = SL_RUNNER_NO_POINT;
  /* The first events go at once. */
  engine->last_points_ns = engine->last_progress_ns = G_MININT64 / 2;

  return engine;
}

void
sl_runner_engine_free (SlRunnerEngine *engine)
{
  g_clear_object (&engine->cancellable);
  g_clear_pointer (&engine->result, sl_result_free);
  g_clear_pointer (&engine->shared, sl_runner_shared_unref);
  g_clear_pointer (&engine->experiment, sl_runner_experiment_unref);
  g_clear_pointer (&engine->expected, g_hash_table_unref);
  g_clear_pointer (&engine->pending, sl_runner_update_free);
  g_free (engine->spent_s);
  g_free (engine);
}

/* Hands the pending events over once the interval since the last hand-over has passed, with an
 * analysed copy of the result when points changed. Events that are not due wait for the next
 * call: the engine makes one at every visit's start and end, after each warm-up batch, and
 * whenever a pool reports progress. */
static void
engine_flush (SlRunnerEngine *engine)
{
  gint64 now = sl_clock_ns ();
  gboolean points_due = update_has_point_events (engine->pending) &&
                        now - engine->last_points_ns >= engine->interval_ns;
  gboolean progress_due = engine->fraction_pending &&
                          now - engine->last_progress_ns >= engine->interval_ns;
  SlRunnerUpdate *update;

  if (!points_due && !progress_due)
    return;

  if (points_due)
    {
      sl_analysis_update (engine->result);
      update = g_steal_pointer (&engine->pending);
      update->snapshot = sl_result_copy (engine->result);
      engine->pending = update_new ();
      engine->last_points_ns = now;
    }
  else
    {
      update = update_new ();
    }

  if (progress_due)
    {
      update->fraction = engine->fraction;
      engine->fraction_pending = FALSE;
      engine->last_progress_ns = now;
    }

  mailbox_post (engine->mailbox, update);
}

/* How far point `index` has come: its repetitions of the spec's, `within_visit` of the one
 * under way included; a point repeated for precision, by its time against its budget, the
 * longest it may take. A point that is over counts whole. */
static double
point_progress (SlRunnerEngine *engine,
                guint           index,
                double          within_visit)
{
  const SlExperimentSpec *spec = engine->result->spec;
  const SlPoint *point = g_ptr_array_index (engine->result->points, index);
  double done = point->repetitions->len + (index == engine->current ? within_visit : 0);

  if (point->status != SL_POINT_PENDING && point->status != SL_POINT_RUNNING)
    return 1;
  if (spec->until_precise_pct > 0)
    return MAX (engine->spent_s[index] / spec->budget_s, done / SL_MAX_REPEAT);
  return done / MAX (spec->repeat, 1);
}

static double
sweep_progress (SlRunnerEngine *engine,
                double          within_visit)
{
  GPtrArray *points = engine->result->points;
  double sum = 0;

  for (guint i = 0; i < points->len; i++)
    sum += CLAMP (point_progress (engine, i, CLAMP (within_visit, 0, 1)), 0, 1);
  return points->len > 0 ? sum / points->len : 1;
}

static void
report_progress (SlRunnerEngine *engine,
                 double          within_visit)
{
  double fraction = CLAMP (sweep_progress (engine, within_visit), 0, 1);

  if (fraction >= engine->fraction)
    {
      engine->fraction = fraction;
      engine->fraction_pending = TRUE;
    }
  engine_flush (engine);
}

static void
batch_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  SlRunnerEngine *engine = user_data;

  /* Called on the engine thread by the pools while it waits for a batch. */
  report_progress (engine, total ? done / (double) total : 0);
}

/* Describes the machine, sets the workload up and prepares it; every step gives way to the
 * cancellable. */
static gboolean
start_experiment (SlRunnerEngine  *engine,
                  GError         **error)
{
  SlExperimentSpec *spec = engine->result->spec;
  const SlWorkload *workload = engine->workload;
  guint max_workers = g_array_index (spec->workers, guint, spec->workers->len - 1);

  if (!sl_runner_step_describe_machine (engine->cancellable, &engine->result->system, error))
    return FALSE;
  sl_sysinfo_add_spec_warnings (engine->result->system, max_workers,
                                workload->kind == SL_WORKLOAD_KIND_CPU);

  engine->experiment = sl_runner_experiment_new (workload);
  if (workload->experiment_setup != NULL &&
      !sl_runner_step_set_up (engine->experiment, &spec->params, engine->cancellable, error))
    return FALSE;

  engine->shared = sl_runner_shared_new (engine->experiment);
  if (workload->prepare != NULL &&
      !sl_runner_step_prepare (engine->shared, spec->params, engine->cancellable, error))
    return FALSE;

  return TRUE;
}

/* The checksums every task of a batch like `prototype` must return; NULL in `values` when the
 * workload cannot know them. FALSE when cancelled. */
static gboolean
expected_checksums (SlRunnerEngine  *engine,
                    const SlTask    *prototype,
                    const guint64  **values,
                    GError         **error)
{
  gpointer cached = NULL;

  *values = NULL;
  if (engine->workload->expected == NULL)
    return TRUE;

  if (!g_hash_table_lookup_extended (engine->expected, &prototype->n_tasks, NULL, &cached))
    {
      guint64 *computed = NULL;

      if (!sl_runner_step_expected (engine->shared, prototype, engine->cancellable, &computed,
                                    error))
        return FALSE;
      cached = computed;
      g_hash_table_insert (engine->expected, g_memdup2 (&prototype->n_tasks, sizeof (guint64)),
                           cached);
    }

  *values = cached;
  return TRUE;
}

static void
fail_point (SlPoint    *point,
            const char *message)
{
  point->status = SL_POINT_FAILED;
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

/* Calibration moves no progress, but the events it holds up still go. */
static void
calibration_progress_cb (guint64  done,
                         guint64  total,
                         gpointer user_data)
{
  engine_flush (user_data);
}

/* One visit of a point: a fresh pool, warm-up batches, one measured value: its loops of
 * batches, calibrated first when the sweep has not calibrated them yet. A cancelled visit
 * leaves the point as it was, for finish_result(). */
static void
visit_point (SlRunnerEngine *engine,
             guint           index)
{
  SlResult *result = engine->result;
  const SlExperimentSpec *spec = result->spec;
  SlPoint *point = g_ptr_array_index (result->points, index);
  SlPoolConfig config = {
    .workload = engine->workload,
    .params = spec->params,
    .shared = engine->shared->data,
    .runtime = spec->runtime,
    .workers = point->workers,
    .task_timeout_s = spec->timeout_s,
    .cancellable = engine->cancellable,
  };
  SlTask prototype = { .n_tasks = point->tasks, .base_tasks = spec->tasks };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPool) pool = NULL;
  g_auto(SlLoops) loops = { 0, };
  g_autofree char *mismatch = NULL;
  const guint64 *expected = NULL;
  SlLoopsConfig measure = {
    .n_tasks = point->tasks,
    .base_tasks = spec->tasks,
    .chunk = spec->chunk,
    .cancellable = engine->cancellable,
    .progress = calibration_progress_cb,
    .progress_data = engine,
  };
  SlRepetition rep = { 0, };
  SlBatch batch;
  guint64 checksum = 0;
  gint64 visit_start_ns = sl_clock_ns ();
  gboolean ok = TRUE;

  if (point->status == SL_POINT_PENDING)
    {
      point->status = SL_POINT_RUNNING;
      g_array_append_val (engine->pending->started, index);
      engine_flush (engine);
    }

  if (!g_cancellable_set_error_if_cancelled (engine->cancellable, &error))
    pool = sl_pool_new (point->model, &config, &error);
  if (pool == NULL)
    goto failed;
  sl_pool_copy_runtime_info (pool, result->runtime_info);
  rep.startup_s = sl_pool_get_startup_time (pool);
  measure.pool = pool;

  for (guint w = 0; ok && w < spec->warmup; w++)
    {
      sl_batch_init (&batch, point->tasks, spec->tasks, spec->chunk);
      ok = sl_pool_run_batch (pool, &batch, &error);
      engine->n_stopped_processes += batch.n_stopped_processes;
      sl_batch_clear (&batch);
      engine_flush (engine);
    }
  if (ok && result->loops == 0)
    ok = sl_runner_calibrate_loops (&measure, spec->min_time_s, &result->loops,
                                    &engine->n_stopped_processes, &error);
  if (!ok)
    goto failed;

  measure.progress = batch_progress_cb;
  ok = sl_runner_run_loops (&measure, result->loops, &loops, &error);
  engine->n_stopped_processes += loops.n_stopped_processes;
  /* Off the clock: the workers end with the visit, and one whose end went wrong (a fork server
   * found stopped) fails the point. */
  if (ok)
    ok = sl_pool_close (pool, &error);
  /* Checked off the clock; a cancel while the answers are computed drops the repetition, as
   * one during a batch would. */
  if (ok)
    ok = expected_checksums (engine, &prototype, &expected, &error);
  if (!ok)
    goto failed;
  mismatch = sl_loops_find_mismatch (&loops, expected);

  sl_loops_per_batch (&loops, &rep.wall_s, &rep.usage);
  rep.n_failed_tasks = loops.last.n_failed_tasks;

  /* Of the value's last batch: one batch's tasks per measured value, whatever the loops. */
  for (guint64 i = 0; i < loops.last.n_tasks; i++)
    checksum += loops.last.checksums[i];
  g_array_append_vals (point->latencies_s, loops.last.latencies_s, loops.last.n_tasks);
  sl_point_summarize_latencies (point);
  point->checksum = checksum;
  point->checksum_known = expected != NULL;
  rep.checksum_ok = mismatch == NULL;
  point->checksum_ok &= rep.checksum_ok;
  point->n_failed_tasks += loops.last.n_failed_tasks;
  g_array_append_val (point->repetitions, rep);

  if (mismatch != NULL)
    {
      fail_point (point, mismatch);
    }
  else if (loops.last.n_failed_tasks > 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("%" PRIu64 " of %" PRIu64 " tasks failed "
                           "(first: %s)"), loops.last.n_failed_tasks, loops.last.n_tasks,
                         loops.last.first_task_error ? loops.last.first_task_error
                                                     : _("unknown"));
      fail_point (point, message);
    }
  else
    {
      SlPrecisionNeed need;

      engine->spent_s[index] += (sl_clock_ns () - visit_start_ns) / 1e9;
      need = sl_precision_point_need (spec, point, engine->spent_s[index]);
      if (need != SL_PRECISION_MORE)
        {
          point->status = SL_POINT_DONE;
          point->stopped_on_budget = need == SL_PRECISION_BUDGET_SPENT;
        }
    }

  engine->pending->updated = index;
  if (point->status != SL_POINT_RUNNING)
    g_array_append_val (engine->pending->finished, index);
  engine_flush (engine);
  return;

failed:
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  fail_point (point, error ? error->message : _("failed"));
  g_array_append_val (engine->pending->finished, index);
  engine_flush (engine);
}

/* A point is visited until it is done (its repetitions, and its precision when asked for),
 * failed or cancelled: every visit adds a repetition or ends the point. */
static gboolean
wants_visit (const SlPoint *point)
{
  return point->status == SL_POINT_PENDING || point->status == SL_POINT_RUNNING;
}

static gboolean
visit (SlRunnerEngine *engine,
       guint           index)
{
  if (g_cancellable_is_cancelled (engine->cancellable))
    return FALSE;
  engine->current = index;
  visit_point (engine, index);
  engine->current = SL_RUNNER_NO_POINT;
  report_progress (engine, 0);
  return TRUE;
}

/* The order only chooses the sequence: rounds over the points that want another repetition
 * (1 2 4 8, 1 2 4 8, ...), or every repetition of a point before the next (1 1 1, 2 2 2, ...). */
static void
run_sweep (SlRunnerEngine *engine)
{
  const SlExperimentSpec *spec = engine->result->spec;
  GPtrArray *points = engine->result->points;
  gboolean any = TRUE;

  if (spec->order == SL_ORDER_SEQUENTIAL)
    {
      for (guint i = 0; i < points->len; i++)
        while (wants_visit (g_ptr_array_index (points, i)))
          if (!visit (engine, i))
            return;
      return;
    }

  while (any)
    {
      any = FALSE;
      for (guint i = 0; i < points->len; i++)
        if (wants_visit (g_ptr_array_index (points, i)))
          {
            if (!visit (engine, i))
              return;
            any = TRUE;
          }
    }
}

/* Only a cancelled sweep leaves points unfinished: they keep what they measured. */
static void
finish_result (SlRunnerEngine *engine)
{
  SlResult *result = engine->result;
  double done = sweep_progress (engine, 0);   /* before the unfinished points are closed */
  gboolean any_failed = FALSE;

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->status == SL_POINT_PENDING || point->status == SL_POINT_RUNNING)
        {
          point->status = SL_POINT_CANCELLED;
          g_free (point->error);
          if (point->repetitions->len > 0)
            point->error = g_strdup_printf (_("Cancelled after %u of %u repetitions"),
                                            point->repetitions->len, result->spec->repeat);
          else
            point->error = g_strdup (_("Cancelled before it ran"));
          g_array_append_val (engine->pending->finished, i);
        }
      any_failed |= point->status == SL_POINT_FAILED;
    }

  if (engine->n_stopped_processes > 0 && result->system != NULL)
    g_ptr_array_add (result->system->warnings,
                     g_strdup_printf (NG_ ("Tasks left %" PRIu64 " process running after their "
                                           "batch (a subprocess, a fork, a daemon): they were "
                                           "stopped. Tasks should wait for what they start.",
                                           "Tasks left %" PRIu64 " processes running after their "
                                           "batch (a subprocess, a fork, a daemon): they were "
                                           "stopped. Tasks should wait for what they start.",
                                           engine->n_stopped_processes),
                                      engine->n_stopped_processes));

  if (g_cancellable_is_cancelled (engine->cancellable))
    result->status = SL_RESULT_CANCELLED;
  else if (any_failed)
    result->status = SL_RESULT_PARTIAL;
  else
    result->status = SL_RESULT_COMPLETE;

  sl_analysis_update (result);
  engine->fraction = MAX (engine->fraction, done);
}

/* Pools are gone by now. A step abandoned in prepare() or expected() still holds the
 * experiment; it is torn down when that call returns. */
static void
tear_down_experiment (SlRunnerEngine *engine)
{
  g_clear_pointer (&engine->shared, sl_runner_shared_unref);
  g_clear_pointer (&engine->experiment, sl_runner_experiment_unref);
}

gpointer
sl_runner_engine_main (gpointer data)
{
  SlRunnerEngine *engine = data;
  SlRunnerMailbox *mailbox = engine->mailbox;
  GError *error = NULL;
  SlRunnerUpdate *last;

  report_progress (engine, 0);

  if (start_experiment (engine, &error))
    run_sweep (engine);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_clear_error (&error);   /* cancelled before the sweep: a run with nothing measured */

  /* Before the last update: when the callback comes, the workload is gone. */
  tear_down_experiment (engine);

  if (error == NULL)
    finish_result (engine);

  last = g_steal_pointer (&engine->pending);
  last->last = TRUE;
  if (error != NULL)
    {
      /* What could not start is said by every front end, as a point's failure is: a worker's
       * or a workload's words, without a password or a control character (fail_point()). */
      g_autofree char *redacted = sl_text_redact_credentials (error->message);

      g_free (error->message);
      error->message = sl_text_make_printable (redacted, TRUE);
      last->error = error;
    }
  else
    {
      last->snapshot = sl_result_copy (engine->result);
      last->result = g_steal_pointer (&engine->result);
      last->fraction = engine->fraction;
    }
  sl_runner_engine_free (engine);

  mailbox_post (mailbox, last);

  return NULL;
}
