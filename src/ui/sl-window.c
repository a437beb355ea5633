/* sl-window.c: the main window.
 *
 * The runner does the work on its engine thread; the window only shows what it reports. While
 * a sweep runs the views read the runner's live result, which stays the same object for the
 * run and changes only between two iterations of the main loop; they are refreshed at most
 * UPDATE_INTERVAL_MS apart, whatever the rate of the runner's events. When it ends, the views
 * show the window's own copy of the final result. Closing the window during a run cancels it;
 * the window goes at once, and the application is held until the engine has stopped every
 * worker. The actions (run, cancel, export) are in sl-window-actions.c.
 */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-article-dialog.h"
#include "sl-chart.h"
#include "sl-error.h"
#include "sl-history.h"
#include "sl-preset.h"
#include "sl-sysinfo.h"
#include "sl-ui-util.h"
#include "sl-window-private.h"

/* Views are refreshed at most this often while a sweep runs (about 10 times a second). */
#define UPDATE_INTERVAL_MS 100
/* The sweep's threads and processes run this much nicer than the window (see README: with 16
 * CPU-bound threads on 2 CPUs, the window's frames otherwise wait for hundreds of ms). */
#define SWEEP_NICE 10
G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_SHOW_FITS,
  PROP_SHOW_REFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
sl_window_toast (SlWindow   *self,
                 const char *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
show_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  g_autoptr(GFile) folder = g_file_get_parent (file);

  if (folder == NULL)
    return;

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

    gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (widget), NULL, NULL, NULL);
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (folder);

    gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
  }
#endif
}

