/* sl-chunk-queue.h: the chunks of tasks waiting for one lane thread of a worker.
 *
 * pthread primitives rather than GAsyncQueue, so that ThreadSanitizer sees the hand-over (GLib
 * 2.74 builds its locks on raw futexes).
 */
#pragma once

#include <glib.h>

#include "sl-protocol.h"

G_BEGIN_DECLS

typedef struct _SlChunkQueue SlChunkQueue;

SlChunkQueue *sl_chunk_queue_new  (void);
void          sl_chunk_queue_free (SlChunkQueue *queue);
/* Takes ownership of `chunk`. A chunk of 0 tasks tells the lane to stop. */
void          sl_chunk_queue_push (SlChunkQueue *queue,
                                   SlTaskChunk  *chunk);
/* The oldest chunk, waiting for one if there is none; the caller owns it. */
SlTaskChunk  *sl_chunk_queue_pop  (SlChunkQueue *queue);

G_END_DECLS
