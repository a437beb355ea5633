/* sl-window.h: the main window: configure an experiment, run it, watch the curves grow. */
#pragma once

#include <adwaita.h>

#include "sl-compare.h"
#include "sl-experiment-panel.h"
#include "sl-export.h"
#include "sl-history-view.h"
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
/* Exports (sl-window-export.c). The chart is the one on screen, or the speedup chart when the
 * table is; one result or the comparison's overlay, drawn by the view that shows it.
 * Writes it to `path`, PNG, SVG or PDF by its extension, as on screen: its size, the screen's
 * scale, its colours. */
gboolean           sl_window_export_chart      (SlWindow       *self,
                                                const char     *path,
                                                GError        **error);
/* The same with the export dialog's choices: a size (0: as on screen), a scale, colours. */
gboolean           sl_window_export_chart_full (SlWindow           *self,
                                                const char         *path,
                                                int                 width,
                                                int                 height,
                                                double              scale,
                                                SlChartExportTheme  theme,
                                                GError            **error);
/* The result on screen as a document, CSV, Markdown or hyperfine JSON; a comparison as its
 * JSON document only. */
gboolean           sl_window_export_data       (SlWindow       *self,
                                                const char     *path,
                                                SlExportFormat  format,
                                                GError        **error);
/* The chart on screen as an image, the table (or the comparison's) as tab-separated text. */
gboolean           sl_window_copy_chart        (SlWindow       *self,
                                                GError        **error);
gboolean           sl_window_copy_table        (SlWindow       *self,
                                                GError        **error);
/* How much nicer than the window the sweep's threads and processes run (0–19; 10 unless set):
 * for bench/ui, which measures what it buys. */
void               sl_window_set_sweep_nice    (SlWindow       *self,
                                                int             nice);

/* History and documents (sl-window-history.c). Every run is saved to the history folder,
 * $XDG_DATA_HOME/speedup-lab/experiments unless set. */
SlHistoryView     *sl_window_get_history_view  (SlWindow       *self);
const char        *sl_window_get_history_dir   (SlWindow       *self);
/* Lists `dir` as the history from now on. */
void               sl_window_set_history_dir   (SlWindow       *self,
                                                const char     *dir);
/* Keeps `result` in the history folder, on a thread; the list shows it when it is written. */
void               sl_window_save_to_history   (SlWindow       *self,
                                                const SlResult *result);
/* Shows `result` (taken), read from `path` (nullable), as it looked when it ran. */
void               sl_window_show_document     (SlWindow       *self,
                                                SlResult       *result,
                                                const char     *path);
/* The file of the result on screen: its history file, or the document opened; NULL for none. */
const char        *sl_window_get_shown_path    (SlWindow       *self);
/* Opens result documents (GFile*) as the file chooser or a drop would: one is shown, two or
 * more are compared; an unreadable one is explained in a dialog and nothing else changes. */
void               sl_window_open_files        (SlWindow       *self,
                                                GPtrArray      *files);
/* Stores a title of the person's own in the history file `path`, on a thread. */
void               sl_window_rename_async      (SlWindow       *self,
                                                const char     *path,
                                                const char     *title);
/* Writes the result on screen as a result document. */
gboolean           sl_window_save_result       (SlWindow       *self,
                                                const char     *path,
                                                GError        **error);
/* The results compared on screen (SlResult*), or NULL when one result is shown. */
GPtrArray         *sl_window_get_compared      (SlWindow       *self);
const SlComparison *sl_window_get_comparison   (SlWindow       *self);

G_END_DECLS