void
sl_window_toast_saved (SlWindow *self,
                       GFile    *file,
                       guint     others)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *text = others == 0
                          ? g_strdup_printf (_("Saved “%s”"), display)
                          /* Translators: "Saved “r-threads.hyperfine.json” and 1 other file" */
                          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Saved “%s” and %u other file",
                                                          "Saved “%s” and %u other files",
                                                          others),
                                             display, others);
  g_autofree char *uri = g_file_get_uri (file);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  adw_toast_set_button_label (toast, _("Open _Folder"));
  adw_toast_set_action_name (toast, "win.show-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- what the views show ---- */

static void
apply_chart_options (SlWindow *self)
{
  for (SlChartKind kind = 0; kind < SL_N_CHART_KINDS; kind++)
    {
      SlChartView *chart = sl_results_view_get_chart (self->results_view, kind);

      sl_chart_view_set_show_fits (chart, self->show_fits);
      sl_chart_view_set_show_reference (chart, self->show_reference);
    }
}

void
sl_window_show_result (SlWindow       *self,
                       const SlResult *result)
{
  if (result == self->shown)
    sl_results_view_result_changed (self->results_view);
  else
    sl_results_view_set_result (self->results_view, result);
  self->shown = result;

  gtk_stack_set_visible_child_name (self->main_stack,
                                    result || self->comparison ? "results" : "empty");
  sl_window_update_actions (self);
}

/* Takes ownership of `result` and shows it; the previous one goes once the views let go. */
void
sl_window_show_final (SlWindow *self,
                      SlResult *result)
{
  SlResult *old = self->final;

  self->final = result;
  sl_window_show_result (self, result);
  g_clear_pointer (&old, sl_result_free);
}

static char *
progress_detail (SlWindow *self)
{
  const SlResult *live = sl_runner_get_result (self->runner);
  g_autoptr(GString) text = g_string_new (NULL);
  double elapsed = (g_get_monotonic_time () - self->started_us) / 1e6;

  g_string_append_printf (text, "%.0f %%", self->fraction * 100);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_string_append_printf (text, " · %s", _("Stopping the workers…"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  for (guint i = 0; live != NULL && i < live->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (live->points, i);

      if (point->status == SL_POINT_RUNNING)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text,
                                  point->model == SL_MODEL_THREADS
                                  ? g_dngettext (GETTEXT_PACKAGE, "measuring %u thread",
                                                 "measuring %u threads", point->workers)
                                  : g_dngettext (GETTEXT_PACKAGE, "measuring %u process",
                                                 "measuring %u processes", point->workers),
                                  point->workers);
          break;
        }
    }

  /* The estimate needs a few percent behind it to mean anything. */
  if (self->fraction >= 0.03 && elapsed > 1)
    {
      g_autofree char *left = sl_ui_format_duration (elapsed * (1 - self->fraction) /
                                                     self->fraction);

      g_string_append (text, " · ");
      g_string_append_printf (text, _("about %s left"), left);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
sl_window_update_progress (SlWindow *self)
{
  g_autofree char *detail = self->running ? progress_detail (self) : NULL;

  sl_results_view_set_progress (self->results_view, self->running, self->fraction,
                                self->running ? detail : self->summary);
}

void
sl_window_update_now (SlWindow *self)
{
  const SlResult *live = sl_runner_get_result (self->runner);

  self->last_update_us = g_get_monotonic_time ();
  if (self->running && live != NULL)
    sl_window_show_result (self, live);
  sl_window_update_progress (self);
}

static gboolean
update_timeout_cb (gpointer data)
{
  SlWindow *self = data;

  self->update_source = 0;
  sl_window_update_now (self);
  return G_SOURCE_REMOVE;
}

/* Coalesces the runner's events into one refresh per UPDATE_INTERVAL_MS. */
static void
queue_update (SlWindow *self)
{
  gint64 since_ms = (g_get_monotonic_time () - self->last_update_us) / 1000;

  if (self->update_source != 0)
    return;

  self->update_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE,
                                            since_ms >= UPDATE_INTERVAL_MS
                                            ? 0 : UPDATE_INTERVAL_MS - since_ms,
                                            update_timeout_cb, self, NULL);
}

static void
on_point_event_cb (SlWindow *self,
                   guint     index)
{
  queue_update (self);
}

static void
on_progress_cb (SlWindow *self,
                double    fraction)
{
  self->fraction = fraction;
  queue_update (self);
}

/* ---- running ---- */

/* The subtitle names what the content shows: the result on screen, else the panel's
 * experiment. */
void
sl_window_update_title (SlWindow *self)
{
  const char *preset_id = sl_experiment_panel_get_preset (self->panel);
  const SlPreset *preset = preset_id ? sl_preset_lookup (preset_id) : NULL;
  g_autoptr(SlExperimentSpec) spec = NULL;
  const SlWorkload *workload;

  if (self->comparison != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Comparing %u experiment",
                                      "Comparing %u experiments", self->compared->len),
                         self->compared->len);

      adw_window_title_set_subtitle (self->window_title, text);
      return;
    }

  if (self->shown != NULL && !self->running)
    {
      adw_window_title_set_subtitle (self->window_title,
                                     self->shown->title
                                     ? self->shown->title
                                     : sl_history_workload_title (self->shown->spec->preset,
                                                                  self->shown->spec->workload));
      return;
    }

  if (preset != NULL)
    {
      adw_window_title_set_subtitle (self->window_title, _(preset->title));
      return;
    }

  spec = sl_experiment_panel_dup_spec (self->panel);
  workload = sl_workload_lookup (spec->workload);
  adw_window_title_set_subtitle (self->window_title, workload ? _(workload->title) : "");
}

