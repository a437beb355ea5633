/* sl-runner.c: runs an experiment on an engine thread and hands analysed snapshots back.
 *
 * The engine thread owns the run: its own SlResult, the workload's state, the pools. It alone
 * measures, analyses and copies; at most once per update interval it puts an analysed copy of
 * its result, with the events since the last one, in the run's mailbox. The main context only
 * takes what is in the mailbox, swaps the copy into the live result and emits signals, so a
 * sweep of many fast points costs it no more than a slow one.
 *
 * Workload calls that cannot be interrupted (set-up, prepare(), expected()) and the reading of
 * /proc run as steps on helper threads: the engine thread waits for them or for the
 * cancellable, whichever comes first, so that a cancel never waits for them.
 *
 * The hand-overs use pthread primitives and a pipe rather than GMutex, GCond or
 * g_main_context_invoke(): ThreadSanitizer cannot follow GLib's futex-based locks, and it can
 * follow these.
 */
#define G_LOG_DOMAIN "sl-runner"

#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sl-analysis.h"
#include "sl-error.h"
#include "sl-pool.h"
#include "sl-runner.h"
#include "sl-text.h"

#define DEFAULT_UPDATE_INTERVAL_MS 100
#define MAX_UPDATE_INTERVAL_MS     10000
/* How often the engine thread, waiting for a step, looks at the cancellable. */
#define STEP_POLL_NS (20 * G_GINT64_CONSTANT (1000000))
#define NO_POINT     G_MAXUINT

/* ---- updates: what the engine thread hands to the main context ---- */

typedef struct {
  SlResult *snapshot;   /* nullable: an analysed copy of the engine's result */
  GArray   *started;    /* guint point indices, in the order they started */
  guint     updated;    /* the point of the latest repetition, or NO_POINT */
  GArray   *finished;   /* guint point indices */
  double    fraction;   /* progress, or < 0 for none */
  gboolean  last;       /* the run is over: `result`, or `error` when it could not start */
  SlResult *result;
  GError   *error;
} Update;

static Update *
update_new (void)
{
  Update *update = g_new0 (Update, 1);

  update->started = g_array_new (FALSE, FALSE, sizeof (guint));
  update->finished = g_array_new (FALSE, FALSE, sizeof (guint));
  update->updated = NO_POINT;
  update->fraction = -1;

  return update;
}

static void
update_free (Update *update)
{
  g_clear_pointer (&update->snapshot, sl_result_free);
  g_array_unref (update->started);
  g_array_unref (update->finished);
  g_clear_pointer (&update->result, sl_result_free);
  g_clear_error (&update->error);
  g_free (update);
}

static gboolean
update_has_point_events (const Update *update)
{
  return update->started->len > 0 || update->updated != NO_POINT || update->finished->len > 0;
}

/* Updates go through a queue, never merged, so that with an interval of 0 every event arrives
 * on its own even when the main context falls behind. */
typedef struct {
  pthread_mutex_t lock;
  GQueue          updates;        /* Update*, under lock */
  int             wake_fds[2];    /* a byte in [1] says the queue stopped being empty */
} Mailbox;

static void
mailbox_post (Mailbox *mailbox,
              Update  *update)
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
    while (write (mailbox->wake_fds[1], &byte, 1) < 0 && errno == EINTR)
      ;
}

/* ---- steps: uninterruptible calls on a helper thread ---- */

/* What set-up started (a server, a folder), and the prepare() result that may live in it, are
 * shared by the engine and a step that may outlive it: the last one to let go releases them,
 * the prepared state first. */
typedef struct {
  const SlWorkload *workload;
  gpointer          state;
  gboolean          set_up;
} Experiment;

static void
experiment_clear (gpointer data)
{
  Experiment *experiment = data;

  if (experiment->set_up && experiment->workload->experiment_teardown != NULL)
    experiment->workload->experiment_teardown (experiment->state);
}

static void
experiment_unref (Experiment *experiment)
{
  g_atomic_rc_box_release_full (experiment, experiment_clear);
}

typedef struct {
  const SlWorkload *workload;
  gpointer          data;
  Experiment       *experiment;
} Shared;

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  if (shared->data != NULL && shared->workload->release != NULL)
    shared->workload->release (shared->data);
  experiment_unref (shared->experiment);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

typedef struct _Step Step;
typedef gboolean (*StepFunc) (Step *step, gpointer *value, GError **error);

struct _Step
{
  gint              ref_count;    /* atomic: the engine thread and the helper thread */
  StepFunc          func;
  GDestroyNotify    value_free;   /* for a value that came after the engine stopped waiting */

  /* inputs, owned by the step */
  const SlWorkload *workload;
  SlParams         *params;
  Experiment       *experiment;
  Shared           *shared;
  SlTask            prototype;
  gint              abandoned;    /* atomic: nobody waits any more, a loop may stop */

