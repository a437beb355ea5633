/* test-runner.c: the engine thread, its events on the caller's main context, ordering of
 * repetitions, failed points, cancellation, the properties a window binds to, and how few
 * events a fast sweep costs the main context. */
#define G_LOG_DOMAIN "test-runner"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-error.h"
#include "sl-result-io.h"
#include "sl-runner.h"
#include "sl-test-util.h"

typedef struct {
  GThread  *main_thread;
  GArray   *updated;       /* guint point indices, in the order of point-updated */
  guint     started;
  guint     finished;
  double    last_fraction;
  gboolean  fraction_went_back;
  GCancellable *cancel_on_update;
} Events;

static void
point_started_cb (SlRunner *runner,
                  guint     index,
                  Events   *events)
{
  g_assert_true (g_thread_self () == events->main_thread);
  events->started++;
}

static void
point_updated_cb (SlRunner *runner,
                  guint     index,
                  Events   *events)
{
  const SlResult *live = sl_runner_get_result (runner);
  SlPoint *point = g_ptr_array_index (live->points, index);

  g_assert_true (g_thread_self () == events->main_thread);
  /* The live copy already holds the new repetition and is analysed. */
  g_assert_cmpuint (point->repetitions->len, >=, 1);
  if (point->status == SL_POINT_RUNNING || point->status == SL_POINT_DONE)
    g_assert_true (isfinite (point->wall.median));
  g_array_append_val (events->updated, index);
  if (events->cancel_on_update != NULL)
    g_cancellable_cancel (events->cancel_on_update);
}

static void
point_finished_cb (SlRunner *runner,
                   guint     index,
                   Events   *events)
{
  events->finished++;
}

static void
progress_cb (SlRunner *runner,
             double    fraction,
             Events   *events)
{
  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  if (fraction + 1e-9 < events->last_fraction)
    events->fraction_went_back = TRUE;
  events->last_fraction = fraction;
}

static SlRunner *
make_runner (Events *events)
{
  SlRunner *runner = sl_runner_new ();

  /* Every event on its own, so that a test can follow each repetition. */
  sl_runner_set_update_interval (runner, 0);
  memset (events, 0, sizeof *events);
  events->main_thread = g_thread_self ();
  events->updated = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (runner, "point-started", G_CALLBACK (point_started_cb), events);
  g_signal_connect (runner, "point-updated", G_CALLBACK (point_updated_cb), events);
  g_signal_connect (runner, "point-finished", G_CALLBACK (point_finished_cb), events);
  g_signal_connect (runner, "progress", G_CALLBACK (progress_cb), events);
  return runner;
}

static SlExperimentSpec *
small_spec (const char *workload,
            const char *models,
            const char *workers)
{
  SlExperimentSpec *spec = sl_test_spec_new (workload, models, workers);

  spec->repeat = 2;
  spec->warmup = 0;
  spec->tasks = 16;
  return spec;
}

static void
test_run_sum (void)
{
  Events events;
  g_autoptr(SlRunner) runner = make_runner (&events);
  g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", "threads", "1,2,4");
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sl_params_set (spec->params, "n", "2000000");
  result = sl_runner_run_sync (runner, spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_COMPLETE);
  g_assert_cmpuint (result->points->len, ==, 3);
  g_assert_cmpuint (events.started, ==, 3);
  g_assert_cmpuint (events.finished, ==, 3);
  g_assert_cmpuint (events.updated->len, ==, 6);
  g_assert_false (events.fraction_went_back);
  g_assert_cmpfloat (events.last_fraction, ==, 1.0);

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_DONE);
      g_assert_true (point->checksum_ok);
      g_assert_true (point->checksum_known);
      g_assert_cmpuint (point->repetitions->len, ==, 2);
      g_assert_cmpuint (point->latencies_s->len, ==, 32);
      g_assert_cmpfloat (point->wall.median, >, 0);
      g_assert_cmpfloat (point->startup_s, >, 0);
      /* n (n-1) / 2 for n = 2 000 000 */
      g_assert_cmpuint (point->checksum, ==, G_GUINT64_CONSTANT (1999999000000));
    }
  g_assert_cmpfloat (((SlPoint *) g_ptr_array_index (result->points, 0))->speedup, ==, 1.0);
  g_assert_nonnull (result->system);
  g_assert_cmpuint (result->system->usable_cpus, >=, 1);
  g_assert_nonnull (result->analysis);
  g_assert_nonnull (result->analysis->recommendation);
  g_assert_false (sl_runner_is_running (runner));
  /* The live result is the final one after the run. */
  g_assert_cmpint (sl_runner_get_result (runner)->status, ==, SL_RESULT_COMPLETE);

  g_array_unref (events.updated);
}

