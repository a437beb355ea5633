/* min-time.c: what a measured value should last, the evidence for the default minimum time.
 *
 * 1. The clock every measurement uses (sl-clock.h): its stated resolution, the smallest step
 *    seen between two readings, and what a reading costs.
 * 2. What the machine takes from a busy thread: a thread reads the clock in a loop for a few
 *    seconds, and every gap between two readings longer than 50 µs is time it was not running
 *    (another program's turn on the CPU, an interrupt). How often, and how long one lasts: a
 *    measured value should be long enough that one such gap moves it by less than the 5 % the
 *    analysis calls a difference.
 * 3. The noise of a measured value by its length: cpu-sum batches of about a millisecond, at
 *    W = 1 and W = 2 threads, measured with 1, 2, 5, ... 500 loops per value, in rounds that
 *    visit every length in turn; for each length, the spread of its values (a robust
 *    coefficient of variation) and how far one round's median of 5 and its speedup S(2), the
 *    figures the analysis works with, stray from round to round.
 *
 * Runs through SlRunner with the loops given, exactly as the CLI does with --loops. Prints a
 * table for a person to read; it asserts nothing.
 */
#define G_LOG_DOMAIN "bench-min-time"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "sl-clock.h"
#include "sl-runner.h"
#include "sl-stats.h"

static gint64 opt_n = 2000000;
static gint   opt_repeat = 5;
static gint   opt_rounds = 8;

static void
measure_clock (void)
{
  struct timespec res;
  const guint n = 1000000;
  gint64 smallest = G_MAXINT64;
  gint64 start, end, previous;

  clock_getres (CLOCK_MONOTONIC, &res);
  previous = start = sl_clock_ns ();
  for (guint i = 0; i < n; i++)
    {
      gint64 now = sl_clock_ns ();

      if (now > previous)
        smallest = MIN (smallest, now - previous);
      previous = now;
    }
  end = sl_clock_ns ();

  printf ("Clock (CLOCK_MONOTONIC)\n");
  printf ("  stated resolution     %ld ns\n", res.tv_sec * 1000000000L + res.tv_nsec);
  printf ("  smallest step seen    %" G_GINT64_FORMAT " ns\n", smallest);
  printf ("  cost of a reading     %.1f ns\n\n", (end - start) / (double) n);
}

/* Count, median and 90th percentile of the `gaps` (ms, ascending) of at least `least_ms`. */
static void
print_gaps (const char *what,
            GArray     *gaps,
            double      least_ms,
            double      seconds)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (double));
  double lost_ms = 0;

  for (guint i = 0; i < gaps->len; i++)
    if (g_array_index (gaps, double, i) >= least_ms)
      {
        g_array_append_val (kept, g_array_index (gaps, double, i));
        lost_ms += g_array_index (gaps, double, i);
      }
  if (kept->len == 0)
    {
      printf ("  %-26s none\n", what);
      return;
    }
  printf ("  %-26s %5u (%.1f a second, %.0f %% of the time): median %.2f ms, 90th percentile "
          "%.2f ms, longest %.2f ms\n", what, kept->len, kept->len / seconds,
          lost_ms / (seconds * 1000) * 100,
          sl_percentile_sorted ((double *) kept->data, kept->len, 0.5),
          sl_percentile_sorted ((double *) kept->data, kept->len, 0.9),
          g_array_index (kept, double, kept->len - 1));
}

static void
measure_interruptions (double seconds)
{
  const gint64 least_ns = 50000;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = sl_clock_ns ();
  gint64 end = start + (gint64) (seconds * 1e9);
  gint64 previous = start, now;

  while ((now = sl_clock_ns ()) < end)
    {
      if (now - previous > least_ns)
        {
          double gap_ms = (now - previous) / 1e6;

          g_array_append_val (gaps, gap_ms);
        }
      previous = now;
    }
  g_array_sort (gaps, sl_compare_doubles);

  printf ("What the machine takes from a busy thread (%.0f s of clock readings)\n", seconds);
  print_gaps ("gaps over 50 µs", gaps, 0.05, seconds);
  /* An interrupt takes microseconds; a millisecond or more is another program's turn. */
  print_gaps ("of them 1 ms or longer", gaps, 1.0, seconds);
  printf ("\n");
}

static SlResult *
run (guint loops)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, opt_n);
  SlResult *result;

  sl_params_set (spec->params, "n", n);
  g_array_unref (spec->models);
  spec->models = sl_parse_model_list ("threads", NULL);
  g_array_unref (spec->workers);
  spec->workers = sl_parse_worker_list ("1,2", NULL);
  spec->tasks = 2;
  spec->repeat = opt_repeat;
  spec->loops = loops;

  result = sl_runner_run_sync (runner, spec, NULL, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  return result;
}

