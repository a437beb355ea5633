/* sl-worker-reaper.h: a worker stops the processes its tasks left behind.
 *
 * A task may start processes (subprocess.Popen, os.fork, a daemon that double-forks and calls
 * setsid). The worker is a child subreaper, so that even a daemonised descendant becomes its
 * child when its own parent ends; when a batch ends, every child still there is a leftover, and
 * is killed (with its process group) and reaped.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes this process the subreaper of its descendants. */
void  sl_worker_reaper_init (void);
/* Kills and reaps every child of this process, and the children that orphaned descendants
 * become meanwhile; returns how many there were. Call it only while no task runs. */
guint sl_worker_reaper_stop_leftovers (void);
/* The same for every child whose pid is not in `keep` (a set of GINT_TO_POINTER pids): the fork
 * server keeps its workers and stops the orphans they left when they were killed. */
guint sl_worker_reaper_stop_others (GHashTable *keep);

G_END_DECLS
