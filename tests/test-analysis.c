/* test-analysis.c: speedups, fits, the best worker count and recommendations derived from
 * hand-built results. */
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

  /* Processes at 4 workers had the lowest median, but one repetition each cannot show that
   * 4 workers on 2 CPUs are faster: processes recommend 1, so threads at 2 win. */
  g_assert_cmpuint (model_analysis (result, SL_MODEL_PROCESSES)->best_workers, ==, 1);
  g_assert_cmpuint (model_analysis (result, SL_MODEL_PROCESSES)->fastest_workers, ==, 4);
  g_assert_true (result->analysis->has_best);
  g_assert_cmpint (result->analysis->best_model, ==, SL_MODEL_THREADS);
  g_assert_cmpuint (result->analysis->best_workers, ==, 2);

  assert_recommendation (result,
                         (const char *[]) {
                           "failed", "signal 11", "cancelled", "1-worker run is missing",
                           "Use threads with 2 workers",
                           /* W = 4 on 2 CPUs, CPU-bound: faster by the medians only. */
                           "Processes may scale", "but not significantly so", NULL },
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

  /* Enough CPUs for every count: the shape, not the machine, limits the speedup. */
  result->system->usable_cpus = 8;

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

/* ---- the best worker count, from synthetic repetitions ---- */

/* A sweep of threads at `workers` (0-terminated) on `usable` CPUs, analysed: at each count
 * `reps` repetitions around `centers[i]`, each off by up to ±`spread` (a fraction), uniformly,
 * from a generator seeded with `seed`. */
static SlResult *
make_noisy (const char   *workload,
            guint         usable,
            const guint  *workers,
            const double *centers,
            double        spread,
            guint         reps,
            guint         seed)
{
  static const SlModel models[] = { SL_MODEL_THREADS };
  SlResult *result = make_result (SL_RUNTIME_NATIVE, workload, models, 1, workers);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *walls = g_new (double, reps);

  result->system->usable_cpus = usable;
  for (guint w = 0; workers[w] != 0; w++)
    {
      for (guint i = 0; i < reps; i++)
        walls[i] = centers[w] * (1.0 + g_rand_double_range (rand, -spread, spread));
      fill_point (result, SL_MODEL_THREADS, workers[w], walls, reps);
    }
  sl_analysis_update (result);

  return result;
}

/* The same times at every count, ±15 %: whatever the medians say, nothing buys a worker. Over
 * many such sweeps a larger count is chosen at most as often as the significance level allows. */
static void
test_best_noisy_equal (void)
{
  static const guint workers[] = { 1, 2, 4, 8, 0 };
  guint more = 0;

  for (guint seed = 1; seed <= 60; seed++)
    {
      g_autoptr(SlResult) result = make_noisy ("io-sleep", 2, workers,
                                               (double[]) { 1.0, 1.0, 1.0, 1.0 }, 0.15, 10, seed);
      const SlModelAnalysis *ma = model_analysis (result, SL_MODEL_THREADS);

      g_assert_cmpint (ma->best_basis, ==, SL_BEST_BY_TEST);
      g_assert_cmpuint (ma->comparisons, ==, 3);
      more += ma->best_workers > 1;
      if (seed == 1)
        {
          g_assert_cmpuint (ma->best_workers, ==, 1);
          g_assert_cmpuint (ma->fastest_workers, >, 1);
          assert_recommendation (result,
                                 (const char *[]) { "Until more repetitions or a quieter machine show",
                                                    "run it with 1 worker",
                                                    "There was no significant difference between 1 and", NULL },
                                 (const char *[]) { "cannot tell", NULL });
        }
    }

  g_test_message ("a count above 1 chosen in %u of 60 sweeps", more);
  g_assert_cmpuint (more, <=, 3);
}

/* 10 % faster at 4 workers than at 2, with a spread of ±1 %: a real gain buys the workers. */
static void
test_best_real_improvement (void)
{
  g_autoptr(SlResult) result = make_noisy ("cpu-sum", 4, (guint[]) { 1, 2, 4, 0 },
                                           (double[]) { 1.00, 0.55, 0.50 }, 0.01, 5, 3);
  const SlModelAnalysis *ma = model_analysis (result, SL_MODEL_THREADS);

  g_assert_cmpint (ma->best_basis, ==, SL_BEST_BY_TEST);
  g_assert_cmpuint (ma->best_workers, ==, 4);
  g_assert_true (sl_result_find_point (result, SL_MODEL_THREADS, 2)->slower);
  g_assert_cmpfloat (sl_result_find_point (result, SL_MODEL_THREADS, 2)->p_vs_fastest, <=,
                     SL_SIGNIFICANCE);
  assert_recommendation (result, (const char *[]) { "Use threads with 4 workers", NULL },
                         (const char *[]) { "no significant difference", "cannot tell", NULL });
}

/* Significantly faster, but by 3 %: too little to be worth more workers. */
static void
test_best_too_small (void)
{
  g_autoptr(SlResult) result = make_noisy ("cpu-sum", 4, (guint[]) { 1, 2, 4, 0 },
                                           (double[]) { 1.00, 0.515, 0.50 }, 0.002, 6, 4);

  g_assert_cmpuint (model_analysis (result, SL_MODEL_THREADS)->best_workers, ==, 2);
  g_assert_cmpfloat (sl_result_find_point (result, SL_MODEL_THREADS, 2)->p_vs_fastest, <=,
                     SL_SIGNIFICANCE);
  assert_recommendation (result,
                         (const char *[]) { "4 workers were significantly faster than 2, but only by",
                                            "Use threads with 2 workers", NULL },
                         NULL);
}

/* Three noisy repetitions: no difference could ever be significant, and the advice says how
 * many repetitions would do (5 for 4 counts: 2 / C(10, 5) = 0.008 against 0.05 / 3). */
static void
test_best_cannot_tell (void)
{
  g_autoptr(SlResult) result = make_noisy ("cpu-sum", 2, (guint[]) { 1, 2, 4, 8, 0 },
                                           (double[]) { 1.00, 0.55, 0.53, 0.50 }, 0.10, 3, 5);
  const SlModelAnalysis *ma = model_analysis (result, SL_MODEL_THREADS);

  g_assert_cmpint (ma->best_basis, ==, SL_BEST_BY_MEDIANS);
  g_assert_cmpuint (ma->repetitions, ==, 3);
  g_assert_cmpuint (ma->repetitions_needed, ==, 5);
  /* Never more workers than CPUs on the medians alone. */
  g_assert_cmpuint (ma->best_workers, <=, 2);
  assert_recommendation (result,
                         (const char *[]) { "With 3 repetitions per point the test cannot tell",
                                            "Run at least 5 repetitions per point (2 more)", NULL },
                         NULL);
}

/* The sweep that prompted all this, on 2 CPUs: 1.98× at 8 workers against 1.82× at 2, well
 * inside each other's intervals. Two workers it is, and the advice says why. */
static void
test_best_observed (void)
{
  static const SlModel models[] = { SL_MODEL_THREADS };
  static const guint workers[] = { 1, 2, 4, 8, 16, 0 };
  g_autoptr(SlResult) result = make_result (SL_RUNTIME_NATIVE, "cpu-sum", models, 1, workers);
  const SlModelAnalysis *ma;
  SlPoint *two, *eight;

  fill_point (result, SL_MODEL_THREADS, 1, (double[]) { 29.0e-3, 31.5e-3, 28.1e-3, 32.9e-3, 28.8e-3 }, 5);
  two = fill_point (result, SL_MODEL_THREADS, 2,
                    (double[]) { 15.9e-3, 14.2e-3, 17.5e-3, 15.1e-3, 16.8e-3 }, 5);
  fill_point (result, SL_MODEL_THREADS, 4, (double[]) { 15.3e-3, 16.9e-3, 14.4e-3, 17.2e-3, 15.6e-3 }, 5);
  eight = fill_point (result, SL_MODEL_THREADS, 8,
                      (double[]) { 14.6e-3, 16.3e-3, 13.9e-3, 15.8e-3, 14.1e-3 }, 5);
  fill_point (result, SL_MODEL_THREADS, 16, (double[]) { 15.2e-3, 17.0e-3, 14.3e-3, 16.1e-3, 14.9e-3 }, 5);
  sl_analysis_update (result);

  g_assert_cmpfloat_with_epsilon (two->speedup, 29.0 / 15.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (eight->speedup, 29.0 / 14.6, 1e-9);
  /* Each speedup lies inside the other's interval. */
  g_assert_cmpfloat (eight->speedup_lo, <, two->speedup);
  g_assert_cmpfloat (two->speedup_hi, >, eight->speedup);

  ma = model_analysis (result, SL_MODEL_THREADS);
  g_assert_cmpint (ma->best_basis, ==, SL_BEST_BY_TEST);
  g_assert_cmpuint (ma->fastest_workers, ==, 8);
  g_assert_cmpuint (ma->best_workers, ==, 2);
  g_assert_false (two->slower);
  g_assert_cmpfloat (two->p_vs_fastest, >, SL_SIGNIFICANCE);
  assert_recommendation (result,
                         (const char *[]) { "There was no significant difference between 2 and 8 workers",
                                            "Use threads with 2 workers (= the usable CPUs)", NULL },
                         (const char *[]) { "more than the 2 usable CPUs", NULL });
}

/* Beyond the CPUs only when significantly faster, and then the advice says so. */
static void
test_best_beyond_cpus (void)
{
  g_autoptr(SlResult) result = make_noisy ("cpu-sum", 2, (guint[]) { 1, 2, 8, 0 },
                                           (double[]) { 1.00, 0.55, 0.45 }, 0.01, 6, 6);

  g_assert_cmpuint (model_analysis (result, SL_MODEL_THREADS)->best_workers, ==, 8);
  assert_recommendation (result,
                         (const char *[]) { "Use threads with 8 workers, more than the 2 usable CPUs",
                                            "2 workers, was significantly slower than 8 workers", NULL },
                         NULL);

  /* The same medians from three repetitions each: the medians alone never buy them. */
  for (guint i = 0; i < result->points->len; i++)
    g_array_set_size (((SlPoint *) g_ptr_array_index (result->points, i))->repetitions, 3);
  sl_analysis_update (result);
  g_assert_cmpuint (model_analysis (result, SL_MODEL_THREADS)->best_workers, ==, 2);
  assert_recommendation (result,
                         (const char *[]) { "8 workers had the lowest median",
                                            "only when they are significantly faster", NULL },
                         NULL);
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
  g_test_add_func ("/analysis/best/noisy-equal", test_best_noisy_equal);
  g_test_add_func ("/analysis/best/real-improvement", test_best_real_improvement);
  g_test_add_func ("/analysis/best/too-small", test_best_too_small);
  g_test_add_func ("/analysis/best/cannot-tell", test_best_cannot_tell);
  g_test_add_func ("/analysis/best/observed", test_best_observed);
  g_test_add_func ("/analysis/best/beyond-cpus", test_best_beyond_cpus);

  return g_test_run ();
}