static void
test_order (void)
{
  SlOrder orders[] = { SL_ORDER_INTERLEAVED, SL_ORDER_SEQUENTIAL };
  guint expected[2][6] = { { 0, 1, 2, 0, 1, 2 }, { 0, 0, 1, 1, 2, 2 } };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      Events events;
      g_autoptr(SlRunner) runner = make_runner (&events);
      g_autoptr(SlExperimentSpec) spec = small_spec ("noop", "threads", "1,2,3");
      g_autoptr(SlResult) result = NULL;

      spec->order = orders[o];
      result = sl_runner_run_sync (runner, spec, NULL, NULL);
      g_assert_nonnull (result);
      g_assert_cmpuint (events.updated->len, ==, 6);
      for (guint i = 0; i < 6; i++)
        g_assert_cmpuint (g_array_index (events.updated, guint, i), ==, expected[o][i]);
      g_array_unref (events.updated);
    }
}

static void
test_invalid_spec (void)
{
  Events events;
  g_autoptr(SlRunner) runner = make_runner (&events);
  g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", "threads", "1");
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sl_params_set (spec->params, "n", "0");
  result = sl_runner_run_sync (runner, spec, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_cmpuint (events.started, ==, 0);
  g_array_unref (events.updated);
}

static void
test_cancel (void)
{
  Events events;
  g_autoptr(SlRunner) runner = make_runner (&events);
  g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", "threads", "1,2");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Big enough to run for minutes if cancellation did not work. */
  sl_params_set (spec->params, "n", "2000000000");
  spec->repeat = 50;
  events.cancel_on_update = cancellable;
  result = sl_runner_run_sync (runner, spec, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_CANCELLED);
    }
  /* What was measured before the cancel is kept. */
  g_assert_cmpuint (((SlPoint *) g_ptr_array_index (result->points, 0))->repetitions->len, >=, 1);
  g_array_unref (events.updated);
}

static void
cancel_after_round_cb (SlRunner *runner,
                       guint     index,
                       guint    *last_index)
{
  /* The end of the first round of an interleaved sweep: every point has one repetition. */
  if (index == *last_index)
    sl_runner_cancel (runner);
}

/* A cancelled interleaved sweep keeps every point it measured, drawable and analysed, and the
 * document keeps them too. */
static void
test_cancel_keeps_measurements (void)
{
  Events events;
  g_autoptr(SlRunner) runner = make_runner (&events);
  g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", "threads", "1,2");
  g_autoptr(SlResult) result = NULL;
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint last_index = 1;

  sl_params_set (spec->params, "n", "200000000");
  spec->repeat = 50;
  g_assert_cmpint (spec->order, ==, SL_ORDER_INTERLEAVED);
  g_signal_connect (runner, "point-updated", G_CALLBACK (cancel_after_round_cb), &last_index);
  result = sl_runner_run_sync (runner, spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->status, ==, SL_RESULT_CANCELLED);
  /* point-finished is never lost, also for the cancelled points. */
  g_assert_cmpuint (events.finished, ==, 2);

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);
      g_autofree char *expected = g_strdup_printf ("Cancelled after %u of 50 repetitions",
                                                   point->repetitions->len);

      g_assert_cmpint (point->status, ==, SL_POINT_CANCELLED);
      g_assert_cmpuint (point->repetitions->len, >=, 1);
      g_assert_true (sl_point_has_measurements (point));
      g_assert_cmpstr (point->error, ==, expected);
      g_assert_true (isfinite (point->wall.median));
      g_assert_true (isfinite (point->speedup));
    }
  g_assert_true (result->analysis->has_best);
  g_assert_cmpint (sl_runner_get_result (runner)->status, ==, SL_RESULT_CANCELLED);

  /* The document keeps a cancelled point with its repetitions. */
  node = sl_result_to_json (result);
  loaded = sl_result_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->status, ==, SL_RESULT_CANCELLED);
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);
      SlPoint *again = g_ptr_array_index (loaded->points, i);

      g_assert_cmpint (again->status, ==, SL_POINT_CANCELLED);
      g_assert_cmpuint (again->repetitions->len, ==, point->repetitions->len);
      g_assert_true (sl_point_has_measurements (again));
      g_assert_cmpfloat_with_epsilon (again->speedup, point->speedup, 1e-6);
    }
  g_assert_true (loaded->analysis->has_best);
  g_array_unref (events.updated);
}

