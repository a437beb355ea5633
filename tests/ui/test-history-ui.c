/* test-history-ui.c: the window's history, driven through its actions and widgets: a run kept
 * and listed, an experiment shown again and run again, rename, delete with undo, delete all, a
 * corrupt file in the folder, opening good and bad documents, the search, and comparing.
 *
 * Needs a display (tools/test starts Xvfb); without one it skips. Each test has a history folder
 * of its own.
 */
#define G_LOG_DOMAIN "test-history-ui"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sl-error.h"
#include "sl-export-dialog.h"
#include "sl-history.h"
#include "sl-result-io.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"
#include "sl-ui-util.h"

/* ---- helpers ---- */

static char *
new_history_dir (void)
{
  static guint n;
  char *dir = g_strdup_printf ("%s/history-%u", sl_ui_test_get_data_home (), ++n);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static gboolean
history_loaded (gpointer data)
{
  return !sl_history_view_get_loading (sl_window_get_history_view (data));
}

static SlWindow *
new_window_with_history (const char *dir)
{
  SlWindow *window = sl_ui_test_new_window ();

  sl_window_set_history_dir (window, dir);
  g_assert_true (sl_ui_test_wait_for (history_loaded, window, 10));
  return window;
}

static guint
n_items (SlWindow *window)
{
  return g_list_model_get_n_items (sl_history_view_get_items (sl_window_get_history_view (window)));
}

typedef struct {
  SlWindow *window;
  guint     n;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return n_items (wait->window) == wait->n;
}

static void
wait_for_items (SlWindow *window,
                guint     n)
{
  CountWait wait = { window, n };

  g_assert_true (sl_ui_test_wait_for (has_n_items, &wait, 20));
}

static SlHistoryItem *
item_at (SlWindow *window,
         guint     position)
{
  g_autoptr(SlHistoryItem) item =
    g_list_model_get_item (sl_history_view_get_items (sl_window_get_history_view (window)),
                           position);

  g_assert_nonnull (item);
  return item;   /* the list keeps it */
}

/* A sweep of a second or two: 2 M integers in 8 tasks, threads at 1 and 2 workers. */
static void
configure_small (SlWindow   *window,
                 const char *n)
{
  g_autoptr(SlExperimentSpec) spec = sl_test_spec_new ("cpu-sum", "threads", "1,2");

  sl_params_set (spec->params, "n", n);
  spec->tasks = 8;
  spec->repeat = 2;
  spec->warmup = 0;
  sl_experiment_panel_set_spec (sl_window_get_panel (window), spec);
}

static void
run_small (SlWindow   *window,
           const char *n)
{
  configure_small (window, n);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (sl_window_get_running (window));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_idle, window, 60));
}

static gboolean
shows_a_path (gpointer data)
{
  return sl_window_get_shown_path (data) != NULL;
}

typedef struct {
  SlWindow   *window;
  const char *path;
} PathWait;

