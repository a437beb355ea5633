/* sl-chart.c: draws a computed chart layout with cairo and pango, on any surface. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <math.h>

#include "sl-chart-private.h"
#include "sl-fit.h"

static void
draw_titles (cairo_t       *cr,
             SlChartLayout *layout)
{
  double max_width = layout->width - 2.0 * layout->margin;

  sl_chart_set_role (cr, layout, SL_CHART_ROLE_TEXT);
  sl_chart_show_text_ellipsized (cr, layout, layout->title, 1.3, TRUE, layout->margin,
                                 layout->title_y, max_width);

  if (layout->subtitle != NULL)
    {
      sl_chart_set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
      sl_chart_show_text_ellipsized (cr, layout, layout->subtitle, 0.9, FALSE, layout->margin,
                                     layout->subtitle_y, max_width);
    }
}

static void
draw_axes (cairo_t       *cr,
           SlChartLayout *layout)
{
  double u = layout->font_size;
  double left = layout->plot_x, right = layout->plot_x + layout->plot_w;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;
  double last_label_right = -INFINITY;
  double baseline, tick_h;
  char label[64];

  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Horizontal grid and y labels */
  for (guint i = 0; i < layout->y_ticks->len; i++)
    {
      double v = g_array_index (layout->y_ticks, double, i);
      double y = sl_chart_axis_map (&layout->y_axis, v);

      if (v != 0.0 || layout->y_axis.min != 0.0)
        {
          sl_chart_set_role (cr, layout, SL_CHART_ROLE_GRID);
          sl_chart_hline (cr, left, right, y, 1.0);
        }
      g_snprintf (label, sizeof label, "%.*f", layout->y_decimals, v);
      sl_chart_set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
      sl_chart_show_text (cr, layout, label, 0.85, FALSE, left - 0.5 * u, y, 1.0, 0.5);
    }

  /* Vertical grid and x labels; a label that would touch its neighbour is left out. */
  for (guint i = 0; i < layout->x_ticks->len; i++)
    {
      double v = g_array_index (layout->x_ticks, double, i);
      double x = sl_chart_axis_map (&layout->x_axis, v);
      double w;

      if (x < left - 0.5 || x > right + 0.5)
        continue;

      sl_chart_set_role (cr, layout, SL_CHART_ROLE_GRID);
      sl_chart_vline (cr, x, top, bottom, 1.0);

      g_snprintf (label, sizeof label, "%.*f", layout->x_decimals, v);
      w = sl_chart_text_width (layout, label, 0.85);
      if (x - w / 2.0 < last_label_right + 0.6 * u)
        continue;
      sl_chart_set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
      sl_chart_show_text (cr, layout, label, 0.85, FALSE, x, bottom + 0.45 * u, 0.5, 0.0);
      last_label_right = x + w / 2.0;
    }

  /* The zero line (or the bottom edge) is the x axis. */
  baseline = layout->y_axis.min <= 0.0 && layout->y_axis.max >= 0.0
             ? sl_chart_axis_map (&layout->y_axis, 0.0) : bottom;
  sl_chart_set_role (cr, layout, SL_CHART_ROLE_AXIS);
  sl_chart_hline (cr, left, right, baseline, 1.0);

  /* Axis titles, where sl_chart_layout_compute() left room for them */
  sl_chart_set_role (cr, layout, SL_CHART_ROLE_TEXT);
  sl_chart_layout_set_text (layout, "0123456789", 0.85, FALSE, TRUE);
  sl_chart_layout_text_size (layout, NULL, &tick_h);
  sl_chart_show_text (cr, layout, layout->x_title, 0.9, FALSE, left + layout->plot_w / 2.0,
                      bottom + 0.45 * u + tick_h + 0.3 * u, 0.5, 0.0);

  cairo_save (cr);
  cairo_translate (cr, layout->margin, top + layout->plot_h / 2.0);
  cairo_rotate (cr, -G_PI / 2.0);
  sl_chart_show_text (cr, layout, layout->y_title, 0.9, FALSE, 0.0, 0.0, 0.5, 0.0);
  cairo_restore (cr);
}

static void
clip_to_plot (cairo_t             *cr,
              const SlChartLayout *layout,
              double               extra)
{
  cairo_rectangle (cr, layout->plot_x - extra, layout->plot_y - extra,
                   layout->plot_w + 2.0 * extra, layout->plot_h + 2.0 * extra);
  cairo_clip (cr);
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
      /* Keep far-off values from turning into huge coordinates: the clip hides them anyway. */
      y = CLAMP (sl_chart_axis_map (&layout->y_axis, y), -1e5, 1e5);
      if (pen_down)
        cairo_line_to (cr, px, y);
      else
        cairo_move_to (cr, px, y);
      pen_down = TRUE;
      if (px >= p1)
        break;
    }
}

