/* test-code-editor.c: a person's own Python function in the window: the editor checks the code
 * as it is typed (the mark, Run off and on again), a small sweep of the code runs, a task that
 * raises shows its traceback and marks its line, code that never finishes loading is reported,
 * and the code typed comes back in the next window.
 *
 * Needs a display (tools/test starts Xvfb) and the python runtime; without them it skips. The
 * code is kept in a temporary XDG_DATA_HOME.
 */
#define G_LOG_DOMAIN "test-code-editor"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sl-code-editor.h"
#include "sl-fork-server.h"
#include "sl-limits.h"
#include "sl-python.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"
#include "sl-traceback.h"
#include "sl-ui-util.h"
#include "sl-window.h"

/* The promise: a mistake is marked, and Run is off, within a second of the last key. */
#define MARK_WITHIN_S 1.0
/* What a check (a worker started, its interpreter, the code compiled) takes on an idle
 * machine, and no more. */
#define IDLE_CHECK_S  0.2
/* The first check of a window starts a worker and an interpreter from cold. */
#define FIRST_CHECK_S 20.0

static const char *raising_code =
  "def helper(index):\n"
  "    if index == 1:\n"
  "        raise ValueError('index one is not welcome')\n"
  "    return index\n"
  "\n"
  "\n"
  "def task(index, count, **params):\n"
  "    return helper(index)\n";

/* About 20 ms of pure Python per task on an idle machine: the GIL shows in a quick sweep. */
static const char *small_code =
  "def task(index, count, **params):\n"
  "    total = 0\n"
  "    for i in range(200_000):\n"
  "        total += i * i % 7\n"
  "    return total\n";

/* ---- waiting ---- */

/* The processes this one started that are still there (running or not yet reaped), other than
 * the fork server, read without reaping any: a check's worker is reaped by its own thread. */
static gboolean
no_children (gpointer data)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  g_autofree char *server = g_strdup_printf ("%d", sl_fork_server_get_pid ());
  const char *tid;

  g_assert_nonnull (tasks);
  while ((tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/children", tid);
      g_autofree char *children = NULL;
      g_auto(GStrv) pids = NULL;

      if (!g_file_get_contents (path, &children, NULL, NULL))
        continue;
      pids = g_strsplit (g_strstrip (children), " ", -1);
      for (guint i = 0; pids[i] != NULL; i++)
        if (*pids[i] != '\0' && !g_str_equal (pids[i], server))
          return FALSE;
    }

  return TRUE;
}

static gboolean
has_children (gpointer data)
{
  return !no_children (data);
}

/* ---- the window ---- */

static SlCodeEditor *
editor_of (SlWindow *window)
{
  GtkWidget *widget = sl_experiment_panel_get_field_widget (sl_window_get_panel (window),
                                                            "params." SL_PYTHON_CODE_PARAM);

  g_assert_true (SL_IS_CODE_EDITOR (widget));
  return SL_CODE_EDITOR (widget);
}

static void
select_custom (SlWindow *window)
{
  GtkWidget *row = sl_experiment_panel_get_field_widget (sl_window_get_panel (window),
                                                         "workload");
  guint n;
  const SlWorkload **list = sl_workload_list (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (list[i]->id, "python-custom"))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }

  g_assert_not_reached ();
}

/* The first button in `widget` that runs `action`. */
static gboolean
run_enabled (SlWindow *window)
{
  GtkWidget *button = sl_ui_test_find_button (GTK_WIDGET (window), "win.run");

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button) &&
         sl_experiment_panel_get_can_run (sl_window_get_panel (window));
}

/* The check has answered and found the code ready. */
static gboolean
is_ready (gpointer data)
{
  SlWindow *window = data;
  SlCodeEditor *editor = editor_of (window);

  return !sl_code_editor_get_checking (editor) && sl_code_editor_get_problem (editor) == NULL &&
         run_enabled (window);
}

static gboolean
is_marked (gpointer data)
{
  SlWindow *window = data;
  SlCodeEditor *editor = editor_of (window);

  return sl_code_editor_get_marked_line (editor) > 0 &&
         sl_code_editor_get_problem (editor) != NULL && !run_enabled (window);
}

