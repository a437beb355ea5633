/* sl-thread-pool.c: N native threads in this process, pulling chunks of task indices.
 *
 * Hand-out is one atomic fetch-and-add per chunk, so the pool's own cost per task stays near a
 * few hundred nanoseconds. The engine thread waits for the batch and polls for timeouts,
 * cancellation and progress; workers never call back into the engine.
 *
 * Synchronisation uses pthread mutexes and condition variables rather than GMutex/GCond: on Linux
 * GLib builds those on raw futexes, which ThreadSanitizer cannot see, and this pool is the code
 * ThreadSanitizer most needs to check.
 */
#define G_LOG_DOMAIN "sl-thread-pool"

#include "config.h"

#include <inttypes.h>
#include <pthread.h>
#include <time.h>

#include "sl-clock.h"
#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-pool.h"
#include "sl-thread-pool.h"

/* How often the waiting engine thread looks at the clock, the cancellable and progress. */
#define POLL_INTERVAL_NS (50 * G_GINT64_CONSTANT (1000000))

typedef struct _SlThreadPool SlThreadPool;

typedef struct {
  SlThreadPool *pool;
  GThread      *thread;
  gpointer      local;         /* the workload's per-worker state */
  guint         index;
  /* Written by the worker, read by the engine thread to find a task past its timeout. */
  gint64        task_start_ns; /* 0 when idle */
  guint64       task_index;
  guint64       done;          /* tasks finished in the current batch */
  char          pad[64];       /* keep workers' hot fields on their own cache lines */
} Worker;

struct _SlThreadPool
{
  SlPool      parent;

  pthread_mutex_t lock;
  pthread_cond_t  work_cond;   /* workers wait here for a batch */
  pthread_cond_t  done_cond;   /* the engine thread waits here for the end of a batch;
                                  on CLOCK_MONOTONIC */
  guint       generation;      /* bumped for every batch */
  guint       active;          /* workers still in the current batch */
  guint       ready;           /* workers that finished worker_init */
  gboolean    shutdown;
  GError     *init_error;

  SlBatch    *batch;
  guint64     next;            /* next task index to hand out; atomic */
  gint        cancel;          /* atomic: tasks should stop */

  Worker     *workers;
};

static void
run_chunks (SlThreadPool *self,
            Worker       *worker,
            SlBatch      *batch)
{
  const SlWorkload *workload = self->parent.config.workload;
  gpointer shared = self->parent.config.shared;
  SlTask task = {
    .n_tasks = batch->n_tasks,
    .base_tasks = batch->base_tasks,
    .cancel = &self->cancel,
  };

  for (;;)
    {
      guint64 start = __atomic_fetch_add (&self->next, batch->chunk, __ATOMIC_RELAXED);
      guint64 end;
      gint64 t0;

      if (start >= batch->n_tasks)
        break;
      end = MIN (batch->n_tasks, start + batch->chunk);

      /* One clock read per task: a task starts when the previous one ended. */
      t0 = sl_clock_ns ();
      for (guint64 i = start; i < end; i++)
        {
          GError *error = NULL;
          guint64 checksum = 0;
          gint64 t1;
          gboolean ok;

          if (g_atomic_int_get (&self->cancel))
            return;

          task.index = i;
          __atomic_store_n (&worker->task_index, i, __ATOMIC_RELAXED);
          __atomic_store_n (&worker->task_start_ns, t0, __ATOMIC_RELEASE);
          ok = workload->run (shared, worker->local, &task, &checksum, &error);
          t1 = sl_clock_ns ();

          batch->checksums[i] = checksum;
          batch->latencies_s[i] = (t1 - t0) / 1e9;
          batch->task_ok[i] = ok;
          t0 = t1;
          if (!ok)
            {
              pthread_mutex_lock (&self->lock);
              if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                sl_batch_take_task_error (batch, i, g_steal_pointer (&error));
              pthread_mutex_unlock (&self->lock);
              g_clear_error (&error);
            }
        }

      __atomic_store_n (&worker->task_start_ns, 0, __ATOMIC_RELEASE);
      __atomic_store_n (&worker->done, worker->done + (end - start), __ATOMIC_RELAXED);
    }
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;
  SlThreadPool *self = worker->pool;
  const SlWorkload *workload = self->parent.config.workload;
  guint seen_generation = 0;

  if (workload->worker_init != NULL)
    {
      GError *error = NULL;

      worker->local = workload->worker_init (self->parent.config.shared, &error);
      if (error != NULL)
        {
          pthread_mutex_lock (&self->lock);
          if (self->init_error == NULL)
            self->init_error = g_steal_pointer (&error);
          pthread_mutex_unlock (&self->lock);
          g_clear_error (&error);
        }
    }

  pthread_mutex_lock (&self->lock);
  self->ready++;
  pthread_cond_broadcast (&self->done_cond);

  for (;;)
    {
      SlBatch *batch;
      SlUsage before, after;

      while (!self->shutdown && self->generation == seen_generation)
        pthread_cond_wait (&self->work_cond, &self->lock);
      if (self->shutdown)
        break;

      seen_generation = self->generation;
      batch = self->batch;
      pthread_mutex_unlock (&self->lock);

      sl_usage_read_thread (&before);
      run_chunks (self, worker, batch);
      sl_usage_read_thread (&after);

      pthread_mutex_lock (&self->lock);
      sl_usage_add_delta (&batch->usage, &after, &before);
      if (--self->active == 0)
        pthread_cond_broadcast (&self->done_cond);
    }

  pthread_mutex_unlock (&self->lock);

  if (workload->worker_free != NULL && worker->local != NULL)
    workload->worker_free (worker->local);

  return NULL;
}

