/* sl-pool.h: the one interface every execution model implements.
 *
 * A pool is created with its workers already started (the start-up time is measured apart),
 * runs batches of tasks handed out in chunks, and is freed. The runner never knows which kind
 * of pool it drives. Pools are plain C: their hot paths stay out of GObject.
 */
#pragma once

#include <gio/gio.h>

#include "sl-batch.h"
#include "sl-types.h"
#include "sl-workload.h"

G_BEGIN_DECLS

typedef struct {
  const SlWorkload *workload;
  const SlParams   *params;        /* complete (resolved) */
  gpointer          shared;        /* the workload's prepare() result, for in-process pools;
                                      owned by the caller, outlives the pool */
  SlRuntime         runtime;
  guint             workers;        /* threads of a thread pool; processes of a process pool */
  guint             threads_per_worker; /* process pool: threads in each worker process, which
                                       share its interpreter (the python runtime's threads
                                       model); 0 means 1 */
  double            task_timeout_s; /* 0: none */
  GCancellable     *cancellable;   /* nullable; cancelling stops a batch as soon as possible */
} SlPoolConfig;

typedef struct _SlPool SlPool;

typedef struct {
  const char *name;
  /* Blocks until every task ran, or fails the batch: worker crash, timeout, cancellation.
   * Failed tasks (run() returning FALSE) do not fail the batch; they are counted in it. */
  gboolean (*run_batch) (SlPool *self, SlBatch *batch, GError **error);
  /* Nullable: stops the workers; FALSE when stopping them went wrong. */
  gboolean (*close)     (SlPool *self, GError **error);
  void     (*free)      (SlPool *self);
  /* Nullable: what the workers said about their runtime (see sl_pool_get_runtime_info()). */
  GHashTable *(*get_runtime_info) (SlPool *self);
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
/* Stops the workers, after the last batch. FALSE, with error set, when that went wrong although
 * every batch ran (a fork server found stopped had to be killed): the point it measured is not
 * to be trusted. The pool runs no more batches; it still has to be freed. */
gboolean sl_pool_close (SlPool *pool, GError **error);
void     sl_pool_free (SlPool *pool);

/* What the workers said about their runtime (char* -> char*: python_version, implementation,
 * free_threaded, gil_enabled, interpreter_startup_s, ...), or NULL for a pool of native code.
 * Owned by the pool. */
GHashTable *sl_pool_get_runtime_info (SlPool *pool);
/* Copies the runtime description, if any, into `into` (char* -> char*, owning its strings). */
void     sl_pool_copy_runtime_info (SlPool *pool, GHashTable *into);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPool, sl_pool_free)

G_END_DECLS
