/* sl-batch.c: allocating a batch's results and recording its failed tasks. */
#define G_LOG_DOMAIN "sl-batch"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "sl-batch.h"
#include "sl-i18n.h"

void
sl_batch_init (SlBatch *batch,
               guint64  n_tasks,
               guint64  base_tasks,
               guint    chunk)
{
  g_return_if_fail (batch != NULL);
  g_return_if_fail (n_tasks > 0 && base_tasks > 0 && chunk > 0);

  memset (batch, 0, sizeof *batch);
  batch->n_tasks = n_tasks;
  batch->base_tasks = base_tasks;
  batch->chunk = chunk;
  batch->checksums = g_new0 (guint64, n_tasks);
  batch->latencies_s = g_new0 (double, n_tasks);
  batch->task_ok = g_new0 (gboolean, n_tasks);
}

void
sl_batch_clear (SlBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->checksums, g_free);
  g_clear_pointer (&batch->latencies_s, g_free);
  g_clear_pointer (&batch->task_ok, g_free);
  g_clear_pointer (&batch->first_task_error, g_free);
}

void
sl_batch_take_task_error (SlBatch *batch,
                          guint64  index,
                          GError  *error)
{
  g_return_if_fail (batch != NULL);

  batch->n_failed_tasks++;
  if (index < batch->n_tasks)
    batch->task_ok[index] = FALSE;

  if (batch->first_task_error == NULL)
    batch->first_task_error = g_strdup_printf (_("task %" PRIu64 ": %s"), index,
                                               error ? error->message : _("failed"));
  g_clear_error (&error);
}
