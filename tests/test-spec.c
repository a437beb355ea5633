/* test-spec.c: experiment specs, presets and the worker-list syntax. */
#define G_LOG_DOMAIN "test-spec"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-error.h"
#include "sl-experiment-spec.h"
#include "sl-preset.h"
#include "sl-test-util.h"
#include "sl-workload.h"

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
  sl_test_assert_invalid_input (error, needle);
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
  /* A huge number is a number, out of range: not "not a number". */
  assert_workers_error ("100000000000000000000000", "out of range 1–256");
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
test_worker_count (void)
{
  struct { const char *text; guint value; const char *needle; } cases[] = {
    { "1", 1, NULL },
    { " 256 ", 256, NULL },
    { "0008", 8, NULL },
    { "0", 0, "Worker count 0 is out of range 1–256" },
    { "257", 0, "Worker count 257 is out of range 1–256" },
    { "99999999999999999999", 0, "Worker count 99999999999999999999 is out of range 1–256" },
    { "", 0, "is not a worker count" },
    { "-1", 0, "is not a worker count" },
    { "1e3", 0, "is not a worker count" },
    { "4 4", 0, "is not a worker count" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint value = 0;
      gboolean ok = sl_parse_worker_count (cases[i].text, &value, &error);

      if (cases[i].needle == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (value, ==, cases[i].value);
          continue;
        }
      g_assert_false (ok);
      sl_test_assert_invalid_input (error, cases[i].needle);
    }
}

static void
test_resolve (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlExperimentSpec) resolved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_experiment_spec_validate (spec, &error));
  g_assert_no_error (error);
  /* Validating changes nothing: resolving is its own step. */
  g_assert_cmpuint (spec->tasks, ==, 0);
  g_assert_null (sl_params_lookup (spec->params, "n"));

  resolved = sl_experiment_spec_resolve (spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resolved->tasks, ==, 64);
  g_assert_cmpstr (sl_params_lookup (resolved->params, "n"), ==, "100000000");
  g_assert_cmpuint (spec->tasks, ==, 0);
}

static GPtrArray *
check_fields (const SlExperimentSpec *spec)
{
  g_autoptr(GPtrArray) problems = sl_experiment_spec_check (spec);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      const SlSpecProblem *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      /* Messages speak of the setting; a front end names its own flag or widget. */
      g_assert_null (strstr (problem->message, "--"));
      g_ptr_array_add (fields, g_strdup (problem->field));
    }

  return fields;
}

typedef void (*SpecBreaker) (SlExperimentSpec *spec);

