/* main.c: speedup-lab-worker, the child side of the process pool.
 *
 * The pool starts one worker per process it needs and talks to it over its stdin and stdout
 * (see sl-protocol.h): that is the worker proper, sl-worker.c. --fork-server makes it the pool's
 * fork server instead (sl-worker-fork-server.c): workers are then forked copies of it, which
 * skip the cost of starting a program and loading its libraries.
 *
 * One-shot modes serve the engine without a pool: --python-info describes the interpreter,
 * --check-python loads code read from stdin and says what is wrong with it, --python-script runs
 * one of the embedded Python programs (the article's examples) on a JSON request read from stdin.
 *
 * --keeper-fd makes it fork first and keep the child, which goes on in the mode asked for
 * (sl-worker-keeper.c): the engine starts every worker it does not fork that way.
 */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib.h>

#include "sl-i18n.h"
#include "sl-protocol.h"
#include "sl-worker-fork-server.h"
#include "sl-worker-keeper.h"
#include "sl-worker.h"

#if HAVE_PYTHON
# include "sl-python-task.h"
#endif

/* The memory limit of the --check-python mode, which runs a person's top-level code. */
#define CHECK_MEMORY_MB   2048

/* --python-info, --check-python and --python-script (`script` non-NULL). */
static int
python_mode (gboolean    info_only,
             const char *script)
{
#if HAVE_PYTHON
  int in_fd, out_fd;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  int status;

  if (!info_only)
    {
      g_autoptr(GIOChannel) in = g_io_channel_unix_new (STDIN_FILENO);
      gsize length;

      g_io_channel_set_encoding (in, NULL, NULL);
      if (g_io_channel_read_to_end (in, &source, &length, &error) != G_IO_STATUS_NORMAL)
        {
          g_printerr ("speedup-lab-worker: could not read the code: %s\n", error->message);
          return 1;
        }
    }

  if (!sl_worker_take_protocol_fds (&in_fd, &out_fd))
    {
      g_printerr ("speedup-lab-worker: could not set up its output: %s\n", g_strerror (errno));
      return 1;
    }

  /* The programs are ours, and fork processes of their own: only a person's code is limited. */
  if (!info_only && script == NULL && !sl_worker_apply_memory_limit (CHECK_MEMORY_MB, &error))
    g_printerr ("speedup-lab-worker: %s\n", error->message);

  if (info_only)
    status = sl_python_info_main (out_fd);
  else if (script != NULL)
    status = sl_python_script_main (out_fd, script, source);
  else
    status = sl_python_check_main (out_fd, source);

  /* The interpreter is not worth finalising (a thread the code started could keep it waiting),
   * nor its memory worth reporting. */
  fflush (stdout);
  fflush (stderr);
  _exit (status);
#else
  g_printerr ("speedup-lab-worker: python runtime not built in: this speedup-lab-worker was "
              "built without python3-embed\n");
  return 1;
#endif
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gint parent_pid = 0;
  gint keeper_fd = -1;
  gboolean version = FALSE;
  gboolean python_info = FALSE;
  gboolean check_python = FALSE;
  gboolean fork_server = FALSE;
  g_autofree char *script = NULL;
  const GOptionEntry entries[] = {
    { "parent-pid", 0, 0, G_OPTION_ARG_INT, &parent_pid,
      "Exit at once unless PID is still this process's parent", "PID" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the program and protocol versions and exit", NULL },
    { "python-info", 0, 0, G_OPTION_ARG_NONE, &python_info,
      "Describe the embedded Python interpreter as a key file on stdout, and exit", NULL },
    { "check-python", 0, 0, G_OPTION_ARG_NONE, &check_python,
      "Load the Python code read from stdin, say on stdout what is wrong with it, and exit. "
      "Loading runs the code's top level, with your rights", NULL },
    { "python-script", 0, 0, G_OPTION_ARG_STRING, &script,
      "Run the embedded Python program NAME on the JSON request read from stdin, write its JSON "
      "report on stdout, and exit", "NAME" },
    { "fork-server", 0, 0, G_OPTION_ARG_NONE, &fork_server,
      "Fork workers on request from the socket on stdin rather than be one", NULL },
    { "keeper-fd", 0, 0, G_OPTION_ARG_INT, &keeper_fd,
      "Run as a child of a keeper that stops what it leaves behind and reports on FD", "FD" },
    { NULL }
  };
  g_autofree char *description = g_strdup_printf (
    "Speedup Lab starts one speedup-lab-worker for every worker of a process pool and talks to\n"
    "it over stdin and stdout in a binary protocol (version %d). It is not meant to be run by\n"
    "hand: run experiments with speedup-lab or speedup-lab-cli instead.\n"
    "Python code given to Speedup Lab runs here, with the rights of the person who runs it.",
    SL_PROTOCOL_VERSION);

  setlocale (LC_ALL, "");
  /* What a task's error says reaches the window and the CLI in the language they speak. */
  sl_i18n_bind_textdomain ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "The worker process of Speedup Lab's process pool.");
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("speedup-lab-worker: %s\nTry --help.\n", error->message);
      return 2;
    }

  if (version)
    {
      g_print ("speedup-lab-worker %s (protocol %d, python runtime %s)\n", PACKAGE_VERSION,
               SL_PROTOCOL_VERSION, HAVE_PYTHON ? "built in" : "not built in");
      return 0;
    }

  /* The parent decides when to stop (Ctrl+C in a terminal reaches the whole process group), and
   * a write to a parent that went away must fail, not kill. Workers run in process groups of
   * their own, which a terminal takes for background jobs: writing to it (or reading) must not
   * stop them, even with `stty tostop`. */
  signal (SIGINT, SIG_IGN);
  signal (SIGPIPE, SIG_IGN);
  signal (SIGTTOU, SIG_IGN);
  signal (SIGTTIN, SIG_IGN);

  /* Returns in the child, which goes on in the mode asked for. */
  if (keeper_fd >= 0 && !fork_server)
    sl_worker_keeper_run (keeper_fd, &parent_pid);

  if (python_info || check_python || script != NULL)
    {
      if (keeper_fd < 0)
        prctl (PR_SET_PDEATHSIG, SIGKILL);
      return python_mode (python_info, script);
    }

  if (fork_server)
    {
      /* Returns in each worker it forks. */
      if (!sl_worker_fork_server_run (&parent_pid))
        return 1;
    }

  return sl_worker_run (parent_pid);
}
