/* sl-chart-view.h: a result drawn by the chart renderer, live while a sweep runs, with the
 * exact values of a point in a tooltip when the pointer rests on it.
 *
 * This widget is the one place of the window that calls the renderer, so the screen, the
 * exports and the tests all see the same drawing.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-chart.h"

G_BEGIN_DECLS

#define SL_TYPE_CHART_VIEW (sl_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (SlChartView, sl_chart_view, SL, CHART_VIEW, GtkWidget)

GtkWidget      *sl_chart_view_new                (SlChartKind     kind);
SlChartKind     sl_chart_view_get_kind           (SlChartView    *self);
/* The result is borrowed: the caller keeps it alive until it sets another (or NULL), and calls
 * sl_chart_view_result_changed() when it changed in place. */
void            sl_chart_view_set_result         (SlChartView    *self,
                                                  const SlResult *result);
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
/* Sets the hovered point as the pointer would, and returns the tooltip text it shows (NULL
 * when `x`, `y` hit no point). */
char           *sl_chart_view_hover_at           (SlChartView    *self,
                                                  double          x,
                                                  double          y);

/* For the tests: how many of result->points are drawn at their place, how many times the view
 * was drawn, and whether the last drawing used the dark theme. */
guint           sl_chart_view_count_drawn_points (SlChartView    *self);
guint           sl_chart_view_get_n_draws        (SlChartView    *self);
gboolean        sl_chart_view_get_drawn_dark     (SlChartView    *self);

G_END_DECLS
