/* sl-chart-histogram.c: the tasks chart: the latency histogram of one point, its bins and axes. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sl-chart-private.h"

static int
best_task_point (const SlResult *result)
{
  int best = -1;
  double best_time = INFINITY;

  if (result->analysis != NULL && result->analysis->has_best)
    {
      for (guint i = 0; i < result->points->len; i++)
        {
          const SlPoint *point = g_ptr_array_index (result->points, i);

          if (point->runtime == result->analysis->best_runtime &&
              point->model == result->analysis->best_model &&
              point->workers == result->analysis->best_workers &&
              point->latencies_s != NULL && point->latencies_s->len > 0)
            return (int) i;
        }
    }

  /* Not analysed yet (a running sweep): the fastest point that has latencies. */
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
      double t = isfinite (point->wall.median) ? point->wall.median : G_MAXDOUBLE;

      if (point->latencies_s == NULL || point->latencies_s->len == 0)
        continue;
      if (best < 0 || t < best_time)
        {
          best = (int) i;
          best_time = t;
        }
    }

  return best;
}

static gboolean
latency_is_valid (double value)
{
  return isfinite (value) && value >= 0.0;
}

/* How many latencies the histogram shows, and the shortest and the longest, in one pass. */
static guint
latency_range (const GArray *latencies,
               double       *lo,
               double       *hi)
{
  guint n = 0;

  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; latencies != NULL && i < latencies->len; i++)
    {
      double v = g_array_index (latencies, double, i);

      if (!latency_is_valid (v))
        continue;
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
      n++;
    }

  return n;
}

/* p50, p95 and p99 in seconds. The analysis keeps them for every point it has seen; a point
 * whose latencies changed since (a running one) costs a selection, never a sort. */
static void
latency_percentiles (const SlPoint *point,
                     const double   ps[3],
                     double         out[3])
{
  g_autofree double *values = NULL;
  guint n = 0;

  if (point->latencies_summarized == point->latencies_s->len &&
      isfinite (point->latency_p50) && isfinite (point->latency_p95) &&
      isfinite (point->latency_p99))
    {
      out[0] = point->latency_p50;
      out[1] = point->latency_p95;
      out[2] = point->latency_p99;
      return;
    }

  values = g_new (double, point->latencies_s->len);
  for (guint i = 0; i < point->latencies_s->len; i++)
    {
      double v = g_array_index (point->latencies_s, double, i);

      if (latency_is_valid (v))
        values[n++] = v;
    }
  for (guint i = 0; i < 3; i++)
    out[i] = sl_percentile_select (values, n, ps[i]);
}

void
sl_chart_setup_tasks (SlChartLayout        *layout,
                      const SlResult       *result,
                      const SlChartOptions *options,
                      double               *x_lo,
                      double               *x_hi,
                      const GArray        **latencies,
                      guint                *n_latencies)
{
  int index = options->task_point;
  const SlPoint *point;
  const SlChartSeries *series;
  SlLegendEntry *entry;
  double factor, lo, hi, percentiles[3] = { NAN, NAN, NAN }, cut = INFINITY;
  guint n, beyond = 0;
  const char *unit;
  g_autofree char *label = NULL;
  static const char *names[] = { "p50", "p95", "p99" };
  static const double ps[] = { 0.50, 0.95, 0.99 };
  static const SlLineStyle styles[] = { SL_LINE_SOLID, SL_LINE_DASHED, SL_LINE_DOTTED };

  if (index < 0 || (guint) index >= result->points->len)
    index = best_task_point (result);

  if (index < 0)
    {
      layout->message = g_strdup (result->status == SL_RESULT_RUNNING
                                  ? _("Waiting for the first finished point")
                                  : _("No point recorded per-task latencies"));
      layout->x_title = g_strdup_printf (_("Task latency (%s)"), _("ms"));
      layout->x_factor = 1e3;
      return;
    }

  point = g_ptr_array_index (result->points, index);
  n = latency_range (point->latencies_s, &lo, &hi);
  *latencies = point->latencies_s;
  *n_latencies = n;
  series = sl_chart_find_series (layout->series, point->runtime, point->model, FALSE);
  layout->bin_color = series ? series->color_index : 0;

  /* A few slow tasks (a page fault, a busy machine) would squeeze every other one into one
   * bar: when the slowest is over four times p95, the axis stops at twice p95, and a line of
   * the legend counts the tasks beyond it. (p95, not p99: one slow task in fifty is p99.) */
  if (n > 0)
    latency_percentiles (point, ps, percentiles);
  if (n > 0 && percentiles[1] > 0.0 && hi > 4.0 * percentiles[1])
    {
      cut = 2.0 * percentiles[1];
      for (guint i = 0; i < point->latencies_s->len; i++)
        {
          double v = g_array_index (point->latencies_s, double, i);

          beyond += latency_is_valid (v) && v > cut;
        }
    }

  unit = sl_chart_time_unit (n > 0 ? (beyond > 0 ? cut : hi) : NAN, &factor);
  layout->x_title = g_strdup_printf (_("Task latency (%s)"), unit);
  layout->x_factor = factor;

  {
    /* Translators: legend of the latency histogram: "Threads, 8 workers" */
    g_autofree char *who = g_strdup_printf (NG_ ("%s, %u worker", "%s, %u workers",
                                                 point->workers),
                                            series ? series->label
                                                   : sl_chart_model_title (point->model),
                                            point->workers);

    /* Translators: "Threads, 8 workers: 320 tasks" */
    label = g_strdup_printf (NG_ ("%s: %u task", "%s: %u tasks", n), who, n);
  }
  entry = sl_chart_legend_add (layout, SL_LEGEND_BAR,
                               sl_chart_layout_series_color (layout, layout->bin_color),
                               g_steal_pointer (&label));
  entry->alpha = 0.8;

  if (n == 0)
    {
      layout->message = g_strdup (point->status == SL_POINT_FAILED
                                  ? _("This point failed before any task finished")
                                  : _("No per-task latencies for this point yet"));
      return;
    }

  *x_lo = lo * factor;
  *x_hi = (beyond > 0 ? cut : hi) * factor;
  layout->latency_cut = cut * factor;

  for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
    {
      double p = percentiles[i] * factor;
      g_autofree char *number = g_strdup_printf ("%.3g", p);

      layout->percentiles[i] = p;
      entry = sl_chart_legend_add (layout, SL_LEGEND_LINE,
                                   sl_chart_layout_role (layout, SL_CHART_ROLE_TEXT),
                                   g_strdup_printf ("%s = %s %s", names[i], number, unit));
      entry->style = styles[i];
      entry->line_width = 1.5;
    }

  if (beyond > 0)
    {
      g_autofree char *edge = g_strdup_printf ("%.3g %s", cut * factor, unit);
      g_autofree char *most = g_strdup_printf ("%.3g %s", hi * factor, unit);

      /* Translators: "3 tasks beyond 2.1 ms, up to 11 ms, are off the chart" */
      entry = sl_chart_legend_add (layout, SL_LEGEND_BAR,
                                   sl_chart_layout_series_color (layout, layout->bin_color),
                                   g_strdup_printf (NG_ ("%u task beyond %s, up to %s, is off "
                                                         "the chart",
                                                         "%u tasks beyond %s, up to %s, are off "
                                                         "the chart", beyond),
                                                    beyond, edge, most));
      entry->alpha = 0.3;
    }
}

