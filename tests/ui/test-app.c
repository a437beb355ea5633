/* test-app.c: speedup-lab as a process: --run starts the configuration saved by the last
 * session, SIGTERM and SIGINT end it cleanly during a sweep (status 0, no process left behind),
 * and a bad --preset is refused.
 *
 * This test becomes a subreaper, so that every process the application starts, the fork
 * server and its workers included, is its descendant and is counted until it is gone.
 */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <errno.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-test-util.h"

/* ---- processes ---- */

static pid_t
parent_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return -1;
  /* "pid (comm) state ppid ...": comm may hold spaces and parentheses. */
  end = strrchr (stat, ')');
  if (end == NULL)
    return -1;

  return (pid_t) strtol (end + 4, NULL, 10);
}

static char *
command_of (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/comm", pid);
  char *comm = NULL;

  if (!g_file_get_contents (path, &comm, NULL, NULL))
    return NULL;

  return g_strstrip (comm);
}

/* This process's descendants (not itself), with their commands. */
static GHashTable *
descendants (void)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (NULL, NULL);
  GHashTable *found = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  pid_t self = getpid ();
  gboolean grew = TRUE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      pid_t ppid;

      if (!g_ascii_isdigit (name[0]) || (ppid = parent_of (name)) <= 0)
        continue;
      g_hash_table_insert (parents, GINT_TO_POINTER (atoi (name)), GINT_TO_POINTER (ppid));
    }

  while (grew)
    {
      GHashTableIter iter;
      gpointer pid, ppid;

      grew = FALSE;
      g_hash_table_iter_init (&iter, parents);
      while (g_hash_table_iter_next (&iter, &pid, &ppid))
        if (!g_hash_table_contains (found, pid) &&
            (GPOINTER_TO_INT (ppid) == self || g_hash_table_contains (found, ppid)))
          {
            g_autofree char *text = g_strdup_printf ("%d", GPOINTER_TO_INT (pid));

            g_hash_table_insert (found, pid, command_of (text));
            grew = TRUE;
          }
    }

  return found;
}

static guint
count_workers (void)
{
  g_autoptr(GHashTable) all = descendants ();
  GHashTableIter iter;
  const char *comm;
  guint n = 0;

  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &comm))
    n += comm != NULL && g_str_has_prefix (comm, "speedup-lab-wor");

  return n;
}

/* Reaps what ends; TRUE once nothing descends from this process any more. */
static gboolean
wait_for_no_descendants (double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  do
    {
      g_autoptr(GHashTable) all = NULL;

      while (waitpid (-1, NULL, WNOHANG) > 0)
        ;
      all = descendants ();
      if (g_hash_table_size (all) == 0)
        return TRUE;
      g_usleep (20000);
    }
  while (g_get_monotonic_time () < deadline);

  return FALSE;
}

/* ---- the application ---- */

typedef struct {
  char *config;     /* XDG_CONFIG_HOME and XDG_DATA_HOME of the application */
} Fixture;

/* A saved configuration: a short I/O sweep on worker processes, so that workers exist. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *keyfile = NULL;
  const char *settings =
    "[io/github/speeduplab/SpeedupLab]\n"
    "preset=''\n"
    "workload='io-sleep'\n"
    "params={'latency_ms': '200'}\n"
    "models=['processes']\n"
    "max-workers=uint32 4\n"
    "tasks=uint64 40\n"
    "repeat=uint32 1\n"
    "warmup=uint32 0\n";

  fixture->config = g_dir_make_tmp ("test-app-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (fixture->config, "glib-2.0", "settings", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  keyfile = g_build_filename (dir, "keyfile", NULL);
  g_file_set_contents (keyfile, settings, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sl_test_remove_tree (fixture->config);
  g_free (fixture->config);
}

static GPid
spawn_app (Fixture     *fixture,
           const char **args)
{
  g_autoptr(GStrvBuilder) argv_builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_strv_builder_add (argv_builder, g_getenv ("SPEEDUP_LAB_UI"));
  g_strv_builder_addv (argv_builder, args);
  argv = g_strv_builder_end (argv_builder);

  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", fixture->config, TRUE);
  /* The history of these runs is not the person's. */
  env = g_environ_setenv (env, "XDG_DATA_HOME", fixture->config, TRUE);
  /* One instance per test, whatever session bus there is. */
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);

  g_spawn_async (NULL, argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  return pid;
}

static int
wait_exit (GPid   pid,
           double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  int status;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t done = waitpid (pid, &status, WNOHANG);

      if (done == pid)
        return status;
      g_assert_cmpint (done, ==, 0);
      g_usleep (10000);
    }

  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_assert_not_reached ();
  return status;
}

static gboolean
wait_for_workers (guint  n,
                  double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (count_workers () < n)
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (20000);
    }

  return TRUE;
}

static void
check_signal (Fixture *fixture,
              int      signal_number)
{
  const char *args[] = { "--run", NULL };
  GPid pid = spawn_app (fixture, args);
  gint64 sent;
  int status;

  /* --run started the saved sweep: its workers exist (the fork server is one more). */
  g_assert_true (wait_for_workers (2, 60));

  sent = g_get_monotonic_time ();
  g_assert_cmpint (kill (pid, signal_number), ==, 0);
  status = wait_exit (pid, 10);
  g_test_message ("exited %.3f s after the signal", (g_get_monotonic_time () - sent) / 1e6);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (wait_for_no_descendants (5));
}

static void
test_sigterm (Fixture       *fixture,
              gconstpointer  data)
{
  check_signal (fixture, SIGTERM);
}

static void
test_sigint (Fixture       *fixture,
             gconstpointer  data)
{
  check_signal (fixture, SIGINT);
}

static void
test_bad_preset (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *args[] = { "--preset", "no-such-preset", NULL };
  GPid pid = spawn_app (fixture, args);
  int status = wait_exit (pid, 30);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_true (wait_for_no_descendants (5));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the application tests\n");
      return 77;
    }

  g_assert_nonnull (g_getenv ("SPEEDUP_LAB_UI"));
  g_assert_cmpint (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), ==, 0);

  g_test_add ("/app/sigterm", Fixture, NULL, fixture_set_up, test_sigterm, fixture_tear_down);
  g_test_add ("/app/sigint", Fixture, NULL, fixture_set_up, test_sigint, fixture_tear_down);
  g_test_add ("/app/bad-preset", Fixture, NULL, fixture_set_up, test_bad_preset,
              fixture_tear_down);

  return g_test_run ();
}
