/* test-analysis.c: speedups, fits and recommendations derived from hand-built results. */
#define G_LOG_DOMAIN "test-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-analysis.h"

/* A result for `workers` (ascending, 0-terminated) and both models on a 2-CPU machine. */
static SlResult *
make_result (SlRuntime      runtime,
             const char    *workload,
             const SlModel *models,
             guint          n_models,
             const guint   *workers)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  SlSysInfo *system = sl_sysinfo_new ();

  g_free (spec->workload);
  spec->workload = g_strdup (workload);
  spec->runtime = runtime;
  spec->tasks = 16;
  g_array_set_size (spec->models, 0);
  g_array_append_vals (spec->models, models, n_models);
  g_array_set_size (spec->workers, 0);
  for (guint i = 0; workers[i] != 0; i++)
    g_array_append_val (spec->workers, workers[i]);

  system->logical_cpus = 2;
  system->physical_cores = 2;
  system->affinity_cpus = 2;
  system->usable_cpus = 2;
  system->cpu_model = g_strdup ("Test CPU");

  return sl_result_new (spec, system);
}

/* Marks a point done with one repetition per wall time (plus plausible resource figures). */
static SlPoint *
fill_point (SlResult      *result,
            SlModel        model,
            guint          workers,
            const double  *walls,
            guint          n_walls)
{
  SlPoint *point = sl_result_find_point (result, model, workers);

  g_assert (point != NULL);
  point->status = SL_POINT_DONE;
  for (guint i = 0; i < n_walls; i++)
    {
      SlRepetition rep = { 0 };

      rep.wall_s = walls[i];
      rep.startup_s = 0.002 * workers;
      rep.usage.user_s = walls[i] * MIN (workers, 2);
      rep.usage.sys_s = 0.0;
      rep.usage.voluntary_cs = 10 * (i + 1);
      rep.usage.involuntary_cs = i;
      rep.usage.peak_rss_kb = 1000 + 100 * i;
      rep.checksum_ok = TRUE;
      g_array_append_val (point->repetitions, rep);
    }

  return point;
}

static const SlModelAnalysis *
model_analysis (SlResult *result,
                SlModel   model)
{
  g_assert_nonnull (result->analysis);

  for (guint i = 0; i < result->analysis->models->len; i++)
    {
      const SlModelAnalysis *ma = &g_array_index (result->analysis->models, SlModelAnalysis, i);

      if (ma->model == model)
        return ma;
    }

  g_assert_not_reached ();
  return NULL;
}

/* The article's CPU-bound picture: Python threads flat, processes linear to 2 cores, then flat. */
static SlResult *
make_gil_result (void)
{
  static const SlModel models[] = { SL_MODEL_THREADS, SL_MODEL_PROCESSES };
  static const guint workers[] = { 1, 2, 4, 0 };
  SlResult *result = make_result (SL_RUNTIME_PYTHON, "cpu-sum", models, 2, workers);

  fill_point (result, SL_MODEL_THREADS, 1, (double[]) { 1.00, 1.01, 0.99 }, 3);
  fill_point (result, SL_MODEL_THREADS, 2, (double[]) { 0.99, 1.00, 0.98 }, 3);
  fill_point (result, SL_MODEL_THREADS, 4, (double[]) { 1.01, 1.02, 1.00 }, 3);
  fill_point (result, SL_MODEL_PROCESSES, 1, (double[]) { 1.00, 1.01, 0.99 }, 3);
  fill_point (result, SL_MODEL_PROCESSES, 2, (double[]) { 0.52, 0.53, 0.51 }, 3);
  fill_point (result, SL_MODEL_PROCESSES, 4, (double[]) { 0.51, 0.52, 0.50 }, 3);
  result->status = SL_RESULT_COMPLETE;

  return result;
}

/* Prints the recommendation, and checks that it says each of `says` and none of `never` (both
 * end with NULL; `never` may be NULL). */