  /* outputs, under lock */
  pthread_mutex_t   lock;
  pthread_cond_t    done_cond;
  gboolean          done;
  gboolean          ok;
  gpointer          value;
  GError           *error;
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
  g_clear_pointer (&step->shared, shared_unref);
  g_clear_pointer (&step->experiment, experiment_unref);
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

/* ---- the engine thread ---- */

typedef struct {
  /* borrowed: the run outlives the engine thread */
  Mailbox          *mailbox;
  const SlWorkload *workload;

  /* owned */
  GCancellable     *cancellable;
  SlResult         *result;          /* the engine thread's own */
  Experiment       *experiment;
  Shared           *shared;          /* nullable until prepared */
  GHashTable       *expected;        /* n_tasks -> guint64[] of checksums, or NULL: unknowable */
  Update           *pending;         /* events not handed over yet */
  gint64            interval_ns;
  gint64            last_points_ns;  /* when the last snapshot was handed over */
  gint64            last_progress_ns;
  double            fraction;
  gboolean          fraction_pending;
  guint64           n_visits;
  guint64           visits_done;
} Engine;

static void
engine_free (Engine *engine)
{
  g_clear_object (&engine->cancellable);
  g_clear_pointer (&engine->result, sl_result_free);
  g_clear_pointer (&engine->shared, shared_unref);
  g_clear_pointer (&engine->experiment, experiment_unref);
  g_clear_pointer (&engine->expected, g_hash_table_unref);
  g_clear_pointer (&engine->pending, update_free);
  g_free (engine);
}

/* Hands the pending events over once the interval since the last hand-over has passed, with an
 * analysed copy of the result when points changed; `force` hands them over now. */
static void
engine_flush (Engine   *engine,
              gboolean  force)
{
  gint64 now = sl_clock_ns ();
  gboolean points_due = update_has_point_events (engine->pending) &&
                        (force || now - engine->last_points_ns >= engine->interval_ns);
  gboolean progress_due = engine->fraction_pending &&
                          (force || now - engine->last_progress_ns >= engine->interval_ns);
  Update *update;

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

static void
report_progress (Engine *engine,
                 double  within_visit)
{
  double fraction = (engine->visits_done + CLAMP (within_visit, 0, 1)) /
                    (double) MAX (engine->n_visits, 1);

  fraction = CLAMP (fraction, 0, 1);
  if (fraction >= engine->fraction)
    {
      engine->fraction = fraction;
      engine->fraction_pending = TRUE;
    }
  engine_flush (engine, FALSE);
}

static void
batch_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  Engine *engine = user_data;

  /* Called on the engine thread by the pools while it waits for a batch. */
  report_progress (engine, total ? done / (double) total : 0);
}

/* Runs `step` on a helper thread and waits for it or for the cancellable. On cancellation the
 * call is left to finish on its own, and the step frees what it returns. */
static gboolean
run_step (Engine    *engine,
          Step      *step,
          gpointer  *value,
          GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  GThread *thread;
  gboolean done, ok = FALSE;

  *value = NULL;
  if (g_cancellable_set_error_if_cancelled (engine->cancellable, error))
    return FALSE;

  g_atomic_int_inc (&step->ref_count);
  thread = g_thread_try_new ("sl-step", step_main, step, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    step_main (step);     /* no thread to spare: wait for it, uninterruptible */

  pthread_mutex_lock (&step->lock);
  while (!step->done && !g_cancellable_is_cancelled (engine->cancellable))
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
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
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
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
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

/* Describes the machine, sets the workload up and prepares it; every step gives way to the
 * cancellable. */
static gboolean
start_experiment (Engine  *engine,
                  GError **error)
{
  SlExperimentSpec *spec = engine->result->spec;
  const SlWorkload *workload = engine->workload;
  guint max_workers = g_array_index (spec->workers, guint, spec->workers->len - 1);
  gpointer value = NULL;

  {
    g_autoptr(Step) step = step_new (describe_machine_step, (GDestroyNotify) sl_sysinfo_free, NULL);

    if (!run_step (engine, step, &value, error))
      return FALSE;
    engine->result->system = value;
    sl_sysinfo_add_spec_warnings (engine->result->system, max_workers,
                                  workload->kind == SL_WORKLOAD_KIND_CPU);
  }

  engine->experiment = g_atomic_rc_box_new0 (Experiment);
  engine->experiment->workload = workload;
  if (workload->experiment_setup != NULL)
    {
      g_autoptr(Step) step = step_new (set_up_step, workload->experiment_teardown, workload);

      step->params = sl_params_copy (spec->params);
      if (!run_step (engine, step, &value, error))
        return FALSE;
      engine->experiment->state = value;
      engine->experiment->set_up = TRUE;
      /* Set-up may record what it started (a server's address) in hidden parameters. */
      sl_params_free (spec->params);
      spec->params = g_steal_pointer (&step->params);
    }

  engine->shared = g_atomic_rc_box_new0 (Shared);
  engine->shared->workload = workload;
  engine->shared->experiment = g_atomic_rc_box_acquire (engine->experiment);
  if (workload->prepare != NULL)
    {
      g_autoptr(Step) step = step_new (prepare_step, workload->release, workload);

      step->params = sl_params_copy (spec->params);
      step->experiment = g_atomic_rc_box_acquire (engine->experiment);
      if (!run_step (engine, step, &value, error))
        return FALSE;
      engine->shared->data = value;
    }

  return TRUE;
}

/* The checksums every task of a batch like `prototype` must return; NULL in `values` when the
 * workload cannot know them. FALSE when cancelled. */
static gboolean
expected_checksums (Engine          *engine,
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
      g_autoptr(Step) step = step_new (expected_step, g_free, engine->workload);

      step->shared = g_atomic_rc_box_acquire (engine->shared);
      step->prototype = *prototype;
      if (!run_step (engine, step, &cached, error))
        return FALSE;
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

/* One visit of a point: a fresh pool, warm-up batches, one measured batch. A cancelled visit
 * leaves the point as it was, for finish_result(). */
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
    .shared = engine->shared->data,
    .runtime = spec->runtime,
    .workers = point->workers,
    .task_timeout_s = spec->timeout_s,
    .cancellable = engine->cancellable,
  };
  SlTask prototype = { .n_tasks = point->tasks, .base_tasks = spec->tasks };
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPool) pool = NULL;
  g_autofree char *mismatch = NULL;
  const guint64 *expected = NULL;
  SlRepetition rep = { 0, };
  SlBatch batch;
  guint64 checksum = 0;
  gint64 t0, t1;
  gboolean ok = TRUE;

  if (point->status == SL_POINT_PENDING)
    {
      point->status = SL_POINT_RUNNING;
      g_array_append_val (engine->pending->started, index);
      engine_flush (engine, FALSE);
    }

  if (!g_cancellable_set_error_if_cancelled (engine->cancellable, &error))
    pool = sl_pool_new (point->model, &config, &error);
  if (pool == NULL)
    goto failed;
  sl_pool_copy_runtime_info (pool, result->runtime_info);
  rep.startup_s = sl_pool_get_startup_time (pool);

  for (guint w = 0; ok && w < spec->warmup; w++)
    {
      sl_batch_init (&batch, point->tasks, spec->tasks, spec->chunk);
      ok = sl_pool_run_batch (pool, &batch, &error);
      sl_batch_clear (&batch);
      engine_flush (engine, FALSE);
    }
  if (!ok)
    goto failed;

  sl_batch_init (&batch, point->tasks, spec->tasks, spec->chunk);
  batch.progress = batch_progress_cb;
  batch.progress_data = engine;

  t0 = sl_clock_ns ();
  ok = sl_pool_run_batch (pool, &batch, &error);
  t1 = sl_clock_ns ();

  /* Checked off the clock; a cancel while the answers are computed drops the repetition, as
   * one during the batch would. */
  if (ok)
    ok = expected_checksums (engine, &prototype, &expected, &error);
  if (!ok)
    {
      sl_batch_clear (&batch);
      goto failed;
    }

  rep.wall_s = (t1 - t0) / 1e9;
  rep.usage = batch.usage;
  rep.n_failed_tasks = batch.n_failed_tasks;

  for (guint64 i = 0; i < batch.n_tasks; i++)
    {
      checksum += batch.checksums[i];
      if (!batch.task_ok[i] || expected == NULL)
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
  point->checksum_known = expected != NULL;
  rep.checksum_ok = mismatch == NULL;
  point->checksum_ok &= rep.checksum_ok;
  point->n_failed_tasks += batch.n_failed_tasks;
  g_array_append_val (point->repetitions, rep);

  if (mismatch != NULL)
    {
      fail_point (point, mismatch);
    }
  else if (batch.n_failed_tasks > 0)
    {
      g_autofree char *message =
        g_strdup_printf ("%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " tasks failed "
                         "(first: %s)", batch.n_failed_tasks, batch.n_tasks,
                         batch.first_task_error ? batch.first_task_error : "unknown");
      fail_point (point, message);
    }
  else if (point->repetitions->len >= spec->repeat)
    {
      point->status = SL_POINT_DONE;
    }

  sl_batch_clear (&batch);

  engine->pending->updated = index;
  if (point->status != SL_POINT_RUNNING)
    g_array_append_val (engine->pending->finished, index);
  engine_flush (engine, FALSE);
  return;

failed:
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  fail_point (point, error ? error->message : "failed");
  g_array_append_val (engine->pending->finished, index);
  engine_flush (engine, FALSE);
}

/* The point of visit `visit`: the order only chooses the sequence. */
static guint
visit_point_index (const SlExperimentSpec *spec,
                   guint                   n_points,
                   guint64                 visit)
{
  if (spec->order == SL_ORDER_INTERLEAVED)
    return (guint) (visit % n_points);     /* 1 2 4 8, 1 2 4 8, ... */
  return (guint) (visit / spec->repeat);   /* 1 1 1, 2 2 2, ... */
}

static void
run_sweep (Engine *engine)
{
  const SlExperimentSpec *spec = engine->result->spec;
  GPtrArray *points = engine->result->points;

  for (guint64 v = 0; v < engine->n_visits; v++)
    {
      guint index = visit_point_index (spec, points->len, v);
      SlPoint *point = g_ptr_array_index (points, index);

      if (g_cancellable_is_cancelled (engine->cancellable))
        return;
      if ((point->status == SL_POINT_PENDING || point->status == SL_POINT_RUNNING) &&
          point->repetitions->len < spec->repeat)
        visit_point (engine, index);
      engine->visits_done++;
      report_progress (engine, 0);
    }
}

/* Only a cancelled sweep leaves points unfinished: they keep what they measured. */
static void
finish_result (Engine *engine)
{
  SlResult *result = engine->result;
  gboolean any_failed = FALSE;

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->status == SL_POINT_PENDING || point->status == SL_POINT_RUNNING)
        {
          point->status = SL_POINT_CANCELLED;
          g_free (point->error);
          if (point->repetitions->len > 0)
            point->error = g_strdup_printf ("Cancelled after %u of %u repetitions",
                                            point->repetitions->len, result->spec->repeat);
          else
            point->error = g_strdup ("Cancelled before it ran");
          g_array_append_val (engine->pending->finished, i);
        }
      any_failed |= point->status == SL_POINT_FAILED;
    }

