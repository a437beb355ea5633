/* test-article-dialog.c: the Article Checks window: the main menu's win.article-checks opens it
 * and runs the checks; each card then shows the outcome the interpreter gave, as written and
 * corrected; closing it cancels a run with nothing left behind.
 *
 * Needs a display (tools/test starts Xvfb); without one it skips.
 */
#define G_LOG_DOMAIN "test-article-dialog"

#include "config.h"

#include <string.h>

#include "sl-article-dialog.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

static gboolean
dialog_is_idle (gpointer data)
{
  return !sl_article_dialog_is_running (data);
}

static void
test_article_dialog_runs (void)
{
  SlWindow *window;
  SlArticleDialog *dialog;
  SlArticleCard *card;

  if (sl_test_skip_without_python ())
    return;

  window = sl_ui_test_new_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.article-checks", NULL));
  dialog = SL_ARTICLE_DIALOG (sl_ui_test_find_toplevel (SL_TYPE_ARTICLE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (sl_article_dialog_is_running (dialog));
  g_assert_true (sl_ui_test_wait_for (dialog_is_idle, dialog, 120));

  /* The Queue as written: the interpreter's exception first. */
  card = sl_article_dialog_get_card (dialog, "queue", FALSE);
  g_test_message ("queue as written: %s", sl_article_card_get_headline (card));
  g_assert_true (g_str_has_prefix (sl_article_card_get_headline (card), "RuntimeError: "));
  /* The pickling failure of the process pool as written, whatever its words. */
  card = sl_article_dialog_get_card (dialog, "flask-processes", FALSE);
  g_test_message ("flask-processes as written: %s", sl_article_card_get_headline (card));
  g_assert_nonnull (strstr (sl_article_card_get_headline (card), ": "));
  /* Every corrected version ran to the end. */
  for (const char * const *id = (const char * const[]) { "counter", "queue", "flask-threads",
                                                         "flask-processes", NULL };
       *id != NULL; id++)
    g_assert_cmpstr (sl_article_card_get_headline (sl_article_dialog_get_card (dialog, *id, TRUE)),
                     ==, "Ran to the end");

  /* A second activation presents the same dialog, without running it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.article-checks", NULL));
  g_assert_true (sl_ui_test_find_toplevel (SL_TYPE_ARTICLE_DIALOG) == GTK_WINDOW (dialog));
  g_assert_false (sl_article_dialog_is_running (dialog));

  sl_ui_test_screenshot (GTK_WIDGET (dialog), "article-checks");
  if (g_getenv ("SL_TEST_SCREENSHOTS") != NULL)
    {
      GtkScrolledWindow *scrolled =
        GTK_SCROLLED_WINDOW (sl_ui_test_find_type (GTK_WIDGET (dialog), GTK_TYPE_SCROLLED_WINDOW));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      sl_ui_test_screenshot (GTK_WIDGET (dialog), "article-checks-end");
    }

  sl_ui_test_destroy_window (dialog);
  sl_ui_test_destroy_window (window);
}

static void
test_article_dialog_close_cancels (void)
{
  SlArticleDialog *dialog;

  if (sl_test_skip_without_python ())
    return;

  dialog = sl_article_dialog_new (NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  sl_article_dialog_run (dialog);
  sl_ui_test_settle (0.5);
  g_assert_true (sl_article_dialog_is_running (dialog));
  /* Running again cancels the run under way and starts afresh. */
  sl_article_dialog_run (dialog);
  g_assert_true (sl_article_dialog_is_running (dialog));
  sl_ui_test_destroy_window (dialog);
  /* The cancelled runs' workers were killed and reaped on their threads. */
  sl_ui_test_settle (1);
  sl_test_assert_no_children ();
}

int
main (int    argc,
      char **argv)
{
  if (!sl_ui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/article-dialog/runs", test_article_dialog_runs);
  g_test_add_func ("/article-dialog/close-cancels", test_article_dialog_close_cancels);

  return sl_ui_test_run ();
}
