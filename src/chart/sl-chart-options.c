/* sl-chart-options.c: chart kinds, their names and titles, and the default options. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sl-chart-private.h"
#include "sl-types.h"

static const char *kind_names[] = { "time", "speedup", "efficiency", "cpu", "tasks" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == SL_N_CHART_KINDS);

static const SlEnumNames chart_kind_names = SL_ENUM_NAMES (kind_names, FALSE);

SL_DEFINE_ENUM_NAMES (SlChartKind, chart_kind, chart_kind_names)

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
