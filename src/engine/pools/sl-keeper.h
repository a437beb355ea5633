/* sl-keeper.h: speedup-lab-worker started as a program, under its keeper, from the side that
 * starts it.
 *
 * The process started is the keeper (see the keeper in sl-protocol.h): it forks the worker at
 * once, stays its parent and the subreaper of what the worker's tasks start, and when the
 * worker ends, stops what it left and reports how it ended. Ending a worker goes through its
 * keeper, so that what it left is still found; a keeper that does not report in time is
 * killed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  GPid pid;          /* the keeper's; 0 once reaped */
  int  report_fd;    /* where it reports; -1 once read */
} SlKeeper;

/* Starts `path` with `args` (NULL-terminated, argv[0] excluded) under a keeper, its stdin and
 * stdout the pipes *in_fd and *out_fd (close-on-exec here). The keeper dies, ending its worker,
 * with the thread that called this. */
gboolean sl_keeper_spawn (SlKeeper            *keeper,
                          const char          *path,
                          const char * const  *args,
                          int                 *in_fd,
                          int                 *out_fd,
                          GError             **error);
/* Asks the keeper to end its worker, whether the keeper is stopped or not. */
void     sl_keeper_end   (SlKeeper            *keeper);
/* Waits up to timeout_ms for the keeper to report and exit, resuming it if a task stopped it;
 * past that, asks it to end its worker and waits as long again; past that, kills it. Fills
 * *status with the worker's wait status (the keeper's own when it said nothing) and *stopped
 * (nullable) with the processes the worker left. FALSE when the worker had to be ended. */
gboolean sl_keeper_reap  (SlKeeper            *keeper,
                          int                  timeout_ms,
                          int                 *status,
                          guint               *stopped);

G_END_DECLS
