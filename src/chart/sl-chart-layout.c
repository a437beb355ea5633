/* sl-chart-layout.c: from a result to a chart layout: ranges, axes and where everything goes. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sl-chart-private.h"

static void
data_y_range (const SlChartLayout *layout,
              double              *lo,
              double              *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;

  for (guint i = 0; i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);

      for (guint j = 0; j < series->samples->len; j++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);

          if (!s->drawn)
            continue;
          *lo = MIN (*lo, s->y);
          *hi = MAX (*hi, s->y);
          if (isfinite (s->hi))
            {
              *lo = MIN (*lo, s->lo);
              *hi = MAX (*hi, s->hi);
            }
        }
    }
}

static gboolean
layout_has_data (const SlChartLayout *layout)
{
  for (guint i = 0; i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);

      for (guint j = 0; !series->reference && j < series->samples->len; j++)
        if (g_array_index (series->samples, SlChartSample, j).drawn)
          return TRUE;
    }

  return FALSE;
}

/* The x range is the sweep's worker counts, pending points included, so that a chart growing
 * live keeps its axis while the points fill in; an overlay spans every result's. */
static void
worker_x_range (const SlResult **results,
                guint            n_results,
                double          *lo,
                double          *hi,
                gboolean        *all_pow2,
                guint           *n_distinct)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));

  *lo = INFINITY;
  *hi = -INFINITY;
  *all_pow2 = TRUE;

  for (guint r = 0; r < n_results; r++)
    for (guint i = 0; i < results[r]->points->len; i++)
      {
        const SlPoint *point = g_ptr_array_index (results[r]->points, i);
        gboolean listed = FALSE;

        if (point->workers == 0)
          continue;

        *lo = MIN (*lo, point->workers);
        *hi = MAX (*hi, point->workers);
        if (!sl_chart_is_power_of_two (point->workers))
          *all_pow2 = FALSE;
        for (guint j = 0; j < seen->len && !listed; j++)
          listed = g_array_index (seen, guint, j) == point->workers;
        if (!listed)
          g_array_append_val (seen, point->workers);
      }

  *n_distinct = seen->len;
  if (seen->len == 0)
    {
      *lo = 1.0;
      *hi = 2.0;
      *all_pow2 = FALSE;
    }
}

void
sl_chart_layout_free (SlChartLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_object (&layout->text);
  g_clear_object (&layout->pango);
  g_clear_pointer (&layout->font, pango_font_description_free);
  g_free (layout->title);
  g_free (layout->subtitle);
  g_free (layout->x_title);
  g_free (layout->y_title);
  g_free (layout->message);
  g_clear_pointer (&layout->x_ticks, g_array_unref);
  g_clear_pointer (&layout->y_ticks, g_array_unref);
  g_clear_pointer (&layout->series, g_ptr_array_unref);
  g_clear_pointer (&layout->curves, g_array_unref);
  g_clear_pointer (&layout->legend, g_ptr_array_unref);
  g_clear_pointer (&layout->bins, g_array_unref);
  g_clear_pointer (&layout->overlay_colors, g_array_unref);
  g_clear_pointer (&layout->overlay_markers, g_array_unref);
  g_clear_pointer (&layout->overlay_offsets, g_array_unref);
  g_free (layout);
}

static double
max_tick_label_width (SlChartLayout *layout,
                      GArray        *ticks,
                      guint          decimals)
{
  double widest = 0.0;

  for (guint i = 0; i < ticks->len; i++)
    {
      char label[64];
      double w;

      sl_chart_format_tick (label, sizeof label, g_array_index (ticks, double, i), decimals);
      sl_chart_text_measure (layout, label, 0.85, FALSE, &w, NULL);
      widest = MAX (widest, w);
    }

  return widest;
}

