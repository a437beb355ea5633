/* sl-worker-keeper.h: the parent that a worker started as a program runs under.
 *
 * Started by the pool (without the fork server) or for a one-shot mode that runs a person's
 * code, speedup-lab-worker forks at once: the child goes on as the worker, and the parent, its
 * keeper, stays as its parent and as the subreaper of everything the child's tasks start (see
 * the keeper in sl-protocol.h). So a task that stops or kills its parent hits the keeper, not
 * the program that runs the sweep, and what a killed worker left behind is still found.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns only in the child, with *parent_pid set to the keeper's pid. `report_fd` is where
 * the keeper reports; *parent_pid, when positive, is the pid its own parent must have. */
void sl_worker_keeper_run (int  report_fd,
                           int *parent_pid);

G_END_DECLS