static gboolean
shows_path (gpointer data)
{
  PathWait *wait = data;

  return g_strcmp0 (sl_window_get_shown_path (wait->window), wait->path) == 0;
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* The window keeps AdwMessageDialog while libadwaita 1.2 (Debian 12) lacks AdwAlertDialog:
 * newer libadwaita deprecates it. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static gboolean
has_dialog (gpointer data)
{
  return sl_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return sl_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  g_assert_true (sl_ui_test_wait_for (has_dialog, NULL, 10));
  return ADW_MESSAGE_DIALOG (sl_ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
answer_dialog (AdwMessageDialog *dialog,
               const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sl_ui_test_wait_for (no_dialog, NULL, 10));
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* ---- tests ---- */

/* A run is kept as it ends, listed at the top, and is the file of what is on screen. */
static void
test_run_is_kept (void)
{
  g_autofree char *dir = new_history_dir ();
  SlWindow *window = new_window_with_history (dir);
  g_autoptr(SlHistoryEntry) entry = NULL;
  SlHistoryItem *item;

  g_assert_cmpuint (n_items (window), ==, 0);
  run_small (window, "2000000");
  wait_for_items (window, 1);
  g_assert_true (sl_ui_test_wait_for (shows_a_path, window, 10));

  item = item_at (window, 0);
  g_assert_cmpstr (sl_window_get_shown_path (window), ==, sl_history_item_get_path (item));
  g_assert_true (g_str_has_prefix (sl_history_item_get_path (item), dir));
  g_assert_true (g_file_test (sl_history_item_get_path (item), G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (sl_history_item_get_title (item), ==, "Sum of integers");
  g_assert_nonnull (strstr (sl_history_item_get_summary (item), "×"));

  entry = sl_history_entry_read (sl_history_item_get_path (item));
  g_assert_null (entry->error);
  g_assert_cmpstr (entry->workload, ==, "cpu-sum");

  /* A second run comes first. */
  run_small (window, "3000000");
  wait_for_items (window, 2);
  g_assert_cmpstr (sl_window_get_shown_path (window), ==,
                   sl_history_item_get_path (item_at (window, 0)));

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (dir);
}

/* Clicking an experiment shows it as it ran; "Run again" runs its spec; an unreadable file is
 * listed with its reason, and clicking it changes nothing. */
static void
test_show_and_run_again (void)
{
  g_autofree char *dir = new_history_dir ();
  g_autofree char *corrupt = g_build_filename (dir, "2001-01-01T00-00-00Z-x.speedup.json", NULL);
  SlWindow *window = new_window_with_history (dir);
  g_autofree char *first = NULL;
  g_autofree char *recommendation = NULL;
  const SlResult *shown;
  SlHistoryItem *bad;
  PathWait wait = { window, NULL };

  run_small (window, "2000000");
  wait_for_items (window, 1);
  first = g_strdup (sl_history_item_get_path (item_at (window, 0)));
  recommendation = g_strdup (sl_results_view_get_recommendation (
                               sl_window_get_results_view (window)));
  run_small (window, "4000000");
  wait_for_items (window, 2);

  /* The older one, from its file. */
  sl_history_view_activate (sl_window_get_history_view (window), 1);
  wait.path = first;
  g_assert_true (sl_ui_test_wait_for (shows_path, &wait, 10));
  shown = sl_window_get_result (window);
  g_assert_cmpstr (sl_params_lookup (shown->spec->params, "n"), ==, "2000000");
  g_assert_cmpstr (sl_results_view_get_recommendation (sl_window_get_results_view (window)), ==,
                   recommendation);
  g_assert_cmpuint (g_list_model_get_n_items (sl_result_table_get_model (
                      sl_results_view_get_table (sl_window_get_results_view (window)))), ==,
                    shown->points->len);

  /* Run again: the same spec, in the panel and run; a third experiment. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.history-run-again", "s", first);
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_idle, window, 60));
  wait_for_items (window, 3);
  {
    g_autoptr(SlExperimentSpec) spec = sl_experiment_panel_dup_spec (sl_window_get_panel (window));

    g_assert_cmpstr (sl_params_lookup (spec->params, "n"), ==, "2000000");
  }

  /* A corrupt file: listed, unreadable, with the loader's reason; clicking it shows nothing
   * else and deletes nothing. */
  write_file (corrupt, "{\"format\": \"speedup-lab/1\", \"points\": [");
  sl_window_set_history_dir (window, dir);
  g_assert_true (sl_ui_test_wait_for (history_loaded, window, 10));
  g_assert_cmpuint (n_items (window), ==, 4);
  bad = item_at (window, 3);
  g_assert_false (sl_history_item_get_readable (bad));
  g_assert_nonnull (sl_history_item_get_entry (bad)->error);
  shown = sl_window_get_result (window);
  sl_history_view_activate (sl_window_get_history_view (window), 3);
  g_assert_true (sl_window_get_result (window) == shown);
  g_assert_true (g_file_test (corrupt, G_FILE_TEST_EXISTS));
  /* The window still works. */
  run_small (window, "2000000");
  wait_for_items (window, 5);

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (dir);
}

typedef struct {
  SlHistoryItem *item;
  const char    *title;
} TitleWait;

static gboolean
has_title (gpointer data)
{
  TitleWait *wait = data;

  return g_strcmp0 (sl_history_item_get_title (wait->item), wait->title) == 0;
}

static void
test_rename (void)
{
  g_autofree char *dir = new_history_dir ();
  SlWindow *window = new_window_with_history (dir);
  g_autoptr(SlHistoryEntry) entry = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *title_entry;
  TitleWait wait;
  SlHistoryItem *item;

  run_small (window, "2000000");
  wait_for_items (window, 1);
  item = item_at (window, 0);

  /* Through the row's menu and its dialog, as a person would. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.history-rename", "s",
                              sl_history_item_get_path (item));
  dialog = wait_for_dialog ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  title_entry = adw_message_dialog_get_extra_child (dialog);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_entry)), ==, "Sum of integers");
  gtk_editable_set_text (GTK_EDITABLE (title_entry), "Before the upgrade");
  answer_dialog (dialog, "rename");

  wait = (TitleWait) { item, "Before the upgrade" };
  g_assert_true (sl_ui_test_wait_for (has_title, &wait, 10));
  entry = sl_history_entry_read (sl_history_item_get_path (item));
  g_assert_cmpstr (entry->title, ==, "Before the upgrade");
  /* The result on screen is that file: its title shows too. */
  g_assert_cmpstr (sl_window_get_result (window)->title, ==, "Before the upgrade");

  /* An empty title goes back to the workload's. */
  sl_window_rename_async (window, sl_history_item_get_path (item), "  ");
  wait = (TitleWait) { item, "Sum of integers" };
  g_assert_true (sl_ui_test_wait_for (has_title, &wait, 10));

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (dir);
}

static void
test_delete_undo (void)
{
  g_autofree char *dir = new_history_dir ();
  SlWindow *window = new_window_with_history (dir);
  g_autofree char *newest = NULL;
  g_autofree char *oldest = NULL;

  run_small (window, "2000000");
  run_small (window, "3000000");
  wait_for_items (window, 2);
  newest = g_strdup (sl_history_item_get_path (item_at (window, 0)));
  oldest = g_strdup (sl_history_item_get_path (item_at (window, 1)));

  /* Gone from the list at once; the file stays while the toast can undo it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.history-delete", "s", newest);
  g_assert_cmpuint (n_items (window), ==, 1);
  g_assert_null (sl_window_get_shown_path (window));
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL);
  g_assert_cmpuint (n_items (window), ==, 2);
  g_assert_cmpstr (sl_history_item_get_path (item_at (window, 0)), ==, newest);
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));

  /* Not undone: the file goes when the toast does, at the latest when the window goes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.history-delete", "s", oldest);
  g_assert_cmpuint (n_items (window), ==, 1);
  sl_ui_test_destroy_window (window);
  g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));

  /* A new window lists what is left. */
  window = new_window_with_history (dir);
  g_assert_cmpuint (n_items (window), ==, 1);

  /* Delete all asks first; cancelled, nothing goes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.history-delete-all", NULL);
  answer_dialog (wait_for_dialog (), "cancel");
  g_assert_cmpuint (n_items (window), ==, 1);
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.history-delete-all", NULL);
  answer_dialog (wait_for_dialog (), "delete");
  g_assert_cmpuint (n_items (window), ==, 0);
  {
    g_autoptr(GPtrArray) left = NULL;

    for (int i = 0; i < 500 && g_file_test (newest, G_FILE_TEST_EXISTS); i++)
      g_main_context_iteration (NULL, FALSE), g_usleep (10000);
    left = sl_history_list (dir, NULL);
    g_assert_cmpuint (left->len, ==, 0);
  }

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (dir);
}

static void
test_search (void)
{
  g_autofree char *dir = new_history_dir ();
  SlWindow *window = new_window_with_history (dir);
  SlHistoryView *view = sl_window_get_history_view (window);
  GListModel *shown = sl_history_view_get_shown (view);
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  run_small (window, "2000000");
  wait_for_items (window, 1);

  /* A second experiment of another workload, saved by the engine as the CLI would. */
  result = sl_result_load (sl_history_item_get_path (item_at (window, 0)), &error);
  g_assert_no_error (error);
  g_free (result->title);
  result->title = g_strdup ("Laptop on battery");
  saved = sl_history_save (dir, result, &error);
  g_assert_no_error (error);
  sl_window_set_history_dir (window, dir);
  g_assert_true (sl_ui_test_wait_for (history_loaded, window, 10));
  g_assert_cmpuint (n_items (window), ==, 2);

  sl_history_view_set_search (view, "battery");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  sl_history_view_set_search (view, "LAPTOP battery");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  sl_history_view_set_search (view, "cpu-sum");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  sl_history_view_set_search (view, "python");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  sl_history_view_set_search (view, "threads");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  sl_history_view_set_search (view, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (dir);
}

/* AdwMessageDialog, as above. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

/* Opening a document: a good one is shown; a bad one is explained in a dialog with the loader's
 * message, and what was on screen stays. */
static void
test_open (void)
{
  g_autofree char *dir = new_history_dir ();
  g_autofree char *bad = g_build_filename (sl_ui_test_get_data_home (), "bad.speedup.json", NULL);
  g_autofree char *future = g_build_filename (sl_ui_test_get_data_home (), "future.speedup.json", NULL);
  SlWindow *window = new_window_with_history (dir);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *copy = g_build_filename (sl_ui_test_get_data_home (), "copy.speedup.json", NULL);
  g_autoptr(GError) error = NULL;
  const SlResult *before;
  AdwMessageDialog *dialog;
  PathWait wait = { window, copy };

  run_small (window, "2000000");
  wait_for_items (window, 1);
  g_assert_true (sl_window_save_result (window, copy, &error));
  g_assert_no_error (error);
  before = sl_window_get_result (window);

  write_file (bad, "[[[[not json");
  g_ptr_array_add (files, g_file_new_for_path (bad));
  sl_window_open_files (window, files);
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "bad.speedup.json"));
  g_assert_nonnull (adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  answer_dialog (dialog, "close");
  g_assert_true (sl_window_get_result (window) == before);

  write_file (future, "{\"format\": \"speedup-lab/99\"}");
  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, g_file_new_for_path (future));
  sl_window_open_files (window, files);
  dialog = wait_for_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "speedup-lab/99"));
  answer_dialog (dialog, "close");
  g_assert_true (sl_window_get_result (window) == before);

  g_ptr_array_set_size (files, 0);
  g_ptr_array_add (files, g_file_new_for_path (copy));
  sl_window_open_files (window, files);
  g_assert_true (sl_ui_test_wait_for (shows_path, &wait, 10));
  g_assert_cmpstr (sl_params_lookup (sl_window_get_result (window)->spec->params, "n"), ==,
                   "2000000");

  sl_ui_test_destroy_window (window);
  g_unlink (bad);
  g_unlink (future);
  g_unlink (copy);
  sl_test_remove_tree (dir);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static gboolean
is_comparing (gpointer data)
{
  return sl_window_get_comparison (data) != NULL;
}

/* Two experiments picked in the selection mode and compared: every chart but the tasks one
 * overlays both, the comparison's table has a row per model and worker count, and the table's
 * text is what Ctrl+C copies. A run ends the comparison. */
static void
test_compare (void)
{
  g_autofree char *dir = new_history_dir ();
  SlWindow *window = new_window_with_history (dir);
  SlHistoryView *view = sl_window_get_history_view (window);
  SlResultsView *results = sl_window_get_results_view (window);
  SlChartView *speedup = sl_results_view_get_chart (results, SL_CHART_SPEEDUP);
  const SlComparison *comparison;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_points;

  run_small (window, "2000000");
  run_small (window, "3000000");
  wait_for_items (window, 2);
  g_assert_false (gtk_widget_is_sensitive (sl_ui_test_find_button (GTK_WIDGET (view),
                                                                   "win.compare")));

  /* The experiment on screen starts picked; a click picks the other. */
  sl_history_view_set_selection_mode (view, TRUE);
  g_assert_cmpuint (sl_history_view_get_n_checked (view), ==, 1);
  g_assert_true (sl_history_item_get_checked (item_at (window, 0)));
  sl_history_view_activate (view, 1);
  g_assert_cmpuint (sl_history_view_get_n_checked (view), ==, 2);
  g_assert_true (gtk_widget_is_sensitive (sl_ui_test_find_button (GTK_WIDGET (view),
                                                                  "win.compare")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL);
  g_assert_true (sl_ui_test_wait_for (is_comparing, window, 10));
  comparison = sl_window_get_comparison (window);
  g_assert_cmpuint (sl_window_get_compared (window)->len, ==, 2);

  /* The overlay: both results, every point of each drawn. */
  n_points = ((SlResult *) comparison->results->pdata[0])->points->len +
             ((SlResult *) comparison->results->pdata[1])->points->len;
  g_assert_cmpuint (sl_chart_view_get_n_results (speedup), ==, 2);
  adw_view_stack_set_visible_child_name (sl_results_view_get_stack (results), "speedup");
  sl_ui_test_wait_for_draw (speedup, sl_chart_view_get_n_draws (speedup));
  g_assert_cmpuint (sl_chart_view_count_drawn_points (speedup), ==, n_points);
  g_assert_nonnull (sl_chart_view_get_label (speedup, 0));
  g_assert_cmpstr (sl_chart_view_get_label (speedup, 1), !=, sl_chart_view_get_label (speedup, 0));

  /* The table: A's points against B's, one row each (one model, two worker counts). */
  g_assert_cmpuint (comparison->rows->len, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (sl_compare_table_get_model (
                      sl_results_view_get_compare_table (results))), ==, comparison->rows->len);
  g_assert_nonnull (strstr (sl_results_view_get_recommendation (results), "Against A"));
  text = sl_results_view_dup_table_text (results);
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, comparison->rows->len + 1);
  g_assert_true (sl_window_copy_table (window, NULL));

  /* A comparison is data too: its own JSON document. */
  {
    g_autofree char *json = g_build_filename (dir, "comparison.json", NULL);
    g_autofree char *csv = g_build_filename (dir, "comparison.csv", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (sl_window_export_data (window, json, SL_EXPORT_JSON, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "speedup-lab-comparison/1"));
    g_assert_false (sl_window_export_data (window, csv, SL_EXPORT_CSV, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  }

  /* Running again leaves the comparison for the new result. */
  sl_history_view_set_selection_mode (view, FALSE);
  g_assert_cmpuint (sl_history_view_get_n_checked (view), ==, 0);
  run_small (window, "2000000");
  g_assert_null (sl_window_get_comparison (window));
  g_assert_cmpuint (sl_chart_view_get_n_results (speedup), ==, 1);

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (dir);
}

static gboolean
has_export_dialog (gpointer data)
{
  return sl_ui_test_find_toplevel (SL_TYPE_EXPORT_DIALOG) != NULL;
}

/* The Export menu's chart, through the window with a path of the test's (the file chooser
 * bypassed): a PNG of the chart's size on screen, equal to the screen's pixels; an SVG that
 * rsvg-convert renders; a 2× PNG of twice the pixels; the data formats. */
static void
test_export (void)
{
  g_autofree char *dir = new_history_dir ();
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *png2 = g_build_filename (dir, "chart@2.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  SlWindow *window = new_window_with_history (dir);
  SlResultsView *results = sl_window_get_results_view (window);
  SlChartView *chart = sl_results_view_get_chart (results, SL_CHART_SPEEDUP);
  g_autoptr(GdkTexture) screen = NULL;
  g_autoptr(GdkTexture) file = NULL;
  g_autoptr(GError) error = NULL;
  guint largest = 0;

  run_small (window, "2000000");
  adw_view_stack_set_visible_child_name (sl_results_view_get_stack (results), "speedup");
  sl_ui_test_settle (0.3);
  sl_ui_test_wait_for_draw (chart, 0);

  g_assert_true (sl_window_export_chart (window, png, &error));
  g_assert_no_error (error);
  file = sl_ui_test_texture_from_file (png);
  g_assert_cmpint (gdk_texture_get_width (file), ==, gtk_widget_get_width (GTK_WIDGET (chart)));
  g_assert_cmpint (gdk_texture_get_height (file), ==, gtk_widget_get_height (GTK_WIDGET (chart)));

  /* What you see is what you get: the screen's pixels (cairo may round an antialiased edge
   * differently when it replays the drawing, hence a level of 1 in under 0.1 % of them). */
  screen = sl_ui_render_widget (GTK_WIDGET (chart));
  g_assert_nonnull (screen);
  g_assert_cmpuint (sl_ui_test_count_different (screen, file, &largest), <=,
                    (guint) (gdk_texture_get_width (file) * gdk_texture_get_height (file) / 1000));
  g_assert_cmpuint (largest, <=, 1);

  g_assert_true (sl_window_export_chart_full (window, png2, 600, 400, 2,
                                              SL_CHART_EXPORT_THEME_DARK, &error));
  g_assert_no_error (error);
  g_clear_object (&file);
  file = sl_ui_test_texture_from_file (png2);
  g_assert_cmpint (gdk_texture_get_width (file), ==, 1200);
  g_assert_cmpint (gdk_texture_get_height (file), ==, 800);

  g_assert_true (sl_window_export_chart (window, svg, &error));
  g_assert_no_error (error);
  if (rsvg != NULL)
    {
      g_autofree char *out = g_build_filename (dir, "chart-svg.png", NULL);
      const char *argv[] = { rsvg, "-o", out, svg, NULL };
      g_autofree char *errors = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, &errors, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("rsvg-convert refused the SVG: %s", errors);
      g_clear_object (&file);
      file = sl_ui_test_texture_from_file (out);
      g_assert_cmpint (gdk_texture_get_width (file), ==, gtk_widget_get_width (GTK_WIDGET (chart)));
    }
  else
    g_test_message ("rsvg-convert not found: the SVG is not rasterized");

  /* The data, in each format the menu offers. */
  {
    static const struct { SlExportFormat format; const char *name; const char *needle; } data[] = {
      { SL_EXPORT_JSON, "r.speedup.json", "speedup-lab/1" },
      { SL_EXPORT_CSV, "r.csv", "workers" },
      { SL_EXPORT_MARKDOWN, "r.md", "|" },
      { SL_EXPORT_HYPERFINE, "r.hyperfine.json", "\"results\"" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (data); i++)
      {
        g_autofree char *path = g_build_filename (dir, data[i].name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (sl_window_export_data (window, path, data[i].format, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
        g_assert_nonnull (strstr (contents, data[i].needle));
      }
  }

  /* The menu's Export Chart… asks first, starting from the size on screen. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-chart", NULL);
  {
    SlExportDialog *dialog;

    g_assert_true (sl_ui_test_wait_for (has_export_dialog, NULL, 10));
    dialog = SL_EXPORT_DIALOG (sl_ui_test_find_toplevel (SL_TYPE_EXPORT_DIALOG));
    g_assert_cmpint (sl_export_dialog_get_width (dialog), ==,
                     gtk_widget_get_width (GTK_WIDGET (chart)));
    g_assert_cmpint (sl_export_dialog_get_height (dialog), ==,
                     gtk_widget_get_height (GTK_WIDGET (chart)));
    g_assert_null (sl_export_dialog_get_problem (dialog));
    sl_ui_test_destroy_window (dialog);
  }

  /* The clipboard: the chart as an image of its size. */
  g_assert_true (sl_window_copy_chart (window, &error));
  g_assert_no_error (error);

  sl_ui_test_destroy_window (window);
  sl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!sl_ui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/history-ui/run-is-kept", test_run_is_kept);
  g_test_add_func ("/history-ui/show-and-run-again", test_show_and_run_again);
  g_test_add_func ("/history-ui/rename", test_rename);
  g_test_add_func ("/history-ui/delete-undo", test_delete_undo);
  g_test_add_func ("/history-ui/search", test_search);
  g_test_add_func ("/history-ui/open", test_open);
  g_test_add_func ("/history-ui/compare", test_compare);
  g_test_add_func ("/history-ui/export", test_export);

  return sl_ui_test_run ();
}
