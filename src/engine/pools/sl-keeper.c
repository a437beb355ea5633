/* sl-keeper.c: speedup-lab-worker started as a program, under its keeper (see sl-keeper.h). */
#define G_LOG_DOMAIN "sl-process-pool"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-keeper.h"
#include "sl-process-state.h"
#include "sl-protocol.h"

/* The descriptor the keeper reports on, in the program started. */
#define REPORT_FD 3

gboolean
sl_keeper_spawn (SlKeeper            *keeper,
                 const char          *path,
                 const char * const  *args,
                 int                 *in_fd,
                 int                 *out_fd,
                 GError             **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const int target_fds[] = { REPORT_FD };
  int report[2];
  gboolean ok;

  keeper->pid = 0;
  keeper->report_fd = -1;
  *in_fd = *out_fd = -1;

  g_ptr_array_add (argv, g_strdup (path));
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, g_strdup_printf ("--keeper-fd=%d", REPORT_FD));
  g_ptr_array_add (argv, NULL);

  if (pipe2 (report, O_CLOEXEC) < 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, _("Could not create a pipe: %s"),
                   g_strerror (errno));
      return FALSE;
    }

  ok = g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) argv->pdata, NULL,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CLOEXEC_PIPES,
                                         NULL, NULL, -1, -1, -1, &report[1], target_fds, 1,
                                         &keeper->pid, in_fd, out_fd, NULL, error);
  close (report[1]);
  if (!ok)
    {
      close (report[0]);
      keeper->pid = 0;
      *in_fd = *out_fd = -1;
      return FALSE;
    }

  /* Read once the keeper exited: whatever it started holds no end of the pipe, but a program
   * that is no keeper could have. */
  g_unix_set_fd_nonblocking (report[0], TRUE, NULL);
  keeper->report_fd = report[0];
  return TRUE;
}

void
sl_keeper_end (SlKeeper *keeper)
{
  if (keeper->pid <= 0)
    return;

  kill (keeper->pid, SIGCONT);
  kill (keeper->pid, SIGTERM);
}

gboolean
sl_keeper_reap (SlKeeper *keeper,
                int       timeout_ms,
                int      *status,
                guint    *stopped)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  SlKeeperReport report;
  gboolean asked = FALSE;
  int keeper_status = 0;
  gssize n;

  if (stopped != NULL)
    *stopped = 0;
  *status = 0;
  if (keeper->pid <= 0)
    return TRUE;

  for (guint round = 0; ; round++)
    {
      siginfo_t info = { 0, };

      /* A task may have stopped its parent, which is the keeper: it cannot report stopped. */
      if (round % 50 == 0)
        kill (keeper->pid, SIGCONT);

      /* Ended, but not reaped yet: its pid, and its process group's, are still ours. */
      if (waitid (P_PID, keeper->pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0 && errno != EINTR)
        break;
      if (info.si_pid == keeper->pid)
        break;

      if (g_get_monotonic_time () >= deadline && !asked)
        {
          /* The worker does not end by itself: its keeper ends it, and stops what it left. */
          sl_keeper_end (keeper);
          asked = TRUE;
          deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
        }
      else if (g_get_monotonic_time () >= deadline)
        {
          sl_process_kill (keeper->pid);
          asked = TRUE;
          deadline = G_MAXINT64;
        }

      g_usleep (G_TIME_SPAN_MILLISECOND);
    }

  /* Written before the keeper exited: there, or never. */
  do
    n = read (keeper->report_fd, &report, sizeof report);
  while (n < 0 && errno == EINTR);
  close (keeper->report_fd);
  keeper->report_fd = -1;

  /* A keeper that could not report (a task killed it) stopped nothing: what the worker's tasks
   * started is still in the process group the keeper leads, but what left it for a session of
   * its own. */
  if (n != (gssize) sizeof report)
    kill (-keeper->pid, SIGKILL);

  while (waitpid (keeper->pid, &keeper_status, 0) < 0 && errno == EINTR)
    ;
  keeper->pid = 0;

  if (n == (gssize) sizeof report)
    {
      *status = report.status;
      if (stopped != NULL)
        *stopped = report.stopped;
    }
  else
    *status = keeper_status;

  return !asked;
}