static void
y_range_for_kind (SlChartLayout *layout,
                  double         x_max,
                  double        *lo,
                  double        *hi)
{
  double usable = layout->usable_cpus > 0 ? layout->usable_cpus : x_max;
  double d_lo, d_hi;

  data_y_range (layout, &d_lo, &d_hi);
  *lo = isfinite (d_lo) ? MIN (0.0, d_lo) : 0.0;

  switch (layout->kind)
    {
    case SL_CHART_SPEEDUP:
      {
        /* The ideal line up to the usable CPUs is what the data is judged by; beyond them it
         * would only squash the data (16× ideal over a measured 2×). */
        double data = isfinite (d_hi) ? d_hi * 1.05 : 0.0;

        *hi = MAX (MAX (data, MIN (x_max, usable)), 1.2);
      }
      break;

    case SL_CHART_EFFICIENCY:
      *hi = MAX (isfinite (d_hi) ? d_hi : 0.0, 110.0);
      break;

    case SL_CHART_CPU:
      if (layout->ideal == SL_IDEAL_NONE && isfinite (d_hi) && d_hi > 0.0)
        *hi = d_hi * 1.15;
      else
        *hi = MAX (isfinite (d_hi) ? d_hi : 0.0, MIN (x_max, usable)) * 1.05;
      break;

    case SL_CHART_TIME:
      *hi = isfinite (d_hi) && d_hi > 0.0 ? d_hi * 1.05 : 1.0;
      break;

    case SL_CHART_TASKS:
    case SL_N_CHART_KINDS:
    default:
      *hi = isfinite (d_hi) && d_hi > 0.0 ? d_hi : 1.0;
      break;
    }

  if (*hi <= *lo)
    *hi = *lo + 1.0;
}

/* The x axis of the worker-count charts: log2 when every count is a power of two, ticks at
 * whole worker counts, inset so that the end markers stay clear of the labels. */
static void
setup_worker_axis (SlChartLayout *layout,
                   double         x_lo,
                   double         x_hi,
                   gboolean       log2)
{
  double u = layout->font_size;
  double pad = MIN (1.2 * u, layout->plot_w * 0.05);
  g_autoptr(GArray) all = NULL;
  guint max_ticks;
  double step;

  sl_chart_axis_init (&layout->x_axis, x_lo, x_hi, log2);
  sl_chart_axis_set_pixels (&layout->x_axis, layout->plot_x + pad,
                            layout->plot_x + layout->plot_w - pad);
  layout->x_decimals = 0;

  if (log2)
    {
      max_ticks = (guint) CLAMP (layout->plot_w / (2.5 * u), 2.0, 32.0);
      layout->x_ticks = sl_chart_log2_ticks (layout->x_axis.min, layout->x_axis.max, max_ticks);
      return;
    }

  max_ticks = (guint) CLAMP (layout->plot_w / (4.0 * u), 2.0, 16.0);
  all = sl_chart_nice_ticks (layout->x_axis.min, layout->x_axis.max, max_ticks, NULL, NULL, &step);
  layout->x_ticks = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < all->len; i++)
    {
      double v = g_array_index (all, double, i);

      /* No tick at 1.5 workers, none outside the sweep. */
      if (v >= layout->x_axis.min - 1e-9 && v <= layout->x_axis.max + 1e-9 && v == floor (v))
        g_array_append_val (layout->x_ticks, v);
    }
}

/* Markers shrink, then go, as the points crowd together; so do error bar caps. */
static void
size_markers (SlChartLayout *layout)
{
  double u = layout->font_size;
  double spacing = INFINITY;

  for (guint i = 0; i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);

      for (guint j = 1; j < series->samples->len; j++)
        {
          const SlChartSample *a = &g_array_index (series->samples, SlChartSample, j - 1);
          const SlChartSample *b = &g_array_index (series->samples, SlChartSample, j);
          double d = sl_chart_axis_map (&layout->x_axis, b->x) -
                     sl_chart_axis_map (&layout->x_axis, a->x);

          if (d > 0.5)
            spacing = MIN (spacing, d);
        }
    }

  layout->marker_radius = MIN (0.36 * u, spacing / 3.0);
  if (layout->marker_radius < 2.0)
    layout->marker_radius = 0.0;
  layout->error_caps = spacing > 3.0 * u;
}

