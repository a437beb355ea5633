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
 * This file schedules; sl-process-worker.c starts, talks to and stops the children.
 */
#define G_LOG_DOMAIN "sl-process-pool"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <string.h>

#include "sl-clock.h"
#include "sl-error.h"
#include "sl-fork-server.h"
#include "sl-i18n.h"
#include "sl-process-pool-private.h"
#include "sl-process-pool.h"
#include "sl-process-state.h"

/* Queue only about this much work ahead per worker: enough to hide a round trip, small enough
 * that the end of a batch is not left to one busy worker. */
#define PREFETCH_NS        (1000.0 * 1000.0)

typedef struct {
  SlBatch *batch;
  guint64  next;               /* next task to hand out */
  guint64  done;
  guint    finished_workers;   /* workers that answered the final usage request */
  double   latency_sum_ns;
  guint64  latency_count;
  gint64   now_ns;             /* when the frames being read arrived, near enough */
} BatchState;

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

  return (guint) CLAMP (depth, 1.0, (double) SL_PROCESS_MAX_IN_FLIGHT);
}

static gboolean
worker_is_idle (SlProcessPool   *self,
                SlProcessWorker *worker)
{
  for (guint i = 0; i < self->threads_per_worker; i++)
    if (worker->lanes[i].queue_len > 0)
      return FALSE;

  return TRUE;
}

/* Tops up the queue of every lane of a worker, and asks for its usage once it has nothing more
 * to do. */
static void
dispatch (SlProcessPool   *self,
          BatchState      *state,
          SlProcessWorker *worker)
{
  SlBatch *batch = state->batch;
  guint depth = prefetch_depth (self, state);

  /* Lane by lane in turns, so that a short batch is spread over every lane. */
  for (guint round = 0; round < depth && state->next < batch->n_tasks; round++)
    for (guint l = 0; l < self->threads_per_worker && state->next < batch->n_tasks; l++)
      {
        SlProcessLane *lane = &worker->lanes[l];
        SlProcessChunk *chunk;
        SlTaskChunk task = {
          .first = state->next,
          .count = (guint32) MIN (batch->chunk, batch->n_tasks - state->next),
          .n_tasks = batch->n_tasks,
          .base_tasks = batch->base_tasks,
          .lane = l,
        };

        if (lane->queue_len > round)
          continue;

        chunk = &lane->queue[(lane->queue_head + lane->queue_len) % SL_PROCESS_MAX_IN_FLIGHT];
        chunk->first = task.first;
        chunk->count = task.count;
        chunk->reported = 0;
        if (lane->queue_len == 0)
          lane->head_start_ns = state->now_ns;
        lane->queue_len++;
        state->next += task.count;

        sl_protocol_append_task (worker->out, &task);
      }

  if (worker_is_idle (self, worker) && state->next >= batch->n_tasks &&
      !worker->final_usage_requested)
    {
      sl_frame_append_empty (worker->out, SL_FRAME_USAGE_REQUEST);
      worker->final_usage_requested = TRUE;
    }
}

static gboolean
handle_result (SlProcessPool    *self,
               BatchState       *state,
               SlProcessWorker  *worker,
               SlFrame          *frame,
               GError          **error)
{
  SlBatch *batch = state->batch;
  SlProcessLane *lane;
  SlProcessChunk *head;
  GError *cause = NULL;
  guint64 first;
  guint32 lane_index, count;

  if (!sl_protocol_parse_result_header (frame, &lane_index, &first, &count, &cause))
    return sl_process_worker_malformed (worker, cause, error);

  if (lane_index >= self->threads_per_worker)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   _("worker %u (pid %d) sent a malformed frame: results of thread %u, but it runs "
                     "%u"), worker->number, worker->pid, lane_index, self->threads_per_worker);
      return FALSE;
    }

  lane = &worker->lanes[lane_index];
  head = sl_process_lane_head (lane);
  if (head == NULL || first != head->first + head->reported || count > head->count - head->reported)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   _("worker %u (pid %d) sent a malformed frame: results for tasks %"
                     PRIu64 "–%" PRIu64 ", which it was not running"),
                   worker->number, worker->pid, first, first + count - 1);
      return FALSE;
    }

  for (guint64 i = first; i < first + count; i++)
    {
      SlResultEntry entry;

      if (!sl_protocol_parse_result_entry (frame, &entry, &cause))
        return sl_process_worker_malformed (worker, cause, error);

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
                   _("worker %u (pid %d) sent a malformed frame: a RESULT frame with trailing bytes"),
                   worker->number, worker->pid);
      return FALSE;
    }

  state->latency_count += count;
  state->done += count;
  head->reported += count;

  if (head->reported == head->count)
    {
      lane->queue_head = (lane->queue_head + 1) % SL_PROCESS_MAX_IN_FLIGHT;
      lane->queue_len--;
      /* The lane starts its next chunk as soon as it sent this answer. */
      lane->head_start_ns = state->now_ns;
    }

  return TRUE;
}

