/* test-result-io.c: the result document: round trips, null for unknown values, the latency cap,
 * the code's hash, and atomic saving. Documents refused, or read forgivingly, are
 * test-result-load's. */
#define G_LOG_DOMAIN "test-result-io"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-analysis.h"
#include "sl-error.h"
#include "sl-python.h"
#include "sl-result-io.h"
#include "sl-test-util.h"

/* Two models at 1, 2 and 4 workers, three repetitions each, processes at 4 failed. Times are
 * made up but shaped like a real sweep: T(W) = 0.1 + 0.9 / W with a little spread. */
static SlResult *
make_result (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GError) error = NULL;
  SlResult *result;

  g_free (spec->preset);
  spec->preset = g_strdup ("seed-cpu");
  sl_params_set (spec->params, "n", "1000000");
  g_array_set_size (spec->workers, 0);
  g_array_append_vals (spec->workers, (guint[]) { 1, 2, 4 }, 3);
  spec->tasks = 8;
  spec->repeat = 3;
  spec->warmup = 0;
  spec->chunk = 2;
  spec->timeout_s = 2.5;
  spec->order = SL_ORDER_SEQUENTIAL;
  sl_test_resolve_spec (&spec);

  result = sl_result_new (spec, sl_test_sysinfo_new ());
  result->loops = 7;   /* as calibrated */
  g_hash_table_insert (result->runtime_info, g_strdup ("compiler"), g_strdup ("gcc \"12\""));

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);
      double base = (0.1 + 0.9 / point->workers) * (point->model == SL_MODEL_PROCESSES ? 1.1 : 1.0);

      if (point->model == SL_MODEL_PROCESSES && point->workers == 4)
        {
          point->status = SL_POINT_FAILED;
          point->error = g_strdup ("Worker 2 crashed: “Segmentation fault”, signal 11");
          continue;
        }

      point->status = SL_POINT_DONE;
      point->stopped_on_budget = i == 1;
      point->checksum = G_GUINT64_CONSTANT (18446744073709551557) - i;
      for (guint r = 0; r < spec->repeat; r++)
        {
          SlRepetition rep = { 0, };

          rep.wall_s = base * (1.0 + 0.01 * r);
          rep.startup_s = r == 1 ? NAN : 0.002 * point->workers;
          rep.usage.user_s = rep.wall_s * point->workers * 0.9;
          rep.usage.sys_s = 0.01;
          rep.usage.voluntary_cs = 10 + r;
          rep.usage.involuntary_cs = 3;
          rep.usage.peak_rss_kb = 4096 + 100 * point->workers;
          rep.checksum_ok = TRUE;
          g_array_append_val (point->repetitions, rep);
        }
      for (guint t = 0; t < point->tasks * spec->repeat; t++)
        {
          double latency = 0.001 * (1 + t % 5) + 1.23e-8;
          g_array_append_val (point->latencies_s, latency);
        }
    }

  result->status = SL_RESULT_PARTIAL;
  sl_analysis_update (result);

  return result;
}