static double
luminance (SlChartColor color)
{
  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;
}

static SlChartLayout *
layout_new (SlChartKind           kind,
            const SlChartOptions *options,
            double                width,
            double                height)
{
  SlChartLayout *layout = g_new0 (SlChartLayout, 1);

  layout->kind = kind;
  layout->width = width;
  layout->height = height;
  if (options->theme != NULL)
    layout->theme = *options->theme;
  else
    sl_chart_theme_init (&layout->theme, options->dark);
  layout->dark = luminance (layout->theme.roles[SL_CHART_ROLE_BACKGROUND]) < 0.5;
  layout->line_scale = layout->theme.high_contrast ? 1.5 : 1.0;
  layout->highlight = options->highlight_point;
  layout->series = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_chart_series_free);
  layout->curves = g_array_new (FALSE, TRUE, sizeof (SlChartCurve));
  layout->legend = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_chart_legend_entry_free);
  layout->x_factor = 1.0;
  layout->latency_cut = INFINITY;
  layout->y_factor = 1.0;
  for (guint i = 0; i < G_N_ELEMENTS (layout->percentiles); i++)
    layout->percentiles[i] = NAN;
  sl_chart_text_init (layout, options);
  layout->font_size = sl_chart_text_font_size (options, width, height);
  layout->margin = round (1.4 * layout->font_size);

  return layout;
}

/* One result (`labels` NULL), or an overlay of several (sl-chart-overlay.c sets up its data);
 * the geometry is the same. */
