/* sl-window-documents.c: result documents in the window: one shown as it looked when it ran
 * (from the history or a file), loading them on a thread for showing, running again or
 * comparing, opening them through the file chooser or a drop on the window, and saving the one
 * on screen. A document that cannot be read is explained: in a toast for the history's, in a
 * dialog for a file a person chose. */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-error.h"
#include "sl-history.h"
#include "sl-result-io.h"
#include "sl-ui-util.h"
#include "sl-window-private.h"

/* ---- helpers ---- */

static char *
file_display_name (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  return g_filename_display_name (name);
}

/* "Ran 25 Nov 2026, 09:31 on AMD EPYC 7B13, 2 usable CPUs", and how it ended when not well. */
static char *
document_summary (const SlResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GDateTime) utc = result->created ? g_date_time_new_from_iso8601 (result->created,
                                                                             NULL) : NULL;
  g_autoptr(GDateTime) when = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *date = when ? g_date_time_format (when, _("%-d %b %Y, %H:%M")) : NULL;

  if (date != NULL)
    g_string_append_printf (text, _("Ran %s"), date);
  if (result->system != NULL && result->system->cpu_model != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "on %s, %u usable CPU",
                                           "on %s, %u usable CPUs",
                                           result->system->usable_cpus),
                              result->system->cpu_model, result->system->usable_cpus);
    }

  switch (result->status)
    {
    case SL_RESULT_CANCELLED:
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("cancelled"));
      break;
    case SL_RESULT_PARTIAL:
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("some points failed"));
      break;
    case SL_RESULT_RUNNING:
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", _("unfinished"));
      break;
    case SL_RESULT_COMPLETE:
    default:
      break;
    }

  {
    g_autofree char *loops = sl_ui_describe_loops (result);
    g_autofree char *budget = sl_ui_describe_budget (result);

    if (loops != NULL)
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", loops);
    if (budget != NULL)
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", budget);
  }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* AdwMessageDialog: libadwaita 1.6 deprecates it for AdwAlertDialog (1.5), which libadwaita
 * 1.2 (Debian 12) lacks. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
show_error_dialog (SlWindow   *self,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static GtkFileFilter *
results_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Speedup Lab results"));
  gtk_file_filter_add_suffix (filter, "speedup.json");
  return filter;
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("JSON documents"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  return filter;
}

/* While a sweep runs its live result is on screen: nothing else may take its place. */
gboolean
sl_window_refuse_while_running (SlWindow *self)
{
  if (!self->running)
    return FALSE;

  sl_window_toast (self, _("A sweep is running: its results stay on screen until it ends"));
  return TRUE;
}

/* ---- showing a document ---- */

void
sl_window_show_document (SlWindow   *self,
                         SlResult   *result,
                         const char *path)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (result != NULL);

  sl_window_leave_comparison (self);
  g_free (self->summary);
  self->summary = document_summary (result);
  g_free (self->shown_path);
  self->shown_path = g_strdup (path);
  sl_history_view_set_current (self->history_view, path);
  sl_window_show_final (self, result);
  sl_window_update_progress (self);
  sl_window_update_title (self);
}

const char *
sl_window_get_shown_path (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->shown_path;
}

/* ---- loading documents ---- */

