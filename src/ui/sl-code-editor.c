/* sl-code-editor.c: the editor of a person's own Python function: the source view and its look,
 * the check as the person types and its mark, the templates, the files and the draft kept
 * between sessions. */
#define G_LOG_DOMAIN "sl-code-editor"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <gtksourceview/gtksource.h>

#include "sl-code-editor.h"
#include "sl-file.h"
#include "sl-python.h"
#include "sl-python-sources.h"
#include "sl-traceback.h"
#include "sl-ui-util.h"

/* The pause in typing after which the code is checked, and after which the draft is written. */
#define CHECK_DELAY_MS 300
#define DRAFT_DELAY_MS 1000
/* A .py file larger than this is not a person's task function. */
#define MAX_FILE_SIZE  (4 * 1024 * 1024)

#define MARK_CATEGORY  "sl-error"

struct _SlCodeEditor
{
  GtkWidget        parent_instance;

  /* template widgets */
  GtkMenuButton   *template_button;
  GtkLabel        *file_label;
  GtkSourceView   *view;
  GtkStack        *status_icon;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  SlTraceback     *traceback;

  /* owned */
  GtkSourceBuffer *buffer;
  GtkTextTag      *error_tag;
  GCancellable    *check_cancellable;
  GFile           *file;
  GSettings       *interface_settings; /* the desktop's monospace font; NULL without GNOME's */
  GtkCssProvider  *font_provider;
  char            *problem;
  char            *mark_message;
  guint            marked_line;
  guint            check_source;
  guint            draft_source;
  guint            loading;            /* > 0 while the editor changes its own text */
  gboolean         checking;
  gboolean         committed;
  gboolean         draft_dirty;
};

G_DEFINE_FINAL_TYPE (SlCodeEditor, sl_code_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROBLEM,
  PROP_CHECKING,
  PROP_MARKED_LINE,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_check (SlCodeEditor *self);

/* ---- templates ---- */

typedef struct {
  const char *id;
  const char *label;
  const char *source;
} Template;

static const Template templates[] = {
  { "sum", N_("The article’s sum (pure Python, holds the GIL)"), SL_PYTHON_SOURCE_CPU_SUM },
  { "fib", N_("The article’s Fibonacci (recursive, holds the GIL)"), SL_PYTHON_SOURCE_CPU_FIB },
  { "fetch", N_("The article’s page fetch (waits on the network)"),
    SL_PYTHON_SOURCE_CUSTOM_PAGE_FETCH },
  { "hash", N_("hashlib SHA-256 (releases the GIL)"), SL_PYTHON_SOURCE_CPU_HASH },
  { "numpy", N_("numpy matrix product (a C extension)"), SL_PYTHON_SOURCE_CUSTOM_NUMPY },
  { "empty", N_("An empty task(index, count, **params)"), SL_PYTHON_SOURCE_CUSTOM_EMPTY },
};

/* Whether the worker's interpreter can import numpy: asked once per process, since every
 * editor asks the same worker. */
typedef enum {
  NUMPY_UNKNOWN,
  NUMPY_ASKING,
  NUMPY_YES,
  NUMPY_NO,
} NumpyState;

static NumpyState numpy_state = NUMPY_UNKNOWN;
static GPtrArray *numpy_waiters; /* weak SlCodeEditor* that want the menu rebuilt */

static gboolean
template_offered (const Template *template)
{
  return !g_str_equal (template->id, "numpy") || numpy_state == NUMPY_YES;
}

static const Template *
template_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_str_equal (templates[i].id, id) && template_offered (&templates[i]))
      return &templates[i];

  return NULL;
}

static void
rebuild_template_menu (SlCodeEditor *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (template_offered (&templates[i]))
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (_(templates[i].label), NULL);

        g_menu_item_set_action_and_target (item, "editor.template", "s", templates[i].id);
        g_menu_append_item (menu, item);
      }

  gtk_menu_button_set_menu_model (self->template_button, G_MENU_MODEL (menu));
}

