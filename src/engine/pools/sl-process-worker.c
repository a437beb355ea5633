/* sl-process-worker.c: the lives of the process pool's children (see sl-process-pool-private.h).
 *
 * Workers are forked by the process's fork server (sl-fork-server.h) when it can serve, which
 * costs a millisecond or so each, rather than started as programs, which costs tens of them; the
 * server reaps them and reports how they ended. SPEEDUP_LAB_NO_FORK_SERVER=1 turns it off. A
 * worker started as a program runs under its keeper (sl-keeper.h), which does the same. Either
 * way the worker is not this process's child, so a task that stops its parent does not stop
 * the sweep, and what a worker's tasks left when it ended is stopped and counted.
 *
 * Spawned workers die with the thread that created them (PR_SET_PDEATHSIG): create, use and free
 * a pool on one thread that outlives it. Forked ones die with the fork server, which ends with
 * this process.
 *
 * A worker that dies is reaped before its death is reported, so that the report says how it
 * ended: a signal, an exit status, or a pipe closed by a process that would not exit. A worker
 * stopped by a signal is killed once it stayed stopped for SL_PROCESS_STOPPED_GRACE_MS.
 */
#define G_LOG_DOMAIN "sl-process-pool"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-clock.h"
#include "sl-error.h"
#include "sl-fork-server.h"
#include "sl-i18n.h"
#include "sl-process-pool-private.h"
#include "sl-process-state.h"
#include "sl-worker-path.h"

#define STARTUP_TIMEOUT_S  60
/* How long a worker may take to clean up after BYE, or to die after closing its pipe. */
#define EXIT_GRACE_MS      2000

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

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    {
      close (*fd);
      *fd = -1;
    }
}

/* Files what a worker's reaper said: the processes its tasks left, and what went wrong with a
 * fork server that could not say. */
static void
count_leftovers (SlProcessPool   *self,
                 SlProcessWorker *worker,
                 guint            stopped,
                 GError          *problem)
{
  self->n_stopped_processes += stopped;
  if (problem != NULL && self->problem == NULL)
    self->problem = g_error_copy (problem);

  /* Its server ended (killed as stuck, or by a task) and cannot stop what the worker's tasks
   * left: their process group, which the worker leads, holds all of it but what went into a
   * session of its own. */
  if (worker->forked && !sl_fork_server_is_running (worker->server_generation))
    kill (-worker->pid, SIGKILL);
}

/* Reaps a worker that is ending: it was killed, or told to stop. */
static void
reap (SlProcessPool   *self,
      SlProcessWorker *worker,
      int             *status_out)
{
  g_autoptr(GError) problem = NULL;
  guint stopped = 0;
  int status = 0;

  if (worker->pid <= 0)
    return;

  if (worker->forked)
    sl_fork_server_reap (worker->server_generation, worker->pid, &status, &stopped, &problem);
  else
    sl_keeper_reap (&worker->keeper, EXIT_GRACE_MS, &status, &stopped);
  count_leftovers (self, worker, stopped, problem);
  worker->pid = 0;

  if (status_out != NULL)
    *status_out = status;
}

void
sl_process_pool_kill_workers (SlProcessPool *self)
{
  for (guint i = 0; i < self->parent.config.workers; i++)
    {
      SlProcessWorker *worker = &self->workers[i];

      if (worker->pid <= 0)
        continue;
      /* A spawned worker is ended by its keeper, which then stops what its tasks left. */
      if (worker->forked)
        sl_process_kill (worker->pid);
      else
        sl_keeper_end (&worker->keeper);
    }

  for (guint i = 0; i < self->parent.config.workers; i++)
    {
      SlProcessWorker *worker = &self->workers[i];

      reap (self, worker, NULL);
      close_fd (&worker->to_fd);
      close_fd (&worker->from_fd);
    }
}

/* Waits up to `timeout_ms` for a child that closed its pipe to finish dying. FALSE if it had to
 * be killed. */
static gboolean
wait_for_exit (SlProcessPool   *self,
               SlProcessWorker *worker,
               int              timeout_ms,
               int             *status)
{
  guint stopped = 0;
  gboolean exited;

  if (worker->pid <= 0)
    return TRUE;

  if (!worker->forked)
    {
      exited = sl_keeper_reap (&worker->keeper, timeout_ms, status, &stopped);
      count_leftovers (self, worker, stopped, NULL);
      worker->pid = 0;
      return exited;
    }

  if (sl_fork_server_wait (worker->server_generation, worker->pid, timeout_ms, status, &stopped))
    {
      count_leftovers (self, worker, stopped, NULL);
      worker->pid = 0;
      return TRUE;
    }
  sl_process_kill (worker->pid);
  reap (self, worker, status);
  return FALSE;
}

