/* sl-window.h: the main window: configure an experiment, run it, watch the curves grow. */
#pragma once

#include <adwaita.h>

#include "sl-experiment-panel.h"
#include "sl-results-view.h"
#include "sl-runner.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())

G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, AdwApplicationWindow)

SlWindow          *sl_window_new               (AdwApplication *application);
SlExperimentPanel *sl_window_get_panel         (SlWindow       *self);
SlResultsView     *sl_window_get_results_view  (SlWindow       *self);
SlRunner          *sl_window_get_runner        (SlWindow       *self);
gboolean           sl_window_get_running       (SlWindow       *self);
/* The result on screen (a copy of the live one while a sweep runs), or NULL. */
const SlResult    *sl_window_get_result        (SlWindow       *self);
/* Starts the panel's experiment; FALSE with `error` when it cannot start (invalid, running). */
gboolean           sl_window_run               (SlWindow       *self,
                                                GError        **error);
void               sl_window_cancel            (SlWindow       *self);
/* Writes the chart on screen (the speedup chart when the table is) to `path`, PNG or SVG (or
 * PDF) by its extension, drawn as the window draws it; what the Export menu saves. */
gboolean           sl_window_export_chart      (SlWindow       *self,
                                                const char     *path,
                                                GError        **error);
/* How much nicer than the window the sweep's threads and processes run (0–19; 10 unless set):
 * for bench/ui, which measures what it buys. */
void               sl_window_set_sweep_nice    (SlWindow       *self,
                                                int             nice);

G_END_DECLS
