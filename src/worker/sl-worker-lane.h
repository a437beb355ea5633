/* sl-worker-lane.h: the lanes of a worker, each of which runs the chunks of tasks sent to it and
 * answers them in order.
 *
 * A worker of one lane runs its tasks on the main thread, between reading frames; a worker of
 * several (the python runtime's threads model) runs each lane on a thread of its own, fed
 * through a chunk queue. Every lane writes whole frames to the worker's one output, in turns.
 */
#pragma once

#include <pthread.h>

#include <glib.h>

#include "sl-chunk-queue.h"
#include "sl-protocol.h"
#include "sl-python-task.h"
#include "sl-workload.h"

G_BEGIN_DECLS

/* Where a worker's frames go. */
typedef struct {
  int             fd;
  pthread_mutex_t lock;   /* held for a whole write, so that frames never interleave */
} SlWorkerOutput;

/* Writes `out` and empties it. Exits the process when the parent is gone or stopped listening:
 * nobody is left to tell. */
void sl_worker_output_send (SlWorkerOutput *output,
                            GByteArray     *out);

typedef struct {
  guint32           number;
  SlWorkerOutput   *output;
  GByteArray       *out;          /* its answers, sent through `output` */

  /* What runs the tasks: the worker's interpreter for the python runtime, else native code. */
  SlPythonTask     *python_task;  /* borrowed; NULL for native code */
  SlPythonThread   *python;       /* its thread's way into the interpreter */
  const SlWorkload *workload;
  gpointer          shared;       /* the workload's prepare() result */
  gpointer          local;        /* its worker_init() state */

  GThread          *thread;       /* NULL for a lane on the main thread */
  SlChunkQueue     *queue;        /* for a lane thread */
} SlWorkerLane;

/* A lane on the main thread enters the interpreter (if any) before its first chunk and leaves
 * it after its last; a lane thread does so itself. */
void     sl_worker_lane_enter       (SlWorkerLane      *lane);
void     sl_worker_lane_leave       (SlWorkerLane      *lane);
/* Runs a chunk on the calling thread and sends its answers. */
void     sl_worker_lane_run_chunk   (SlWorkerLane      *lane,
                                     const SlTaskChunk *chunk);

/* Starts the lane's own thread, which runs the chunks pushed to it until it is stopped. */
gboolean sl_worker_lane_start_thread (SlWorkerLane      *lane,
                                      GError           **error);
void     sl_worker_lane_push         (SlWorkerLane      *lane,
                                      const SlTaskChunk *chunk);
/* Lets the thread finish the chunks it was given, and joins it. */
void     sl_worker_lane_stop_thread  (SlWorkerLane      *lane);

G_END_DECLS
