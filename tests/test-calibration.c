/* test-calibration.c: the loops of a measured value: calibrated at the sweep's first point to the
 * minimum time, given, or one (the behaviour before loops); per-batch times and speedups whatever
 * the loops; the cancel between loops; the result document with and without them.
 *
 * io-sleep is the workload of known duration: a task sleeps latency_ms, whatever the load of the
 * machine, so that a batch of one task lasts what it says, and W workers divide a batch of W
 * tasks by W. */
#define G_LOG_DOMAIN "test-calibration"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-result-io.h"
#include "sl-runner-measure.h"
#include "sl-runner.h"
#include "sl-test-util.h"
#include "sl-test-workload.h"

static SlExperimentSpec *
sleep_spec (const char *latency_ms,
            guint64     tasks,
            const char *workers,
            guint       loops)
{
  SlExperimentSpec *spec = sl_test_spec_new ("io-sleep", "threads", workers);

  sl_params_set (spec->params, "latency_ms", latency_ms);
  spec->tasks = tasks;
  spec->repeat = 3;
  spec->warmup = 1;
  spec->loops = loops;
  return spec;
}

static SlResult *
run (SlExperimentSpec *spec)
{
  SlResult *result = sl_test_run_spec (spec, NULL);

  sl_test_assert_all_done (result);
  return result;
}

/* A batch of 5 ms is run as many times per measured value as make it last the minimum time
 * (0.1 s by default); every time reported is still one batch's. */
static void
test_raises_short_batch (void)
{
  g_autoptr(SlExperimentSpec) spec = sleep_spec ("5", 1, "1", 0);
  g_autoptr(SlResult) result = NULL;
  SlPoint *point;

  g_assert_cmpfloat (spec->min_time_s, ==, SL_DEFAULT_MIN_TIME_S);
  result = run (spec);
  point = g_ptr_array_index (result->points, 0);
  g_test_message ("5 ms batches: %u loops, median %.4f s per batch", result->loops,
                  point->wall.median);

  /* 0.1 s / 5 ms = 20; the calibration aims 10 % higher and a sleep never ends early. */
  g_assert_cmpuint (result->loops, >=, 10);
  g_assert_cmpuint (result->loops, <=, 23);
  g_assert_cmpuint (result->spec->loops, ==, 0);   /* what was asked is kept */
  g_assert_cmpuint (point->repetitions->len, ==, 3);
  for (guint i = 0; i < point->repetitions->len; i++)
    {
      const SlRepetition *rep = &g_array_index (point->repetitions, SlRepetition, i);

      /* Divided back: one batch's time, never the value's. */
      g_assert_cmpfloat (rep->wall_s, >=, 0.005);
      g_assert_cmpfloat (rep->wall_s, <, 0.025);
      /* The value itself lasted the minimum, within the calibration's margin. */
      g_assert_cmpfloat (rep->wall_s * result->loops, >=, 0.9 * SL_DEFAULT_MIN_TIME_S);
    }
  /* One batch's tasks per measured value, as before loops. */
  g_assert_cmpuint (point->latencies_s->len, ==, 3);
}

/* Speedups are ratios of per-batch times: calibrated loops leave them where one loop puts them,
 * near W for sleeping tasks. */
static void
test_speedups_unchanged (void)
{
  g_autoptr(SlExperimentSpec) one = sleep_spec ("10", 4, "1,2,4", 1);
  g_autoptr(SlExperimentSpec) calibrated = sleep_spec ("10", 4, "1,2,4", 0);
  g_autoptr(SlResult) a = run (one);
  g_autoptr(SlResult) b = run (calibrated);

  g_assert_cmpuint (a->loops, ==, 1);
  g_assert_cmpuint (b->loops, >, 1);
  for (guint i = 0; i < a->points->len; i++)
    {
      SlPoint *pa = g_ptr_array_index (a->points, i);
      SlPoint *pb = g_ptr_array_index (b->points, i);

      g_test_message ("W=%u: %.4f s, %.2fx with one loop; %.4f s, %.2fx with %u", pa->workers,
                      pa->wall.median, pa->speedup, pb->wall.median, pb->speedup, b->loops);
      g_assert_cmpfloat (fabs (pb->wall.median / pa->wall.median - 1), <, 0.2);
      g_assert_cmpfloat (fabs (pb->speedup / pa->speedup - 1), <, 0.2);
      g_assert_cmpfloat (fabs (pb->speedup / pa->workers - 1), <, 0.25);
    }
}

/* --loops 1 is the behaviour before loops: one batch per measured value, no calibration, however
 * long the minimum time; a value of N loops runs N batches and reports one's time. */
