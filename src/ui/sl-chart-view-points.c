/* sl-chart-view-points.c: what a point of the chart view says when the pointer rests on it: its
 * result in an overlay, its median and spread, speedup, efficiency and CPU use. */
#define G_LOG_DOMAIN "sl-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-chart-view-private.h"
#include "sl-ui-util.h"

gboolean
sl_chart_view_split (SlChartView *self,
                     int          index,
                     guint       *result,
                     guint       *point)
{
  SlChartLayout *layout;

  if (index < 0 || (guint) index >= sl_chart_view_count_points (self))
    return FALSE;

  if (self->overlay == NULL)
    {
      *result = 0;
      *point = (guint) index;
      return TRUE;
    }

  layout = sl_chart_view_ensure_layout (self);
  return layout != NULL && sl_chart_layout_get_overlay_point (layout, index, result, point);
}

static const SlResult *
nth_result (SlChartView *self,
            guint        index)
{
  return self->overlay != NULL ? g_ptr_array_index (self->overlay, index) : self->result;
}

char *
sl_chart_view_describe_point (SlChartView *self,
                              guint        result_index,
                              guint        index)
{
  const SlResult *result = nth_result (self, result_index);
  const SlPoint *point = g_ptr_array_index (result->points, index);
  GString *text = g_string_new (NULL);
  g_autofree char *median = sl_ui_format_time (point->wall.median);
  g_autofree char *min = sl_ui_format_time (point->wall.min);
  g_autofree char *max = sl_ui_format_time (point->wall.max);
  g_autofree char *speedup = sl_ui_format_speedup (point->speedup, point->speedup_err,
                                                   point->workers);
  g_autofree char *workers =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers", point->workers),
                     point->workers);
  guint reps = point->repetitions->len;
  const char *model = point->model == SL_MODEL_THREADS ? _("Threads") : _("Processes");

  if (self->overlay != NULL)
    {
      g_autofree char *label = g_markup_escape_text (self->labels[result_index], -1);

      /* Translators: a tooltip's first line on an overlay: "native · Threads · 4 workers" */
      g_string_append_printf (text, _("<b>%s · %s · %s</b>"), label, model, workers);
    }
  else
    g_string_append_printf (text, "<b>%s · %s</b>", model, workers);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Median %s (%s–%s, %u of %u runs)"), median, min, max,
                          reps, result->spec->repeat);
  if (point->wall.unstable)
    g_string_append_printf (text, _(" · unstable: ±%.0f %%"), point->wall.cv * 100);
  g_string_append_c (text, '\n');
  if (isfinite (point->efficiency))
    g_string_append_printf (text, _("Speedup %s · efficiency %.0f %%"), speedup,
                            point->efficiency * 100);
  else
    g_string_append_printf (text, _("Speedup %s"), speedup);
  if (isfinite (point->cpu_util))
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("CPU use %.2f cores"), point->cpu_util);
    }
  if (point->status == SL_POINT_RUNNING)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Still being measured"));
    }
  else if (point->status == SL_POINT_CANCELLED || point->status == SL_POINT_FAILED)
    {
      g_autofree char *escaped = g_markup_escape_text (point->error ? point->error : "", -1);

      g_string_append_c (text, '\n');
      g_string_append (text, point->status == SL_POINT_FAILED ? _("Failed: ") : _("Cancelled: "));
      g_string_append (text, escaped);
    }

  return g_string_free (text, FALSE);
}