/* ---- how a worker broke ---- */

/* The tasks a worker was working on, as text: "task 17", "one of tasks 14–20", "task 3, task 9"
 * for several lanes, or NULL. */
static char *
describe_running (SlProcessPool   *self,
                  SlProcessWorker *worker)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->threads_per_worker; i++)
    {
      const SlProcessChunk *head = sl_process_lane_head (&worker->lanes[i]);
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
        g_string_append_printf (text, _("task %" PRIu64), first);
      else
        g_string_append_printf (text, _("one of tasks %" PRIu64 "–%" PRIu64),
                                first, last);
    }

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Sets the error for a worker whose pipe closed or broke, after reaping it. */
static gboolean
set_death_error (SlProcessPool    *self,
                 SlProcessWorker  *worker,
                 const char       *when,
                 GError          **error)
{
  g_autofree char *running = describe_running (self, worker);
  g_autofree char *where = NULL;
  int pid = sl_process_worker_get_pid (worker);
  int status = 0;
  gboolean exited;

  if (running != NULL)
    where = g_strdup_printf (_(" while running %s"), running);
  else
    where = g_strdup_printf (" %s", when);

  close_fd (&worker->to_fd);
  close_fd (&worker->from_fd);
  exited = wait_for_exit (self, worker, EXIT_GRACE_MS, &status);

  if (!exited)
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 _("worker %u (pid %d) closed its pipe%s but did not exit; it was stopped"),
                 worker->number, pid, where);
  else if (WIFSIGNALED (status))
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 _("worker %u (pid %d) was killed by signal %d (%s)%s"),
                 worker->number, pid, WTERMSIG (status), g_strsignal (WTERMSIG (status)), where);
  else if (WIFEXITED (status))
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 _("worker %u (pid %d) exited with status %d%s"),
                 worker->number, pid, WEXITSTATUS (status), where);
  else
    g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                 _("worker %u (pid %d) ended%s"), worker->number, pid, where);

  return FALSE;
}

gboolean
sl_process_worker_malformed (SlProcessWorker  *worker,
                             GError           *cause,
                             GError          **error)
{
  g_set_error (error, SL_ERROR, SL_ERROR_WORKER, _("worker %u (pid %d) sent a malformed frame: %s"),
               worker->number, sl_process_worker_get_pid (worker), cause->message);
  g_error_free (cause);
  return FALSE;
}

gboolean
sl_process_worker_unexpected_frame (SlProcessWorker  *worker,
                                    SlFrame          *frame,
                                    GError          **error)
{
  g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
               _("worker %u (pid %d) sent a malformed frame: an unexpected %s frame"),
               worker->number, sl_process_worker_get_pid (worker),
               sl_frame_type_to_string (frame->type));
  return FALSE;
}

gboolean
sl_process_worker_error_frame (SlProcessWorker  *worker,
                               SlFrame          *frame,
                               GError          **error)
{
  GError *cause = NULL;
  GError *worker_error = NULL;

  if (!sl_protocol_parse_error (frame, &worker_error, &cause))
    return sl_process_worker_malformed (worker, cause, error);

  /* The worker's message is meant for a person already; keep its code (an unknown workload is
   * bad input, a missing runtime is unavailable). */
  g_propagate_error (error, worker_error);
  return FALSE;
}

/* ---- frames ---- */

gboolean
sl_process_worker_flush (SlProcessPool    *self,
                         SlProcessWorker  *worker,
                         const char       *when,
                         GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (worker->out->len == 0)
    return TRUE;

  if (!sl_protocol_write_all (worker->to_fd, worker->out->data, worker->out->len, &local_error))
    return set_death_error (self, worker, when, error);

  g_byte_array_set_size (worker->out, 0);
  return TRUE;
}

gboolean
sl_process_worker_read_frames (SlProcessPool       *self,
                               SlProcessWorker     *worker,
                               const char          *when,
                               SlProcessFrameFunc   handle,
                               gpointer             user_data,
                               GError             **error)
{
  GError *cause = NULL;
  SlFrameReadStatus status;
  SlFrame frame;
  gssize n;

  n = sl_frame_reader_fill (worker->reader, &cause);
  if (n < 0)
    return sl_process_worker_malformed (worker, cause, error);

  while ((status = sl_frame_reader_next (worker->reader, &frame, &cause)) == SL_FRAME_READ_OK)
    if (!handle (self, worker, &frame, user_data, error))
      return FALSE;

  if (status == SL_FRAME_READ_ERROR)
    return sl_process_worker_malformed (worker, cause, error);

  if (n == 0)
    return set_death_error (self, worker, when, error);

  return TRUE;
}