typedef struct {
  SlResult *result;
  GError   *error;
  gboolean  done;
  gint64    done_us;
} AsyncRun;

static void
async_run_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = sl_runner_run_finish (SL_RUNNER (object), result, &run->error);
  run->done = TRUE;
  run->done_us = g_get_monotonic_time ();
}

static void
async_run_wait (AsyncRun *run)
{
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

/* A cancel stops everything within half a second, whatever step the run is in: here one
 * task takes far longer than the deadline, so only a task that stops early can meet it. */
static void
test_cancel_deadline (void)
{
  /* Half a second is the target; the slack is for a loaded machine. */
  const gint64 deadline_us = 2 * G_USEC_PER_SEC;
  const char *models[] = { "threads", "processes" };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      g_autoptr(SlRunner) runner = sl_runner_new ();
      g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", models[m], "1,2");
      AsyncRun run = { NULL, };
      gint64 cancelled_us;

      /* 10^10 integers per task: tens of seconds, 20 times the deadline at least. */
      sl_params_set (spec->params, "n", "20000000000");
      spec->tasks = 2;
      spec->repeat = 10;
      sl_runner_run_async (runner, spec, NULL, async_run_done_cb, &run);
      /* Well into the first batch, with every worker busy. */
      g_usleep (G_USEC_PER_SEC / 2);
      g_assert_false (run.done);
      cancelled_us = g_get_monotonic_time ();
      sl_runner_cancel (runner);
      async_run_wait (&run);

      g_assert_no_error (run.error);
      g_test_message ("%s: the callback came %.3f s after the cancel", models[m],
                      (run.done_us - cancelled_us) / (double) G_USEC_PER_SEC);
      g_assert_cmpint (run.done_us - cancelled_us, <, deadline_us);
      g_assert_cmpint (run.result->status, ==, SL_RESULT_CANCELLED);
      g_assert_false (sl_runner_is_running (runner));
      for (guint i = 0; i < run.result->points->len; i++)
        {
          SlPoint *point = g_ptr_array_index (run.result->points, i);

          g_assert_cmpint (point->status, ==, SL_POINT_CANCELLED);
          g_assert_false (sl_point_has_measurements (point));
        }
      sl_test_assert_no_children ();
      sl_result_free (run.result);
    }
}

/* Cancelled before the engine thread got anywhere: a result, not an error. */
static void
test_cancel_at_once (void)
{
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", "threads", "1,2");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncRun run = { NULL, };
  int fds_before = sl_test_count_fds ();

  sl_runner_run_async (runner, spec, cancellable, async_run_done_cb, &run);
  g_cancellable_cancel (cancellable);
  async_run_wait (&run);

  g_assert_no_error (run.error);
  g_assert_cmpint (run.result->status, ==, SL_RESULT_CANCELLED);
  for (guint i = 0; i < run.result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (run.result->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_CANCELLED);
      g_assert_cmpstr (point->error, ==, "Cancelled before it ran");
      g_assert_false (sl_point_has_measurements (point));
    }
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
  sl_result_free (run.result);
}

typedef struct {
  guint           running_notifies;
  guint           result_notifies;
  gboolean        last_running;
  const SlResult *live;
  guint           updates;
} Watch;

static void
notify_running_cb (SlRunner   *runner,
                   GParamSpec *pspec,
                   Watch      *watch)
{
  gboolean running;

  g_object_get (runner, "running", &running, NULL);
  g_assert_true (running == sl_runner_is_running (runner));
  g_assert_true (running != watch->last_running);
  watch->last_running = running;
  watch->running_notifies++;
}

static void
notify_result_cb (SlRunner   *runner,
                  GParamSpec *pspec,
                  Watch      *watch)
{
  gpointer result;

  g_object_get (runner, "result", &result, NULL);
  g_assert_true (result == sl_runner_get_result (runner));
  watch->live = result;
  watch->result_notifies++;
}

