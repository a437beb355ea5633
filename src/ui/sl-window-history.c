/* sl-window-history.c: the window's history. Every experiment the window runs is saved to the
 * history folder when it ends; the history page of the sidebar lists the folder, and its rows
 * show an experiment again, run it again, rename it or delete it (with an undo toast), or pick
 * it for a comparison. Showing and loading documents is sl-window-documents.c's.
 *
 * Files are read and written on GTask threads: the main thread only shows what they found.
 */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-error.h"
#include "sl-history.h"
#include "sl-window-private.h"

/* How long the toast of a delete offers to undo it; the files go when it goes. */
#define UNDO_TIMEOUT_S 7

static void
on_history_activated_cb (SlWindow      *self,
                         SlHistoryItem *item,
                         SlHistoryView *view)
{
  const SlHistoryEntry *entry = sl_history_item_get_entry (item);

  if (entry->error != NULL)
    {
      sl_window_toast (self, entry->error);
      return;
    }
  if (sl_window_refuse_while_running (self))
    return;

  sl_window_load_one_async (self, entry->path, SL_WINDOW_LOAD_SHOW);
  /* On a folded window the sidebar covers the content: let the experiment be seen. AdwFlap:
   * libadwaita 1.4 deprecates it for AdwOverlaySplitView, which 1.2 (Debian 12) lacks. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* ---- saving every run ---- */

typedef struct {
  char     *dir;
  SlResult *result;
  gpointer  final;        /* which result of the window it is, to compare, never to read */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->dir);
  sl_result_free (job->result);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  SaveJob *job = data;
  GError *error = NULL;
  g_autofree char *path = sl_history_save (job->dir, job->result, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sl_history_entry_read (path),
                           (GDestroyNotify) sl_history_entry_free);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  SlHistoryEntry *entry = g_task_propagate_pointer (G_TASK (result), &error);
  SlHistoryItem *item;

  if (entry == NULL)
    {
      g_autofree char *text = NULL;

      if (self->closed)
        return;
      text = g_strdup_printf (_("The experiment could not be kept in the history: %s"),
                              error->message);
      sl_window_toast (self, text);
      return;
    }

  if (self->closed || g_strcmp0 (job->dir, self->history_dir) != 0)
    {
      sl_history_entry_free (entry);
      return;
    }

  item = sl_history_view_add (self->history_view, entry);
  /* Still on screen: it is now that file, for renaming, deleting and comparing. */
  if (item != NULL && self->final == job->final && self->comparison == NULL)
    {
      g_free (self->shown_path);
      self->shown_path = g_strdup (sl_history_item_get_path (item));
      sl_history_view_set_current (self->history_view, self->shown_path);
    }
}

void
sl_window_save_to_history (SlWindow       *self,
                           const SlResult *result)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (result != NULL);

  job = g_new0 (SaveJob, 1);
  job->dir = g_strdup (self->history_dir);
  job->result = sl_result_copy (result);
  job->final = (gpointer) result;

  /* Not cancelled by the window's going: an experiment that ran is kept. */
  task = g_task_new (NULL, NULL, save_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

void
sl_window_set_history_dir (SlWindow   *self,
                           const char *dir)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (dir != NULL);

  sl_window_commit_deletes (self);
  g_free (self->history_dir);
  self->history_dir = g_strdup (dir);
  self->history_listed = TRUE;
  sl_history_view_load (self->history_view, dir);
}

const char *
sl_window_get_history_dir (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->history_dir;
}

SlHistoryView *
sl_window_get_history_view (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);

  return self->history_view;
}

/* ---- delete, with undo ---- */

typedef struct {
  SlWindow  *window;     /* unowned: the window commits or drops every delete before it goes */
  GPtrArray *items;      /* SlHistoryItem* */
  char      *dir;
  AdwToast  *toast;      /* unowned */
  gboolean   undone;
} PendingDelete;

static void
pending_delete_free (PendingDelete *pending)
{
  g_ptr_array_unref (pending->items);
  g_free (pending->dir);
  g_free (pending);
}

static void
delete_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  PendingDelete *pending = data;
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < pending->items->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!sl_history_delete_in (pending->dir,
                                 sl_history_item_get_path (pending->items->pdata[i]), &error) &&
          !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_string_append_printf (problems, "%s%s", problems->len ? "\n" : "", error->message);
    }

  if (problems->len > 0)
    g_task_return_new_error (task, SL_ERROR, SL_ERROR_IO, "%s", problems->str);
  else
    g_task_return_boolean (task, TRUE);
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && !self->closed)
    sl_window_toast (self, error->message);
}