typedef struct {
  GPtrArray   *paths;     /* char* */
  SlWindowLoad  purpose;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_ptr_array_unref (job->paths);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  LoadJob *job = data;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_free);

  for (guint i = 0; i < job->paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      SlResult *result;

      if (g_task_return_error_if_cancelled (task))
        return;

      result = sl_result_load (job->paths->pdata[i], &error);
      if (result == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (results, result);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

static void
run_again (SlWindow *self,
           SlResult *result)
{
  g_autoptr(SlResult) owned = result;
  g_autoptr(GError) error = NULL;

  sl_experiment_panel_set_spec (self->panel, result->spec);
  adw_view_stack_set_visible_child_name (self->sidebar_stack, "experiment");
  if (!sl_window_run (self, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot run it again: %s"), error->message);

      sl_window_toast (self, text);
    }
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), &error);

  if (results == NULL)
    {
      g_autofree char *name = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
        return;

      /* The loader's message names the file and says what is wrong with it. */
      name = file_display_name (job->paths->pdata[0]);
      if (job->purpose == SL_WINDOW_LOAD_OPEN)
        {
          g_autofree char *heading = g_strdup_printf (_("Cannot Open “%s”"), name);

          show_error_dialog (self, heading, error->message);
        }
      else
        sl_window_toast (self, error->message);
      return;
    }

  g_clear_object (&self->load_cancellable);
  if (job->purpose != SL_WINDOW_LOAD_RUN_AGAIN && sl_window_refuse_while_running (self))
    return;

  switch (job->purpose)
    {
    case SL_WINDOW_LOAD_SHOW:
    case SL_WINDOW_LOAD_OPEN:
      if (results->len == 1)
        sl_window_show_document (self, g_ptr_array_steal_index (results, 0),
                                 job->paths->pdata[0]);
      else
        sl_window_show_comparison (self, g_steal_pointer (&results));
      break;
    case SL_WINDOW_LOAD_RUN_AGAIN:
      run_again (self, g_ptr_array_steal_index (results, 0));
      break;
    case SL_WINDOW_LOAD_COMPARE:
      sl_window_show_comparison (self, g_steal_pointer (&results));
      break;
    default:
      g_assert_not_reached ();
    }
}

void
sl_window_load_async (SlWindow    *self,
            GPtrArray   *paths,
            SlWindowLoad  purpose)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job = g_new0 (LoadJob, 1);

  /* A newer request wins over one still reading. */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  job->paths = g_ptr_array_ref (paths);
  job->purpose = purpose;
  task = g_task_new (NULL, self->load_cancellable, load_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

void
sl_window_load_one_async (SlWindow    *self,
                const char  *path,
                SlWindowLoad  purpose)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (paths, g_strdup (path));
  sl_window_load_async (self, paths, purpose);
}

void
sl_window_open_files (SlWindow  *self,
                      GPtrArray *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (SL_IS_WINDOW (self));

  for (guint i = 0; i < files->len; i++)
    {
      char *path = g_file_get_path (files->pdata[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files->pdata[i]);
          g_autofree char *body =
            g_strdup_printf (_("%s is not a local file: Speedup Lab opens files of this computer."),
                             uri);

          show_error_dialog (self, _("Cannot Open the File"), body);
          return;
        }
      g_ptr_array_add (paths, path);
    }

  if (paths->len > 0 && !sl_window_refuse_while_running (self))
    sl_window_load_async (self, paths, SL_WINDOW_LOAD_OPEN);
}

/* ---- run again ---- */

static void
run_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  if (self->final == NULL || self->comparison != NULL || sl_window_refuse_while_running (self))
    return;
  run_again (self, sl_result_copy (self->final));
}

/* ---- saving documents ---- */

gboolean
sl_window_save_result (SlWindow    *self,
                       const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->final == NULL || self->comparison != NULL)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           _("There is no single result on screen to save"));
      return FALSE;
    }

  return sl_result_save (self->final, path, error);
}

/* GtkFileChooserNative: GTK 4.10 deprecates it for GtkFileDialog, which GTK 4.8 (Debian 12)
 * lacks. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  SlWindow *self = SL_WINDOW (g_object_get_data (G_OBJECT (dialog), "window"));
  /* The file to copy, or NULL to save the window's result. */
  const char *source = g_object_get_data (G_OBJECT (dialog), "source");
  if (response == GTK_RESPONSE_ACCEPT && !self->closed && (source != NULL || self->final != NULL))
    {
      g_autoptr(GFile) target = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      sl_window_write_async (self, target,
                             source == NULL ? sl_result_copy (self->final) : NULL,
                             SL_EXPORT_JSON, source);
    }

  g_object_unref (dialog);
}

/* "seed-cpu-2026-11-25.speedup.json" */
static char *
proposed_name (const SlResult *result)
{
  const char *name = result->spec->preset ? result->spec->preset : result->spec->workload;
  g_autofree char *date = result->created ? g_strndup (result->created, 10) : NULL;

  return date ? g_strdup_printf ("%s-%s%s", name, date, SL_HISTORY_SUFFIX)
              : g_strdup_printf ("%s%s", name, SL_HISTORY_SUFFIX);
}

static void
save_as (SlWindow   *self,
         const char *source,
         const char *name)
{
  g_autoptr(GtkFileFilter) filter = results_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save Result"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_set_data_full (G_OBJECT (dialog), "window", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "source", g_strdup (source), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autofree char *name = NULL;

  if (self->final == NULL || self->comparison != NULL)
    return;

  name = proposed_name (self->final);
  save_as (self, NULL, name);
}

static void
history_save_as_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autofree char *name = g_path_get_basename (path);

  save_as (self, path, name);
}

/* ---- opening documents ---- */

/* GtkFileChooserNative, as for saving above. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      sl_window_open_files (self, array);
    }

  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GtkFileFilter) results = results_filter ();
  g_autoptr(GtkFileFilter) json = json_filter ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Results"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Two or more files open side by side, as a comparison. */
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), results);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            SlWindow      *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;

  sl_window_open_files (self, files);
  return TRUE;
}

/* ---- set-up ---- */

void
sl_window_documents_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.history-save-as", "s",
                                   history_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.run-again", NULL, run_again_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);

  /* Bindings of the window, below the code editor's own Ctrl+O and Ctrl+S. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save",
                                       NULL);
}

void
sl_window_documents_init (SlWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
sl_window_documents_dispose (SlWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}
