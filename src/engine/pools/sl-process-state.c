/* sl-process-state.c: what state a process of ours is in (see sl-process-state.h). */
#define G_LOG_DOMAIN "sl-process-pool"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "sl-process-state.h"

/* The fields of /proc/PID/stat after the command name: "pid (comm) S ppid ...". The name may
 * hold any character, ')' included, so the fields start after the last ')'. */
static gboolean
read_stat (GPid   pid,
           char  *state,
           GPid  *parent)
{
  char path[64];
  g_autofree char *stat = NULL;
  const char *end;

  g_snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
  if (pid <= 0 || !g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;

  end = strrchr (stat, ')');
  if (end == NULL || end[1] != ' ' || end[2] == '\0')
    return FALSE;

  *state = end[2];
  *parent = (GPid) strtol (end + 3, NULL, 10);
  return TRUE;
}

char
sl_process_get_state (GPid pid)
{
  char state;
  GPid parent;

  return read_stat (pid, &state, &parent) ? state : 0;
}

GPid
sl_process_get_parent (GPid pid)
{
  char state;
  GPid parent;

  return read_stat (pid, &state, &parent) ? parent : 0;
}

gboolean
sl_process_stopped_too_long (GPid    pid,
                             gint64 *since_us)
{
  gint64 now = g_get_monotonic_time ();

  /* 'T' is a stop by a signal; 't', a debugger's, is a person's business. */
  if (sl_process_get_state (pid) != 'T')
    {
      *since_us = 0;
      return FALSE;
    }

  if (*since_us == 0)
    *since_us = now;

  return now - *since_us >= SL_PROCESS_STOPPED_GRACE_MS * G_TIME_SPAN_MILLISECOND;
}

void
sl_process_kill (GPid pid)
{
  if (pid <= 0)
    return;

  kill (pid, SIGCONT);
  kill (pid, SIGKILL);
}
