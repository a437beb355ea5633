/* sl-chart-legend.c: the legend: its entries and how they flow into lines. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sl-chart-private.h"
#include "sl-interval.h"

void
sl_chart_legend_entry_free (SlLegendEntry *entry)
{
  g_free (entry->text);
  g_free (entry);
}

SlLegendEntry *
sl_chart_legend_add (SlChartLayout *layout,
                     SlLegendSample sample,
                     SlChartColor   color,
                     char          *text)
{
  SlLegendEntry *entry = g_new0 (SlLegendEntry, 1);

  entry->text = text;
  entry->sample = sample;
  entry->color = color;
  entry->alpha = 1.0;
  entry->line_width = 2.0;
  g_ptr_array_add (layout->legend, entry);

  return entry;
}

static char *
format_fraction (double fraction)
{
  if (fraction < 0.01)
    return g_strdup (_("serial < 1 %"));
  if (fraction < 0.1)
    return g_strdup_printf (_("serial %.1f %%"), fraction * 100.0);
  return g_strdup_printf (_("serial %.0f %%"), fraction * 100.0);
}

/* Below 6 repetitions no interval of the median reaches 95 %: the bars are then the whole
 * range, and the legend gives the confidence they have (an overlay, of several results, keeps
 * to the general words). */
static char *
describe_error_bars (const SlChartLayout *layout,
                     const SlResult      *result)
{
  double level = 1.0;
  guint runs = 0;

  if (layout->kind != SL_CHART_TIME)
    /* Translators: the legend of the error bars; the number is a percentage */
    return g_strdup_printf (_("%.0f %% bootstrap interval"), 100.0 * SL_CONFIDENCE);

  for (guint i = 0; layout->overlay_colors == NULL && i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (sl_point_has_measurements (point) && point->wall.median_level < level)
        {
          level = point->wall.median_level;
          runs = point->wall.n;
        }
    }

  if (level >= SL_CONFIDENCE)
    /* Translators: the legend of the error bars; the number is a percentage */
    return g_strdup_printf (_("%.0f %% interval of the median"), 100.0 * SL_CONFIDENCE);
  /* Translators: "Interval of the median (94 % confidence with 5 runs)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Interval of the median (%.0f %% confidence with %u run)",
                                       "Interval of the median (%.0f %% confidence with %u runs)",
                                       runs),
                          100.0 * level, runs);
}

void
sl_chart_collect_legend (SlChartLayout  *layout,
                         const SlResult *result)
{
  gboolean any_failed = FALSE, any_cancelled = FALSE, any_bar = FALSE;
  const char *ideal_text = NULL;
  SlChartColor ideal = sl_chart_layout_role (layout, SL_CHART_ROLE_IDEAL);
  SlChartColor text_color = sl_chart_layout_role (layout, SL_CHART_ROLE_TEXT);

  /* The histogram names its one point itself (sl_chart_setup_tasks). */
  for (guint i = 0; layout->kind != SL_CHART_TASKS && i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);
      SlLegendEntry *entry;

      entry = sl_chart_legend_add (layout, SL_LEGEND_SERIES,
                                   sl_chart_layout_series_color (layout, series->color_index),
                                   g_strdup (series->label));
      entry->marker = sl_chart_layout_series_marker (layout, series->color_index);
      if (series->reference)
        {
          entry->hollow = TRUE;
          entry->alpha = 0.55;
          entry->line_width = 1.25;
        }

      for (guint j = 0; j < series->samples->len; j++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);

          any_failed = any_failed || s->failed;
          any_cancelled = any_cancelled || s->cancelled;
          any_bar = any_bar || (!series->reference && s->drawn && isfinite (s->lo) &&
                                isfinite (s->hi) && s->hi > s->lo);
        }
    }

  for (guint i = 0; i < layout->curves->len; i++)
    {
      const SlChartCurve *curve = &g_array_index (layout->curves, SlChartCurve, i);
      const SlChartSeries *series = NULL;
      SlLegendEntry *entry;
      char *text;

      for (guint j = 0; j < layout->series->len && series == NULL; j++)
        {
          const SlChartSeries *s = g_ptr_array_index (layout->series, j);

          if (!s->reference && s->color_index == curve->color_index)
            series = s;
        }
      g_assert (series != NULL);

      if (curve->kind == SL_CURVE_AMDAHL)
        {
          g_autofree char *fraction = format_fraction (curve->serial_fraction);

          /* Translators: "Threads: Amdahl fit, serial 12 %" */
          text = g_strdup_printf (_("%s: Amdahl fit, %s"), series->label, fraction);
        }
      else
        {
          /* Translators: "Threads: USL fit, σ = 0.12, κ = 0.0010" */
          text = g_strdup_printf (_("%s: USL fit, σ = %.3g, κ = %.2g"), series->label,
                                  curve->sigma, curve->kappa);
        }

      entry = sl_chart_legend_add (layout, SL_LEGEND_LINE,
                                   sl_chart_layout_series_color (layout, curve->color_index), text);
      entry->style = curve->kind == SL_CURVE_AMDAHL ? SL_LINE_DASHED : SL_LINE_DOTTED;
      entry->line_width = 1.75;
    }

  switch (layout->ideal)
    {
    case SL_IDEAL_DIAGONAL:
      ideal_text = _("Ideal (S = W)");
      break;
    case SL_IDEAL_FLAT_100:
      ideal_text = _("Ideal (100 %)");
      break;
    case SL_IDEAL_CORES:
      ideal_text = _("Ideal (one busy core per worker)");
      break;
    case SL_IDEAL_NONE:
    default:
      break;
    }
  if (ideal_text != NULL)
    sl_chart_legend_add (layout, SL_LEGEND_LINE, ideal, g_strdup (ideal_text))->line_width = 1.5;

  /* What the error bars span: the reader of a chart cannot guess it. */
  if (any_bar)
    sl_chart_legend_add (layout, SL_LEGEND_ERROR_BAR, text_color,
                         describe_error_bars (layout, result))->alpha = 0.6;
  if (any_failed)
    sl_chart_legend_add (layout, SL_LEGEND_FAILED, text_color, g_strdup (_("Failed point")));
  /* Points still running are hollow too, but only while the window shows them growing; a
   * cancelled sweep keeps its hollow points, in exports too, so they are named. */
  if (any_cancelled)
    sl_chart_legend_add (layout, SL_LEGEND_PARTIAL, text_color,
                         g_strdup (_("Cancelled before all runs")))->hollow = TRUE;
}

