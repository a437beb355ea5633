/* sl-process-pool-private.h: the process pool's state, shared by its scheduler
 * (sl-process-pool.c) and its workers' life cycle (sl-process-worker.c). */
#pragma once

#include <poll.h>

#include "sl-pool.h"
#include "sl-protocol.h"

G_BEGIN_DECLS

/* Chunks queued on one worker at most; their TASK frames stay far below a pipe's capacity, so
 * writing them never blocks and parent and worker can never wait on each other. */
#define MAX_IN_FLIGHT      64
#define STARTUP_TIMEOUT_S  60
/* How long a worker may take to clean up after BYE, or to die after closing its pipe. */
#define EXIT_GRACE_MS      2000

typedef struct {
  guint64 first;
  guint32 count;
  guint32 reported;   /* results received so far */
} Chunk;

typedef struct {
  Chunk   queue[MAX_IN_FLIGHT];  /* ring of chunks sent and not fully answered */
  guint   queue_head;
  guint   queue_len;
  gint64  head_start_ns;         /* when the oldest chunk began running, near enough */
} Lane;

typedef struct {
  guint          number;        /* 1-based, as messages name it */
  GPid           pid;           /* 0 once reaped */
  gboolean       forked;        /* by the fork server, which reaps it and says how it ended */
  guint          server_generation;
  int            to_fd;         /* its stdin: frames for it; -1 once closed */
  int            from_fd;       /* its stdout: frames from it; -1 once closed */
  SlFrameReader *reader;
  GByteArray    *out;           /* frames to send with the next write */
  gboolean       said_hello;
  gboolean       ready;
  GHashTable    *runtime_info;  /* what READY said about the runtime; NULL before */
  Lane          *lanes;
  guint          n_lanes;

  /* The current batch. */
  guint          usage_replies;
  gboolean       final_usage_requested;
  SlUsage        usage_before;
} Worker;

typedef struct {
  SlPool          parent;

  Worker         *workers;
  guint           n_workers;
  GHashTable     *runtime_info;   /* the first worker's, with the slowest interpreter start-up */
  struct pollfd  *pollfds;        /* one per worker, then the cancellable's */
  gboolean        have_cancel_fd;
  GError         *broken;         /* why the pool cannot run batches any more */
  double          mean_task_ns;   /* of the last batch: sizes the queue of the next one */
  gboolean        forked;         /* its workers came from the fork server */
  double          fork_server_startup_s;  /* what starting the server cost this pool, or 0 */
} SlProcessPool;

/* Handles one frame from a worker; ERROR frames never reach it. */
typedef gboolean (*SlWorkerFrameFunc) (Worker   *worker,
                                       SlFrame  *frame,
                                       gpointer  user_data,
                                       GError  **error);

/* sl-process-worker.c */
/* Reads what the worker wrote and hands each frame to `handle`; a malformed frame, an ERROR
 * frame or the end of the pipe ("died `when`") fails with the worker's story. */
gboolean sl_process_pool_read_frames (Worker *worker, const char *when, SlWorkerFrameFunc handle,
                                      gpointer user_data, GError **error);
void sl_process_pool_ignore_sigpipe_once (void);
void sl_process_pool_kill_all (SlProcessPool *self);
void sl_process_pool_set_death_error (Worker *worker, const char *when, GError **error);
void sl_process_pool_set_malformed_error (Worker *worker, GError *cause, GError **error);
gboolean sl_process_pool_unexpected_frame (Worker *worker, SlFrame *frame, GError **error);
gboolean sl_process_pool_worker_error_frame (Worker *worker, SlFrame *frame, GError **error);
gboolean sl_process_pool_flush_worker (Worker *worker, const char *when, GError **error);
gboolean sl_process_pool_start_workers (SlProcessPool *self, GError **error);
void sl_process_pool_stop_workers (SlProcessPool *self);
void sl_process_pool_merge_runtime_info (SlProcessPool *self);

/* sl-process-pool.c */
char *sl_process_pool_describe_running (const Worker *worker);

G_END_DECLS
