/* sl-worker.h: speedup-lab-worker's modes share how a worker process sets itself up. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The worker proper, on fd 0 and 1: HELLO, CONFIG, READY, then chunks until BYE. Exits at once
 * unless `parent_pid` (when > 0) is still its parent. Returns the process's exit status. */
int      sl_worker_run (int parent_pid);

/* Moves fd 0 and 1 out of the way of the code that runs here: what tasks print goes to stderr,
 * what they read is empty. The protocol (or a one-shot mode's answer) uses the copies. */
gboolean sl_worker_take_protocol_fds (int *in_fd,
                                      int *out_fd);

/* Limits what the code that runs here may allocate, beyond what starting the worker took, so
 * that a task that allocates without end fails with MemoryError in its own worker instead of
 * exhausting the machine. 0: no limit. */
gboolean sl_worker_apply_memory_limit (guint    limit_mb,
                                       GError **error);

G_END_DECLS
