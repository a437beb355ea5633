/* test-result-load.c: result documents refused with the reason (malformed, foreign, missing,
 * out of range, durations beyond the bound) or read forgivingly (a later version's extra
 * members, derived values recomputed from the repetitions). */
#define G_LOG_DOMAIN "test-result-load"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-error.h"
#include "sl-result-io.h"
#include "sl-test-util.h"

static void
assert_load_error (const char *name,
                   const char *needle)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) result = sl_result_load (path, &error);

  g_assert_null (result);
  sl_test_assert_invalid_input (error, needle);
  g_test_message ("%s: %s", name, error->message);
  if (strstr (error->message, path) == NULL)
    g_error ("“%s” does not name the file %s", error->message, path);
}

static void
test_malformed_files (void)
{
  assert_load_error ("not-json.json", "is not a JSON file: line 5");
  assert_load_error ("foreign.json",
                     "is not a Speedup Lab result (format “other/1”, expected “speedup-lab/1”)");
  assert_load_error ("missing-points.json", "points is missing");
  assert_load_error ("bad-workers.json", "points[0].workers: Worker count 0 is out of range 1–256");
  assert_load_error ("newer-version.json", "made by a newer version");
  assert_load_error ("unknown-model.json", "points[0].model: “fibers” is not a known execution model");
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) result = sl_result_load ("/nonexistent/result.json", &error);

  g_assert_null (result);
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Cannot read /nonexistent/result.json: "));
}

static void
assert_data_error (const char *json,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  g_autoptr(SlResult) result = NULL;

  g_assert_no_error (error);
  result = sl_result_from_json (node, &error);
  g_assert_null (result);
  sl_test_assert_invalid_input (error, needle);
}

#define SPEC "\"spec\": {\"workload\": \"cpu-sum\", \"runtime\": \"native\", " \
             "\"models\": [\"threads\"], \"workers\": [1, 2]}"