static void
numpy_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_auto(SlPythonCheck) check = { 0 };
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&numpy_waiters);

  numpy_state = sl_python_check_code_finish (result, &check, NULL) && check.ok ? NUMPY_YES
                                                                               : NUMPY_NO;
  for (guint i = 0; i < waiters->len; i++)
    {
      GWeakRef *ref = g_ptr_array_index (waiters, i);
      g_autoptr(SlCodeEditor) editor = g_weak_ref_get (ref);

      if (editor != NULL && editor->buffer != NULL)
        rebuild_template_menu (editor);
    }
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
ask_numpy (SlCodeEditor *self)
{
  GWeakRef *ref;

  if (numpy_state != NUMPY_UNKNOWN && numpy_state != NUMPY_ASKING)
    return;

  if (numpy_waiters == NULL)
    numpy_waiters = g_ptr_array_new_with_free_func (weak_ref_free);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_ptr_array_add (numpy_waiters, ref);

  if (numpy_state == NUMPY_UNKNOWN && !sl_python_available (NULL))
    {
      numpy_state = NUMPY_NO;
      g_clear_pointer (&numpy_waiters, g_ptr_array_unref);
    }
  else if (numpy_state == NUMPY_UNKNOWN)
    {
      numpy_state = NUMPY_ASKING;
      sl_python_check_code_async ("import numpy\n\n\ndef task(index, count, **params):\n"
                                  "    return 0\n", NULL, numpy_checked_cb, NULL);
    }
}

const char **
sl_code_editor_list_templates (SlCodeEditor *self)
{
  static const char *offered[G_N_ELEMENTS (templates) + 1];
  guint n = 0;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (template_offered (&templates[i]))
      offered[n++] = templates[i].id;
  offered[n] = NULL;

  return offered;
}

/* ---- text ---- */

/* Replaces the whole text: as one step that Ctrl+Z undoes, or (`undoable` FALSE) as a new
 * start that it does not go back over. */
static void
replace_text (SlCodeEditor *self,
              const char   *text,
              gboolean      undoable)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  self->loading++;
  if (!undoable)
    gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert (buffer, &start, text ? text : "", -1);
  gtk_text_buffer_end_user_action (buffer);
  if (!undoable)
    gtk_text_buffer_end_irreversible_action (buffer);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->loading--;

  /* No pause in typing to wait for: the new code is checked at once. */
  start_check (self);
}

char *
sl_code_editor_dup_text (SlCodeEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

GtkTextView *
sl_code_editor_get_view (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  return GTK_TEXT_VIEW (self->view);
}

/* ---- the mark ---- */

static void
clear_mark (SlCodeEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, MARK_CATEGORY);

  if (self->marked_line != 0 || self->mark_message != NULL)
    {
      self->marked_line = 0;
      g_clear_pointer (&self->mark_message, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKED_LINE]);
    }
}

/* Underlines `line` (1-based) from `column` (1-based, 0 for the whole line) to its end, and
 * puts the error's icon beside it. */
static void
set_mark (SlCodeEditor *self,
          guint         line,
          guint         column,
          const char   *message)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  clear_mark (self);
  if (line == 0 || line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;

  gtk_text_buffer_get_iter_at_line (buffer, &start, (int) line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (column > 1 && (int) column - 1 < gtk_text_iter_get_chars_in_line (&start))
    gtk_text_iter_set_line_offset (&start, (int) column - 1);
  /* An error at the end of a line (an unclosed bracket) still shows: mark its last character,
   * or the line's first where it is empty. */
  if (gtk_text_iter_equal (&start, &end) && !gtk_text_iter_starts_line (&start))
    gtk_text_iter_backward_char (&start);
  gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
  /* The gutter shows the marks at the start of a line. */
  gtk_text_iter_set_line_offset (&start, 0);
  gtk_source_buffer_create_source_mark (self->buffer, NULL, MARK_CATEGORY, &start);

  self->marked_line = line;
  self->mark_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKED_LINE]);
}

static char *
mark_tooltip_cb (GtkSourceMarkAttributes *attributes,
                 GtkSourceMark           *mark,
                 SlCodeEditor            *self)
{
  return g_strdup (self->mark_message);
}

guint
sl_code_editor_get_marked_line (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), 0);

  return self->marked_line;
}

const char *
sl_code_editor_get_mark_message (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  return self->mark_message;
}

/* ---- status ---- */

