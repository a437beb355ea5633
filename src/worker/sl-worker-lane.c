/* sl-worker-lane.c: running chunks of tasks and answering them (see sl-worker-lane.h). */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <unistd.h>

#include "sl-clock.h"
#include "sl-worker-lane.h"

/* Answers of tasks slower than this go out at once rather than at the end of their chunk, so
 * that the pool knows which task a crash or a hang hit. Fast tasks are answered once per chunk. */
#define FLUSH_INTERVAL_NS (10 * G_GINT64_CONSTANT (1000000))
/* A huge chunk is answered in several frames, far below the protocol's frame limit. */
#define FLUSH_BYTES       (1024 * 1024)

/* Tasks may poll it; the pool stops a worker by killing it, so it never changes. */
static const volatile gint never_cancelled = 0;

void
sl_worker_output_send (SlWorkerOutput *output,
                       GByteArray     *out)
{
  gboolean ok;

  if (out->len == 0)
    return;

  pthread_mutex_lock (&output->lock);
  ok = sl_protocol_write_all (output->fd, out->data, out->len, NULL);
  pthread_mutex_unlock (&output->lock);

  if (!ok)
    _exit (1);

  g_byte_array_set_size (out, 0);
}

static gboolean
run_task (SlWorkerLane  *lane,
          const SlTask  *task,
          guint64       *checksum,
          GError       **error)
{
#if HAVE_PYTHON
  if (lane->python != NULL)
    return sl_python_task_run (lane->python, task, checksum, error);
#endif

  return lane->workload->run (lane->shared, lane->local, task, checksum, error);
}

/* Lets the other threads of the interpreter run while this lane does something else. */
static void
lane_release (SlWorkerLane *lane)
{
#if HAVE_PYTHON
  sl_python_thread_release (lane->python);
#endif
}

void
sl_worker_lane_run_chunk (SlWorkerLane      *lane,
                          const SlTaskChunk *chunk)
{
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
      ok = run_task (lane, &task, &checksum, &error);
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
          sl_worker_output_send (lane->output, lane->out);
          sl_protocol_result_begin (&writer, lane->out, lane->number, i + 1);
          last_flush = t1;
          t1 = sl_clock_ns ();  /* the write is not the next task's time */
        }

      t0 = t1;
    }

  sl_protocol_result_end (&writer, lane->out);
  lane_release (lane);
  sl_worker_output_send (lane->output, lane->out);
}

void
sl_worker_lane_enter (SlWorkerLane *lane)
{
#if HAVE_PYTHON
  if (lane->python_task != NULL)
    lane->python = sl_python_thread_enter (lane->python_task);
#endif
}

void
sl_worker_lane_leave (SlWorkerLane *lane)
{
#if HAVE_PYTHON
  g_clear_pointer (&lane->python, sl_python_thread_leave);
#endif
}

static gpointer
lane_main (gpointer data)
{
  SlWorkerLane *lane = data;

  sl_worker_lane_enter (lane);

  for (;;)
    {
      g_autofree SlTaskChunk *chunk = sl_chunk_queue_pop (lane->queue);

      if (chunk->count == 0)
        break;
      sl_worker_lane_run_chunk (lane, chunk);
    }

  sl_worker_lane_leave (lane);
  return NULL;
}

gboolean
sl_worker_lane_start_thread (SlWorkerLane  *lane,
                             GError       **error)
{
  g_autofree char *name = g_strdup_printf ("lane-%u", lane->number);

  lane->queue = sl_chunk_queue_new ();
  lane->thread = g_thread_try_new (name, lane_main, lane, error);
  return lane->thread != NULL;
}

void
sl_worker_lane_push (SlWorkerLane      *lane,
                     const SlTaskChunk *chunk)
{
  sl_chunk_queue_push (lane->queue, g_memdup2 (chunk, sizeof *chunk));
}

void
sl_worker_lane_stop_thread (SlWorkerLane *lane)
{
  if (lane->thread == NULL)
    return;

  sl_chunk_queue_push (lane->queue, g_new0 (SlTaskChunk, 1));
  g_thread_join (lane->thread);
  lane->thread = NULL;
}