/* ---- stopped workers ---- */

gboolean
sl_process_pool_check_stopped (SlProcessPool  *self,
                               const char     *when,
                               GError        **error)
{
  for (guint i = 0; i < self->parent.config.workers; i++)
    {
      SlProcessWorker *worker = &self->workers[i];
      g_autofree char *running = NULL;
      GPid pid = sl_process_worker_get_pid (worker);

      if (worker->pid <= 0 || !sl_process_stopped_too_long (pid, &worker->stopped_since))
        continue;

      /* Nobody else would resume it: it is killed (sl_process_pool_kill_workers()). */
      running = describe_running (self, worker);
      if (running != NULL)
        g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                     _("worker %u (pid %d) was stopped (SIGSTOP) while running %s and did not "
                       "resume within %d s: it was killed"), worker->number, (int) pid, running,
                     SL_PROCESS_STOPPED_GRACE_MS / 1000);
      else
        g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                     _("worker %u (pid %d) was stopped (SIGSTOP) %s and did not resume within "
                       "%d s: it was killed"), worker->number, (int) pid, when,
                     SL_PROCESS_STOPPED_GRACE_MS / 1000);
      return FALSE;
    }

  return TRUE;
}

/* ---- start-up ---- */

static gboolean
spawn_worker (const char       *path,
              SlProcessWorker  *worker,
              GError          **error)
{
  g_autofree char *parent_arg = g_strdup_printf ("--parent-pid=%d", (int) getpid ());
  const char *args[] = { parent_arg, NULL };
  GError *local_error = NULL;

  if (!sl_keeper_spawn (&worker->keeper, path, args, &worker->to_fd, &worker->from_fd,
                        &local_error))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, _("Could not start worker %u (%s): %s"),
                   worker->number, path, local_error->message);
      g_error_free (local_error);
      return FALSE;
    }

  worker->pid = worker->keeper.pid;
  worker->reader = sl_frame_reader_new (worker->from_fd);
  return TRUE;
}

/* Starts every worker through the fork server. FALSE, with nothing started, when it cannot
 * serve (*forked is FALSE: the workers are to be spawned) or failed (error set). */
