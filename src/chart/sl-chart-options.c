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

static const char *kind_titles[] = {
  N_("Wall time"), N_("Speedup"), N_("Parallel efficiency"), N_("CPU utilization"),
  N_("Task latency"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_titles) == SL_N_CHART_KINDS);

const char *
sl_chart_kind_get_title (SlChartKind kind)
{
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);

  return _(kind_titles[kind]);
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