static void break_workload (SlExperimentSpec *s) { g_free (s->workload); s->workload = g_strdup ("quantum"); }
static void break_param_range (SlExperimentSpec *s) { sl_params_set (s->params, "n", "-5"); }
static void break_param_type (SlExperimentSpec *s) { sl_params_set (s->params, "n", "many"); }
static void break_param_name (SlExperimentSpec *s) { sl_params_set (s->params, "size", "3"); }
static void break_runtime (SlExperimentSpec *s) { s->runtime = SL_N_RUNTIMES; }
static void break_python_only (SlExperimentSpec *s) { g_free (s->workload); s->workload = g_strdup ("python-custom"); s->runtime = SL_RUNTIME_NATIVE; sl_params_set (s->params, "code", "def task(i, n):\n  return 0\n"); }
static void break_no_models (SlExperimentSpec *s) { g_array_set_size (s->models, 0); }
static void break_twice_model (SlExperimentSpec *s) { g_array_append_vals (s->models, (SlModel[]) { SL_MODEL_THREADS }, 1); }
static void break_no_workers (SlExperimentSpec *s) { g_array_set_size (s->workers, 0); }
static void break_workers_max (SlExperimentSpec *s) { g_array_append_vals (s->workers, (guint[]) { SL_MAX_WORKERS + 1 }, 1); }
static void break_workers_zero (SlExperimentSpec *s) { g_array_index (s->workers, guint, 0) = 0; }
static void break_workers_order (SlExperimentSpec *s) { g_array_append_vals (s->workers, (guint[]) { 3 }, 1); }
static void break_tasks_max (SlExperimentSpec *s) { s->tasks = SL_MAX_TASKS + 1; }
static void break_tasks_weak (SlExperimentSpec *s) { s->tasks = SL_MAX_TASKS / 2; s->scaling = SL_SCALING_WEAK; }
static void break_chunk_zero (SlExperimentSpec *s) { s->chunk = 0; }
static void break_chunk_max (SlExperimentSpec *s) { s->chunk = SL_MAX_CHUNK + 1; }
static void break_repeat_zero (SlExperimentSpec *s) { s->repeat = 0; }
static void break_repeat_max (SlExperimentSpec *s) { s->repeat = SL_MAX_REPEAT + 1; }
static void break_warmup_max (SlExperimentSpec *s) { s->warmup = SL_MAX_WARMUP + 1; }
static void break_timeout_negative (SlExperimentSpec *s) { s->timeout_s = -1; }
static void break_timeout_max (SlExperimentSpec *s) { s->timeout_s = SL_MAX_TIMEOUT_S + 1; }
static void break_timeout_nan (SlExperimentSpec *s) { s->timeout_s = NAN; }
static void break_loops_max (SlExperimentSpec *s) { s->loops = SL_MAX_LOOPS + 1; }
static void break_min_time_low (SlExperimentSpec *s) { s->min_time_s = SL_MIN_TIME_LOWEST_S / 2; }
static void break_min_time_high (SlExperimentSpec *s) { s->min_time_s = SL_MIN_TIME_HIGHEST_S + 1; }
static void break_min_time_nan (SlExperimentSpec *s) { s->min_time_s = NAN; }
static void break_precise_low (SlExperimentSpec *s) { s->until_precise_pct = 0.05; }
static void break_precise_high (SlExperimentSpec *s) { s->until_precise_pct = 101; }
static void break_precise_nan (SlExperimentSpec *s) { s->until_precise_pct = NAN; }
static void break_budget_low (SlExperimentSpec *s) { s->budget_s = 0.05; }
static void break_budget_high (SlExperimentSpec *s) { s->budget_s = SL_MAX_BUDGET_S * 2; }
static void break_scaling (SlExperimentSpec *s) { s->scaling = 7; }
static void break_order (SlExperimentSpec *s) { s->order = 7; }

static void
set_workload (SlExperimentSpec *s,
              const char       *workload)
{
  g_free (s->workload);
  s->workload = g_strdup (workload);
}

/* `workload` with `params`, "name=value" pairs separated by spaces. */
static void
set_params (SlExperimentSpec *s,
            const char       *workload,
            const char       *params)
{
  g_auto(GStrv) pairs = g_strsplit (params, " ", -1);

  set_workload (s, workload);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);

      g_assert_cmpuint (g_strv_length (pair), ==, 2);
      sl_params_set (s->params, pair[0], pair[1]);
    }
}

/* The spec is refused, with a problem of `field` that says `needle`; no problem names a CLI flag,
 * and the spec is left as it was. */
static void
assert_refused (const char       *name,
                SlExperimentSpec *spec,
                const char       *field,
                const char       *needle)
{
  g_autoptr(SlExperimentSpec) before = sl_experiment_spec_copy (spec);
  g_autoptr(GPtrArray) problems = sl_experiment_spec_check (spec);
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  for (guint j = 0; j < problems->len; j++)
    {
      const SlSpecProblem *problem = g_ptr_array_index (problems, j);

      /* Messages speak of the setting; a front end names its own flag or widget. */
      if (strstr (problem->message, "--") != NULL)
        g_error ("%s: the message of field “%s” names a flag: %s", name, problem->field,
                 problem->message);
      if (g_str_equal (problem->field, field) && strstr (problem->message, needle) != NULL)
        found = TRUE;
    }
  if (!found)
    g_error ("%s: no problem of field “%s” says “%s” (%u problems, first: %s: %s)",
             name, field, needle, problems->len,
             problems->len ? ((SlSpecProblem *) problems->pdata[0])->field : "-",
             problems->len ? ((SlSpecProblem *) problems->pdata[0])->message : "-");

  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, needle));
  g_clear_error (&error);
  g_assert_null (sl_experiment_spec_resolve (spec, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);

  /* Nothing was touched: the person's input is still there to correct. */
  g_assert_cmpstr (spec->workload, ==, before->workload);
  g_assert_true (sl_params_equal (spec->params, before->params));
  g_assert_cmpuint (spec->tasks, ==, before->tasks);
}

