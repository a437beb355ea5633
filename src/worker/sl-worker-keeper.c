/* sl-worker-keeper.c: the parent that a worker started as a program runs under (see the
 * header). */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-protocol.h"
#include "sl-worker-keeper.h"
#include "sl-worker-reaper.h"

/* The keeper holds no end of the worker's pipes, so that the pool sees the worker's end, and
 * the worker the pool's, as soon as they happen. */
static void
let_go_of_the_pipes (void)
{
  int null_fd = open ("/dev/null", O_RDWR | O_CLOEXEC);

  if (null_fd >= 0)
    {
      dup2 (null_fd, STDIN_FILENO);
      dup2 (null_fd, STDOUT_FILENO);
      close (null_fd);
    }
}

/* Waits for the worker to end, ending it on SIGTERM; returns its wait status. */
static int
keep (pid_t          child,
      const sigset_t *watched)
{
  for (;;)
    {
      siginfo_t info;
      pid_t pid;
      int status;

      if (sigwaitinfo (watched, &info) < 0)
        continue;

      if (info.si_signo == SIGTERM)
        {
          /* The pool gave up on the worker (a timeout, a cancel), or the pool went. */
          kill (child, SIGCONT);
          kill (child, SIGKILL);
          continue;
        }

      /* Orphans that ended by themselves are reaped here too, and not counted. */
      while ((pid = waitpid (-1, &status, WNOHANG)) > 0)
        if (pid == child)
          return status;
    }
}

void
sl_worker_keeper_run (int  report_fd,
                      int *parent_pid)
{
  SlKeeperReport report = { 0, };
  sigset_t watched, old_mask;
  pid_t keeper = getpid ();
  pid_t child;

  /* A group of its own, which the worker inherits: a task that signals its process group
   * (os.killpg (0, signal.SIGSTOP)) reaches its worker and keeper, not the program that
   * started them, nor the terminal's Ctrl+C the worker's tasks. */
  setpgid (0, 0);

  sigemptyset (&watched);
  sigaddset (&watched, SIGCHLD);
  sigaddset (&watched, SIGTERM);
  sigprocmask (SIG_BLOCK, &watched, &old_mask);

  child = fork ();
  if (child < 0)
    {
      g_printerr ("speedup-lab-worker: could not start the worker under its keeper: %s\n",
                  g_strerror (errno));
      _exit (1);
    }

  if (child == 0)
    {
      close (report_fd);
      sigprocmask (SIG_SETMASK, &old_mask, NULL);
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      if (getppid () != keeper)
        _exit (1);
      *parent_pid = keeper;
      return;
    }

  let_go_of_the_pipes ();
  sl_worker_reaper_init ();
  /* When the program that started it goes (even by SIGKILL), the keeper still cleans up. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (*parent_pid > 0 && getppid () != *parent_pid)
    kill (child, SIGKILL);

  report.status = keep (child, &watched);
  report.stopped = sl_worker_reaper_stop_leftovers ();

  while (write (report_fd, &report, sizeof report) < 0 && errno == EINTR)
    ;
  _exit (0);
}
