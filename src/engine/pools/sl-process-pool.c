/* sl-process-pool.c: N speedup-lab-worker children fed chunks of tasks over pipes.
 *
 * One thread drives every worker with poll(): results are read as they come and new chunks are
 * handed to whichever worker finished, so a slow task never holds up the others. When tasks are
 * short, a few chunks are queued on each worker ahead of time, so that a worker never waits for a
 * round trip through the parent; a worker answers each chunk with one write and reads many
 * chunks with one read.
 *
 * Every failure path kills and reaps every child and closes every pipe: a broken pool holds no
 * process and no descriptor, and says why it broke to every later batch.
 *
 * A worker may run several lanes at once, each a thread of its own inside the worker: that is the
 * python runtime's threads model, one worker process whose threads share one interpreter. Every
 * lane has its own queue of chunks, timeout and answers, exactly as a one-lane worker has.
 *
 * Workers are forked by the process's fork server (sl-fork-server.h) when it can serve, which
 * costs a millisecond or so each, rather than started as programs, which costs tens of them; the
 * server reaps them and reports how they ended. SPEEDUP_LAB_NO_FORK_SERVER=1 turns it off.
 *
 * Spawned workers die with the thread that created them (PR_SET_PDEATHSIG): create, use and free
 * a pool on one thread that outlives it. Forked ones die with the fork server, which ends with
 * this process.
 */
#define G_LOG_DOMAIN "sl-process-pool"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-fork-server.h"
#include "sl-pool.h"
#include "sl-protocol.h"

/* Chunks queued on one worker at most; their TASK frames stay far below a pipe's capacity, so
 * writing them never blocks and parent and worker can never wait on each other. */
#define MAX_IN_FLIGHT      64
/* Queue only about this much work ahead per worker: enough to hide a round trip, small enough
 * that the end of a batch is not left to one busy worker. */
#define PREFETCH_NS        (1000.0 * 1000.0)
#define STARTUP_TIMEOUT_S  60
/* How long a worker may take to clean up after BYE, or to die after closing its pipe. */
#define EXIT_GRACE_MS      2000

typedef struct {
  guint64 first;
  guint32 count;
  guint32 reported;   /* results received so far */
} Chunk;

typedef struct {
  Chunk   queue[MAX_IN_FLIGHT];  /* ring of chunks sent and not fully answered */
  guint   queue_head;
  guint   queue_len;
  gint64  head_start_ns;         /* when the oldest chunk began running, near enough */
} Lane;

typedef struct {
  guint          number;        /* 1-based, as messages name it */
  GPid           pid;           /* 0 once reaped */
  gboolean       forked;        /* by the fork server, which reaps it and says how it ended */
  guint          server_generation;
  int            to_fd;         /* its stdin: frames for it; -1 once closed */
  int            from_fd;       /* its stdout: frames from it; -1 once closed */
  SlFrameReader *reader;
  GByteArray    *out;           /* frames to send with the next write */
  gboolean       said_hello;
  gboolean       ready;
  GHashTable    *runtime_info;  /* what READY said about the runtime; NULL before */
  Lane          *lanes;
  guint          n_lanes;

  /* The current batch. */
  guint          usage_replies;
  gboolean       final_usage_requested;
  SlUsage        usage_before;
} Worker;

typedef struct {
  SlPool          parent;

  Worker         *workers;
  guint           n_workers;
  GHashTable     *runtime_info;   /* the first worker's, with the slowest interpreter start-up */
  struct pollfd  *pollfds;        /* one per worker, then the cancellable's */
  gboolean        have_cancel_fd;
  GError         *broken;         /* why the pool cannot run batches any more */
  double          mean_task_ns;   /* of the last batch: sizes the queue of the next one */
  gboolean        forked;         /* its workers came from the fork server */
  double          fork_server_startup_s;  /* what starting the server cost this pool, or 0 */
} SlProcessPool;

typedef struct {
  SlBatch *batch;
  guint64  next;               /* next task to hand out */
  guint64  done;
  guint    finished_workers;   /* workers that answered the final usage request */
  double   latency_sum_ns;
  guint64  latency_count;
} BatchState;

static void
ignore_sigpipe_once (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      struct sigaction current;

      /* A write to a dead worker must fail with EPIPE, not kill the application. Leave a handler
       * that the application installed itself alone. */
      if (sigaction (SIGPIPE, NULL, &current) == 0 && current.sa_handler == SIG_DFL)
        signal (SIGPIPE, SIG_IGN);
      g_once_init_leave (&once, 1);
    }
}