/* The robust coefficient of variation: 1.4826 × MAD / median, which a single preempted value
 * does not blow up as it does the standard deviation. */
static double
robust_cv (GArray *values)
{
  SlSummary summary;

  sl_summary_compute (&summary, (double *) values->data, values->len, NULL);
  return 1.4826 * summary.mad / summary.median;
}

/* The relative standard deviation of `values`: how far one round's figure strays. */
static double
relative_sd (GArray *values)
{
  SlSummary summary;

  sl_summary_compute (&summary, (double *) values->data, values->len, NULL);
  return summary.stddev / summary.mean;
}

typedef struct {
  GArray *one, *two;          /* every value's time per batch, W = 1 and W = 2 */
  GArray *median_one;         /* each round's median at W = 1 */
  GArray *speedup;            /* each round's S(2), from its two medians */
  double  value_s;            /* what a value lasted at W = 1 (the median of the rounds) */
} Level;

static void
add_round (Level    *level,
           SlResult *result)
{
  SlPoint *one = sl_result_find_point (result, SL_MODEL_THREADS, 1);
  SlPoint *two = sl_result_find_point (result, SL_MODEL_THREADS, 2);

  for (guint i = 0; i < one->repetitions->len; i++)
    g_array_append_val (level->one, g_array_index (one->repetitions, SlRepetition, i).wall_s);
  for (guint i = 0; i < two->repetitions->len; i++)
    g_array_append_val (level->two, g_array_index (two->repetitions, SlRepetition, i).wall_s);
  g_array_append_val (level->median_one, one->wall.median);
  g_array_append_val (level->speedup, two->speedup);
}

int
main (int    argc,
      char **argv)
{
  const guint loops[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500 };
  Level levels[G_N_ELEMENTS (loops)];
  GOptionEntry entries[] = {
    { "n", 0, 0, G_OPTION_ARG_INT64, &opt_n, "Integers per batch (default 2000000)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Repetitions per point and round (default 5)", "R" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &opt_rounds, "Rounds over every length (default 8)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the noise of a value by its length");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSysInfo) system = sl_sysinfo_collect ();

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  printf ("cpu-sum on %s, %u usable CPUs, load %.2f\n\n", system->cpu_model, system->usable_cpus,
          system->load_avg[0]);
  measure_clock ();
  measure_interruptions (5);

  for (guint l = 0; l < G_N_ELEMENTS (loops); l++)
    {
      levels[l].one = g_array_new (FALSE, FALSE, sizeof (double));
      levels[l].two = g_array_new (FALSE, FALSE, sizeof (double));
      levels[l].median_one = g_array_new (FALSE, FALSE, sizeof (double));
      levels[l].speedup = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* Every length in every round, so that the machine's load, which comes and goes over seconds,
   * falls on all of them alike. */
  for (gint r = 0; r < opt_rounds; r++)
    {
      for (guint l = 0; l < G_N_ELEMENTS (loops); l++)
        {
          g_autoptr(SlResult) result = run (loops[l]);

          add_round (&levels[l], result);
        }
      fprintf (stderr, "\rround %d of %d", r + 1, opt_rounds);
    }
  fprintf (stderr, "\r%20s\r", "");

  printf ("Noise by the length of a measured value (threads, cpu-sum n = %" G_GINT64_FORMAT
          " per batch, %d rounds of %d repetitions)\n", opt_n, opt_rounds, opt_repeat);
  printf ("  robust CV: 1.4826 MAD / median of every value; the rounds' spread: the relative\n"
          "  standard deviation of each round's median at W = 1 and of its speedup S(2)\n\n");
  printf ("  %5s  %10s  %10s  %10s  %12s  %12s\n", "loops", "value (ms)", "rCV W=1",
          "rCV W=2", "median W=1", "S(2)");
  for (guint l = 0; l < G_N_ELEMENTS (loops); l++)
    {
      Level *level = &levels[l];
      double value_ms = sl_median_in_place ((double *) level->median_one->data,
                                            level->median_one->len) * loops[l] * 1000;

      printf ("  %5u  %10.1f  %9.1f%%  %9.1f%%  %11.1f%%  %11.1f%%\n", loops[l], value_ms,
              robust_cv (level->one) * 100, robust_cv (level->two) * 100,
              relative_sd (level->median_one) * 100, relative_sd (level->speedup) * 100);
      g_array_unref (level->one);
      g_array_unref (level->two);
      g_array_unref (level->median_one);
      g_array_unref (level->speedup);
    }

  return 0;
}