static guint64
count_done (SlThreadPool *self)
{
  guint64 done = 0;

  for (guint i = 0; i < self->parent.config.workers; i++)
    done += __atomic_load_n (&self->workers[i].done, __ATOMIC_RELAXED);

  return done;
}

/* Returns the worker whose current task ran past the timeout, or NULL. */
static Worker *
find_overdue (SlThreadPool *self,
              gint64        now_ns)
{
  double timeout_s = self->parent.config.task_timeout_s;

  if (timeout_s <= 0)
    return NULL;

  for (guint i = 0; i < self->parent.config.workers; i++)
    {
      gint64 start = __atomic_load_n (&self->workers[i].task_start_ns, __ATOMIC_ACQUIRE);

      if (start != 0 && (now_ns - start) / 1e9 > timeout_s)
        return &self->workers[i];
    }

  return NULL;
}

static gboolean
sl_thread_pool_run_batch (SlPool   *pool,
                          SlBatch  *batch,
                          GError  **error)
{
  SlThreadPool *self = (SlThreadPool *) pool;
  GCancellable *cancellable = pool->config.cancellable;
  g_autofree char *timeout_message = NULL;
  gboolean was_cancelled = FALSE;
  SlUsage rss;

  for (guint64 i = 0; i < batch->n_tasks; i++)
    batch->task_ok[i] = TRUE;

  pthread_mutex_lock (&self->lock);
  self->batch = batch;
  self->next = 0;
  self->cancel = 0;
  self->active = self->parent.config.workers;
  for (guint i = 0; i < self->parent.config.workers; i++)
    self->workers[i].done = 0;
  self->generation++;
  pthread_cond_broadcast (&self->work_cond);

  while (self->active > 0)
    {
      gint64 deadline = sl_clock_ns () + POLL_INTERVAL_NS;
      struct timespec ts = { .tv_sec = deadline / 1000000000, .tv_nsec = deadline % 1000000000 };

      if (pthread_cond_timedwait (&self->done_cond, &self->lock, &ts) == 0)
        continue;

      /* Woken by the clock: look after the batch without holding up the workers. */
      pthread_mutex_unlock (&self->lock);

      if (batch->progress != NULL)
        batch->progress (count_done (self), batch->n_tasks, batch->progress_data);

      if (!was_cancelled && g_cancellable_is_cancelled (cancellable))
        {
          was_cancelled = TRUE;
          g_atomic_int_set (&self->cancel, 1);
        }

      if (timeout_message == NULL && !was_cancelled)
        {
          Worker *overdue = find_overdue (self, sl_clock_ns ());

          if (overdue != NULL)
            {
              /* A thread cannot be killed: ask every task to stop and wait for them. */
              timeout_message = g_strdup_printf (_("task %" PRIu64 " ran past the %g s "
                                                   "timeout on thread %u"),
                                                 __atomic_load_n (&overdue->task_index,
                                                                  __ATOMIC_RELAXED),
                                                 pool->config.task_timeout_s, overdue->index + 1);
              g_atomic_int_set (&self->cancel, 1);
            }
        }

      pthread_mutex_lock (&self->lock);
    }

  self->batch = NULL;
  pthread_mutex_unlock (&self->lock);

  /* Threads share the process's peak RSS. */
  sl_usage_read_self (&rss);
  batch->usage.peak_rss_kb = rss.peak_rss_kb;

  if (was_cancelled || g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }

  if (timeout_message != NULL)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_TIMEOUT, timeout_message);
      return FALSE;
    }

  if (batch->progress != NULL)
    batch->progress (batch->n_tasks, batch->n_tasks, batch->progress_data);

  return TRUE;
}