static gboolean
is_executable_file (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

char *
sl_worker_find_path (GError **error)
{
  const char *from_env = g_getenv ("SPEEDUP_LAB_WORKER");
  g_autofree char *exe = NULL;
  g_autoptr(GPtrArray) tried = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tried_text = NULL;
  const char *installed = LIBEXECDIR G_DIR_SEPARATOR_S SL_WORKER_NAME;

  if (from_env != NULL && from_env[0] != '\0')
    {
      if (is_executable_file (from_env))
        return g_strdup (from_env);

      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                   "SPEEDUP_LAB_WORKER names “%s”, which is not an executable file; "
                   "point it at speedup-lab-worker or unset it", from_env);
      return NULL;
    }

  /* Run from the build tree: the worker is built next to the front ends (src/cli, src/ui), and
   * one level further for programs under bench/ and tests/. */
  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      const char *candidates[] = {
        ".." G_DIR_SEPARATOR_S "worker",
        ".." G_DIR_SEPARATOR_S "src" G_DIR_SEPARATOR_S "worker",
      };

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_autofree char *path = g_build_filename (dir, candidates[i], SL_WORKER_NAME, NULL);
          g_autofree char *canonical = g_canonicalize_filename (path, NULL);

          if (is_executable_file (canonical))
            return g_steal_pointer (&canonical);
          g_ptr_array_add (tried, g_steal_pointer (&canonical));
        }
    }

  if (is_executable_file (installed))
    return g_strdup (installed);
  g_ptr_array_add (tried, g_strdup (installed));

  g_ptr_array_add (tried, NULL);
  tried_text = g_strjoinv (", ", (char **) tried->pdata);
  g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
               "Could not find %s (looked for %s); reinstall Speedup Lab or set "
               "SPEEDUP_LAB_WORKER to its path", SL_WORKER_NAME, tried_text);
  return NULL;
}

/* ---- children ---- */

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    {
      close (*fd);
      *fd = -1;
    }
}

static void
reap (Worker *worker,
      int    *status_out)
{
  int status = 0;

  if (worker->pid <= 0)
    return;

  if (worker->forked)
    sl_fork_server_wait (worker->server_generation, worker->pid, -1, &status);
  else
    while (waitpid (worker->pid, &status, 0) < 0 && errno == EINTR)
      ;
  worker->pid = 0;

  if (status_out != NULL)
    *status_out = status;
}

/* Kills and reaps every child and closes every pipe. */
static void
kill_all (SlProcessPool *self)
{
  for (guint i = 0; i < self->n_workers; i++)
    if (self->workers[i].pid > 0)
      kill (self->workers[i].pid, SIGKILL);

  for (guint i = 0; i < self->n_workers; i++)
    {
      Worker *worker = &self->workers[i];

      reap (worker, NULL);
      close_fd (&worker->to_fd);
      close_fd (&worker->from_fd);
    }
}

/* Waits up to `timeout_ms` for a child that closed its pipe to finish dying. FALSE if it had to
 * be killed. */
static gboolean
wait_for_exit (Worker *worker,
               int     timeout_ms,
               int    *status)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  if (worker->forked && worker->pid > 0)
    {
      if (sl_fork_server_wait (worker->server_generation, worker->pid, timeout_ms, status))
        {
          worker->pid = 0;
          return TRUE;
        }
      kill (worker->pid, SIGKILL);
      reap (worker, status);
      return FALSE;
    }

  while (worker->pid > 0)
    {
      pid_t pid = waitpid (worker->pid, status, WNOHANG);

      if (pid == worker->pid || (pid < 0 && errno != EINTR))
        {
          worker->pid = 0;
          return TRUE;
        }

      if (g_get_monotonic_time () >= deadline)
        {
          kill (worker->pid, SIGKILL);
          reap (worker, status);
          return FALSE;
        }

      g_usleep (G_TIME_SPAN_MILLISECOND);
    }

  return TRUE;
}

static const Chunk *
head_chunk (const Lane *lane)
{
  return lane->queue_len > 0 ? &lane->queue[lane->queue_head] : NULL;
}

static gboolean
worker_is_idle (const Worker *worker)
{
  for (guint i = 0; i < worker->n_lanes; i++)
    if (worker->lanes[i].queue_len > 0)
      return FALSE;

  return TRUE;
}

/* The tasks a worker was working on, as text: "task 17", "one of tasks 14–20", "task 3, task 9"
 * for several lanes, or NULL. */
