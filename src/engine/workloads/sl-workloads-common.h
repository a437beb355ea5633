/* sl-workloads-common.h: what the workload implementations share. Internal to the workloads. */
#pragma once

#include <gio/gio.h>

#include "sl-workload.h"

G_BEGIN_DECLS

/* How often a sleeping or waiting task looks at its cancel flag. */
#define SL_CANCEL_POLL_US    (5 * G_TIME_SPAN_MILLISECOND)
/* Iterations of a CPU loop between two looks at the cancel flag (well under a millisecond). */
#define SL_CPU_CANCEL_STRIDE (G_GUINT64_CONSTANT (1) << 16)

/* Keeps `x` opaque to the optimiser so a loop cannot be replaced by its closed form or skipped. */
#if defined(__GNUC__)
# define SL_OPAQUE(x) __asm__ volatile ("" : "+r" (x))
#else
# define SL_OPAQUE(x) do { volatile __typeof__ (x) _v = (x); (x) = _v; } while (0)
#endif

static inline gboolean
sl_cancelled (const SlTask *task)
{
  return task != NULL && task->cancel != NULL && g_atomic_int_get (task->cancel) != 0;
}

/* expected() of a workload whose every task returns its own index. */
gboolean sl_expect_task_index (gpointer      shared,
                               const SlTask *task,
                               guint64      *checksum);
/* Sets G_IO_ERROR_CANCELLED and returns FALSE, for `return sl_set_cancelled (error);`. */
gboolean sl_set_cancelled (GError **error);
/* Sleeps until `deadline` (monotonic µs) in short steps, so that cancelling is prompt; FALSE
 * when the task was cancelled. */
gboolean sl_sleep_until (gint64        deadline,
                         const SlTask *task);

G_END_DECLS
