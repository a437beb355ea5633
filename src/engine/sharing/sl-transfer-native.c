/* sl-transfer-native.c: the transfer experiment's native channels: a pipe, and a ring of two
 * slots in shared memory, each from processes forked for the point.
 *
 * Everything a sender needs (its message, the ring, the descriptors) exists before the fork, and
 * a sender only calls async-signal-safe functions (read, write, clock_gettime, sched_yield,
 * _exit) and memcpy, so that the window's threads cannot leave it a lock it would wait on. The
 * parent reads every byte into the checksum, in place in the ring (nothing is copied out), from
 * its buffer for the pipe.
 */
#define G_LOG_DOMAIN "sl-transfer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sl-checksum.h"
#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-transfer.h"

#define SLOTS 2

typedef struct {
  gint   ready[SLOTS];           /* 1 when the slot holds a message the parent has not read */
  char   padding[64 - SLOTS * sizeof (gint)];
  guint8 data[];                 /* SLOTS × size */
} Ring;

typedef struct {
  guint64  size;
  guint    workers;
  guint    per_worker;
  guint8  *message;             /* the template: header, then the block */
  int      go[2];               /* one byte per sender: start */
  int     *pipes;               /* pipe: each worker's read end (or -1), then its write end */
  Ring   **rings;               /* shared-memory ring: one per worker */
  gsize    ring_bytes;
  pid_t   *pids;
} Native;

static gboolean
set_errno_error (GError **error,
                 int      code)
{
  g_set_error (error, SL_ERROR, SL_ERROR_WORKER, _("Could not start the sender processes: %s"),
               g_strerror (code));
  return FALSE;
}

static gint64
monotonic_ns (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return (gint64) now.tv_sec * G_GINT64_CONSTANT (1000000000) + now.tv_nsec;
}

static void
fill_block (guint8  *message,
            guint64  size)
{
  for (guint64 j = 0; j + SL_TRANSFER_HEADER_BYTES < size; j++)
    message[SL_TRANSFER_HEADER_BYTES + j] = (guint8) (((j % 251) * 131 + 17) & 0xff);
}

static void
stamp (guint8 *message,
       gint64  now_ns,
       guint32 worker,
       guint32 index)
{
  guint64 time_le = GUINT64_TO_LE ((guint64) now_ns);
  guint32 worker_le = GUINT32_TO_LE (worker);
  guint32 index_le = GUINT32_TO_LE (index);

  memcpy (message, &time_le, 8);
  memcpy (message + 8, &worker_le, 4);
  memcpy (message + 12, &index_le, 4);
}

guint64
sl_transfer_expected_checksum (guint64 size,
                               guint   workers,
                               guint   per_worker)
{
  g_autofree guint8 *message = g_malloc0 (MAX (size, SL_TRANSFER_HEADER_BYTES));
  guint64 sum = 0;

  fill_block (message, size);
  for (guint w = 0; w < workers; w++)
    for (guint i = 0; i < per_worker; i++)
      {
        stamp (message, 0, w, i);
        sum += sl_checksum_update (SL_CHECKSUM_INIT, message + 8, size - 8);
      }

  return sum;
}

/* ---- the sender, in the forked process ---- */

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

G_GNUC_NORETURN static void
sender_main (Native *native,
             guint   worker,
             gboolean ring)
{
  char go;
  int out = ring ? -1 : native->pipes[2 * worker + 1];

  /* Only its own pipe: another sender's parent end must see its end of file. */
  for (guint w = 0; !ring && w < native->workers; w++)
    {
      if (native->pipes[2 * w] >= 0)
        close (native->pipes[2 * w]);
      if (w != worker && native->pipes[2 * w + 1] >= 0)
        close (native->pipes[2 * w + 1]);
    }

  while (read (native->go[0], &go, 1) < 0 && errno == EINTR)
    ;
  for (guint i = 0; i < native->per_worker; i++)
    {
      stamp (native->message, monotonic_ns (), worker, i);
      if (ring)
        {
          Ring *r = native->rings[worker];
          guint slot = i % SLOTS;

          while (__atomic_load_n (&r->ready[slot], __ATOMIC_ACQUIRE) != 0)
            sched_yield ();
          memcpy (r->data + slot * native->size, native->message, native->size);
          __atomic_store_n (&r->ready[slot], 1, __ATOMIC_RELEASE);
        }
      else if (!write_all (out, native->message, native->size))
        _exit (1);
    }

  _exit (0);
}

