/* sl-ui-util.h: small helpers the window's widgets share: the GResource, number formats that
 * match the CLI's table, and rendering a widget to a texture (tests and screenshots). */
#pragma once

#include <gtk/gtk.h>

#include "sl-runner.h"

G_BEGIN_DECLS

/* Where the window's GResource keeps its files. */
#define SL_UI_RESOURCE "/io/github/speeduplab/SpeedupLab"

/* Registers the window's GResource (templates, style, shortcuts) once; every widget with a
 * template calls it from class_init, since a static library's resource is not linked in by
 * itself. */
void        sl_ui_register_resources (void);

/* gtk_widget_dispose_template(), and the removal of the children the template does not name,
 * which GTK 4.8 leaves to the widget. */
void        sl_ui_dispose_template   (GtkWidget *widget,
                                      GType      type);

/* Seconds with the CLI table's precision: "36.13", "0.0147", "—" for NaN. */
char       *sl_ui_format_seconds (double seconds);
/* "2.00× (1.94–2.06)" with the speedup's interval, "2.00×" without one (or at W = 1), "—" for
 * NaN. */
char       *sl_ui_format_speedup (double speedup,
                                  double lo,
                                  double hi,
                                  guint  workers);
/* A measured time in the unit that suits it, three digits: "1.23 s", "14.7 ms", "523 µs". */
char       *sl_ui_format_time (double seconds);
/* A span of time for a person: "0.4 s", "12 s", "3 min 05 s", "1 h 02 min". */
char       *sl_ui_format_duration (double seconds);
/* The loops of a result's measured runs: "4 loops per run, calibrated to 100 ms",
 * "4 loops per run" as given; NULL for one loop as asked, or loops not calibrated yet. */
char       *sl_ui_describe_loops (const SlResult *result);
/* "2 points stopped on their budget" (repeated for precision, not precise yet when their budget
 * was spent), or NULL when none did. */
char       *sl_ui_describe_budget (const SlResult *result);

/* sl_runner_run_async(), with the sweep's threads and processes at `nice` (0–19) so that they
 * cannot starve the window's main thread; the engine thread is started from a short-lived
 * thread at that niceness, and everything it starts inherits it. Returns at once, as
 * sl_runner_run_async() does; signals, property notifications and the callback come on the
 * main thread, from the default main context. Call it on the main thread. */
void        sl_ui_runner_run_async   (SlRunner               *runner,
                                      const SlExperimentSpec *spec,
                                      int                     nice,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data);

/* A table as tab-separated text for the clipboard: a header line of the visible columns'
 * titles, then a line per row of `view`'s model. `properties` names, column by column in the
 * view's order, the string property of the row items that column shows. Tabs and line breaks
 * within a cell become spaces; every line ends with a line break. */
char       *sl_ui_column_view_dup_text (GtkColumnView     *view,
                                        const char *const *properties);

/* Renders what `widget` shows now into a texture with its window's renderer; NULL when the
 * widget is not realized or has no size. */
GdkTexture *sl_ui_render_widget (GtkWidget *widget);

G_END_DECLS
