/* sl-fork-server.c: the pool's side of the fork server (see sl-fork-server.h, sl-protocol.h).
 *
 * Pools on several threads share the server. One thread at a time reads its socket, with the
 * lock released, and files what it read (answers to START, reports of workers that ended) where
 * the thread waiting for it finds it. pthread primitives rather than GMutex, so that
 * ThreadSanitizer sees the hand-over.
 */
#define G_LOG_DOMAIN "sl-fork-server"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sl-clock.h"
#include "sl-error.h"
#include "sl-fork-server.h"
#include "sl-i18n.h"
#include "sl-process-state.h"
#include "sl-protocol.h"
#include "sl-worker-path.h"
#include "sl-types.h"

/* Deadlines: forking takes milliseconds, so a server that takes seconds is stuck (or stopped),
 * and is killed; one seen stopped for SL_PROCESS_STOPPED_GRACE_MS sooner. Waits are cut into
 * slices this long so that a cancel is noticed at once. */
#define HELLO_TIMEOUT_S  10
#define START_TIMEOUT_S  10
#define SLICE_US         (100 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  int         socket_fd;     /* -1 when no server runs */
  GPid        pid;
  guint       generation;    /* counts servers: a worker belongs to one */
  gboolean    reading;       /* a thread is reading the socket */
  guint32     next_id;
  GHashTable *answers;       /* START id → pid, or -errno */
  GHashTable *exited;        /* worker pid → its SL_FORK_EXITED message */
  char       *path;          /* the program it runs */
  char       *context;       /* the environment and directory it forks workers into */
  char       *failed_context;  /* where starting one failed: do not try again */
  double      startup_s;
} ForkServer;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static ForkServer server = { .socket_fd = -1 };

/* Workers forked by the server inherit its environment and directory, not the ones this process
 * has when it starts them: a server is only used while both are what they were at its start. */
static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
current_context (const char *path)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *joined = NULL;

  /* qsort(), as g_qsort_with_data() is deprecated from GLib 2.82 for g_sort_array(), which
   * Debian 12's 2.74 lacks. */
  qsort (env, g_strv_length (env), sizeof (char *), compare_strings);
  joined = g_strjoinv ("\n", env);

  return g_strdup_printf ("%s\n%s\n%s", path, cwd, joined);
}

static void
ensure_tables (void)
{
  if (server.answers == NULL)
    {
      server.answers = g_hash_table_new (NULL, NULL);
      server.exited = g_hash_table_new_full (NULL, NULL, NULL, g_free);
    }
}

/* Forgets the server, with the lock held: its workers die with it (PR_SET_PDEATHSIG). */
static void
drop_server (void)
{
  if (server.socket_fd >= 0)
    close (server.socket_fd);
  server.socket_fd = -1;
  server.pid = 0;
  server.generation++;
  server.startup_s = 0;
  g_clear_pointer (&server.path, g_free);
  g_clear_pointer (&server.context, g_free);
  g_hash_table_remove_all (server.answers);
  pthread_cond_broadcast (&cond);
}

/* With the lock held: a server that does not answer is ended, not only forgotten (a stopped one
 * would not notice its socket closing), and its workers end with it. */
static void
kill_server (void)
{
  sl_process_kill (server.pid);
  drop_server ();
}

