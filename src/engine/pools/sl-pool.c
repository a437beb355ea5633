/* sl-pool.c: the pool factory, and the calls that go through a pool's class. */
#define G_LOG_DOMAIN "sl-pool"

#include "config.h"

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-pool.h"
#include "sl-process-pool.h"
#include "sl-thread-pool.h"

SlPool *
sl_pool_new (SlModel             model,
             const SlPoolConfig *config,
             GError            **error)
{
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->workload != NULL, NULL);
  g_return_val_if_fail (config->params != NULL, NULL);
  g_return_val_if_fail (config->workers >= 1, NULL);

  switch (model)
    {
    case SL_MODEL_THREADS:
      /* Native threads share this process; python threads share one interpreter in one
       * worker process instead, so the GUI never embeds Python. */
      if (config->runtime == SL_RUNTIME_NATIVE)
        return sl_thread_pool_new (config, error);
      {
        SlPoolConfig one_process = *config;

        one_process.workers = 1;
        one_process.threads_per_worker = config->workers;
        return sl_process_pool_new (&one_process, error);
      }

    case SL_MODEL_PROCESSES:
      return sl_process_pool_new (config, error);

    case SL_N_MODELS:
    default:
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("Unknown execution model %d"), model);
      return NULL;
    }
}

gboolean
sl_pool_run_batch (SlPool   *pool,
                   SlBatch  *batch,
                   GError  **error)
{
  g_return_val_if_fail (pool != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (batch->n_tasks > 0, FALSE);
  g_return_val_if_fail (batch->chunk > 0, FALSE);

  return pool->klass->run_batch (pool, batch, error);
}

double
sl_pool_get_startup_time (SlPool *pool)
{
  g_return_val_if_fail (pool != NULL, 0);

  return pool->startup_s;
}

gboolean
sl_pool_close (SlPool  *pool,
               GError **error)
{
  g_return_val_if_fail (pool != NULL, FALSE);

  if (pool->klass->close == NULL)
    return TRUE;
  return pool->klass->close (pool, error);
}

GHashTable *
sl_pool_get_runtime_info (SlPool *pool)
{
  g_return_val_if_fail (pool != NULL, NULL);

  if (pool->klass->get_runtime_info == NULL)
    return NULL;
  return pool->klass->get_runtime_info (pool);
}

void
sl_pool_copy_runtime_info (SlPool     *pool,
                           GHashTable *into)
{
  GHashTable *info;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (pool != NULL);
  g_return_if_fail (into != NULL);

  info = sl_pool_get_runtime_info (pool);
  if (info == NULL)
    return;

  g_hash_table_iter_init (&iter, info);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (into, g_strdup (key), g_strdup (value));
}

void
sl_pool_free (SlPool *pool)
{
  if (pool == NULL)
    return;

  pool->klass->free (pool);
}