static void
assert_same_double (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_specs_equal (const SlExperimentSpec *a,
                    const SlExperimentSpec *b)
{
  g_assert_cmpstr (a->preset, ==, b->preset);
  g_assert_cmpstr (a->workload, ==, b->workload);
  g_assert_true (sl_params_equal (a->params, b->params));
  g_assert_cmpint (a->runtime, ==, b->runtime);
  g_assert_cmpmem (a->models->data, a->models->len * sizeof (SlModel),
                   b->models->data, b->models->len * sizeof (SlModel));
  g_assert_cmpmem (a->workers->data, a->workers->len * sizeof (guint),
                   b->workers->data, b->workers->len * sizeof (guint));
  g_assert_cmpuint (a->tasks, ==, b->tasks);
  g_assert_cmpuint (a->chunk, ==, b->chunk);
  g_assert_cmpuint (a->repeat, ==, b->repeat);
  g_assert_cmpuint (a->warmup, ==, b->warmup);
  g_assert_cmpfloat (a->timeout_s, ==, b->timeout_s);
  g_assert_cmpuint (a->loops, ==, b->loops);
  g_assert_cmpfloat (a->min_time_s, ==, b->min_time_s);
  g_assert_cmpfloat (a->until_precise_pct, ==, b->until_precise_pct);
  g_assert_cmpfloat (a->budget_s, ==, b->budget_s);
  g_assert_cmpint (a->scaling, ==, b->scaling);
  g_assert_cmpint (a->order, ==, b->order);
}

static void
assert_points_equal (const SlPoint *a,
                     const SlPoint *b)
{
  g_assert_cmpint (a->runtime, ==, b->runtime);
  g_assert_cmpint (a->model, ==, b->model);
  g_assert_cmpuint (a->workers, ==, b->workers);
  g_assert_cmpuint (a->tasks, ==, b->tasks);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpstr (a->error, ==, b->error);
  g_assert_cmpuint (a->checksum, ==, b->checksum);
  g_assert_cmpint (a->checksum_ok, ==, b->checksum_ok);
  g_assert_cmpint (a->checksum_known, ==, b->checksum_known);
  g_assert_cmpuint (a->n_failed_tasks, ==, b->n_failed_tasks);
  g_assert_cmpint (a->stopped_on_budget, ==, b->stopped_on_budget);

  g_assert_cmpuint (a->repetitions->len, ==, b->repetitions->len);
  for (guint r = 0; r < a->repetitions->len; r++)
    {
      const SlRepetition *x = &g_array_index (a->repetitions, SlRepetition, r);
      const SlRepetition *y = &g_array_index (b->repetitions, SlRepetition, r);

      assert_same_double (x->wall_s, y->wall_s);
      assert_same_double (x->startup_s, y->startup_s);
      assert_same_double (x->usage.user_s, y->usage.user_s);
      assert_same_double (x->usage.sys_s, y->usage.sys_s);
      g_assert_cmpint (x->usage.voluntary_cs, ==, y->usage.voluntary_cs);
      g_assert_cmpint (x->usage.involuntary_cs, ==, y->usage.involuntary_cs);
      g_assert_cmpint (x->usage.peak_rss_kb, ==, y->usage.peak_rss_kb);
      g_assert_cmpuint (x->n_failed_tasks, ==, y->n_failed_tasks);
      g_assert_cmpint (x->checksum_ok, ==, y->checksum_ok);
      g_assert_cmpint (x->outlier, ==, y->outlier);
    }

  /* Latencies are stored to 0.1 µs. */
  g_assert_cmpuint (a->latencies_s->len, ==, b->latencies_s->len);
  for (guint t = 0; t < a->latencies_s->len; t++)
    g_assert_cmpfloat_with_epsilon (g_array_index (a->latencies_s, double, t),
                                    g_array_index (b->latencies_s, double, t), 0.51e-7);

  assert_same_double (a->wall.median, b->wall.median);
  assert_same_double (a->wall.stddev, b->wall.stddev);
  assert_same_double (a->speedup, b->speedup);
  assert_same_double (a->efficiency, b->efficiency);
  assert_same_double (a->startup_s, b->startup_s);
  assert_same_double (a->cpu_util, b->cpu_util);
}

static void
test_round_trip (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sl_test_make_tmp_dir ("sl-result-io-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "sweep.speedup.json", NULL);
  g_autoptr(GDir) listing = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (sl_result_save (result, path, &error));
  g_assert_no_error (error);

  /* The temporary file was renamed over the target: nothing else is left behind. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "sweep.speedup.json");
  g_assert_null (g_dir_read_name (listing));

  loaded = sl_result_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_assert_cmpstr (loaded->app_version, ==, result->app_version);
  g_assert_cmpstr (loaded->created, ==, result->created);
  g_assert_cmpint (loaded->status, ==, SL_RESULT_PARTIAL);
  assert_specs_equal (result->spec, loaded->spec);
  g_assert_cmpuint (loaded->loops, ==, 7);

  g_assert_nonnull (loaded->system);
  g_assert_cmpstr (loaded->system->cpu_model, ==, "Test CPU @ 3.00GHz");
  g_assert_cmpuint (loaded->system->logical_cpus, ==, 8);
  g_assert_cmpuint (loaded->system->physical_cores, ==, 4);
  g_assert_cmpuint (loaded->system->affinity_cpus, ==, 8);
  g_assert_cmpfloat (loaded->system->cgroup_cpus, ==, 2.5);
  g_assert_cmpuint (loaded->system->usable_cpus, ==, 3);
  g_assert_cmpfloat (loaded->system->load_avg[0], ==, 0.25);
  g_assert_true (isnan (loaded->system->load_avg[1]));
  g_assert_cmpfloat (loaded->system->load_avg[2], ==, 1.0);
  g_assert_null (loaded->system->governor);
  g_assert_cmpstr (loaded->system->kernel, ==, "Linux 6.1.0-test x86_64");
  g_assert_cmpuint (loaded->system->memory_total_kb, ==, 16384000);
  g_assert_cmpuint (loaded->system->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (loaded->system->warnings, 0), ==,
                   "The CPU quota allows 2.5 CPUs of 8.");

  g_assert_cmpuint (g_hash_table_size (loaded->runtime_info), ==,
                    g_hash_table_size (result->runtime_info));
  g_hash_table_iter_init (&iter, result->runtime_info);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (loaded->runtime_info, key), ==, value);

  g_assert_cmpuint (loaded->points->len, ==, result->points->len);
  for (guint i = 0; i < result->points->len; i++)
    assert_points_equal (g_ptr_array_index (result->points, i),
                         g_ptr_array_index (loaded->points, i));

  g_assert_nonnull (loaded->analysis);
  g_assert_cmpint (loaded->analysis->has_best, ==, result->analysis->has_best);
  g_assert_cmpuint (loaded->analysis->best_workers, ==, result->analysis->best_workers);
  assert_same_double (loaded->analysis->serial_fraction, result->analysis->serial_fraction);

  sl_test_remove_tree (dir);
}

static JsonObject *
document_object (JsonParser     *parser,
                 const SlResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  data = sl_result_to_data (result, &length);
  g_assert_cmpuint (strlen (data), ==, length);
  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

/* The keys that other programs and tests read. */
static void
test_document_keys (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = document_object (parser, result);
  JsonObject *system, *analysis, *point, *spec, *params;
  JsonArray *points;

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "speedup-lab/1");
  system = json_object_get_object_member (root, "system");
  g_assert_cmpint (json_object_get_int_member (system, "usable_cpus"), ==, 3);

  points = json_object_get_array_member (root, "points");
  g_assert_cmpuint (json_array_get_length (points), ==, 6);
  point = json_array_get_object_element (points, 1);
  g_assert_cmpstr (json_object_get_string_member (point, "model"), ==, "threads");
  g_assert_cmpint (json_object_get_int_member (point, "workers"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (point, "median_s"),
                                  (0.1 + 0.9 / 2) * 1.01, 1e-12);
  g_assert_cmpfloat (json_object_get_double_member (point, "speedup"), >, 1.5);
  g_assert_cmpfloat (json_object_get_double_member (point, "efficiency"), >, 0.75);
  g_assert_true (json_object_get_boolean_member (point, "checksum_ok"));
  /* A u64 does not fit in a double: it is text. */
  g_assert_cmpstr (json_object_get_string_member (point, "checksum"), ==, "18446744073709551556");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (point, "repetitions")),
                    ==, 3);
  /* The intervals: the median's (3 repetitions: the whole range, at 75 %), the speedup's. */
  g_assert_cmpfloat (json_object_get_double_member (point, "median_ci_low_s"), <=,
                     json_object_get_double_member (point, "median_s"));
  g_assert_cmpfloat (json_object_get_double_member (point, "median_ci_high_s"), >=,
                     json_object_get_double_member (point, "median_s"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (point, "median_ci_level"), 0.75,
                                  1e-12);
  g_assert_cmpfloat (json_object_get_double_member (point, "speedup_ci_low"), <=,
                     json_object_get_double_member (point, "speedup"));
  g_assert_cmpfloat (json_object_get_double_member (point, "speedup_ci_high"), >=,
                     json_object_get_double_member (point, "speedup"));

  analysis = json_object_get_object_member (root, "analysis");
  g_assert_cmpint (json_object_get_int_member (analysis, "best_workers"), ==,
                   result->analysis->best_workers);
  g_assert_true (json_object_has_member (analysis, "serial_fraction"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (analysis, "models")),
                    ==, 2);

  /* Parameters are typed after the workload's description. */
  spec = json_object_get_object_member (root, "spec");
  params = json_object_get_object_member (spec, "params");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (params, "n")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (params, "n"), ==, 1000000);
}

/* NaN and infinity are not JSON: they are written as null and read back as NaN. */
static void
test_non_finite (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *failed, *first, *rep;
  SlPoint *point = g_ptr_array_index (result->points, 0);

  /* Values the analysis does not touch, so that they survive its recomputation on loading. */
  g_array_index (point->repetitions, SlRepetition, 0).usage.user_s = INFINITY;
  g_array_index (point->repetitions, SlRepetition, 2).usage.sys_s = NAN;

  root = document_object (parser, result);
  failed = json_array_get_object_element (json_object_get_array_member (root, "points"), 5);
  g_assert_cmpstr (json_object_get_string_member (failed, "status"), ==, "failed");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (failed, "median_s")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (failed, "speedup")));

  first = json_array_get_object_element (json_object_get_array_member (root, "points"), 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (first, "karp_flatt")));
  rep = json_array_get_object_element (json_object_get_array_member (first, "repetitions"), 0);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (rep, "user_s")));
  rep = json_array_get_object_element (json_object_get_array_member (first, "repetitions"), 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (rep, "startup_s")));

  loaded = sl_result_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  point = g_ptr_array_index (loaded->points, 0);
  g_assert_true (isnan (g_array_index (point->repetitions, SlRepetition, 0).usage.user_s));
  g_assert_true (isnan (g_array_index (point->repetitions, SlRepetition, 1).startup_s));
  g_assert_true (isnan (g_array_index (point->repetitions, SlRepetition, 2).usage.sys_s));
  g_assert_true (isnan (point->karp_flatt));
  point = g_ptr_array_index (loaded->points, 5);
  g_assert_true (isnan (point->wall.median));
  g_assert_true (isnan (point->speedup));
}

