/* sl-mix.h: a 64-bit mixing function, for the deterministic data and checksums of the workloads
 * and of the HTTP server's pages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* splitmix64's finaliser: every bit of x reaches every bit of the result. */
guint64 sl_mix64 (guint64 x);

G_END_DECLS
