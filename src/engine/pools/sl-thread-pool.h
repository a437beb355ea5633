/* sl-thread-pool.h: the threads model of native code: workers are threads of this process. */
#pragma once

#include "sl-pool.h"

G_BEGIN_DECLS

/* config->workers threads; they run the workload in this process. */
SlPool *sl_thread_pool_new (const SlPoolConfig *config, GError **error);

G_END_DECLS
