/* test-runner.c: the engine thread, its events on the caller's main context, ordering of
 * repetitions, failed points, and cancellation. */
#define G_LOG_DOMAIN "test-runner"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-error.h"
#include "sl-runner.h"

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
  SlExperimentSpec *spec = sl_experiment_spec_new ();

  g_free (spec->workload);
  spec->workload = g_strdup (workload);
  g_array_unref (spec->models);
  spec->models = sl_parse_model_list (models, NULL);
  g_array_unref (spec->workers);
  spec->workers = sl_parse_worker_list (workers, NULL);
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
  g_test_add_func ("/runner/timeout", test_timeout_fails_point_only);
  g_test_add_func ("/runner/processes/task-failures", test_processes_and_failures);
  g_test_add_func ("/runner/processes/crash", test_crash_then_continue);

  return g_test_run ();
}