  if (g_cancellable_is_cancelled (engine->cancellable))
    result->status = SL_RESULT_CANCELLED;
  else if (any_failed)
    result->status = SL_RESULT_PARTIAL;
  else
    result->status = SL_RESULT_COMPLETE;

  sl_analysis_update (result);
  engine->fraction = MAX (engine->fraction, engine->visits_done / (double) MAX (engine->n_visits, 1));
}

/* Pools are gone by now. A step abandoned in prepare() or expected() still holds the
 * experiment; it is torn down when that call returns. */
static void
tear_down_experiment (Engine *engine)
{
  g_clear_pointer (&engine->shared, shared_unref);
  g_clear_pointer (&engine->experiment, experiment_unref);
}

static gpointer
engine_main (gpointer data)
{
  Engine *engine = data;
  Mailbox *mailbox = engine->mailbox;
  GError *error = NULL;
  Update *last;

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
      last->error = error;
    }
  else
    {
      last->snapshot = sl_result_copy (engine->result);
      last->result = g_steal_pointer (&engine->result);
      last->fraction = engine->fraction;
    }
  engine_free (engine);

  mailbox_post (mailbox, last);

  return NULL;
}

/* ---- the main context ---- */

/* A run under way, as the main context sees it. */
typedef struct {
  GTask        *task;
  GCancellable *cancellable;          /* the run's own, cancelled by the caller's */
  gboolean      cancellable_fd;       /* holds a reference to its file descriptor */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GThread      *thread;
  GSource      *source;               /* watches mailbox.wake_fds[0] */
  Mailbox       mailbox;
} Run;