static void
test_invalid_documents (void)
{
  assert_data_error ("[]", "is not a Speedup Lab result");
  assert_data_error ("{\"points\": []}", "has no “format” field");
  assert_data_error ("{\"format\": \"speedup-lab/x\"}", "format “speedup-lab/x”");
  assert_data_error ("{\"format\": \"speedup-lab/1\", \"points\": []}", "spec is missing");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": {}}",
                     "points must be a list");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [3]}",
                     "points[0] must be an object");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [{\"runtime\": "
                     "\"native\", \"model\": \"threads\", \"workers\": 2.5, \"status\": \"done\", "
                     "\"repetitions\": []}]}", "points[0].workers must be a positive integer");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [{\"runtime\": "
                     "\"native\", \"model\": \"threads\", \"status\": \"done\", "
                     "\"repetitions\": []}]}",
                     "points[0].workers is missing (it must be a positive integer)");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [{\"runtime\": "
                     "\"native\", \"model\": \"threads\", \"workers\": 300, \"status\": \"done\", "
                     "\"repetitions\": []}]}", "points[0].workers: Worker count 300 is out of range 1–256");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [{\"runtime\": "
                     "\"jvm\", \"model\": \"threads\", \"workers\": 1, \"status\": \"done\", "
                     "\"repetitions\": []}]}", "points[0].runtime: “jvm” is not a known runtime");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [{\"runtime\": "
                     "\"native\", \"model\": \"threads\", \"workers\": 1, \"status\": \"done\", "
                     "\"repetitions\": [{\"wall_s\": \"fast\"}]}]}",
                     "points[0].repetitions[0].wall_s must be a number");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [{\"runtime\": "
                     "\"native\", \"model\": \"threads\", \"workers\": 1, \"status\": \"done\"}]}",
                     "points[0].repetitions is missing");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"system\": {\"usable_cpus\": "
                     "-1}, \"points\": []}", "system.usable_cpus is out of range");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"code_sha256\": \"abc\", "
                     "\"points\": []}", "code_sha256 must be a SHA-256");
  assert_data_error ("{\"format\": \"speedup-lab/1\", " SPEC ", \"code_sha256\": 7, "
                     "\"points\": []}", "code_sha256");
}

/* Later minor versions add keys; this version must still read the file. */
static void
test_forward_compatible (void)
{
  const char *json =
    "{\"format\": \"speedup-lab/1.3\", \"future\": {\"x\": [1, 2]}, " SPEC ", "
    "\"points\": [{\"runtime\": \"native\", \"model\": \"threads\", \"workers\": 1, "
    "\"status\": \"done\", \"gpu\": true, \"repetitions\": [{\"wall_s\": 2.0, \"energy_j\": 4}]}, "
    "{\"runtime\": \"native\", \"model\": \"threads\", \"workers\": 2, "
    "\"status\": \"done\", \"repetitions\": [{\"wall_s\": 1}]}]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SlPoint *point;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  result = sl_result_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->points->len, ==, 2);
  g_assert_nonnull (result->system);

  /* Derived values are recomputed on loading. */
  point = g_ptr_array_index (result->points, 1);
  g_assert_cmpfloat (point->wall.median, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (point->speedup, 2.0, 1e-12);
  g_assert_nonnull (result->analysis);
  g_assert_true (result->analysis->has_best);
}

/* A document written before the intervals were stored gets them on loading, from its
 * repetitions, and writes them from then on. */
static void
test_intervals_computed (void)
{
  const char *json =
    "{\"format\": \"speedup-lab/1\", " SPEC ", "
    "\"points\": [{\"runtime\": \"native\", \"model\": \"threads\", \"workers\": 1, "
    "\"status\": \"done\", \"median_s\": 1.0, \"speedup\": 1.0, \"speedup_err\": 0, "
    "\"repetitions\": [{\"wall_s\": 1.0}, {\"wall_s\": 1.1}, {\"wall_s\": 0.9}, "
    "{\"wall_s\": 1.05}, {\"wall_s\": 0.95}, {\"wall_s\": 1.02}]}, "
    "{\"runtime\": \"native\", \"model\": \"threads\", \"workers\": 2, "
    "\"status\": \"done\", \"repetitions\": [{\"wall_s\": 0.5}, {\"wall_s\": 0.55}, "
    "{\"wall_s\": 0.45}, {\"wall_s\": 0.52}, {\"wall_s\": 0.48}, {\"wall_s\": 0.51}]}]}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) again = json_parser_new ();
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  JsonObject *written;
  SlPoint *point;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  result = sl_result_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);

  point = g_ptr_array_index (result->points, 0);
  g_assert_cmpfloat (point->wall.median_lo, ==, 0.9);
  g_assert_cmpfloat (point->wall.median_hi, ==, 1.1);
  g_assert_cmpfloat_with_epsilon (point->wall.median_level, 1.0 - 1.0 / 32.0, 1e-12);
  g_assert_cmpfloat (point->speedup_lo, ==, 1.0);
  g_assert_cmpfloat (point->speedup_hi, ==, 1.0);

  point = g_ptr_array_index (result->points, 1);
  g_assert_cmpfloat (point->speedup_lo, <, point->speedup);
  g_assert_cmpfloat (point->speedup_hi, >, point->speedup);
  g_assert_cmpfloat (point->speedup_lo, >, 1.6);
  g_assert_cmpfloat (point->speedup_hi, <, 2.5);

  data = sl_result_to_data (result, NULL);
  json_parser_load_from_data (again, data, -1, &error);
  g_assert_no_error (error);
  written = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (again)), "points"), 1);
  g_assert_cmpfloat (json_object_get_double_member (written, "speedup_ci_low"), ==,
                     point->speedup_lo);
  g_assert_cmpfloat (json_object_get_double_member (written, "median_ci_high_s"), ==,
                     point->wall.median_hi);
}

#define POINT(MEMBERS) "{\"format\": \"speedup-lab/1\", " SPEC ", \"points\": [{\"runtime\": " \
  "\"native\", \"model\": \"threads\", \"workers\": 1, \"status\": \"done\", " MEMBERS "}]}"
