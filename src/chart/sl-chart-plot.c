/* sl-chart-plot.c: what a chart draws inside its plot area: the series with their error bars,
 * the ideal line and the fitted curves, failed points, the latency histogram and the ring
 * around a highlighted point. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <math.h>

#include "sl-chart-private.h"
#include "sl-fit.h"

static void
clip_to_plot (cairo_t             *cr,
              const SlChartLayout *layout,
              double               extra)
{
  cairo_rectangle (cr, layout->plot_x - extra, layout->plot_y - extra,
                   layout->plot_w + 2.0 * extra, layout->plot_h + 2.0 * extra);
  cairo_clip (cr);
}

/* A value as a pixel row, kept from turning into huge coordinates far off the plot: the clip
 * hides it anyway. */
static double
map_y (const SlChartLayout *layout,
       double               y)
{
  return CLAMP (sl_chart_axis_map (&layout->y_axis, y), -1e5, 1e5);
}

typedef double (*CurveFunc) (const SlChartLayout *layout, const SlChartCurve *curve, double x);

static double
ideal_value (const SlChartLayout *layout,
             const SlChartCurve  *curve,
             double               x)
{
  switch (layout->ideal)
    {
    case SL_IDEAL_DIAGONAL:
      return x;
    case SL_IDEAL_FLAT_100:
      return 100.0;
    case SL_IDEAL_CORES:
      return layout->usable_cpus > 0 ? MIN (x, (double) layout->usable_cpus) : x;
    case SL_IDEAL_NONE:
    default:
      return NAN;
    }
}

static double
fit_value (const SlChartLayout *layout,
           const SlChartCurve  *curve,
           double               x)
{
  if (curve->kind == SL_CURVE_AMDAHL)
    return sl_amdahl_speedup (curve->cpus > 0 ? MIN (x, (double) curve->cpus) : x,
                              curve->serial_fraction);
  return sl_usl_speedup (x, curve->sigma, curve->kappa);
}

/* Samples a function of the worker count every couple of pixels, so that it is smooth on a
 * log2 axis too; non-finite values break the line. */
static void
curve_path (cairo_t             *cr,
            const SlChartLayout *layout,
            CurveFunc            func,
            const SlChartCurve  *curve)
{
  double p0 = layout->x_axis.pixel_min, p1 = layout->x_axis.pixel_max;
  /* Fine enough for a smooth curve; every segment more costs time in the dashing. */
  double step = 4.0;
  gboolean pen_down = FALSE;

  for (double p = p0; p <= p1 + step; p += step)
    {
      double px = MIN (p, p1);
      double x = sl_chart_axis_unmap (&layout->x_axis, px);
      double y = func (layout, curve, x);

      if (!isfinite (y))
        {
          pen_down = FALSE;
          continue;
        }
      y = map_y (layout, y);
      if (pen_down)
        cairo_line_to (cr, px, y);
      else
        cairo_move_to (cr, px, y);
      pen_down = TRUE;
      if (px >= p1)
        break;
    }
}