static void
run_free (Run *run)
{
  Update *update;

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
    update_free (update);
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
finish_run (SlRunner *self,
            Update   *last)
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
apply_update (SlRunner *self,
              Update   *update)
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
  if (update->updated != NO_POINT)
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
  Update *update;
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
      update_free (update);
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
  Engine *engine;

  g_return_if_fail (SL_IS_RUNNER (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_runner_run_async);
  /* A cancelled run still returns what it measured. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->run != NULL)
    {
      g_task_return_new_error (task, SL_ERROR, SL_ERROR_BUSY, "An experiment is already running");
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

  engine = g_new0 (Engine, 1);
  engine->mailbox = &run->mailbox;
  engine->workload = sl_workload_lookup (validated->workload);
  engine->cancellable = g_object_ref (run->cancellable);
  engine->result = sl_result_copy (live);
  engine->expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  engine->pending = update_new ();
  engine->interval_ns = self->update_interval_ms * G_GINT64_CONSTANT (1000000);
  engine->n_visits = (guint64) live->points->len * validated->repeat;
  engine->last_points_ns = engine->last_progress_ns = G_MININT64 / 2;

  run->thread = g_thread_try_new ("sl-engine", engine_main, engine, &error);
  if (run->thread == NULL)
    {
      engine_free (engine);
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
