/* main.c: speedup-lab-worker, the child side of the process pool.
 *
 * The pool starts one worker per process it needs and talks to it over its stdin and stdout
 * (see sl-protocol.h). The worker runs one workload: it says HELLO, receives CONFIG, prepares the
 * workload once, then runs the chunks of tasks it is given until BYE or the end of its input.
 */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib.h>

#include "sl-error.h"
#include "sl-pool.h"
#include "sl-protocol.h"
#include "sl-workload.h"

/* Answers of tasks slower than this go out at once rather than at the end of their chunk, so
 * that the pool knows which task a crash or a hang hit. Fast tasks are answered once per chunk. */
#define FLUSH_INTERVAL_NS (10 * G_GINT64_CONSTANT (1000000))

typedef struct {
  int                in_fd;
  int                out_fd;
  SlFrameReader     *reader;
  GByteArray        *out;

  const SlWorkload  *workload;
  SlParams          *params;
  gpointer           shared;
  gpointer           local;
} Worker;

/* Tasks may poll it; the pool stops a worker by killing it, so it never changes. */
static const volatile gint never_cancelled = 0;

static void
send_or_exit (Worker *worker)
{
  if (worker->out->len == 0)
    return;

  /* The parent is gone or stopped listening: nobody is left to tell. */
  if (!sl_protocol_write_all (worker->out_fd, worker->out->data, worker->out->len, NULL))
    _exit (1);

  g_byte_array_set_size (worker->out, 0);
}

/* Tells the parent why this worker cannot go on, and exits. */
G_GNUC_NORETURN static void
fail (Worker     *worker,
      SlError     code,
      const char *message)
{
  sl_protocol_append_error (worker->out, code, message);
  send_or_exit (worker);
  exit (1);
}

G_GNUC_NORETURN static void
fail_with_error (Worker *worker,
                 GError *error)
{
  SlError code = error->domain == SL_ERROR ? (SlError) error->code : SL_ERROR_WORKER;

  fail (worker, code, error->message);
}

static void
configure (Worker  *worker,
           SlFrame *frame)
{
  SlWorkerConfig config;
  GError *error = NULL;

  if (!sl_protocol_parse_config (frame, &config, &error))
    fail_with_error (worker, error);

  if (config.runtime == SL_RUNTIME_PYTHON)
    fail (worker, SL_ERROR_UNAVAILABLE,
          "python runtime not built in: this speedup-lab-worker runs native workloads only");

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

  if (worker->workload->prepare != NULL)
    {
      worker->shared = worker->workload->prepare (worker->params, &error);
      if (error != NULL)
        fail_with_error (worker, error);
    }

  if (worker->workload->worker_init != NULL)
    {
      worker->local = worker->workload->worker_init (worker->shared, &error);
      if (error != NULL)
        fail_with_error (worker, error);
    }

  sl_worker_config_clear (&config);
}