#define LONG_LIST "1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007"

/* Loads `json` from a file: long latency lists are read from the text, not from the tree. */
static SlResult *
load_text (const char  *json,
           GError     **error)
{
  g_autofree char *dir = sl_test_make_tmp_dir ("sl-result-io-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "r.json", NULL);
  SlResult *result;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  result = sl_result_load (path, error);
  sl_test_remove_tree (dir);
  return result;
}

/* Refused alike from a file and from a tree. */
static void
assert_text_error (const char *json,
                   const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) result = load_text (json, &error);

  g_assert_null (result);
  sl_test_assert_invalid_input (error, needle);
  assert_data_error (json, needle);
}

/* Durations are from 0 to SL_MAX_DURATION_S seconds: negative, endless and absurd times and
 * latencies are refused with the field named, whether a list is read from the text or the tree;
 * NaN (null) means "not measured". */
static void
test_durations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) result = NULL;
  GArray *latencies;

  assert_text_error (POINT ("\"repetitions\": [{\"wall_s\": 1e308}]"),
                     "points[0].repetitions[0].wall_s must be a duration of at most 1000000000 seconds");
  assert_text_error (POINT ("\"repetitions\": [{\"wall_s\": 1, \"sys_s\": -0.5}]"),
                     "points[0].repetitions[0].sys_s must be a duration of 0 seconds or more");
  assert_text_error (POINT ("\"repetitions\": [], \"latencies_100ns\": [5, -3]"),
                     "points[0].latencies_100ns[1] must be a duration of 0 seconds or more");
  assert_text_error (POINT ("\"repetitions\": [], \"latencies_100ns\": [" LONG_LIST ", -3]"),
                     "points[0].latencies_100ns[8] must be a duration of 0 seconds or more");
  assert_text_error (POINT ("\"repetitions\": [], \"latencies_100ns\": [" LONG_LIST ", "
                            "100000000000000000]"),
                     "points[0].latencies_100ns[8] must be a duration of at most 1000000000 seconds");
  assert_text_error (POINT ("\"repetitions\": [], \"latencies_100ns\": [" LONG_LIST ", 1.5]"),
                     "points[0].latencies_100ns must be a list of whole numbers");
  assert_text_error (POINT ("\"repetitions\": [], \"latencies_100ns\": [" LONG_LIST ", \"x\"]"),
                     "points[0].latencies_100ns must be a list of whole numbers");

  /* Whole numbers in any spelling, null skipped; a member given twice is the later one. */
  result = load_text (POINT ("\"repetitions\": [{\"wall_s\": null}], \"latencies_100ns\": [], "
                             "\"latencies_100ns\": [ " LONG_LIST ", null, 4.0, 1e3 ]"), &error);
  g_assert_no_error (error);
  latencies = ((SlPoint *) g_ptr_array_index (result->points, 0))->latencies_s;
  g_assert_cmpuint (latencies->len, ==, 10);
  g_assert_cmpfloat (g_array_index (latencies, double, 0), ==, 1000 / 1e7);
  g_assert_cmpfloat (g_array_index (latencies, double, 8), ==, 4 / 1e7);
  g_assert_cmpfloat (g_array_index (latencies, double, 9), ==, 1000 / 1e7);
  g_clear_pointer (&result, sl_result_free);

  result = load_text (POINT ("\"repetitions\": [], \"latencies_100ns\": [" LONG_LIST "], "
                             "\"latencies_100ns\": []"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((SlPoint *) g_ptr_array_index (result->points, 0))->latencies_s->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/result-io/load/malformed-files", test_malformed_files);
  g_test_add_func ("/result-io/load/missing-file", test_missing_file);
  g_test_add_func ("/result-io/load/invalid-documents", test_invalid_documents);
  g_test_add_func ("/result-io/load/forward-compatible", test_forward_compatible);
  g_test_add_func ("/result-io/load/intervals-computed", test_intervals_computed);
  g_test_add_func ("/result-io/load/durations", test_durations);

  return g_test_run ();
}
