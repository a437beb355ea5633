/* sl-process-pool-private.h: the process pool's instance, shared by its two halves.
 *
 * sl-process-worker.c starts the child processes, takes them through the start-up handshake,
 * reads and writes their frames, says how they died, and stops and reaps them.
 * sl-process-pool.c hands out chunks of a batch to their lanes and collects the answers.
 */
#pragma once

#include <poll.h>

#include "sl-keeper.h"
#include "sl-pool.h"
#include "sl-protocol.h"

G_BEGIN_DECLS

/* Chunks queued on one lane at most; their TASK frames stay far below a pipe's capacity, so
 * writing them never blocks and parent and worker can never wait on each other. */
#define SL_PROCESS_MAX_IN_FLIGHT 64

typedef struct {
  guint64 first;
  guint32 count;
  guint32 reported;   /* results received so far */
} SlProcessChunk;

/* One thread of a worker process, with the chunks sent to it. */
typedef struct {
  SlProcessChunk queue[SL_PROCESS_MAX_IN_FLIGHT];  /* ring of chunks sent and not fully answered */
  guint          queue_head;
  guint          queue_len;
  gint64         head_start_ns;   /* when the oldest chunk began running, near enough */
} SlProcessLane;

/* The chunk a lane runs now, or NULL. */
static inline SlProcessChunk *
sl_process_lane_head (SlProcessLane *lane)
{
  return lane->queue_len > 0 ? &lane->queue[lane->queue_head] : NULL;
}

/* One child process. */
typedef struct {
  guint          number;        /* 1-based, as messages name it */
  GPid           pid;           /* the worker forked, or the keeper spawned; 0 once reaped */
  GPid           task_pid;      /* the process that runs the tasks, as HELLO said: `pid`, or
                                   the keeper's child; 0 before HELLO */
  gint64         stopped_since; /* when task_pid was first seen stopped; 0: it is not */
  gboolean       forked;        /* by the fork server, which reaps it and says how it ended */
  guint          server_generation;
  SlKeeper       keeper;        /* a spawned worker's, which reaps it and says how it ended */
  int            to_fd;         /* its stdin: frames for it; -1 once closed */
  int            from_fd;       /* its stdout: frames from it; -1 once closed */
  SlFrameReader *reader;
  GByteArray    *out;           /* frames to send with the next write */
  gboolean       said_hello;
  gboolean       ready;
  GHashTable    *runtime_info;  /* what READY said about the runtime; NULL before */
  SlProcessLane *lanes;         /* the pool's threads_per_worker */

  /* The current batch. */
  guint          usage_replies;
  gboolean       final_usage_requested;
  SlUsage        usage_before;
} SlProcessWorker;

typedef struct {
  SlPool           parent;

  SlProcessWorker *workers;
  guint            threads_per_worker;
  GHashTable      *runtime_info;   /* the first worker's, with the slowest interpreter start-up */
  struct pollfd   *pollfds;        /* one per worker, then the cancellable's */
  gboolean         have_cancel_fd;
  GError          *broken;         /* why the pool cannot run batches any more */
  double           mean_task_ns;   /* of the last batch: sizes the queue of the next one */
  gboolean         forked;         /* its workers came from the fork server */
  double           fork_server_startup_s;  /* what starting the server cost this pool, or 0 */
  guint64          n_stopped_processes;    /* left by workers that ended, not yet counted in a
                                              batch */
  GError          *problem;        /* what went wrong while workers ended (a fork server found
                                      stopped), for sl_pool_close() */
  gboolean         closed;
} SlProcessPool;

/* The pid to name a worker by: the one that runs its tasks. */
static inline GPid
sl_process_worker_get_pid (const SlProcessWorker *worker)
{
  return worker->task_pid > 0 ? worker->task_pid : worker->pid;
}

/* Starts every worker and waits until each one is READY, or fails. The workers it started are
 * left for sl_process_pool_kill_workers(). */
gboolean sl_process_pool_start_workers (SlProcessPool  *self,
                                        GError        **error);
/* Asks every worker to finish, gives them a moment to clean up, then kills what is left. */
void     sl_process_pool_stop_workers  (SlProcessPool  *self);
/* Kills and reaps every child and closes every pipe. */
void     sl_process_pool_kill_workers  (SlProcessPool  *self);
/* FALSE, with error set, when a worker has been stopped (SIGSTOP) for
 * SL_PROCESS_STOPPED_GRACE_MS: nothing else would end its wait. `when` says what the pool was
 * doing if the worker ran no task ("while starting"). */
gboolean sl_process_pool_check_stopped (SlProcessPool  *self,
                                        const char     *when,
                                        GError        **error);

/* Handles one frame a worker sent; FALSE, with error set, stops the reading. */
typedef gboolean (*SlProcessFrameFunc) (SlProcessPool    *self,
                                        SlProcessWorker  *worker,
                                        SlFrame          *frame,
                                        gpointer          user_data,
                                        GError          **error);

/* Reads what the worker sent, with one read(), and hands each whole frame to `handle` in order.
 * FALSE, with error set, when a frame is malformed, `handle` fails, or the worker closed its
 * pipe; `when` says what it was doing if no task was running ("while starting"). */
gboolean sl_process_worker_read_frames (SlProcessPool       *self,
                                        SlProcessWorker     *worker,
                                        const char          *when,
                                        SlProcessFrameFunc   handle,
                                        gpointer             user_data,
                                        GError             **error);
/* Sends what was queued for the worker. A write to a worker that died reports its death. */
gboolean sl_process_worker_flush       (SlProcessPool    *self,
                                        SlProcessWorker  *worker,
                                        const char       *when,
                                        GError          **error);

/* The errors of a worker that broke the protocol; each returns FALSE. An ERROR frame is the
 * worker's own message, with its code. */
gboolean sl_process_worker_malformed        (SlProcessWorker  *worker,
                                             GError           *cause,
                                             GError          **error);
gboolean sl_process_worker_unexpected_frame (SlProcessWorker  *worker,
                                             SlFrame          *frame,
                                             GError          **error);
gboolean sl_process_worker_error_frame      (SlProcessWorker  *worker,
                                             SlFrame          *frame,
                                             GError          **error);

G_END_DECLS
