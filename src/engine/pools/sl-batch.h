/* sl-batch.h: a batch of tasks, what a pool is asked to run and where it writes what came of
 * each task. Every pool fills one the same way; the runner reads it. */
#pragma once

#include <glib.h>

#include "sl-usage.h"

G_BEGIN_DECLS

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
  guint64              n_stopped_processes; /* processes tasks left running, stopped by their
                                               workers when the batch ended */
};

void sl_batch_init (SlBatch *batch, guint64 n_tasks, guint64 base_tasks, guint chunk);
void sl_batch_clear (SlBatch *batch);
/* Records a task failure; thread-safe only under the pool's own lock. */
void sl_batch_take_task_error (SlBatch *batch, guint64 index, GError *error);

G_END_DECLS
