/* test-precision.c: repeating a point until its median is precise: what a point needs, runs that
 * stop precise or on their budget, and the document with and without the settings. (The
 * interval itself is test-stats's.) */
#define G_LOG_DOMAIN "test-precision"

#include "config.h"

#include <math.h>

#include "sl-precision.h"
#include "sl-result-io.h"
#include "sl-runner.h"
#include "sl-test-util.h"
#include "sl-test-workload.h"

static SlPoint *
point_with_times (const double *times,
                  guint         n)
{
  SlPoint *point = sl_point_new (SL_RUNTIME_NATIVE, SL_MODEL_THREADS, 1, 4);

  for (guint i = 0; i < n; i++)
    {
      SlRepetition rep = { .wall_s = times[i], .checksum_ok = TRUE };

      g_array_append_val (point->repetitions, rep);
    }
  return point;
}

/* At least the repetitions asked, and 6; then more until precise, or the budget spent. */
static void
test_point_need (void)
{
  const double tight[] = { 1.000, 1.001, 0.999, 1.002, 1.000, 0.998 };
  const double wide[] = { 1.0, 1.3, 0.8, 1.1, 0.9, 1.2 };
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlPoint) three = point_with_times (tight, 3);
  g_autoptr(SlPoint) precise = point_with_times (tight, 6);
  g_autoptr(SlPoint) noisy = point_with_times (wide, 6);
  g_autoptr(SlPoint) most = sl_point_new (SL_RUNTIME_NATIVE, SL_MODEL_THREADS, 1, 4);

  spec->repeat = 3;
  g_assert_cmpint (sl_precision_point_need (spec, three, 0), ==, SL_PRECISION_ENOUGH);
  spec->repeat = 5;
  g_assert_cmpint (sl_precision_point_need (spec, three, 1e6), ==, SL_PRECISION_MORE);

  spec->repeat = 3;
  spec->until_precise_pct = 1;
  spec->budget_s = 10;
  /* Below 6 repetitions there is no interval: more, unless the budget is spent. */
  g_assert_true (isnan (sl_precision_of_point (three)));
  g_assert_cmpint (sl_precision_point_need (spec, three, 1), ==, SL_PRECISION_MORE);
  g_assert_cmpint (sl_precision_point_need (spec, three, 10), ==, SL_PRECISION_BUDGET_SPENT);

  /* 0.998 to 1.002 around 1.000: 0.4 %. */
  g_assert_cmpfloat_with_epsilon (sl_precision_of_point (precise), 0.4, 1e-9);
  g_assert_cmpint (sl_precision_point_need (spec, precise, 100), ==, SL_PRECISION_ENOUGH);
  /* 0.8 to 1.3 around 1.05: 48 %. */
  g_assert_cmpfloat (sl_precision_of_point (noisy), >, 40);
  g_assert_cmpint (sl_precision_point_need (spec, noisy, 9.9), ==, SL_PRECISION_MORE);
  g_assert_cmpint (sl_precision_point_need (spec, noisy, 10), ==, SL_PRECISION_BUDGET_SPENT);

  /* The most repetitions are a budget too. */
  for (guint i = 0; i < SL_MAX_REPEAT; i++)
    {
      SlRepetition rep = { .wall_s = wide[i % G_N_ELEMENTS (wide)] };

      g_array_append_val (most->repetitions, rep);
    }
  g_assert_cmpint (sl_precision_point_need (spec, most, 0), ==, SL_PRECISION_BUDGET_SPENT);
}

static SlResult *
run (SlExperimentSpec *spec)
{
  SlResult *result = sl_test_run_spec (spec, NULL);

  sl_test_assert_all_done (result);
  return result;
}

static SlExperimentSpec *
sleep_spec (const char *latency_ms,
            const char *models,
            SlOrder     order)
{
  SlExperimentSpec *spec = sl_test_spec_new ("io-sleep", models, "1,2");

  sl_params_set (spec->params, "latency_ms", latency_ms);
  spec->tasks = 2;
  spec->repeat = 3;
  spec->warmup = 0;
  spec->order = order;
  return spec;
}