static void
test_given_loops (void)
{
  const guint given[] = { 1, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      g_autoptr(SlExperimentSpec) spec = sleep_spec ("20", 1, "1", given[i]);
      g_autoptr(SlResult) result = NULL;
      gint64 start = g_get_monotonic_time ();
      double elapsed_s;
      SlPoint *point;

      spec->repeat = 2;
      spec->warmup = 0;
      spec->min_time_s = 1.0;   /* a calibration would take seconds */
      result = run (spec);
      elapsed_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      point = g_ptr_array_index (result->points, 0);
      g_test_message ("%u loops: %.3f s for the run, %.4f s per batch", given[i], elapsed_s,
                      point->wall.median);

      g_assert_cmpuint (result->loops, ==, given[i]);
      g_assert_cmpfloat (point->wall.median, >=, 0.020);
      g_assert_cmpfloat (point->wall.median, <, 0.040 * (given[i] == 1 ? 2 : 1));
      /* Two values of `given` batches of 20 ms each, and nothing else of that length. */
      g_assert_cmpfloat (elapsed_s, >=, 2 * given[i] * 0.020);
      g_assert_cmpfloat (elapsed_s, <, 0.9);
      g_assert_cmpuint (point->latencies_s->len, ==, 2);
    }
}

typedef struct {
  gboolean  done;
  gint64    done_us;
  SlResult *result;
  GError   *error;
} AsyncRun;

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = sl_runner_run_finish (SL_RUNNER (object), result, &run->error);
  run->done_us = g_get_monotonic_time ();
  run->done = TRUE;
}

/* Many short batches per value, or a calibration towards a minute, still stop at once. */
static void
test_cancel_between_loops (void)
{
  /* Half a second is the target; the slack is for a loaded machine. */
  const gint64 deadline_us = 2 * G_USEC_PER_SEC;
  const char *models[] = { "threads", "processes" };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint calibrate = 0; calibrate < 2; calibrate++)
      {
        g_autoptr(GMainContext) context = g_main_context_new ();
        g_autoptr(SlRunner) runner = sl_runner_new ();
        g_autoptr(SlExperimentSpec) spec = sl_test_spec_new ("noop", models[m], "1,2");
        AsyncRun run = { FALSE, };
        gint64 cancelled_us, until;

        /* Batches of microseconds, a million of them per value, or calibrated to a minute. */
        spec->tasks = 16;
        spec->loops = calibrate ? 0 : SL_MAX_LOOPS;
        spec->min_time_s = SL_MIN_TIME_HIGHEST_S;
        g_main_context_push_thread_default (context);
        sl_runner_run_async (runner, spec, NULL, run_done_cb, &run);
        until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
        while (g_get_monotonic_time () < until)
          g_main_context_iteration (context, FALSE), g_usleep (1000);
        g_assert_false (run.done);
        cancelled_us = g_get_monotonic_time ();
        sl_runner_cancel (runner);
        while (!run.done)
          g_main_context_iteration (context, TRUE);
        g_main_context_pop_thread_default (context);

        g_assert_no_error (run.error);
        g_test_message ("%s, %s: the callback came %.3f s after the cancel", models[m],
                        calibrate ? "calibrating" : "a million loops",
                        (run.done_us - cancelled_us) / (double) G_USEC_PER_SEC);
        g_assert_cmpint (run.done_us - cancelled_us, <, deadline_us);
        g_assert_cmpint (run.result->status, ==, SL_RESULT_CANCELLED);
        /* A calibration cut short calibrated nothing. */
        g_assert_cmpuint (run.result->loops, ==, calibrate ? 0 : SL_MAX_LOOPS);
        sl_test_assert_no_children ();
        sl_result_free (run.result);
      }
}

/* The checksums of every loop count: a batch that repeats the first's is as right as the first,
 * and one that does not is found, whichever is wrong. */
static void
test_checksums_of_every_loop (void)
{
  const guint64 expected[] = { 10, 11, 12 };
  g_auto(SlLoops) loops = { 0, };
  g_autofree char *message = NULL;

  sl_batch_init (&loops.last, 3, 3, 1);
  for (guint i = 0; i < 3; i++)
    {
      loops.last.checksums[i] = expected[i];
      loops.last.task_ok[i] = TRUE;
    }
  loops.loops = 4;
  loops.first_checksums = g_memdup2 (expected, sizeof expected);
  g_assert_null (sl_loops_find_mismatch (&loops, expected));
  g_assert_null (sl_loops_find_mismatch (&loops, NULL));   /* unknowable: nothing to check */

  /* A batch between the first and the last differed. */
  loops.differed = TRUE;
  loops.differed_task = 1;
  loops.differed_checksum = 99;
  message = sl_loops_find_mismatch (&loops, expected);
  g_assert_cmpstr (message, ==, "task 1 returned checksum 99, expected 11: the work was not "
                                "done as specified");
  g_clear_pointer (&message, g_free);

  /* The first batch was wrong, and every later one repeated it. */
  loops.differed = FALSE;
  loops.first_checksums[2] = loops.last.checksums[2] = 7;
  message = sl_loops_find_mismatch (&loops, expected);
  g_assert_nonnull (strstr (message, "task 2 returned checksum 7, expected 12"));
}

