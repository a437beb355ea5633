/* sl-pool.h: the one interface every execution model implements.
 *
 * A pool is created with its workers already started (the start-up time is measured apart),
 * runs batches of tasks handed out in chunks, and is freed. The runner never knows which kind
 * of pool it drives. Pools are plain C: their hot paths stay out of GObject.
 */
#pragma once

#include <gio/gio.h>

#include "sl-types.h"
#include "sl-workload.h"

G_BEGIN_DECLS

typedef struct {
  const SlWorkload *workload;
  const SlParams   *params;        /* complete (resolved) */
  gpointer          shared;        /* the workload's prepare() result, for in-process pools;
                                      owned by the caller, outlives the pool */
  SlRuntime         runtime;
  guint             workers;
  double            task_timeout_s; /* 0: none */
  GCancellable     *cancellable;   /* nullable; cancelling stops a batch as soon as possible */
} SlPoolConfig;

typedef struct {
  double user_s;
  double sys_s;
  gint64 voluntary_cs;
  gint64 involuntary_cs;
  gint64 peak_rss_kb;   /* the largest worker's (or the process's, for threads) */
} SlUsage;

typedef struct _SlBatch SlBatch;

/* May be called from any pool thread; `done` counts finished tasks of the batch. */
typedef void (*SlBatchProgressFunc) (guint64 done, guint64 total, gpointer user_data);

struct _SlBatch
{
  /* in */
  guint64              n_tasks;
  guint64              base_tasks;
  guint                chunk;
  SlBatchProgressFunc  progress;       /* nullable */
  gpointer             progress_data;

  /* out: arrays of n_tasks, allocated by sl_batch_init() */
  guint64             *checksums;
  double              *latencies_s;
  gboolean            *task_ok;
  guint64              n_failed_tasks;  /* tasks whose run() returned an error */
  char                *first_task_error;
  SlUsage              usage;           /* resources the workers used during this batch */
};

void sl_batch_init (SlBatch *batch, guint64 n_tasks, guint64 base_tasks, guint chunk);
void sl_batch_clear (SlBatch *batch);
/* Records a task failure; thread-safe only under the pool's own lock. */
void sl_batch_take_task_error (SlBatch *batch, guint64 index, GError *error);

typedef struct _SlPool SlPool;

typedef struct {
  const char *name;
  /* Blocks until every task ran, or fails the batch: worker crash, timeout, cancellation.
   * Failed tasks (run() returning FALSE) do not fail the batch; they are counted in it. */
  gboolean (*run_batch) (SlPool *self, SlBatch *batch, GError **error);
  void     (*free)      (SlPool *self);
} SlPoolClass;

struct _SlPool
{
  const SlPoolClass *klass;
  SlPoolConfig       config;
  double             startup_s;   /* from creation until every worker was ready */
};

SlPool  *sl_pool_new (SlModel model, const SlPoolConfig *config, GError **error);
gboolean sl_pool_run_batch (SlPool *pool, SlBatch *batch, GError **error);
double   sl_pool_get_startup_time (SlPool *pool);
void     sl_pool_free (SlPool *pool);

/* Implementations; sl_pool_new() chooses among them. */
SlPool  *sl_thread_pool_new (const SlPoolConfig *config, GError **error);
SlPool  *sl_process_pool_new (const SlPoolConfig *config, GError **error);
/* `n_processes` workers of `threads_per_process` threads each (config->workers is not read):
 * the python runtime's threads model is one process of config->workers threads. */
SlPool  *sl_process_pool_new_full (const SlPoolConfig *config,
                                   guint               n_processes,
                                   guint               threads_per_process,
                                   GError            **error);
/* What the workers said about their runtime (char* -> char*: python_version, implementation,
 * free_threaded, gil_enabled, interpreter_startup_s, ...), or NULL for a pool of native code.
 * Owned by the pool. */
GHashTable *sl_pool_get_runtime_info (SlPool *pool);
GHashTable *sl_process_pool_get_runtime_info (SlPool *pool);
/* Copies the runtime description, if any, into `into` (char* -> char*, owning its strings). */
void     sl_pool_copy_runtime_info (SlPool *pool, GHashTable *into);
/* The worker executable: $SPEEDUP_LAB_WORKER, else next to this program in a build tree, else
 * the installed one. */
char    *sl_worker_find_path (GError **error);

/* CLOCK_MONOTONIC in nanoseconds: the one clock every measurement uses. */
gint64   sl_clock_ns (void);

/* Resources of this process or thread, for usage deltas. */
void     sl_usage_read_self (SlUsage *usage);
void     sl_usage_read_thread (SlUsage *usage);
void     sl_usage_add_delta (SlUsage *total, const SlUsage *after, const SlUsage *before);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPool, sl_pool_free)

G_END_DECLS
