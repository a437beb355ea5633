/* sl-worker.c: the worker proper, which serves one process pool on its stdin and stdout.
 *
 * It says HELLO, receives CONFIG, prepares the workload once and starts its lanes
 * (sl-worker-lane.h), says READY, then hands the chunks of tasks it is given to its lanes until
 * BYE or the end of its input. With the python runtime the task is Python code run by an
 * embedded CPython, started once per worker.
 */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-protocol.h"
#include "sl-python.h"
#include "sl-usage.h"
#include "sl-worker-lane.h"
#include "sl-worker-reaper.h"
#include "sl-worker.h"
#include "sl-workload.h"

typedef struct {
  int                in_fd;
  SlWorkerOutput     output;
  SlFrameReader     *reader;
  GByteArray        *out;          /* the main thread's frames */

  SlRuntime          runtime;
  const SlWorkload  *workload;
  SlParams          *params;
  gpointer           shared;
  GHashTable        *runtime_info;
  SlPythonTask      *python;

  SlWorkerLane      *lanes;
  guint              threads_per_worker;
} Worker;

/* Tells the parent why this worker cannot go on, and exits. */
G_GNUC_NORETURN static void
fail (Worker     *worker,
      SlError     code,
      const char *message)
{
  sl_protocol_append_error (worker->out, code, message);
  sl_worker_output_send (&worker->output, worker->out);
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

/* RLIMIT_DATA rather than RLIMIT_AS: address space that threads reserve and never use (64 MiB
 * per malloc arena) would count against RLIMIT_AS. */
gboolean
sl_worker_apply_memory_limit (guint    limit_mb,
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

gboolean
sl_worker_take_protocol_fds (int *in_fd,
                             int *out_fd)
{
  int null_fd;

  *in_fd = fcntl (STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
  *out_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (*in_fd < 0 || *out_fd < 0)
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

  worker->threads_per_worker = config.threads_per_worker;
  worker->lanes = g_new0 (SlWorkerLane, worker->threads_per_worker);

  /* The python runtime runs the Python twin alone: the native state is for native code. */
  if (worker->runtime == SL_RUNTIME_PYTHON)
    start_python (worker);
  else if (worker->workload->prepare != NULL)
    {
      worker->shared = worker->workload->prepare (worker->params, &error);
      if (error != NULL)
        fail_with_error (worker, error);
    }

  for (guint i = 0; i < worker->threads_per_worker; i++)
    {
      SlWorkerLane *lane = &worker->lanes[i];

      lane->number = i;
      lane->output = &worker->output;
      lane->out = g_byte_array_sized_new (worker->threads_per_worker > 1 ? 4096 : 64 * 1024);
      lane->python_task = worker->python;
      lane->workload = worker->workload;
      lane->shared = worker->shared;

      if (worker->runtime == SL_RUNTIME_NATIVE && worker->workload->worker_init != NULL)
        {
          lane->local = worker->workload->worker_init (worker->shared, &error);
          if (error != NULL)
            fail_with_error (worker, error);
        }
    }

  if (worker->threads_per_worker == 1)
    sl_worker_lane_enter (&worker->lanes[0]);
  else
    for (guint i = 0; i < worker->threads_per_worker; i++)
      if (!sl_worker_lane_start_thread (&worker->lanes[i], &error))
        fail_with_error (worker, error);

  /* Last, so that the limit is what the tasks have, over what starting took. */
  if (worker->runtime == SL_RUNTIME_PYTHON &&
      !sl_worker_apply_memory_limit (sl_python_memory_limit_mb (worker->workload, worker->params),
                                     &error))
    fail_with_error (worker, error);

  sl_worker_config_clear (&config);
}

static void
stop_lanes (Worker *worker)
{
  for (guint i = 0; i < worker->threads_per_worker; i++)
    sl_worker_lane_stop_thread (&worker->lanes[i]);

  if (worker->threads_per_worker == 1)
    sl_worker_lane_leave (&worker->lanes[0]);
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
            if (chunk.lane >= worker->threads_per_worker)
              {
                g_autofree char *message =
                  g_strdup_printf ("the pool sent tasks for thread %u, but this worker runs %u",
                                   chunk.lane, worker->threads_per_worker);
                fail (worker, SL_ERROR_WORKER, message);
              }

            if (worker->threads_per_worker == 1)
              sl_worker_lane_run_chunk (&worker->lanes[0], &chunk);
            else
              sl_worker_lane_push (&worker->lanes[chunk.lane], &chunk);
          }
          break;

        case SL_FRAME_USAGE_REQUEST:
          {
            SlUsage usage;
            /* The pool asks while the worker is idle, at the start and the end of a batch:
             * anything a task started that still runs is a leftover. */
            guint stopped = sl_worker_reaper_stop_leftovers ();

            sl_usage_read_self (&usage);
            sl_protocol_append_usage (worker->out, &usage, stopped);
            sl_worker_output_send (&worker->output, worker->out);
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

/* Frees what a worker of native code holds, for a clean exit. */
static void
worker_clear (Worker *worker)
{
  for (guint i = 0; i < worker->threads_per_worker; i++)
    {
      SlWorkerLane *lane = &worker->lanes[i];

      if (worker->workload->worker_free != NULL && lane->local != NULL)
        worker->workload->worker_free (lane->local);
      g_clear_pointer (&lane->queue, sl_chunk_queue_free);
      g_clear_pointer (&lane->out, g_byte_array_unref);
    }
  g_clear_pointer (&worker->lanes, g_free);
  if (worker->workload != NULL && worker->workload->release != NULL && worker->shared != NULL)
    worker->workload->release (worker->shared);
  g_clear_pointer (&worker->params, sl_params_free);
  g_clear_pointer (&worker->runtime_info, g_hash_table_unref);
  g_clear_pointer (&worker->reader, sl_frame_reader_free);
  g_clear_pointer (&worker->out, g_byte_array_unref);
  pthread_mutex_destroy (&worker->output.lock);
  close (worker->in_fd);
  close (worker->output.fd);
}

int
sl_worker_run (int parent_pid)
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

  /* Never outlive the pool, even when it dies without a word; and be where the processes that
   * tasks start end up when their parents go, so that none outlives the worker. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  sl_worker_reaper_init ();
  if (parent_pid > 0 && getppid () != parent_pid)
    return 1;

  pthread_mutex_init (&worker.output.lock, NULL);
  if (!sl_worker_take_protocol_fds (&worker.in_fd, &worker.output.fd))
    {
      g_printerr ("speedup-lab-worker: could not set up its pipes: %s\n", g_strerror (errno));
      return 1;
    }

  sl_protocol_set_worker_output_fd (worker.output.fd);
  worker.reader = sl_frame_reader_new (worker.in_fd);
  worker.out = g_byte_array_sized_new (64 * 1024);
  worker.runtime_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  sl_protocol_append_hello (worker.out, (guint32) getpid ());
  sl_worker_output_send (&worker.output, worker.out);

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
  sl_worker_output_send (&worker.output, worker.out);

  serve (&worker);
  stop_lanes (&worker);
  /* Nothing a task started outlives the worker. */
  sl_worker_reaper_stop_leftovers ();

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