static void
sl_thread_pool_free (SlPool *pool)
{
  SlThreadPool *self = (SlThreadPool *) pool;

  pthread_mutex_lock (&self->lock);
  self->shutdown = TRUE;
  pthread_cond_broadcast (&self->work_cond);
  pthread_mutex_unlock (&self->lock);

  for (guint i = 0; i < self->parent.config.workers; i++)
    if (self->workers[i].thread != NULL)
      g_thread_join (self->workers[i].thread);

  g_clear_error (&self->init_error);
  g_free (self->workers);
  pthread_mutex_destroy (&self->lock);
  pthread_cond_destroy (&self->work_cond);
  pthread_cond_destroy (&self->done_cond);
  g_free (self);
}

static const SlPoolClass thread_pool_class = {
  .name = "threads",
  .run_batch = sl_thread_pool_run_batch,
  .free = sl_thread_pool_free,
};

SlPool *
sl_thread_pool_new (const SlPoolConfig *config,
                    GError            **error)
{
  SlThreadPool *self;
  gint64 start = sl_clock_ns ();
  guint started = 0;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->workers >= 1, NULL);

  if (config->workload->flags & SL_WORKLOAD_FLAG_PROCESS_ONLY)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Workload %s may bring its worker down; it runs only with processes"),
                   config->workload->id);
      return NULL;
    }

  self = g_new0 (SlThreadPool, 1);
  self->parent.klass = &thread_pool_class;
  self->parent.config = *config;
  pthread_mutex_init (&self->lock, NULL);
  pthread_cond_init (&self->work_cond, NULL);
  {
    pthread_condattr_t attr;

    pthread_condattr_init (&attr);
    pthread_condattr_setclock (&attr, CLOCK_MONOTONIC);
    pthread_cond_init (&self->done_cond, &attr);
    pthread_condattr_destroy (&attr);
  }
  self->workers = g_new0 (Worker, config->workers);

  for (guint i = 0; i < config->workers; i++)
    {
      g_autofree char *name = g_strdup_printf ("sl-worker-%u", i + 1);
      GError *local_error = NULL;

      self->workers[i].pool = self;
      self->workers[i].index = i;
      self->workers[i].thread = g_thread_try_new (name, worker_main, &self->workers[i],
                                                  &local_error);
      if (self->workers[i].thread == NULL)
        {
          g_propagate_prefixed_error (error, local_error, _("Could not start thread %u of %u: "),
                                      i + 1, config->workers);
          break;
        }
      started++;
    }

  pthread_mutex_lock (&self->lock);
  while (self->ready < started)
    pthread_cond_wait (&self->done_cond, &self->lock);
  pthread_mutex_unlock (&self->lock);

  if (started < config->workers || self->init_error != NULL)
    {
      if (self->init_error != NULL && started == config->workers)
        g_propagate_error (error, g_steal_pointer (&self->init_error));
      sl_thread_pool_free (&self->parent);
      return NULL;
    }

  self->parent.startup_s = (sl_clock_ns () - start) / 1e9;

  return &self->parent;
}
