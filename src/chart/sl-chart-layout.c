/* sl-chart-layout.c: from a result to a chart layout: series, axes, legend and where they go. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-chart-private.h"
#include "sl-preset.h"
#include "sl-workload.h"

/* Families tried in order: GNOME's UI font, then what every Linux has. */
#define CHART_FONT_FAMILY "Cantarell, DejaVu Sans, Sans"

/* Parameter values longer than this are shortened in the subtitle (URL lists, code). */
#define MAX_PARAM_VALUE_CHARS 24

/* gi18n-lib.h maps _() to this library's domain, but not ngettext(). */
#define NG_(singular, plural, n) g_dngettext (GETTEXT_PACKAGE, singular, plural, n)

static const char *kind_names[] = { "time", "speedup", "efficiency", "cpu", "tasks" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == SL_N_CHART_KINDS);

const char *
sl_chart_kind_to_string (SlChartKind kind)
{
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);

  return kind_names[kind];
}

gboolean
sl_chart_kind_from_string (const char  *text,
                           SlChartKind *out)
{
  for (guint i = 0; text != NULL && i < SL_N_CHART_KINDS; i++)
    {
      if (g_ascii_strcasecmp (kind_names[i], text) == 0)
        {
          if (out != NULL)
            *out = (SlChartKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sl_chart_kind_get_title (SlChartKind kind)
{
  switch (kind)
    {
    case SL_CHART_TIME:
      return _("Wall time");
    case SL_CHART_SPEEDUP:
      return _("Speedup");
    case SL_CHART_EFFICIENCY:
      return _("Parallel efficiency");
    case SL_CHART_CPU:
      return _("CPU utilization");
    case SL_CHART_TASKS:
      return _("Task latency");
    case SL_N_CHART_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
sl_chart_options_init (SlChartOptions *options)
{
  g_return_if_fail (options != NULL);

  options->dark = FALSE;
  options->show_reference = TRUE;
  options->show_fits = TRUE;
  options->task_point = -1;
}

/* Text */

void
sl_chart_layout_set_text (SlChartLayout *layout,
                          const char    *text,
                          double         size_factor,
                          gboolean       bold,
                          gboolean       tabular)
{
  g_autoptr(PangoAttrList) attrs = NULL;

  pango_font_description_set_absolute_size (layout->font,
                                            layout->font_size * size_factor * PANGO_SCALE);
  pango_font_description_set_weight (layout->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout->text, layout->font);

  /* Digits of equal width keep tick labels and legend numbers from jiggling as values change. */
  if (tabular)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    }
  pango_layout_set_attributes (layout->text, attrs);
  pango_layout_set_width (layout->text, -1);
  pango_layout_set_ellipsize (layout->text, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout->text, text, -1);
}

void
sl_chart_layout_text_size (SlChartLayout *layout,
                           double        *width,
                           double        *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout->text, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static void
text_measure (SlChartLayout *layout,
              const char    *text,
              double         size_factor,
              gboolean       bold,
              double        *width,
              double        *height)
{
  sl_chart_layout_set_text (layout, text, size_factor, bold, TRUE);
  sl_chart_layout_text_size (layout, width, height);
}

static void
text_init (SlChartLayout *layout)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Without metric hinting a layout measures the same on every surface and at every scale, so
   * a 2× PNG is exactly the 1× one enlarged and the geometry the tests check is what is drawn. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);

  layout->pango = pango_font_map_create_context (font_map);
  pango_cairo_context_set_font_options (layout->pango, font_options);
  pango_context_set_round_glyph_positions (layout->pango, FALSE);
  layout->text = pango_layout_new (layout->pango);
  layout->font = pango_font_description_from_string (CHART_FONT_FAMILY);

  cairo_font_options_destroy (font_options);
}

/* Series */

static void
series_free (SlChartSeries *series)
{
  g_free (series->label);
  g_array_unref (series->samples);
  g_free (series);
}

static void
legend_entry_free (SlLegendEntry *entry)
{
  g_free (entry->text);
  g_free (entry);
}

static const char *
model_title (SlModel model)
{
  switch (model)
    {
    case SL_MODEL_THREADS:
      return _("Threads");
    case SL_MODEL_PROCESSES:
      return _("Processes");
    case SL_N_MODELS:
    default:
      return _("Workers");
    }
}

static const char *
runtime_title (SlRuntime runtime)
{
  switch (runtime)
    {
    case SL_RUNTIME_NATIVE:
      return _("native");
    case SL_RUNTIME_PYTHON:
      return _("Python");
    case SL_N_RUNTIMES:
    default:
      return "?";
    }
}

static SlChartSeries *
find_series (GPtrArray *series,
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

static gboolean
status_has_values (SlPointStatus status)
{
  return status == SL_POINT_DONE || status == SL_POINT_RUNNING;
}

static double
finite_or_nan (double value)
{
  return isfinite (value) ? value : NAN;
}

/* The value a worker-count chart plots for `point`, in seconds, ×, percent or cores. */
static double
point_value (const SlPoint *point,
             SlChartKind    kind,
             double        *lo,
             double        *hi)
{
  double err;

  *lo = *hi = NAN;

  switch (kind)
    {
    case SL_CHART_TIME:
      *lo = finite_or_nan (point->wall.min);
      *hi = finite_or_nan (point->wall.max);
      return point->wall.median;

    case SL_CHART_SPEEDUP:
      err = point->speedup_err;
      if (isfinite (err) && err > 0.0 && isfinite (point->speedup))
        {
          *lo = point->speedup - err;
          *hi = point->speedup + err;
        }
      return point->speedup;

    case SL_CHART_EFFICIENCY:
      err = point->speedup_err;
      if (isfinite (err) && err > 0.0 && isfinite (point->efficiency) && point->workers > 0)
        {
          *lo = (point->speedup - err) / point->workers * 100.0;
          *hi = (point->speedup + err) / point->workers * 100.0;
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

static void
collect_series (SlChartLayout  *layout,
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
      SlChartSeries *series = find_series (layout->series, point->runtime, point->model, FALSE);
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
            series->label = g_strdup_printf (_("%s (%s)"), model_title (point->model),
                                             runtime_title (point->runtime));
          else
            series->label = g_strdup (model_title (point->model));
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
      sample.drawn = status_has_values (point->status) && isfinite (sample.y) && point->workers > 0;
      sample.failed = point->status == SL_POINT_FAILED || point->status == SL_POINT_CANCELLED;
      sample.running = point->status == SL_POINT_RUNNING;
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
static void
collect_reference (SlChartLayout  *layout,
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
      if (find_series (layout->series, SL_N_RUNTIMES, own->model, TRUE) != NULL)
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
       * e.g. "Article (CPython, 4 cores): threads" */
      series->label = g_strdup_printf (_("%s: %s"), preset->reference_label
                                                    ? preset->reference_label : _("Article"),
                                       sl_model_to_string (own->model));

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
          series_free (series);
          continue;
        }
      g_array_sort (series->samples, compare_samples);
      g_ptr_array_add (layout->series, series);
    }
}

static void
collect_curves (SlChartLayout  *layout,
                const SlResult *result)
{
  if (layout->kind != SL_CHART_SPEEDUP || result->analysis == NULL)
    return;

  for (guint i = 0; i < result->analysis->models->len; i++)
    {
      const SlModelAnalysis *m = &g_array_index (result->analysis->models, SlModelAnalysis, i);
      SlChartSeries *series = find_series (layout->series, m->runtime, m->model, FALSE);
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

/* Titles */

static const char *
workload_title (const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;
  const SlPreset *preset;
  const SlWorkload *workload;

  if (spec == NULL)
    return NULL;
  if (spec->preset != NULL && (preset = sl_preset_lookup (spec->preset)) != NULL)
    return preset->title;
  if (spec->workload != NULL && (workload = sl_workload_lookup (spec->workload)) != NULL)
    return workload->title;

  return spec->workload;
}

char *
sl_chart_dup_title (const SlResult *result,
                    SlChartKind     kind)
{
  const char *what;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);

  what = workload_title (result);
  if (what == NULL || *what == '\0')
    return g_strdup (sl_chart_kind_get_title (kind));

  /* Translators: chart title: "Speedup — Sum of 100 million integers" */
  return g_strdup_printf (_("%s — %s"), sl_chart_kind_get_title (kind), what);
}

static gboolean
param_is_default (const SlParamInfo *info,
                  const char        *value)
{
  const char *def = info->default_value ? info->default_value : "";

  switch (info->type)
    {
    case SL_PARAM_INT:
    case SL_PARAM_DOUBLE:
      return g_ascii_strtod (value, NULL) == g_ascii_strtod (def, NULL);
    case SL_PARAM_BOOL:
    case SL_PARAM_STRING:
    default:
      return g_str_equal (value, def);
    }
}

/* The parameters worth a place in the subtitle: the workload's first (its main knob), those the
 * preset sets, and any a person changed. The rest are defaults and would only push the machine
 * off the line. */
static gboolean
param_is_notable (const SlExperimentSpec *spec,
                  const SlWorkload       *workload,
                  const SlParamInfo      *info,
                  const char             *value)
{
  const SlPreset *preset;

  if (workload == NULL || info == NULL)
    return TRUE;
  if (info->flags & SL_PARAM_FLAG_INTERNAL)
    return FALSE;
  if (workload->n_params > 0 && info == &workload->params[0])
    return TRUE;
  if (!param_is_default (info, value))
    return TRUE;

  /* A parameter the preset sets is part of what the experiment is. */
  if (spec->preset != NULL && (preset = sl_preset_lookup (spec->preset)) != NULL &&
      sl_preset_get_param (preset, info->name) != NULL)
    return TRUE;

  return FALSE;
}

static void
append_params (GString                *text,
               const SlExperimentSpec *spec)
{
  const SlWorkload *workload = spec->workload ? sl_workload_lookup (spec->workload) : NULL;
  g_autofree const char **names = NULL;
  guint n_names = 0;
  gboolean first = TRUE;

  if (spec->params == NULL)
    return;

  names = sl_params_get_names (spec->params, &n_names);
  for (guint i = 0; i < n_names; i++)
    {
      const char *value = sl_params_lookup (spec->params, names[i]);
      const SlParamInfo *info = workload ? sl_workload_find_param (workload, names[i]) : NULL;

      if (value == NULL)
        value = "";
      if (!param_is_notable (spec, workload, info, value))
        continue;

      g_string_append (text, first ? " (" : ", ");
      first = FALSE;
      if (g_utf8_strlen (value, -1) > MAX_PARAM_VALUE_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (value, 0, MAX_PARAM_VALUE_CHARS - 1);

          g_string_append_printf (text, "%s=%s…", names[i], cut);
        }
      else
        {
          g_string_append_printf (text, "%s=%s", names[i], value);
        }
    }
  if (!first)
    g_string_append_c (text, ')');
}

/* Two lines: the experiment, then the machine it ran on. */
static char *
build_subtitle (const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;
  GString *text = g_string_new (NULL);
  GString *machine = g_string_new (NULL);
  guint n_done = 0, n_failed = 0;

  if (spec != NULL)
    {
      g_string_append (text, spec->workload ? spec->workload : "?");
      append_params (text, spec);
      /* Translators: the runtime in the subtitle: "native runtime", "Python runtime" */
      g_string_append_printf (text, _(" · %s runtime"), runtime_title (spec->runtime));
      if (spec->tasks > 0)
        g_string_append_printf (text, NG_ (" · %" G_GUINT64_FORMAT " task",
                                           " · %" G_GUINT64_FORMAT " tasks",
                                           (gulong) MIN (spec->tasks, G_MAXULONG)),
                                spec->tasks);
      if (spec->scaling == SL_SCALING_WEAK)
        g_string_append (text, _(" per worker (weak scaling)"));
      if (spec->repeat > 0)
        g_string_append_printf (text, NG_ (" × %u run", " × %u runs", spec->repeat),
                                spec->repeat);
    }

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->status == SL_POINT_DONE)
        n_done++;
      else if (point->status == SL_POINT_FAILED)
        n_failed++;
    }

  if (result->status == SL_RESULT_RUNNING)
    g_string_append_printf (text, _(" · running: %u of %u points"), n_done + n_failed,
                            result->points->len);
  else if (result->status == SL_RESULT_CANCELLED)
    g_string_append (text, _(" · cancelled"));
  if (n_failed > 0 && result->status != SL_RESULT_RUNNING)
    g_string_append_printf (text, NG_ (" · %u point failed", " · %u points failed", n_failed),
                            n_failed);

  if (result->system != NULL)
    {
      if (result->system->cpu_model != NULL && *result->system->cpu_model != '\0')
        g_string_append (machine, result->system->cpu_model);
      if (result->system->usable_cpus > 0)
        g_string_append_printf (machine, NG_ ("%s%u usable CPU", "%s%u usable CPUs",
                                              result->system->usable_cpus),
                                machine->len > 0 ? " · " : "", result->system->usable_cpus);
      if (result->system->kernel != NULL && *result->system->kernel != '\0')
        g_string_append_printf (machine, "%s%s", machine->len > 0 ? " · " : "",
                                result->system->kernel);
    }
  if (machine->len > 0)
    g_string_append_printf (text, "\n%s", machine->str);
  g_string_free (machine, TRUE);

  return g_string_free (text, FALSE);
}

static const char *
time_unit (double max_seconds,
           double *factor)
{
  if (!isfinite (max_seconds) || max_seconds >= 1.0)
    {
      *factor = 1.0;
      return _("s");
    }
  if (max_seconds >= 1e-3)
    {
      *factor = 1e3;
      return _("ms");
    }
  *factor = 1e6;
  return _("µs");
}

/* Legend */

static SlLegendEntry *
legend_add (SlChartLayout *layout,
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

static void
collect_legend (SlChartLayout  *layout,
                const SlResult *result)
{
  gboolean any_failed = FALSE;
  SlChartColor ideal = sl_chart_theme_color (layout->dark, SL_CHART_ROLE_IDEAL);

  /* The histogram names its one point itself (setup_tasks). */
  for (guint i = 0; layout->kind != SL_CHART_TASKS && i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);
      SlLegendEntry *entry;

      entry = legend_add (layout, SL_LEGEND_SERIES,
                          sl_chart_series_color (layout->dark, series->color_index),
                          g_strdup (series->label));
      entry->marker = (SlMarker) (series->color_index % SL_N_MARKERS);
      if (series->reference)
        {
          entry->hollow = TRUE;
          entry->alpha = 0.55;
          entry->line_width = 1.25;
        }

      for (guint j = 0; j < series->samples->len; j++)
        if (g_array_index (series->samples, SlChartSample, j).failed)
          any_failed = TRUE;
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

      entry = legend_add (layout, SL_LEGEND_LINE,
                          sl_chart_series_color (layout->dark, curve->color_index), text);
      entry->style = curve->kind == SL_CURVE_AMDAHL ? SL_LINE_DASHED : SL_LINE_DOTTED;
      entry->line_width = 1.75;
    }

  switch (layout->ideal)
    {
    case SL_IDEAL_DIAGONAL:
      legend_add (layout, SL_LEGEND_LINE, ideal, g_strdup (_("Ideal (S = W)")))->line_width = 1.5;
      break;
    case SL_IDEAL_FLAT_100:
      legend_add (layout, SL_LEGEND_LINE, ideal, g_strdup (_("Ideal (100 %)")))->line_width = 1.5;
      break;
    case SL_IDEAL_CORES:
      legend_add (layout, SL_LEGEND_LINE, ideal,
                  g_strdup (_("Ideal (one busy core per worker)")))->line_width = 1.5;
      break;
    case SL_IDEAL_NONE:
    default:
      break;
    }

  if (any_failed)
    legend_add (layout, SL_LEGEND_FAILED, sl_chart_theme_color (layout->dark, SL_CHART_ROLE_TEXT),
                g_strdup (_("Failed point")));
}

/* Lays the entries out in centred rows between `left` and `right`, from y = 0; returns the
 * height they take. */
static double
legend_flow (SlChartLayout *layout,
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

      text_measure (layout, entry->text, 0.9, FALSE, &w, &h);
      entry->width = sample_width + 0.5 * u + w;
      text_h = MAX (text_h, h);
    }
  row_h = text_h + 0.3 * u;

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

      x = left + MAX (0.0, (right - left - row_w) / 2.0);
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

/* Ranges */

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
 * live keeps its axis while the points fill in. */
static void
worker_x_range (const SlResult *result,
                double         *lo,
                double         *hi,
                gboolean       *all_pow2,
                guint          *n_distinct)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));

  *lo = INFINITY;
  *hi = -INFINITY;
  *all_pow2 = TRUE;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
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

/* Tasks */

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

static double *
sorted_latencies (const SlPoint *point,
                  guint         *n_out)
{
  double *values;
  guint n = 0;

  *n_out = 0;
  if (point->latencies_s == NULL || point->latencies_s->len == 0)
    return NULL;

  values = g_new (double, point->latencies_s->len);
  for (guint i = 0; i < point->latencies_s->len; i++)
    {
      double v = g_array_index (point->latencies_s, double, i);

      if (isfinite (v) && v >= 0.0)
        values[n++] = v;
    }
  qsort (values, n, sizeof (double), sl_compare_doubles);
  *n_out = n;

  return values;
}

static void
setup_tasks (SlChartLayout        *layout,
             const SlResult       *result,
             const SlChartOptions *options,
             double               *x_lo,
             double               *x_hi,
             double              **values,
             guint                *n_values)
{
  int index = options->task_point;
  const SlPoint *point;
  const SlChartSeries *series;
  SlLegendEntry *entry;
  double factor;
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
  *values = sorted_latencies (point, n_values);
  series = find_series (layout->series, point->runtime, point->model, FALSE);
  layout->bin_color = series ? series->color_index : 0;

  unit = time_unit (*n_values > 0 ? (*values)[*n_values - 1] : NAN, &factor);
  layout->x_title = g_strdup_printf (_("Task latency (%s)"), unit);
  layout->x_factor = factor;

  {
    /* Translators: legend of the latency histogram: "Threads, 8 workers" */
    g_autofree char *who = g_strdup_printf (NG_ ("%s, %u worker", "%s, %u workers",
                                                 point->workers),
                                            series ? series->label : model_title (point->model),
                                            point->workers);

    /* Translators: "Threads, 8 workers: 320 tasks" */
    label = g_strdup_printf (NG_ ("%s: %u task", "%s: %u tasks", *n_values), who, *n_values);
  }
  entry = legend_add (layout, SL_LEGEND_BAR,
                      sl_chart_series_color (layout->dark, layout->bin_color),
                      g_steal_pointer (&label));
  entry->alpha = 0.8;

  if (*n_values == 0)
    {
      layout->message = g_strdup (point->status == SL_POINT_FAILED
                                  ? _("This point failed before any task finished")
                                  : _("No per-task latencies for this point yet"));
      return;
    }

  *x_lo = (*values)[0] * factor;
  *x_hi = (*values)[*n_values - 1] * factor;

  for (guint i = 0; i < G_N_ELEMENTS (ps); i++)
    {
      double p = sl_percentile_sorted (*values, *n_values, ps[i]) * factor;
      g_autofree char *number = g_strdup_printf ("%.3g", p);

      layout->percentiles[i] = p;
      entry = legend_add (layout, SL_LEGEND_LINE,
                          sl_chart_theme_color (layout->dark, SL_CHART_ROLE_TEXT),
                          g_strdup_printf ("%s = %s %s", names[i], number, unit));
      entry->style = styles[i];
      entry->line_width = 1.5;
    }
}

static void
fill_bins (SlChartLayout *layout,
           const double  *values,
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

  for (guint i = 0; i < n_values; i++)
    {
      double v = values[i] * layout->x_factor;
      int bin = (int) floor ((v - lo) / layout->bin_width);

      bin = CLAMP (bin, 0, (int) n_bins - 1);
      g_array_index (layout->bins, double, bin) += 1.0;
    }
}

/* The layout */

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
      g_autofree char *label = g_strdup_printf ("%.*f", decimals, g_array_index (ticks, double, i));
      double w;

      text_measure (layout, label, 0.85, FALSE, &w, NULL);
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

/* The histogram's axes: latency across, task counts up, whole counts only. */
static void
setup_histogram_axes (SlChartLayout *layout,
                      double         x_lo,
                      double         x_hi,
                      const double  *latencies,
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

static void
set_kind_texts (SlChartLayout  *layout,
                const SlResult *result)
{
  switch (layout->kind)
    {
    case SL_CHART_TIME:
      {
        double max_s = -INFINITY;

        for (guint i = 0; i < result->points->len; i++)
          {
            const SlPoint *point = g_ptr_array_index (result->points, i);

            if (status_has_values (point->status) && isfinite (point->wall.median))
              max_s = MAX (max_s, isfinite (point->wall.max) ? point->wall.max
                                                              : point->wall.median);
          }
        /* Translators: an axis title with its unit, "Wall time (ms)" */
        layout->y_title = g_strdup_printf (_("Wall time (%s)"),
                                           time_unit (isfinite (max_s) ? max_s : 1.0,
                                                      &layout->y_factor));
      }
      break;
    case SL_CHART_SPEEDUP:
      layout->ideal = SL_IDEAL_DIAGONAL;
      layout->y_title = g_strdup (_("Speedup (×)"));
      break;
    case SL_CHART_EFFICIENCY:
      layout->ideal = SL_IDEAL_FLAT_100;
      layout->y_title = g_strdup (_("Efficiency (%)"));
      break;
    case SL_CHART_CPU:
      layout->ideal = SL_IDEAL_CORES;
      layout->y_title = g_strdup (_("CPU utilization (cores)"));
      break;
    case SL_CHART_TASKS:
      layout->y_title = g_strdup (_("Tasks"));
      return;
    case SL_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }

  layout->x_title = g_strdup (_("Workers"));
}

static SlChartLayout *
layout_new (SlChartKind kind,
            gboolean    dark,
            double      width,
            double      height)
{
  SlChartLayout *layout = g_new0 (SlChartLayout, 1);

  layout->kind = kind;
  layout->dark = dark;
  layout->width = width;
  layout->height = height;
  layout->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  layout->curves = g_array_new (FALSE, TRUE, sizeof (SlChartCurve));
  layout->legend = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_entry_free);
  layout->x_factor = 1.0;
  layout->y_factor = 1.0;
  for (guint i = 0; i < G_N_ELEMENTS (layout->percentiles); i++)
    layout->percentiles[i] = NAN;
  text_init (layout);

  /* Big enough to read on a 1200-pixel export, small enough to leave a thumbnail a plot. */
  layout->font_size = CLAMP (MIN (width, height * 1.5) / 60.0, 9.0, 15.0);
  layout->margin = round (1.4 * layout->font_size);

  return layout;
}

SlChartLayout *
sl_chart_layout_compute (const SlResult       *result,
                         SlChartKind           kind,
                         const SlChartOptions *options,
                         double                width,
                         double                height)
{
  SlChartLayout *layout;
  SlChartOptions defaults;
  double u, y, bottom, h, tick_h, y_title_h, label_w, step;
  double x_lo = 1.0, x_hi = 2.0, y_lo, y_hi;
  gboolean all_pow2 = FALSE;
  guint n_distinct = 0, max_ticks;
  g_autofree double *latencies = NULL;
  guint n_latencies = 0;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);

  if (options == NULL)
    {
      sl_chart_options_init (&defaults);
      options = &defaults;
    }

  layout = layout_new (kind, options->dark, isfinite (width) ? MAX (width, 1.0) : 1.0,
                       isfinite (height) ? MAX (height, 1.0) : 1.0);
  width = layout->width;
  height = layout->height;
  u = layout->font_size;
  layout->usable_cpus = result->system != NULL ? result->system->usable_cpus : 0;
  layout->title = sl_chart_dup_title (result, kind);
  if (height >= 16.0 * u)
    layout->subtitle = build_subtitle (result);

  /* Data */
  set_kind_texts (layout, result);
  collect_series (layout, result);
  if (kind == SL_CHART_TASKS)
    {
      setup_tasks (layout, result, options, &x_lo, &x_hi, &latencies, &n_latencies);
    }
  else
    {
      worker_x_range (result, &x_lo, &x_hi, &all_pow2, &n_distinct);
      if (options->show_reference)
        collect_reference (layout, result, x_lo, x_hi);
      if (options->show_fits)
        collect_curves (layout, result);
      if (!layout_has_data (layout))
        layout->message = g_strdup (result->status == SL_RESULT_RUNNING
                                    ? _("Waiting for the first finished point")
                                    : _("No point has a value to show"));
    }
  collect_legend (layout, result);

  /* Top down: title, subtitle, the row of labels above the plot (usable CPUs, percentiles). */
  y = layout->margin;
  text_measure (layout, layout->title, 1.3, TRUE, NULL, &h);
  layout->title_y = y;
  y += h;
  if (layout->subtitle != NULL)
    {
      text_measure (layout, layout->subtitle, 0.9, FALSE, NULL, &h);
      layout->subtitle_y = y + 0.1 * u;
      y = layout->subtitle_y + h;
    }
  y += 0.9 * u;

  text_measure (layout, "0123456789", 0.85, FALSE, NULL, &tick_h);
  layout->show_cores = kind != SL_CHART_TASKS && layout->usable_cpus > 0 &&
                       layout->usable_cpus >= x_lo && layout->usable_cpus <= x_hi && x_hi > x_lo;
  if (layout->show_cores || isfinite (layout->percentiles[0]))
    y += tick_h + 0.3 * u;
  layout->plot_y = y;

  /* Bottom up: the legend, the x axis title, the tick labels. */
  bottom = height - layout->margin;
  h = legend_flow (layout, layout->margin, width - layout->margin, 2.2 * u);
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
  text_measure (layout, layout->x_title, 0.9, FALSE, NULL, &h);
  bottom -= h + 0.3 * u + tick_h + 0.45 * u;
  layout->plot_h = MAX (bottom - layout->plot_y, 1.0);

  /* The y ticks depend on the plot's height, the plot's left edge on the widest y label. */
  y_range_for_kind (layout, x_hi, &y_lo, &y_hi);
  max_ticks = (guint) CLAMP (layout->plot_h / (3.0 * u), 2.0, 10.0);
  layout->y_ticks = sl_chart_nice_ticks (y_lo, y_hi, max_ticks, &y_lo, &y_hi, &step);
  layout->y_decimals = sl_chart_step_decimals (step);

  text_measure (layout, layout->y_title, 0.9, FALSE, NULL, &y_title_h);
  label_w = max_tick_label_width (layout, layout->y_ticks, layout->y_decimals);
  /* The histogram's counts are only known once the plot's width has set the bins; no bin
   * holds more than all the tasks. */
  if (kind == SL_CHART_TASKS)
    {
      g_autofree char *most = g_strdup_printf ("%u", MAX (n_latencies, 10));

      text_measure (layout, most, 0.85, FALSE, &h, NULL);
      label_w = MAX (label_w, h);
    }
  layout->plot_x = layout->margin + y_title_h + 0.6 * u + label_w + 0.5 * u;
  layout->plot_w = MAX (width - layout->margin - 0.5 * u - layout->plot_x, 1.0);

  if (kind == SL_CHART_TASKS)
    {
      setup_histogram_axes (layout, x_lo, x_hi, latencies, n_latencies, &y_lo, &y_hi);
    }
  else
    {
      setup_worker_axis (layout, x_lo, x_hi, all_pow2 && n_distinct >= 3);
      size_markers (layout);
    }

  sl_chart_axis_init (&layout->y_axis, y_lo, y_hi, FALSE);
  sl_chart_axis_set_pixels (&layout->y_axis, layout->plot_y + layout->plot_h, layout->plot_y);

  return layout;
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
          d = hypot (sl_chart_axis_map (&layout->x_axis, s->x) - x,
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
