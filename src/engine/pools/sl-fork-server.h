/* sl-fork-server.h: the process's one fork server, which starts process-pool workers by fork().
 *
 * Starting speedup-lab-worker costs tens of milliseconds (most of it loading its libraries);
 * forking a copy of a server that loaded them once costs about one. The server is started on
 * first use, shared by every pool of the process, restarted if it died, and is not a child of
 * this process: it ends when this process closes its socket, and its workers end with it.
 */
#pragma once

#include <gio/gio.h>


G_BEGIN_DECLS

/* Starts `n` workers of `path` through the fork server, each given the two descriptors
 * child_fds[2i] (its protocol input) and child_fds[2i + 1] (its output), which stay open here.
 * Fills pids and the server's generation, which sl_fork_server_wait() needs. *server_startup_s
 * is what starting the server cost this call, 0 if it was running already. All or nothing:
 * FALSE (and no worker left) with SL_ERROR_UNAVAILABLE when the server cannot serve, and the
 * workers are to be started another way: it is disabled (SPEEDUP_LAB_NO_FORK_SERVER=1), could
 * not start, serves another worker program or another environment, or ended. A server that
 * does not answer within its deadline, or stays stopped, is killed, and the error (another
 * code) is the pool's failure; so is a cancel. */
gboolean sl_fork_server_start_workers (const char    *path,
                                       guint          n,
                                       const int     *child_fds,
                                       GPid          *pids,
                                       guint         *generation,
                                       double        *server_startup_s,
                                       GCancellable  *cancellable,
                                       GError       **error);
/* Waits up to timeout_ms (-1: no limit) for the server to report that worker `pid` ended, and
 * consumes the report: its wait status, and how many processes it left that the server stopped
 * (`stopped` is nullable). A worker of a server that ended reads as killed by SIGKILL. */
gboolean sl_fork_server_wait          (guint        generation,
                                       GPid         pid,
                                       int          timeout_ms,
                                       int         *status,
                                       guint       *stopped);
/* How long a server may take to report a worker that was killed, before it is taken for
 * stopped or stuck and is killed itself. */
#define SL_FORK_SERVER_REAP_TIMEOUT_MS 2000
/* Reaps worker `pid`, which must be ending (it was killed or told to stop): as
 * sl_fork_server_wait(), but a server that does not report it in time (a stopped one) is
 * killed, with its workers, the worker reads as killed by SIGKILL, and `problem` (nullable,
 * unset) says what happened to the server. */
void     sl_fork_server_reap (guint    generation,
                              GPid     pid,
                              int     *status,
                              guint   *stopped,
                              GError **problem);
/* What starting the current server cost, in seconds; 0 when none runs. */
double   sl_fork_server_get_startup_time (void);

/* Starts the fork server now, so that its socket is one of this process's descriptors from the
 * start (programs that count their descriptors want that). */
gboolean sl_fork_server_start (GError **error);
/* Stops the fork server; the next pool starts another. Free every process pool first. */
void     sl_fork_server_shutdown (void);
/* Whether the server of `generation` still runs: a worker of one that ended lost its reaper. */
gboolean sl_fork_server_is_running (guint generation);
/* The server's pid, 0 when none runs. */
GPid     sl_fork_server_get_pid (void);

G_END_DECLS
