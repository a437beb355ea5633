/* sl-worker-fork-server.h: speedup-lab-worker --fork-server, the server side of the process
 * pool's fork server (the pool's side is sl-fork-server.h, the messages sl-protocol.h).
 *
 * It has every library of a worker loaded and nothing else set up, and forks a worker for every
 * START it reads from the socket on its stdin: every worker starts as clean as an exec'd one,
 * for the cost of a fork.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Serves until the parent's end of the socket closes, and exits then. Returns only in a worker
 * it forked, whose stdin and stdout are then its protocol pipes: TRUE, with *server_pid the
 * server, which is the worker's parent. FALSE when the server could not start. */
gboolean sl_worker_fork_server_run (int *server_pid);

G_END_DECLS
