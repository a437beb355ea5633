/* sl-window-history.c: the window's history and documents. Every experiment the window runs is
 * saved to the history folder when it ends; the history page of the sidebar lists the folder,
 * and its rows show an experiment again, run it again, rename it, save a copy or delete it
 * (with an undo toast). Result documents are opened through the file chooser or by dropping
 * them on the window, and the result on screen is saved through the file chooser.
 *
 * Files are read and written on GTask threads: the main thread only shows what they found.
 */
#define G_LOG_DOMAIN "sl-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-error.h"
#include "sl-history.h"
#include "sl-result-io.h"
#include "sl-window-private.h"

/* How long the toast of a delete offers to undo it; the files go when it goes. */
#define UNDO_TIMEOUT_S 7

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

  return g_string_free (g_steal_pointer (&text), FALSE);
}

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
static gboolean
refuse_while_running (SlWindow *self)
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

typedef enum {
  LOAD_SHOW,        /* an experiment of the history: a toast when it cannot be read */
  LOAD_OPEN,        /* a file a person chose or dropped: a dialog when it cannot be read */
  LOAD_RUN_AGAIN,
  LOAD_COMPARE,
} LoadPurpose;

typedef struct {
  GPtrArray   *paths;     /* char* */
  LoadPurpose  purpose;
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
  SlWindow *self = SL_WINDOW (object);
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
      if (job->purpose == LOAD_OPEN)
        {
          g_autofree char *heading = g_strdup_printf (_("Cannot Open “%s”"), name);

          show_error_dialog (self, heading, error->message);
        }
      else
        sl_window_toast (self, error->message);
      return;
    }

  g_clear_object (&self->load_cancellable);
  if (job->purpose != LOAD_RUN_AGAIN && refuse_while_running (self))
    return;

  switch (job->purpose)
    {
    case LOAD_SHOW:
    case LOAD_OPEN:
      if (results->len == 1)
        sl_window_show_document (self, g_ptr_array_steal_index (results, 0),
                                 job->paths->pdata[0]);
      else
        sl_window_show_comparison (self, g_steal_pointer (&results));
      break;
    case LOAD_RUN_AGAIN:
      run_again (self, g_ptr_array_steal_index (results, 0));
      break;
    case LOAD_COMPARE:
      sl_window_show_comparison (self, g_steal_pointer (&results));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
load_async (SlWindow    *self,
            GPtrArray   *paths,
            LoadPurpose  purpose)
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
  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

static void
load_one_async (SlWindow    *self,
                const char  *path,
                LoadPurpose  purpose)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (paths, g_strdup (path));
  load_async (self, paths, purpose);
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

  if (paths->len > 0 && !refuse_while_running (self))
    load_async (self, paths, LOAD_OPEN);
}

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
  if (refuse_while_running (self))
    return;

  load_one_async (self, entry->path, LOAD_SHOW);
  /* On a folded window the sidebar covers the content: let the experiment be seen. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
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
  SlWindow *self = SL_WINDOW (object);
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
  task = g_task_new (self, NULL, save_done_cb, NULL);
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
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && !SL_WINDOW (object)->closed)
    sl_window_toast (SL_WINDOW (object), error->message);
}

/* Deletes the files of `pending` (taking it) now, on a thread. */
static void
commit_delete (SlWindow      *self,
               PendingDelete *pending,
               gboolean       wait)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, delete_done_cb, NULL);

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
  SlWindow *self = SL_WINDOW (object);
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
  task = g_task_new (self, NULL, rename_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) rename_job_free);
  g_task_run_in_thread (task, rename_thread);
}

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

/* ---- run again ---- */

static void
history_run_again_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  if (refuse_while_running (self))
    return;
  load_one_async (self, g_variant_get_string (parameter, NULL), LOAD_RUN_AGAIN);
}

static void
run_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SlWindow *self = SL_WINDOW (widget);

  if (self->final == NULL || self->comparison != NULL || refuse_while_running (self))
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
  if (refuse_while_running (self))
    return;

  load_async (self, paths, LOAD_COMPARE);
}

static void
on_n_checked_cb (SlWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare",
                                 sl_history_view_get_n_checked (self->history_view) >= 2);
}

/* ---- set-up ---- */

void
sl_window_history_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.history-run-again", "s",
                                   history_run_again_action);
  gtk_widget_class_install_action (widget_class, "win.history-rename", "s",
                                   history_rename_action);
  gtk_widget_class_install_action (widget_class, "win.history-save-as", "s",
                                   history_save_as_action);
  gtk_widget_class_install_action (widget_class, "win.history-delete", "s",
                                   history_delete_action);
  gtk_widget_class_install_action (widget_class, "win.history-delete-all", NULL,
                                   history_delete_all_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.run-again", NULL, run_again_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save",
                                       NULL);
}

void
sl_window_history_init (SlWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_autofree char *dir = sl_history_default_dir ();

  self->pending_deletes = g_ptr_array_new ();

  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self->history_view, "activated", G_CALLBACK (on_history_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_view, "notify::n-checked", G_CALLBACK (on_n_checked_cb),
                           self, G_CONNECT_SWAPPED);
  on_n_checked_cb (self);

  self->history_dir = g_steal_pointer (&dir);
  sl_history_view_load (self->history_view, self->history_dir);
}

void
sl_window_history_dispose (SlWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
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
