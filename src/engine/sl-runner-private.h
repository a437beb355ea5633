/* sl-runner-private.h: what the two sides of SlRunner share. sl-runner.c is the object on the
 * caller's main context; sl-runner-engine.c is the engine thread that runs the experiment. The
 * engine thread hands updates over through the run's mailbox and touches nothing else of the
 * runner.
 */
#pragma once

#include <pthread.h>

#include "sl-runner.h"

G_BEGIN_DECLS

#define SL_RUNNER_NO_POINT G_MAXUINT

/* One update, in the order the engine thread made them. */
typedef struct {
  SlResult *snapshot;   /* nullable: an analysed copy of the engine's result */
  GArray   *started;    /* guint point indices, in the order they started */
  guint     updated;    /* the point of the latest repetition, or SL_RUNNER_NO_POINT */
  GArray   *finished;   /* guint point indices */
  double    fraction;   /* progress, or < 0 for none */
  gboolean  last;       /* the run is over: `result`, or `error` when it could not start */
  SlResult *result;
  GError   *error;
} SlRunnerUpdate;

/* Updates go through a queue, never merged, so that with an interval of 0 every event arrives
 * on its own even when the main context falls behind. */
typedef struct {
  pthread_mutex_t lock;
  GQueue          updates;        /* SlRunnerUpdate*, under lock */
  int             wake_fds[2];    /* a byte in [1] says the queue stopped being empty */
} SlRunnerMailbox;

typedef struct _SlRunnerEngine SlRunnerEngine;

void            sl_runner_update_free (SlRunnerUpdate *update);

/* The engine of one run of `live`, a result with pending points of a validated spec (it takes a
 * copy). Run sl_runner_engine_main() on a thread of its own: it frees the engine, and its last
 * update, `last` set, is the last thing it does. */
SlRunnerEngine *sl_runner_engine_new  (const SlResult  *live,
                                       SlRunnerMailbox *mailbox,
                                       GCancellable    *cancellable,
                                       guint            update_interval_ms);
void            sl_runner_engine_free (SlRunnerEngine *engine);
gpointer        sl_runner_engine_main (gpointer data);

G_END_DECLS
