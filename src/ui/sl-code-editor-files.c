/* sl-code-editor-files.c: opening and saving .py files, from the actions and their file
 * chooser; what happened is said beside the file's name. */
#define G_LOG_DOMAIN "sl-code-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-code-editor-private.h"
#include "sl-error.h"
#include "sl-python.h"
#include "sl-text.h"

static void
show_file (SlCodeEditor *self,
           const char   *message,
           gboolean      failed)
{
  g_autofree char *name = self->file ? g_file_get_parse_name (self->file) : NULL;
  g_autofree char *text = NULL;

  if (message != NULL && name != NULL)
    text = g_strdup_printf ("%s — %s", name, message);
  else
    text = g_strdup (message ? message : name);

  gtk_label_set_label (self->file_label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), text);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->file_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->file_label), "error");
}

static void
set_file (SlCodeEditor *self,
          GFile        *file)
{
  if (g_set_object (&self->file, file))
    sl_editor_notify (self, PROP_FILE);
}

GFile *
sl_code_editor_get_file (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  return self->file;
}

/* The engine's reader of a code file, the CLI's too: the same limit (SL_MAX_CODE_SIZE), read on
 * a thread so that a slow disk or a FIFO never holds the window. */
static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  char *code = sl_python_read_code_file (task_data, NULL, &error);

  if (code == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, code, g_free);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SlCodeEditor *self = SL_CODE_EDITOR (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = g_task_propagate_pointer (G_TASK (result), &error);

  /* The editor went while the file was read. */
  if (self->buffer == NULL)
    return;

  if (contents == NULL)
    {
      /* "Cannot read PATH: REASON" says it already; a file that is no code says why. */
      g_autofree char *message = g_error_matches (error, SL_ERROR, SL_ERROR_IO)
                                 ? g_strdup (error->message)
                                 : g_strdup_printf (_("Cannot open it: %s"), error->message);
      g_autofree char *shown = sl_text_make_printable (message, FALSE);

      show_file (self, shown, TRUE);
      return;
    }

  sl_editor_replace_text (self, contents, TRUE);
  set_file (self, file);
  show_file (self, NULL, FALSE);
}

void
sl_code_editor_open_file (SlCodeEditor *self,
                          GFile        *file)
{
  g_autoptr(GTask) task = NULL;
  char *path;

  g_return_if_fail (SL_IS_CODE_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_file (self, _("Cannot open it: it is not a file on this computer"), TRUE);
      return;
    }

  task = g_task_new (self, NULL, file_loaded_cb, g_object_ref (file));
  g_task_set_source_tag (task, sl_code_editor_open_file);
  g_task_set_task_data (task, path, g_free);
  g_task_run_in_thread (task, read_file_thread);
}

static void
file_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlCodeEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = g_file_replace_contents_finish (G_FILE (source), result, NULL, &error);

  /* The editor went while the file was written. */
  if (self->buffer == NULL)
    return;

  if (!saved)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot save it: %s"), error->message);

      show_file (self, message, TRUE);
      return;
    }

  set_file (self, G_FILE (source));
  show_file (self, _("saved"), FALSE);
}

void
sl_code_editor_save_file (SlCodeEditor *self,
                          GFile        *file)
{
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (SL_IS_CODE_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  text = sl_code_editor_dup_text (self);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                       file_saved_cb, g_object_ref (self));
}

/* GtkFileChooserNative: GTK 4.10 deprecates it for GtkFileDialog, which GTK 4.8 (Debian 12)
 * lacks. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SlCodeEditor    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_OPEN)
        sl_code_editor_open_file (self, file);
      else
        sl_code_editor_save_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_file (SlCodeEditor         *self,
             GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean open = action == GTK_FILE_CHOOSER_ACTION_OPEN;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) python = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (open ? _("Open Python Code") : _("Save Python Code"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         action, open ? _("_Open") : _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (python, _("Python code"));
  gtk_file_filter_add_pattern (python, "*.py");
  gtk_file_filter_add_mime_type (python, "text/x-python");
  gtk_file_filter_add_mime_type (python, "text/x-python3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), python);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  if (!open)
    {
      if (self->file != NULL)
        gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->file, NULL);
      else
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "task.py");
    }

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
G_GNUC_END_IGNORE_DEPRECATIONS

void
sl_editor_open_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_file (SL_CODE_EDITOR (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

void
sl_editor_save_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SlCodeEditor *self = SL_CODE_EDITOR (widget);

  if (self->file != NULL)
    sl_code_editor_save_file (self, self->file);
  else
    choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

void
sl_editor_save_as_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  choose_file (SL_CODE_EDITOR (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