static char *
describe_running (const Worker *worker)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < worker->n_lanes; i++)
    {
      const Chunk *head = head_chunk (&worker->lanes[i]);
      guint64 first, last;

      if (head == NULL)
        continue;

      if (text->len > 0)
        g_string_append (text, ", ");

      /* Results come in order, so the first unanswered task is the one that was running, unless
       * the worker had not flushed its answers yet: name the whole unanswered part then. */
      first = head->first + head->reported;
      last = head->first + head->count - 1;
      if (first == last)
        g_string_append_printf (text, "task %" G_GUINT64_FORMAT, first);
      else
        g_string_append_printf (text, "one of tasks %" G_GUINT64_FORMAT "–%" G_GUINT64_FORMAT,
                                first, last);
    }

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Sets the error for a worker whose pipe closed or broke, after reaping it. */
static void
set_death_error (Worker      *worker,
                 const char  *when,
                 GError     **error)
{
  g_autofree char *running = describe_running (worker);
  g_autofree char *where = NULL;
  int pid = worker->pid;
  int status = 0;
  gboolean exited;

  if (running != NULL)
    where = g_strdup_printf (" while running %s", running);
  else
    where = g_strdup_printf (" %s", when);

  close_fd (&worker->to_fd);
  close_fd (&worker->from_fd);
  exited = wait_for_exit (worker, EXIT_GRACE_MS, &status);

  if (!exited)
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 "worker %u (pid %d) closed its pipe%s but did not exit; it was stopped",
                 worker->number, pid, where);
  else if (WIFSIGNALED (status))
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 "worker %u (pid %d) was killed by signal %d (%s)%s",
                 worker->number, pid, WTERMSIG (status), g_strsignal (WTERMSIG (status)), where);
  else if (WIFEXITED (status))
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 "worker %u (pid %d) exited with status %d%s",
                 worker->number, pid, WEXITSTATUS (status), where);
  else
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 "worker %u (pid %d) ended%s", worker->number, pid, where);
}

static void
set_malformed_error (Worker      *worker,
                     GError      *cause,
                     GError     **error)
{
  g_set_error (error, SL_ERROR, SL_ERROR_WORKER, "worker %u (pid %d) sent a malformed frame: %s",
               worker->number, worker->pid, cause->message);
  g_error_free (cause);
}

static gboolean
unexpected_frame (Worker      *worker,
                  SlFrame     *frame,
                  GError     **error)
{
  g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
               "worker %u (pid %d) sent a malformed frame: an unexpected %s frame",
               worker->number, worker->pid, sl_frame_type_to_string (frame->type));
  return FALSE;
}

static gboolean
worker_error_frame (Worker      *worker,
                    SlFrame     *frame,
                    GError     **error)
{
  GError *cause = NULL;
  GError *worker_error = NULL;

  if (!sl_protocol_parse_error (frame, &worker_error, &cause))
    {
      set_malformed_error (worker, cause, error);
      return FALSE;
    }

  /* The worker's message is meant for a person already; keep its code (an unknown workload is
   * bad input, a missing runtime is unavailable). */
  g_propagate_error (error, worker_error);
  return FALSE;
}

/* Sends what was queued for a worker. A write to a worker that died reports its death. */
static gboolean
flush_worker (Worker      *worker,
              const char  *when,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (worker->out->len == 0)
    return TRUE;

  if (!sl_protocol_write_all (worker->to_fd, worker->out->data, worker->out->len, &local_error))
    {
      set_death_error (worker, when, error);
      return FALSE;
    }

  g_byte_array_set_size (worker->out, 0);
  return TRUE;
}

static gboolean
spawn_worker (const char  *path,
              Worker      *worker,
              GError     **error)
{
  g_autofree char *parent_arg = g_strdup_printf ("--parent-pid=%d", (int) getpid ());
  const char *argv[] = { path, parent_arg, NULL };
  GError *local_error = NULL;

  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CLOEXEC_PIPES,
                                         NULL, NULL, -1, -1, -1, NULL, NULL, 0,
                                         &worker->pid, &worker->to_fd, &worker->from_fd, NULL,
                                         &local_error))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, "Could not start worker %u (%s): %s",
                   worker->number, path, local_error->message);
      g_error_free (local_error);
      worker->pid = 0;
      worker->to_fd = worker->from_fd = -1;
      return FALSE;
    }

  worker->reader = sl_frame_reader_new (worker->from_fd);
  return TRUE;
}

/* Starts every worker through the fork server. FALSE, with nothing started, when it cannot
 * serve: the workers are then spawned. */
static gboolean
fork_workers (SlProcessPool *self,
              const char    *path)
{
  g_autofree int *child_fds = g_new (int, 2 * self->n_workers);
  g_autofree GPid *pids = g_new0 (GPid, self->n_workers);
  g_autoptr(GError) local_error = NULL;
  guint generation = 0;
  guint n_pipes = 0;
  gboolean ok = TRUE;

  for (; n_pipes < self->n_workers; n_pipes++)
    {
      Worker *worker = &self->workers[n_pipes];
      int to_child[2], from_child[2];

      if (pipe2 (to_child, O_CLOEXEC) < 0)
        {
          ok = FALSE;
          break;
        }
      if (pipe2 (from_child, O_CLOEXEC) < 0)
        {
          close (to_child[0]);
          close (to_child[1]);
          ok = FALSE;
          break;
        }
      worker->to_fd = to_child[1];
      worker->from_fd = from_child[0];
      child_fds[2 * n_pipes] = to_child[0];
      child_fds[2 * n_pipes + 1] = from_child[1];
    }

  if (ok)
    ok = sl_fork_server_start_workers (path, self->n_workers, child_fds, pids, &generation,
                                       &self->fork_server_startup_s, &local_error);

  for (guint i = 0; i < n_pipes; i++)
    {
      Worker *worker = &self->workers[i];

      close (child_fds[2 * i]);
      close (child_fds[2 * i + 1]);
      if (ok)
        {
          worker->pid = pids[i];
          worker->forked = TRUE;
          worker->server_generation = generation;
          worker->reader = sl_frame_reader_new (worker->from_fd);
        }
      else
        {
          close_fd (&worker->to_fd);
          close_fd (&worker->from_fd);
        }
    }

  if (!ok && local_error != NULL)
    g_debug ("Spawning workers: %s", local_error->message);

  self->forked = ok;
  return ok;
}