/* `spec` written to JSON and read back: the same spec, which the caller may check further. */
static SlExperimentSpec *
spec_round_trip (const SlExperimentSpec *spec)
{
  g_autoptr(JsonNode) node = sl_experiment_spec_to_json (spec);
  g_autoptr(GError) error = NULL;
  SlExperimentSpec *back = sl_experiment_spec_from_json (node, &error);

  g_assert_no_error (error);
  assert_specs_equal (spec, back);

  return back;
}

static void
test_spec_round_trip (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_experiment_spec_apply_preset (spec, "seed-cpu", &error));
  g_assert_no_error (error);
  spec->scaling = SL_SCALING_WEAK;
  spec->order = SL_ORDER_SEQUENTIAL;
  spec->timeout_s = 0.1;
  spec->chunk = 7;
  spec->loops = 12;
  spec->min_time_s = 0.25;
  spec->until_precise_pct = 2.5;
  spec->budget_s = 30;
  sl_test_resolve_spec (&spec);

  sl_experiment_spec_free (spec_round_trip (spec));
}

/* A workload this version does not know, with parameters that are not in normal form, still
 * comes back exactly as written. */
static void
test_spec_unknown_workload (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlExperimentSpec) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *params;

  g_free (spec->workload);
  spec->workload = g_strdup ("future-workload");
  sl_params_set (spec->params, "alpha", "1.50");
  sl_params_set (spec->params, "label", "a \"quoted\" ünïcode value");

  node = sl_experiment_spec_to_json (spec);
  params = json_object_get_object_member (json_node_get_object (node), "params");
  g_assert_cmpstr (json_object_get_string_member (params, "alpha"), ==, "1.50");
  sl_experiment_spec_free (spec_round_trip (spec));

  /* An integer parameter of a known workload that is not in normal form stays text too. */
  g_free (spec->workload);
  spec->workload = g_strdup ("cpu-sum");
  sl_params_free (spec->params);
  spec->params = sl_params_new ();
  sl_params_set (spec->params, "n", "0100");
  back = spec_round_trip (spec);
  g_assert_cmpstr (sl_params_lookup (back->params, "n"), ==, "0100");
}

