/* sl-chunk-queue.c: the chunks waiting for a lane thread (see sl-chunk-queue.h). */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <pthread.h>

#include "sl-chunk-queue.h"

struct _SlChunkQueue
{
  pthread_mutex_t lock;
  pthread_cond_t  cond;
  GQueue          chunks;   /* SlTaskChunk*, oldest first */
};

SlChunkQueue *
sl_chunk_queue_new (void)
{
  SlChunkQueue *queue = g_new0 (SlChunkQueue, 1);

  pthread_mutex_init (&queue->lock, NULL);
  pthread_cond_init (&queue->cond, NULL);
  g_queue_init (&queue->chunks);
  return queue;
}

void
sl_chunk_queue_free (SlChunkQueue *queue)
{
  g_queue_clear_full (&queue->chunks, g_free);
  pthread_cond_destroy (&queue->cond);
  pthread_mutex_destroy (&queue->lock);
  g_free (queue);
}

void
sl_chunk_queue_push (SlChunkQueue *queue,
                     SlTaskChunk  *chunk)
{
  pthread_mutex_lock (&queue->lock);
  g_queue_push_tail (&queue->chunks, chunk);
  pthread_cond_signal (&queue->cond);
  pthread_mutex_unlock (&queue->lock);
}

SlTaskChunk *
sl_chunk_queue_pop (SlChunkQueue *queue)
{
  SlTaskChunk *chunk;

  pthread_mutex_lock (&queue->lock);
  while (g_queue_is_empty (&queue->chunks))
    pthread_cond_wait (&queue->cond, &queue->lock);
  chunk = g_queue_pop_head (&queue->chunks);
  pthread_mutex_unlock (&queue->lock);

  return chunk;
}