static gboolean
is_refused (gpointer data)
{
  SlWindow *window = data;
  SlCodeEditor *editor = editor_of (window);

  return !sl_code_editor_get_checking (editor) && sl_code_editor_get_problem (editor) != NULL &&
         !run_enabled (window);
}

/* Types `text` at the end of the code, a key at a time, as a person would. */
static void
type_text (SlCodeEditor *editor,
           const char   *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sl_code_editor_get_view (editor));

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_place_cursor (buffer, &end);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, c, g_utf8_next_char (c) - c, TRUE);
      g_main_context_iteration (NULL, FALSE);
    }
  /* As typing does, the view follows the cursor. */
  gtk_text_view_scroll_mark_onscreen (sl_code_editor_get_view (editor),
                                      gtk_text_buffer_get_insert (buffer));
}

/* Selects all of the code and types `text` over it. */
static void
replace_code (SlCodeEditor *editor,
              const char   *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (sl_code_editor_get_view (editor));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
  type_text (editor, text);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *c = strchr (text, '\n'); c != NULL; c = strchr (c + 1, '\n'))
    n++;

  return n;
}

static SlWindow *
new_custom_window (void)
{
  SlWindow *window = sl_ui_test_new_window ();

  select_custom (window);
  /* Whatever the last test left in the editor is gone: an empty task runs. */
  g_assert_true (sl_code_editor_apply_template (editor_of (window), "empty"));
  g_assert_true (sl_ui_test_wait_for (is_ready, window, FIRST_CHECK_S));
  return window;
}

/* A quick sweep: threads and processes, 1 and 2 workers, few tasks. */
static void
configure_small_sweep (SlWindow *window)
{
  SlExperimentPanel *panel = sl_window_get_panel (window);
  g_autoptr(SlExperimentSpec) spec = sl_experiment_panel_dup_spec (panel);

  g_array_set_size (spec->workers, 0);
  g_array_append_vals (spec->workers, (guint[]) { 1, 2 }, 2);
  spec->tasks = 8;
  spec->repeat = 1;
  spec->warmup = 0;
  sl_experiment_panel_set_spec (panel, spec);
}

static void
run (SlWindow *window)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_ui_test_wait_for (is_ready, window, FIRST_CHECK_S));
  g_assert_true (sl_window_run (window, &error));
  g_assert_no_error (error);
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_idle, window, 120));
}

static gboolean
is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

/* The label beside the marked line, over the code. */
static GtkWidget *
find_mark_message (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "code-mark-message"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mark_message (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* ---- screenshots ---- */

/* With SL_TEST_SCREENSHOTS set to a folder, saves the window there as NAME-light.png and
 * NAME-dark.png, after libadwaita's transitions (200–250 ms) have ended. */
/* Scrolls the form to the editor, as a person reading it would. */
static void
show_editor (SlWindow *window)
{
  GtkWidget *form = gtk_widget_get_ancestor (GTK_WIDGET (editor_of (window)),
                                             GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (form));
  double y;

  gtk_widget_grab_focus (GTK_WIDGET (sl_code_editor_get_view (editor_of (window))));
#if GTK_CHECK_VERSION (4, 12, 0)
  {
    graphene_point_t at;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (editor_of (window)), form,
                                             &GRAPHENE_POINT_INIT (0, 0), &at));
    y = at.y;
  }
#else
  {
    double x;

    g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (editor_of (window)), form,
                                                     0, 0, &x, &y));
  }
#endif
  /* The row's title, above the editor, stays in sight. */
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_value (scroll) + y - 160);
  sl_ui_test_settle (0.25);
}

/* ---- tests ---- */

/* Seconds one check of `code` takes on this machine now (the load of a shared machine varies:
 * the caller takes the longest of a few). */