static void
assert_spec_json_error (const char *json,
                        const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  g_autoptr(SlExperimentSpec) spec = NULL;

  g_assert_no_error (error);
  spec = sl_experiment_spec_from_json (node, &error);
  g_assert_null (spec);
  sl_test_assert_invalid_input (error, needle);
}

static void
test_spec_errors (void)
{
  assert_spec_json_error ("[1]", "must be a JSON object");
  assert_spec_json_error ("{\"runtime\": \"native\", \"models\": [\"threads\"], \"workers\": [1]}",
                          "workload is missing");
  assert_spec_json_error ("{\"workload\": \"cpu-sum\", \"runtime\": \"ruby\", \"models\": "
                          "[\"threads\"], \"workers\": [1]}", "“ruby” is not a known runtime");
  assert_spec_json_error ("{\"workload\": \"cpu-sum\", \"runtime\": \"native\", \"models\": "
                          "[\"threads\", \"threads\"], \"workers\": [1]}", "models[1] repeats");
  assert_spec_json_error ("{\"workload\": \"cpu-sum\", \"runtime\": \"native\", \"models\": "
                          "[\"threads\"], \"workers\": [1, 512]}",
                          "workers[1]: Worker count 512 is out of range 1–256");
  assert_spec_json_error ("{\"workload\": \"cpu-sum\", \"runtime\": \"native\", \"models\": "
                          "[\"threads\"], \"workers\": [4, 2]}", "workers: Worker counts must be ascending and distinct");
  assert_spec_json_error ("{\"workload\": \"cpu-sum\", \"runtime\": \"native\", \"models\": "
                          "[\"threads\"], \"workers\": []}", "at least one worker count");
  assert_spec_json_error ("{\"workload\": \"cpu-sum\", \"runtime\": \"native\", \"models\": "
                          "[\"threads\"], \"workers\": [1], \"repeat\": \"5\"}",
                          "repeat must be a whole number");
  assert_spec_json_error ("{\"workload\": \"cpu-sum\", \"runtime\": \"native\", \"models\": "
                          "[\"threads\"], \"workers\": [1], \"params\": {\"n\": [1]}}",
                          "params.n must be a number, a string or true/false");
}