/* Handles what a starting worker sent: HELLO is answered with CONFIG, then READY or ERROR. */
static gboolean
startup_input (SlProcessPool  *self,
               Worker         *worker,
               guint          *n_ready,
               GError        **error)
{
  const SlPoolConfig *config = &self->parent.config;
  GError *cause = NULL;
  SlFrameReadStatus status;
  SlFrame frame;
  gssize n;

  n = sl_frame_reader_fill (worker->reader, &cause);
  if (n < 0)
    {
      set_malformed_error (worker, cause, error);
      return FALSE;
    }

  while ((status = sl_frame_reader_next (worker->reader, &frame, &cause)) == SL_FRAME_READ_OK)
    {
      if (frame.type == SL_FRAME_HELLO && !worker->said_hello)
        {
          guint32 version, pid;

          if (!sl_protocol_parse_hello (&frame, &version, &pid, &cause))
            {
              set_malformed_error (worker, cause, error);
              return FALSE;
            }
          worker->said_hello = TRUE;

          sl_protocol_append_config (worker->out, config->workload->id, config->runtime,
                                     config->task_timeout_s, worker->n_lanes, config->params);
          if (!flush_worker (worker, "while starting", error))
            return FALSE;
        }
      else if (frame.type == SL_FRAME_READY && worker->said_hello && !worker->ready)
        {
          if (!sl_protocol_parse_ready (&frame, &worker->runtime_info, &cause))
            {
              set_malformed_error (worker, cause, error);
              return FALSE;
            }
          worker->ready = TRUE;
          (*n_ready)++;
        }
      else if (frame.type == SL_FRAME_ERROR)
        return worker_error_frame (worker, &frame, error);
      else
        return unexpected_frame (worker, &frame, error);
    }

  if (status == SL_FRAME_READ_ERROR)
    {
      set_malformed_error (worker, cause, error);
      return FALSE;
    }

  if (n == 0)
    {
      set_death_error (worker, "while starting", error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
start_workers (SlProcessPool  *self,
               GError        **error)
{
  g_autofree char *path = NULL;
  struct pollfd *fds = self->pollfds;
  gint64 deadline = sl_clock_ns () + STARTUP_TIMEOUT_S * G_GINT64_CONSTANT (1000000000);
  guint n_ready = 0;

  path = sl_worker_find_path (error);
  if (path == NULL)
    return FALSE;

  if (!fork_workers (self, path))
    for (guint i = 0; i < self->n_workers; i++)
      if (!spawn_worker (path, &self->workers[i], error))
        return FALSE;

  while (n_ready < self->n_workers)
    {
      gint64 left_ms = (deadline - sl_clock_ns ()) / 1000000;
      int r;

      for (guint i = 0; i < self->n_workers; i++)
        {
          fds[i].fd = self->workers[i].ready ? -1 : self->workers[i].from_fd;
          fds[i].events = POLLIN;
          fds[i].revents = 0;
        }
      fds[self->n_workers].revents = 0;

      if (left_ms <= 0)
        r = 0;
      else
        r = poll (fds, self->n_workers + (self->have_cancel_fd ? 1 : 0), (int) left_ms);

      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          g_set_error (error, SL_ERROR, SL_ERROR_WORKER, "Could not wait for the workers: %s",
                       g_strerror (errno));
          return FALSE;
        }

      if (g_cancellable_set_error_if_cancelled (self->parent.config.cancellable, error))
        return FALSE;

      if (r == 0)
        {
          for (guint i = 0; i < self->n_workers; i++)
            if (!self->workers[i].ready)
              {
                g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                             "worker %u (pid %d) did not become ready within %d s",
                             self->workers[i].number, self->workers[i].pid, STARTUP_TIMEOUT_S);
                return FALSE;
              }
        }

      for (guint i = 0; i < self->n_workers; i++)
        {
          if (fds[i].revents == 0)
            continue;
          if (!startup_input (self, &self->workers[i], &n_ready, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* ---- batches ---- */

static guint
prefetch_depth (SlProcessPool *self,
                BatchState    *state)
{
  double mean = state->latency_count > 0 ? state->latency_sum_ns / state->latency_count
                                         : self->mean_task_ns;
  double chunk_ns, depth;

  /* Until a task was measured, hand out one chunk at a time: it may take minutes. */
  if (mean <= 0)
    return 1;

  chunk_ns = MAX (1.0, mean * state->batch->chunk);
  depth = floor (PREFETCH_NS / chunk_ns);

  return (guint) CLAMP (depth, 1.0, (double) MAX_IN_FLIGHT);
}

/* Tops up the queue of every lane of a worker, and asks for its usage once it has nothing more
 * to do. */
static void
dispatch (SlProcessPool *self,
          BatchState    *state,
          Worker        *worker,
          gint64         now_ns)
{
  SlBatch *batch = state->batch;
  guint depth = prefetch_depth (self, state);

  /* Lane by lane in turns, so that a short batch is spread over every lane. */
  for (guint round = 0; round < depth && state->next < batch->n_tasks; round++)
    for (guint l = 0; l < worker->n_lanes && state->next < batch->n_tasks; l++)
      {
        Lane *lane = &worker->lanes[l];
        Chunk *chunk;
        SlTaskChunk task = {
          .first = state->next,
          .count = (guint32) MIN (batch->chunk, batch->n_tasks - state->next),
          .n_tasks = batch->n_tasks,
          .base_tasks = batch->base_tasks,
          .lane = l,
        };

        if (lane->queue_len > round)
          continue;

        chunk = &lane->queue[(lane->queue_head + lane->queue_len) % MAX_IN_FLIGHT];
        chunk->first = task.first;
        chunk->count = task.count;
        chunk->reported = 0;
        if (lane->queue_len == 0)
          lane->head_start_ns = now_ns;
        lane->queue_len++;
        state->next += task.count;

        sl_protocol_append_task (worker->out, &task);
      }

  if (worker_is_idle (worker) && state->next >= batch->n_tasks && !worker->final_usage_requested)
    {
      sl_frame_append_empty (worker->out, SL_FRAME_USAGE_REQUEST);
      worker->final_usage_requested = TRUE;
    }
}

static gboolean
handle_result (SlProcessPool  *self,
               BatchState     *state,
               Worker         *worker,
               SlFrame        *frame,
               gint64          now_ns,
               GError        **error)
{
  SlBatch *batch = state->batch;
  Lane *lane;
  Chunk *head;
  GError *cause = NULL;
  guint64 first;
  guint32 lane_index, count;

  if (!sl_protocol_parse_result_header (frame, &lane_index, &first, &count, &cause))
    {
      set_malformed_error (worker, cause, error);
      return FALSE;
    }

  if (lane_index >= worker->n_lanes)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   "worker %u (pid %d) sent a malformed frame: results of thread %u, but it runs "
                   "%u", worker->number, worker->pid, lane_index, worker->n_lanes);
      return FALSE;
    }

  lane = &worker->lanes[lane_index];
  head = lane->queue_len > 0 ? &lane->queue[lane->queue_head] : NULL;
  if (head == NULL || first != head->first + head->reported || count > head->count - head->reported)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   "worker %u (pid %d) sent a malformed frame: results for tasks %"
                   G_GUINT64_FORMAT "–%" G_GUINT64_FORMAT ", which it was not running",
                   worker->number, worker->pid, first, first + count - 1);
      return FALSE;
    }

  for (guint64 i = first; i < first + count; i++)
    {
      SlResultEntry entry;

      if (!sl_protocol_parse_result_entry (frame, &entry, &cause))
        {
          set_malformed_error (worker, cause, error);
          return FALSE;
        }

      batch->checksums[i] = entry.checksum;
      batch->latencies_s[i] = entry.latency_ns / 1e9;
      batch->task_ok[i] = entry.ok;
      state->latency_sum_ns += entry.latency_ns;
      if (!entry.ok)
        sl_batch_take_task_error (batch, i, g_error_new_literal (SL_ERROR, SL_ERROR_TASK,
                                                                 entry.error));
      g_free (entry.error);
    }

  if (frame->offset != frame->length)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   "worker %u (pid %d) sent a malformed frame: a RESULT frame with trailing bytes",
                   worker->number, worker->pid);
      return FALSE;
    }

  state->latency_count += count;
  state->done += count;
  head->reported += count;

  if (head->reported == head->count)
    {
      lane->queue_head = (lane->queue_head + 1) % MAX_IN_FLIGHT;
      lane->queue_len--;
      /* The lane starts its next chunk as soon as it sent this answer. */
      lane->head_start_ns = now_ns;
    }

  return TRUE;
}

