/* test-open.c: speedup-lab opens result documents as the desktop hands them over: through
 * GApplication's open (the file manager, `gio open`, D-Bus) and as file arguments on the
 * command line, relative to the folder of the command; two files open as a comparison, and
 * --run is refused with files.
 *
 * Needs a display (tools/test starts Xvfb); without one it skips.
 */
#define G_LOG_DOMAIN "test-open"

#include "config.h"

#include <adwaita.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-application.h"
#include "sl-chart-test-util.h"
#include "sl-result-io.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"

typedef struct {
  char *dir;
  char *a;    /* result documents in dir */
  char *b;
} Fixture;

static char *
save_result (const char *dir,
             const char *name,
             SlRuntime   runtime)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  result->spec->runtime = runtime;
  g_assert_true (sl_result_save (result, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = sl_test_make_tmp_dir ("test-open-XXXXXX");
  fixture->a = save_result (fixture->dir, "a.speedup.json", SL_RUNTIME_NATIVE);
  fixture->b = save_result (fixture->dir, "b.speedup.json", SL_RUNTIME_PYTHON);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->a);
  g_free (fixture->b);
}

static SlWindow *
window_of (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return SL_IS_WINDOW (window) ? SL_WINDOW (window) : NULL;
}

typedef struct {
  GApplication *app;
  const char   *path;
} PathWait;

static gboolean
shows_path (gpointer data)
{
  PathWait *wait = data;
  SlWindow *window = window_of (wait->app);

  return window != NULL && g_strcmp0 (sl_window_get_shown_path (window), wait->path) == 0;
}

static void
close_windows (GApplication *app)
{
  SlWindow *window;

  while ((window = window_of (app)) != NULL)
    sl_ui_test_destroy_window (window);
}

/* g_application_open(), as the file manager and `gio open` reach the running application. */
static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(SlApplication) app = sl_application_new (G_APPLICATION_NON_UNIQUE);
  g_autoptr(GFile) file = g_file_new_for_path (fixture->a);
  g_autoptr(GError) error = NULL;
  PathWait wait = { G_APPLICATION (app), fixture->a };

  g_assert_true (g_application_get_flags (G_APPLICATION (app)) & G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_assert_nonnull (window_of (G_APPLICATION (app)));
  g_assert_true (sl_ui_test_wait_for (shows_path, &wait, 20));
  g_assert_null (sl_window_get_comparison (window_of (G_APPLICATION (app))));

  close_windows (G_APPLICATION (app));
}

typedef struct {
  GApplication *app;
  gint64        deadline;
  guint         source;
  gboolean      compared;
} RunWait;

static gboolean
compared_cb (gpointer data)
{
  RunWait *wait = data;
  SlWindow *window = window_of (wait->app);
  GPtrArray *compared = window != NULL ? sl_window_get_compared (window) : NULL;

  wait->compared = compared != NULL && compared->len == 2;
  if (wait->compared || g_get_monotonic_time () > wait->deadline)
    {
      sl_application_stop (SL_APPLICATION (wait->app));
      wait->source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* `speedup-lab a.speedup.json DIR/b.speedup.json`, one path relative to the folder it was
 * typed in: both open, side by side. */
static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SlApplication) app = sl_application_new (G_APPLICATION_NON_UNIQUE);
  g_autofree char *cwd = g_get_current_dir ();
  char *argv[] = { (char *) "speedup-lab", (char *) "a.speedup.json", fixture->b, NULL };
  RunWait wait = { G_APPLICATION (app), g_get_monotonic_time () + 20 * G_USEC_PER_SEC, 0, FALSE };
  int status;

  wait.source = g_timeout_add (50, compared_cb, &wait);
  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (wait.compared);
  g_clear_handle_id (&wait.source, g_source_remove);
}

static gboolean
stop_cb (gpointer data)
{
  sl_application_stop (data);
  return G_SOURCE_REMOVE;
}

static void
test_run_with_files (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SlApplication) app = sl_application_new (G_APPLICATION_NON_UNIQUE);
  char *argv[] = { (char *) "speedup-lab", (char *) "--run", fixture->a, NULL };
  guint source = g_timeout_add_seconds (20, stop_cb, app);
  int status;

  g_test_message ("a refusal, with nothing opened or run:");
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_cmpint (status, ==, 2);
  g_assert_null (window_of (G_APPLICATION (app)));
  g_clear_handle_id (&source, g_source_remove);
}

int
main (int   argc,
      char *argv[])
{
  if (!sl_ui_test_init (&argc, &argv))
    return 77;

  g_test_add ("/open/open", Fixture, NULL, fixture_set_up, test_open, fixture_tear_down);
  g_test_add ("/open/command-line", Fixture, NULL, fixture_set_up, test_command_line,
              fixture_tear_down);
  g_test_add ("/open/run-with-files", Fixture, NULL, fixture_set_up, test_run_with_files,
              fixture_tear_down);

  return sl_ui_test_run ();
}
