/* sl-workloads-common.c: what the workload implementations share: cancelling a task promptly,
 * and the checksum of a task that returns its index. */
#define G_LOG_DOMAIN "sl-workloads"

#include "config.h"

#include <gio/gio.h>

#include "sl-i18n.h"
#include "sl-workloads-common.h"

gboolean
sl_expect_task_index (gpointer      shared,
                      const SlTask *task,
                      guint64      *checksum)
{
  *checksum = task->index;
  return TRUE;
}

gboolean
sl_set_cancelled (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  return FALSE;
}

/* Sleeps until `deadline` (monotonic µs) in short steps, so that cancelling is prompt. */
gboolean
sl_sleep_until (gint64        deadline,
                const SlTask *task)
{
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (sl_cancelled (task))
        return FALSE;
      if (now >= deadline)
        return TRUE;
      g_usleep ((gulong) MIN (deadline - now, SL_CANCEL_POLL_US));
    }
}
