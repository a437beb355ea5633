/* sl-runner-measure.c: one measured value of a point as `loops` batches, and the calibration of
 * the loops. See sl-runner-measure.h.
 *
 * Each batch is timed by itself and the times are summed, so that the engine's own work between
 * batches (a fresh batch, the checksums, the cancel) never counts; a batch is thousands of times
 * longer than a reading of the clock, so the sum is as exact as one long interval would be.
 */
#define G_LOG_DOMAIN "sl-runner"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sl-clock.h"
#include "sl-i18n.h"
#include "sl-limits.h"
#include "sl-runner-measure.h"

/* Calibration aims this much above the minimum time, so that a value measured later, a little
 * faster than the calibration's, still lasts the minimum. */
#define CALIBRATION_MARGIN 1.1

typedef struct {
  const SlLoopsConfig *config;
  guint64              done_before;   /* tasks of the batches before this one */
  guint64              total;         /* tasks of all the loops' batches */
} LoopsProgress;

static void
loops_progress_cb (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  LoopsProgress *progress = user_data;

  progress->config->progress (progress->done_before + done, progress->total,
                              progress->config->progress_data);
}

static void
add_usage (SlUsage       *total,
           const SlUsage *batch)
{
  total->user_s += batch->user_s;
  total->sys_s += batch->sys_s;
  total->voluntary_cs += batch->voluntary_cs;
  total->involuntary_cs += batch->involuntary_cs;
  total->peak_rss_kb = MAX (total->peak_rss_kb, batch->peak_rss_kb);
}

static char *
describe_mismatch (guint64 task,
                   guint64 checksum,
                   guint64 expected)
{
  return g_strdup_printf (_("task %" PRIu64 " returned checksum %"
                            PRIu64 ", expected %" PRIu64
                            ": the work was not done as specified"),
                          task, checksum, expected);
}

/* Remembers the first task of a later batch whose checksum is not the first batch's. */
static void
compare_with_first (SlLoops *out)
{
  const SlBatch *batch = &out->last;

  if (out->differed)
    return;
  for (guint64 i = 0; i < batch->n_tasks; i++)
    if (batch->task_ok[i] && batch->checksums[i] != out->first_checksums[i])
      {
        out->differed = TRUE;
        out->differed_task = i;
        out->differed_checksum = batch->checksums[i];
        return;
      }
}

gboolean
sl_runner_run_loops (const SlLoopsConfig  *config,
                     guint                 loops,
                     SlLoops              *out,
                     GError              **error)
{
  LoopsProgress progress = {
    .config = config,
    .total = config->n_tasks * MAX (loops, 1),
  };

  g_return_val_if_fail (config != NULL && config->pool != NULL, FALSE);
  g_return_val_if_fail (loops >= 1, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  for (guint i = 0; i < loops; i++)
    {
      gint64 t0, t1;
      gboolean ok;

      /* Between batches as well as in them: many short batches still stop at once. */
      if (g_cancellable_set_error_if_cancelled (config->cancellable, error))
        return FALSE;

      sl_batch_clear (&out->last);
      sl_batch_init (&out->last, config->n_tasks, config->base_tasks, config->chunk);
      if (config->progress != NULL)
        {
          out->last.progress = loops_progress_cb;
          out->last.progress_data = &progress;
          progress.done_before = (guint64) i * config->n_tasks;
        }

      t0 = sl_clock_ns ();
      ok = sl_pool_run_batch (config->pool, &out->last, error);
      t1 = sl_clock_ns ();
      out->n_stopped_processes += out->last.n_stopped_processes;
      if (!ok)
        return FALSE;

      out->loops++;
      out->wall_s += (t1 - t0) / 1e9;
      add_usage (&out->usage, &out->last.usage);

      if (out->first_checksums == NULL)
        out->first_checksums = g_memdup2 (out->last.checksums,
                                          out->last.n_tasks * sizeof (guint64));
      else
        compare_with_first (out);
      if (out->last.n_failed_tasks > 0)
        break;
    }

  return TRUE;
}

void
sl_loops_clear (SlLoops *loops)
{
  if (loops == NULL)
    return;

  sl_batch_clear (&loops->last);
  g_clear_pointer (&loops->first_checksums, g_free);
}

char *
sl_loops_find_mismatch (const SlLoops *loops,
                        const guint64 *expected)
{
  const SlBatch *last = &loops->last;

  g_return_val_if_fail (loops != NULL, NULL);

  if (expected == NULL || loops->first_checksums == NULL)
    return NULL;

  /* Every task of the first batch ran: only the last may have failed tasks. */
  for (guint64 i = 0; i < last->n_tasks; i++)
    if (loops->first_checksums[i] != expected[i] && (loops->loops > 1 || last->task_ok[i]))
      return describe_mismatch (i, loops->first_checksums[i], expected[i]);
  if (loops->differed)
    return describe_mismatch (loops->differed_task, loops->differed_checksum,
                              expected[loops->differed_task]);
  for (guint64 i = 0; i < last->n_tasks; i++)
    if (last->task_ok[i] && last->checksums[i] != expected[i])
      return describe_mismatch (i, last->checksums[i], expected[i]);

  return NULL;
}

void
sl_loops_per_batch (const SlLoops *loops,
                    double        *wall_s,
                    SlUsage       *usage)
{
  double n = MAX (loops->loops, 1);

  *wall_s = loops->wall_s / n;
  usage->user_s = loops->usage.user_s / n;
  usage->sys_s = loops->usage.sys_s / n;
  usage->voluntary_cs = (gint64) llround (loops->usage.voluntary_cs / n);
  usage->involuntary_cs = (gint64) llround (loops->usage.involuntary_cs / n);
  usage->peak_rss_kb = loops->usage.peak_rss_kb;
}

gboolean
sl_runner_calibrate_loops (const SlLoopsConfig  *config,
                           double                min_time_s,
                           guint                *loops,
                           guint64              *n_stopped_processes,
                           GError              **error)
{
  guint tried = 1;

  g_return_val_if_fail (config != NULL, FALSE);
  g_return_val_if_fail (loops != NULL && n_stopped_processes != NULL, FALSE);

  for (;;)
    {
      g_auto(SlLoops) run = { 0, };
      gboolean ok = sl_runner_run_loops (config, tried, &run, error);
      double wanted, next;

      *n_stopped_processes += run.n_stopped_processes;
      if (!ok)
        return FALSE;
      if (run.last.n_failed_tasks > 0 || run.wall_s >= min_time_s || tried >= SL_MAX_LOOPS)
        break;

      /* What these batches took says how many would last the minimum; a batch too short for
       * the clock to see says nothing, and the loops grow tenfold. */
      wanted = run.wall_s > 0 ? ceil (tried * min_time_s * CALIBRATION_MARGIN / run.wall_s)
                              : INFINITY;
      next = CLAMP (wanted, 2.0 * tried, 10.0 * tried);
      tried = (guint) MIN (next, (double) SL_MAX_LOOPS);
    }

  *loops = tried;
  return TRUE;
}