/* Sleeps are precise: every point stops at the 6 repetitions an interval needs, or soon after,
 * in either order, precise, not on its budget. */
static void
test_run_until_precise (void)
{
  const SlOrder orders[] = { SL_ORDER_INTERLEAVED, SL_ORDER_SEQUENTIAL };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr(SlExperimentSpec) spec = sleep_spec ("20", "threads", orders[o]);
      g_autoptr(SlResult) result = NULL;

      spec->until_precise_pct = 50;
      result = run (spec);
      for (guint i = 0; i < result->points->len; i++)
        {
          SlPoint *point = g_ptr_array_index (result->points, i);

          g_test_message ("W=%u: %u repetitions, %.2f %%", point->workers,
                          point->repetitions->len, sl_precision_of_point (point));
          g_assert_cmpint (point->status, ==, SL_POINT_DONE);
          g_assert_cmpuint (point->repetitions->len, >=, SL_PRECISION_MIN_VALUES);
          g_assert_false (point->stopped_on_budget);
          g_assert_cmpfloat (sl_precision_of_point (point), <=, 50);
        }
    }
}

/* A point whose budget is spent stops there, precise or not, and says so; the sweep goes on. */
static void
test_run_budget (void)
{
  g_autoptr(SlExperimentSpec) spec = sleep_spec ("150", "threads", SL_ORDER_INTERLEAVED);
  g_autoptr(SlResult) result = NULL;
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *spec_object;
  JsonArray *points;

  /* One visit of 2 sleeps of 150 ms outlasts the budget: no interval, and no more time. */
  spec->repeat = 1;
  spec->until_precise_pct = SL_PRECISE_LOWEST_PCT;
  spec->budget_s = 0.1;
  result = run (spec);
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_DONE);
      g_assert_cmpuint (point->repetitions->len, ==, 1);
      g_assert_true (point->stopped_on_budget);
    }

  /* Kept in the document, and read back; a document without them repeats as asked. */
  document = sl_result_to_json (result);
  loaded = sl_result_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_true (((SlPoint *) g_ptr_array_index (loaded->points, 0))->stopped_on_budget);
  g_assert_cmpfloat (loaded->spec->until_precise_pct, ==, SL_PRECISE_LOWEST_PCT);
  g_assert_cmpfloat (loaded->spec->budget_s, ==, 0.1);
  g_clear_pointer (&loaded, sl_result_free);

  spec_object = json_object_get_object_member (json_node_get_object (document), "spec");
  json_object_remove_member (spec_object, "until_precise_pct");
  json_object_remove_member (spec_object, "budget_s");
  points = json_object_get_array_member (json_node_get_object (document), "points");
  for (guint i = 0; i < json_array_get_length (points); i++)
    json_object_remove_member (json_array_get_object_element (points, i), "stopped_on_budget");
  loaded = sl_result_from_json (document, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (loaded->spec->until_precise_pct, ==, 0);
  g_assert_cmpfloat (loaded->spec->budget_s, ==, SL_DEFAULT_BUDGET_S);
  g_assert_false (((SlPoint *) g_ptr_array_index (loaded->points, 0))->stopped_on_budget);
  g_clear_pointer (&loaded, sl_result_free);

  /* Out of range, named by the document's names. */
  json_object_set_double_member (spec_object, "until_precise_pct", 200);
  loaded = sl_result_from_json (document, &error);
  g_assert_null (loaded);
  sl_test_assert_invalid_input (error, "spec.until_precise_pct: Precision 200 % is out of range");
  g_clear_error (&error);
  json_object_set_double_member (spec_object, "until_precise_pct", 2);
  json_object_set_double_member (spec_object, "budget_s", 0);
  loaded = sl_result_from_json (document, &error);
  g_assert_null (loaded);
  sl_test_assert_invalid_input (error, "spec.budget_s: Budget 0 s is out of range");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/precision/point-need", test_point_need);
  g_test_add_func ("/precision/run-until-precise", test_run_until_precise);
  g_test_add_func ("/precision/run-budget", test_run_budget);

  return g_test_run ();
}