static double
time_check (const char *code)
{
  g_auto(SlPythonCheck) check = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (sl_python_check_code (code, &check, &error));
  g_assert_no_error (error);
  g_assert_true (check.ok);

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
test_check_as_typed (void)
{
  SlWindow *window;
  SlCodeEditor *editor;
  g_autofree char *code = NULL;
  g_autofree char *line = NULL;
  double check_s, within_s;
  SlTraceback *traceback;
  GtkWidget *beside;
  gboolean marked;
  gint64 typed;

  if (sl_test_skip_without_python ())
    return;

  window = new_custom_window ();
  editor = editor_of (window);
  g_assert_true (run_enabled (window));

  /* A syntax error, typed at the end: its line is marked, and Run is off, with the reason,
   * within a second. A check starts a worker and its interpreter: where that alone takes
   * longer than on an idle machine (a loaded test machine), twice the excess is allowed, for
   * the check and for the window's own work slowed alike. */
  code = sl_code_editor_dup_text (editor);
  check_s = MAX (time_check (code), MAX (time_check (code), time_check (code)));
  within_s = MARK_WITHIN_S + 2 * MAX (0, check_s - IDLE_CHECK_S);
  type_text (editor, "\ndef broken(:\n    pass\n");
  typed = g_get_monotonic_time ();
  marked = sl_ui_test_wait_for (is_marked, window, 30);
  g_test_message ("marked %.0f ms after the last key (a check alone takes %.0f ms here)",
                  (g_get_monotonic_time () - typed) / 1000.0, check_s * 1000);
  g_assert_true (marked);
  g_assert_cmpfloat ((g_get_monotonic_time () - typed) / (double) G_USEC_PER_SEC, <=, within_s);
  show_editor (window);
  sl_ui_test_screenshot (GTK_WIDGET (window), "window-code-editor-error");
  g_assert_true (g_str_has_suffix (code, "\n"));
  g_assert_cmpuint (sl_code_editor_get_marked_line (editor), ==, count_lines (code) + 2);
  /* The message stands beside its line too. */
  beside = find_mark_message (GTK_WIDGET (editor));
  g_assert_nonnull (beside);
  g_assert_true (sl_ui_test_wait_for (is_visible, beside, 5));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (beside)), ==, sl_code_editor_get_mark_message (editor));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (beside)), "SyntaxError"));
  line = g_strdup_printf ("line %u", count_lines (code) + 2);
  g_assert_nonnull (strstr (sl_code_editor_get_problem (editor), line));
  g_assert_nonnull (strstr (sl_experiment_panel_get_problem_summary (sl_window_get_panel (window)),
                            sl_code_editor_get_problem (editor)));

  /* Fixed: Run is back. */
  replace_code (editor, code);
  g_assert_true (sl_ui_test_wait_for (is_ready, window, MARK_WITHIN_S + 2));
  g_assert_cmpuint (sl_code_editor_get_marked_line (editor), ==, 0);
  g_assert_false (gtk_widget_get_visible (beside));

  /* No task function, or a wrong one, is said in words. */
  replace_code (editor, "def work(index):\n    return index\n");
  g_assert_true (sl_ui_test_wait_for (is_refused, window, 10));
  g_assert_nonnull (strstr (sl_code_editor_get_problem (editor), "task"));
  replace_code (editor, "def task(index):\n    return index\n");
  g_assert_true (sl_ui_test_wait_for (is_refused, window, 10));
  g_assert_nonnull (strstr (sl_code_editor_get_problem (editor), "task"));

  /* An exception while the code loads: its line is marked, its traceback is under the code. */
  replace_code (editor, "import os\nimport no_such_module_here\n\n\n"
                        "def task(index, count, **params):\n    return 0\n");
  g_assert_true (sl_ui_test_wait_for (is_refused, window, 10));
  g_assert_nonnull (strstr (sl_code_editor_get_problem (editor), "no_such_module_here"));
  g_assert_cmpuint (sl_code_editor_get_marked_line (editor), ==, 2);
  traceback = SL_TRACEBACK (sl_ui_test_find_type (GTK_WIDGET (editor), SL_TYPE_TRACEBACK));
  g_assert_nonnull (sl_traceback_get_text (traceback));
  g_assert_nonnull (strstr (sl_traceback_get_text (traceback), SL_PYTHON_CUSTOM_FILENAME));
  gtk_expander_set_expanded (sl_traceback_get_expander (traceback), TRUE);
  show_editor (window);
  sl_ui_test_screenshot (GTK_WIDGET (window), "window-code-editor-exception");

  /* A template is one step back to code that runs, through the menu's action. */
  g_assert_true (g_strv_contains (sl_code_editor_list_templates (editor), "empty"));
  g_assert_true (g_strv_contains (sl_code_editor_list_templates (editor), "sum"));
  g_assert_true (g_strv_contains (sl_code_editor_list_templates (editor), "fib"));
  g_assert_true (g_strv_contains (sl_code_editor_list_templates (editor), "fetch"));
  g_assert_true (g_strv_contains (sl_code_editor_list_templates (editor), "hash"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.template", "s",
                                             "empty"));
  g_assert_true (sl_ui_test_wait_for (is_ready, window, 10));
  g_assert_null (sl_traceback_get_text (traceback));

  sl_ui_test_destroy_window (window);
  /* Every check's worker, the cancelled ones too, has ended. */
  g_assert_true (sl_ui_test_wait_for (no_children, NULL, 10));
}