static void
draw_guides (cairo_t       *cr,
             SlChartLayout *layout)
{
  double u = layout->font_size;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;

  if (layout->show_cores)
    {
      double x = sl_chart_axis_map (&layout->x_axis, layout->usable_cpus);
      SlChartColor text = sl_chart_theme_color (layout->dark, SL_CHART_ROLE_TEXT);
      g_autofree char *label = NULL;

      /* Beyond the usable CPUs workers can only take turns: a faint wash says so. */
      if (x < layout->plot_x + layout->plot_w - 1.0)
        {
          sl_chart_set_color (cr, text, layout->dark ? 0.035 : 0.025);
          cairo_rectangle (cr, x, top, layout->plot_x + layout->plot_w - x, layout->plot_h);
          cairo_fill (cr);
        }

      sl_chart_set_role (cr, layout, SL_CHART_ROLE_CORES);
      cairo_set_dash (cr, NULL, 0, 0.0);
      sl_chart_vline (cr, x, top - 0.15 * u, bottom, 1.0);

      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u usable CPU", "%u usable CPUs",
                                            layout->usable_cpus),
                               layout->usable_cpus);
      {
        double w = sl_chart_text_width (layout, label, 0.85);
        double lx = CLAMP (x, layout->margin + w / 2.0, layout->width - layout->margin - w / 2.0);

        sl_chart_show_text (cr, layout, label, 0.85, FALSE, lx, top - 0.3 * u, 0.5, 1.0);
      }
    }

  if (layout->ideal != SL_IDEAL_NONE && layout->message == NULL)
    {
      cairo_save (cr);
      clip_to_plot (cr, layout, 0.0);
      sl_chart_set_role (cr, layout, SL_CHART_ROLE_IDEAL);
      sl_chart_set_line_style (cr, SL_LINE_SOLID, 1.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (layout->ideal == SL_IDEAL_FLAT_100)
        sl_chart_hline (cr, layout->plot_x, layout->plot_x + layout->plot_w,
                        sl_chart_axis_map (&layout->y_axis, 100.0), 1.5);
      else
        {
          curve_path (cr, layout, ideal_value, NULL);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
}

static void
draw_curves (cairo_t       *cr,
             SlChartLayout *layout)
{
  if (layout->curves->len == 0)
    return;

  cairo_save (cr);
  clip_to_plot (cr, layout, 0.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < layout->curves->len; i++)
    {
      const SlChartCurve *curve = &g_array_index (layout->curves, SlChartCurve, i);

      sl_chart_set_color (cr, sl_chart_series_color (layout->dark, curve->color_index), 0.85);
      sl_chart_set_line_style (cr, curve->kind == SL_CURVE_AMDAHL ? SL_LINE_DASHED : SL_LINE_DOTTED,
                               1.75);
      curve_path (cr, layout, fit_value, curve);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_series (cairo_t             *cr,
             SlChartLayout       *layout,
             const SlChartSeries *series)
{
  SlChartColor color = sl_chart_series_color (layout->dark, series->color_index);
  SlMarker marker = (SlMarker) (series->color_index % SL_N_MARKERS);
  double alpha = series->reference ? 0.55 : 1.0;
  double r = layout->marker_radius * (series->reference ? 0.85 : 1.0);
  gboolean pen_down = FALSE;

  cairo_save (cr);
  /* Room for markers that sit on the edges (a zero, the largest value). */
  clip_to_plot (cr, layout, layout->marker_radius + 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Error bars; where even markers do not fit they would only be noise. */
  if (!series->reference && layout->marker_radius > 0.0)
    {
      double cap = layout->error_caps ? MAX (r, 3.0) : 0.0;

      sl_chart_set_color (cr, color, 0.6);
      sl_chart_set_line_style (cr, SL_LINE_SOLID, 1.25);
      for (guint i = 0; i < series->samples->len; i++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);
          double x, y0, y1;

          if (!s->drawn || !isfinite (s->lo) || !isfinite (s->hi))
            continue;
          x = sl_chart_axis_map (&layout->x_axis, s->x);
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
      cairo_stroke (cr);
    }

  /* The line breaks wherever a point is missing, so a gap is never bridged as if measured. */
  sl_chart_set_color (cr, color, alpha);
  sl_chart_set_line_style (cr, SL_LINE_SOLID, series->reference ? 1.25 : 2.0);
  for (guint i = 0; i < series->samples->len; i++)
    {
      const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);
      double x, y;

      if (!s->drawn)
        {
          pen_down = FALSE;
          continue;
        }
      x = sl_chart_axis_map (&layout->x_axis, s->x);
      y = CLAMP (sl_chart_axis_map (&layout->y_axis, s->y), -1e5, 1e5);
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  if (r > 0.0)
    {
      for (guint i = 0; i < series->samples->len; i++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);

          if (!s->drawn)
            continue;
          sl_chart_draw_marker (cr, layout, marker, sl_chart_axis_map (&layout->x_axis, s->x),
                                CLAMP (sl_chart_axis_map (&layout->y_axis, s->y), -1e5, 1e5), r,
                                color, alpha, series->reference || s->running);
        }
    }
  else
    {
      /* Too dense for markers: a lone point between gaps would vanish without a dot. */
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
          cairo_arc (cr, sl_chart_axis_map (&layout->x_axis, s->x),
                     CLAMP (sl_chart_axis_map (&layout->y_axis, s->y), -1e5, 1e5), 2.0,
                     0.0, 2.0 * G_PI);
          cairo_fill (cr);
        }
    }

  cairo_restore (cr);
}

/* Failed points sit on the x axis as a cross in their series' colour, stacked per series. */
static void
draw_failed (cairo_t       *cr,
             SlChartLayout *layout)
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
          sl_chart_draw_failed_mark (cr, sl_chart_axis_map (&layout->x_axis, s->x),
                                     bottom - r - 3.0 - row * (2.0 * r + 3.0), r,
                                     sl_chart_series_color (layout->dark, series->color_index));
          any = TRUE;
        }
      if (any)
        row++;
    }
}

