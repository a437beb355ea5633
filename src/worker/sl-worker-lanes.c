/* sl-worker-lanes.c: running chunks of tasks in a worker: one lane per thread the pool asked
 * for, each fed by a queue of chunks, answering through the worker's one output pipe. A worker of
 * one lane runs its chunks on the main thread instead. */
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

/* Answers of tasks slower than this go out at once rather than at the end of their chunk, so
 * that the pool knows which task a crash or a hang hit. Fast tasks are answered once per chunk. */
#define FLUSH_INTERVAL_NS (10 * G_GINT64_CONSTANT (1000000))
/* A huge chunk is answered in several frames, far below the protocol's frame limit. */
#define FLUSH_BYTES       (1024 * 1024)

/* Tasks may poll it; the pool stops a worker by killing it, so it never changes. */
static const volatile gint never_cancelled = 0;

static gboolean
run_task (Worker        *worker,
          Lane          *lane,
          const SlTask  *task,
          guint64       *checksum,
          GError       **error)
{
#if HAVE_PYTHON
  if (lane->python != NULL)
    return sl_python_task_run (lane->python, task, checksum, error);
#endif

  return worker->workload->run (worker->shared, lane->local, task, checksum, error);
}

/* Lets the other threads of the interpreter run while this lane does something else. */
static void
lane_release (Lane *lane)
{
#if HAVE_PYTHON
  sl_python_thread_release (lane->python);
#endif
}

void
sl_worker_run_chunk (Lane              *lane,
                     const SlTaskChunk *chunk)
{
  Worker *worker = lane->worker;
  SlTask task = {
    .n_tasks = chunk->n_tasks,
    .base_tasks = chunk->base_tasks,
    .cancel = &never_cancelled,
  };
  guint64 end = chunk->first + chunk->count;
  SlResultWriter writer;
  gint64 t0 = sl_clock_ns ();
  gint64 last_flush = t0;

  sl_protocol_result_begin (&writer, lane->out, lane->number, chunk->first);

  /* One clock read per task: a task starts when the one before it ended. What lies between is
   * appending its answer, a few nanoseconds, while a clock read costs tens of them on some
   * virtual machines: twice the cost of the empty task the noop workload measures. */
  for (guint64 i = chunk->first; i < end; i++)
    {
      GError *error = NULL;
      guint64 checksum = 0;
      gint64 t1;
      gboolean ok;

      task.index = i;
      ok = run_task (worker, lane, &task, &checksum, &error);
      t1 = sl_clock_ns ();

      if (ok)
        sl_protocol_result_add (&writer, lane->out, checksum, t1 - t0, NULL);
      else
        sl_protocol_result_add (&writer, lane->out, checksum, t1 - t0,
                                error != NULL ? error->message
                                              : "the task failed without saying why");
      g_clear_error (&error);

      if (i + 1 < end &&
          (t1 - last_flush >= FLUSH_INTERVAL_NS || lane->out->len >= FLUSH_BYTES))
        {
          sl_protocol_result_end (&writer, lane->out);
          lane_release (lane);
          sl_worker_send_or_exit (worker, lane->out);
          sl_protocol_result_begin (&writer, lane->out, lane->number, i + 1);
          last_flush = t1;
          t1 = sl_clock_ns ();  /* the write is not the next task's time */
        }

      t0 = t1;
    }

  sl_protocol_result_end (&writer, lane->out);
  lane_release (lane);
  sl_worker_send_or_exit (worker, lane->out);
}

void
sl_worker_lane_enter (Lane *lane)
{
#if HAVE_PYTHON
  if (lane->worker->python != NULL)
    lane->python = sl_python_thread_enter (lane->worker->python);
#endif
}

static void
lane_leave (Lane *lane)
{
#if HAVE_PYTHON
  g_clear_pointer (&lane->python, sl_python_thread_leave);
#endif
}

ChunkQueue *
sl_worker_chunk_queue_new (void)
{
  ChunkQueue *queue = g_new0 (ChunkQueue, 1);

  pthread_mutex_init (&queue->lock, NULL);
  pthread_cond_init (&queue->cond, NULL);
  g_queue_init (&queue->chunks);
  return queue;
}

void
sl_worker_chunk_queue_free (ChunkQueue *queue)
{
  g_queue_clear_full (&queue->chunks, g_free);
  pthread_cond_destroy (&queue->cond);
  pthread_mutex_destroy (&queue->lock);
  g_free (queue);
}

/* Takes ownership of `chunk`. */
void
sl_worker_chunk_queue_push (ChunkQueue  *queue,
                            SlTaskChunk *chunk)
{
  pthread_mutex_lock (&queue->lock);
  g_queue_push_tail (&queue->chunks, chunk);
  pthread_cond_signal (&queue->cond);
  pthread_mutex_unlock (&queue->lock);
}

static SlTaskChunk *
chunk_queue_pop (ChunkQueue *queue)
{
  SlTaskChunk *chunk;

  pthread_mutex_lock (&queue->lock);
  while (g_queue_is_empty (&queue->chunks))
    pthread_cond_wait (&queue->cond, &queue->lock);
  chunk = g_queue_pop_head (&queue->chunks);
  pthread_mutex_unlock (&queue->lock);

  return chunk;
}

gpointer
sl_worker_lane_main (gpointer data)
{
  Lane *lane = data;

  sl_worker_lane_enter (lane);

  for (;;)
    {
      g_autofree SlTaskChunk *chunk = chunk_queue_pop (lane->queue);

      if (chunk->count == 0)
        break;
      sl_worker_run_chunk (lane, chunk);
    }

  lane_leave (lane);
  return NULL;
}

void
sl_worker_stop_lanes (Worker *worker)
{
  for (guint i = 0; i < worker->n_lanes; i++)
    {
      Lane *lane = &worker->lanes[i];

      if (lane->thread != NULL)
        {
          sl_worker_chunk_queue_push (lane->queue, g_new0 (SlTaskChunk, 1));
          g_thread_join (lane->thread);
          lane->thread = NULL;
        }
    }

  if (worker->n_lanes == 1)
    lane_leave (&worker->lanes[0]);
}