/* A task that fails ends the loops of its value at once: the point fails, with the batch's
 * count of failed tasks, however many loops were asked for. */
static void
test_failed_task_ends_loops (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_test_spec_new ("test-fail", "processes", "1");
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  SlPoint *point;

  if (!g_file_test (g_getenv ("SPEEDUP_LAB_WORKER"), G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no worker executable");
      return;
    }
  sl_params_set (spec->params, "at", "3");
  spec->loops = SL_MAX_LOOPS;
  spec->repeat = 1;
  result = sl_runner_run_sync (runner, spec, NULL, &error);
  g_assert_no_error (error);
  point = g_ptr_array_index (result->points, 0);
  g_assert_cmpint (point->status, ==, SL_POINT_FAILED);
  g_assert_nonnull (strstr (point->error, "1 of 16 tasks failed"));
  g_assert_cmpuint (point->n_failed_tasks, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static JsonNode *
document_of (const SlResult *result)
{
  return sl_result_to_json (result);
}

static void
assert_document_error (JsonNode   *document,
                       const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) loaded = sl_result_from_json (document, &error);

  g_assert_null (loaded);
  sl_test_assert_invalid_input (error, needle);
}

/* The loops are in the document, the spec's request and the result's count; a document written
 * before them loads as one loop per value, which is what it measured. */
static void
test_document (void)
{
  g_autoptr(SlExperimentSpec) spec = sleep_spec ("1", 1, "1", 0);
  g_autoptr(SlResult) result = NULL;
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root, *spec_object;

  spec->min_time_s = 0.02;
  spec->repeat = 1;
  result = run (spec);
  g_assert_cmpuint (result->loops, >, 1);

  document = document_of (result);
  root = json_node_get_object (document);
  spec_object = json_object_get_object_member (root, "spec");
  g_assert_cmpint (json_object_get_int_member (root, "loops"), ==, result->loops);
  g_assert_cmpint (json_object_get_int_member (spec_object, "loops"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (spec_object, "min_time_s"), ==, 0.02);
  loaded = sl_result_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->loops, ==, result->loops);
  g_assert_cmpuint (loaded->spec->loops, ==, 0);
  g_assert_cmpfloat (loaded->spec->min_time_s, ==, 0.02);
  g_clear_pointer (&loaded, sl_result_free);

  /* Written before loops. */
  json_object_remove_member (root, "loops");
  json_object_remove_member (spec_object, "loops");
  json_object_remove_member (spec_object, "min_time_s");
  loaded = sl_result_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->loops, ==, 1);
  g_assert_cmpuint (loaded->spec->loops, ==, 1);
  g_assert_cmpfloat (loaded->spec->min_time_s, ==, SL_DEFAULT_MIN_TIME_S);
  g_assert_cmpfloat (((SlPoint *) g_ptr_array_index (loaded->points, 0))->wall.median, ==,
                     ((SlPoint *) g_ptr_array_index (result->points, 0))->wall.median);

  /* Out of range, named. */
  json_object_set_int_member (root, "loops", SL_MAX_LOOPS + 1);
  assert_document_error (document, "loops");
  json_object_set_int_member (root, "loops", 2);
  json_object_set_int_member (spec_object, "loops", SL_MAX_LOOPS + 1);
  assert_document_error (document, "spec.loops: Loops 1000001 are out of range 0–1000000");
  json_object_set_int_member (spec_object, "loops", 0);
  json_object_set_double_member (spec_object, "min_time_s", 0);
  assert_document_error (document, "spec.min_time_s: Minimum time 0 s is out of range");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calibration/raises-short-batch", test_raises_short_batch);
  g_test_add_func ("/calibration/speedups-unchanged", test_speedups_unchanged);
  g_test_add_func ("/calibration/given-loops", test_given_loops);
  g_test_add_func ("/calibration/cancel-between-loops", test_cancel_between_loops);
  g_test_add_func ("/calibration/checksums-of-every-loop", test_checksums_of_every_loop);
  g_test_add_func ("/calibration/failed-task-ends-loops", test_failed_task_ends_loops);
  g_test_add_func ("/calibration/document", test_document);

  return g_test_run ();
}