/* ---- the parent ---- */

typedef struct {
  SlTransferPoint *point;
  GArray          *latencies;   /* double, seconds */
} Receipt;

static void
take (Receipt      *receipt,
      const guint8 *message,
      gsize         size)
{
  guint64 sent_le;
  double latency;

  memcpy (&sent_le, message, 8);
  latency = (monotonic_ns () - (gint64) GUINT64_FROM_LE (sent_le)) / 1e9;
  g_array_append_val (receipt->latencies, latency);
  receipt->point->checksum += sl_checksum_update (SL_CHECKSUM_INIT, message + 8, size - 8);
  receipt->point->messages++;
  receipt->point->bytes += size;
}

static void
receive_pipes (Native  *native,
               Receipt *receipt)
{
  g_autofree struct pollfd *fds = g_new0 (struct pollfd, native->workers);
  g_autofree guint8 *buffers = g_malloc (native->size * native->workers);
  g_autofree gsize *filled = g_new0 (gsize, native->workers);
  guint open = native->workers;

  for (guint w = 0; w < native->workers; w++)
    fds[w] = (struct pollfd) { native->pipes[2 * w], POLLIN, 0 };

  while (open > 0)
    {
      if (poll (fds, native->workers, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      for (guint w = 0; w < native->workers; w++)
        {
          guint8 *buffer = buffers + w * native->size;
          gssize n;

          if (fds[w].fd < 0 || fds[w].revents == 0)
            continue;
          n = read (fds[w].fd, buffer + filled[w], native->size - filled[w]);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              close (fds[w].fd);
              native->pipes[2 * w] = fds[w].fd = -1;
              open--;
              continue;
            }
          filled[w] += (gsize) n;
          if (filled[w] == native->size)
            {
              take (receipt, buffer, native->size);
              filled[w] = 0;
            }
        }
    }
}

static void
receive_rings (Native  *native,
               Receipt *receipt)
{
  g_autofree guint *next = g_new0 (guint, native->workers);
  g_autofree guint *left = g_new0 (guint, native->workers);
  guint64 remaining = (guint64) native->workers * native->per_worker;

  for (guint w = 0; w < native->workers; w++)
    left[w] = native->per_worker;

  while (remaining > 0)
    {
      gboolean any = FALSE;

      for (guint w = 0; w < native->workers; w++)
        {
          Ring *r = native->rings[w];

          if (left[w] == 0 || __atomic_load_n (&r->ready[next[w]], __ATOMIC_ACQUIRE) == 0)
            continue;
          take (receipt, r->data + next[w] * native->size, native->size);
          __atomic_store_n (&r->ready[next[w]], 0, __ATOMIC_RELEASE);
          next[w] = (next[w] + 1) % SLOTS;
          left[w]--;
          remaining--;
          any = TRUE;
        }
      if (!any)
        {
          /* A sender that died leaves its slots empty for ever. */
          for (guint w = 0; w < native->workers; w++)
            if (left[w] > 0 && waitpid (native->pids[w], NULL, WNOHANG) == native->pids[w])
              {
                native->pids[w] = -1;
                remaining -= left[w];
                left[w] = 0;
              }
          sched_yield ();
        }
    }
}

static double
cpu_seconds (void)
{
  struct rusage self, children;

  getrusage (RUSAGE_THREAD, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  return self.ru_utime.tv_sec + self.ru_utime.tv_usec / 1e6 + self.ru_stime.tv_sec +
         self.ru_stime.tv_usec / 1e6 + children.ru_utime.tv_sec +
         children.ru_utime.tv_usec / 1e6 + children.ru_stime.tv_sec +
         children.ru_stime.tv_usec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank, as transfer.py computes it. */
static double
percentile (GArray *sorted,
            double  fraction)
{
  gint64 rank;

  if (sorted->len == 0)
    return NAN;
  rank = (gint64) (fraction * sorted->len + 0.5) - 1;
  rank = CLAMP (rank, 0, (gint64) sorted->len - 1);
  return g_array_index (sorted, double, rank);
}

static void
native_clear (Native *native)
{
  for (guint w = 0; w < native->workers; w++)
    {
      if (native->pipes != NULL)
        {
          if (native->pipes[2 * w] >= 0)
            close (native->pipes[2 * w]);
          if (native->pipes[2 * w + 1] >= 0)
            close (native->pipes[2 * w + 1]);
        }
      if (native->rings != NULL && native->rings[w] != NULL)
        munmap (native->rings[w], native->ring_bytes);
    }
  if (native->go[0] >= 0)
    close (native->go[0]);
  if (native->go[1] >= 0)
    close (native->go[1]);
  g_free (native->pipes);
  g_free (native->rings);
  g_free (native->pids);
  g_free (native->message);
}

static gboolean
prepare (Native    *native,
         gboolean   ring,
         GError   **error)
{
  native->message = g_malloc0 (native->size);
  fill_block (native->message, native->size);
  native->pids = g_new0 (pid_t, native->workers);
  native->go[0] = native->go[1] = -1;
  if (pipe2 (native->go, O_CLOEXEC) < 0)
    return set_errno_error (error, errno);

  if (!ring)
    {
      native->pipes = g_new (int, 2 * native->workers);
      memset (native->pipes, -1, 2 * native->workers * sizeof (int));
      for (guint w = 0; w < native->workers; w++)
        if (pipe2 (native->pipes + 2 * w, O_CLOEXEC) < 0)
          return set_errno_error (error, errno);
      return TRUE;
    }

  native->rings = g_new0 (Ring *, native->workers);
  native->ring_bytes = sizeof (Ring) + SLOTS * native->size;
  for (guint w = 0; w < native->workers; w++)
    {
      void *map = mmap (NULL, native->ring_bytes, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);

      if (map == MAP_FAILED)
        return set_errno_error (error, errno);
      native->rings[w] = map;
    }

  return TRUE;
}

gboolean
sl_transfer_run_native (SlTransferPoint  *point,
                        guint             workers,
                        guint             per_worker,
                        GError          **error)
{
  gboolean ring = g_str_equal (point->channel->id, "c-shm-ring");
  Native native = { point->size, workers, per_worker, NULL, { -1, -1 }, NULL, NULL, 0, NULL };
  Receipt receipt = { point, g_array_new (FALSE, FALSE, sizeof (double)) };
  g_autofree char *go = g_malloc0 (workers);
  gboolean ok = FALSE;
  guint started = 0, failed = 0;
  double cpu_before;
  gint64 start;

  g_return_val_if_fail (point->size >= SL_TRANSFER_HEADER_BYTES, FALSE);

  point->expected_messages = workers * per_worker;
  point->expected_bytes = point->size * point->expected_messages;
  cpu_before = cpu_seconds ();
  if (!prepare (&native, ring, error))
    goto out;

  for (; started < workers; started++)
    {
      pid_t pid = fork ();

      if (pid == 0)
        sender_main (&native, started, ring);
      if (pid < 0)
        {
          set_errno_error (error, errno);
          break;
        }
      native.pids[started] = pid;
      if (!ring)
        {
          close (native.pipes[2 * started + 1]);
          native.pipes[2 * started + 1] = -1;
        }
    }

  /* Every sender there, or none: a sender that never starts would be waited for. */
  if (started < workers)
    {
      close (native.go[1]);
      native.go[1] = -1;
    }
  else
    {
      start = monotonic_ns ();
      write_all (native.go[1], (const guint8 *) go, workers);
      if (ring)
        receive_rings (&native, &receipt);
      else
        receive_pipes (&native, &receipt);
      point->elapsed_s = (monotonic_ns () - start) / 1e9;
    }

  for (guint w = 0; w < started; w++)
    {
      int status;

      if (native.pids[w] <= 0)
        {
          failed++;
          continue;
        }
      while (waitpid (native.pids[w], &status, 0) < 0 && errno == EINTR)
        ;
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        failed++;
    }
  point->cpu_s = cpu_seconds () - cpu_before;
  ok = started == workers;
  if (ok && failed > 0)
    point->error = g_strdup_printf (NG_("%u sender process failed", "%u sender processes failed",
                                        failed), failed);

out:
  g_array_sort (receipt.latencies, compare_doubles);
  point->latency_p50_s = percentile (receipt.latencies, 0.5);
  point->latency_p90_s = percentile (receipt.latencies, 0.9);
  point->latency_p99_s = percentile (receipt.latencies, 0.99);
  point->latency_max_s = receipt.latencies->len > 0
                           ? g_array_index (receipt.latencies, double, receipt.latencies->len - 1)
                           : NAN;
  g_array_unref (receipt.latencies);
  native_clear (&native);

  return ok;
}
