/* sl-process-state.h: what state a process of ours is in, and ending one whatever its state.
 *
 * A process stopped by SIGSTOP (or SIGTSTP, SIGTTIN, SIGTTOU) answers nothing until someone
 * sends it SIGCONT, and a task may stop its own worker or its worker's parent. Every wait for a
 * worker, its keeper or the fork server looks at the state of the process it waits for, and
 * ends one that stays stopped for SL_PROCESS_STOPPED_GRACE_MS. A process stopped by a debugger
 * (tracing stop) is left alone: a person is looking at it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a process may stay stopped before it is taken for lost, and how often waits look. */
#define SL_PROCESS_STOPPED_GRACE_MS  3000
#define SL_PROCESS_CHECK_MS          250

/* The state letter of /proc/PID/stat ('R', 'S', 'D', 'T', 't', 'Z', ...), or 0 when there is
 * no such process. */
char     sl_process_get_state  (GPid pid);
/* Its parent's pid, 0 when unknown. */
GPid     sl_process_get_parent (GPid pid);
/* TRUE when `pid` is stopped by a signal now, and has been at every look since *since_us (a
 * monotonic time, 0: not seen stopped) for SL_PROCESS_STOPPED_GRACE_MS. Updates *since_us. */
gboolean sl_process_stopped_too_long (GPid    pid,
                                      gint64 *since_us);
/* SIGCONT, then SIGKILL: a stopped process would not act on anything else. */
void     sl_process_kill       (GPid pid);

G_END_DECLS
