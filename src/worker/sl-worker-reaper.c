/* sl-worker-reaper.c: a worker stops the processes its tasks left behind (see the header). */
#define G_LOG_DOMAIN "sl-worker"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "sl-process-state.h"
#include "sl-worker-reaper.h"

/* Orphans become children as their parents die; this many rounds is far more than any chain of
 * daemonising forks takes. */
#define MAX_ROUNDS 64

void
sl_worker_reaper_init (void)
{
  prctl (PR_SET_CHILD_SUBREAPER, 1);
}

/* The children of every thread of this process, from /proc. */
static GArray *
list_children (void)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  GArray *children = g_array_new (FALSE, FALSE, sizeof (pid_t));
  const char *tid;

  while (tasks != NULL && (tid = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/children", tid);
      g_autofree char *text = NULL;
      g_auto(GStrv) pids = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      pids = g_strsplit_set (g_strstrip (text), " \n", -1);
      for (guint i = 0; pids[i] != NULL; i++)
        {
          pid_t pid = (pid_t) strtol (pids[i], NULL, 10);

          if (pid > 0)
            g_array_append_val (children, pid);
        }
    }

  return children;
}

/* A child that already ended and waits to be reaped (a task's fork whose exit status nobody
 * collected) is not running: reaped, but not counted. */
static gboolean
is_zombie (pid_t pid)
{
  char state = sl_process_get_state (pid);

  return state == 0 || state == 'Z';
}

guint
sl_worker_reaper_stop_leftovers (void)
{
  return sl_worker_reaper_stop_others (NULL);
}

guint
sl_worker_reaper_stop_others (GHashTable *keep)
{
  guint stopped = 0;

  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      g_autoptr(GArray) children = list_children ();

      for (guint i = children->len; i > 0; i--)
        if (keep != NULL &&
            g_hash_table_contains (keep, GINT_TO_POINTER (g_array_index (children, pid_t, i - 1))))
          g_array_remove_index_fast (children, i - 1);
      if (children->len == 0)
        break;

      for (guint i = 0; i < children->len; i++)
        {
          pid_t pid = g_array_index (children, pid_t, i);

          if (!is_zombie (pid))
            stopped++;
          /* Its process group too: what it started and did not take into a session of its own.
           * SIGKILL ends a stopped process as well. */
          if (getpgid (pid) == pid)
            kill (-pid, SIGKILL);
          kill (pid, SIGKILL);
        }
      for (guint i = 0; i < children->len; i++)
        {
          pid_t pid = g_array_index (children, pid_t, i);

          while (waitpid (pid, NULL, 0) < 0 && errno == EINTR)
            ;
        }
    }

  return stopped;
}
