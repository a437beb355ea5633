/* sl-chart-options.c: chart kinds, their names and titles, and the default options. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-chart-private.h"

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
  options->highlight_point = -1;
  options->theme = NULL;
  options->font = NULL;
  options->font_options = NULL;
}