static void
draw_histogram (cairo_t       *cr,
                SlChartLayout *layout)
{
  double u = layout->font_size;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;
  SlChartColor color = sl_chart_series_color (layout->dark, layout->bin_color);
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
      sl_chart_set_line_style (cr, styles[i], 1.5);
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

static void
draw_legend (cairo_t       *cr,
             SlChartLayout *layout)
{
  double u = layout->font_size;
  double sample_w = 2.2 * u;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);
      double h, cy, x = entry->x;

      sl_chart_layout_set_text (layout, entry->text, 0.9, FALSE, TRUE);
      sl_chart_layout_text_size (layout, NULL, &h);
      cy = entry->y + h / 2.0;

      cairo_save (cr);
      switch (entry->sample)
        {
        case SL_LEGEND_SERIES:
          sl_chart_set_color (cr, entry->color, entry->alpha);
          sl_chart_set_line_style (cr, SL_LINE_SOLID, entry->line_width);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + sample_w, cy);
          cairo_stroke (cr);
          sl_chart_draw_marker (cr, layout, entry->marker, x + sample_w / 2.0, cy, 0.32 * u,
                                entry->color, entry->alpha, entry->hollow);
          break;
        case SL_LEGEND_LINE:
          sl_chart_set_color (cr, entry->color, entry->alpha);
          sl_chart_set_line_style (cr, entry->style, entry->line_width);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + sample_w, cy);
          cairo_stroke (cr);
          break;
        case SL_LEGEND_FAILED:
          sl_chart_draw_failed_mark (cr, x + sample_w / 2.0, cy, 0.25 * u, entry->color);
          break;
        case SL_LEGEND_BAR:
          sl_chart_set_color (cr, entry->color, entry->alpha);
          cairo_rectangle (cr, x + sample_w * 0.2, cy - 0.4 * u, sample_w * 0.6, 0.8 * u);
          cairo_fill (cr);
          break;
        default:
          break;
        }
      cairo_restore (cr);

      sl_chart_set_role (cr, layout, SL_CHART_ROLE_TEXT);
      sl_chart_show_text (cr, layout, entry->text, 0.9, FALSE, x + sample_w + 0.5 * u, entry->y,
                          0.0, 0.0);
    }
}

static void
draw_message (cairo_t       *cr,
              SlChartLayout *layout)
{
  if (layout->message == NULL)
    return;

  sl_chart_set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
  sl_chart_show_text (cr, layout, layout->message, 1.0, FALSE,
                      layout->plot_x + layout->plot_w / 2.0, layout->plot_y + layout->plot_h / 2.0,
                      0.5, 0.5);
}

static void
draw_layout (cairo_t       *cr,
             SlChartLayout *layout)
{
  cairo_rectangle (cr, 0.0, 0.0, layout->width, layout->height);
  cairo_clip (cr);
  sl_chart_set_role (cr, layout, SL_CHART_ROLE_BACKGROUND);
  cairo_paint (cr);

  draw_titles (cr, layout);
  draw_axes (cr, layout);
  draw_guides (cr, layout);

  if (layout->kind == SL_CHART_TASKS)
    {
      draw_histogram (cr, layout);
    }
  else
    {
      /* Faint reference first, the person's own data on top. */
      for (guint i = 0; i < layout->series->len; i++)
        {
          const SlChartSeries *series = g_ptr_array_index (layout->series, i);

          if (series->reference)
            draw_series (cr, layout, series);
        }
      draw_curves (cr, layout);
      for (guint i = 0; i < layout->series->len; i++)
        {
          const SlChartSeries *series = g_ptr_array_index (layout->series, i);

          if (!series->reference)
            draw_series (cr, layout, series);
        }
      draw_failed (cr, layout);
    }

  draw_message (cr, layout);
  draw_legend (cr, layout);
}

void
sl_chart_draw (cairo_t              *cr,
               const SlResult       *result,
               SlChartKind           kind,
               const SlChartOptions *options,
               double                width,
               double                height)
{
  g_autoptr(SlChartLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail ((guint) kind < SL_N_CHART_KINDS);

  if (!(width >= 1.0) || !(height >= 1.0))
    return;

  layout = sl_chart_layout_compute (result, kind, options, width, height);

  cairo_save (cr);
  draw_layout (cr, layout);
  cairo_restore (cr);
}
