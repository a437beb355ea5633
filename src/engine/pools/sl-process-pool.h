/* sl-process-pool.h: the processes model: workers are speedup-lab-worker processes. */
#pragma once

#include "sl-pool.h"

G_BEGIN_DECLS

/* config->workers processes of config->threads_per_worker threads each (0 means 1). */
SlPool     *sl_process_pool_new (const SlPoolConfig *config, GError **error);
/* How the pool started its workers: "fork-server" or "spawn". */
const char *sl_process_pool_get_start_method (SlPool *pool);

G_END_DECLS