/* Ends a stopped or stuck process that we started, and reaps it. */
static void
kill_and_reap (GPid pid)
{
  sl_process_kill (pid);
  while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
    ;
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

static int
timeout_ms_until (gint64 deadline_us)
{
  gint64 left;

  if (deadline_us == G_MAXINT64)
    return -1;
  left = deadline_us - g_get_monotonic_time ();
  return left <= 0 ? 0 : (int) MIN ((left + 999) / 1000, G_MAXINT);
}

/* With the lock held: reads one message and files it, or waits for the thread that reads, until
 * `deadline_us` (monotonic) at most. The lock is released meanwhile. */
static void
pump (gint64 deadline_us)
{
  SlForkMessage message;
  int fds[2] = { -1, -1 };
  struct pollfd pollfd;
  guint generation = server.generation;
  int r, received = 0, saved_errno = 0;

  if (server.reading)
    {
      /* Another thread reads: it wakes us when it filed something. Bounded, so that a deadline
       * is never missed by much. */
      gint64 wait_us = MIN (deadline_us - g_get_monotonic_time (), 50 * G_TIME_SPAN_MILLISECOND);
      struct timespec until;

      clock_gettime (CLOCK_REALTIME, &until);
      wait_us = MAX (wait_us, 0);
      until.tv_sec += wait_us / G_USEC_PER_SEC;
      until.tv_nsec += (wait_us % G_USEC_PER_SEC) * 1000;
      if (until.tv_nsec >= 1000000000)
        {
          until.tv_sec++;
          until.tv_nsec -= 1000000000;
        }
      pthread_cond_timedwait (&cond, &lock, &until);
      return;
    }

  server.reading = TRUE;
  pollfd.fd = server.socket_fd;
  pollfd.events = POLLIN;
  pthread_mutex_unlock (&lock);

  r = poll (&pollfd, 1, timeout_ms_until (deadline_us));
  if (r > 0)
    {
      received = sl_fork_message_receive (pollfd.fd, &message, fds);
      saved_errno = errno;
    }

  pthread_mutex_lock (&lock);
  server.reading = FALSE;

  if (received > 0)
    {
      /* Nothing sends descriptors this way: do not keep any. */
      for (guint i = 0; i < 2; i++)
        if (fds[i] >= 0)
          close (fds[i]);

      if (message.type == SL_FORK_STARTED)
        g_hash_table_insert (server.answers, GUINT_TO_POINTER (message.id),
                             GINT_TO_POINTER (message.pid));
      else if (message.type == SL_FORK_START_FAILED)
        g_hash_table_insert (server.answers, GUINT_TO_POINTER (message.id),
                             GINT_TO_POINTER (-MAX (message.status, 1)));
      else if (message.type == SL_FORK_EXITED)
        g_hash_table_insert (server.exited, GINT_TO_POINTER (message.pid),
                             g_memdup2 (&message, sizeof message));
    }
  else if (r > 0 && generation == server.generation &&
           (received == 0 || (saved_errno != EINTR && saved_errno != EAGAIN)))
    {
      if (received < 0)
        g_warning ("The fork server broke its protocol (%s); starting workers without it",
                   g_strerror (saved_errno));
      drop_server ();
    }

  pthread_cond_broadcast (&cond);
}

/* With the lock held. */
static gboolean
start_server (const char    *path,
              const char    *context,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *argv[] = { path, "--fork-server", NULL };
  gint64 start = sl_clock_ns ();
  gint64 deadline;
  g_autoptr(GError) local_error = NULL;
  SlForkMessage hello;
  int fds[2] = { -1, -1 };
  int sv[2];
  GPid launcher = 0;
  int status = 0;
  int r;

  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, _("Could not create a socket: %s"),
                   g_strerror (errno));
      return FALSE;
    }

  /* The program forks the server and exits at once, so that the server is nobody's child here:
   * nothing to reap, and it ends when our end of the socket closes. */
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                         NULL, NULL, sv[1], -1, -1, NULL, NULL, 0,
                                         &launcher, NULL, NULL, NULL, &local_error))
    {
      close (sv[0]);
      close (sv[1]);
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, _("Could not start the fork server (%s): %s"),
                   path, local_error->message);
      return FALSE;
    }
  close (sv[1]);

  /* The launcher exits at once; one that does not (a program that is no worker, a stopped
   * one) is killed when the deadline passes or the run is cancelled. */
  deadline = g_get_monotonic_time () + HELLO_TIMEOUT_S * G_USEC_PER_SEC;
  for (;;)
    {
      pid_t done = waitpid (launcher, &status, WNOHANG);

      if (done == launcher || (done < 0 && errno != EINTR))
        break;
      if (g_get_monotonic_time () >= deadline || cancelled (cancellable, NULL))
        {
          kill_and_reap (launcher);
          close (sv[0]);
          if (!cancelled (cancellable, error))
            g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                         _("The fork server (%s --fork-server) did not start within %d s"),
                         path, HELLO_TIMEOUT_S);
          return FALSE;
        }
      g_usleep (G_TIME_SPAN_MILLISECOND);
    }

  do
    {
      struct pollfd pollfd = { .fd = sv[0], .events = POLLIN };

      r = poll (&pollfd, 1, timeout_ms_until (MIN (deadline, g_get_monotonic_time () + SLICE_US)));
      if (r > 0)
        r = sl_fork_message_receive (sv[0], &hello, fds);
      else if (r == 0 && g_get_monotonic_time () < deadline && !cancelled (cancellable, NULL))
        {
          r = -1;
          errno = EINTR;   /* another slice */
        }
      else if (r == 0)
        errno = ETIMEDOUT;
    }
  while (r < 0 && errno == EINTR);

  for (guint i = 0; i < 2; i++)
    if (fds[i] >= 0)
      close (fds[i]);

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 || r <= 0 ||
      hello.type != SL_FORK_HELLO || hello.pid <= 0)
    {
      close (sv[0]);
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   _("The fork server (%s --fork-server) did not start: %s"), path,
                   r < 0 ? g_strerror (errno) : _("it did not say hello"));
      return FALSE;
    }

  ensure_tables ();
  server.socket_fd = sv[0];
  server.pid = hello.pid;
  server.path = g_strdup (path);
  server.context = g_strdup (context);
  server.startup_s = (sl_clock_ns () - start) / 1e9;

  return TRUE;
}

