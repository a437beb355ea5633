/* sl-chart-overlay.c: several results on one chart: a colour family per result (from
 * sl-chart-palette.c), a shade per model, the legend's "LABEL · threads", and the titles and
 * units they share. The layout code calls it to set up an overlay's data; it lays nothing out. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sl-chart-private.h"
#include "sl-compare.h"

/* The markers of a single result's usual series: threads a circle, processes a square. */
static SlMarker
model_marker (SlModel model)
{
  return model == SL_MODEL_PROCESSES ? SL_MARKER_SQUARE : SL_MARKER_CIRCLE;
}

char *
sl_chart_dup_overlay_title (const SlResult **results,
                            guint            n_results,
                            SlChartKind      kind)
{
  g_autofree char *first = NULL;

  g_return_val_if_fail (results != NULL && n_results > 0, NULL);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);

  first = sl_chart_dup_title (results[0], kind);
  for (guint i = 1; i < n_results; i++)
    {
      g_autofree char *other = sl_chart_dup_title (results[i], kind);

      if (!g_str_equal (first, other))
        /* Translators: chart title of a comparison: "Speedup — 3 experiments" */
        return g_strdup_printf (NG_ ("%s — %u experiment", "%s — %u experiments", n_results),
                                sl_chart_kind_get_title (kind), n_results);
    }

  return g_steal_pointer (&first);
}

/* Line `line` (0 or 1) of a result's subtitle, where the results agree on it; NULL otherwise. */
static char *
common_subtitle_line (char  **subtitles,
                      guint   n,
                      guint   line)
{
  g_autofree char *mine = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) lines = g_strsplit (subtitles[i], "\n", 2);
      const char *text = g_strv_length (lines) > line ? lines[line] : "";

      if (i == 0)
        mine = g_strdup (text);
      else if (!g_str_equal (mine, text))
        return NULL;
    }

  return g_steal_pointer (&mine);
}

/* What the results have in common, in the shape of a single result's subtitle: the experiment,
 * then the machine. */
static char *
overlay_subtitle (const SlResult **results,
                  guint            n)
{
  g_auto(GStrv) subtitles = g_new0 (char *, n + 1);
  g_autofree char *experiment = NULL;
  g_autofree char *machine = NULL;

  for (guint i = 0; i < n; i++)
    subtitles[i] = sl_chart_build_subtitle (results[i]);

  experiment = common_subtitle_line (subtitles, n, 0);
  machine = common_subtitle_line (subtitles, n, 1);
  if (experiment == NULL)
    experiment = g_strdup_printf (NG_ ("%u experiment; the legend says what differs",
                                       "%u experiments; the legend says what differs", n), n);
  if (machine == NULL)
    machine = g_strdup (_("Run on different machines"));

  return *machine != '\0' ? g_strdup_printf ("%s\n%s", experiment, machine)
                          : g_steal_pointer (&experiment);
}

/* The unit of the time axis is the one the slowest result needs. */
static void
set_kind_texts (SlChartLayout   *layout,
                const SlResult **results,
                guint            n)
{
  guint widest = 0;
  double smallest = G_MAXDOUBLE;

  for (guint i = 0; i < n && layout->kind == SL_CHART_TIME; i++)
    {
      layout->y_factor = 1.0;
      sl_chart_set_kind_texts (layout, results[i]);
      if (layout->y_factor < smallest)
        {
          smallest = layout->y_factor;
          widest = i;
        }
      g_clear_pointer (&layout->x_title, g_free);
      g_clear_pointer (&layout->y_title, g_free);
    }

  layout->y_factor = 1.0;
  sl_chart_set_kind_texts (layout, results[widest]);
}

void
sl_chart_overlay_setup (SlChartLayout   *layout,
                        const SlResult **results,
                        guint            n,
                        const char     **labels,
                        gboolean         with_subtitle)
{
  GPtrArray *all = layout->series;
  guint offset = 0;

  layout->overlay_colors = g_array_new (FALSE, FALSE, sizeof (SlChartColor));
  layout->overlay_markers = g_array_new (FALSE, FALSE, sizeof (SlMarker));
  layout->overlay_offsets = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The usable CPUs are drawn only when every result had as many. */
  layout->usable_cpus = results[0]->system != NULL ? results[0]->system->usable_cpus : 0;
  for (guint i = 1; i < n; i++)
    if ((results[i]->system != NULL ? results[i]->system->usable_cpus : 0) != layout->usable_cpus)
      layout->usable_cpus = 0;

  layout->title = sl_chart_dup_overlay_title (results, n, layout->kind);
  if (with_subtitle)
    layout->subtitle = overlay_subtitle (results, n);
  set_kind_texts (layout, results, n);

  /* Each result's series as a single chart of it has them, then renamed, recoloured and
   * renumbered into the one list. */
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(GPtrArray) own = g_ptr_array_new ();

      g_array_append_val (layout->overlay_offsets, offset);
      layout->series = own;
      sl_chart_collect_series (layout, results[r]);

      for (guint i = 0; i < own->len; i++)
        {
          SlChartSeries *series = g_ptr_array_index (own, i);
          SlChartColor color = sl_chart_overlay_color (layout->dark, r, series->model);
          SlMarker marker = model_marker (series->model);

          for (guint j = 0; j < series->samples->len; j++)
            g_array_index (series->samples, SlChartSample, j).point_index += (int) offset;
          series->color_index = all->len;
          g_array_append_val (layout->overlay_colors, color);
          g_array_append_val (layout->overlay_markers, marker);
          g_free (series->label);
          /* Translators: a series of a comparison: "native · threads" */
          series->label = g_strdup_printf (_("%s · %s"), labels[r],
                                           sl_model_to_string (series->model));
          g_ptr_array_add (all, series);
        }
      offset += results[r]->points->len;
    }

  layout->series = all;
}

GPtrArray *
sl_chart_overlay_labels (const SlResult **results,
                         guint            n)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, (gpointer) results[i]);

  return sl_compare_labels (array);
}

gboolean
sl_chart_layout_get_overlay_point (const SlChartLayout *layout,
                                   int                  index,
                                   guint               *result,
                                   guint               *point)
{
  GArray *offsets;
  gboolean found = FALSE;
  guint r = 0;

  g_return_val_if_fail (layout != NULL, FALSE);

  for (guint i = 0; i < layout->series->len && !found; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);

      for (guint j = 0; !series->reference && j < series->samples->len && !found; j++)
        found = index >= 0 && g_array_index (series->samples, SlChartSample, j).point_index == index;
    }
  if (!found)
    return FALSE;

  /* The last result whose points start at or before it. */
  offsets = layout->overlay_offsets;
  while (offsets != NULL && r + 1 < offsets->len &&
         g_array_index (offsets, guint, r + 1) <= (guint) index)
    r++;

  if (result != NULL)
    *result = r;
  if (point != NULL)
    *point = (guint) index - (offsets != NULL ? g_array_index (offsets, guint, r) : 0);
  return TRUE;
}
