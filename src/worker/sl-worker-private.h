/* sl-worker-private.h: the state of one speedup-lab-worker process, shared by its main loop
 * (main.c), its lanes (sl-worker-lanes.c) and its fork-server mode (sl-worker-fork-server.c). */
#pragma once

#include <pthread.h>

#include <glib.h>

#include "sl-protocol.h"
#include "sl-workload.h"

#if HAVE_PYTHON
# include "sl-python-task.h"
#endif

G_BEGIN_DECLS

typedef struct _Worker Worker;

/* The chunks waiting for a lane thread. pthread primitives rather than GAsyncQueue, so that
 * ThreadSanitizer sees the hand-over (GLib 2.74 builds its locks on raw futexes). */
typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t  cond;
  GQueue          chunks;   /* SlTaskChunk*, oldest first; one of 0 tasks stops the lane */
} ChunkQueue;

typedef struct {
  Worker      *worker;
  guint32      number;
  GThread     *thread;     /* NULL in a worker of one lane, which runs on the main thread */
  ChunkQueue  *queue;      /* for a lane thread */
  GByteArray  *out;        /* its answers, sent under the worker's write lock */
  gpointer     local;      /* the native workload's worker_init() state */
#if HAVE_PYTHON
  SlPythonThread *python;  /* its thread's way into the interpreter */
#endif
} Lane;

struct _Worker
{
  int                in_fd;
  int                out_fd;
  pthread_mutex_t    write_lock;   /* lanes write whole frames to out_fd in turns */
  SlFrameReader     *reader;
  GByteArray        *out;          /* the main thread's frames */

  SlRuntime          runtime;
  const SlWorkload  *workload;
  SlParams          *params;
  gpointer           shared;
  GHashTable        *runtime_info;
#if HAVE_PYTHON
  SlPythonTask      *python;
#endif

  Lane              *lanes;
  guint              n_lanes;
};


/* sl-worker-lanes.c */
void sl_worker_run_chunk (Lane *lane, const SlTaskChunk *chunk);
void sl_worker_lane_enter (Lane *lane);
ChunkQueue *sl_worker_chunk_queue_new (void);
void sl_worker_chunk_queue_free (ChunkQueue *queue);
void sl_worker_chunk_queue_push (ChunkQueue *queue, SlTaskChunk *chunk);
gpointer sl_worker_lane_main (gpointer data);
void sl_worker_stop_lanes (Worker *worker);

/* sl-worker-fork-server.c */
int sl_worker_fork_server_main (void);

/* main.c */
void sl_worker_send_or_exit (Worker *worker, GByteArray *out);
int sl_worker_main (int parent_pid);

G_END_DECLS
