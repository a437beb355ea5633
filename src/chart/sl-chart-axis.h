/* sl-chart-axis.h: "nice" tick values and the mapping from data values to pixels. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double   min;            /* data domain */
  double   max;
  gboolean log2;           /* map log2 (value) instead of value; the domain must be positive */
  double   pixel_min;      /* pixel of `min` */
  double   pixel_max;      /* pixel of `max`; smaller than pixel_min for a y axis */
} SlChartAxis;

/* A degenerate domain (min >= max, non-finite, non-positive on a log axis) is widened so that
 * mapping always returns finite pixels. */
void     sl_chart_axis_init (SlChartAxis *axis,
                             double       min,
                             double       max,
                             gboolean     log2);
void     sl_chart_axis_set_pixels (SlChartAxis *axis,
                                   double       pixel_min,
                                   double       pixel_max);
double   sl_chart_axis_map (const SlChartAxis *axis,
                            double             value);
double   sl_chart_axis_unmap (const SlChartAxis *axis,
                              double             pixel);

/* Ticks at 1, 2 or 5 × 10^k steps, at most about `max_ticks` of them, covering [min, max]. The
 * rounded-out range and the step come back through the nullable out arguments. */
GArray  *sl_chart_nice_ticks (double  min,
                              double  max,
                              guint   max_ticks,
                              double *nice_min,
                              double *nice_max,
                              double *step);
/* Powers of two within [min, max]; every second (fourth, …) one when there would be more than
 * `max_ticks`. */
GArray  *sl_chart_log2_ticks (double min,
                              double max,
                              guint  max_ticks);
gboolean sl_chart_is_power_of_two (double value);
/* Decimals that tell ticks `step` apart: 0 for 1, 2, 5, …; 1 for 0.5; 2 for 0.05. */
guint    sl_chart_step_decimals (double step);
/* A tick's label with `decimals` decimals, in the locale's numbers ("0,5" in German): a chart is
 * read by a person and never parsed back. Written into `buffer`, which it returns. */
const char *sl_chart_format_tick (char   *buffer,
                                  gsize   size,
                                  double  value,
                                  guint   decimals);

G_END_DECLS