static gboolean
handle_usage (BatchState       *state,
              SlProcessWorker  *worker,
              SlFrame          *frame,
              GError          **error)
{
  GError *cause = NULL;
  SlUsage usage;
  guint32 stopped = 0;

  if (!sl_protocol_parse_usage (frame, &usage, &stopped, &cause))
    return sl_process_worker_malformed (worker, cause, error);
  state->batch->n_stopped_processes += stopped;

  if (worker->usage_replies == 0)
    worker->usage_before = usage;
  else if (worker->usage_replies == 1 && worker->final_usage_requested)
    {
      sl_usage_add_delta (&state->batch->usage, &usage, &worker->usage_before);
      state->finished_workers++;
    }
  else
    return sl_process_worker_unexpected_frame (worker, frame, error);

  worker->usage_replies++;
  return TRUE;
}

static gboolean
batch_frame (SlProcessPool    *self,
             SlProcessWorker  *worker,
             SlFrame          *frame,
             gpointer          user_data,
             GError          **error)
{
  BatchState *state = user_data;

  switch (frame->type)
    {
    case SL_FRAME_RESULT:
      return handle_result (self, state, worker, frame, error);
    case SL_FRAME_USAGE:
      return handle_usage (state, worker, frame, error);
    case SL_FRAME_ERROR:
      return sl_process_worker_error_frame (worker, frame, error);
    default:
      return sl_process_worker_unexpected_frame (worker, frame, error);
    }
}

/* Reads what a worker sent during a batch and answers with more work. */
static gboolean
batch_input (SlProcessPool    *self,
             BatchState       *state,
             SlProcessWorker  *worker,
             GError          **error)
{
  if (!sl_process_worker_read_frames (self, worker, "between tasks", batch_frame, state, error))
    return FALSE;

  dispatch (self, state, worker);
  return TRUE;
}

/* The earliest task deadline as a poll() timeout in ms, -1 for none; fills *overdue with a
 * lane already past its deadline, and *overdue_worker with its worker. */