void
sl_chart_draw_ideal (cairo_t             *cr,
                     const SlChartLayout *layout)
{
  double width = sl_chart_line_width (layout, 1.5);

  if (layout->ideal == SL_IDEAL_NONE || layout->message != NULL)
    return;

  cairo_save (cr);
  clip_to_plot (cr, layout, 0.0);
  sl_chart_set_role (cr, layout, SL_CHART_ROLE_IDEAL);
  sl_chart_set_line_style (cr, SL_LINE_SOLID, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (layout->ideal == SL_IDEAL_FLAT_100)
    {
      sl_chart_hline (cr, layout->plot_x, layout->plot_x + layout->plot_w,
                      sl_chart_axis_map (&layout->y_axis, 100.0), width);
    }
  else
    {
      curve_path (cr, layout, ideal_value, NULL);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
sl_chart_draw_curves (cairo_t             *cr,
                      const SlChartLayout *layout)
{
  if (layout->curves->len == 0)
    return;

  cairo_save (cr);
  clip_to_plot (cr, layout, 0.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < layout->curves->len; i++)
    {
      const SlChartCurve *curve = &g_array_index (layout->curves, SlChartCurve, i);

      sl_chart_set_color (cr, sl_chart_layout_series_color (layout, curve->color_index), 0.85);
      sl_chart_set_line_style (cr, curve->kind == SL_CURVE_AMDAHL ? SL_LINE_DASHED : SL_LINE_DOTTED,
                               sl_chart_line_width (layout, 1.75));
      curve_path (cr, layout, fit_value, curve);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The error bars of the finished points, or of the provisional ones. */
static void
error_bars_path (cairo_t             *cr,
                 const SlChartLayout *layout,
                 const SlChartSeries *series,
                 double               cap,
                 gboolean             provisional)
{
  for (guint i = 0; i < series->samples->len; i++)
    {
      const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);
      double x, y0, y1;

      if (!s->drawn || !isfinite (s->lo) || !isfinite (s->hi) || s->provisional != provisional)
        continue;
      x = sl_chart_sample_x (layout, s);
      y0 = sl_chart_axis_map (&layout->y_axis, s->lo);
      y1 = sl_chart_axis_map (&layout->y_axis, s->hi);
      if (fabs (y0 - y1) < 1.0)
        continue;
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
      if (cap > 0.0)
        {
          cairo_move_to (cr, x - cap, y0);
          cairo_line_to (cr, x + cap, y0);
          cairo_move_to (cr, x - cap, y1);
          cairo_line_to (cr, x + cap, y1);
        }
    }
}

/* The line through a series. Finished points are joined by the series' line; a segment that
 * ends at a provisional point (still running, or cut short by a cancel) is drawn apart
 * (`provisional`) and faint, so the line firms up as points finish. Either way it breaks wherever
 * a point is missing, so a gap is never bridged as if measured. */
static void
series_path (cairo_t             *cr,
             const SlChartLayout *layout,
             const SlChartSeries *series,
             gboolean             provisional)
{
  const SlChartSample *prev = NULL;
  double prev_x = 0.0, prev_y = 0.0;
  gboolean pen_down = FALSE;

  for (guint i = 0; i < series->samples->len; i++)
    {
      const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);
      double x, y;

      if (!s->drawn)
        {
          prev = NULL;
          pen_down = FALSE;
          continue;
        }
      x = sl_chart_sample_x (layout, s);
      y = map_y (layout, s->y);

      if (provisional)
        {
          if (prev != NULL && (prev->provisional || s->provisional))
            {
              cairo_move_to (cr, prev_x, prev_y);
              cairo_line_to (cr, x, y);
            }
        }
      else if (s->provisional)
        {
          pen_down = FALSE;
        }
      else
        {
          if (pen_down)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          pen_down = TRUE;
        }

      prev = s;
      prev_x = x;
      prev_y = y;
    }
}

/* Too dense for markers: a lone point between gaps would vanish without a dot. */
static void
draw_lone_dots (cairo_t             *cr,
                const SlChartLayout *layout,
                const SlChartSeries *series)
{
  const SlChartSample *samples = (const SlChartSample *) (void *) series->samples->data;
  guint n = series->samples->len;

  for (guint i = 0; i < n; i++)
    {
      const SlChartSample *s = &samples[i];
      gboolean alone = s->drawn && (i == 0 || !samples[i - 1].drawn) &&
                       (i + 1 == n || !samples[i + 1].drawn);

      if (!alone)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, sl_chart_sample_x (layout, s), map_y (layout, s->y), 2.0, 0.0,
                 2.0 * G_PI);
      cairo_fill (cr);
    }
}

void
sl_chart_draw_series (cairo_t             *cr,
                      const SlChartLayout *layout,
                      const SlChartSeries *series)
{
  SlChartColor color = sl_chart_layout_series_color (layout, series->color_index);
  SlMarker marker = sl_chart_layout_series_marker (layout, series->color_index);
  double alpha = series->reference ? 0.55 : 1.0;
  double r = layout->marker_radius * (series->reference ? 0.85 : 1.0);
  double line = sl_chart_line_width (layout, series->reference ? 1.25 : 2.0);

  cairo_save (cr);
  /* Room for markers that sit on the edges (a zero, the largest value). */
  clip_to_plot (cr, layout, layout->marker_radius + 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Error bars; where even markers do not fit they would only be noise. */
  if (!series->reference && layout->marker_radius > 0.0)
    {
      double cap = layout->error_caps ? MAX (r, 3.0) : 0.0;

      sl_chart_set_color (cr, color, 0.6);
      sl_chart_set_line_style (cr, SL_LINE_SOLID, sl_chart_line_width (layout, 1.25));
      error_bars_path (cr, layout, series, cap, FALSE);
      cairo_stroke (cr);
      sl_chart_set_line_style (cr, SL_LINE_DASHED, sl_chart_line_width (layout, 1.25));
      error_bars_path (cr, layout, series, cap, TRUE);
      cairo_stroke (cr);
    }

  /* Faint rather than dashed: the fits are the dashed lines. */
  sl_chart_set_line_style (cr, SL_LINE_SOLID, line);
  sl_chart_set_color (cr, color, 0.4 * alpha);
  series_path (cr, layout, series, TRUE);
  cairo_stroke (cr);
  sl_chart_set_color (cr, color, alpha);
  series_path (cr, layout, series, FALSE);
  cairo_stroke (cr);

  if (r > 0.0)
    {
      for (guint i = 0; i < series->samples->len; i++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);

          if (!s->drawn)
            continue;
          sl_chart_draw_marker (cr, layout, marker, sl_chart_sample_x (layout, s),
                                map_y (layout, s->y), r, color, alpha,
                                series->reference || s->provisional);
        }
    }
  else
    {
      draw_lone_dots (cr, layout, series);
    }

  cairo_restore (cr);
}

/* Failed points sit on the x axis as a cross in their series' colour, stacked per series. */
void
sl_chart_draw_failed (cairo_t             *cr,
                      const SlChartLayout *layout)
{
  double u = layout->font_size;
  double r = CLAMP (layout->marker_radius, 2.5, 0.3 * u);
  double bottom = layout->plot_y + layout->plot_h;
  guint row = 0;

  for (guint i = 0; i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);
      gboolean any = FALSE;

      if (series->reference)
        continue;

      for (guint j = 0; j < series->samples->len; j++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);

          if (!s->failed)
            continue;
          sl_chart_draw_failed_mark (cr, layout, sl_chart_sample_x (layout, s),
                                     bottom - r - 3.0 - row * (2.0 * r + 3.0), r,
                                     sl_chart_layout_series_color (layout, series->color_index));
          any = TRUE;
        }
      if (any)
        row++;
    }
}

