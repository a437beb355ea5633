/* sl-chart-series.c: from a result's points to what a chart plots: its series, the article's
 * reference rows and the fitted curves. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sl-chart-private.h"
#include "sl-preset.h"

void
sl_chart_series_free (SlChartSeries *series)
{
  g_free (series->label);
  g_array_unref (series->samples);
  g_free (series);
}

static const char *model_titles[] = { N_("Threads"), N_("Processes") };
static const char *runtime_titles[] = { N_("native"), N_("Python") };

G_STATIC_ASSERT (G_N_ELEMENTS (model_titles) == SL_N_MODELS);
G_STATIC_ASSERT (G_N_ELEMENTS (runtime_titles) == SL_N_RUNTIMES);

const char *
sl_chart_model_title (SlModel model)
{
  /* A series of no one model (SL_N_MODELS) is of workers. */
  return (guint) model < SL_N_MODELS ? _(model_titles[model]) : _("Workers");
}

const char *
sl_chart_runtime_title (SlRuntime runtime)
{
  return (guint) runtime < SL_N_RUNTIMES ? _(runtime_titles[runtime]) : "?";
}

SlChartSeries *
sl_chart_find_series (GPtrArray *series,
                      SlRuntime  runtime,
                      SlModel    model,
                      gboolean   reference)
{
  for (guint i = 0; i < series->len; i++)
    {
      SlChartSeries *s = g_ptr_array_index (series, i);

      if (s->runtime == runtime && s->model == model && s->reference == reference)
        return s;
    }

  return NULL;
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const SlChartSample *sa = a;
  const SlChartSample *sb = b;

  if (sa->x != sb->x)
    return sa->x < sb->x ? -1 : 1;
  return sa->point_index - sb->point_index;
}

static double
finite_or_nan (double value)
{
  return isfinite (value) ? value : NAN;
}

/* The value a worker-count chart plots for `point`, in seconds, ×, percent or cores; its error
 * bar is the 95 % interval: the median's for times, the speedup's (a bootstrap of the ratio)
 * for speedups and efficiencies. */
static double
point_value (const SlPoint *point,
             SlChartKind    kind,
             double        *lo,
             double        *hi)
{
  *lo = *hi = NAN;

  switch (kind)
    {
    case SL_CHART_TIME:
      *lo = finite_or_nan (point->wall.median_lo);
      *hi = finite_or_nan (point->wall.median_hi);
      return point->wall.median;

    case SL_CHART_SPEEDUP:
      if (isfinite (point->speedup) && point->speedup_hi > point->speedup_lo)
        {
          *lo = finite_or_nan (point->speedup_lo);
          *hi = finite_or_nan (point->speedup_hi);
        }
      return point->speedup;

    case SL_CHART_EFFICIENCY:
      if (isfinite (point->efficiency) && point->workers > 0 &&
          point->speedup_hi > point->speedup_lo)
        {
          *lo = finite_or_nan (point->speedup_lo / point->workers * 100.0);
          *hi = finite_or_nan (point->speedup_hi / point->workers * 100.0);
        }
      return point->efficiency * 100.0;

    case SL_CHART_CPU:
      return point->cpu_util;

    case SL_CHART_TASKS:
    case SL_N_CHART_KINDS:
    default:
      return NAN;
    }
}

