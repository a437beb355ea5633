/* sl-window-private.h: the window's instance and what its two files share: the views and the
 * runner's events (sl-window.c), and the actions: run, cancel, export (sl-window-actions.c). */
#pragma once

#include "sl-compare.h"
#include "sl-history-view.h"
#include "sl-window.h"

G_BEGIN_DECLS

/* A window closed during a run holds the application this long at most for the engine to stop. */
#define CLOSE_DEADLINE_S 10

/* The application, held from the closing of a window until its sweep has stopped. */
typedef struct {
  GApplication *application;
  guint         deadline;
} Hold;

struct _SlWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  AdwHeaderBar         *header_bar;
  GtkToggleButton      *sidebar_button;
  AdwWindowTitle       *window_title;
  GtkButton            *run_button;
  AdwButtonContent     *run_content;
  GtkMenuButton        *export_button;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  AdwViewStack         *sidebar_stack;
  SlExperimentPanel    *panel;
  SlHistoryView        *history_view;
  GtkStack             *main_stack;
  AdwStatusPage        *status_page;
  SlResultsView        *results_view;

  /* owned */
  GSettings            *settings;
  SlRunner             *runner;
  GCancellable         *cancellable;    /* of the running sweep */
  GCancellable         *lifetime;       /* cancelled when the window goes */
  const SlResult       *shown;          /* what the views show: `final` or the live result */
  SlResult             *final;          /* the last run's result */
  gint64                started_us;     /* monotonic start of the running sweep */
  gint64                last_update_us;
  double                fraction;
  guint                 update_source;
  Hold                 *hold;           /* while the window is closed and its sweep stops */
  char                 *summary;        /* how the last run went, or when the document ran */
  char                 *history_dir;
  char                 *shown_path;     /* the file of the result on screen, or NULL */
  GCancellable         *load_cancellable;
  GPtrArray            *pending_deletes; /* deletes a toast can still undo */
  GPtrArray            *compared;       /* SlResult*: the comparison on screen, or NULL */
  SlComparison         *comparison;
  int                   sweep_nice;
  gboolean              running;
  gboolean              closed;
  gboolean              history_listed;
  gboolean              show_fits;
  gboolean              show_reference;
};

/* sl-window.c */
void sl_window_toast                 (SlWindow       *self,
                                      const char     *text);
/* Shows `result` (borrowed: the runner's live result, or `final`). */
void sl_window_show_result           (SlWindow       *self,
                                      const SlResult *result);
/* Takes ownership of `result` and shows it; the previous one goes once the views let go. */
void sl_window_show_final            (SlWindow       *self,
                                      SlResult       *result);
void sl_window_update_progress       (SlWindow       *self);
/* Shows the live result and the progress now. */
void sl_window_update_now            (SlWindow       *self);
void sl_window_set_running           (SlWindow       *self,
                                      gboolean        running);
void sl_window_update_title          (SlWindow       *self);
void sl_window_update_actions        (SlWindow       *self);
/* A toast that says `file` was written (with `others` more beside it), with a button that
 * opens its folder. */
void sl_window_toast_saved           (SlWindow       *self,
                                      GFile          *file,
                                      guint           others);
void sl_window_hold_release          (Hold           *hold);
void sl_window_hold_unref            (gpointer        hold);

/* sl-window-actions.c: win.run, win.run-preset, win.cancel, win.toggle-sidebar,
 * win.show-history */
void sl_window_run_action            (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_run_preset_action     (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_cancel_action         (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_toggle_sidebar_action (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_show_history_action   (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);

/* sl-window-documents.c: documents shown, loaded, opened and saved */
typedef enum {
  SL_WINDOW_LOAD_SHOW,        /* an experiment of the history: a toast when it cannot be read */
  SL_WINDOW_LOAD_OPEN,        /* files a person chose or dropped: a dialog when not */
  SL_WINDOW_LOAD_RUN_AGAIN,
  SL_WINDOW_LOAD_COMPARE,
} SlWindowLoad;

void     sl_window_documents_class_init (GtkWidgetClass *widget_class);
void     sl_window_documents_init       (SlWindow       *self);
void     sl_window_documents_dispose    (SlWindow       *self);
/* Reads the result documents `paths` (char*) on a thread, then does what `purpose` says; a
 * newer load cancels an older one. */
void     sl_window_load_async           (SlWindow       *self,
                                         GPtrArray      *paths,
                                         SlWindowLoad    purpose);
void     sl_window_load_one_async       (SlWindow       *self,
                                         const char     *path,
                                         SlWindowLoad    purpose);
/* While a sweep runs its live result is on screen: TRUE, with a toast that says so. */
gboolean sl_window_refuse_while_running (SlWindow       *self);

/* sl-window-history.c: the history page, saving every run */
void sl_window_history_class_init    (GtkWidgetClass *widget_class);
void sl_window_history_init          (SlWindow       *self);
void sl_window_history_dispose       (SlWindow       *self);
void sl_window_history_finalize      (SlWindow       *self);
/* Deletes now what the undo toasts still hold. */
void sl_window_commit_deletes        (SlWindow       *self);

/* sl-window-export.c: win.export-chart, win.export-data, win.copy-chart, win.copy-table */
void sl_window_export_class_init     (GtkWidgetClass *widget_class);
void sl_window_export_update_actions (SlWindow       *self);
/* Writes `result` (taken) in `format` to `target`, or copies the file `copy_from` there, on a
 * thread; then a toast says it was saved, or why not. */
void sl_window_write_async           (SlWindow       *self,
                                      GFile          *target,
                                      SlResult       *result,
                                      SlExportFormat  format,
                                      const char     *copy_from);

/* sl-window-compare.c: several results on the same charts */
/* Takes `results` (SlResult*, two or more) and shows them side by side. */
void sl_window_show_comparison       (SlWindow       *self,
                                      GPtrArray      *results);
/* Back to one result: the comparison's results go once the views let go of them. */
void sl_window_leave_comparison      (SlWindow       *self);
void sl_window_compare_finalize      (SlWindow       *self);

G_END_DECLS