static gboolean
fork_workers (SlProcessPool  *self,
              const char     *path,
              GError        **error)
{
  g_autofree int *child_fds = g_new (int, 2 * self->parent.config.workers);
  g_autofree GPid *pids = g_new0 (GPid, self->parent.config.workers);
  g_autoptr(GError) local_error = NULL;
  guint generation = 0;
  guint n_pipes = 0;
  gboolean ok = TRUE;

  for (; n_pipes < self->parent.config.workers; n_pipes++)
    {
      SlProcessWorker *worker = &self->workers[n_pipes];
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
    ok = sl_fork_server_start_workers (path, self->parent.config.workers, child_fds, pids,
                                       &generation, &self->fork_server_startup_s,
                                       self->parent.config.cancellable, &local_error);

  for (guint i = 0; i < n_pipes; i++)
    {
      SlProcessWorker *worker = &self->workers[i];

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

  self->forked = ok;
  if (ok || local_error == NULL)
    return ok;

  if (!g_error_matches (local_error, SL_ERROR, SL_ERROR_UNAVAILABLE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_debug ("Spawning workers: %s", local_error->message);
  return FALSE;
}

/* Handles what a starting worker sent: HELLO is answered with CONFIG, then READY or ERROR. */
static gboolean
startup_frame (SlProcessPool    *self,
               SlProcessWorker  *worker,
               SlFrame          *frame,
               gpointer          user_data,
               GError          **error)
{
  const SlPoolConfig *config = &self->parent.config;
  guint *n_ready = user_data;
  GError *cause = NULL;

  if (frame->type == SL_FRAME_HELLO && !worker->said_hello)
    {
      guint32 version, pid;

      if (!sl_protocol_parse_hello (frame, &version, &pid, &cause))
        return sl_process_worker_malformed (worker, cause, error);
      worker->said_hello = TRUE;
      /* Watched for being stopped, and named in messages; only a process of ours. */
      if ((GPid) pid == worker->pid || sl_process_get_parent ((GPid) pid) == worker->pid)
        worker->task_pid = (GPid) pid;

      sl_protocol_append_config (worker->out, config->workload->id, config->runtime,
                                 config->task_timeout_s, self->threads_per_worker,
                                 config->params);
      return sl_process_worker_flush (self, worker, "while starting", error);
    }

  if (frame->type == SL_FRAME_READY && worker->said_hello && !worker->ready)
    {
      if (!sl_protocol_parse_ready (frame, &worker->runtime_info, &cause))
        return sl_process_worker_malformed (worker, cause, error);
      worker->ready = TRUE;
      (*n_ready)++;
      return TRUE;
    }

  if (frame->type == SL_FRAME_ERROR)
    return sl_process_worker_error_frame (worker, frame, error);

  return sl_process_worker_unexpected_frame (worker, frame, error);
}

gboolean
sl_process_pool_start_workers (SlProcessPool  *self,
                               GError        **error)
{
  g_autofree char *path = NULL;
  struct pollfd *fds = self->pollfds;
  gint64 deadline = sl_clock_ns () + STARTUP_TIMEOUT_S * G_GINT64_CONSTANT (1000000000);
  GError *local_error = NULL;
  guint n_ready = 0;

  ignore_sigpipe_once ();

  path = sl_worker_find_path (error);
  if (path == NULL)
    return FALSE;

  if (!fork_workers (self, path, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      for (guint i = 0; i < self->parent.config.workers; i++)
        if (!spawn_worker (path, &self->workers[i], error))
          return FALSE;
    }

  while (n_ready < self->parent.config.workers)
    {
      gint64 left_ms = (deadline - sl_clock_ns ()) / 1000000;
      int r;

      for (guint i = 0; i < self->parent.config.workers; i++)
        {
          fds[i].fd = self->workers[i].ready ? -1 : self->workers[i].from_fd;
          fds[i].events = POLLIN;
          fds[i].revents = 0;
        }
      fds[self->parent.config.workers].revents = 0;

      if (left_ms <= 0)
        r = 0;
      else
        r = poll (fds, self->parent.config.workers + (self->have_cancel_fd ? 1 : 0),
                  (int) MIN (left_ms, SL_PROCESS_CHECK_MS));

      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          g_set_error (error, SL_ERROR, SL_ERROR_WORKER, _("Could not wait for the workers: %s"),
                       g_strerror (errno));
          return FALSE;
        }

      if (g_cancellable_set_error_if_cancelled (self->parent.config.cancellable, error))
        return FALSE;

      if (!sl_process_pool_check_stopped (self, "while starting", error))
        return FALSE;

      if (r == 0 && sl_clock_ns () >= deadline)
        {
          for (guint i = 0; i < self->parent.config.workers; i++)
            if (!self->workers[i].ready)
              {
                g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                             _("worker %u (pid %d) did not become ready within %d s"),
                             self->workers[i].number,
                             sl_process_worker_get_pid (&self->workers[i]), STARTUP_TIMEOUT_S);
                return FALSE;
              }
        }

      for (guint i = 0; i < self->parent.config.workers; i++)
        {
          if (fds[i].revents == 0)
            continue;
          if (!sl_process_worker_read_frames (self, &self->workers[i], "while starting",
                                              startup_frame, &n_ready, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* ---- the end ---- */

void
sl_process_pool_stop_workers (SlProcessPool *self)
{
  gint64 deadline = g_get_monotonic_time () + EXIT_GRACE_MS * G_TIME_SPAN_MILLISECOND;
  guint n_left = 0;

  for (guint i = 0; i < self->parent.config.workers; i++)
    {
      SlProcessWorker *worker = &self->workers[i];

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

      for (guint i = 0; i < self->parent.config.workers; i++)
        {
          SlProcessWorker *worker = &self->workers[i];

          self->pollfds[i].fd = worker->pid > 0 ? worker->from_fd : -1;
          self->pollfds[i].events = POLLIN;
          self->pollfds[i].revents = 0;
        }

      if (left_ms <= 0)
        break;

      r = poll (self->pollfds, self->parent.config.workers, (int) left_ms);
      if (r < 0 && errno != EINTR)
        break;

      for (guint i = 0; r > 0 && i < self->parent.config.workers; i++)
        {
          SlProcessWorker *worker = &self->workers[i];
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
              int status;

              close_fd (&worker->from_fd);
              wait_for_exit (self, worker, EXIT_GRACE_MS, &status);
              n_left--;
            }
        }
    }

  sl_process_pool_kill_workers (self);
}
