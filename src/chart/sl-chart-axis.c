/* sl-chart-axis.c: "nice" tick values and the mapping from data values to pixels. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <math.h>

#include "sl-chart-axis.h"

/* Past this many ticks a label row is unreadable anyway; it also bounds the loops below when a
 * caller passes absurd ranges. */
#define MAX_TICKS 64

static double
axis_transform (const SlChartAxis *axis,
                double             value)
{
  return axis->log2 ? log2 (value) : value;
}

/* A range that can be drawn: [0, 1] when an end is not finite, ends in ascending order. */
static void
order_range (double *min,
             double *max)
{
  if (!isfinite (*min) || !isfinite (*max))
    {
      *min = 0.0;
      *max = 1.0;
    }
  if (*min > *max)
    {
      double tmp = *min;

      *min = *max;
      *max = tmp;
    }
}

void
sl_chart_axis_init (SlChartAxis *axis,
                    double       min,
                    double       max,
                    gboolean     log2)
{
  g_return_if_fail (axis != NULL);

  if (log2 && (!isfinite (min) || !isfinite (max) || min <= 0.0 || max <= 0.0))
    log2 = FALSE;

  order_range (&min, &max);
  if (min == max)
    {
      if (log2)
        {
          min /= 2.0;
          max *= 2.0;
        }
      else
        {
          double half = fabs (min) > 0.0 ? fabs (min) * 0.5 : 0.5;

          min -= half;
          max += half;
        }
    }

  axis->min = min;
  axis->max = max;
  axis->log2 = log2;
  axis->pixel_min = 0.0;
  axis->pixel_max = 1.0;
}

void
sl_chart_axis_set_pixels (SlChartAxis *axis,
                          double       pixel_min,
                          double       pixel_max)
{
  g_return_if_fail (axis != NULL);

  axis->pixel_min = pixel_min;
  axis->pixel_max = pixel_max;
}

double
sl_chart_axis_map (const SlChartAxis *axis,
                   double             value)
{
  double lo, hi, t;

  g_return_val_if_fail (axis != NULL, 0.0);

  if (axis->log2 && value <= 0.0)
    return axis->pixel_min;

  lo = axis_transform (axis, axis->min);
  hi = axis_transform (axis, axis->max);
  t = (axis_transform (axis, value) - lo) / (hi - lo);

  return axis->pixel_min + t * (axis->pixel_max - axis->pixel_min);
}

double
sl_chart_axis_unmap (const SlChartAxis *axis,
                     double             pixel)
{
  double lo, hi, t, v;

  g_return_val_if_fail (axis != NULL, 0.0);

  if (axis->pixel_max == axis->pixel_min)
    return axis->min;

  lo = axis_transform (axis, axis->min);
  hi = axis_transform (axis, axis->max);
  t = (pixel - axis->pixel_min) / (axis->pixel_max - axis->pixel_min);
  v = lo + t * (hi - lo);

  return axis->log2 ? exp2 (v) : v;
}

/* Heckbert's "nice numbers": the 1, 2, 5 or 10 × 10^k closest to `value`. */
static double
nice_number (double   value,
             gboolean round_it)
{
  double exponent = floor (log10 (value));
  double fraction = value / pow (10.0, exponent);
  double nice;

  if (round_it)
    nice = fraction < 1.5 ? 1.0 : fraction < 3.0 ? 2.0 : fraction < 7.0 ? 5.0 : 10.0;
  else
    nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;

  return nice * pow (10.0, exponent);
}

GArray *
sl_chart_nice_ticks (double  min,
                     double  max,
                     guint   max_ticks,
                     double *nice_min,
                     double *nice_max,
                     double *step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));
  double range, d, lo, hi;
  guint n;

  order_range (&min, &max);
  if (max - min < fabs (max) * 1e-12 || max == min)
    {
      double pad = fabs (max) > 0.0 ? fabs (max) * 0.1 : 1.0;

      min -= min >= 0.0 && min - pad < 0.0 ? min : pad;
      max += pad;
    }

  max_ticks = CLAMP (max_ticks, 2, MAX_TICKS);
  range = nice_number (max - min, FALSE);
  d = nice_number (range / (max_ticks - 1), TRUE);
  lo = floor (min / d) * d;
  hi = ceil (max / d) * d;

  /* Rounding can leave one step too many; a larger step keeps the promise of max_ticks. */
  while ((hi - lo) / d + 1.0 > max_ticks + 1.0)
    {
      d = nice_number (d * 1.5, FALSE);
      lo = floor (min / d) * d;
      hi = ceil (max / d) * d;
    }

  n = (guint) llround ((hi - lo) / d);
  for (guint i = 0; i <= n && i <= MAX_TICKS; i++)
    {
      double v = lo + i * d;

      /* Avoid "-0" and 0.30000000000000004 in labels. */
      if (fabs (v) < d * 1e-9)
        v = 0.0;
      g_array_append_val (ticks, v);
    }

  if (nice_min != NULL)
    *nice_min = lo;
  if (nice_max != NULL)
    *nice_max = hi;
  if (step != NULL)
    *step = d;

  return ticks;
}

gboolean
sl_chart_is_power_of_two (double value)
{
  double l;

  if (!isfinite (value) || value < 1.0)
    return FALSE;

  l = log2 (value);
  return l == floor (l);
}

GArray *
sl_chart_log2_ticks (double min,
                     double max,
                     guint  max_ticks)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (double));
  int first, last, every = 1;

  if (!isfinite (min) || !isfinite (max) || min <= 0.0 || max <= 0.0 || min > max)
    return ticks;

  max_ticks = CLAMP (max_ticks, 2, MAX_TICKS);
  first = (int) ceil (log2 (min) - 1e-9);
  last = (int) floor (log2 (max) + 1e-9);
  while ((last - first) / every + 1 > (int) max_ticks)
    every *= 2;

  for (int e = first; e <= last; e += every)
    {
      double v = exp2 (e);

      g_array_append_val (ticks, v);
    }

  return ticks;
}

guint
sl_chart_step_decimals (double step)
{
  double d;

  if (!isfinite (step) || step <= 0.0 || step >= 1.0)
    return 0;

  d = ceil (-log10 (step) - 1e-9);
  /* 0.25 and 0.025 need one more decimal than their power of ten says. */
  if (fabs (step * pow (10.0, d) - round (step * pow (10.0, d))) > 1e-6)
    d += 1.0;

  return (guint) MIN (d, 9.0);
}

const char *
sl_chart_format_tick (char   *buffer,
                      gsize   size,
                      double  value,
                      guint   decimals)
{
  g_return_val_if_fail (buffer != NULL && size > 0, NULL);

  /* printf's %f, unlike g_ascii_formatd(), writes LC_NUMERIC's decimal point. */
  g_snprintf (buffer, size, "%.*f", (int) decimals, value);
  return buffer;
}