static void
fill_bins (SlChartLayout *layout,
           const GArray  *latencies,
           guint          n_values)
{
  double lo = layout->x_axis.min, hi = layout->x_axis.max;
  guint n_bins;

  if (n_values == 0)
    return;

  /* About √n bins, but never bars thinner than three pixels. */
  n_bins = (guint) CLAMP (ceil (sqrt ((double) n_values) * 1.5), 8.0, 80.0);
  n_bins = MAX (1, MIN (n_bins, (guint) (layout->plot_w / 3.0)));

  layout->bins = g_array_new (FALSE, TRUE, sizeof (double));
  g_array_set_size (layout->bins, n_bins);
  layout->bin_start = lo;
  layout->bin_width = (hi - lo) / n_bins;

  for (guint i = 0; i < latencies->len; i++)
    {
      double v = g_array_index (latencies, double, i);
      int bin;

      if (!latency_is_valid (v))
        continue;
      v *= layout->x_factor;
      /* The slow few the legend counts are off the chart, not piled into the last bar. */
      if (v > layout->latency_cut)
        continue;
      bin = (int) floor ((v - lo) / layout->bin_width);

      bin = CLAMP (bin, 0, (int) n_bins - 1);
      g_array_index (layout->bins, double, bin) += 1.0;
    }
}

/* The histogram's axes: latency across, task counts up, whole counts only. */
void
sl_chart_setup_histogram_axes (SlChartLayout *layout,
                               double         x_lo,
                               double         x_hi,
                               const GArray  *latencies,
                               guint          n_latencies,
                               double        *y_lo,
                               double        *y_hi)
{
  double u = layout->font_size;
  guint max_ticks = (guint) CLAMP (layout->plot_w / (5.0 * u), 2.0, 12.0);
  double step, most = 1.0;

  layout->x_ticks = sl_chart_nice_ticks (x_lo, x_hi, max_ticks, &x_lo, &x_hi, &step);
  layout->x_decimals = sl_chart_step_decimals (step);
  sl_chart_axis_init (&layout->x_axis, x_lo, x_hi, FALSE);
  sl_chart_axis_set_pixels (&layout->x_axis, layout->plot_x, layout->plot_x + layout->plot_w);

  fill_bins (layout, latencies, n_latencies);
  if (layout->bins == NULL)
    return;

  for (guint i = 0; i < layout->bins->len; i++)
    most = MAX (most, g_array_index (layout->bins, double, i));

  max_ticks = (guint) CLAMP (layout->plot_h / (3.0 * u), 2.0, 10.0);
  g_array_unref (layout->y_ticks);
  /* A range of at least max_ticks - 1 keeps the step at one task or more. */
  layout->y_ticks = sl_chart_nice_ticks (0.0, MAX (most, (double) max_ticks - 1.0), max_ticks,
                                         y_lo, y_hi, NULL);
  layout->y_decimals = 0;
}
