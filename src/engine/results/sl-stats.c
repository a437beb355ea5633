/* sl-stats.c: robust summary statistics of repeated measurements (median and its interval, MAD,
 * outliers). */
#define G_LOG_DOMAIN "sl-stats"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-interval.h"
#include "sl-stats.h"

/* Scales a deviation in MADs to the standard-normal Z it would have (Iglewicz and Hoaglin). */
#define MODIFIED_Z_FACTOR 0.6745

int
sl_compare_doubles (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  /* NaN sorts last so that a sorted array keeps its finite values at the front. */
  if (isnan (x) || isnan (y))
    return (int) isnan (x) - (int) isnan (y);

  return (x > y) - (x < y);
}

/* Where percentile `p` falls among `n` ordered values: `frac` of the way from rank `lo` to the
 * next. FALSE when there is nothing to rank. */
static gboolean
percentile_rank (guint   n,
                 double  p,
                 guint  *lo,
                 double *frac)
{
  double pos;

  if (n == 0 || isnan (p))
    return FALSE;

  pos = CLAMP (p, 0.0, 1.0) * (double) (n - 1);
  *lo = (guint) floor (pos);
  *frac = pos - (double) *lo;
  return TRUE;
}

double
sl_percentile_sorted (const double *sorted,
                      guint         n,
                      double        p)
{
  double frac;
  guint lo;

  if (sorted == NULL || !percentile_rank (n, p, &lo, &frac))
    return NAN;

  if (lo >= n - 1)
    return sorted[n - 1];

  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

/* Moves the k-th smallest value to values[k], smaller ones before it and larger ones after
 * (Hoare's selection with a median-of-three pivot). */
static void
select_kth (double *values,
            guint   n,
            guint   k)
{
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      double a = values[lo], b = values[mid], c = values[hi];
      double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              double tmp = values[i];

              values[i] = values[j];
              values[j] = tmp;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

double
sl_percentile_select (double *values,
                      guint   n,
                      double  p)
{
  double frac, next;
  guint lo;

  if (values == NULL || !percentile_rank (n, p, &lo, &frac))
    return NAN;

  select_kth (values, n, lo);
  if (lo >= n - 1 || frac == 0.0)
    return values[lo];

  /* The next rank is the smallest value after the selected one. */
  next = values[lo + 1];
  for (guint i = lo + 2; i < n; i++)
    next = MIN (next, values[i]);

  return values[lo] + frac * (next - values[lo]);
}

double
sl_median_in_place (double *values,
                    guint   n)
{
  if (n == 0)
    return NAN;

  qsort (values, n, sizeof (double), sl_compare_doubles);
  return sl_percentile_sorted (values, n, 0.5);
}

void
sl_summary_compute (SlSummary    *summary,
                    const double *values,
                    guint         n,
                    gboolean     *outliers)
{
  g_autofree double *sorted = NULL;
  g_autofree double *deviations = NULL;
  double sum = 0.0;
  guint m = 0;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (n == 0 || values != NULL);

  *summary = (SlSummary) {
    .median = NAN, .mean = NAN, .stddev = NAN, .min = NAN, .max = NAN, .cv = NAN, .mad = NAN,
    .median_lo = NAN, .median_hi = NAN, .median_level = NAN,
  };

  if (outliers != NULL)
    {
      for (guint i = 0; i < n; i++)
        outliers[i] = FALSE;
    }

  sorted = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (isfinite (values[i]))
        {
          sorted[m++] = values[i];
          sum += values[i];
        }
    }

  if (m == 0)
    return;

  qsort (sorted, m, sizeof (double), sl_compare_doubles);

  summary->n = m;
  summary->mean = sum / m;
  summary->median = sl_percentile_sorted (sorted, m, 0.5);
  summary->min = sorted[0];
  summary->max = sorted[m - 1];
  summary->median_level = sl_median_interval (sorted, m, &summary->median_lo, &summary->median_hi);

  if (m >= 2)
    {
      double squares = 0.0;

      for (guint i = 0; i < m; i++)
        squares += (sorted[i] - summary->mean) * (sorted[i] - summary->mean);
      summary->stddev = sqrt (squares / (m - 1));
    }
  else
    {
      /* One measurement shows no spread; 0 keeps error bars and propagated errors finite. */
      summary->stddev = 0.0;
    }

  summary->cv = summary->mean != 0.0 ? summary->stddev / fabs (summary->mean) : NAN;
  summary->unstable = m >= 2 && summary->cv > SL_UNSTABLE_CV;

  deviations = g_new (double, m);
  for (guint i = 0; i < m; i++)
    deviations[i] = fabs (sorted[i] - summary->median);
  qsort (deviations, m, sizeof (double), sl_compare_doubles);
  summary->mad = sl_percentile_sorted (deviations, m, 0.5);

  /* With MAD == 0 more than half the values are identical: a Z-score would call every other
   * value infinitely far off, so nothing is flagged. */
  if (summary->mad > 0.0)
    {
      for (guint i = 0; i < n; i++)
        {
          double z;

          if (!isfinite (values[i]))
            continue;

          z = MODIFIED_Z_FACTOR * fabs (values[i] - summary->median) / summary->mad;
          if (z > SL_OUTLIER_Z)
            {
              summary->n_outliers++;
              if (outliers != NULL)
                outliers[i] = TRUE;
            }
        }
    }
}
