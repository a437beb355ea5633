/* main.c: speedup-lab-worker, the child side of the process pool.
 *
 * The pool starts one worker per process it needs and talks to it over its stdin and stdout
 * (see sl-protocol.h). The worker runs one workload: it says HELLO, receives CONFIG, prepares the
 * workload once, then runs the chunks of tasks it is given until BYE or the end of its input.
 *
 * With the python runtime the task is Python code run by an embedded CPython, started once per
 * worker. A worker asked for several threads runs one lane per thread, all calling into the one
 * interpreter: the python runtime's threads model, with the real GIL. A worker with one lane runs
 * its tasks on the main thread, between reading frames.
 *
 * Two one-shot modes serve the engine without a pool: --python-info describes the interpreter,
 * --check-python loads code read from stdin and says what is wrong with it. --fork-server makes
 * it the pool's fork server instead: workers are then forked copies of it, which skip the cost
 * of starting a program and loading its libraries.
 */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "sl-error.h"
#include "sl-worker-private.h"
#include "sl-pool.h"
#include "sl-protocol.h"
#include "sl-python.h"
#include "sl-workload.h"

#if HAVE_PYTHON
# include "sl-python-task.h"
#endif

/* The memory limit of the --check-python mode, which runs a person's top-level code. */
#define CHECK_MEMORY_MB   2048


void
sl_worker_send_or_exit (Worker     *worker,
                        GByteArray *out)
{
  gboolean ok;

  if (out->len == 0)
    return;

  pthread_mutex_lock (&worker->write_lock);
  ok = sl_protocol_write_all (worker->out_fd, out->data, out->len, NULL);
  pthread_mutex_unlock (&worker->write_lock);

  /* The parent is gone or stopped listening: nobody is left to tell. */
  if (!ok)
    _exit (1);

  g_byte_array_set_size (out, 0);
}

/* Tells the parent why this worker cannot go on, and exits. */
G_GNUC_NORETURN static void
fail (Worker     *worker,
      SlError     code,
      const char *message)
{
  sl_protocol_append_error (worker->out, code, message);
  sl_worker_send_or_exit (worker, worker->out);
  /* An interpreter is not worth finalising on the way out, nor its memory worth reporting. */
  if (worker->runtime == SL_RUNTIME_PYTHON)
    _exit (1);
  exit (1);
}

G_GNUC_NORETURN static void
fail_with_error (Worker *worker,
                 GError *error)
{
  SlError code = error->domain == SL_ERROR ? (SlError) error->code : SL_ERROR_WORKER;

  fail (worker, code, error->message);
}

/* The data the process has mapped so far (heap, anonymous mappings, thread stacks), in bytes:
 * what RLIMIT_DATA counts. */
static guint64
read_data_size (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, "\nVmData:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("\nVmData:"), NULL, 10) * 1024;
}

/* Limits what the code that runs here may allocate, beyond what starting the worker took, so
 * that a task that allocates without end fails with MemoryError in its own worker instead of
 * exhausting the machine. RLIMIT_DATA rather than RLIMIT_AS: address space that threads
 * reserve and never use (64 MiB per malloc arena) would count against RLIMIT_AS. */
