/* sl-code-editor-check.c: the code checked as it is typed: a pause in typing, then the engine's
 * check in a worker (a newer one cancels the older), its verdict under the code and in
 * `problem`, and the mark on the line it is about. */
#define G_LOG_DOMAIN "sl-code-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-code-editor-private.h"
#include "sl-python.h"
#include "sl-ui-util.h"

/* The pause in typing after which the code is checked. */
#define CHECK_DELAY_MS 300

#define MARK_CATEGORY  "sl-error"

/* ---- the mark ---- */

static void
clear_mark (SlCodeEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->error_tag, &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, MARK_CATEGORY);
  if (self->mark_label != NULL)
    gtk_widget_set_visible (self->mark_label, FALSE);

  if (self->marked_line != 0 || self->mark_message != NULL)
    {
      self->marked_line = 0;
      g_clear_pointer (&self->mark_message, g_free);
      sl_editor_notify (self, PROP_MARKED_LINE);
    }
}

/* The message beside the marked line, over the code: after the line's end where it fits in
 * sight, else under the line at the right; hidden while its line is out of sight. */
static void
place_mark_message (SlCodeEditor *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GdkRectangle location, visible;
  GtkTextIter end;
  graphene_point_t in_view, in_overlay;
  int width, height, x, y;

  if (self->mark_label == NULL || self->marked_line == 0 || self->mark_message == NULL)
    return;

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &end,
                                    (int) self->marked_line - 1);
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  gtk_text_view_get_iter_location (view, &end, &location);
  gtk_text_view_get_visible_rect (view, &visible);
  gtk_widget_measure (self->mark_label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL,
                      NULL);

  gtk_widget_measure (self->mark_label, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL,
                      NULL);

  x = location.x + location.width + 18;
  y = location.y + (location.height - height) / 2;
  if (visible.width > 0 && x + width > visible.x + visible.width)
    {
      x = MAX (visible.x, visible.x + visible.width - width - 6);
      y = location.y + location.height;
    }
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &x, &y);
  in_view = GRAPHENE_POINT_INIT (x, y);
  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (self->code_overlay), &in_view,
                                 &in_overlay))
    return;

  gtk_widget_set_margin_start (self->mark_label, MAX (0, (int) in_overlay.x));
  gtk_widget_set_margin_top (self->mark_label, MAX (0, (int) in_overlay.y));
  gtk_widget_set_visible (self->mark_label,
                          location.y + location.height > visible.y &&
                          location.y < visible.y + visible.height);
}

static void
show_mark_message (SlCodeEditor *self,
                   const char   *message)
{
  g_autofree char *summary = g_strndup (message, strcspn (message, "\n"));

  gtk_label_set_text (GTK_LABEL (self->mark_label), summary);
  gtk_widget_set_tooltip_text (self->mark_label, message);
  gtk_widget_set_visible (self->mark_label, TRUE);
  place_mark_message (self);
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
  if (message != NULL)
    show_mark_message (self, message);
  sl_editor_notify (self, PROP_MARKED_LINE);
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
  sl_editor_notify (self, PROP_PROBLEM);
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
  sl_editor_notify (self, PROP_CHECKING);
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
      g_autofree char *status = NULL;

      /* The check stopped them when it ended, as every worker does after each batch. */
      if (check->n_stopped_processes > 0)
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Ready to run, but the top level left %u "
                                               "process running, which was stopped: start "
                                               "processes in task(), and wait for them.",
                                               "Ready to run, but the top level left %u "
                                               "processes running, which were stopped: start "
                                               "processes in task(), and wait for them.",
                                               check->n_stopped_processes),
                                  check->n_stopped_processes);

      clear_mark (self);
      sl_traceback_set_message (self->traceback, NULL, NULL);
      show_status (self, "ok", status != NULL ? status
                                              : _("Ready to run: the code loads and defines "
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

void
sl_editor_start_check (SlCodeEditor *self)
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
  sl_editor_start_check (self);

  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (SlCodeEditor *self)
{
  sl_editor_draft_changed (self);

  /* The old mark no longer points at the code it was about. */
  clear_mark (self);
  set_checking (self, TRUE);
  gtk_label_set_label (self->status_label, _("Checking…"));

  if (self->loading > 0)
    return;
  if (self->committed)
    {
      sl_editor_start_check (self);
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
    sl_editor_start_check (self);
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
  /* The run ended elsewhere: the line it failed on is brought into sight. */
  if (self->marked_line == line)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &iter, (int) line - 1);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->view), &iter, 0.1, FALSE, 0, 0);
    }
}

/* ---- setting up ---- */

void
sl_editor_init_check (SlCodeEditor *self)
{
  /* libadwaita's error colour; a tint of it reads on both style schemes. */
  static const GdkRGBA error_red = { 0.88f, 0.11f, 0.14f, 1 };
  static const GdkRGBA error_tint = { 0.88f, 0.11f, 0.14f, 0.15f };
  g_autoptr(GtkSourceMarkAttributes) attributes = gtk_source_mark_attributes_new ();
  g_autoptr(GFile) icon_file =
    g_file_new_for_uri ("resource://" SL_UI_RESOURCE "/icons/code-error.svg");
  g_autoptr(GIcon) icon = g_file_icon_new (icon_file);

  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), NULL,
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "underline-rgba", &error_red,
                                                "background-rgba", &error_tint,
                                                "weight", PANGO_WEIGHT_BOLD,
                                                NULL);
  gtk_source_mark_attributes_set_gicon (attributes, icon);
  gtk_source_mark_attributes_set_background (attributes, &error_tint);
  g_signal_connect_object (attributes, "query-tooltip-text", G_CALLBACK (mark_tooltip_cb),
                           self, 0);
  gtk_source_view_set_mark_attributes (self->view, MARK_CATEGORY, attributes, 10);

  /* The message follows its line as the code scrolls and its layout changes size. */
  for (guint i = 0; i < 2; i++)
    {
      GtkAdjustment *adjustment = i == 0 ? gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->view))
                                         : gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));

      g_signal_connect_object (adjustment, "changed", G_CALLBACK (place_mark_message), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (place_mark_message),
                               self, G_CONNECT_SWAPPED);
    }

  /* Until the first check answers, the code is not known to be ready. */
  set_problem (self, _("Your code is being checked"));
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
