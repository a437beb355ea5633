/* sl-shared-counter-native.c: the shared counter on native threads: a plain +=, an atomic add
 * and a mutex.
 *
 * The plain += is a load and a store, as a compiler emits `counter += 1` on a shared integer;
 * it is written with relaxed atomics so that the compiler neither fuses the loop into one
 * addition nor calls the race undefined, but no instruction is locked and two threads can both
 * read the same value before either writes. The counter sits alone on its cache line.
 */
#define G_LOG_DOMAIN "sl-shared-counter"

#include "config.h"

#include "sl-clock.h"
#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-shared-counter.h"

typedef struct {
  guint64 value;
  char    padding[64 - sizeof (guint64)];
} __attribute__ ((aligned (64))) Counter;

typedef enum {
  WAIT,
  GO,
  GIVE_UP,
} Start;

typedef struct {
  const SlSharedPattern *pattern;
  guint64                updates;
  Counter                counter;
  GMutex                 mutex;       /* the mutex pattern's */

  /* The start: every worker waits until all are ready, then all go at once. */
  GMutex                 start_mutex;
  GCond                  start_cond;
  guint                  ready;
  Start                  start;
} Shared;

static void
add_plain (Shared *shared)
{
  for (guint64 i = 0; i < shared->updates; i++)
    {
      guint64 value = __atomic_load_n (&shared->counter.value, __ATOMIC_RELAXED);

      __atomic_store_n (&shared->counter.value, value + 1, __ATOMIC_RELAXED);
    }
}

static void
add_atomic (Shared *shared)
{
  for (guint64 i = 0; i < shared->updates; i++)
    __atomic_fetch_add (&shared->counter.value, 1, __ATOMIC_RELAXED);
}

static void
add_mutex (Shared *shared)
{
  for (guint64 i = 0; i < shared->updates; i++)
    {
      g_mutex_lock (&shared->mutex);
      shared->counter.value++;
      g_mutex_unlock (&shared->mutex);
    }
}

static gpointer
worker_thread (gpointer data)
{
  Shared *shared = data;
  Start start;

  g_mutex_lock (&shared->start_mutex);
  shared->ready++;
  g_cond_broadcast (&shared->start_cond);
  while (shared->start == WAIT)
    g_cond_wait (&shared->start_cond, &shared->start_mutex);
  start = shared->start;
  g_mutex_unlock (&shared->start_mutex);

  if (start == GIVE_UP)
    return NULL;
  if (g_str_equal (shared->pattern->id, "c-plain"))
    add_plain (shared);
  else if (g_str_equal (shared->pattern->id, "c-atomic"))
    add_atomic (shared);
  else
    add_mutex (shared);

  return NULL;
}

gboolean
sl_shared_counter_run_native (const SlSharedPattern *pattern,
                              guint                  workers,
                              guint64                updates,
                              SlSharedRepetition    *out,
                              GError               **error)
{
  Shared *shared;
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  gboolean ok = TRUE;
  gint64 start;

  g_return_val_if_fail (pattern != NULL && pattern->runtime == SL_SHARED_NATIVE_THREADS, FALSE);
  g_return_val_if_fail (workers > 0, FALSE);

  /* malloc() aligns to 16 bytes: the counter's own cache line needs 64. */
  shared = g_aligned_alloc0 (1, sizeof (Shared), G_ALIGNOF (Shared));
  shared->pattern = pattern;
  shared->updates = updates;
  g_mutex_init (&shared->mutex);
  g_mutex_init (&shared->start_mutex);
  g_cond_init (&shared->start_cond);

  for (guint i = 0; i < workers && ok; i++)
    {
      GThread *thread = g_thread_try_new ("sl-shared", worker_thread, shared, error);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
      else
        {
          g_prefix_error (error, _("Could not start worker thread %u of %u: "), i + 1, workers);
          ok = FALSE;
        }
    }

  g_mutex_lock (&shared->start_mutex);
  while (shared->ready < threads->len)
    g_cond_wait (&shared->start_cond, &shared->start_mutex);
  shared->start = ok ? GO : GIVE_UP;
  start = sl_clock_ns ();
  g_cond_broadcast (&shared->start_cond);
  g_mutex_unlock (&shared->start_mutex);

  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);
  out->elapsed_s = (sl_clock_ns () - start) / 1e9;
  out->observed = __atomic_load_n (&shared->counter.value, __ATOMIC_RELAXED);

  g_cond_clear (&shared->start_cond);
  g_mutex_clear (&shared->start_mutex);
  g_mutex_clear (&shared->mutex);
  g_aligned_free (shared);

  return ok;
}