static gboolean
apply_memory_limit (guint    limit_mb,
                    GError **error)
{
  struct rlimit limit;

  if (limit_mb == 0)
    return TRUE;

  limit.rlim_cur = limit.rlim_max = read_data_size () + (rlim_t) limit_mb * 1024 * 1024;
  if (setrlimit (RLIMIT_DATA, &limit) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE, "Could not limit the memory of the "
                   "worker to %u MiB: %s", limit_mb, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
start_python (Worker *worker)
{
#if HAVE_PYTHON
  g_autofree char *filename = sl_python_workload_filename (worker->workload);
  const char *source = sl_python_workload_source (worker->workload, worker->params);
  GError *error = NULL;

  if (source == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Workload %s has no Python version; use the "
                                                  "native runtime", worker->workload->id);
      fail (worker, SL_ERROR_INVALID_INPUT, message);
    }

  worker->python = sl_python_task_new (source, filename, worker->workload, worker->params,
                                       sl_python_memory_limit_mb (worker->workload,
                                                                  worker->params),
                                       worker->runtime_info, &error);
  if (worker->python == NULL)
    fail_with_error (worker, error);
#else
  fail (worker, SL_ERROR_UNAVAILABLE,
        "python runtime not built in: this speedup-lab-worker was built without python3-embed "
        "and runs native workloads only");
#endif
}

static void
configure (Worker  *worker,
           SlFrame *frame)
{
  SlWorkerConfig config;
  GError *error = NULL;

  if (!sl_protocol_parse_config (frame, &config, &error))
    fail_with_error (worker, error);

  worker->runtime = config.runtime;
  worker->workload = sl_workload_lookup (config.workload_id);
  if (worker->workload == NULL)
    {
      g_autofree char *message = NULL;

      if (g_str_has_prefix (config.workload_id, "test-") && !sl_workload_test_workloads_enabled ())
        message = g_strdup_printf ("Workload “%s” is a test workload; set "
                                   "SPEEDUP_LAB_TEST_WORKLOADS=1 to use it", config.workload_id);
      else
        message = g_strdup_printf ("This speedup-lab-worker has no workload “%s”; is it from "
                                   "another version of Speedup Lab?", config.workload_id);
      fail (worker, SL_ERROR_INVALID_INPUT, message);
    }

  worker->params = sl_workload_resolve_params (worker->workload, config.params, &error);
  if (worker->params == NULL)
    fail_with_error (worker, error);

  worker->n_lanes = config.threads;
  worker->lanes = g_new0 (Lane, worker->n_lanes);

  /* The python runtime runs the Python twin alone: the native state is for native code. */
  if (worker->runtime == SL_RUNTIME_PYTHON)
    start_python (worker);
  else if (worker->workload->prepare != NULL)
    {
      worker->shared = worker->workload->prepare (worker->params, &error);
      if (error != NULL)
        fail_with_error (worker, error);
    }

  for (guint i = 0; i < worker->n_lanes; i++)
    {
      Lane *lane = &worker->lanes[i];

      lane->worker = worker;
      lane->number = i;
      lane->out = g_byte_array_sized_new (worker->n_lanes > 1 ? 4096 : 64 * 1024);

      if (worker->runtime == SL_RUNTIME_NATIVE && worker->workload->worker_init != NULL)
        {
          lane->local = worker->workload->worker_init (worker->shared, &error);
          if (error != NULL)
            fail_with_error (worker, error);
        }
    }

  if (worker->n_lanes == 1)
    sl_worker_lane_enter (&worker->lanes[0]);
  else
    for (guint i = 0; i < worker->n_lanes; i++)
      {
        Lane *lane = &worker->lanes[i];
        g_autofree char *name = g_strdup_printf ("lane-%u", i);

        lane->queue = sl_worker_chunk_queue_new ();
        lane->thread = g_thread_try_new (name, sl_worker_lane_main, lane, &error);
        if (lane->thread == NULL)
          fail_with_error (worker, error);
      }

  /* Last, so that the limit is what the tasks have, over what starting took. */
  if (worker->runtime == SL_RUNTIME_PYTHON &&
      !apply_memory_limit (sl_python_memory_limit_mb (worker->workload, worker->params), &error))
    fail_with_error (worker, error);

  sl_worker_config_clear (&config);
}

/* Serves the pool until BYE or the end of the input. */
static void
serve (Worker *worker)
{
  for (;;)
    {
      GError *error = NULL;
      SlFrame frame;
      SlFrameReadStatus status = sl_frame_reader_read (worker->reader, &frame, &error);

      if (status == SL_FRAME_READ_EOF)
        return;

      if (status == SL_FRAME_READ_ERROR)
        {
          g_autofree char *message = g_strdup_printf ("the pool sent a malformed frame: %s",
                                                      error->message);
          fail (worker, SL_ERROR_WORKER, message);
        }

      switch (frame.type)
        {
        case SL_FRAME_TASK:
          {
            SlTaskChunk chunk;

            if (!sl_protocol_parse_task (&frame, &chunk, &error))
              fail_with_error (worker, error);
            if (chunk.lane >= worker->n_lanes)
              {
                g_autofree char *message =
                  g_strdup_printf ("the pool sent tasks for thread %u, but this worker runs %u",
                                   chunk.lane, worker->n_lanes);
                fail (worker, SL_ERROR_WORKER, message);
              }

            if (worker->n_lanes == 1)
              sl_worker_run_chunk (&worker->lanes[0], &chunk);
            else
              sl_worker_chunk_queue_push (worker->lanes[chunk.lane].queue, g_memdup2 (&chunk, sizeof chunk));
          }
          break;

        case SL_FRAME_USAGE_REQUEST:
          {
            SlUsage usage;

            sl_usage_read_self (&usage);
            sl_protocol_append_usage (worker->out, &usage);
            sl_worker_send_or_exit (worker, worker->out);
          }
          break;

        case SL_FRAME_BYE:
          return;

        default:
          {
            g_autofree char *message = g_strdup_printf ("the pool sent an unexpected %s frame",
                                                        sl_frame_type_to_string (frame.type));
            fail (worker, SL_ERROR_WORKER, message);
          }
        }
    }
}

/* Moves fd 0 and 1 out of the way of the code that runs here: what tasks print goes to stderr,
 * what they read is empty. The protocol (or a one-shot mode's answer) uses the copies. */
static gboolean
take_protocol_fds (Worker *worker)
{
  int null_fd;

  worker->in_fd = fcntl (STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
  worker->out_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (worker->in_fd < 0 || worker->out_fd < 0)
    return FALSE;

  null_fd = open ("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0)
    return FALSE;

  dup2 (null_fd, STDIN_FILENO);
  if (dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    dup2 (null_fd, STDOUT_FILENO);
  close (null_fd);

  return TRUE;
}

/* Frees what a worker of native code holds, for a clean exit. */
static void
worker_clear (Worker *worker)
{
  for (guint i = 0; i < worker->n_lanes; i++)
    {
      Lane *lane = &worker->lanes[i];

      if (worker->workload->worker_free != NULL && lane->local != NULL)
        worker->workload->worker_free (lane->local);
      g_clear_pointer (&lane->queue, sl_worker_chunk_queue_free);
      g_clear_pointer (&lane->out, g_byte_array_unref);
    }
  g_clear_pointer (&worker->lanes, g_free);
  if (worker->workload != NULL && worker->workload->release != NULL && worker->shared != NULL)
    worker->workload->release (worker->shared);
  g_clear_pointer (&worker->params, sl_params_free);
  g_clear_pointer (&worker->runtime_info, g_hash_table_unref);
  g_clear_pointer (&worker->reader, sl_frame_reader_free);
  g_clear_pointer (&worker->out, g_byte_array_unref);
  pthread_mutex_destroy (&worker->write_lock);
  close (worker->in_fd);
  close (worker->out_fd);
}

/* --python-info and --check-python. */
static int
python_mode (gboolean info_only)
{
#if HAVE_PYTHON
  Worker worker = { 0 };
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

  if (!take_protocol_fds (&worker))
    {
      g_printerr ("speedup-lab-worker: could not set up its output: %s\n", g_strerror (errno));
      return 1;
    }

  if (!info_only && !apply_memory_limit (CHECK_MEMORY_MB, &error))
    g_printerr ("speedup-lab-worker: %s\n", error->message);

  status = info_only ? sl_python_info_main (worker.out_fd)
                     : sl_python_check_main (worker.out_fd, source);

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

/* The worker proper, on fd 0 and 1: HELLO, CONFIG, READY, then chunks until BYE. */
int
sl_worker_main (int parent_pid)
{
  g_autoptr(GError) error = NULL;
  Worker worker = { 0 };
  SlFrame frame;
  SlFrameReadStatus status;

  if (isatty (STDIN_FILENO) || isatty (STDOUT_FILENO))
    {
      g_printerr ("speedup-lab-worker: this is the worker process of Speedup Lab's process pool.\n"
                  "It speaks a binary protocol on stdin and stdout and is started by speedup-lab\n"
                  "or speedup-lab-cli; it is not meant to be run from a terminal. See --help.\n");
      return 2;
    }

  /* Never outlive the pool, even when it dies without a word. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (parent_pid > 0 && getppid () != parent_pid)
    return 1;

  pthread_mutex_init (&worker.write_lock, NULL);
  if (!take_protocol_fds (&worker))
    {
      g_printerr ("speedup-lab-worker: could not set up its pipes: %s\n", g_strerror (errno));
      return 1;
    }

  sl_protocol_set_worker_output_fd (worker.out_fd);
  worker.reader = sl_frame_reader_new (worker.in_fd);
  worker.out = g_byte_array_sized_new (64 * 1024);
  worker.runtime_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  sl_protocol_append_hello (worker.out, (guint32) getpid ());
  sl_worker_send_or_exit (&worker, worker.out);

  status = sl_frame_reader_read (worker.reader, &frame, &error);
  if (status == SL_FRAME_READ_EOF)
    {
      worker_clear (&worker);
      return 0;
    }
  if (status == SL_FRAME_READ_ERROR)
    fail_with_error (&worker, error);
  if (frame.type != SL_FRAME_CONFIG)
    fail (&worker, SL_ERROR_WORKER, "the pool did not start with a CONFIG frame");

  configure (&worker, &frame);
  sl_protocol_append_ready (worker.out, worker.runtime_info);
  sl_worker_send_or_exit (&worker, worker.out);

  serve (&worker);
  sl_worker_stop_lanes (&worker);

#if HAVE_PYTHON
  if (worker.python != NULL)
    {
      /* A thread the task code started could keep finalisation waiting for ever: leave
       * without it, once Python's buffered output is out. */
      sl_python_task_flush (worker.python);
      _exit (0);
    }
#endif

  worker_clear (&worker);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gint parent_pid = 0;
  gboolean version = FALSE;
  gboolean python_info = FALSE;
  gboolean check_python = FALSE;
  gboolean fork_server = FALSE;
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
    { "fork-server", 0, 0, G_OPTION_ARG_NONE, &fork_server,
      "Fork workers on request from the socket on stdin rather than be one", NULL },
    { NULL }
  };
  g_autofree char *description = g_strdup_printf (
    "Speedup Lab starts one speedup-lab-worker for every worker of a process pool and talks to\n"
    "it over stdin and stdout in a binary protocol (version %d). It is not meant to be run by\n"
    "hand: run experiments with speedup-lab or speedup-lab-cli instead.\n"
    "Python code given to Speedup Lab runs here, with the rights of the person who runs it.",
    SL_PROTOCOL_VERSION);

  setlocale (LC_ALL, "");

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
   * a write to a parent that went away must fail, not kill. */
  signal (SIGINT, SIG_IGN);
  signal (SIGPIPE, SIG_IGN);

  if (python_info || check_python)
    {
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      return python_mode (python_info);
    }

  if (fork_server)
    return sl_worker_fork_server_main ();

  return sl_worker_main (parent_pid);
}