void
sl_chart_collect_series (SlChartLayout  *layout,
                         const SlResult *result)
{
  gboolean several_runtimes = FALSE;

  for (guint i = 1; i < result->points->len; i++)
    {
      const SlPoint *a = g_ptr_array_index (result->points, 0);
      const SlPoint *b = g_ptr_array_index (result->points, i);

      if (a->runtime != b->runtime)
        several_runtimes = TRUE;
    }

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
      SlChartSeries *series = sl_chart_find_series (layout->series, point->runtime, point->model,
                                                    FALSE);
      SlChartSample sample = { 0 };

      if (series == NULL)
        {
          series = g_new0 (SlChartSeries, 1);
          series->runtime = point->runtime;
          series->model = point->model;
          series->color_index = layout->series->len;
          series->samples = g_array_new (FALSE, TRUE, sizeof (SlChartSample));
          if (several_runtimes)
            /* Translators: a series name, e.g. "Threads (Python)" */
            series->label = g_strdup_printf (_("%s (%s)"), sl_chart_model_title (point->model),
                                             sl_chart_runtime_title (point->runtime));
          else
            series->label = g_strdup (sl_chart_model_title (point->model));
          g_ptr_array_add (layout->series, series);
        }

      sample.point_index = (int) i;
      sample.x = point->workers;
      if (layout->kind != SL_CHART_TASKS)
        {
          sample.y = point_value (point, layout->kind, &sample.lo, &sample.hi) * layout->y_factor;
          sample.lo *= layout->y_factor;
          sample.hi *= layout->y_factor;
        }
      else
        {
          sample.y = NAN;
          sample.lo = sample.hi = NAN;
        }
      /* Running and cancelled points too, from the repetitions they have. */
      sample.drawn = sl_point_has_measurements (point) && isfinite (sample.y) &&
                     point->workers > 0;
      /* Only a failure is marked: a point cancelled before its first run was not measured,
       * which is a gap, not a fault. */
      sample.failed = !sample.drawn && point->status == SL_POINT_FAILED;
      sample.provisional = sample.drawn && point->status != SL_POINT_DONE;
      sample.cancelled = sample.provisional && point->status == SL_POINT_CANCELLED;
      if (!isfinite (sample.lo) || !isfinite (sample.hi) || !sample.drawn)
        sample.lo = sample.hi = NAN;
      g_array_append_val (series->samples, sample);
    }

  for (guint i = 0; i < layout->series->len; i++)
    {
      SlChartSeries *series = g_ptr_array_index (layout->series, i);

      g_array_sort (series->samples, compare_samples);
    }
}

/* The article's tables as faint series beside the user's own, on the dimensionless charts only:
 * the article's CPython seconds and a native run's milliseconds share no useful time axis. */
void
sl_chart_collect_reference (SlChartLayout  *layout,
                            const SlResult *result,
                            double          x_lo,
                            double          x_hi)
{
  const SlPreset *preset;
  guint n_series = layout->series->len;
  double t1_threads = NAN, t1_processes = NAN;

  if (layout->kind != SL_CHART_SPEEDUP && layout->kind != SL_CHART_EFFICIENCY)
    return;
  if (result->spec == NULL || result->spec->preset == NULL)
    return;

  preset = sl_preset_lookup (result->spec->preset);
  if (preset == NULL || preset->reference == NULL || preset->n_reference == 0)
    return;

  for (guint r = 0; r < preset->n_reference; r++)
    {
      if (preset->reference[r].workers == 1)
        {
          t1_threads = preset->reference[r].threads_s;
          t1_processes = preset->reference[r].processes_s;
        }
    }

  for (guint i = 0; i < n_series; i++)
    {
      SlChartSeries *own = g_ptr_array_index (layout->series, i);
      SlChartSeries *series;
      double t1;

      if (own->model != SL_MODEL_THREADS && own->model != SL_MODEL_PROCESSES)
        continue;
      /* One faint series per model, even when several runtimes ran it. */
      if (sl_chart_find_series (layout->series, SL_N_RUNTIMES, own->model, TRUE) != NULL)
        continue;

      t1 = own->model == SL_MODEL_THREADS ? t1_threads : t1_processes;
      if (!isfinite (t1) || t1 <= 0.0)
        continue;

      series = g_new0 (SlChartSeries, 1);
      series->runtime = SL_N_RUNTIMES;
      series->model = own->model;
      series->color_index = own->color_index;
      series->reference = TRUE;
      series->samples = g_array_new (FALSE, TRUE, sizeof (SlChartSample));
      /* Translators: the article's numbers for one model,
       * e.g. "Article (CPython, 4 cores): Threads" */
      series->label = g_strdup_printf (_("%s: %s"), preset->reference_label
                                                    ? _(preset->reference_label) : _("Article"),
                                       sl_chart_model_title (own->model));

      for (guint r = 0; r < preset->n_reference; r++)
        {
          const SlReferenceRow *row = &preset->reference[r];
          double tw = own->model == SL_MODEL_THREADS ? row->threads_s : row->processes_s;
          SlChartSample sample = { .point_index = -1, .lo = NAN, .hi = NAN };

          /* Only beside the person's own sweep: the article's 16 workers do not stretch an axis
           * that ends at 4. */
          if (row->workers < x_lo || row->workers > x_hi || !isfinite (tw) || tw <= 0.0)
            continue;

          sample.x = row->workers;
          sample.y = t1 / tw;
          if (layout->kind == SL_CHART_EFFICIENCY)
            sample.y = sample.y / row->workers * 100.0;
          sample.drawn = TRUE;
          g_array_append_val (series->samples, sample);
        }

      if (series->samples->len == 0)
        {
          sl_chart_series_free (series);
          continue;
        }
      g_array_sort (series->samples, compare_samples);
      g_ptr_array_add (layout->series, series);
    }
}