static void
set_problem (SlCodeEditor *self,
             const char   *problem)
{
  if (g_strcmp0 (problem, self->problem) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
set_checking (SlCodeEditor *self,
              gboolean      checking)
{
  if (checking == self->checking)
    return;

  self->checking = checking;
  gtk_spinner_set_spinning (self->spinner, checking);
  if (checking)
    gtk_stack_set_visible_child_name (self->status_icon, "checking");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
show_status (SlCodeEditor *self,
             const char   *icon,
             const char   *text)
{
  gtk_stack_set_visible_child_name (self->status_icon, icon);
  gtk_label_set_label (self->status_label, text);
}

/* The check's verdict: the mark, the line under the code, and `problem`. */
static void
show_check (SlCodeEditor        *self,
            const SlPythonCheck *check)
{
  g_autofree char *summary = NULL;
  g_autofree char *problem = NULL;
  guint line = check->line;

  if (check->ok)
    {
      clear_mark (self);
      sl_traceback_set_message (self->traceback, NULL, NULL);
      show_status (self, "ok", _("Ready to run: the code loads and defines "
                                 "task(index, count, **params)."));
      set_problem (self, NULL);
      return;
    }

  summary = sl_traceback_dup_summary (check->message ? check->message : _("The code is not valid"));
  if (line == 0)
    line = sl_python_traceback_line (check->message);

  /* The check's own message names the line where it knows it ("(line 3, column 9)"). */
  if (line == 0 || strstr (summary, "line ") != NULL)
    problem = g_strdup (summary);
  else if (check->column > 0)
    problem = g_strdup_printf (_("Line %u, column %u: %s"), line, check->column, summary);
  else
    problem = g_strdup_printf (_("Line %u: %s"), line, summary);

  set_mark (self, line, check->column, summary);
  sl_traceback_set_message (self->traceback, _("_Traceback"),
                            g_strcmp0 (check->kind, "exception") == 0 ? check->message : NULL);
  show_status (self, "error", problem);
  set_problem (self, problem);
}

const char *
sl_code_editor_get_problem (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  return self->problem;
}

gboolean
sl_code_editor_get_checking (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), FALSE);

  return self->checking;
}

/* ---- the check ---- */

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlCodeEditor) self = user_data;
  g_auto(SlPythonCheck) check = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean checked = sl_python_check_code_finish (result, &check, &error);

  /* The editor went while the check ran. */
  if (self->buffer == NULL)
    return;

  if (!checked)
    {
      g_autofree char *problem = NULL;

      /* A newer check took its place. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The check could not answer: no runtime, or top-level code that never returned. */
      g_clear_object (&self->check_cancellable);
      self->committed = FALSE;
      clear_mark (self);
      sl_traceback_set_message (self->traceback, NULL, NULL);
      problem = g_strdup_printf (_("The code could not be checked: %s"), error->message);
      show_status (self, "error", problem);
      set_problem (self, problem);
      set_checking (self, FALSE);
      return;
    }

  g_clear_object (&self->check_cancellable);
  self->committed = FALSE;
  show_check (self, &check);
  set_checking (self, FALSE);
}

static void
start_check (SlCodeEditor *self)
{
  g_autofree char *code = sl_code_editor_dup_text (self);

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  self->check_cancellable = g_cancellable_new ();
  sl_python_check_code_async (code, self->check_cancellable, check_done_cb,
                              g_object_ref (self));
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  SlCodeEditor *self = user_data;

  self->check_source = 0;
  start_check (self);

  return G_SOURCE_REMOVE;
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  SlCodeEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  self->draft_source = 0;
  if (!sl_code_editor_save_draft (self, &error))
    g_warning ("%s", error->message);

  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (SlCodeEditor *self)
{
  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_source, g_source_remove);
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, draft_timeout_cb, self);

  /* The old mark no longer points at the code it was about. */
  clear_mark (self);
  set_checking (self, TRUE);
  gtk_label_set_label (self->status_label, _("Checking…"));

  if (self->loading > 0)
    return;
  if (self->committed)
    {
      start_check (self);
      return;
    }

  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

void
sl_code_editor_commit (SlCodeEditor *self)
{
  g_return_if_fail (SL_IS_CODE_EDITOR (self));

  if (!self->checking)
    return;

  self->committed = TRUE;
  set_problem (self, _("Your code is being checked"));
  if (self->check_source != 0)
    start_check (self);
}

