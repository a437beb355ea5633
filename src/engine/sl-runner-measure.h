/* sl-runner-measure.h: one measured value of a point, on the engine thread (sl-runner-measure.c):
 * `loops` batches run back to back on one pool, each timed by itself, their times and resources
 * summed; and the calibration of the loops at the sweep's first point, so that a measured value
 * lasts at least the spec's minimum time (pyperf's loops, timeit's autorange).
 */
#pragma once

#include <gio/gio.h>

#include "sl-pool.h"

G_BEGIN_DECLS

typedef struct {
  SlPool              *pool;
  guint64              n_tasks;      /* of one batch */
  guint64              base_tasks;
  guint                chunk;
  GCancellable        *cancellable;
  SlBatchProgressFunc  progress;     /* nullable: tasks done of all the loops' batches */
  gpointer             progress_data;
} SlLoopsConfig;

typedef struct {
  guint    loops;                /* batches run and timed */
  double   wall_s;               /* their wall times, summed */
  SlUsage  usage;                /* their resources: times and switches summed, the largest peak */
  guint64  n_stopped_processes;  /* that their tasks left running */
  SlBatch  last;                 /* the last batch run: its checksums, latencies and failures */
  guint64 *first_checksums;      /* the first batch's, which every later batch must repeat */
  gboolean differed;             /* a later batch returned another checksum for a task: */
  guint64  differed_task;        /* the first such task */
  guint64  differed_checksum;    /* and what it returned */
} SlLoops;

/* Runs `loops` batches, each on the clock by itself: what happens between them (comparing the
 * checksums with the first batch's, the cancel) is not measured. Stops after a batch with a
 * failed task, the point's end. FALSE when a batch failed (a worker, a timeout) or the
 * cancellable was cancelled, checked between batches as well as in them
 * (G_IO_ERROR_CANCELLED); `out` then holds the batches before. Clear `out` with
 * sl_loops_clear() in any case. */
gboolean sl_runner_run_loops       (const SlLoopsConfig  *config,
                                    guint                 loops,
                                    SlLoops              *out,
                                    GError              **error);
void     sl_loops_clear            (SlLoops              *loops);
/* The first checksum of the loops' batches that is not the `expected` one (nullable: unknown),
 * in words; NULL when every task that ran returned its own. The expected checksums are computed
 * after the loops, off the clock, and a batch that repeats the first batch's checksums is as
 * right as the first, so that the first batch, the last and the first that differed are all
 * there is to check. */
char    *sl_loops_find_mismatch    (const SlLoops        *loops,
                                    const guint64        *expected);
/* What one batch took: the wall time and the resources divided by the loops, so that every
 * time reported, and the speedups, are per batch whatever the loops. */
void     sl_loops_per_batch        (const SlLoops        *loops,
                                    double               *wall_s,
                                    SlUsage              *usage);

/* The loops that make a measured value last at least `min_time_s`: unmeasured batches, one
 * first, then as many as their time says are needed (at least twice and at most ten times as
 * many at each step, never more than SL_MAX_LOOPS) until they last that long. Their checksums
 * are not checked, as a warm-up's are not; a batch whose task failed ends the calibration with
 * the loops so far, and the measured value says why. FALSE
 * when a batch failed or the run was cancelled. `n_stopped_processes` is added to. */
gboolean sl_runner_calibrate_loops (const SlLoopsConfig  *config,
                                    double                min_time_s,
                                    guint                *loops,
                                    guint64              *n_stopped_processes,
                                    GError              **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlLoops, sl_loops_clear)

G_END_DECLS
