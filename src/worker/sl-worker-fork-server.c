/* sl-worker-fork-server.c: the fork server's own side (see sl-worker-fork-server.h). */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-protocol.h"
#include "sl-worker-fork-server.h"
#include "sl-worker-reaper.h"

/* The workers forked and not yet reaped: every other child is an orphan a worker's task left
 * when the worker was killed, since the server is their subreaper. */
static GHashTable *workers;

/* Reports every worker that ended, with the orphans it left, which are stopped. FALSE when the
 * parent is gone. */
static gboolean
report_exits (int socket_fd)
{
  pid_t pid;
  int status;

  while ((pid = waitpid (-1, &status, WNOHANG)) > 0)
    {
      if (!g_hash_table_remove (workers, GINT_TO_POINTER (pid)))
        continue;   /* an orphan that ended by itself */

      /* A worker's children became ours before it could be reaped: what is not a worker now
       * is what it left (or what another that ended meanwhile left, counted with this one). */
      SlForkMessage exited = {
        .version = SL_FORK_SERVER_VERSION,
        .type = SL_FORK_EXITED,
        .pid = pid,
        .status = status,
        .stopped = sl_worker_reaper_stop_others (workers),
      };

      if (!sl_fork_message_send (socket_fd, &exited, NULL, 0))
        return FALSE;
    }

  sl_worker_reaper_stop_others (workers);
  return TRUE;
}

/* The parent is gone: so are the workers, and whatever they left. */
G_GNUC_NORETURN static void
leave (int status)
{
  sl_worker_reaper_stop_leftovers ();
  _exit (status);
}

/* Single-threaded, and nothing is set up beyond the libraries. */
gboolean
sl_worker_fork_server_run (int *server_pid)
{
  const int socket_fd = STDIN_FILENO;
  SlForkMessage hello = {
    .version = SL_FORK_SERVER_VERSION,
    .type = SL_FORK_HELLO,
  };
  sigset_t sigchld, old_mask;
  int signal_fd;
  pid_t own_pid;

  /* Leave the parent at once: a server that is not its child needs no reaping, and it ends when
   * the parent's end of the socket closes, whichever way the parent ends. */
  switch (fork ())
    {
    case -1:
      g_printerr ("speedup-lab-worker: could not start the fork server: %s\n",
                  g_strerror (errno));
      return FALSE;
    case 0:
      break;
    default:
      _exit (0);
    }

  own_pid = getpid ();
  workers = g_hash_table_new (NULL, NULL);
  sl_worker_reaper_init ();
  sigemptyset (&sigchld);
  sigaddset (&sigchld, SIGCHLD);
  sigprocmask (SIG_BLOCK, &sigchld, &old_mask);
  signal_fd = signalfd (-1, &sigchld, SFD_CLOEXEC | SFD_NONBLOCK);
  if (signal_fd < 0)
    _exit (1);

  hello.pid = own_pid;
  if (!sl_fork_message_send (socket_fd, &hello, NULL, 0))
    _exit (1);

  for (;;)
    {
      struct pollfd fds[2] = {
        { .fd = socket_fd, .events = POLLIN },
        { .fd = signal_fd, .events = POLLIN },
      };
      SlForkMessage request, answer = { .version = SL_FORK_SERVER_VERSION };
      int worker_fds[2];
      pid_t pid;
      int r;

      if (poll (fds, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          leave (1);
        }

      if (fds[1].revents != 0)
        {
          struct signalfd_siginfo info;

          while (read (signal_fd, &info, sizeof info) > 0)
            ;
          if (!report_exits (socket_fd))
            leave (0);
        }

      if (fds[0].revents == 0)
        continue;

      r = sl_fork_message_receive (socket_fd, &request, worker_fds);
      if (r == 0)
        leave (0);
      if (r < 0)
        {
          if (errno == EINTR || errno == EAGAIN || errno == EBADMSG)
            continue;
          leave (1);
        }

      if (request.type != SL_FORK_START || worker_fds[0] < 0 || worker_fds[1] < 0)
        {
          answer.type = SL_FORK_START_FAILED;
          answer.status = EBADMSG;
          pid = -1;
        }
      else
        pid = fork ();

      if (pid == 0)
        {
          /* The worker: its pipes become its stdin and stdout, as if it had been exec'd, and
           * it leads a process group of its own, so that a task that signals its group does
           * not reach the server or the program that runs the sweep. */
          setpgid (0, 0);
          close (signal_fd);
          sigprocmask (SIG_SETMASK, &old_mask, NULL);
          if (dup2 (worker_fds[0], STDIN_FILENO) < 0 || dup2 (worker_fds[1], STDOUT_FILENO) < 0)
            _exit (1);
          close (worker_fds[0]);
          close (worker_fds[1]);
          g_clear_pointer (&workers, g_hash_table_unref);
          *server_pid = own_pid;
          return TRUE;
        }
      if (pid > 0)
        g_hash_table_add (workers, GINT_TO_POINTER (pid));

      if (request.type == SL_FORK_START)
        {
          answer.type = pid > 0 ? SL_FORK_STARTED : SL_FORK_START_FAILED;
          answer.pid = MAX (pid, 0);
          answer.status = pid > 0 ? 0 : errno;
        }
      answer.id = request.id;

      for (guint i = 0; i < 2; i++)
        if (worker_fds[i] >= 0)
          close (worker_fds[i]);

      if (!sl_fork_message_send (socket_fd, &answer, NULL, 0))
        leave (0);
    }
}