static int
next_timeout (SlProcessPool    *self,
              gint64            now_ns,
              SlProcessWorker **overdue_worker,
              SlProcessLane   **overdue)
{
  double timeout_s = self->parent.config.task_timeout_s;
  gint64 earliest = G_MAXINT64;

  *overdue = NULL;
  *overdue_worker = NULL;
  if (timeout_s <= 0)
    return -1;

  for (guint i = 0; i < self->parent.config.workers; i++)
    for (guint l = 0; l < self->threads_per_worker; l++)
      {
        SlProcessLane *lane = &self->workers[i].lanes[l];
        const SlProcessChunk *head = sl_process_lane_head (lane);
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
                   SlProcessLane  *lane,
                   GError        **error)
{
  const SlProcessChunk *head = sl_process_lane_head (lane);
  double timeout_s = self->parent.config.task_timeout_s;

  if (head->count == 1)
    g_set_error (error, SL_ERROR, SL_ERROR_TIMEOUT,
                 _("task %" PRIu64 " ran past the %g s timeout; its worker was stopped"),
                 head->first, timeout_s);
  else
    g_set_error (error, SL_ERROR, SL_ERROR_TIMEOUT,
                 _("tasks %" PRIu64 "–%" PRIu64 " ran past their %g s timeout "
                   "(%g s per task); their worker was stopped"),
                 head->first, head->first + head->count - 1, head->count * timeout_s, timeout_s);
}

/* Breaks the pool: every child is killed and reaped, and later batches fail with `reason`. */
static gboolean
break_pool (SlProcessPool  *self,
            GError         *reason,
            GError        **error)
{
  sl_process_pool_kill_workers (self);
  g_clear_error (&self->broken);
  self->broken = g_error_copy (reason);
  g_propagate_error (error, reason);
  return FALSE;
}

static gboolean
run_batch (SlProcessPool  *self,
           SlBatch        *batch,
           GError        **error)
{
  SlPool *pool = &self->parent;
  GCancellable *cancellable = pool->config.cancellable;
  struct pollfd *fds = self->pollfds;
  guint n_fds = self->parent.config.workers + (self->have_cancel_fd ? 1 : 0);
  BatchState state = { .batch = batch };
  GError *local_error = NULL;
  guint64 reported_done = 0;
  gint64 next_check_ns;

  if (self->broken != NULL)
    {
      g_propagate_error (error, g_error_copy (self->broken));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  memset (&batch->usage, 0, sizeof batch->usage);
  state.now_ns = sl_clock_ns ();
  next_check_ns = state.now_ns + SL_PROCESS_CHECK_MS * G_GINT64_CONSTANT (1000000);

  for (guint i = 0; i < self->parent.config.workers; i++)
    {
      SlProcessWorker *worker = &self->workers[i];

      for (guint l = 0; l < self->threads_per_worker; l++)
        worker->lanes[l].queue_head = worker->lanes[l].queue_len = 0;
      worker->usage_replies = 0;
      worker->final_usage_requested = FALSE;

      /* The first usage reply comes before the first result: no extra round trip. */
      sl_frame_append_empty (worker->out, SL_FRAME_USAGE_REQUEST);
      dispatch (self, &state, worker);
      if (!sl_process_worker_flush (self, worker, "between tasks", &local_error))
        return break_pool (self, local_error, error);

      fds[i].fd = worker->from_fd;
      fds[i].events = POLLIN;
    }

  while (state.finished_workers < self->parent.config.workers)
    {
      SlProcessWorker *overdue_worker = NULL;
      SlProcessLane *overdue = NULL;
      int timeout_ms = next_timeout (self, state.now_ns, &overdue_worker, &overdue);
      int r;

      if (overdue != NULL)
        {
          set_timeout_error (self, overdue, &local_error);
          return break_pool (self, local_error, error);
        }

      /* Look at the workers now and then: one that was stopped says nothing, and would be
       * waited for until the timeout, or for ever. */
      if (state.now_ns >= next_check_ns)
        {
          if (!sl_process_pool_check_stopped (self, "between tasks", &local_error))
            return break_pool (self, local_error, error);
          next_check_ns = state.now_ns + SL_PROCESS_CHECK_MS * G_GINT64_CONSTANT (1000000);
        }
      if (timeout_ms < 0 || timeout_ms > SL_PROCESS_CHECK_MS)
        timeout_ms = SL_PROCESS_CHECK_MS;

      r = poll (fds, n_fds, timeout_ms);
      if (r < 0)
        {
          if (errno == EINTR)
            {
              state.now_ns = sl_clock_ns ();
              continue;
            }
          g_set_error (&local_error, SL_ERROR, SL_ERROR_WORKER,
                       _("Could not wait for the workers: %s"), g_strerror (errno));
          return break_pool (self, local_error, error);
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        return break_pool (self, local_error, error);

      state.now_ns = sl_clock_ns ();

      for (guint i = 0; i < self->parent.config.workers; i++)
        {
          SlProcessWorker *worker = &self->workers[i];

          if (fds[i].revents == 0)
            continue;

          if (!batch_input (self, &state, worker, &local_error) ||
              !sl_process_worker_flush (self, worker, "between tasks", &local_error))
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

static gboolean
sl_process_pool_run_batch (SlPool   *pool,
                           SlBatch  *batch,
                           GError  **error)
{
  SlProcessPool *self = (SlProcessPool *) pool;
  gboolean ok = run_batch (self, batch, error);

  /* What workers that ended left (a worker killed at a timeout, with the subprocesses of its
   * tasks): counted like what the workers stopped themselves. */
  batch->n_stopped_processes += self->n_stopped_processes;
  self->n_stopped_processes = 0;

  return ok;
}

/* ---- life cycle ---- */

static gboolean
sl_process_pool_close (SlPool  *pool,
                       GError **error)
{
  SlProcessPool *self = (SlProcessPool *) pool;

  if (!self->closed)
    {
      if (self->broken == NULL)
        sl_process_pool_stop_workers (self);
      sl_process_pool_kill_workers (self);
      self->closed = TRUE;
      if (self->broken == NULL)
        self->broken = g_error_new_literal (SL_ERROR, SL_ERROR_WORKER, _("the pool was closed"));
    }

  if (self->problem != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->problem));
      return FALSE;
    }

  return TRUE;
}

static void
sl_process_pool_free (SlPool *pool)
{
  SlProcessPool *self = (SlProcessPool *) pool;

  sl_process_pool_close (pool, NULL);

  for (guint i = 0; i < self->parent.config.workers; i++)
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
  g_clear_error (&self->problem);
  g_free (self->workers);
  g_free (self->pollfds);
  g_free (self);
}

static GHashTable *
sl_process_pool_get_runtime_info (SlPool *pool)
{
  return ((SlProcessPool *) pool)->runtime_info;
}

static const SlPoolClass process_pool_class = {
  .name = "processes",
  .run_batch = sl_process_pool_run_batch,
  .close = sl_process_pool_close,
  .free = sl_process_pool_free,
  .get_runtime_info = sl_process_pool_get_runtime_info,
};

/* One description of the runtime for the whole pool: the workers run the same interpreter, and
 * the slowest start-up is the one the pool waited for. */
static void
merge_runtime_info (SlProcessPool *self)
{
  double slowest = -1;

  for (guint i = 0; i < self->parent.config.workers; i++)
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
  SlProcessPool *self;
  gint64 start = sl_clock_ns ();
  guint n_workers, threads_per_worker;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->workload != NULL, NULL);
  g_return_val_if_fail (config->params != NULL, NULL);
  g_return_val_if_fail (config->workers >= 1, NULL);

  n_workers = config->workers;
  threads_per_worker = MAX (config->threads_per_worker, 1);
  if (threads_per_worker > SL_PROTOCOL_MAX_LANES)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%u threads in one worker is out of range 1–%u"), threads_per_worker,
                   SL_PROTOCOL_MAX_LANES);
      return NULL;
    }

  self = g_new0 (SlProcessPool, 1);
  self->parent.klass = &process_pool_class;
  self->parent.config = *config;
  self->threads_per_worker = threads_per_worker;
  self->workers = g_new0 (SlProcessWorker, n_workers);
  self->pollfds = g_new0 (struct pollfd, n_workers + 1);

  for (guint i = 0; i < n_workers; i++)
    {
      SlProcessWorker *worker = &self->workers[i];

      worker->number = i + 1;
      worker->to_fd = worker->from_fd = -1;
      worker->keeper.report_fd = -1;
      worker->out = g_byte_array_sized_new (4096);
      worker->lanes = g_new0 (SlProcessLane, threads_per_worker);
    }

  if (config->cancellable != NULL)
    {
      GPollFD pollfd;

      if (g_cancellable_make_pollfd (config->cancellable, &pollfd))
        {
          self->have_cancel_fd = TRUE;
          self->pollfds[n_workers].fd = pollfd.fd;
          self->pollfds[n_workers].events = POLLIN;
        }
    }

  if (!sl_process_pool_start_workers (self, error))
    {
      /* Nothing ran yet: no need for a polite goodbye. */
      self->broken = g_error_new_literal (SL_ERROR, SL_ERROR_WORKER, _("the pool did not start"));
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