/* Deletes the files of `pending` (taking it) now, on a thread. */
static void
commit_delete (SlWindow      *self,
               PendingDelete *pending,
               gboolean       wait)
{
  /* No source object: a task may end on its thread, and the window's last reference must
   * never go there. The callback holds the window instead, on the main thread. */
  g_autoptr(GTask) task = wait ? g_task_new (NULL, NULL, NULL, NULL)
                               : g_task_new (NULL, NULL, delete_done_cb, g_object_ref (self));

  g_task_set_task_data (task, pending, (GDestroyNotify) pending_delete_free);
  if (wait)
    g_task_run_in_thread_sync (task, delete_thread);
  else
    g_task_run_in_thread (task, delete_thread);
}

static void
on_toast_dismissed_cb (AdwToast      *toast,
                       PendingDelete *pending)
{
  SlWindow *self = pending->window;

  g_signal_handlers_disconnect_by_data (toast, pending);
  g_ptr_array_remove (self->pending_deletes, pending);
  if (pending->undone)
    pending_delete_free (pending);
  else
    commit_delete (self, pending, FALSE);
}

void
sl_window_commit_deletes (SlWindow *self)
{
  while (self->pending_deletes->len > 0)
    {
      PendingDelete *pending = g_ptr_array_steal_index (self->pending_deletes, 0);

      g_signal_handlers_disconnect_by_data (pending->toast, pending);
      if (pending->undone)
        pending_delete_free (pending);
      else
        commit_delete (self, pending, TRUE);
    }
}

static void
delete_items (SlWindow  *self,
              GPtrArray *items)
{
  PendingDelete *pending;
  g_autofree char *text = NULL;

  if (items->len == 0)
    return;

  pending = g_new0 (PendingDelete, 1);
  pending->window = self;
  pending->items = g_ptr_array_ref (items);
  pending->dir = g_strdup (self->history_dir);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (self->shown_path, sl_history_item_get_path (items->pdata[i])) == 0)
      {
        /* What is on screen stays there, but it is no longer a file of the history. */
        g_clear_pointer (&self->shown_path, g_free);
        sl_history_view_set_current (self->history_view, NULL);
      }

  if (items->len == 1)
    text = g_strdup_printf (_("“%s” deleted"),
                            sl_history_item_get_title (items->pdata[0]));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u experiment deleted",
                                         "%u experiments deleted", items->len),
                            items->len);

  pending->toast = adw_toast_new (text);
  adw_toast_set_timeout (pending->toast, UNDO_TIMEOUT_S);
  adw_toast_set_button_label (pending->toast, _("_Undo"));
  adw_toast_set_action_name (pending->toast, "win.undo-delete");
  g_signal_connect (pending->toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), pending);
  g_ptr_array_add (self->pending_deletes, pending);
  adw_toast_overlay_add_toast (self->toast_overlay, pending->toast);
}

static void
history_delete_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  SlHistoryItem *item = sl_history_view_remove (self->history_view,
                                                g_variant_get_string (parameter, NULL));

  if (item == NULL)
    return;

  g_ptr_array_add (items, item);
  delete_items (self, items);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  for (guint i = self->pending_deletes->len; i > 0; i--)
    {
      PendingDelete *pending = self->pending_deletes->pdata[i - 1];

      if (pending->undone)
        continue;

      pending->undone = TRUE;
      for (guint j = 0; j < pending->items->len; j++)
        sl_history_view_insert (self->history_view, pending->items->pdata[j]);
      adw_toast_dismiss (pending->toast);
      return;
    }
}

/* AdwMessageDialog: libadwaita 1.6 deprecates it for AdwAlertDialog (1.5), which libadwaita
 * 1.2 (Debian 12) lacks. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
delete_all_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        SlWindow         *self)
{
  g_autoptr(GPtrArray) items = NULL;
  PendingDelete *pending;

  if (!g_str_equal (response, "delete"))
    return;

  items = sl_history_view_remove_all (self->history_view);
  if (items->len == 0)
    return;

  g_clear_pointer (&self->shown_path, g_free);
  sl_history_view_set_current (self->history_view, NULL);

  /* Confirmed already: no undo. */
  pending = g_new0 (PendingDelete, 1);
  pending->window = self;
  pending->items = g_steal_pointer (&items);
  pending->dir = g_strdup (self->history_dir);
  commit_delete (self, pending, FALSE);
}

static void
history_delete_all_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  guint n = g_list_model_get_n_items (sl_history_view_get_items (self->history_view));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (n == 0)
    return;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The experiment of the history will be deleted from this computer. This cannot be undone.",
                                       "All %u experiments of the history will be deleted from this computer. This cannot be undone.",
                                       n),
                          n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete All Experiments?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_all_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* ---- rename ---- */

typedef struct {
  char *path;
  char *title;
} RenameJob;

static void
rename_job_free (RenameJob *job)
{
  g_free (job->path);
  g_free (job->title);
  g_free (job);
}