static gboolean
handle_usage (BatchState  *state,
              Worker      *worker,
              SlFrame     *frame,
              GError     **error)
{
  GError *cause = NULL;
  SlUsage usage;

  if (!sl_protocol_parse_usage (frame, &usage, &cause))
    {
      set_malformed_error (worker, cause, error);
      return FALSE;
    }

  if (worker->usage_replies == 0)
    worker->usage_before = usage;
  else if (worker->usage_replies == 1 && worker->final_usage_requested)
    {
      sl_usage_add_delta (&state->batch->usage, &usage, &worker->usage_before);
      state->finished_workers++;
    }
  else
    return unexpected_frame (worker, frame, error);

  worker->usage_replies++;
  return TRUE;
}

/* Reads what a worker sent during a batch and answers with more work. */
static gboolean
batch_input (SlProcessPool  *self,
             BatchState     *state,
             Worker         *worker,
             gint64          now_ns,
             GError        **error)
{
  GError *cause = NULL;
  SlFrameReadStatus status;
  SlFrame frame;
  gssize n;

  n = sl_frame_reader_fill (worker->reader, &cause);
  if (n < 0)
    {
      set_malformed_error (worker, cause, error);
      return FALSE;
    }

  while ((status = sl_frame_reader_next (worker->reader, &frame, &cause)) == SL_FRAME_READ_OK)
    {
      gboolean ok;

      switch (frame.type)
        {
        case SL_FRAME_RESULT:
          ok = handle_result (self, state, worker, &frame, now_ns, error);
          break;
        case SL_FRAME_USAGE:
          ok = handle_usage (state, worker, &frame, error);
          break;
        case SL_FRAME_ERROR:
          ok = worker_error_frame (worker, &frame, error);
          break;
        default:
          ok = unexpected_frame (worker, &frame, error);
          break;
        }

      if (!ok)
        return FALSE;
    }

  if (status == SL_FRAME_READ_ERROR)
    {
      set_malformed_error (worker, cause, error);
      return FALSE;
    }

  if (n == 0)
    {
      set_death_error (worker, "between tasks", error);
      return FALSE;
    }

  dispatch (self, state, worker, now_ns);
  return TRUE;
}

