/* sl-precision.c: the precision of a point's median, and whether a point repeats for it. See
 * sl-precision.h. */
#define G_LOG_DOMAIN "sl-precision"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-interval.h"
#include "sl-precision.h"
#include "sl-stats.h"

double
sl_precision_of_point (const SlPoint *point)
{
  g_autofree double *times = NULL;
  double lo, hi, median;
  guint n = 0;

  g_return_val_if_fail (point != NULL, NAN);

  times = g_new (double, MAX (point->repetitions->len, 1));
  for (guint i = 0; i < point->repetitions->len; i++)
    {
      double t = g_array_index (point->repetitions, SlRepetition, i).wall_s;

      if (isfinite (t))
        times[n++] = t;
    }
  qsort (times, n, sizeof (double), sl_compare_doubles);
  /* Below 6 values the interval is the whole range, short of the confidence: no precision. */
  if (n < SL_PRECISION_MIN_VALUES || !(sl_median_interval (times, n, &lo, &hi) >= SL_CONFIDENCE))
    return NAN;

  median = sl_percentile_sorted (times, n, 0.5);
  return median > 0 ? (hi - lo) / median * 100 : NAN;
}

SlPrecisionNeed
sl_precision_point_need (const SlExperimentSpec *spec,
                         const SlPoint          *point,
                         double                  spent_s)
{
  double precision;

  g_return_val_if_fail (spec != NULL && point != NULL, SL_PRECISION_ENOUGH);

  if (point->repetitions->len < spec->repeat)
    return SL_PRECISION_MORE;
  if (spec->until_precise_pct <= 0)
    return SL_PRECISION_ENOUGH;

  /* Precise on the last repetition is precise, whatever that one cost. */
  precision = sl_precision_of_point (point);
  if (isfinite (precision) && precision <= spec->until_precise_pct)
    return SL_PRECISION_ENOUGH;
  if (spent_s >= spec->budget_s || point->repetitions->len >= SL_MAX_REPEAT)
    return SL_PRECISION_BUDGET_SPENT;

  return SL_PRECISION_MORE;
}