static void
run_chunk (Worker            *worker,
           const SlTaskChunk *chunk)
{
  const SlWorkload *workload = worker->workload;
  SlTask task = {
    .n_tasks = chunk->n_tasks,
    .base_tasks = chunk->base_tasks,
    .cancel = &never_cancelled,
  };
  guint64 end = chunk->first + chunk->count;
  SlResultWriter writer;
  gint64 last_flush = sl_clock_ns ();

  sl_protocol_result_begin (&writer, worker->out, chunk->first);

  for (guint64 i = chunk->first; i < end; i++)
    {
      GError *error = NULL;
      guint64 checksum = 0;
      gint64 t0, t1;
      gboolean ok;

      task.index = i;
      t0 = sl_clock_ns ();
      ok = workload->run (worker->shared, worker->local, &task, &checksum, &error);
      t1 = sl_clock_ns ();

      if (ok)
        sl_protocol_result_add (&writer, worker->out, checksum, t1 - t0, NULL);
      else
        sl_protocol_result_add (&writer, worker->out, checksum, t1 - t0,
                                error != NULL ? error->message
                                              : "the task failed without saying why");
      g_clear_error (&error);

      if (t1 - last_flush >= FLUSH_INTERVAL_NS && i + 1 < end)
        {
          sl_protocol_result_end (&writer, worker->out);
          send_or_exit (worker);
          sl_protocol_result_begin (&writer, worker->out, i + 1);
          last_flush = t1;
        }
    }

  sl_protocol_result_end (&writer, worker->out);
  send_or_exit (worker);
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
            run_chunk (worker, &chunk);
          }
          break;

        case SL_FRAME_USAGE_REQUEST:
          {
            SlUsage usage;

            sl_usage_read_self (&usage);
            sl_protocol_append_usage (worker->out, &usage);
            send_or_exit (worker);
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

/* Moves the protocol off fds 0 and 1, so that a task that prints or reads stdin cannot corrupt
 * it: what tasks print goes to stderr, what they read is empty. */
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

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gint parent_pid = 0;
  gboolean version = FALSE;
  Worker worker = { 0 };
  SlFrame frame;
  SlFrameReadStatus status;
  const GOptionEntry entries[] = {
    { "parent-pid", 0, 0, G_OPTION_ARG_INT, &parent_pid,
      "Exit at once unless PID is still this process's parent", "PID" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the program and protocol versions and exit", NULL },
    { NULL }
  };
  g_autofree char *description = g_strdup_printf (
    "Speedup Lab starts one speedup-lab-worker for every worker of a process pool and talks to\n"
    "it over stdin and stdout in a binary protocol (version %d). It is not meant to be run by\n"
    "hand: run experiments with speedup-lab or speedup-lab-cli instead.", SL_PROTOCOL_VERSION);

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
      g_print ("speedup-lab-worker %s (protocol %d)\n", PACKAGE_VERSION, SL_PROTOCOL_VERSION);
      return 0;
    }

  if (isatty (STDIN_FILENO) || isatty (STDOUT_FILENO))
    {
      g_printerr ("speedup-lab-worker: this is the worker process of Speedup Lab's process pool.\n"
                  "It speaks a binary protocol on stdin and stdout and is started by speedup-lab\n"
                  "or speedup-lab-cli; it is not meant to be run from a terminal. See --help.\n");
      return 2;
    }

  /* The parent decides when to stop (Ctrl+C in a terminal reaches the whole process group), and
   * a write to a parent that went away must fail, not kill. */
  signal (SIGINT, SIG_IGN);
  signal (SIGPIPE, SIG_IGN);

  /* Never outlive the pool, even when it dies without a word. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (parent_pid > 0 && getppid () != parent_pid)
    return 1;

  if (!take_protocol_fds (&worker))
    {
      g_printerr ("speedup-lab-worker: could not set up its pipes: %s\n", g_strerror (errno));
      return 1;
    }

  sl_protocol_set_worker_output_fd (worker.out_fd);
  worker.reader = sl_frame_reader_new (worker.in_fd);
  worker.out = g_byte_array_sized_new (64 * 1024);

  sl_protocol_append_hello (worker.out, (guint32) getpid ());
  send_or_exit (&worker);

  status = sl_frame_reader_read (worker.reader, &frame, &error);
  if (status == SL_FRAME_READ_EOF)
    return 0;
  if (status == SL_FRAME_READ_ERROR)
    fail_with_error (&worker, error);
  if (frame.type != SL_FRAME_CONFIG)
    fail (&worker, SL_ERROR_WORKER, "the pool did not start with a CONFIG frame");

  configure (&worker, &frame);
  sl_frame_append_empty (worker.out, SL_FRAME_READY);
  send_or_exit (&worker);

  serve (&worker);

  if (worker.workload->worker_free != NULL && worker.local != NULL)
    worker.workload->worker_free (worker.local);
  if (worker.workload->release != NULL && worker.shared != NULL)
    worker.workload->release (worker.shared);
  sl_params_free (worker.params);
  sl_frame_reader_free (worker.reader);
  g_byte_array_unref (worker.out);
  close (worker.in_fd);
  close (worker.out_fd);

  return 0;
}
