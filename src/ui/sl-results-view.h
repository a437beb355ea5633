/* sl-results-view.h: the content side of the window: the recommendation, warnings, the charts
 * and the table of one result, and the progress of a running sweep. */
#pragma once

#include <adwaita.h>

#include "sl-chart-view.h"
#include "sl-compare-table.h"
#include "sl-result-table.h"

G_BEGIN_DECLS

#define SL_TYPE_RESULTS_VIEW (sl_results_view_get_type ())

G_DECLARE_FINAL_TYPE (SlResultsView, sl_results_view, SL, RESULTS_VIEW, GtkWidget)

GtkWidget     *sl_results_view_new                (void);
/* Borrowed, as for SlChartView: valid until the next call; NULL shows nothing. */
void           sl_results_view_set_result         (SlResultsView  *self,
                                                   const SlResult *result);
/* Overlays the comparison's results on the charts and shows its table in place of the results
 * table, the tasks chart hidden (it shows one result). Borrowed like a result; NULL ends it
 * (then set a result). */
void           sl_results_view_set_comparison     (SlResultsView      *self,
                                                   const SlComparison *comparison);
SlCompareTable *sl_results_view_get_compare_table (SlResultsView  *self);
/* The visible page's numbers as tab-separated text (the results or the comparison table, the
 * table of the chart's result when a chart is shown), for the clipboard; NULL with nothing. */
char          *sl_results_view_dup_table_text     (SlResultsView  *self);
/* The result changed in place: redraw the charts and refresh the table and the texts. */
void           sl_results_view_result_changed     (SlResultsView  *self);
/* Shows the progress bar while `running`; `detail` says what is measured and how long is left,
 * or, after a run, how it went. */
void           sl_results_view_set_progress       (SlResultsView  *self,
                                                   gboolean        running,
                                                   double          fraction,
                                                   const char     *detail);
AdwViewStack  *sl_results_view_get_stack          (SlResultsView  *self);
SlChartView   *sl_results_view_get_chart          (SlResultsView  *self,
                                                   SlChartKind     kind);
/* The chart on screen; NULL when the table is. */
SlChartView   *sl_results_view_get_visible_chart  (SlResultsView  *self);
SlResultTable *sl_results_view_get_table          (SlResultsView  *self);
const char    *sl_results_view_get_recommendation (SlResultsView  *self);
/* The advice's title: its answer in a line once a sweep has one ("Use processes with 2
 * workers: 1.92× faster"), else what the words below are (So Far, Cancelled, Recommendation). */
const char    *sl_results_view_get_headline      (SlResultsView  *self);
const char    *sl_results_view_get_warnings       (SlResultsView  *self);

G_END_DECLS