/* The spec is accepted, validated and resolved. */
static void
assert_accepted (const char             *name,
                 const SlExperimentSpec *spec)
{
  g_autoptr(GPtrArray) problems = sl_experiment_spec_check (spec);
  g_autoptr(SlExperimentSpec) resolved = NULL;
  g_autoptr(GError) error = NULL;

  if (problems->len > 0)
    g_error ("%s: refused at its limit: %s: %s", name,
             ((SlSpecProblem *) problems->pdata[0])->field,
             ((SlSpecProblem *) problems->pdata[0])->message);
  g_assert_true (sl_experiment_spec_validate (spec, &error));
  g_assert_no_error (error);
  resolved = sl_experiment_spec_resolve (spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resolved);
}

/* Every limit is enforced, and the problem names the field a form would mark. */
static void
test_limits (void)
{
  struct { const char *name; SpecBreaker breaker; const char *field; const char *needle; } cases[] = {
    { "workload", break_workload, SL_SPEC_FIELD_WORKLOAD, "Unknown workload “quantum”" },
    { "param range", break_param_range, "params.n", "out of range" },
    { "param type", break_param_type, "params.n", "whole number" },
    { "param name", break_param_name, "params.size", "has no parameter “size”" },
    { "runtime", break_runtime, SL_SPEC_FIELD_RUNTIME, "Unknown runtime" },
    { "python only", break_python_only, SL_SPEC_FIELD_RUNTIME, "python runtime" },
    { "no models", break_no_models, SL_SPEC_FIELD_MODELS, "execution model" },
    { "model twice", break_twice_model, SL_SPEC_FIELD_MODELS, "twice" },
    { "no workers", break_no_workers, SL_SPEC_FIELD_WORKERS, "at least one worker count" },
    { "workers max", break_workers_max, SL_SPEC_FIELD_WORKERS, "out of range 1–256" },
    { "workers zero", break_workers_zero, SL_SPEC_FIELD_WORKERS, "out of range 1–256" },
    { "workers order", break_workers_order, SL_SPEC_FIELD_WORKERS, "ascending" },
    { "tasks max", break_tasks_max, SL_SPEC_FIELD_TASKS, "out of range 1–10000000" },
    { "tasks weak", break_tasks_weak, SL_SPEC_FIELD_TASKS, "Weak scaling" },
    { "chunk zero", break_chunk_zero, SL_SPEC_FIELD_CHUNK, "Chunk size 0 is out of range 1–1000000" },
    { "chunk max", break_chunk_max, SL_SPEC_FIELD_CHUNK, "out of range 1–1000000" },
    { "repeat zero", break_repeat_zero, SL_SPEC_FIELD_REPEAT, "out of range 1–1000" },
    { "repeat max", break_repeat_max, SL_SPEC_FIELD_REPEAT, "out of range 1–1000" },
    { "warmup max", break_warmup_max, SL_SPEC_FIELD_WARMUP, "out of range 0–100" },
    { "timeout negative", break_timeout_negative, SL_SPEC_FIELD_TIMEOUT, "out of range 0–86400" },
    { "timeout max", break_timeout_max, SL_SPEC_FIELD_TIMEOUT, "out of range 0–86400" },
    { "timeout nan", break_timeout_nan, SL_SPEC_FIELD_TIMEOUT, "out of range" },
    { "loops max", break_loops_max, SL_SPEC_FIELD_LOOPS, "Loops 1000001 are out of range 0–1000000" },
    { "min time low", break_min_time_low, SL_SPEC_FIELD_MIN_TIME, "out of range 0.001–60 s" },
    { "min time high", break_min_time_high, SL_SPEC_FIELD_MIN_TIME, "Minimum time 61 s is out of range" },
    { "min time nan", break_min_time_nan, SL_SPEC_FIELD_MIN_TIME, "out of range" },
    { "precise low", break_precise_low, SL_SPEC_FIELD_UNTIL_PRECISE, "Precision 0.05 % is out of range 0.1–100 % (0 means off)" },
    { "precise high", break_precise_high, SL_SPEC_FIELD_UNTIL_PRECISE, "out of range 0.1–100 %" },
    { "precise nan", break_precise_nan, SL_SPEC_FIELD_UNTIL_PRECISE, "out of range" },
    { "budget low", break_budget_low, SL_SPEC_FIELD_BUDGET, "Budget 0.05 s is out of range 0.1–86400 s" },
    { "budget high", break_budget_high, SL_SPEC_FIELD_BUDGET, "out of range 0.1–86400 s" },
    { "scaling", break_scaling, SL_SPEC_FIELD_SCALING, "scaling" },
    { "order", break_order, SL_SPEC_FIELD_ORDER, "order" },
  };
  /* The workloads' own rules (SlWorkload.check) name the parameter too, or "params" for a rule
   * between two. */
  struct { const char *workload, *params, *field, *needle; } rules[] = {
    { "cpu-primes", "limit=300000000", "params.limit", "out of range 2–200000000" },
    { "cpu-hash", "bytes=268435456 rounds=1000", SL_SPEC_FIELD_PARAMS, "bytes × rounds is over" },
    { "io-http", "urls=ftp://example.org/file", "params.urls", "ftp scheme: only http and https" },
    { "io-http", "urls=http:///path-only", "params.urls", "has no host name" },
    { "io-http", "pages=1000 bytes=16777216", SL_SPEC_FIELD_PARAMS, "pages × bytes is over 8 GiB" },
    { "io-http", "latency_ms=800 timeout_s=0.5", SL_SPEC_FIELD_PARAMS, "raise timeout_s" },
    { "mixed", "io=smoke-signals", "params.io", "“sleep” or “http”, not “smoke-signals”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();

      cases[i].breaker (spec);
      assert_refused (cases[i].name, spec, cases[i].field, cases[i].needle);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();

      set_params (spec, rules[i].workload, rules[i].params);
      assert_refused (rules[i].params, spec, rules[i].field, rules[i].needle);
    }
}

static void
at_workers_max (SlExperimentSpec *s)
{
  g_array_append_vals (s->workers, (guint[]) { SL_MAX_WORKERS }, 1);
}

static void
at_workers_min (SlExperimentSpec *s)
{
  g_array_set_size (s->workers, 0);
  g_array_append_vals (s->workers, (guint[]) { 1 }, 1);
}

/* 16 workers, the largest of the default list, at 1/16 of the limit each: the limit exactly. */
static void
at_tasks_weak (SlExperimentSpec *s)
{
  s->tasks = SL_MAX_TASKS / 16;
  s->scaling = SL_SCALING_WEAK;
}

static void at_tasks_max (SlExperimentSpec *s) { s->tasks = SL_MAX_TASKS; }
static void at_tasks_min (SlExperimentSpec *s) { s->tasks = 1; }
static void at_chunk_max (SlExperimentSpec *s) { s->chunk = SL_MAX_CHUNK; }
static void at_chunk_min (SlExperimentSpec *s) { s->chunk = 1; }
static void at_repeat_max (SlExperimentSpec *s) { s->repeat = SL_MAX_REPEAT; }
static void at_repeat_min (SlExperimentSpec *s) { s->repeat = 1; }
static void at_warmup_max (SlExperimentSpec *s) { s->warmup = SL_MAX_WARMUP; }
static void at_warmup_min (SlExperimentSpec *s) { s->warmup = 0; }
static void at_timeout_max (SlExperimentSpec *s) { s->timeout_s = SL_MAX_TIMEOUT_S; }
static void at_timeout_none (SlExperimentSpec *s) { s->timeout_s = 0; }
static void at_loops_max (SlExperimentSpec *s) { s->loops = SL_MAX_LOOPS; }
static void at_loops_one (SlExperimentSpec *s) { s->loops = 1; }
static void at_min_time_low (SlExperimentSpec *s) { s->min_time_s = SL_MIN_TIME_LOWEST_S; }
static void at_min_time_high (SlExperimentSpec *s) { s->min_time_s = SL_MIN_TIME_HIGHEST_S; }
static void at_precise_low (SlExperimentSpec *s) { s->until_precise_pct = SL_PRECISE_LOWEST_PCT; }
static void at_precise_high (SlExperimentSpec *s) { s->until_precise_pct = SL_PRECISE_HIGHEST_PCT; }
static void at_budget_low (SlExperimentSpec *s) { s->budget_s = SL_BUDGET_LOWEST_S; }
static void at_budget_high (SlExperimentSpec *s) { s->budget_s = SL_MAX_BUDGET_S; }

/* A value at a limit is accepted: every limit is inclusive, as its message says. */
static void
test_limits_accepted (void)
{
  struct { const char *name; SpecBreaker setter; } cases[] = {
    { "workers max", at_workers_max },
    { "workers min", at_workers_min },
    { "tasks max", at_tasks_max },
    { "tasks min", at_tasks_min },
    { "tasks weak", at_tasks_weak },
    { "chunk max", at_chunk_max },
    { "chunk min", at_chunk_min },
    { "repeat max", at_repeat_max },
    { "repeat min", at_repeat_min },
    { "warmup max", at_warmup_max },
    { "warmup min", at_warmup_min },
    { "timeout max", at_timeout_max },
    { "timeout none", at_timeout_none },
    { "loops max", at_loops_max },
    { "loops one", at_loops_one },
    { "min time low", at_min_time_low },
    { "min time high", at_min_time_high },
    { "precise low", at_precise_low },
    { "precise high", at_precise_high },
    { "budget low", at_budget_low },
    { "budget high", at_budget_high },
  };
  struct { const char *workload, *params; } rules[] = {
    { "cpu-primes", "limit=200000000" },
    { "cpu-hash", "bytes=67108864 rounds=1024" },
    { "io-http", "latency_ms=499 timeout_s=0.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();

      cases[i].setter (spec);
      assert_accepted (cases[i].name, spec);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();

      set_params (spec, rules[i].workload, rules[i].params);
      assert_accepted (rules[i].params, spec);
    }
}

/* All problems are reported, not only the first, each with its field. */
static void
test_check_collects_all (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GPtrArray) fields = NULL;
  const char *expected[] = { "params.n", SL_SPEC_FIELD_MODELS, SL_SPEC_FIELD_CHUNK,
                             SL_SPEC_FIELD_REPEAT, SL_SPEC_FIELD_TIMEOUT };

  sl_params_set (spec->params, "n", "0");
  g_array_set_size (spec->models, 0);
  spec->chunk = 0;
  spec->repeat = 0;
  spec->timeout_s = -3;

  fields = check_fields (spec);
  g_assert_cmpuint (fields->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (fields, i), ==, expected[i]);

  g_clear_pointer (&fields, g_ptr_array_unref);
  g_clear_pointer (&spec, sl_experiment_spec_free);
  spec = sl_experiment_spec_new ();
  fields = check_fields (spec);
  g_assert_cmpuint (fields->len, ==, 0);
}

/* A workload's own rules report every problem too, each on its parameter: every URL that
 * cannot be fetched, and both rules of the built-in server. */
static void
test_check_collects_workload_rules (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  set_workload (spec, "io-http");
  sl_params_set (spec->params, "urls", "ftp://one.example/ http://fine.example/ gopher://two/");
  problems = sl_experiment_spec_check (spec);
  fields = check_fields (spec);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "params.urls");
  g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, "params.urls");
  g_assert_nonnull (strstr (((SlSpecProblem *) problems->pdata[0])->message, "ftp scheme"));
  g_assert_nonnull (strstr (((SlSpecProblem *) problems->pdata[1])->message, "gopher scheme"));

  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&fields, g_ptr_array_unref);
  sl_params_set (spec->params, "urls", NULL);
  sl_params_set (spec->params, "pages", "1000");
  sl_params_set (spec->params, "bytes", "16777216");
  sl_params_set (spec->params, "latency_ms", "800");
  sl_params_set (spec->params, "timeout_s", "0.5");
  problems = sl_experiment_spec_check (spec);
  fields = check_fields (spec);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, SL_SPEC_FIELD_PARAMS);
  g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, SL_SPEC_FIELD_PARAMS);
  g_assert_nonnull (strstr (((SlSpecProblem *) problems->pdata[0])->message, "8 GiB"));
  g_assert_nonnull (strstr (((SlSpecProblem *) problems->pdata[1])->message, "raise timeout_s"));

  /* Resolving alone says the first, as it did. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (sl_workload_resolve_params (sl_workload_lookup ("io-http"), spec->params,
                                               &error));
    sl_test_assert_invalid_input (error, "8 GiB");
    g_assert_null (strstr (error->message, "raise timeout_s"));
  }
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
  g_assert_null (presets[n]);
  g_assert_nonnull (sl_preset_lookup ("seed-cpu"));
  g_assert_nonnull (sl_preset_lookup ("seed-io"));
  g_assert_nonnull (sl_preset_lookup ("seed-fib"));

  g_assert_true (sl_experiment_spec_apply_preset (spec, "seed-cpu", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (spec->workload, ==, "cpu-sum");
  g_assert_cmpstr (spec->preset, ==, "seed-cpu");
  g_assert_cmpstr (sl_params_lookup (spec->params, "n"), ==, "100000000");
  g_assert_cmpstr (sl_preset_get_param (sl_preset_lookup ("seed-cpu"), "n"), ==, "100000000");
  g_assert_null (sl_preset_get_param (sl_preset_lookup ("seed-cpu"), "k"));
  workers = sl_format_worker_list (spec->workers);
  g_assert_cmpstr (workers, ==, "1,2,4,8,16");
  g_assert_cmpuint (spec->models->len, ==, 2);
  /* The article's CPU table is attached as reference data. */
  g_assert_cmpuint (sl_preset_lookup ("seed-cpu")->n_reference, ==, 5);
  g_assert_cmpfloat (sl_preset_lookup ("seed-cpu")->reference[1].processes_s, ==, 18.74);

  g_assert_false (sl_experiment_spec_apply_preset (spec, "seed-gpu", &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
}

/* A bad preset cannot ship: each one validates through the one validator, names only
 * parameters of its workload, and says in a line what it reproduces. */
static void
test_presets_valid (void)
{
  guint n = 0;
  const SlPreset **presets = sl_preset_list (&n);

  for (guint i = 0; i < n; i++)
    {
      const SlPreset *preset = presets[i];
      const SlWorkload *workload = sl_workload_lookup (preset->workload);
      g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      guint n_models = 0;

      g_test_message ("preset %s", preset->id);
      g_assert_nonnull (workload);
      g_assert_true (preset->title != NULL && *preset->title != '\0');
      g_assert_true (preset->subtitle != NULL && *preset->subtitle != '\0');
      g_assert_null (strchr (preset->subtitle, '\n'));
      g_assert_true (preset->description != NULL && *preset->description != '\0');
      g_assert_true (sl_preset_lookup (preset->id) == preset);
      for (const SlPresetParam *p = preset->params; p != NULL && p->name != NULL; p++)
        {
          const SlParamInfo *info = sl_workload_find_param (workload, p->name);

          g_assert_nonnull (info);
          g_assert_false (info->flags & SL_PARAM_FLAG_INTERNAL);
          g_assert_nonnull (p->value);
        }
      for (const SlModel *m = preset->models; *m != SL_N_MODELS; m++)
        {
          g_assert_cmpint (*m, <, SL_N_MODELS);
          n_models++;
        }
      g_assert_cmpuint (n_models, >=, 1);
      g_assert_cmpuint (preset->workers[0], >=, 1);

      g_assert_true (sl_experiment_spec_apply_preset (spec, preset->id, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (spec->models->len, ==, n_models);
      problems = sl_experiment_spec_check (spec);
      if (problems->len > 0)
        g_error ("preset %s: %s", preset->id, ((SlSpecProblem *) problems->pdata[0])->message);
      for (guint r = 0; r < preset->n_reference; r++)
        g_assert_true (preset->reference[r].threads_s > 0 && preset->reference[r].processes_s > 0);
    }
}

static void
test_weak_scaling (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();

  spec->tasks = 64;
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
  g_test_add_func ("/spec/worker-count", test_worker_count);
  g_test_add_func ("/spec/resolve", test_resolve);
  g_test_add_func ("/spec/limits", test_limits);
  g_test_add_func ("/spec/limits/accepted", test_limits_accepted);
  g_test_add_func ("/spec/check-collects-all", test_check_collects_all);
  g_test_add_func ("/spec/check-collects-all/workload-rules", test_check_collects_workload_rules);
  g_test_add_func ("/spec/presets", test_presets);
  g_test_add_func ("/spec/presets/valid", test_presets_valid);
  g_test_add_func ("/spec/weak-scaling", test_weak_scaling);
  g_test_add_func ("/spec/copy", test_copy);

  return g_test_run ();
}