void
sl_window_update_actions (SlWindow *self)
{
  gboolean can_run;
  const char *problem;

  /* The panel's last words while the window is disposed of. */
  if (self->panel == NULL)
    return;

  can_run = sl_experiment_panel_get_can_run (self->panel);
  problem = sl_experiment_panel_get_problem_summary (self->panel);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run", !self->running && can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-preset", !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", self->running);
  sl_window_export_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 !self->running && self->final != NULL &&
                                 self->comparison == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.run-again",
                                 !self->running && self->final != NULL &&
                                 self->comparison == NULL);

  /* One button: Run, or Cancel while a sweep runs. */
  if (self->running)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.cancel");
      adw_button_content_set_label (self->run_content, _("_Cancel"));
      adw_button_content_set_icon_name (self->run_content, "media-playback-stop-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "destructive-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button),
                                   _("Stop the sweep, keeping what was measured (Escape)"));
    }
  else
    {
      g_autofree char *tooltip = problem
        ? g_strdup_printf (_("Cannot run: %s"), problem)
        : g_strdup (_("Run the experiment (Ctrl+R)"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "win.run");
      adw_button_content_set_label (self->run_content, _("_Run"));
      adw_button_content_set_icon_name (self->run_content, "media-playback-start-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_button), tooltip);
    }
}

void
sl_window_set_running (SlWindow *self,
                       gboolean  running)
{
  if (self->running == running)
    return;

  self->running = running;
  sl_experiment_panel_set_locked (self->panel, running);
  sl_window_update_actions (self);
  sl_window_update_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* Run and Cancel follow the runner's own state; the window stays running until the run's
 * callback has brought the final result, just after the runner stops. */
static void
on_runner_running_cb (SlWindow *self)
{
  if (sl_runner_is_running (self->runner))
    sl_window_set_running (self, TRUE);
}

void
sl_window_hold_release (Hold *hold)
{
  g_clear_handle_id (&hold->deadline, g_source_remove);
  if (hold->application != NULL)
    g_application_release (hold->application);
  g_clear_object (&hold->application);
}

void
sl_window_hold_unref (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) sl_window_hold_release);
}

static gboolean
hold_deadline_cb (gpointer data)
{
  Hold *hold = data;

  hold->deadline = 0;
  g_warning ("The engine did not stop within %d s of the window closing", CLOSE_DEADLINE_S);
  sl_window_hold_release (hold);
  return G_SOURCE_REMOVE;
}

/* ---- the panel ---- */

static void
on_panel_changed_cb (SlWindow *self)
{
  sl_window_update_actions (self);
  sl_window_update_title (self);
}

static void
sysinfo_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  g_autoptr(SlSysInfo) info = sl_sysinfo_collect ();

  g_task_return_int (task, info->usable_cpus);
}

static void
sysinfo_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  gssize usable = g_task_propagate_int (G_TASK (result), NULL);

  if (usable > 0)
    sl_experiment_panel_set_usable_cpus (self->panel, usable);
}

static gboolean
collect_sysinfo_cb (gpointer data)
{
  SlWindow *self = data;
  g_autoptr(GTask) task = g_task_new (NULL, self->lifetime, sysinfo_done_cb, g_object_ref (self));

  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, sysinfo_thread);
  return G_SOURCE_REMOVE;
}

static void
on_map_cb (SlWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_map_cb, NULL);
  g_idle_add_full (G_PRIORITY_LOW, collect_sysinfo_cb, g_object_ref (self), g_object_unref);
}

/* ---- closing ---- */

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);
  GtkApplication *application = gtk_window_get_application (window);

  sl_experiment_panel_save_settings (self->panel, self->settings);

  /* The sweep stops with the window; until the engine has stopped every worker, the
   * application must not quit under it. */
  if (self->running)
    sl_window_cancel (self);
  if (self->running && application != NULL && self->hold == NULL)
    {
      self->hold = g_rc_box_new0 (Hold);
      self->hold->application = g_object_ref (G_APPLICATION (application));
      g_application_hold (self->hold->application);
      self->hold->deadline = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, CLOSE_DEADLINE_S,
                                                         hold_deadline_cb,
                                                         g_rc_box_acquire (self->hold),
                                                         sl_window_hold_unref);
    }

  self->closed = !GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
  return !self->closed;
}

/* ---- GObject ---- */

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  self->closed = TRUE;
  g_cancellable_cancel (self->lifetime);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_source, g_source_remove);
  sl_window_history_dispose (self);
  sl_window_documents_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_finalize (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_clear_object (&self->runner);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lifetime);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->final, sl_result_free);
  g_clear_pointer (&self->hold, sl_window_hold_unref);
  g_clear_pointer (&self->summary, g_free);
  sl_window_history_finalize (self);
  sl_window_compare_finalize (self);

  G_OBJECT_CLASS (sl_window_parent_class)->finalize (object);
}

