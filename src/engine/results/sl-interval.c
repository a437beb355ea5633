/* sl-interval.c: the median's confidence interval by order statistics, a ratio's by bootstrap. */
#define G_LOG_DOMAIN "sl-stats"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-interval.h"
#include "sl-mix.h"
#include "sl-stats.h"

/* Resamples of the bootstrap: 2000 keeps the 2.5 % and 97.5 % percentiles steady to about a
 * percent of the interval's width. Beyond 100 values in all, fewer (the budget of values drawn,
 * never under 200 resamples), so that a live sweep of many repetitions per point is still
 * analysed in milliseconds; the bootstrap distribution of so many is smooth enough for that. */
#define BOOTSTRAP_RESAMPLES 2000
#define BOOTSTRAP_MIN_RESAMPLES 200
#define BOOTSTRAP_BUDGET 200000

/* P(B <= k) for B ~ Binomial (n, 1/2), in logarithms so that no term underflows. */
static double
binomial_half_cdf (guint n,
                   guint k)
{
  double lg_n = lgamma (n + 1.0);
  double sum = 0.0;

  for (guint i = 0; i <= k && i <= n; i++)
    sum += exp (lg_n - lgamma (i + 1.0) - lgamma (n - i + 1.0) - n * G_LN2);

  return MIN (sum, 1.0);
}

double
sl_median_interval (const double *sorted,
                    guint         n,
                    double       *lo,
                    double       *hi)
{
  double coverage;
  guint l = 1;

  g_return_val_if_fail (lo != NULL && hi != NULL, NAN);

  *lo = *hi = NAN;
  if (sorted == NULL || n < 2)
    return NAN;

  /* [x(l), x(n+1-l)] holds the median unless at most l - 1 values lie on one side of it:
   * coverage 1 - 2 P(B <= l - 1). The widest pair, l = 1, is the whole range. */
  coverage = 1.0 - 2.0 * binomial_half_cdf (n, 0);
  while (2 * (l + 1) <= n)
    {
      double next = 1.0 - 2.0 * binomial_half_cdf (n, l);

      if (next < SL_CONFIDENCE)
        break;
      coverage = next;
      l++;
    }

  *lo = sorted[l - 1];
  *hi = sorted[n - l];
  return coverage;
}

/* splitmix64: a tiny generator whose sequence is the same on every machine and GLib. */
static guint64
next_random (guint64 *state)
{
  *state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return sl_mix64 (*state);
}

static guint
random_index (guint64 *state,
              guint    n)
{
  /* The high 32 bits scaled to [0, n): unbiased enough for n in the thousands. */
  return (guint) (((next_random (state) >> 32) * (guint64) n) >> 32);
}

/* The finite values of `values`, in a new array; their count in `n_out`. */
static double *
copy_finite (const double *values,
             guint         n,
             guint        *n_out)
{
  double *out = g_new (double, MAX (n, 1));
  guint m = 0;

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]))
      out[m++] = values[i];

  *n_out = m;
  return out;
}

static double
resampled_median (guint64      *state,
                  const double *values,
                  guint         n,
                  double       *scratch)
{
  for (guint i = 0; i < n; i++)
    scratch[i] = values[random_index (state, n)];

  return sl_percentile_select (scratch, n, 0.5);
}

gboolean
sl_bootstrap_ratio_interval (const double *num,
                             guint         n_num,
                             const double *den,
                             guint         n_den,
                             guint64       seed,
                             double       *lo,
                             double       *hi)
{
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autofree double *scratch = NULL;
  g_autofree double *ratios = NULL;
  guint64 state = sl_mix64 (seed);
  guint m_a, m_b, resamples, n_ratios = 0;

  g_return_val_if_fail (lo != NULL && hi != NULL, FALSE);
  g_return_val_if_fail (num != NULL || n_num == 0, FALSE);
  g_return_val_if_fail (den != NULL || n_den == 0, FALSE);

  *lo = *hi = NAN;
  a = copy_finite (num, n_num, &m_a);
  b = copy_finite (den, n_den, &m_b);
  if (m_a == 0 || m_b == 0)
    return FALSE;

  resamples = CLAMP (BOOTSTRAP_BUDGET / (m_a + m_b), BOOTSTRAP_MIN_RESAMPLES, BOOTSTRAP_RESAMPLES);

  scratch = g_new (double, MAX (m_a, m_b));
  ratios = g_new (double, resamples);
  for (guint r = 0; r < resamples; r++)
    {
      double top = resampled_median (&state, a, m_a, scratch);
      double bottom = resampled_median (&state, b, m_b, scratch);

      if (bottom > 0.0 && isfinite (top / bottom))
        ratios[n_ratios++] = top / bottom;
    }

  /* A resample whose denominator is 0 says nothing about the ratio; most of them doing so
   * leaves no interval worth the name. */
  if (n_ratios < resamples / 2)
    return FALSE;

  qsort (ratios, n_ratios, sizeof (double), sl_compare_doubles);
  *lo = sl_percentile_sorted (ratios, n_ratios, (1.0 - SL_CONFIDENCE) / 2.0);
  *hi = sl_percentile_sorted (ratios, n_ratios, 1.0 - (1.0 - SL_CONFIDENCE) / 2.0);
  return TRUE;
}