/* Top-level code that never returns: the check stops it and says so. */
static void
test_runaway (void)
{
  SlWindow *window;
  SlCodeEditor *editor;

  if (sl_test_skip_without_python ())
    return;

  window = new_custom_window ();
  editor = editor_of (window);
  replace_code (editor, "while True:\n    pass\n");
  /* Its worker runs while the check waits... */
  g_assert_true (sl_ui_test_wait_for (has_children, NULL, 5));
  g_assert_true (sl_ui_test_wait_for (is_refused, window, 30));
  g_test_message ("%s", sl_code_editor_get_problem (editor));
  g_assert_nonnull (strstr (sl_code_editor_get_problem (editor), "10 s"));
  /* ...and is gone once the check has given up. */
  g_assert_true (sl_ui_test_wait_for (no_children, NULL, 5));

  sl_ui_test_destroy_window (window);
}

static void
test_sweep (void)
{
  SlWindow *window;
  const SlResult *result;
  g_autofree char *shown = NULL;

  if (sl_test_skip_without_python ())
    return;

  window = new_custom_window ();
  replace_code (editor_of (window), small_code);
  configure_small_sweep (window);
  shown = sl_code_editor_dup_text (editor_of (window));
  g_assert_cmpstr (shown, ==, small_code);
  run (window);

  result = sl_window_get_result (window);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_COMPLETE);
  g_assert_cmpuint (result->points->len, >=, 2);
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_DONE);
      g_assert_cmpuint (point->repetitions->len, ==, 1);
    }
  g_assert_cmpstr (sl_params_lookup (result->spec->params, SL_PYTHON_CODE_PARAM), ==, small_code);
  show_editor (window);
  sl_ui_test_screenshot (GTK_WIDGET (window), "window-code-editor-sweep");

  sl_ui_test_destroy_window (window);
}

