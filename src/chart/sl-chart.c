/* sl-chart.c: draws a computed chart layout with cairo and pango, on any surface: the frame
 * around the plot (titles, axes, guides, legend) here, the data in sl-chart-plot.c. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <math.h>

#include "sl-chart-private.h"

static void
draw_titles (cairo_t             *cr,
             const SlChartLayout *layout)
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
draw_axes (cairo_t             *cr,
           const SlChartLayout *layout)
{
  double u = layout->font_size;
  double left = layout->plot_x, right = layout->plot_x + layout->plot_w;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;
  double last_label_right = -INFINITY;
  double baseline, tick_h;
  char label[64];
  /* High contrast draws the grid in the axis colour rather than a near-background one. */
  SlChartRole grid = layout->theme.high_contrast ? SL_CHART_ROLE_AXIS : SL_CHART_ROLE_GRID;

  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Horizontal grid and y labels */
  for (guint i = 0; i < layout->y_ticks->len; i++)
    {
      double v = g_array_index (layout->y_ticks, double, i);
      double y = sl_chart_axis_map (&layout->y_axis, v);

      if (v != 0.0 || layout->y_axis.min != 0.0)
        {
          sl_chart_set_role (cr, layout, grid);
          sl_chart_hline (cr, left, right, y, 1.0);
        }
      sl_chart_format_tick (label, sizeof label, v, layout->y_decimals);
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

      sl_chart_set_role (cr, layout, grid);
      sl_chart_vline (cr, x, top, bottom, 1.0);

      sl_chart_format_tick (label, sizeof label, v, layout->x_decimals);
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
draw_guides (cairo_t             *cr,
             const SlChartLayout *layout)
{
  double u = layout->font_size;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;

  if (layout->show_cores)
    {
      double x = sl_chart_axis_map (&layout->x_axis, layout->usable_cpus);
      SlChartColor text = sl_chart_layout_role (layout, SL_CHART_ROLE_TEXT);
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
      sl_chart_vline (cr, x, top - 0.15 * u, bottom, sl_chart_line_width (layout, 1.0));

      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u usable CPU", "%u usable CPUs",
                                            layout->usable_cpus),
                               layout->usable_cpus);
      {
        double w = sl_chart_text_width (layout, label, 0.85);
        double lx = CLAMP (x, layout->margin + w / 2.0, layout->width - layout->margin - w / 2.0);

        sl_chart_show_text (cr, layout, label, 0.85, FALSE, lx, top - 0.3 * u, 0.5, 1.0);
      }
    }

  sl_chart_draw_ideal (cr, layout);
}

static void
draw_legend (cairo_t             *cr,
             const SlChartLayout *layout)
{
  double u = layout->font_size;
  double sample_w = 2.2 * u;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);
      double line_width = sl_chart_line_width (layout, entry->line_width);
      double h, cy, x = entry->x;

      sl_chart_layout_set_text (layout, entry->text, 0.9, FALSE, TRUE);
      sl_chart_layout_text_size (layout, NULL, &h);
      cy = entry->y + h / 2.0;

      cairo_save (cr);
      switch (entry->sample)
        {
        case SL_LEGEND_SERIES:
          sl_chart_set_color (cr, entry->color, entry->alpha);
          sl_chart_set_line_style (cr, SL_LINE_SOLID, line_width);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + sample_w, cy);
          cairo_stroke (cr);
          sl_chart_draw_marker (cr, layout, entry->marker, x + sample_w / 2.0, cy, 0.32 * u,
                                entry->color, entry->alpha, entry->hollow);
          break;
        case SL_LEGEND_LINE:
          sl_chart_set_color (cr, entry->color, entry->alpha);
          sl_chart_set_line_style (cr, entry->style, line_width);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + sample_w, cy);
          cairo_stroke (cr);
          break;
        case SL_LEGEND_FAILED:
          sl_chart_draw_failed_mark (cr, layout, x + sample_w / 2.0, cy, 0.25 * u, entry->color);
          break;
        case SL_LEGEND_PARTIAL:
          sl_chart_draw_marker (cr, layout, SL_MARKER_CIRCLE, x + sample_w / 2.0, cy, 0.32 * u,
                                entry->color, entry->alpha, entry->hollow);
          break;
        case SL_LEGEND_BAR:
          sl_chart_set_color (cr, entry->color, entry->alpha);
          cairo_rectangle (cr, x + sample_w * 0.2, cy - 0.4 * u, sample_w * 0.6, 0.8 * u);
          cairo_fill (cr);
          break;
        case SL_LEGEND_ERROR_BAR:
          {
            double bx = x + sample_w / 2.0, cap = 0.3 * u;

            sl_chart_set_color (cr, entry->color, entry->alpha);
            sl_chart_set_line_style (cr, SL_LINE_SOLID, line_width);
            cairo_move_to (cr, bx, cy - 0.45 * u);
            cairo_line_to (cr, bx, cy + 0.45 * u);
            cairo_move_to (cr, bx - cap, cy - 0.45 * u);
            cairo_line_to (cr, bx + cap, cy - 0.45 * u);
            cairo_move_to (cr, bx - cap, cy + 0.45 * u);
            cairo_line_to (cr, bx + cap, cy + 0.45 * u);
            cairo_stroke (cr);
          }
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
draw_message (cairo_t             *cr,
              const SlChartLayout *layout)
{
  if (layout->message == NULL)
    return;

  sl_chart_set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
  sl_chart_show_text (cr, layout, layout->message, 1.0, FALSE,
                      layout->plot_x + layout->plot_w / 2.0, layout->plot_y + layout->plot_h / 2.0,
                      0.5, 0.5);
}

void
sl_chart_draw_layout (cairo_t             *cr,
                      const SlChartLayout *layout)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0.0, 0.0, layout->width, layout->height);
  cairo_clip (cr);
  sl_chart_set_role (cr, layout, SL_CHART_ROLE_BACKGROUND);
  cairo_paint (cr);

  draw_titles (cr, layout);
  draw_axes (cr, layout);
  draw_guides (cr, layout);

  if (layout->kind == SL_CHART_TASKS)
    {
      sl_chart_draw_histogram (cr, layout);
    }
  else
    {
      /* Faint reference first, the person's own data on top. */
      for (guint i = 0; i < layout->series->len; i++)
        {
          const SlChartSeries *series = g_ptr_array_index (layout->series, i);

          if (series->reference)
            sl_chart_draw_series (cr, layout, series);
        }
      sl_chart_draw_curves (cr, layout);
      for (guint i = 0; i < layout->series->len; i++)
        {
          const SlChartSeries *series = g_ptr_array_index (layout->series, i);

          if (!series->reference)
            sl_chart_draw_series (cr, layout, series);
        }
      sl_chart_draw_failed (cr, layout);
      sl_chart_draw_highlight (cr, layout);
    }

  draw_message (cr, layout);
  draw_legend (cr, layout);
  cairo_restore (cr);
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
  sl_chart_draw_layout (cr, layout);
}
