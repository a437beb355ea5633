/* sl-chart-titles.c: the chart's title and subtitle, and the titles of its axes. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sl-chart-private.h"
#include "sl-preset.h"
#include "sl-text.h"
#include "sl-workload.h"

/* Parameter values longer than this are shortened in the subtitle (URL lists, code). */
#define MAX_PARAM_VALUE_CHARS 24

static const char *
workload_title (const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;
  const SlPreset *preset;
  const SlWorkload *workload;

  if (spec == NULL)
    return NULL;
  if (spec->preset != NULL && (preset = sl_preset_lookup (spec->preset)) != NULL)
    return _(preset->title);
  if (spec->workload != NULL && (workload = sl_workload_lookup (spec->workload)) != NULL)
    return _(workload->title);

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
      const SlParamInfo *info = workload ? sl_workload_find_param (workload, names[i]) : NULL;
      g_autofree char *redacted = NULL;
      const char *value = sl_params_lookup (spec->params, names[i]);

      if (value == NULL)
        value = "";
      if (!param_is_notable (spec, workload, info, value))
        continue;
      /* A chart is shown and shared: no URL password on it. */
      redacted = sl_text_redact_credentials (value);
      value = redacted;

      g_string_append (text, first ? " (" : ", ");
      first = FALSE;
      /* Code (python-custom's) does not fit on a line: how long it is. */
      if (strchr (value, '\n') != NULL)
        {
          guint n_lines = 1;

          for (const char *c = value; *c != '\0'; c++)
            n_lines += *c == '\n' && c[1] != '\0';
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %u line",
                                                     "%s: %u lines", n_lines),
                                  names[i], n_lines);
        }
      else if (g_utf8_strlen (value, -1) > MAX_PARAM_VALUE_CHARS)
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
char *
sl_chart_build_subtitle (const SlResult *result)
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
      g_string_append_printf (text, _(" · %s runtime"), sl_chart_runtime_title (spec->runtime));
      if (spec->tasks > 0)
        g_string_append_printf (text, NG_ (" · %" PRIu64 " task",
                                           " · %" PRIu64 " tasks",
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

const char *
sl_chart_time_unit (double max_seconds,
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

void
sl_chart_set_kind_texts (SlChartLayout  *layout,
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

            if (sl_point_has_measurements (point) && isfinite (point->wall.median))
              max_s = MAX (max_s, isfinite (point->wall.max) ? point->wall.max
                                                              : point->wall.median);
          }
        /* Translators: an axis title with its unit, "Wall time (ms)" */
        layout->y_title = g_strdup_printf (_("Wall time (%s)"),
                                           sl_chart_time_unit (isfinite (max_s) ? max_s : 1.0,
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
