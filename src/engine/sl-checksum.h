/* sl-checksum.h: the checksum of a stream of bytes, as the I/O workloads, their Python twins and
 * the HTTP server's pages compute it, so that a body can be checked against what was sent. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 64-bit FNV-1a, fed incrementally. Start from SL_CHECKSUM_INIT. */
#define SL_CHECKSUM_INIT (G_GUINT64_CONSTANT (0xcbf29ce484222325))
guint64 sl_checksum_update (guint64 state, const void *data, gsize length);

G_END_DECLS