/* The earliest task deadline as a poll() timeout in ms, -1 for none; fills *overdue with a
 * lane already past its deadline, and *overdue_worker with its worker. */
static int
next_timeout (SlProcessPool  *self,
              gint64          now_ns,
              Worker        **overdue_worker,
              Lane          **overdue)
{
  double timeout_s = self->parent.config.task_timeout_s;
  gint64 earliest = G_MAXINT64;

  *overdue = NULL;
  *overdue_worker = NULL;
  if (timeout_s <= 0)
    return -1;

  for (guint i = 0; i < self->n_workers; i++)
    for (guint l = 0; l < self->workers[i].n_lanes; l++)
      {
        Lane *lane = &self->workers[i].lanes[l];
        const Chunk *head = head_chunk (lane);
        gint64 deadline;

        if (head == NULL)
          continue;

        deadline = lane->head_start_ns + (gint64) (head->count * timeout_s * 1e9);
        if (deadline <= now_ns)
          {
            *overdue_worker = &self->workers[i];
            *overdue = lane;
            return 0;
          }
        earliest = MIN (earliest, deadline);
      }

  if (earliest == G_MAXINT64)
    return -1;

  /* Round up: waking a little early would only spin. */
  return (int) MIN ((earliest - now_ns + 999999) / 1000000, G_MAXINT);
}

static void
set_timeout_error (SlProcessPool  *self,
                   Lane           *lane,
                   GError        **error)
{
  const Chunk *head = head_chunk (lane);
  double timeout_s = self->parent.config.task_timeout_s;

  if (head->count == 1)
    g_set_error (error, SL_ERROR, SL_ERROR_TIMEOUT,
                 "task %" G_GUINT64_FORMAT " ran past the %g s timeout; its worker was stopped",
                 head->first, timeout_s);
  else
    g_set_error (error, SL_ERROR, SL_ERROR_TIMEOUT,
                 "tasks %" G_GUINT64_FORMAT "–%" G_GUINT64_FORMAT " ran past their %g s timeout "
                 "(%g s per task); their worker was stopped",
                 head->first, head->first + head->count - 1, head->count * timeout_s, timeout_s);
}

/* Breaks the pool: every child is killed and reaped, and later batches fail with `reason`. */
static gboolean
break_pool (SlProcessPool  *self,
            GError         *reason,
            GError        **error)
{
  kill_all (self);
  g_clear_error (&self->broken);
  self->broken = g_error_copy (reason);
  g_propagate_error (error, reason);
  return FALSE;
}