static gboolean
disabled_by_environment (void)
{
  const char *value = g_getenv ("SPEEDUP_LAB_NO_FORK_SERVER");

  return value != NULL && value[0] != '\0' && g_strcmp0 (value, "0") != 0;
}

/* With the lock held: a server for `path` in this context, started if needed. */
static gboolean
ensure_server (const char    *path,
               GCancellable  *cancellable,
               double        *server_startup_s,
               GError       **error)
{
  g_autofree char *context = NULL;
  GError *local_error = NULL;

  *server_startup_s = 0;

  if (disabled_by_environment ())
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           _("the fork server is turned off (SPEEDUP_LAB_NO_FORK_SERVER)"));
      return FALSE;
    }

  context = current_context (path);

  /* Wait for a reader to finish before replacing the socket it reads. */
  while (server.reading)
    pump (G_MAXINT64);

  /* File what the server said meanwhile; notice if it ended, to start another. */
  for (;;)
    {
      struct pollfd pollfd = { .fd = server.socket_fd, .events = POLLIN };

      if (server.socket_fd < 0 || poll (&pollfd, 1, 0) <= 0)
        break;
      pump (g_get_monotonic_time ());
    }

  if (server.socket_fd >= 0)
    {
      if (g_strcmp0 (server.context, context) == 0)
        return TRUE;
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           _("the fork server runs another program or environment"));
      return FALSE;
    }

  if (g_strcmp0 (server.failed_context, context) == 0)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           _("the fork server could not start before"));
      return FALSE;
    }

  if (!start_server (path, context, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_debug ("%s; starting workers without it", local_error->message);
      g_free (server.failed_context);
      server.failed_context = g_steal_pointer (&context);
      /* The workers can still be started as programs. */
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE, local_error->message);
      g_error_free (local_error);
      return FALSE;
    }

  *server_startup_s = server.startup_s;
  return TRUE;
}

gboolean
sl_fork_server_start_workers (const char    *path,
                              guint          n,
                              const int     *child_fds,
                              GPid          *pids,
                              guint         *generation,
                              double        *server_startup_s,
                              GCancellable  *cancellable,
                              GError       **error)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_S * G_USEC_PER_SEC;
  g_autofree guint32 *ids = g_new0 (guint32, n);
  gint64 stopped_since = 0;
  guint gen;
  guint n_sent = 0, n_answered = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (path != NULL, FALSE);

  pthread_mutex_lock (&lock);

  if (!ensure_server (path, cancellable, server_startup_s, error))
    {
      pthread_mutex_unlock (&lock);
      return FALSE;
    }
  gen = server.generation;

  for (guint i = 0; i < n; i++)
    pids[i] = 0;

  for (; n_sent < n; n_sent++)
    {
      SlForkMessage start = {
        .version = SL_FORK_SERVER_VERSION,
        .type = SL_FORK_START,
        .id = ids[n_sent] = ++server.next_id,
      };

      if (!sl_fork_message_send (server.socket_fd, &start, &child_fds[2 * n_sent], 2))
        {
          g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                       _("Could not ask the fork server for a worker: %s"), g_strerror (errno));
          ok = FALSE;
          drop_server ();
          break;
        }
    }

  /* Collect every answer, even after a failure, so that none is left behind. */
  while (n_answered < n_sent)
    {
      for (guint i = 0; i < n_sent; i++)
        {
          gpointer value;

          if (pids[i] != 0 || !g_hash_table_lookup_extended (server.answers,
                                                             GUINT_TO_POINTER (ids[i]),
                                                             NULL, &value))
            continue;
          g_hash_table_remove (server.answers, GUINT_TO_POINTER (ids[i]));
          pids[i] = GPOINTER_TO_INT (value);
          n_answered++;
          if (pids[i] < 0 && ok)
            {
              g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           _("The fork server could not start a worker: %s"),
                           g_strerror (-pids[i]));
              ok = FALSE;
            }
        }

      if (n_answered == n_sent)
        break;

      if (server.generation != gen || g_get_monotonic_time () >= deadline ||
          g_cancellable_is_cancelled (cancellable) ||
          sl_process_stopped_too_long (server.pid, &stopped_since))
        {
          /* One that ended can be done without; one that does not answer cost the pool its
           * start-up time, and is its failure. */
          if (!ok || cancelled (cancellable, error))
            ;
          else if (server.generation != gen)
            g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                                 _("The fork server ended while starting workers"));
          else if (stopped_since != 0)
            g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                         _("the fork server (pid %d) was stopped (SIGSTOP) while starting "
                           "workers and did not resume within %d s: it was killed, and the next "
                           "pool starts a fresh one"), (int) server.pid,
                         SL_PROCESS_STOPPED_GRACE_MS / 1000);
          else
            g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                         _("the fork server (pid %d) did not answer within %d s: it was killed, "
                           "and the next pool starts a fresh one"), (int) server.pid,
                         START_TIMEOUT_S);
          ok = FALSE;
          if (server.generation == gen)
            kill_server ();
          break;
        }

      pump (MIN (deadline, g_get_monotonic_time () + SLICE_US));
    }

  *generation = gen;
  pthread_mutex_unlock (&lock);

  if (!ok)
    {
      /* All or nothing: the caller starts its workers another way, or fails. */
      for (guint i = 0; i < n; i++)
        if (pids[i] > 0)
          {
            kill (pids[i], SIGKILL);
            sl_fork_server_reap (gen, pids[i], NULL, NULL, NULL);
          }
      for (guint i = 0; i < n; i++)
        pids[i] = 0;
    }

  return ok;
}

