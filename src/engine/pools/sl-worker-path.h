/* sl-worker-path.h: where the worker program is. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The worker executable: $SPEEDUP_LAB_WORKER, else the one installed beside this program
 * (<prefix>/libexec for <prefix>/bin, wherever the prefix is), else next to this program in a
 * build tree, else the one installed in the configured libexecdir. */
char    *sl_worker_find_path (GError **error);

G_END_DECLS