/* A person's code goes with its SHA-256, so that a history can tell runs of the same code; a
 * document without the hash (a built-in workload, an older file) still loads. */
static void
test_code_sha256 (void)
{
  const char *code = "def task(index, count, **params):\n    return index\n";
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlResult) result = NULL;
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(SlResult) builtin = make_result ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) builtin_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, code, -1);
  JsonObject *root;

  g_free (spec->workload);
  spec->workload = g_strdup ("python-custom");
  spec->runtime = SL_RUNTIME_PYTHON;
  sl_params_set (spec->params, SL_PYTHON_CODE_PARAM, code);
  sl_test_resolve_spec (&spec);
  result = sl_result_new (spec, sl_test_sysinfo_new ());

  root = document_object (parser, result);
  g_assert_cmpstr (json_object_get_string_member (root, "code_sha256"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_object_get_object_member (root, "spec"),
                                                    "params"), SL_PYTHON_CODE_PARAM), ==, code);
  loaded = sl_result_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_params_lookup (loaded->spec->params, SL_PYTHON_CODE_PARAM), ==, code);

  /* Built-in code has no hash of its own; such documents load as before. */
  root = document_object (builtin_parser, builtin);
  g_assert_false (json_object_has_member (root, "code_sha256"));

}

/* Many latencies are subsampled deterministically, keeping the extremes. */
static void
test_latency_cap (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SlPoint *point = g_ptr_array_index (result->points, 0);
  const guint n = 100000;
  JsonObject *stored;
  JsonArray *latencies;
  double p50;

  g_array_set_size (point->latencies_s, 0);
  for (guint i = 0; i < n; i++)
    {
      /* A shuffled ramp from 1 ms to 101 ms */
      double v = 0.001 + 0.1 * (double) ((i * G_GUINT64_CONSTANT (7919)) % n) / (n - 1);
      g_array_append_val (point->latencies_s, v);
    }
  sl_analysis_update (result);
  p50 = point->latency_p50;

  stored = json_array_get_object_element (
    json_object_get_array_member (document_object (parser, result), "points"), 0);
  latencies = json_object_get_array_member (stored, "latencies_100ns");
  g_assert_cmpuint (json_array_get_length (latencies), ==, SL_RESULT_MAX_STORED_LATENCIES);
  g_assert_cmpint (json_object_get_int_member (stored, "latencies_total"), ==, n);
  g_assert_cmpint (json_array_get_int_element (latencies, 0), ==, 10000);
  g_assert_cmpint (json_array_get_int_element (latencies, SL_RESULT_MAX_STORED_LATENCIES - 1),
                   ==, 1010000);

  loaded = sl_result_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  point = g_ptr_array_index (loaded->points, 0);
  g_assert_cmpuint (point->latencies_s->len, ==, SL_RESULT_MAX_STORED_LATENCIES);
  g_assert_cmpfloat_with_epsilon (point->latency_p50, p50, 0.2 / SL_RESULT_MAX_STORED_LATENCIES);
}

static void
test_save_unwritable (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_result_save (result, "/nonexistent/x.json", &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "Cannot write /nonexistent/x.json: No such file or directory");
}

static void
test_save_replaces (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sl_test_make_tmp_dir ("sl-result-io-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);

  g_assert_true (g_file_set_contents (path, "old contents", -1, &error));
  g_assert_true (sl_result_save (result, path, &error));
  g_assert_no_error (error);
  loaded = sl_result_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->points->len, ==, 6);

  sl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/result-io/round-trip", test_round_trip);
  g_test_add_func ("/result-io/document-keys", test_document_keys);
  g_test_add_func ("/result-io/non-finite", test_non_finite);
  g_test_add_func ("/result-io/spec/round-trip", test_spec_round_trip);
  g_test_add_func ("/result-io/spec/unknown-workload", test_spec_unknown_workload);
  g_test_add_func ("/result-io/spec/errors", test_spec_errors);
  g_test_add_func ("/result-io/latency-cap", test_latency_cap);
  g_test_add_func ("/result-io/code-sha256", test_code_sha256);
  g_test_add_func ("/result-io/save/unwritable", test_save_unwritable);
  g_test_add_func ("/result-io/save/replaces", test_save_replaces);

  return g_test_run ();
}