gboolean
sl_fork_server_wait (guint  generation,
                     GPid   pid,
                     int    timeout_ms,
                     int   *status,
                     guint *stopped)
{
  gint64 deadline = timeout_ms < 0 ? G_MAXINT64
                                   : g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean ended = FALSE;

  pthread_mutex_lock (&lock);
  ensure_tables ();

  for (;;)
    {
      const SlForkMessage *exited = g_hash_table_lookup (server.exited, GINT_TO_POINTER (pid));

      if (exited != NULL)
        {
          if (status != NULL)
            *status = exited->status;
          if (stopped != NULL)
            *stopped = exited->stopped;
          g_hash_table_remove (server.exited, GINT_TO_POINTER (pid));
          ended = TRUE;
          break;
        }

      if (generation != server.generation)
        {
          /* Its server is gone, and it went with it. */
          if (status != NULL)
            *status = SIGKILL;
          ended = TRUE;
          break;
        }

      if (g_get_monotonic_time () >= deadline)
        break;

      pump (deadline);
    }

  pthread_mutex_unlock (&lock);
  return ended;
}

void
sl_fork_server_reap (guint    generation,
                     GPid     pid,
                     int     *status,
                     guint   *stopped,
                     GError **problem)
{
  if (stopped != NULL)
    *stopped = 0;

  /* A killed worker is reported within milliseconds; a server that says nothing for seconds is
   * stopped or stuck, and is ended with its workers. */
  if (sl_fork_server_wait (generation, pid, SL_FORK_SERVER_REAP_TIMEOUT_MS, status, stopped))
    return;

  pthread_mutex_lock (&lock);
  if (server.generation == generation)
    {
      if (sl_process_get_state (server.pid) == 'T')
        g_set_error (problem, SL_ERROR, SL_ERROR_WORKER,
                     _("the fork server (pid %d) was stopped (SIGSTOP), so it could not say how "
                       "worker %d ended: it was killed, with its workers, and the next pool "
                       "starts a fresh one"), (int) server.pid, (int) pid);
      else
        g_set_error (problem, SL_ERROR, SL_ERROR_WORKER,
                     _("the fork server (pid %d) did not say within %d ms how worker %d ended: "
                       "it was killed, with its workers, and the next pool starts a fresh one"),
                     (int) server.pid, SL_FORK_SERVER_REAP_TIMEOUT_MS, (int) pid);
      kill_server ();
    }
  pthread_mutex_unlock (&lock);
  if (status != NULL)
    *status = SIGKILL;
}

double
sl_fork_server_get_startup_time (void)
{
  double startup_s;

  pthread_mutex_lock (&lock);
  startup_s = server.startup_s;
  pthread_mutex_unlock (&lock);

  return startup_s;
}

gboolean
sl_fork_server_start (GError **error)
{
  g_autofree char *path = sl_worker_find_path (error);
  double startup_s;
  gboolean ok;

  if (path == NULL)
    return FALSE;

  pthread_mutex_lock (&lock);
  ok = ensure_server (path, NULL, &startup_s, error);
  pthread_mutex_unlock (&lock);

  return ok;
}

void
sl_fork_server_shutdown (void)
{
  pthread_mutex_lock (&lock);
  while (server.reading)
    pump (G_MAXINT64);
  if (server.socket_fd >= 0)
    drop_server ();
  g_clear_pointer (&server.failed_context, g_free);
  pthread_mutex_unlock (&lock);
}

gboolean
sl_fork_server_is_running (guint generation)
{
  gboolean running;

  pthread_mutex_lock (&lock);
  running = server.generation == generation && server.socket_fd >= 0;
  pthread_mutex_unlock (&lock);

  return running;
}

GPid
sl_fork_server_get_pid (void)
{
  GPid pid;

  pthread_mutex_lock (&lock);
  pid = server.pid;
  pthread_mutex_unlock (&lock);

  return pid;
}