static void
test_traceback (void)
{
  SlWindow *window;
  SlCodeEditor *editor;
  const SlResult *result;
  SlTraceback *traceback;
  const char *text;

  if (sl_test_skip_without_python ())
    return;

  window = new_custom_window ();
  replace_code (editor_of (window), raising_code);
  configure_small_sweep (window);
  /* Setting the spec builds the parameter rows anew: the editor of now. */
  editor = editor_of (window);
  run (window);

  result = sl_window_get_result (window);
  g_assert_nonnull (result);
  g_assert_cmpint (((SlPoint *) g_ptr_array_index (result->points, 0))->status, ==,
                   SL_POINT_FAILED);

  /* The failed point's traceback, folded under its summary. */
  traceback = SL_TRACEBACK (sl_ui_test_find_type (GTK_WIDGET (sl_window_get_results_view (window)),
                                       SL_TYPE_TRACEBACK));
  g_assert_nonnull (traceback);
  text = sl_traceback_get_text (traceback);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, SL_PYTHON_CUSTOM_FILENAME));
  g_assert_nonnull (strstr (text, "raise ValueError"));
  g_assert_nonnull (strstr (sl_results_view_get_warnings (sl_window_get_results_view (window)),
                            "ValueError: index one is not welcome"));
  g_assert_null (strstr (sl_results_view_get_warnings (sl_window_get_results_view (window)),
                         "Traceback"));
  g_assert_false (gtk_expander_get_expanded (sl_traceback_get_expander (traceback)));
  gtk_expander_set_expanded (sl_traceback_get_expander (traceback), TRUE);

  sl_ui_test_screenshot (GTK_WIDGET (window), "window-code-editor-traceback");

  /* The line in the person's code where it was raised is marked. */
  g_assert_cmpuint (sl_code_editor_get_marked_line (editor), ==, 3);
  g_assert_nonnull (strstr (sl_code_editor_get_mark_message (editor), "ValueError"));

  sl_ui_test_destroy_window (window);
}

static gboolean
has_file (gpointer data)
{
  return sl_code_editor_get_file (data) != NULL;
}

typedef struct {
  SlCodeEditor *editor;
  const char   *text;
} TextWait;

static gboolean
shows_text (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = sl_code_editor_dup_text (wait->editor);

  return g_strcmp0 (text, wait->text) == 0;
}

static gboolean
file_ends_with_more (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = NULL;

  return g_file_get_contents (wait->text, &text, NULL, NULL) && g_str_has_suffix (text, "# more\n");
}

/* Saving writes the code to its file; opening one replaces the code, as a step Ctrl+Z undoes. */
static void
test_files (void)
{
  SlWindow *window;
  SlCodeEditor *editor;
  GtkTextBuffer *buffer;
  g_autofree char *folder = sl_test_make_tmp_dir ("test-code-editor-files-XXXXXX");
  g_autofree char *path = g_build_filename (folder, "mine.py", NULL);
  g_autofree char *other_path = g_build_filename (folder, "other.py", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autofree char *saved = NULL;
  const char *other_code = "def task(index, count, **params):\n    return 2\n";
  TextWait wait;

  if (sl_test_skip_without_python ())
    return;

  window = new_custom_window ();
  editor = editor_of (window);
  buffer = gtk_text_view_get_buffer (sl_code_editor_get_view (editor));
  replace_code (editor, small_code);

  sl_code_editor_save_file (editor, file);
  g_assert_true (sl_ui_test_wait_for (has_file, editor, 10));
  g_assert_true (g_file_equal (sl_code_editor_get_file (editor), file));
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, small_code);

  /* Ctrl+S saves to the same file, without asking. */
  type_text (editor, "# more\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  wait = (TextWait) { NULL, path };
  g_assert_true (sl_ui_test_wait_for (file_ends_with_more, &wait, 10));

  g_assert_true (g_file_set_contents (other_path, other_code, -1, NULL));
  sl_code_editor_open_file (editor, other);
  wait = (TextWait) { editor, other_code };
  g_assert_true (sl_ui_test_wait_for (shows_text, &wait, 10));
  g_assert_true (g_file_equal (sl_code_editor_get_file (editor), other));
  g_assert_true (sl_ui_test_wait_for (is_ready, window, 10));

  g_assert_true (gtk_text_buffer_get_can_undo (buffer));
  gtk_text_buffer_undo (buffer);
  g_clear_pointer (&saved, g_free);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  wait = (TextWait) { editor, saved };
  g_assert_true (shows_text (&wait));

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (folder);
}

/* Whether a label of the editor says `text`. */
static gboolean
shows_label (gpointer data)
{
  TextWait *wait = data;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, wait->editor);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (widget) &&
          strstr (gtk_label_get_label (GTK_LABEL (widget)), wait->text) != NULL)
        return TRUE;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }

  return FALSE;
}

/* A file is opened by the engine's reader of code, within the CLI's limit: a file too large or
 * a device that never ends is refused beside the name, and the code stays as it was. */