static gboolean
sl_process_pool_run_batch (SlPool   *pool,
                           SlBatch  *batch,
                           GError  **error)
{
  SlProcessPool *self = (SlProcessPool *) pool;
  GCancellable *cancellable = pool->config.cancellable;
  struct pollfd *fds = self->pollfds;
  guint n_fds = self->n_workers + (self->have_cancel_fd ? 1 : 0);
  BatchState state = { .batch = batch };
  GError *local_error = NULL;
  guint64 reported_done = 0;
  gint64 now_ns = sl_clock_ns ();

  if (self->broken != NULL)
    {
      g_propagate_error (error, g_error_copy (self->broken));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  memset (&batch->usage, 0, sizeof batch->usage);

  for (guint i = 0; i < self->n_workers; i++)
    {
      Worker *worker = &self->workers[i];

      for (guint l = 0; l < worker->n_lanes; l++)
        worker->lanes[l].queue_head = worker->lanes[l].queue_len = 0;
      worker->usage_replies = 0;
      worker->final_usage_requested = FALSE;

      /* The first usage reply comes before the first result: no extra round trip. */
      sl_frame_append_empty (worker->out, SL_FRAME_USAGE_REQUEST);
      dispatch (self, &state, worker, now_ns);
      if (!flush_worker (worker, "between tasks", &local_error))
        return break_pool (self, local_error, error);

      fds[i].fd = worker->from_fd;
      fds[i].events = POLLIN;
    }

  while (state.finished_workers < self->n_workers)
    {
      Worker *overdue_worker = NULL;
      Lane *overdue = NULL;
      int timeout_ms = next_timeout (self, now_ns, &overdue_worker, &overdue);
      int r;

      if (overdue != NULL)
        {
          set_timeout_error (self, overdue, &local_error);
          return break_pool (self, local_error, error);
        }

      r = poll (fds, n_fds, timeout_ms);
      if (r < 0)
        {
          if (errno == EINTR)
            {
              now_ns = sl_clock_ns ();
              continue;
            }
          g_set_error (&local_error, SL_ERROR, SL_ERROR_WORKER,
                       "Could not wait for the workers: %s", g_strerror (errno));
          return break_pool (self, local_error, error);
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        return break_pool (self, local_error, error);

      now_ns = sl_clock_ns ();

      for (guint i = 0; i < self->n_workers; i++)
        {
          Worker *worker = &self->workers[i];

          if (fds[i].revents == 0)
            continue;

          if (!batch_input (self, &state, worker, now_ns, &local_error) ||
              !flush_worker (worker, "between tasks", &local_error))
            return break_pool (self, local_error, error);
        }

      if (batch->progress != NULL && state.done != reported_done)
        {
          reported_done = state.done;
          batch->progress (state.done, batch->n_tasks, batch->progress_data);
        }
    }

  if (state.latency_count > 0)
    self->mean_task_ns = state.latency_sum_ns / state.latency_count;

  return TRUE;
}

/* ---- life cycle ---- */

/* Asks every worker to finish, gives them a moment to clean up, then kills what is left. */
static void
stop_workers (SlProcessPool *self)
{
  gint64 deadline = g_get_monotonic_time () + EXIT_GRACE_MS * G_TIME_SPAN_MILLISECOND;
  guint n_left = 0;

  for (guint i = 0; i < self->n_workers; i++)
    {
      Worker *worker = &self->workers[i];

      if (worker->pid <= 0 || worker->to_fd < 0)
        continue;

      g_byte_array_set_size (worker->out, 0);
      sl_frame_append_empty (worker->out, SL_FRAME_BYE);
      /* A worker that cannot take BYE is dead already: the kill below reaps it. */
      sl_protocol_write_all (worker->to_fd, worker->out->data, worker->out->len, NULL);
      g_byte_array_set_size (worker->out, 0);
      close_fd (&worker->to_fd);
      n_left++;
    }

  /* A worker's pipe closes when it exits: wait for that rather than sleeping. */
  while (n_left > 0)
    {
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      int r;

      for (guint i = 0; i < self->n_workers; i++)
        {
          Worker *worker = &self->workers[i];

          self->pollfds[i].fd = worker->pid > 0 ? worker->from_fd : -1;
          self->pollfds[i].events = POLLIN;
          self->pollfds[i].revents = 0;
        }

      if (left_ms <= 0)
        break;

      r = poll (self->pollfds, self->n_workers, (int) left_ms);
      if (r < 0 && errno != EINTR)
        break;

      for (guint i = 0; r > 0 && i < self->n_workers; i++)
        {
          Worker *worker = &self->workers[i];
          char sink[4096];
          gssize n;

          if (self->pollfds[i].fd < 0 || self->pollfds[i].revents == 0)
            continue;

          /* Whatever it still had to say no longer matters. */
          n = read (worker->from_fd, sink, sizeof sink);
          if (n < 0 && errno == EINTR)
            continue;

          if (n <= 0)
            {
              close_fd (&worker->from_fd);
              wait_for_exit (worker, EXIT_GRACE_MS, NULL);
              n_left--;
            }
        }
    }

  kill_all (self);
}

static void
sl_process_pool_free (SlPool *pool)
{
  SlProcessPool *self = (SlProcessPool *) pool;

  if (self->broken == NULL)
    stop_workers (self);
  kill_all (self);

  for (guint i = 0; i < self->n_workers; i++)
    {
      g_clear_pointer (&self->workers[i].reader, sl_frame_reader_free);
      g_clear_pointer (&self->workers[i].runtime_info, g_hash_table_unref);
      g_free (self->workers[i].lanes);
      if (self->workers[i].out != NULL)
        g_byte_array_unref (self->workers[i].out);
    }
  g_clear_pointer (&self->runtime_info, g_hash_table_unref);

  if (self->have_cancel_fd)
    g_cancellable_release_fd (pool->config.cancellable);

  g_clear_error (&self->broken);
  g_free (self->workers);
  g_free (self->pollfds);
  g_free (self);
}

static const SlPoolClass process_pool_class = {
  .name = "processes",
  .run_batch = sl_process_pool_run_batch,
  .free = sl_process_pool_free,
};

/* One description of the runtime for the whole pool: the workers run the same interpreter, and
 * the slowest start-up is the one the pool waited for. */
static void
merge_runtime_info (SlProcessPool *self)
{
  double slowest = -1;

  for (guint i = 0; i < self->n_workers; i++)
    {
      GHashTable *info = self->workers[i].runtime_info;
      const char *startup;

      if (info == NULL || g_hash_table_size (info) == 0)
        continue;

      startup = g_hash_table_lookup (info, "interpreter_startup_s");
      if (self->runtime_info == NULL ||
          (startup != NULL && g_ascii_strtod (startup, NULL) > slowest))
        {
          g_clear_pointer (&self->runtime_info, g_hash_table_unref);
          self->runtime_info = g_hash_table_ref (info);
          slowest = startup != NULL ? g_ascii_strtod (startup, NULL) : -1;
        }
    }
}

GHashTable *
sl_process_pool_get_runtime_info (SlPool *pool)
{
  g_return_val_if_fail (pool != NULL, NULL);

  if (pool->klass != &process_pool_class)
    return NULL;

  return ((SlProcessPool *) pool)->runtime_info;
}

const char *
sl_process_pool_get_start_method (SlPool *pool)
{
  g_return_val_if_fail (pool != NULL, NULL);
  g_return_val_if_fail (pool->klass == &process_pool_class, NULL);

  return ((SlProcessPool *) pool)->forked ? "fork-server" : "spawn";
}

SlPool *
sl_process_pool_new (const SlPoolConfig  *config,
                     GError             **error)
{
  g_return_val_if_fail (config != NULL, NULL);

  return sl_process_pool_new_full (config, config->workers, 1, error);
}

SlPool *
sl_process_pool_new_full (const SlPoolConfig  *config,
                          guint                n_processes,
                          guint                threads_per_process,
                          GError             **error)
{
  SlProcessPool *self;
  gint64 start = sl_clock_ns ();

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->workload != NULL, NULL);
  g_return_val_if_fail (config->params != NULL, NULL);
  g_return_val_if_fail (n_processes >= 1, NULL);
  g_return_val_if_fail (threads_per_process >= 1, NULL);

  if (threads_per_process > SL_PROTOCOL_MAX_LANES)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "%u threads in one worker is out of range 1–%u", threads_per_process,
                   SL_PROTOCOL_MAX_LANES);
      return NULL;
    }

  ignore_sigpipe_once ();

  self = g_new0 (SlProcessPool, 1);
  self->parent.klass = &process_pool_class;
  self->parent.config = *config;
  self->n_workers = n_processes;
  self->workers = g_new0 (Worker, n_processes);
  self->pollfds = g_new0 (struct pollfd, n_processes + 1);

  for (guint i = 0; i < n_processes; i++)
    {
      Worker *worker = &self->workers[i];

      worker->number = i + 1;
      worker->to_fd = worker->from_fd = -1;
      worker->out = g_byte_array_sized_new (4096);
      worker->n_lanes = threads_per_process;
      worker->lanes = g_new0 (Lane, threads_per_process);
    }

  if (config->cancellable != NULL)
    {
      GPollFD pollfd;

      if (g_cancellable_make_pollfd (config->cancellable, &pollfd))
        {
          self->have_cancel_fd = TRUE;
          self->pollfds[n_processes].fd = pollfd.fd;
          self->pollfds[n_processes].events = POLLIN;
        }
    }

  if (!start_workers (self, error))
    {
      /* Nothing ran yet: no need for a polite goodbye. */
      self->broken = g_error_new_literal (SL_ERROR, SL_ERROR_WORKER, "the pool did not start");
      sl_process_pool_free (&self->parent);
      return NULL;
    }

  self->parent.startup_s = (sl_clock_ns () - start) / 1e9;
  merge_runtime_info (self);
  if (self->runtime_info != NULL)
    {
      /* Say how the workers started, and what the one-off start of the fork server cost apart
       * from them: it counts in the start-up of the pool that paid it, and no other. */
      g_hash_table_replace (self->runtime_info, g_strdup ("start_method"),
                            g_strdup (sl_process_pool_get_start_method (&self->parent)));
      if (self->forked)
        {
          char text[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (text, sizeof text, "%.6f", sl_fork_server_get_startup_time ());
          g_hash_table_replace (self->runtime_info, g_strdup ("fork_server_startup_s"),
                                g_strdup (text));
        }
    }

  return &self->parent;
}