void
sl_chart_collect_curves (SlChartLayout  *layout,
                         const SlResult *result)
{
  if (layout->kind != SL_CHART_SPEEDUP || result->analysis == NULL)
    return;

  for (guint i = 0; i < result->analysis->models->len; i++)
    {
      const SlModelAnalysis *m = &g_array_index (result->analysis->models, SlModelAnalysis, i);
      SlChartSeries *series = sl_chart_find_series (layout->series, m->runtime, m->model, FALSE);
      SlChartCurve curve = { 0 };

      if (!m->fitted || series == NULL)
        continue;

      curve.color_index = series->color_index;
      if (isfinite (m->serial_fraction) && m->serial_fraction >= 0.0 && m->serial_fraction <= 1.0)
        {
          curve.kind = SL_CURVE_AMDAHL;
          curve.serial_fraction = m->serial_fraction;
          curve.cpus = m->amdahl_cpus;
          g_array_append_val (layout->curves, curve);
        }
      if (isfinite (m->usl_sigma) && isfinite (m->usl_kappa) &&
          m->usl_sigma >= 0.0 && m->usl_kappa >= 0.0)
        {
          curve.kind = SL_CURVE_USL;
          curve.sigma = m->usl_sigma;
          curve.kappa = m->usl_kappa;
          g_array_append_val (layout->curves, curve);
        }
    }
}

void
sl_chart_dodge_series (SlChartLayout *layout)
{
  double r = MAX (layout->marker_radius, 2.0);
  /* Closer than this on the screen, two markers would hide each other. */
  double near = 1.5 * r;
  double step = 1.4 * r;

  if (layout->kind == SL_CHART_TASKS)
    return;

  /* Point by point: only markers that would cover one another move, each by its rank among the
   * series drawn there, so points apart stay exactly at their worker count. */
  for (guint i = 0; i < layout->series->len; i++)
    {
      SlChartSeries *series = g_ptr_array_index (layout->series, i);

      for (guint j = 0; !series->reference && j < series->samples->len; j++)
        {
          SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);
          double y = sl_chart_axis_map (&layout->y_axis, s->y);
          guint rank = 0, count = 0;

          if (!s->drawn)
            continue;

          for (guint k = 0; k < layout->series->len; k++)
            {
              const SlChartSeries *other = g_ptr_array_index (layout->series, k);

              for (guint m = 0; !other->reference && m < other->samples->len; m++)
                {
                  const SlChartSample *o = &g_array_index (other->samples, SlChartSample, m);

                  if (!o->drawn || o->x != s->x ||
                      fabs (sl_chart_axis_map (&layout->y_axis, o->y) - y) >= near)
                    continue;
                  count++;
                  rank += k < i;
                }
            }

          s->dx = count > 1 ? (rank - (count - 1) / 2.0) * step : 0.0;
        }
    }
}

double
sl_chart_sample_x (const SlChartLayout *layout,
                   const SlChartSample *sample)
{
  return sl_chart_axis_map (&layout->x_axis, sample->x) + sample->dx;
}