static void
sl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_SHOW_FITS:
      g_value_set_boolean (value, self->show_fits);
      break;
    case PROP_SHOW_REFERENCE:
      g_value_set_boolean (value, self->show_reference);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SlWindow *self = SL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_FITS:
      if (self->show_fits != g_value_get_boolean (value))
        {
          self->show_fits = g_value_get_boolean (value);
          apply_chart_options (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_REFERENCE:
      if (self->show_reference != g_value_get_boolean (value))
        {
          self->show_reference = g_value_get_boolean (value);
          apply_chart_options (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_window_dispose;
  object_class->finalize = sl_window_finalize;
  object_class->get_property = sl_window_get_property;
  object_class->set_property = sl_window_set_property;
  window_class->close_request = sl_window_close_request;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FITS] =
    g_param_spec_boolean ("show-fits", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_REFERENCE] =
    g_param_spec_boolean ("show-reference", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SL_TYPE_EXPERIMENT_PANEL);
  g_type_ensure (SL_TYPE_RESULTS_VIEW);
  g_type_ensure (SL_TYPE_HISTORY_VIEW);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, SL_UI_RESOURCE "/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, run_content);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, panel);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, history_view);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, results_view);

  gtk_widget_class_install_action (widget_class, "win.run", NULL, sl_window_run_action);
  gtk_widget_class_install_action (widget_class, "win.run-preset", "s",
                                   sl_window_run_preset_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, sl_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.show-folder", "s", show_folder_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL,
                                   sl_window_toggle_sidebar_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-fits", "show-fits");
  gtk_widget_class_install_property_action (widget_class, "win.show-reference",
                                            "show-reference");

  gtk_widget_class_install_action (widget_class, "win.show-history", NULL,
                                   sl_window_show_history_action);
  sl_window_history_class_init (widget_class);
  sl_window_documents_class_init (widget_class);
  sl_window_export_class_init (widget_class);
  sl_article_dialog_install_action (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.show-history", NULL);
}

static void
sl_window_init (SlWindow *self)
{
  GtkIconTheme *icons = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *icon_path = SL_UI_RESOURCE "/icons";
  g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (icons);

  /* The app's icon (the empty state shows it) from the window's own resources, whether or not
   * a GtkApplication with that base path added them already. */
  if (paths == NULL || !g_strv_contains ((const char * const *) paths, icon_path))
    gtk_icon_theme_add_resource_path (icons, icon_path);

  self->show_fits = TRUE;
  self->show_reference = TRUE;
  self->sweep_nice = SWEEP_NICE;
  self->lifetime = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->runner = sl_runner_new ();

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-fits", self, "show-fits", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-reference", self, "show-reference",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "chart", sl_results_view_get_stack (self->results_view),
                   "visible-child-name", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->runner, "point-started", G_CALLBACK (on_point_event_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "point-updated", G_CALLBACK (on_point_event_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "point-finished", G_CALLBACK (on_point_event_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "progress", G_CALLBACK (on_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runner, "notify::running", G_CALLBACK (on_runner_running_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->panel, "changed", G_CALLBACK (on_panel_changed_cb), self,
                           G_CONNECT_SWAPPED);

  sl_experiment_panel_load_settings (self->panel, self->settings);
  apply_chart_options (self);
  sl_window_history_init (self);
  sl_window_documents_init (self);
  sl_window_update_actions (self);
  sl_window_update_title (self);

  /* Reading /proc and /sys takes a while on some machines: not on the main thread, and not
   * before the window is on screen. */
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

SlWindow *
sl_window_new (AdwApplication *application)
{
  return g_object_new (SL_TYPE_WINDOW, "application", application, NULL);
}

SlExperimentPanel *
sl_window_get_panel (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->panel;
}

SlResultsView *
sl_window_get_results_view (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->results_view;
}

SlRunner *
sl_window_get_runner (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->runner;
}

gboolean
sl_window_get_running (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);

  return self->running;
}

const SlResult *
sl_window_get_result (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->shown;
}

void
sl_window_set_sweep_nice (SlWindow *self,
                          int       nice)
{
  g_return_if_fail (SL_IS_WINDOW (self));

  self->sweep_nice = CLAMP (nice, 0, 19);
}