static void
rename_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  RenameJob *job = data;
  GError *error = NULL;

  if (sl_history_rename (job->path, job->title, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
rename_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  RenameJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  SlHistoryItem *item;
  g_autofree char *title = NULL;

  if (self->closed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      sl_window_toast (self, error->message);
      return;
    }

  title = job->title ? g_strstrip (g_strdup (job->title)) : NULL;
  item = sl_history_view_lookup (self->history_view, job->path);
  if (item != NULL)
    sl_history_item_set_title (item, title);

  if (g_strcmp0 (self->shown_path, job->path) == 0 && self->final != NULL)
    {
      g_free (self->final->title);
      self->final->title = title && *title ? g_strdup (title) : NULL;
      sl_window_update_title (self);
    }
}

void
sl_window_rename_async (SlWindow   *self,
                        const char *path,
                        const char *title)
{
  g_autoptr(GTask) task = NULL;
  RenameJob *job;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (RenameJob, 1);
  job->path = g_strdup (path);
  job->title = g_strdup (title);
  task = g_task_new (NULL, NULL, rename_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) rename_job_free);
  g_task_run_in_thread (task, rename_thread);
}

/* AdwMessageDialog, as for deleting all above. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SlWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (g_str_equal (response, "rename"))
    sl_window_rename_async (self, path, gtk_editable_get_text (entry));
}

static void
history_rename_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  SlHistoryItem *item = sl_history_view_lookup (self->history_view, path);
  const SlHistoryEntry *entry;
  GtkWidget *dialog;
  GtkWidget *entry_widget;

  if (item == NULL)
    return;

  entry = sl_history_item_get_entry (item);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Rename Experiment"),
                                   _("A title of your own, kept in the experiment’s file. "
                                     "Leave it empty to go back to the preset’s or workload’s name."));
  entry_widget = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (entry_widget), SL_HISTORY_MAX_TITLE);
  gtk_entry_set_activates_default (GTK_ENTRY (entry_widget), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry_widget),
                         entry->title ? entry->title
                                      : sl_history_workload_title (entry->preset, entry->workload));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry_widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry_widget);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry_widget);
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* ---- run again ---- */

static void
history_run_again_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  if (sl_window_refuse_while_running (self))
    return;
  sl_window_load_one_async (self, g_variant_get_string (parameter, NULL), SL_WINDOW_LOAD_RUN_AGAIN);
}

/* ---- compare ---- */

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);
  g_autoptr(GPtrArray) paths = sl_history_view_dup_checked (self->history_view);

  if (paths->len < 2)
    {
      sl_window_toast (self, _("Pick two or more experiments to compare"));
      return;
    }
  if (sl_window_refuse_while_running (self))
    return;

  sl_window_load_async (self, paths, SL_WINDOW_LOAD_COMPARE);
}

static void
on_n_checked_cb (SlWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare",
                                 sl_history_view_get_n_checked (self->history_view) >= 2);
}

/* ---- set-up ---- */

static gboolean
list_history_cb (gpointer data)
{
  SlWindow *self = data;

  if (!self->history_listed && !self->closed)
    {
      self->history_listed = TRUE;
      sl_history_view_load (self->history_view, self->history_dir);
    }
  return G_SOURCE_REMOVE;
}

static void
on_first_map_cb (SlWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_first_map_cb, NULL);
  g_idle_add_full (G_PRIORITY_LOW, list_history_cb, g_object_ref (self), g_object_unref);
}

void
sl_window_history_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.history-run-again", "s",
                                   history_run_again_action);
  gtk_widget_class_install_action (widget_class, "win.history-rename", "s",
                                   history_rename_action);
  gtk_widget_class_install_action (widget_class, "win.history-delete", "s",
                                   history_delete_action);
  gtk_widget_class_install_action (widget_class, "win.history-delete-all", NULL,
                                   history_delete_all_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
}

void
sl_window_history_init (SlWindow *self)
{
  g_autofree char *dir = sl_history_default_dir ();

  self->pending_deletes = g_ptr_array_new ();

  g_signal_connect_object (self->history_view, "activated", G_CALLBACK (on_history_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_view, "notify::n-checked", G_CALLBACK (on_n_checked_cb),
                           self, G_CONNECT_SWAPPED);
  on_n_checked_cb (self);

  self->history_dir = g_steal_pointer (&dir);
  /* Not before the window is on screen: its first frame waits for nothing it does not show. */
  g_signal_connect (self, "map", G_CALLBACK (on_first_map_cb), NULL);
}

void
sl_window_history_dispose (SlWindow *self)
{
  if (self->pending_deletes != NULL)
    sl_window_commit_deletes (self);
}

void
sl_window_history_finalize (SlWindow *self)
{
  g_clear_pointer (&self->pending_deletes, g_ptr_array_unref);
  g_clear_pointer (&self->history_dir, g_free);
  g_clear_pointer (&self->shown_path, g_free);
}