static void
watch_updated_cb (SlRunner *runner,
                  guint     index,
                  Watch    *watch)
{
  /* The live result is the same object for the whole run. */
  g_assert_true (sl_runner_get_result (runner) == watch->live);
  watch->updates++;
}

/* What a window binds its Run and Cancel actions to; a second run while one runs is refused
 * through its callback. */
static void
test_properties_and_busy (void)
{
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", "threads", "1,2");
  Watch watch = { 0, };
  AsyncRun first = { NULL, }, second = { NULL, };

  g_assert_cmpuint (sl_runner_get_update_interval (runner), ==, 100);
  sl_params_set (spec->params, "n", "2000000");
  g_signal_connect (runner, "notify::running", G_CALLBACK (notify_running_cb), &watch);
  g_signal_connect (runner, "notify::result", G_CALLBACK (notify_result_cb), &watch);
  g_signal_connect (runner, "point-updated", G_CALLBACK (watch_updated_cb), &watch);

  sl_runner_run_async (runner, spec, NULL, async_run_done_cb, &first);
  g_assert_true (sl_runner_is_running (runner));
  g_assert_cmpuint (watch.running_notifies, ==, 1);
  g_assert_cmpuint (watch.result_notifies, ==, 1);
  /* The machine is described on the engine thread, not here. */
  g_assert_null (sl_runner_get_result (runner)->system);

  sl_runner_run_async (runner, spec, NULL, async_run_done_cb, &second);
  g_assert_false (second.done);
  async_run_wait (&second);
  g_assert_error (second.error, SL_ERROR, SL_ERROR_BUSY);
  g_assert_null (second.result);
  g_assert_false (first.done);

  async_run_wait (&first);
  g_assert_no_error (first.error);
  g_assert_cmpint (first.result->status, ==, SL_RESULT_COMPLETE);
  g_assert_cmpuint (watch.running_notifies, ==, 2);
  g_assert_false (watch.last_running);
  g_assert_cmpuint (watch.result_notifies, ==, 1);
  g_assert_cmpuint (watch.updates, >=, 1);
  g_assert_true (sl_runner_get_result (runner) == watch.live);
  g_assert_nonnull (watch.live->system);
  g_assert_cmpint (watch.live->status, ==, SL_RESULT_COMPLETE);

  g_clear_error (&second.error);
  sl_result_free (first.result);
}

typedef struct {
  guint started, updated, finished, progress;
} Counts;

static void
count_started_cb (SlRunner *runner, guint index, Counts *counts)
{
  counts->started++;
}

static void
count_updated_cb (SlRunner *runner, guint index, Counts *counts)
{
  counts->updated++;
}

static void
count_finished_cb (SlRunner *runner, guint index, Counts *counts)
{
  counts->finished++;
}

static void
count_progress_cb (SlRunner *runner, double fraction, Counts *counts)
{
  counts->progress++;
}

/* A fast sweep of many points costs the main context a bounded number of events: at most ten
 * updates and ten progress reports a second (one more at each end), plus one start and one
 * finish per point, which are never lost. */
static void
test_coalesced_events (void)
{
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(SlExperimentSpec) spec = small_spec ("noop", "threads", "1-40");
  Counts counts = { 0, };
  AsyncRun run = { NULL, };
  guint n_visits;
  gint64 start_us;
  double seconds;

  spec->repeat = 3;
  n_visits = 40 * spec->repeat;
  g_signal_connect (runner, "point-started", G_CALLBACK (count_started_cb), &counts);
  g_signal_connect (runner, "point-updated", G_CALLBACK (count_updated_cb), &counts);
  g_signal_connect (runner, "point-finished", G_CALLBACK (count_finished_cb), &counts);
  g_signal_connect (runner, "progress", G_CALLBACK (count_progress_cb), &counts);

  start_us = g_get_monotonic_time ();
  sl_runner_run_async (runner, spec, NULL, async_run_done_cb, &run);
  async_run_wait (&run);
  seconds = (run.done_us - start_us) / (double) G_USEC_PER_SEC;

  g_assert_no_error (run.error);
  g_assert_cmpint (run.result->status, ==, SL_RESULT_COMPLETE);
  g_test_message ("%u visits in %.2f s: %u updates, %u progress reports", n_visits, seconds,
                  counts.updated, counts.progress);
  g_assert_cmpuint (counts.started, ==, 40);
  g_assert_cmpuint (counts.finished, ==, 40);
  g_assert_cmpuint (counts.updated, >=, 1);
  g_assert_cmpfloat (counts.updated, <=, 10 * seconds + 2);
  g_assert_cmpfloat (counts.progress, <=, 10 * seconds + 2);

  /* The last update brought the final state of every point. */
  for (guint i = 0; i < run.result->points->len; i++)
    {
      const SlPoint *live = g_ptr_array_index (sl_runner_get_result (runner)->points, i);

      g_assert_cmpint (live->status, ==, SL_POINT_DONE);
      g_assert_cmpuint (live->repetitions->len, ==, spec->repeat);
    }
  sl_result_free (run.result);
}