void
sl_chart_draw_histogram (cairo_t             *cr,
                         const SlChartLayout *layout)
{
  double u = layout->font_size;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;
  SlChartColor color = sl_chart_layout_series_color (layout, layout->bin_color);
  static const char *names[] = { "p50", "p95", "p99" };
  static const SlLineStyle styles[] = { SL_LINE_SOLID, SL_LINE_DASHED, SL_LINE_DOTTED };
  double last_label_right = -INFINITY;

  if (layout->bins == NULL)
    return;

  sl_chart_set_color (cr, color, 0.8);
  for (guint i = 0; i < layout->bins->len; i++)
    {
      double count = g_array_index (layout->bins, double, i);
      double x0 = sl_chart_axis_map (&layout->x_axis, layout->bin_start + i * layout->bin_width);
      double x1 = sl_chart_axis_map (&layout->x_axis,
                                     layout->bin_start + (i + 1) * layout->bin_width);
      double y = sl_chart_axis_map (&layout->y_axis, count);
      double gap = x1 - x0 > 4.0 ? 1.0 : 0.0;

      if (count <= 0.0)
        continue;
      cairo_rectangle (cr, x0 + gap / 2.0, y, MAX (x1 - x0 - gap, 0.5), bottom - y);
    }
  cairo_fill (cr);

  for (guint i = 0; i < G_N_ELEMENTS (layout->percentiles); i++)
    {
      double p = layout->percentiles[i];
      double x, w;

      if (!isfinite (p))
        continue;
      x = sl_chart_axis_map (&layout->x_axis, p);
      sl_chart_set_role (cr, layout, SL_CHART_ROLE_TEXT);
      sl_chart_set_line_style (cr, styles[i], sl_chart_line_width (layout, 1.5));
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);

      w = sl_chart_text_width (layout, names[i], 0.85);
      if (x - w / 2.0 < last_label_right + 0.3 * u)
        continue;
      sl_chart_show_text (cr, layout, names[i], 0.85, FALSE, x, top - 0.3 * u, 0.5, 1.0);
      last_label_right = x + w / 2.0;
    }
}

/* A ring in the accent colour around the point under the pointer, on a halo of background so
 * that it stands out from the lines it crosses. */
void
sl_chart_draw_highlight (cairo_t             *cr,
                         const SlChartLayout *layout)
{
  const SlChartSample *s = sl_chart_layout_find_sample (layout, layout->highlight);
  double width = sl_chart_line_width (layout, 2.0);
  double r, x, y;

  if (s == NULL)
    return;

  /* Just outside the marker and its own ring of background (sl_chart_draw_marker). */
  r = MAX (layout->marker_radius * 1.25, 2.5) + 1.25 + width;
  x = sl_chart_sample_x (layout, s);
  y = map_y (layout, s->y);

  cairo_save (cr);
  clip_to_plot (cr, layout, r + 2.0 * width);
  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0.0, 2.0 * G_PI);
  sl_chart_set_role (cr, layout, SL_CHART_ROLE_BACKGROUND);
  cairo_set_line_width (cr, width + 2.0);
  cairo_stroke_preserve (cr);
  sl_chart_set_color (cr, layout->theme.accent, 1.0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  cairo_restore (cr);
}