static SlChartLayout *
compute_results (const SlResult       **results,
                 guint                  n_results,
                 const char           **labels,
                 SlChartKind            kind,
                 const SlChartOptions  *options,
                 double                 width,
                 double                 height)
{
  const SlResult *result = results[0];
  SlChartLayout *layout;
  SlChartOptions defaults;
  double u, y, bottom, h, tick_h, y_title_h, label_w, step;
  double x_lo = 1.0, x_hi = 2.0, y_lo, y_hi;
  gboolean all_pow2 = FALSE;
  guint n_distinct = 0, max_ticks;
  const GArray *latencies = NULL;
  guint n_latencies = 0;

  if (options == NULL)
    {
      sl_chart_options_init (&defaults);
      options = &defaults;
    }

  layout = layout_new (kind, options, isfinite (width) ? MAX (width, 1.0) : 1.0,
                       isfinite (height) ? MAX (height, 1.0) : 1.0);
  width = layout->width;
  height = layout->height;
  u = layout->font_size;

  /* Data */
  if (labels != NULL)
    {
      sl_chart_overlay_setup (layout, results, n_results, labels, height >= 16.0 * u);
    }
  else
    {
      layout->usable_cpus = result->system != NULL ? result->system->usable_cpus : 0;
      layout->title = sl_chart_dup_title (result, kind);
      if (height >= 16.0 * u)
        layout->subtitle = sl_chart_build_subtitle (result);
      sl_chart_set_kind_texts (layout, result);
      sl_chart_collect_series (layout, result);
    }
  if (kind == SL_CHART_TASKS)
    {
      sl_chart_setup_tasks (layout, result, options, &x_lo, &x_hi, &latencies, &n_latencies);
    }
  else
    {
      worker_x_range (results, n_results, &x_lo, &x_hi, &all_pow2, &n_distinct);
      /* An overlay compares the person's own experiments: no article, no fits between them. */
      if (options->show_reference && labels == NULL)
        sl_chart_collect_reference (layout, result, x_lo, x_hi);
      if (options->show_fits && labels == NULL)
        sl_chart_collect_curves (layout, result);
      if (!layout_has_data (layout))
        layout->message = g_strdup (result->status == SL_RESULT_RUNNING
                                    ? _("Waiting for the first finished point")
                                    : _("No point has a value to show"));
    }
  /* Work that keeps a small part of a core busy (I/O waits) would lie flat on the axis under
   * a line of one busy core per worker: its CPU chart is scaled to its own values, without the
   * line, which is not what such work is judged by. */
  if (kind == SL_CHART_CPU && layout->message == NULL)
    {
      double d_lo, d_hi, usable = layout->usable_cpus > 0 ? layout->usable_cpus : x_hi;

      data_y_range (layout, &d_lo, &d_hi);
      if (isfinite (d_hi) && d_hi < 0.25 * MIN (x_hi, usable))
        layout->ideal = SL_IDEAL_NONE;
    }
  sl_chart_collect_legend (layout, result);

  /* Top down: title, subtitle, the row of labels above the plot (usable CPUs, percentiles). */
  y = layout->margin;
  sl_chart_text_measure (layout, layout->title, 1.3, TRUE, NULL, &h);
  layout->title_y = y;
  y += h;
  if (layout->subtitle != NULL)
    {
      sl_chart_text_measure (layout, layout->subtitle, 0.9, FALSE, NULL, &h);
      layout->subtitle_y = y + 0.1 * u;
      y = layout->subtitle_y + h;
    }
  y += 0.9 * u;

  sl_chart_text_measure (layout, "0123456789", 0.85, FALSE, NULL, &tick_h);
  layout->show_cores = kind != SL_CHART_TASKS && layout->usable_cpus > 0 &&
                       layout->usable_cpus >= x_lo && layout->usable_cpus <= x_hi && x_hi > x_lo;
  if (layout->show_cores || isfinite (layout->percentiles[0]))
    y += tick_h + 0.3 * u;
  layout->plot_y = y;

  /* Bottom up: the legend, the x axis title, the tick labels. */
  bottom = height - layout->margin;
  h = sl_chart_legend_flow (layout, layout->margin, width - layout->margin, 2.2 * u);
  if (h > 0.0 && h <= 0.3 * height)
    {
      for (guint i = 0; i < layout->legend->len; i++)
        ((SlLegendEntry *) g_ptr_array_index (layout->legend, i))->y += bottom - h;
      bottom -= h + 0.9 * u;
    }
  else
    {
      /* A legend that would crowd out the plot is left out rather than drawn over it. */
      g_ptr_array_set_size (layout->legend, 0);
    }
  sl_chart_text_measure (layout, layout->x_title, 0.9, FALSE, NULL, &h);
  bottom -= h + 0.3 * u + tick_h + 0.45 * u;
  layout->plot_h = MAX (bottom - layout->plot_y, 1.0);

  /* The y ticks depend on the plot's height, the plot's left edge on the widest y label. */
  y_range_for_kind (layout, x_hi, &y_lo, &y_hi);
  max_ticks = (guint) CLAMP (layout->plot_h / (3.0 * u), 2.0, 10.0);
  layout->y_ticks = sl_chart_nice_ticks (y_lo, y_hi, max_ticks, &y_lo, &y_hi, &step);
  layout->y_decimals = sl_chart_step_decimals (step);

  sl_chart_text_measure (layout, layout->y_title, 0.9, FALSE, NULL, &y_title_h);
  label_w = max_tick_label_width (layout, layout->y_ticks, layout->y_decimals);
  /* The histogram's counts are only known once the plot's width has set the bins; no bin
   * holds more than all the tasks. */
  if (kind == SL_CHART_TASKS)
    {
      g_autofree char *most = g_strdup_printf ("%u", MAX (n_latencies, 10));

      sl_chart_text_measure (layout, most, 0.85, FALSE, &h, NULL);
      label_w = MAX (label_w, h);
    }
  layout->plot_x = layout->margin + y_title_h + 0.6 * u + label_w + 0.5 * u;
  layout->plot_w = MAX (width - layout->margin - 0.5 * u - layout->plot_x, 1.0);

  if (kind == SL_CHART_TASKS)
    {
      sl_chart_setup_histogram_axes (layout, x_lo, x_hi, latencies, n_latencies, &y_lo, &y_hi);
    }
  else
    {
      setup_worker_axis (layout, x_lo, x_hi, all_pow2 && n_distinct >= 3);
      size_markers (layout);
    }

  sl_chart_axis_init (&layout->y_axis, y_lo, y_hi, FALSE);
  sl_chart_axis_set_pixels (&layout->y_axis, layout->plot_y + layout->plot_h, layout->plot_y);
  sl_chart_dodge_series (layout);

  return layout;
}