void
sl_code_editor_set_text (SlCodeEditor *self,
                         const char   *text)
{
  g_return_if_fail (SL_IS_CODE_EDITOR (self));

  /* Empty code runs python-custom's sample: show what runs. */
  replace_text (self, text && *text ? text : SL_PYTHON_SOURCE_CUSTOM_SAMPLE, FALSE);
  g_clear_object (&self->file);
  gtk_label_set_label (self->file_label, "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

gboolean
sl_code_editor_apply_template (SlCodeEditor *self,
                               const char   *id)
{
  const Template *template;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  template = template_lookup (id);
  if (template == NULL)
    return FALSE;

  replace_text (self, template->source, TRUE);
  return TRUE;
}

void
sl_code_editor_mark_failure (SlCodeEditor *self,
                             const char   *code,
                             const char   *error)
{
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  guint line;

  g_return_if_fail (SL_IS_CODE_EDITOR (self));

  line = sl_python_traceback_line (error);
  text = sl_code_editor_dup_text (self);
  if (line == 0 || g_strcmp0 (text, code) != 0 || self->checking)
    return;

  summary = sl_traceback_dup_summary (error);
  set_mark (self, line, 0, summary);
}

/* ---- the draft ---- */

char *
sl_code_editor_dup_draft_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "speedup-lab", "custom-code.py", NULL);
}

void
sl_code_editor_restore_draft (SlCodeEditor *self)
{
  g_autofree char *path = sl_code_editor_dup_draft_path ();
  g_autofree char *text = NULL;
  gsize length;

  g_return_if_fail (SL_IS_CODE_EDITOR (self));

  text = sl_file_read_bounded (path, MAX_FILE_SIZE, &length, NULL);
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_free (text);
      text = g_strdup (SL_PYTHON_SOURCE_CUSTOM_SAMPLE);
    }

  sl_code_editor_set_text (self, text);
  /* What is shown is what the file holds (or the sample, which need not be kept). */
  self->draft_dirty = FALSE;
  g_clear_handle_id (&self->draft_source, g_source_remove);
}

gboolean
sl_code_editor_save_draft (SlCodeEditor *self,
                           GError      **error)
{
  g_autofree char *path = sl_code_editor_dup_draft_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *text = NULL;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (!self->draft_dirty)
    return TRUE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot keep your code in %s: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  text = sl_code_editor_dup_text (self);
  if (!sl_file_write_atomic (path, text, -1, error))
    return FALSE;

  self->draft_dirty = FALSE;
  return TRUE;
}

/* ---- files ---- */

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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

GFile *
sl_code_editor_get_file (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  return self->file;
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SlCodeEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean loaded = g_file_load_contents_finish (G_FILE (source), result, &contents, &length,
                                                 NULL, &error);

  /* The editor went while the file was read. */
  if (self->buffer == NULL)
    return;

  if (!loaded)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot open it: %s"), error->message);

      show_file (self, message, TRUE);
      return;
    }
  if (length > MAX_FILE_SIZE || !g_utf8_validate_len (contents, length, NULL))
    {
      show_file (self, _("Cannot open it: it is not a Python source in UTF-8"), TRUE);
      return;
    }

  replace_text (self, contents, TRUE);
  set_file (self, G_FILE (source));
  show_file (self, NULL, FALSE);
}