static void
test_open_refused (void)
{
  SlWindow *window;
  SlCodeEditor *editor;
  g_autofree char *folder = sl_test_make_tmp_dir ("test-code-editor-large-XXXXXX");
  g_autofree char *path = g_build_filename (folder, "large.py", NULL);
  g_autofree char *large = g_strnfill (SL_MAX_CODE_SIZE + 1, '#');
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autofree char *text = NULL;
  TextWait wait;

  if (sl_test_skip_without_python ())
    return;

  window = new_custom_window ();
  editor = editor_of (window);
  replace_code (editor, small_code);

  g_assert_true (g_file_set_contents (path, large, -1, NULL));
  sl_code_editor_open_file (editor, file);
  wait = (TextWait) { editor, "is too large for a task's code: it is larger than 1 MiB" };
  g_assert_true (sl_ui_test_wait_for (shows_label, &wait, 10));
  sl_code_editor_open_file (editor, zero);
  wait = (TextWait) { editor, "/dev/zero is too large for a task's code" };
  g_assert_true (sl_ui_test_wait_for (shows_label, &wait, 10));

  text = sl_code_editor_dup_text (editor);
  g_assert_cmpstr (text, ==, small_code);
  g_assert_null (sl_code_editor_get_file (editor));

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (folder);
}

/* Code typed and never saved to a file comes back in the next window, and only in a file of
 * the user's data folder, not in the settings. */
static void
test_restore (void)
{
  SlWindow *window;
  g_autofree char *path = sl_code_editor_dup_draft_path ();
  g_autofree char *kept = NULL;
  g_autofree char *text = NULL;
  gpointer alive;
  const char *mine = "# mine, not saved\n\ndef task(index, count, **params):\n    return 7\n";

  if (sl_test_skip_without_python ())
    return;

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));

  window = new_custom_window ();
  replace_code (editor_of (window), mine);
  alive = window;
  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_null, &alive, 10));
  /* Closing wrote it at once, without waiting for the pause that writes it while typing. */
  g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, mine);

  window = sl_ui_test_new_window ();
  text = sl_code_editor_dup_text (editor_of (window));
  g_assert_cmpstr (text, ==, mine);
  g_assert_true (sl_ui_test_wait_for (is_ready, window, FIRST_CHECK_S));

  /* A spec's code (a result run again) replaces it; a spec with empty code shows the sample
   * that empty code runs. */
  {
    SlExperimentPanel *panel = sl_window_get_panel (window);
    g_autoptr(SlExperimentSpec) spec = sl_experiment_panel_dup_spec (panel);
    const SlWorkload *custom = sl_workload_lookup ("python-custom");
    g_autoptr(SlParams) empty = sl_params_new ();
    g_autofree char *shown = NULL;
    g_autofree char *sample = NULL;

    sl_params_set (spec->params, SL_PYTHON_CODE_PARAM, small_code);
    sl_experiment_panel_set_spec (panel, spec);
    shown = sl_code_editor_dup_text (editor_of (window));
    g_assert_cmpstr (shown, ==, small_code);

    sl_params_set (spec->params, SL_PYTHON_CODE_PARAM, "");
    sl_experiment_panel_set_spec (panel, spec);
    sample = sl_code_editor_dup_text (editor_of (window));
    g_assert_cmpstr (sample, ==, sl_python_workload_source (custom, empty));
    g_assert_true (sl_ui_test_wait_for (is_ready, window, 10));
  }

  sl_ui_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* The draft of these tests is not the person's: XDG_DATA_HOME is a folder of their own. */
  if (!sl_ui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/code-editor/check-as-typed", test_check_as_typed);
  g_test_add_func ("/code-editor/runaway", test_runaway);
  g_test_add_func ("/code-editor/sweep", test_sweep);
  g_test_add_func ("/code-editor/traceback", test_traceback);
  g_test_add_func ("/code-editor/files", test_files);
  g_test_add_func ("/code-editor/open-refused", test_open_refused);
  g_test_add_func ("/code-editor/restore", test_restore);

  return sl_ui_test_run ();
}