/* Lays the entries out in centred rows between `left` and `right`, from y = 0; returns the
 * height they take. */
double
sl_chart_legend_flow (SlChartLayout *layout,
                      double         left,
                      double         right,
                      double         sample_width)
{
  double u = layout->font_size;
  double gap = 1.4 * u;
  double text_h = 0.0, row_h, y = 0.0;
  guint row_start = 0;

  if (layout->legend->len == 0)
    return 0.0;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);
      double w, h;

      sl_chart_text_measure (layout, entry->text, 0.9, FALSE, &w, &h);
      entry->width = sample_width + 0.5 * u + w;
      text_h = MAX (text_h, h);
    }
  row_h = text_h + 0.3 * u;

  /* A line fills at most 97 % of the width: a font's hinted glyphs can come out a little wider
   * on the screen than the layout measured them, and a legend must never be cut. */
  right = left + (right - left) * 0.97;

  while (row_start < layout->legend->len)
    {
      double row_w = 0.0, x;
      guint row_end = row_start;

      for (; row_end < layout->legend->len; row_end++)
        {
          SlLegendEntry *entry = g_ptr_array_index (layout->legend, row_end);
          double next = row_w + (row_end > row_start ? gap : 0.0) + entry->width;

          if (next > right - left && row_end > row_start)
            break;
          row_w = next;
        }

      x = left + MAX (0.0, (right - left - row_w) / 2.0) + (right - left) * 0.015;
      for (guint i = row_start; i < row_end; i++)
        {
          SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);

          entry->x = x;
          entry->y = y;
          x += entry->width + gap;
        }

      y += row_h;
      row_start = row_end;
    }

  return y - 0.3 * u;
}