void
sl_code_editor_open_file (SlCodeEditor *self,
                          GFile        *file)
{
  g_return_if_fail (SL_IS_CODE_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, NULL, file_loaded_cb, g_object_ref (self));
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

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose_file (SL_CODE_EDITOR (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlCodeEditor *self = SL_CODE_EDITOR (widget);

  if (self->file != NULL)
    sl_code_editor_save_file (self, self->file);
  else
    choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  choose_file (SL_CODE_EDITOR (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
template_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sl_code_editor_apply_template (SL_CODE_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

/* ---- look ---- */

static void
update_scheme (SlCodeEditor *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "classic-dark"
                                                                       : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* The desktop's monospace font, where GNOME's settings say which; otherwise the "monospace"
 * that the view's style class gives. */
static void
update_font (SlCodeEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *css = NULL;
  PangoFontDescription *font;

  if (self->interface_settings == NULL)
    return;

  name = g_settings_get_string (self->interface_settings, "monospace-font-name");
  font = pango_font_description_from_string (name);
  if (pango_font_description_get_family (font) != NULL)
    {
      double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (size > 0)
        css = g_strdup_printf ("textview.code-view { font-family: \"%s\"; font-size: %spt; }",
                               pango_font_description_get_family (font),
                               g_ascii_dtostr (buffer, sizeof buffer, size));
      else
        css = g_strdup_printf ("textview.code-view { font-family: \"%s\"; }",
                               pango_font_description_get_family (font));
    }
  pango_font_description_free (font);

  gtk_css_provider_load_from_data (self->font_provider, css ? css : "", -1);
}

static GSettings *
interface_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "monospace-font-name"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- GObject ---- */

static void
sl_code_editor_dispose (GObject *object)
{
  SlCodeEditor *self = SL_CODE_EDITOR (object);
  g_autoptr(GError) error = NULL;

  /* The code is never lost with the window: what was not written yet is written now. */
  if (self->buffer != NULL && !sl_code_editor_save_draft (self, &error))
    g_warning ("%s", error->message);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->font_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->font_provider));
  g_clear_object (&self->font_provider);
  g_clear_object (&self->interface_settings);
  g_clear_object (&self->file);
  self->buffer = NULL;

  sl_ui_dispose_template (GTK_WIDGET (self), SL_TYPE_CODE_EDITOR);

  G_OBJECT_CLASS (sl_code_editor_parent_class)->dispose (object);
}

static void
sl_code_editor_finalize (GObject *object)
{
  SlCodeEditor *self = SL_CODE_EDITOR (object);

  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->mark_message, g_free);

  G_OBJECT_CLASS (sl_code_editor_parent_class)->finalize (object);
}

static void
sl_code_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlCodeEditor *self = SL_CODE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    case PROP_MARKED_LINE:
      g_value_set_uint (value, self->marked_line);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_code_editor_class_init (SlCodeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_code_editor_dispose;
  object_class->finalize = sl_code_editor_finalize;
  object_class->get_property = sl_code_editor_get_property;

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARKED_LINE] =
    g_param_spec_uint ("marked-line", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "editor.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "editor.template", "s", template_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "editor.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.save-as", NULL);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (SL_TYPE_TRACEBACK);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, SL_UI_RESOURCE "/sl-code-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, template_button);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, file_label);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, view);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, traceback);

  gtk_widget_class_set_css_name (widget_class, "codeeditor");
}

static void
sl_code_editor_init (SlCodeEditor *self)
{
  /* libadwaita's error colour; a tint of it reads on both style schemes. */
  static const GdkRGBA error_red = { 0.88f, 0.11f, 0.14f, 1 };
  static const GdkRGBA error_tint = { 0.88f, 0.11f, 0.14f, 0.15f };
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkSourceMarkAttributes) attributes = gtk_source_mark_attributes_new ();

  gtk_source_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages,
                                                                            "python3"));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "code-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your Python code"),
                                  -1);

  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "underline-rgba", &error_red,
                                                "background-rgba", &error_tint,
                                                "weight", PANGO_WEIGHT_BOLD,
                                                NULL);
  gtk_source_mark_attributes_set_icon_name (attributes, "dialog-error-symbolic");
  gtk_source_mark_attributes_set_background (attributes, &error_tint);
  g_signal_connect_object (attributes, "query-tooltip-text", G_CALLBACK (mark_tooltip_cb),
                           self, 0);
  gtk_source_view_set_mark_attributes (self->view, MARK_CATEGORY, attributes, 10);

  update_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);

  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  self->interface_settings = interface_settings_new ();
  if (self->interface_settings != NULL)
    g_signal_connect_object (self->interface_settings, "changed::monospace-font-name",
                             G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  update_font (self);

  rebuild_template_menu (self);
  ask_numpy (self);

  /* Until the first check answers, the code is not known to be ready. */
  set_problem (self, _("Your code is being checked"));
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
sl_code_editor_new (void)
{
  return g_object_new (SL_TYPE_CODE_EDITOR, NULL);
}
