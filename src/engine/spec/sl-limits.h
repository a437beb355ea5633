/* sl-limits.h: every limit of an experiment spec, in one place.
 *
 * The validator (sl-experiment-spec-check.c) enforces them, and the CLI, the result reader and
 * the window all go through it; front ends read these numbers for their own widgets (ranges of
 * spin buttons, help texts), never a copy of them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_MAX_WORKERS   256
#define SL_MAX_TASKS     (G_GUINT64_CONSTANT (10000000))   /* per batch, weak scaling included */
#define SL_MAX_CHUNK     1000000
#define SL_MAX_REPEAT    1000
#define SL_MAX_WARMUP    100
#define SL_MAX_TIMEOUT_S 86400.0                            /* per task; 0 means none */
/* Batches run back to back for one measured value (0: calibrated to the minimum time). */
#define SL_MAX_LOOPS     1000000
/* The least a calibrated measured value lasts: the range allowed, and the default. The
 * default is justified by measurement in README.md ("Calibrated measurements"). */
#define SL_MIN_TIME_LOWEST_S  0.001
#define SL_MIN_TIME_HIGHEST_S 60.0
#define SL_DEFAULT_MIN_TIME_S 0.1
/* Repeating a point until its median is precise: the width of the median's 95 % interval asked
 * for, in percent of the median (0: off), and the time a point may take for it. */
#define SL_PRECISE_LOWEST_PCT  0.1
#define SL_PRECISE_HIGHEST_PCT 100.0
#define SL_BUDGET_LOWEST_S     0.1
#define SL_MAX_BUDGET_S        86400.0
#define SL_DEFAULT_BUDGET_S    60.0
/* A person's Python code (python-custom), as a file read or a text given: a task function is
 * not that long, and a device that never ends (/dev/zero) or a FIFO is read only up to it. */
#define SL_MAX_CODE_SIZE (1024 * 1024)                      /* bytes */

/* The longest duration a result document may hold, a repetition's wall or CPU time or a task's
 * latency: about 32 years. No measurement comes near; a longer one is a broken file. */
#define SL_MAX_DURATION_S 1e9

G_END_DECLS