static void
assert_recommendation (const SlResult     *result,
                       const char * const *says,
                       const char * const *never)
{
  const char *text = result->analysis->recommendation;

  g_assert_nonnull (text);
  g_test_message ("%s", text);
  for (guint i = 0; says[i] != NULL; i++)
    if (strstr (text, says[i]) == NULL)
      g_error ("the recommendation does not say “%s”", says[i]);
  for (guint i = 0; never != NULL && never[i] != NULL; i++)
    if (strstr (text, never[i]) != NULL)
      g_error ("the recommendation says “%s”", never[i]);
}

static void
test_analysis_gil (void)
{
  g_autoptr(SlResult) result = make_gil_result ();
  const SlModelAnalysis *threads, *processes;
  SlPoint *point;

  sl_analysis_update (result);

  g_assert_nonnull (result->analysis);
  g_assert_cmpuint (result->analysis->models->len, ==, 2);
  /* In the spec's order. */
  g_assert_cmpint (g_array_index (result->analysis->models, SlModelAnalysis, 0).model, ==, SL_MODEL_THREADS);
  g_assert_cmpint (g_array_index (result->analysis->models, SlModelAnalysis, 1).model, ==, SL_MODEL_PROCESSES);

  threads = model_analysis (result, SL_MODEL_THREADS);
  processes = model_analysis (result, SL_MODEL_PROCESSES);

  /* 0.51 is the best; 0.52 is within 5 % of it, so the smaller count wins. */
  g_assert_cmpuint (processes->best_workers, ==, 2);
  g_assert_cmpfloat_with_epsilon (processes->best_time_s, 0.52, 1e-12);
  g_assert_cmpfloat_with_epsilon (processes->best_speedup, 1.0 / 0.52, 1e-9);
  g_assert_true (processes->fitted);
  g_assert_cmpfloat (processes->serial_fraction, >=, 0.0);
  g_assert_cmpfloat (processes->serial_fraction, <, 0.5);

  g_assert_cmpuint (threads->best_workers, ==, 1);
  g_assert_cmpfloat_with_epsilon (threads->best_time_s, 1.00, 1e-12);
  g_assert_cmpfloat (threads->serial_fraction, >, 0.9);

  g_assert_true (result->analysis->has_best);
  g_assert_cmpint (result->analysis->best_runtime, ==, SL_RUNTIME_PYTHON);
  g_assert_cmpint (result->analysis->best_model, ==, SL_MODEL_PROCESSES);
  g_assert_cmpuint (result->analysis->best_workers, ==, 2);
  g_assert_cmpfloat_with_epsilon (result->analysis->best_speedup, 1.0 / 0.52, 1e-9);
  g_assert_cmpfloat (result->analysis->serial_fraction, ==, processes->serial_fraction);

  point = sl_result_find_point (result, SL_MODEL_PROCESSES, 2);
  g_assert_cmpfloat_with_epsilon (point->wall.median, 0.52, 1e-12);
  g_assert_cmpfloat_with_epsilon (point->speedup, 1.0 / 0.52, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->efficiency, 1.0 / 0.52 / 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->karp_flatt, (0.52 - 0.5) / 0.5, 1e-9);
  /* Both spreads are 0.01: S * sqrt ((0.01/1)^2 + (0.01/0.52)^2). */
  g_assert_cmpfloat_with_epsilon (point->speedup_err,
                                  (1.0 / 0.52) * sqrt (1e-4 + (0.01 / 0.52) * (0.01 / 0.52)), 1e-9);
  g_assert_cmpfloat_with_epsilon (point->cpu_util, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->startup_s, 0.004, 1e-12);
  g_assert_cmpfloat_with_epsilon (point->voluntary_cs, 20.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (point->involuntary_cs, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (point->peak_rss_kb, 1200.0, 1e-12);

  point = sl_result_find_point (result, SL_MODEL_PROCESSES, 1);
  g_assert_cmpfloat (point->speedup, ==, 1.0);
  g_assert_cmpfloat (point->speedup_err, ==, 0.0);
  g_assert_cmpfloat (point->efficiency, ==, 1.0);
  g_assert_true (isnan (point->karp_flatt));

  assert_recommendation (result,
                         (const char *[]) {
                           "Use processes with 2 workers", "Processes scale",
                           "Threads do not scale", "GIL",
                           /* Flat beyond 2 workers on 2 CPUs: the serial fraction's caveat. */
                           "Past the 2 usable CPUs", NULL },
                         (const char *[]) { "failed", "nan", NULL });
}

static void
test_analysis_replaces (void)
{
  g_autoptr(SlResult) result = make_gil_result ();
  SlAnalysis *first;

  sl_analysis_update (result);
  first = result->analysis;
  g_assert_nonnull (first);

  /* A second update (the runner calls it after every point) starts from scratch. */
  sl_result_find_point (result, SL_MODEL_PROCESSES, 4)->status = SL_POINT_FAILED;
  sl_analysis_update (result);
  g_assert_nonnull (result->analysis);
  g_assert_true (isnan (sl_result_find_point (result, SL_MODEL_PROCESSES, 4)->speedup));
  g_assert_cmpuint (model_analysis (result, SL_MODEL_PROCESSES)->best_workers, ==, 2);
}

static void
test_analysis_outlier_flags (void)
{
  static const SlModel models[] = { SL_MODEL_PROCESSES };
  static const guint workers[] = { 1, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_NATIVE, "cpu-sum", models, 1, workers);
  SlPoint *point = fill_point (result, SL_MODEL_PROCESSES, 1,
                               (double[]) { 1.00, 1.01, 0.99, 1.00, 5.00 }, 5);

  sl_analysis_update (result);

  g_assert_cmpfloat_with_epsilon (point->wall.median, 1.00, 1e-12);
  g_assert_cmpuint (point->wall.n_outliers, ==, 1);
  for (guint i = 0; i < 4; i++)
    g_assert_false (g_array_index (point->repetitions, SlRepetition, i).outlier);
  g_assert_true (g_array_index (point->repetitions, SlRepetition, 4).outlier);
  g_assert_true (point->wall.unstable);
  g_assert_nonnull (strstr (result->analysis->recommendation, "noisy"));
}

static void
test_analysis_latencies (void)
{
  static const SlModel models[] = { SL_MODEL_THREADS };
  static const guint workers[] = { 1, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_NATIVE, "cpu-sum", models, 1, workers);
  SlPoint *point = fill_point (result, SL_MODEL_THREADS, 1, (double[]) { 1.0 }, 1);

  /* Out of order on purpose: the analysis must sort a copy. */
  for (guint i = 100; i >= 1; i--)
    {
      double latency = i * 1e-3;

      g_array_append_val (point->latencies_s, latency);
    }

  sl_analysis_update (result);

  g_assert_cmpfloat_with_epsilon (point->latency_p50, 50.5e-3, 1e-12);
  g_assert_cmpfloat_with_epsilon (point->latency_p95, 95.05e-3, 1e-12);
  g_assert_cmpfloat_with_epsilon (point->latency_p99, 99.01e-3, 1e-12);
  g_assert_cmpfloat (g_array_index (point->latencies_s, double, 0), ==, 100e-3);
}

static void
test_analysis_failed_and_nan (void)
{
  static const SlModel models[] = { SL_MODEL_THREADS, SL_MODEL_PROCESSES };
  static const guint workers[] = { 1, 2, 4, 8, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_NATIVE, "cpu-sum", models, 2, workers);
  const SlModelAnalysis *threads;
  SlPoint *point;

  /* Threads: W = 1 measured nothing usable, so no speedup exists for the model. */
  fill_point (result, SL_MODEL_THREADS, 1, (double[]) { NAN }, 1);
  fill_point (result, SL_MODEL_THREADS, 2, (double[]) { 0.6, 0.6 }, 2);
  point = sl_result_find_point (result, SL_MODEL_THREADS, 4);
  point->status = SL_POINT_CANCELLED;
  /* PENDING: left as sl_result_new() made it. */

  fill_point (result, SL_MODEL_PROCESSES, 1, (double[]) { 1.0 }, 1);
  point = fill_point (result, SL_MODEL_PROCESSES, 2, (double[]) { 0.5 }, 1);
  point->status = SL_POINT_FAILED;
  /* An error's first line is its summary: the advice quotes that, never a traceback. */
  point->error = g_strdup ("worker 2 crashed (signal 11)\nTraceback (most recent call last):\n"
                           "  File \"<task>\", line 3, in task\n");
  fill_point (result, SL_MODEL_PROCESSES, 4, (double[]) { 0.55 }, 1);
  result->status = SL_RESULT_PARTIAL;

  sl_analysis_update (result);

  point = sl_result_find_point (result, SL_MODEL_THREADS, 1);
  g_assert_cmpuint (point->wall.n, ==, 0);
  g_assert_true (isnan (point->wall.median));
  g_assert_true (isnan (point->speedup));
  g_assert_true (isnan (point->efficiency));
  g_assert_true (isnan (point->user_s));
  g_assert_true (isnan (point->cpu_util));
  g_assert_true (isnan (point->peak_rss_kb));

  point = sl_result_find_point (result, SL_MODEL_THREADS, 2);
  g_assert_cmpfloat_with_epsilon (point->wall.median, 0.6, 1e-12);
  g_assert_true (isnan (point->speedup));
  g_assert_true (isnan (point->speedup_err));
  g_assert_true (isnan (point->karp_flatt));

  for (guint w = 4; w <= 8; w *= 2)
    {
      point = sl_result_find_point (result, SL_MODEL_THREADS, w);
      g_assert_true (isnan (point->wall.median));
      g_assert_true (isnan (point->speedup));
    }

  point = sl_result_find_point (result, SL_MODEL_PROCESSES, 2);
  g_assert_cmpuint (point->wall.n, ==, 0);
  g_assert_true (isnan (point->speedup));
  g_assert_true (isnan (point->efficiency));
  g_assert_true (isnan (point->startup_s));
  g_assert_false (g_array_index (point->repetitions, SlRepetition, 0).outlier);

  point = sl_result_find_point (result, SL_MODEL_PROCESSES, 4);
  g_assert_cmpfloat_with_epsilon (point->speedup, 1.0 / 0.55, 1e-9);
  /* One repetition on each side: no spread to propagate. */
  g_assert_cmpfloat (point->speedup_err, ==, 0.0);

  threads = model_analysis (result, SL_MODEL_THREADS);
  g_assert_cmpuint (threads->best_workers, ==, 2);
  g_assert_true (isnan (threads->best_speedup));
  g_assert_false (threads->fitted);
  g_assert_true (isnan (threads->amdahl_a));
  g_assert_true (isnan (threads->usl_sigma));

  g_assert_true (result->analysis->has_best);
  g_assert_cmpint (result->analysis->best_model, ==, SL_MODEL_PROCESSES);
  g_assert_cmpuint (result->analysis->best_workers, ==, 4);

  assert_recommendation (result,
                         (const char *[]) {
                           "failed", "signal 11", "cancelled", "1-worker run is missing",
                           /* W = 4 on 2 CPUs, CPU-bound: not passed off as an I/O effect. */
                           "This workload is CPU-bound", NULL },
                         (const char *[]) { "I/O", "nan", "Traceback", "\n", NULL });
}

static void
test_analysis_single_point (void)
{
  static const SlModel models[] = { SL_MODEL_PROCESSES };
  static const guint workers[] = { 1, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_NATIVE, "cpu-sum", models, 1, workers);
  const SlModelAnalysis *ma;
  SlPoint *point;

  point = fill_point (result, SL_MODEL_PROCESSES, 1, (double[]) { 0.25 }, 1);
  sl_analysis_update (result);

  g_assert_cmpfloat (point->speedup, ==, 1.0);
  g_assert_cmpfloat (point->speedup_err, ==, 0.0);
  g_assert_cmpfloat (point->efficiency, ==, 1.0);
  g_assert_true (isnan (point->karp_flatt));
  g_assert_true (isnan (point->latency_p50));

  ma = model_analysis (result, SL_MODEL_PROCESSES);
  g_assert_cmpuint (ma->best_workers, ==, 1);
  g_assert_cmpfloat (ma->best_time_s, ==, 0.25);
  g_assert_false (ma->fitted);
  g_assert_true (isnan (ma->serial_fraction));
  g_assert_true (isnan (ma->usl_peak_workers));

  g_assert_true (result->analysis->has_best);
  g_assert_cmpuint (result->analysis->best_workers, ==, 1);
  g_assert_nonnull (result->analysis->recommendation);
  g_assert_true (g_str_has_prefix (result->analysis->recommendation, "Only runs with 1 worker"));
  g_test_message ("%s", result->analysis->recommendation);
}

static void
test_analysis_nothing_done (void)
{
  static const SlModel models[] = { SL_MODEL_THREADS, SL_MODEL_PROCESSES };
  static const guint workers[] = { 1, 2, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_NATIVE, "cpu-sum", models, 2, workers);

  sl_analysis_update (result);

  g_assert_false (result->analysis->has_best);
  g_assert_cmpuint (result->analysis->models->len, ==, 2);
  g_assert_cmpuint (model_analysis (result, SL_MODEL_THREADS)->best_workers, ==, 0);
  g_assert_true (isnan (model_analysis (result, SL_MODEL_THREADS)->best_time_s));
  g_assert_true (isnan (result->analysis->best_speedup));
  g_assert_nonnull (result->analysis->recommendation);
  g_assert_cmpuint (strlen (result->analysis->recommendation), >, 0);
  assert_recommendation (result, (const char *[]) { "No point has finished yet", NULL }, NULL);

  /* Every point failed: they did finish, without a measurement. */
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      point->status = SL_POINT_FAILED;
      point->error = g_strdup ("ValueError: no");
    }
  sl_analysis_update (result);
  assert_recommendation (result,
                         (const char *[]) { "No point finished with a valid measurement",
                                            "4 of 4 points failed", "ValueError: no", NULL },
                         (const char *[]) { "has finished yet", NULL });
}

static void
test_analysis_io_bound (void)
{
  static const SlModel models[] = { SL_MODEL_THREADS, SL_MODEL_PROCESSES };
  static const guint workers[] = { 1, 2, 4, 8, 16, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_PYTHON, "io-fetch", models, 2, workers);
  const SlModelAnalysis *threads;

  /* Waiting overlaps: both models scale far beyond the two CPUs, as in the article. */
  for (guint w = 1; w <= 16; w *= 2)
    {
      double t = 0.1 + 15.0 / w;

      fill_point (result, SL_MODEL_THREADS, w, (double[]) { t, t * 1.01 }, 2);
      fill_point (result, SL_MODEL_PROCESSES, w, (double[]) { t * 1.02, t * 1.03 }, 2);
    }

  sl_analysis_update (result);

  threads = model_analysis (result, SL_MODEL_THREADS);
  g_assert_cmpuint (threads->best_workers, ==, 16);
  g_assert_true (threads->fitted);
  /* Exact data T = 0.1 + 15 / W (times a constant spread): serial fraction 0.1 / 15.1. */
  g_assert_cmpfloat_with_epsilon (threads->serial_fraction, 0.1 / 15.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (threads->amdahl_r2, 1.0, 1e-9);

  g_assert_cmpint (result->analysis->best_model, ==, SL_MODEL_THREADS);
  g_assert_cmpuint (result->analysis->best_workers, ==, 16);

  assert_recommendation (result,
                         (const char *[]) {
                           "Use threads with 16 workers", "more than the 2 usable CPUs",
                           "largest count tried", "Processes came within", NULL },
                         NULL);
}

static void
test_analysis_slowdown (void)
{
  static const SlModel models[] = { SL_MODEL_PROCESSES };
  static const guint workers[] = { 1, 2, 4, 8, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_NATIVE, "cpu-sum", models, 1, workers);
  const SlModelAnalysis *ma;

  /* USL-shaped: S = W / (1 + 0.05 (W - 1) + 0.1 W (W - 1)) peaks near W = 3.1. */
  for (guint w = 1; w <= 8; w *= 2)
    {
      double t = 1.0 / sl_usl_speedup (w, 0.05, 0.1);

      fill_point (result, SL_MODEL_PROCESSES, w, &t, 1);
    }

  sl_analysis_update (result);

  /* T(2) = 0.625 is 6 % above T(4) = 0.5875: W = 4 is the best, W = 8 is slower again. */
  ma = model_analysis (result, SL_MODEL_PROCESSES);
  g_assert_cmpuint (ma->best_workers, ==, 4);
  g_assert_cmpfloat_with_epsilon (ma->usl_sigma, 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (ma->usl_kappa, 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (ma->usl_peak_workers, sqrt (0.95 / 0.1), 1e-9);

  assert_recommendation (result,
                         (const char *[]) {
                           "beyond 4 made it slower", "USL",
                           /* Amdahl cannot describe a curve that bends back: no cap is quoted. */
                           "fits the times of processes poorly", NULL },
                         (const char *[]) { "would cap", NULL });
}

static void
test_amdahl_fit (void)
{
  const double workers[] = { 1, 2, 4, 8 };
  double times[4];
  double a, b, r2;

  for (guint i = 0; i < 4; i++)
    times[i] = 2.0 + 8.0 / workers[i];

  g_assert_true (sl_amdahl_fit (workers, times, 4, &a, &b, &r2));
  g_assert_cmpfloat_with_epsilon (a, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 8.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r2, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a / (a + b), 0.2, 1e-12);
}

static void
test_amdahl_fit_degenerate (void)
{
  const double one_w[] = { 4, 4, 4 };
  const double times[] = { 1, 2, 3 };
  const double with_nan[] = { 1, NAN, 4 };
  double a = 0, b = 0, r2 = 0;

  g_assert_false (sl_amdahl_fit (one_w, times, 3, &a, &b, &r2));
  g_assert_true (isnan (a) && isnan (b) && isnan (r2));
  g_assert_false (sl_amdahl_fit (one_w, times, 0, &a, &b, &r2));
  /* The NaN time leaves only one usable W. */
  g_assert_false (sl_amdahl_fit ((double[]) { 1, 2, 2 }, with_nan, 2, &a, &b, NULL));
  g_assert_true (sl_amdahl_fit ((double[]) { 1, 2, 4 }, with_nan, 3, &a, &b, NULL));
}

static void
test_amdahl_fit_clamps (void)
{
  const double workers[] = { 1, 2, 4, 8 };
  double times[4];
  double growing[4];
  double a, b, r2;

  /* Better than linear (T = 8/W - 0.5): a negative serial part is clamped to 0. */
  for (guint i = 0; i < 4; i++)
    {
      times[i] = 8.0 / workers[i] - 0.5;
      growing[i] = 1.0 + 0.1 * workers[i];
    }

  g_assert_true (sl_amdahl_fit (workers, times, 4, &a, &b, &r2));
  g_assert_cmpfloat (a, ==, 0.0);
  g_assert_cmpfloat (b, >, 0.0);

  /* Slower with every worker: nothing parallel, all serial. */
  g_assert_true (sl_amdahl_fit (workers, growing, 4, &a, &b, &r2));
  g_assert_cmpfloat (b, ==, 0.0);
  g_assert_cmpfloat (a, >, 0.0);
  g_assert_cmpfloat_with_epsilon (a / (a + b), 1.0, 1e-12);
}

static void
test_usl_fit (void)
{
  const double workers[] = { 1, 2, 4, 8, 16 };
  double speedups[5];
  double sigma, kappa;

  for (guint i = 0; i < 5; i++)
    speedups[i] = sl_usl_speedup (workers[i], 0.05, 0.01);

  g_assert_true (sl_usl_fit (workers, speedups, 5, &sigma, &kappa));
  g_assert_cmpfloat_with_epsilon (sigma, 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (kappa, 0.01, 1e-9);
  g_assert_cmpfloat_with_epsilon (sqrt ((1.0 - sigma) / kappa), sqrt (0.95 / 0.01), 1e-6);
}

static void
test_usl_fit_clamps (void)
{
  const double workers[] = { 1, 2, 4, 8 };
  double amdahl[4];
  double superlinear[4];
  double sigma, kappa;

  /* Amdahl-shaped data has no coherency term: kappa comes out 0, sigma positive. */
  for (guint i = 0; i < 4; i++)
    {
      amdahl[i] = sl_amdahl_speedup (workers[i], 0.1);
      superlinear[i] = workers[i] * 1.1;
    }
  amdahl[0] = 1.0;
  superlinear[0] = 1.0;

  g_assert_true (sl_usl_fit (workers, amdahl, 4, &sigma, &kappa));
  g_assert_cmpfloat_with_epsilon (sigma, 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (kappa, 0.0, 1e-12);

  /* Superlinear speedups would need negative parameters: both are held at 0. */
  g_assert_true (sl_usl_fit (workers, superlinear, 4, &sigma, &kappa));
  g_assert_cmpfloat (sigma, ==, 0.0);
  g_assert_cmpfloat (kappa, ==, 0.0);

  /* Only one W above 1 cannot separate two parameters. */
  g_assert_false (sl_usl_fit (workers, amdahl, 2, &sigma, &kappa));
  g_assert_true (isnan (sigma) && isnan (kappa));
}

static void
test_model_speedups (void)
{
  g_assert_cmpfloat_with_epsilon (sl_amdahl_speedup (4, 0.2), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_amdahl_speedup (8, 0.0), 8.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_amdahl_speedup (8, 1.0), 1.0, 1e-12);
  g_assert_true (isnan (sl_amdahl_speedup (0, 0.2)));

  g_assert_cmpfloat_with_epsilon (sl_usl_speedup (1, 0.3, 0.2), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_usl_speedup (4, 0.0, 0.0), 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_usl_speedup (2, 0.05, 0.01), 2.0 / 1.07, 1e-12);
}

static void
test_karp_flatt (void)
{
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (4.0, 4.0), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (16.0, 16.0), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (2.0, 4.0), 1.0 / 3.0, 1e-12);
  /* No speedup at all: everything is serial. */
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (1.0, 8.0), 1.0, 1e-12);
  /* Amdahl's own curve gives back its serial fraction. */
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (sl_amdahl_speedup (8, 0.25), 8), 0.25, 1e-12);
  g_assert_true (isnan (sl_karp_flatt (1.0, 1.0)));
  g_assert_true (isnan (sl_karp_flatt (NAN, 4.0)));
  g_assert_true (isnan (sl_karp_flatt (0.0, 4.0)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/update/gil", test_analysis_gil);
  g_test_add_func ("/analysis/update/replaces", test_analysis_replaces);
  g_test_add_func ("/analysis/update/outlier-flags", test_analysis_outlier_flags);
  g_test_add_func ("/analysis/update/latencies", test_analysis_latencies);
  g_test_add_func ("/analysis/update/failed-and-nan", test_analysis_failed_and_nan);
  g_test_add_func ("/analysis/update/single-point", test_analysis_single_point);
  g_test_add_func ("/analysis/update/nothing-done", test_analysis_nothing_done);
  g_test_add_func ("/analysis/update/io-bound", test_analysis_io_bound);
  g_test_add_func ("/analysis/update/slowdown", test_analysis_slowdown);
  g_test_add_func ("/analysis/amdahl/fit", test_amdahl_fit);
  g_test_add_func ("/analysis/amdahl/degenerate", test_amdahl_fit_degenerate);
  g_test_add_func ("/analysis/amdahl/clamps", test_amdahl_fit_clamps);
  g_test_add_func ("/analysis/usl/fit", test_usl_fit);
  g_test_add_func ("/analysis/usl/clamps", test_usl_fit_clamps);
  g_test_add_func ("/analysis/model-speedups", test_model_speedups);
  g_test_add_func ("/analysis/karp-flatt", test_karp_flatt);

  return g_test_run ();
}
