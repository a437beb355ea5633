/* scaling.c: does cpu-sum scale, and is its work real?
 *
 * 1. Time at W = 1 for n, 2n, 4n: if a compiler had folded the sum into its closed form, the time
 *    would not grow with n. It must grow linearly (ratios near 2 and 4).
 * 2. Efficiency S(W)/W at W = the usable CPUs, for threads and processes (target >= 0.90).
 *
 * Runs through SlRunner, exactly as the CLI and the window do.
 */
#define G_LOG_DOMAIN "bench-scaling"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>

#include "sl-analysis.h"
#include "sl-runner.h"

#define EFFICIENCY_TARGET 0.90
#define LINEARITY_TOLERANCE 0.15   /* 2n must take 2× ± 15 % */

static SlResult *
run (const char *n,
     const char *models,
     const char *workers,
     guint       repeat)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(GError) error = NULL;
  SlResult *result;

  sl_params_set (spec->params, "n", n);
  g_array_unref (spec->models);
  spec->models = sl_parse_model_list (models, NULL);
  g_array_unref (spec->workers);
  spec->workers = sl_parse_worker_list (workers, NULL);
  spec->repeat = repeat;
  spec->tasks = 64;

  result = sl_runner_run_sync (runner, spec, NULL, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  return result;
}

static double
median_of (SlResult *result,
           SlModel   model,
           guint     workers)
{
  SlPoint *point = sl_result_find_point (result, model, workers);

  return point != NULL && point->status == SL_POINT_DONE ? point->wall.median : NAN;
}

int
main (int    argc,
      char **argv)
{
  const char *sizes[] = { "250000000", "500000000", "1000000000" };
  double times[G_N_ELEMENTS (sizes)];
  g_autoptr(SlSysInfo) system = sl_sysinfo_collect ();
  g_autofree char *workers = g_strdup_printf ("1,%u", MAX (2, system->usable_cpus));
  gboolean pass = TRUE;

  setlocale (LC_ALL, "");

  printf ("cpu-sum on %s, %u usable CPUs\n\n", system->cpu_model, system->usable_cpus);
  printf ("Linearity (threads, W = 1, median of 5)\n");
  printf ("  %12s  %10s  %8s  %s\n", "n", "time (s)", "ratio", "");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(SlResult) result = run (sizes[i], "threads", "1", 5);
      double expected_ratio = (double) (1u << i);
      double ratio;
      gboolean ok;

      times[i] = median_of (result, SL_MODEL_THREADS, 1);
      ratio = times[i] / times[0];
      ok = fabs (ratio / expected_ratio - 1) <= LINEARITY_TOLERANCE;
      pass &= ok;
      printf ("  %12s  %10.4f  %7.2f×  %s (%.2f ns per integer)\n", sizes[i], times[i], ratio,
              ok ? "PASS" : "MISS", times[i] / g_ascii_strtod (sizes[i], NULL) * 1e9);
    }

  printf ("\nEfficiency at W = %u (n = 10^9, 64 tasks, median of 7, target >= %.2f)\n",
          MAX (2, system->usable_cpus), EFFICIENCY_TARGET);
  {
    g_autoptr(SlResult) result = run ("1000000000", "threads,processes", workers, 7);
    guint w = MAX (2, system->usable_cpus);

    for (SlModel model = 0; model < SL_N_MODELS; model++)
      {
        SlPoint *point = sl_result_find_point (result, model, w);
        gboolean ok = point != NULL && point->efficiency >= EFFICIENCY_TARGET;

        pass &= ok;
        printf ("  %-10s T(1) %.4f s  T(%u) %.4f s  speedup %.2f×  efficiency %.2f  %s\n",
                sl_model_to_string (model), median_of (result, model, 1), w,
                median_of (result, model, w), point ? point->speedup : NAN,
                point ? point->efficiency : NAN, ok ? "PASS" : "MISS");
      }
    if (result->system->warnings->len > 0)
      for (guint i = 0; i < result->system->warnings->len; i++)
        printf ("  note: %s\n", (char *) g_ptr_array_index (result->system->warnings, i));
  }

  return pass ? 0 : 1;
}