SlChartLayout *
sl_chart_layout_compute (const SlResult       *result,
                         SlChartKind           kind,
                         const SlChartOptions *options,
                         double                width,
                         double                height)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);

  return compute_results (&result, 1, NULL, kind, options, width, height);
}

SlChartLayout *
sl_chart_layout_compute_overlay (const SlResult       **results,
                                 guint                  n_results,
                                 const char           **labels,
                                 SlChartKind            kind,
                                 const SlChartOptions  *options,
                                 double                 width,
                                 double                 height)
{
  g_autoptr(GPtrArray) computed = NULL;

  g_return_val_if_fail (results != NULL && n_results > 0, NULL);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);
  g_return_val_if_fail (kind != SL_CHART_TASKS, NULL);
  for (guint i = 0; i < n_results; i++)
    g_return_val_if_fail (results[i] != NULL, NULL);

  if (labels == NULL)
    {
      computed = sl_chart_overlay_labels (results, n_results);
      labels = (const char **) computed->pdata;
    }

  return compute_results (results, n_results, labels, kind, options, width, height);
}

double
sl_chart_layout_x (const SlChartLayout *layout,
                   double               x)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  return sl_chart_axis_map (&layout->x_axis, x * layout->x_factor);
}

double
sl_chart_layout_y (const SlChartLayout *layout,
                   double               y)
{
  g_return_val_if_fail (layout != NULL, 0.0);

  return sl_chart_axis_map (&layout->y_axis, y * layout->y_factor);
}

void
sl_chart_layout_get_plot_area (const SlChartLayout *layout,
                               double              *x,
                               double              *y,
                               double              *width,
                               double              *height)
{
  g_return_if_fail (layout != NULL);

  if (x != NULL)
    *x = layout->plot_x;
  if (y != NULL)
    *y = layout->plot_y;
  if (width != NULL)
    *width = layout->plot_w;
  if (height != NULL)
    *height = layout->plot_h;
}

const SlChartSample *
sl_chart_layout_find_sample (const SlChartLayout *layout,
                             int                  point_index)
{
  for (guint i = 0; point_index >= 0 && i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);

      for (guint j = 0; !series->reference && j < series->samples->len; j++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);

          if (s->point_index == point_index)
            return s->drawn ? s : NULL;
        }
    }

  return NULL;
}

gboolean
sl_chart_layout_get_point_position (const SlChartLayout *layout,
                                    int                  point_index,
                                    double              *x,
                                    double              *y)
{
  const SlChartSample *s;

  g_return_val_if_fail (layout != NULL, FALSE);

  s = sl_chart_layout_find_sample (layout, point_index);
  if (s == NULL)
    return FALSE;

  if (x != NULL)
    *x = sl_chart_sample_x (layout, s);
  if (y != NULL)
    *y = sl_chart_axis_map (&layout->y_axis, s->y);

  return TRUE;
}

void
sl_chart_layout_set_highlight_point (SlChartLayout *layout,
                                     int            point_index)
{
  g_return_if_fail (layout != NULL);

  layout->highlight = MAX (point_index, -1);
}

int
sl_chart_layout_get_highlight_point (const SlChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, -1);

  return layout->highlight;
}

int
sl_chart_layout_find_point (const SlChartLayout *layout,
                            double               x,
                            double               y,
                            double               radius)
{
  int best = -1;
  double best_d = radius;

  g_return_val_if_fail (layout != NULL, -1);

  for (guint i = 0; i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);

      for (guint j = 0; !series->reference && j < series->samples->len; j++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);
          double d;

          if (!s->drawn)
            continue;
          d = hypot (sl_chart_sample_x (layout, s) - x,
                     sl_chart_axis_map (&layout->y_axis, s->y) - y);
          if (d <= best_d)
            {
              best_d = d;
              best = s->point_index;
            }
        }
    }

  return best;
}
