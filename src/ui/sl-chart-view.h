/* sl-chart-view.h: a result drawn by the chart renderer, live while a sweep runs, or several
 * results overlaid to compare them, with the exact values of a point in a tooltip when the
 * pointer rests on it.
 *
 * This widget is the one place of the window that calls the renderer, so the screen, the
 * exports and the tests all see the same drawing: an export as shown, at the size on screen and
 * scale 1, is the screen's picture pixel for pixel.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-chart.h"

G_BEGIN_DECLS

#define SL_TYPE_CHART_VIEW (sl_chart_view_get_type ())

/* The colours of an export: the view's own (its style, as on screen), or the renderer's
 * built-in light or dark ones. The fonts are the view's in all three. */
typedef enum {
  SL_CHART_EXPORT_THEME_AS_SHOWN,
  SL_CHART_EXPORT_THEME_LIGHT,
  SL_CHART_EXPORT_THEME_DARK,
} SlChartExportTheme;

G_DECLARE_FINAL_TYPE (SlChartView, sl_chart_view, SL, CHART_VIEW, GtkWidget)

GtkWidget      *sl_chart_view_new                (SlChartKind     kind);
SlChartKind     sl_chart_view_get_kind           (SlChartView    *self);
/* The result is borrowed: the caller keeps it alive until it sets another (or NULL), and calls
 * sl_chart_view_result_changed() when it changed in place. Ends an overlay. */
void            sl_chart_view_set_result         (SlChartView    *self,
                                                  const SlResult *result);
/* Several results on one chart (sl_chart_layout_compute_overlay()). The results are borrowed
 * as by sl_chart_view_set_result(), until the next set_result() or set_overlay(); the array and
 * the labels are copied. `labels`, one per result, says what sets each apart; NULL computes
 * them with sl_compare_labels(). One result (or none) is sl_chart_view_set_result().
 * The tasks chart, which shows one point of one result, has no overlay: it shows a line that
 * says so, and its exports fail with that reason.
 * In an overlay, point indices (the hover point, "point-activated", the tests' counts) count
 * through the points of results[0], then those of results[1] and so on; see
 * sl_chart_view_split_point(). */
void            sl_chart_view_set_overlay        (SlChartView     *self,
                                                  const SlResult **results,
                                                  guint            n_results,
                                                  const char     **labels);
/* 0 with no result, 1 for one, the overlay's count for an overlay. */
guint           sl_chart_view_get_n_results      (SlChartView    *self);
/* The label of overlay result `index`; NULL outside an overlay. */
const char     *sl_chart_view_get_label          (SlChartView    *self,
                                                  guint           index);
/* Which result (0 outside an overlay) and which of its points the point index `index` is;
 * FALSE when the chart does not draw it. */
gboolean        sl_chart_view_split_point        (SlChartView    *self,
                                                  int             index,
                                                  guint          *result,
                                                  guint          *point);
/* The result shown; in an overlay, its first. */
const SlResult *sl_chart_view_get_result         (SlChartView    *self);
void            sl_chart_view_result_changed     (SlChartView    *self);
gboolean        sl_chart_view_get_show_fits      (SlChartView    *self);
void            sl_chart_view_set_show_fits      (SlChartView    *self,
                                                  gboolean        show_fits);
gboolean        sl_chart_view_get_show_reference (SlChartView    *self);
void            sl_chart_view_set_show_reference (SlChartView    *self,
                                                  gboolean        show_reference);
/* For the tasks chart: the point whose latencies it shows; -1 for the best. */
int             sl_chart_view_get_task_point     (SlChartView    *self);
void            sl_chart_view_set_task_point     (SlChartView    *self,
                                                  int             index);
/* The options the chart is drawn with now (theme included), for an export that matches. */
void            sl_chart_view_get_options        (SlChartView    *self,
                                                  SlChartOptions *options);
/* The point under the pointer, -1 for none. */
int             sl_chart_view_get_hover_point    (SlChartView    *self);
/* Steps the keyboard's point `step` drawn points on (negative: back), from the first or the last
 * when there is none, as Right and Left do; returns the point, -1 with nothing drawn. */
int             sl_chart_view_step_point         (SlChartView    *self,
                                                  int             step);
/* Sets the hovered point as the pointer would, and returns the tooltip text it shows (NULL
 * when `x`, `y` hit no point). */
char           *sl_chart_view_hover_at           (SlChartView    *self,
                                                  double          x,
                                                  double          y);

/* What the view shows, one result or an overlay, as the bytes of a file. `width` × `height` are
 * logical pixels (0 or less: the size on screen, or SL_CHART_DEFAULT_WIDTH × _HEIGHT while the
 * view is not on screen); `scale` multiplies both, as sl_chart_render() has it. Fails with
 * SL_ERROR_INVALID_INPUT when there is no chart or the size is out of range
 * (sl_chart_check_size()). */
GBytes         *sl_chart_view_render             (SlChartView         *self,
                                                  SlChartFormat        format,
                                                  int                  width,
                                                  int                  height,
                                                  double               scale,
                                                  SlChartExportTheme   theme,
                                                  GError             **error);
/* sl_chart_view_render() into `path`, replaced atomically; the format is the extension's (.png,
 * .svg, .pdf). */
gboolean        sl_chart_view_export             (SlChartView         *self,
                                                  const char          *path,
                                                  int                  width,
                                                  int                  height,
                                                  double               scale,
                                                  SlChartExportTheme   theme,
                                                  GError             **error);
/* The chart as shown, at its size on screen and `scale`, as a texture for the clipboard. */
GdkTexture     *sl_chart_view_dup_texture        (SlChartView         *self,
                                                  double               scale,
                                                  GError             **error);

/* For the tests: how many of the points (all the overlay's in an overlay) are drawn at their
 * place, how many times the view was drawn, and whether the last drawing used the dark
 * theme. */
guint           sl_chart_view_count_drawn_points (SlChartView    *self);
guint           sl_chart_view_get_n_draws        (SlChartView    *self);
gboolean        sl_chart_view_get_drawn_dark     (SlChartView    *self);

G_END_DECLS
