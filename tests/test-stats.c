/* test-stats.c: summary statistics, outliers, percentiles and intervals on known data. */
#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-interval.h"
#include "sl-stats.h"

static void
test_summary_outlier (void)
{
  const double values[] = { 1, 2, 3, 4, 100 };
  gboolean outliers[G_N_ELEMENTS (values)];
  SlSummary s;

  sl_summary_compute (&s, values, G_N_ELEMENTS (values), outliers);

  g_assert_cmpuint (s.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (s.median, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.mean, 22.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.min, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.max, 100.0, 1e-12);
  /* Deviations from the median: 2 1 0 1 97, whose median is 1. */
  g_assert_cmpfloat_with_epsilon (s.mad, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.stddev, sqrt (7610.0 / 4.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (s.cv, sqrt (7610.0 / 4.0) / 22.0, 1e-9);
  g_assert_true (s.unstable);

  g_assert_cmpuint (s.n_outliers, ==, 1);
  g_assert_false (outliers[0]);
  g_assert_false (outliers[1]);
  g_assert_false (outliers[2]);
  g_assert_false (outliers[3]);
  g_assert_true (outliers[4]);
}

static void
test_summary_low_outlier (void)
{
  /* A run far faster than the rest is as suspicious as one far slower. */
  const double values[] = { 10.0, 10.1, 9.9, 10.0, 10.2, 1.0 };
  gboolean outliers[G_N_ELEMENTS (values)];
  SlSummary s;

  sl_summary_compute (&s, values, G_N_ELEMENTS (values), outliers);

  g_assert_cmpuint (s.n_outliers, ==, 1);
  g_assert_true (outliers[5]);
  g_assert_false (outliers[0]);
}

static void
test_summary_even (void)
{
  const double values[] = { 4, 1, 3, 2 };
  SlSummary s;

  sl_summary_compute (&s, values, G_N_ELEMENTS (values), NULL);

  g_assert_cmpuint (s.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (s.median, 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.mean, 2.5, 1e-12);
  /* Deviations 1.5 0.5 0.5 1.5. */
  g_assert_cmpfloat_with_epsilon (s.mad, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.stddev, sqrt (5.0 / 3.0), 1e-12);
  g_assert_cmpuint (s.n_outliers, ==, 0);
}

static void
test_summary_ignores_non_finite (void)
{
  const double values[] = { NAN, 2.0, INFINITY, 4.0, -INFINITY };
  gboolean outliers[G_N_ELEMENTS (values)] = { TRUE, TRUE, TRUE, TRUE, TRUE };
  SlSummary s;

  sl_summary_compute (&s, values, G_N_ELEMENTS (values), outliers);

  g_assert_cmpuint (s.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (s.median, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.min, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.max, 4.0, 1e-12);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_false (outliers[i]);
}

static void
test_summary_empty (void)
{
  const double values[] = { NAN, INFINITY };
  SlSummary s;

  sl_summary_compute (&s, NULL, 0, NULL);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_true (isnan (s.median));
  g_assert_true (isnan (s.mean));
  g_assert_true (isnan (s.stddev));
  g_assert_true (isnan (s.min));
  g_assert_true (isnan (s.max));
  g_assert_true (isnan (s.cv));
  g_assert_true (isnan (s.mad));
  g_assert_cmpuint (s.n_outliers, ==, 0);
  g_assert_false (s.unstable);

  /* Only unusable values is the same as none. */
  sl_summary_compute (&s, values, G_N_ELEMENTS (values), NULL);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_true (isnan (s.median));
  g_assert_false (s.unstable);
}

static void
test_summary_single (void)
{
  const double value = 0.75;
  gboolean outlier = TRUE;
  SlSummary s;

  sl_summary_compute (&s, &value, 1, &outlier);

  g_assert_cmpuint (s.n, ==, 1);
  g_assert_cmpfloat (s.median, ==, 0.75);
  g_assert_cmpfloat (s.mean, ==, 0.75);
  g_assert_cmpfloat (s.stddev, ==, 0.0);
  g_assert_cmpfloat (s.mad, ==, 0.0);
  g_assert_false (s.unstable);
  g_assert_false (outlier);
}

static void
test_summary_mad_zero (void)
{
  /* More than half the values agree exactly: MAD is 0 and nothing is flagged. */
  const double values[] = { 5, 5, 5, 5, 9 };
  gboolean outliers[G_N_ELEMENTS (values)];
  SlSummary s;

  sl_summary_compute (&s, values, G_N_ELEMENTS (values), outliers);

  g_assert_cmpfloat (s.mad, ==, 0.0);
  g_assert_cmpuint (s.n_outliers, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_false (outliers[i]);
}

static void
test_summary_stable (void)
{
  const double values[] = { 1.00, 1.02, 0.98, 1.01, 0.99 };
  SlSummary s;

  sl_summary_compute (&s, values, G_N_ELEMENTS (values), NULL);

  g_assert_cmpfloat (s.cv, <, SL_UNSTABLE_CV);
  g_assert_false (s.unstable);
  g_assert_cmpuint (s.n_outliers, ==, 0);
}

static void
test_summary_precondition (void)
{
  const double values[] = { 1.0 };

  g_test_expect_message ("sl-stats", G_LOG_LEVEL_CRITICAL, "*summary != NULL*");
  sl_summary_compute (NULL, values, 1, NULL);
  g_test_assert_expected_messages ();
}

static void
test_percentile (void)
{
  const double sorted[] = { 1, 2, 3, 4 };
  const double one = 7.0;
  const double ten[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

  g_assert_cmpfloat_with_epsilon (sl_percentile_sorted (sorted, 4, 0.0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_percentile_sorted (sorted, 4, 1.0), 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_percentile_sorted (sorted, 4, 0.5), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_percentile_sorted (sorted, 4, 0.25), 1.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_percentile_sorted (ten, 10, 0.95), 9.55, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_percentile_sorted (ten, 10, 0.99), 9.91, 1e-12);
  g_assert_cmpfloat (sl_percentile_sorted (&one, 1, 0.3), ==, 7.0);
  g_assert_true (isnan (sl_percentile_sorted (sorted, 0, 0.5)));
  /* Out-of-range p is clamped rather than read past the array. */
  g_assert_cmpfloat (sl_percentile_sorted (sorted, 4, 1.5), ==, 4.0);
  g_assert_cmpfloat (sl_percentile_sorted (sorted, 4, -1.0), ==, 1.0);
}

static void
test_compare_doubles (void)
{
  double values[] = { 3.0, NAN, -1.0, 2.5, NAN, 0.0 };

  qsort (values, G_N_ELEMENTS (values), sizeof (double), sl_compare_doubles);

  g_assert_cmpfloat (values[0], ==, -1.0);
  g_assert_cmpfloat (values[1], ==, 0.0);
  g_assert_cmpfloat (values[2], ==, 2.5);
  g_assert_cmpfloat (values[3], ==, 3.0);
  g_assert_true (isnan (values[4]));
  g_assert_true (isnan (values[5]));
}

static void
test_percentile_select (void)
{
  const guint sizes[] = { 1, 2, 3, 10, 101, 1000 };
  const double ps[] = { 0.0, 0.01, 0.5, 0.95, 0.99, 1.0 };
  GRand *rand = g_rand_new_with_seed (42);

  /* Selection must agree exactly with sorting, duplicates included. */
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint p = 0; p < G_N_ELEMENTS (ps); p++)
      {
        guint n = sizes[s];
        g_autofree double *sorted = g_new (double, n);
        g_autofree double *scratch = g_new (double, n);

        for (guint i = 0; i < n; i++)
          sorted[i] = scratch[i] = (double) g_rand_int_range (rand, 0, n / 2 + 2);
        qsort (sorted, n, sizeof (double), sl_compare_doubles);
        g_assert_cmpfloat (sl_percentile_select (scratch, n, ps[p]), ==,
                           sl_percentile_sorted (sorted, n, ps[p]));
      }

  g_assert_true (isnan (sl_percentile_select (NULL, 0, 0.5)));
  g_rand_free (rand);
}

/* The order-statistic interval: the ranks of the binomial tables (n = 10: 2nd and 9th; n = 20:
 * 6th and 15th), the whole range below 6 values with the confidence it has, none below 2. */
static void
test_median_interval (void)
{
  double values[20];
  double lo, hi, level;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = i + 1;

  level = sl_median_interval (values, 10, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 2.0);
  g_assert_cmpfloat (hi, ==, 9.0);
  g_assert_cmpfloat_with_epsilon (level, 1.0 - 2.0 * 11.0 / 1024.0, 1e-12);

  level = sl_median_interval (values, 20, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 6.0);
  g_assert_cmpfloat (hi, ==, 15.0);
  g_assert_cmpfloat (level, >=, SL_CONFIDENCE);
  g_assert_cmpfloat (level, <, 0.96);

  level = sl_median_interval (values, 6, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1.0);
  g_assert_cmpfloat (hi, ==, 6.0);
  g_assert_cmpfloat_with_epsilon (level, 1.0 - 1.0 / 32.0, 1e-12);

  level = sl_median_interval (values, 5, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 1.0);
  g_assert_cmpfloat (hi, ==, 5.0);
  g_assert_cmpfloat_with_epsilon (level, 0.9375, 1e-12);

  level = sl_median_interval (values, 2, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (level, 0.5, 1e-12);

  level = sl_median_interval (values, 1, &lo, &hi);
  g_assert_true (isnan (level) && isnan (lo) && isnan (hi));

  /* A summary carries the interval of its median. */
  {
    const double times[] = { 1.3, 1.0, 1.2, 1.1, 1.4, 1.5, 1.6, 1.9, 1.7, 1.8 };
    SlSummary s;

    sl_summary_compute (&s, times, G_N_ELEMENTS (times), NULL);
    g_assert_cmpfloat_with_epsilon (s.median_lo, 1.1, 1e-12);
    g_assert_cmpfloat_with_epsilon (s.median_hi, 1.8, 1e-12);
    g_assert_cmpfloat (s.median_level, >=, SL_CONFIDENCE);
  }
}

/* Log-normal noise of about 10 %, from a generator of its own. */
static double
noisy (GRand  *rand,
       double  value)
{
  double u1 = g_rand_double_range (rand, 1e-12, 1.0), u2 = g_rand_double (rand);

  return value * exp (0.1 * sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2));
}

/* Over many simulated experiments the intervals hold the true value about as often as they
 * say: the median's at least 95 % of the time by construction, the bootstrap's near it. */
static void
test_interval_coverage (void)
{
  const guint trials = 400, n = 10;
  GRand *rand = g_rand_new_with_seed (7);
  guint median_hits = 0, ratio_hits = 0;

  for (guint t = 0; t < trials; t++)
    {
      double one[10], two[10], lo, hi;

      for (guint i = 0; i < n; i++)
        {
          one[i] = noisy (rand, 1.0);
          two[i] = noisy (rand, 0.5);
        }

      g_assert_true (sl_bootstrap_ratio_interval (one, n, two, n, t, &lo, &hi));
      ratio_hits += lo <= 2.0 && 2.0 <= hi;

      qsort (one, n, sizeof (double), sl_compare_doubles);
      sl_median_interval (one, n, &lo, &hi);
      median_hits += lo <= 1.0 && 1.0 <= hi;
    }

  g_test_message ("coverage: median %u/%u, ratio %u/%u", median_hits, trials, ratio_hits, trials);
  g_assert_cmpuint (median_hits, >=, trials * 93 / 100);
  g_assert_cmpuint (ratio_hits, >=, trials * 85 / 100);
  g_rand_free (rand);
}

static void
test_bootstrap_ratio (void)
{
  const double one[] = { 1.00, 1.04, 0.97, 1.10, 1.01 };
  const double two[] = { 0.52, 0.50, 0.55, 0.49, NAN, 0.51 };
  const double zeros[] = { 0.0, 0.0, 0.0 };
  double lo, hi, again_lo, again_hi;

  /* The same seed, the same interval: results are reproducible. */
  g_assert_true (sl_bootstrap_ratio_interval (one, 5, two, 6, 42, &lo, &hi));
  g_assert_true (sl_bootstrap_ratio_interval (one, 5, two, 6, 42, &again_lo, &again_hi));
  g_assert_cmpfloat (lo, ==, again_lo);
  g_assert_cmpfloat (hi, ==, again_hi);
  g_test_message ("1.01 / 0.51: %.3f–%.3f", lo, hi);
  /* Between the extreme ratios of the medians that resampling can give, around 1.01 / 0.51. */
  g_assert_cmpfloat (lo, <=, 1.01 / 0.51);
  g_assert_cmpfloat (hi, >=, 1.01 / 0.51);
  g_assert_cmpfloat (lo, >=, 0.97 / 0.55);
  g_assert_cmpfloat (hi, <=, 1.10 / 0.49);

  /* One value on each side: no spread, the ratio itself. */
  g_assert_true (sl_bootstrap_ratio_interval (one, 1, two, 1, 1, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 1.00 / 0.52);
  g_assert_cmpfloat (hi, ==, lo);

  g_assert_false (sl_bootstrap_ratio_interval (one, 5, two, 0, 1, &lo, &hi));
  g_assert_true (isnan (lo) && isnan (hi));
  g_assert_false (sl_bootstrap_ratio_interval (one, 5, zeros, 3, 1, &lo, &hi));
  g_assert_true (isnan (lo) && isnan (hi));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/summary/outlier", test_summary_outlier);
  g_test_add_func ("/stats/summary/low-outlier", test_summary_low_outlier);
  g_test_add_func ("/stats/summary/even", test_summary_even);
  g_test_add_func ("/stats/summary/non-finite", test_summary_ignores_non_finite);
  g_test_add_func ("/stats/summary/empty", test_summary_empty);
  g_test_add_func ("/stats/summary/single", test_summary_single);
  g_test_add_func ("/stats/summary/mad-zero", test_summary_mad_zero);
  g_test_add_func ("/stats/summary/stable", test_summary_stable);
  g_test_add_func ("/stats/summary/precondition", test_summary_precondition);
  g_test_add_func ("/stats/percentile", test_percentile);
  g_test_add_func ("/stats/compare-doubles", test_compare_doubles);

  g_test_add_func ("/stats/percentile-select", test_percentile_select);
  g_test_add_func ("/stats/interval/median", test_median_interval);
  g_test_add_func ("/stats/interval/bootstrap-ratio", test_bootstrap_ratio);
  g_test_add_func ("/stats/interval/coverage", test_interval_coverage);

  return g_test_run ();
}
