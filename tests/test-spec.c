/* test-spec.c: experiment specs, presets and the worker-list syntax. */
#define G_LOG_DOMAIN "test-spec"

#include "config.h"

#include <string.h>

#include "sl-error.h"
#include "sl-experiment-spec.h"
#include "sl-preset.h"

static void
assert_workers (const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) workers = sl_parse_worker_list (text, &error);
  g_autofree char *formatted = NULL;

  g_assert_no_error (error);
  formatted = sl_format_worker_list (workers);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
assert_workers_error (const char *text,
                      const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) workers = sl_parse_worker_list (text, &error);

  g_assert_null (workers);
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_worker_list (void)
{
  assert_workers ("1,2,4,8,16", "1,2,4,8,16");
  assert_workers ("1-4", "1,2,3,4");
  assert_workers ("pow2:16", "1,2,4,8,16");
  assert_workers ("pow2:20", "1,2,4,8,16");
  assert_workers ("8, 2,2 ,1", "1,2,8");
  assert_workers ("1-3,pow2:8", "1,2,3,4,8");
  assert_workers ("256", "256");

  assert_workers_error ("0", "out of range 1–256");
  assert_workers_error ("257", "out of range 1–256");
  assert_workers_error ("100000000000000000000000", "not a number");
  assert_workers_error ("two", "not a number");
  assert_workers_error ("1,,2", "not a number");
  assert_workers_error ("", "empty");
  assert_workers_error ("4-2", "backwards");
  assert_workers_error ("1-", "not a number");
  assert_workers_error ("-3", "not a number");
}

static void
test_model_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) models = sl_parse_model_list ("processes, threads,processes", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (models->len, ==, 2);
  g_assert_cmpint (g_array_index (models, SlModel, 0), ==, SL_MODEL_PROCESSES);
  g_assert_cmpint (g_array_index (models, SlModel, 1), ==, SL_MODEL_THREADS);

  g_assert_null (sl_parse_model_list ("fibers", &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "fibers"));
}

static void
test_validate (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_experiment_spec_validate (spec, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (spec->tasks, ==, 64);
  g_assert_cmpstr (sl_params_lookup (spec->params, "n"), ==, "100000000");
}

static void
test_validate_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlExperimentSpec) spec = NULL;

  spec = sl_experiment_spec_new ();
  g_free (spec->workload);
  spec->workload = g_strdup ("quantum");
  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Unknown workload “quantum”"));
  g_clear_error (&error);
  g_clear_pointer (&spec, sl_experiment_spec_free);

  spec = sl_experiment_spec_new ();
  sl_params_set (spec->params, "n", "-5");
  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_nonnull (strstr (error->message, "out of range"));
  /* Nothing was touched: the person's input is still there to correct. */
  g_assert_cmpstr (sl_params_lookup (spec->params, "n"), ==, "-5");
  g_clear_error (&error);
  g_clear_pointer (&spec, sl_experiment_spec_free);

  spec = sl_experiment_spec_new ();
  spec->repeat = 0;
  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_nonnull (strstr (error->message, "Repetitions"));
  g_clear_error (&error);
  g_clear_pointer (&spec, sl_experiment_spec_free);

  spec = sl_experiment_spec_new ();
  spec->chunk = 0;
  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_nonnull (strstr (error->message, "Chunk size"));
  g_clear_error (&error);
  g_clear_pointer (&spec, sl_experiment_spec_free);

  spec = sl_experiment_spec_new ();
  spec->timeout_s = -1;
  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_nonnull (strstr (error->message, "Timeout"));
  g_clear_error (&error);
  g_clear_pointer (&spec, sl_experiment_spec_free);

  spec = sl_experiment_spec_new ();
  g_free (spec->workload);
  spec->workload = g_strdup ("python-custom");
  spec->runtime = SL_RUNTIME_NATIVE;
  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_nonnull (strstr (error->message, "--runtime python"));
  g_clear_error (&error);
  g_clear_pointer (&spec, sl_experiment_spec_free);

  spec = sl_experiment_spec_new ();
  g_array_set_size (spec->models, 0);
  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_nonnull (strstr (error->message, "execution model"));
  g_clear_error (&error);
}

static void
test_presets (void)
{
  guint n = 0;
  const SlPreset **presets = sl_preset_list (&n);
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *workers = NULL;

  g_assert_cmpuint (n, >=, 3);
  g_assert_nonnull (presets[0]);
  g_assert_nonnull (sl_preset_lookup ("seed-cpu"));
  g_assert_nonnull (sl_preset_lookup ("seed-io"));
  g_assert_nonnull (sl_preset_lookup ("seed-fib"));

  g_assert_true (sl_experiment_spec_apply_preset (spec, "seed-cpu", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (spec->workload, ==, "cpu-sum");
  g_assert_cmpstr (spec->preset, ==, "seed-cpu");
  g_assert_cmpstr (sl_params_lookup (spec->params, "n"), ==, "100000000");
  workers = sl_format_worker_list (spec->workers);
  g_assert_cmpstr (workers, ==, "1,2,4,8,16");
  g_assert_cmpuint (spec->models->len, ==, 2);
  /* The article's CPU table is attached as reference data. */
  g_assert_cmpuint (sl_preset_lookup ("seed-cpu")->n_reference, ==, 5);
  g_assert_cmpfloat (sl_preset_lookup ("seed-cpu")->reference[1].processes_s, ==, 18.74);

  g_assert_false (sl_experiment_spec_apply_preset (spec, "seed-gpu", &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
}

static void
test_weak_scaling (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();

  g_assert_true (sl_experiment_spec_validate (spec, NULL));
  g_assert_cmpuint (sl_experiment_spec_tasks_for (spec, 4), ==, 64);
  spec->scaling = SL_SCALING_WEAK;
  g_assert_cmpuint (sl_experiment_spec_tasks_for (spec, 4), ==, 256);
}

static void
test_copy (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlExperimentSpec) copy = NULL;

  sl_params_set (spec->params, "n", "1000");
  copy = sl_experiment_spec_copy (spec);
  sl_params_set (spec->params, "n", "2000");
  g_assert_cmpstr (sl_params_lookup (copy->params, "n"), ==, "1000");
  g_assert_cmpuint (copy->workers->len, ==, spec->workers->len);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spec/worker-list", test_worker_list);
  g_test_add_func ("/spec/model-list", test_model_list);
  g_test_add_func ("/spec/validate", test_validate);
  g_test_add_func ("/spec/validate/errors", test_validate_errors);
  g_test_add_func ("/spec/presets", test_presets);
  g_test_add_func ("/spec/weak-scaling", test_weak_scaling);
  g_test_add_func ("/spec/copy", test_copy);

  return g_test_run ();
}
