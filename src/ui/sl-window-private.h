/* sl-window-private.h: the window's instance and what its two files share: the views and the
 * runner's events (sl-window.c), and the actions: run, cancel, export (sl-window-actions.c). */
#pragma once

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
  SlExperimentPanel    *panel;
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
  char                 *summary;        /* how the last run went */
  int                   sweep_nice;
  gboolean              running;
  gboolean              closed;
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
void sl_window_hold_release          (Hold           *hold);
void sl_window_hold_unref            (gpointer        hold);

/* sl-window-actions.c: win.run, win.run-preset, win.cancel, win.export, win.toggle-sidebar */
void sl_window_run_action            (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_run_preset_action     (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_cancel_action         (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_export_action         (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);
void sl_window_toggle_sidebar_action (GtkWidget      *widget,
                                      const char     *action_name,
                                      GVariant       *parameter);

G_END_DECLS