static void
test_timeout_fails_point_only (void)
{
  Events events;
  g_autoptr(SlRunner) runner = make_runner (&events);
  g_autoptr(SlExperimentSpec) spec = small_spec ("cpu-sum", "threads", "1,2");
  g_autoptr(SlResult) result = NULL;
  SlPoint *one, *two;

  /* One task of 10^10 integers takes seconds at W = 1; with 2 tasks the time halves. */
  sl_params_set (spec->params, "n", "4000000000");
  spec->tasks = 2;
  spec->repeat = 1;
  spec->timeout_s = 0.05;
  result = sl_runner_run_sync (runner, spec, NULL, NULL);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_PARTIAL);
  one = g_ptr_array_index (result->points, 0);
  two = g_ptr_array_index (result->points, 1);
  g_assert_cmpint (one->status, ==, SL_POINT_FAILED);
  g_assert_nonnull (strstr (one->error, "timeout"));
  /* The sweep went on to the next point. */
  g_assert_cmpint (two->status, ==, SL_POINT_FAILED);
  g_assert_true (isnan (one->speedup));
  g_array_unref (events.updated);
}

static void
test_processes_and_failures (void)
{
  Events events;
  g_autoptr(SlRunner) runner = make_runner (&events);
  g_autoptr(SlExperimentSpec) spec = small_spec ("test-fail", "processes", "1,2");
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (sl_workload_lookup ("test-fail") == NULL)
    {
      g_test_skip ("test workloads are not enabled");
      g_array_unref (events.updated);
      return;
    }

  sl_params_set (spec->params, "at", "3");
  result = sl_runner_run_sync (runner, spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->status, ==, SL_RESULT_PARTIAL);
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      /* A point with failed tasks is flagged, never averaged in. */
      g_assert_cmpint (point->status, ==, SL_POINT_FAILED);
      g_assert_nonnull (strstr (point->error, "1 of 16 tasks failed"));
      g_assert_cmpuint (point->n_failed_tasks, >=, 1);
    }
  g_array_unref (events.updated);
}

static void
test_crash_then_continue (void)
{
  Events events;
  g_autoptr(SlRunner) runner = make_runner (&events);
  g_autoptr(SlExperimentSpec) spec = NULL;
  g_autoptr(SlResult) result = NULL;

  if (sl_workload_lookup ("test-crash") == NULL)
    {
      g_test_skip ("test workloads are not enabled");
      g_array_unref (events.updated);
      return;
    }

  spec = small_spec ("test-crash", "processes", "1,2");
  sl_params_set (spec->params, "at", "5");
  result = sl_runner_run_sync (runner, spec, NULL, NULL);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_PARTIAL);
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_FAILED);
      g_assert_nonnull (strstr (point->error, "signal"));
    }
  g_array_unref (events.updated);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner/sum", test_run_sum);
  g_test_add_func ("/runner/order", test_order);
  g_test_add_func ("/runner/invalid-spec", test_invalid_spec);
  g_test_add_func ("/runner/cancel", test_cancel);
  g_test_add_func ("/runner/cancel/keeps-measurements", test_cancel_keeps_measurements);
  g_test_add_func ("/runner/cancel/deadline", test_cancel_deadline);
  g_test_add_func ("/runner/cancel/at-once", test_cancel_at_once);
  g_test_add_func ("/runner/properties-and-busy", test_properties_and_busy);
  g_test_add_func ("/runner/coalesced-events", test_coalesced_events);
  g_test_add_func ("/runner/timeout", test_timeout_fails_point_only);
  g_test_add_func ("/runner/processes/task-failures", test_processes_and_failures);
  g_test_add_func ("/runner/processes/crash", test_crash_then_continue);

  return g_test_run ();
}
