/* sl-sharing-common.h: what the sharing experiments share (internal to the engine): the
 * interpreter's description as a worker's Python program reports it, read and written. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-sysinfo.h"

G_BEGIN_DECLS

/* The entry named `id` of a registry: `n` structs of `size` bytes that each begin with their
 * `const char *id`; NULL when none is. */
gconstpointer sl_sharing_lookup (gconstpointer  table,
                                 gsize          n,
                                 gsize          size,
                                 const char    *id);

/* Runs the worker's Python program `name` on `request` (sl_python_run_script()) and returns
 * its report's top-level object, every string in it made printable, owned by `parser`. NULL
 * with `error`: G_IO_ERROR_CANCELLED when `cancellable` was, otherwise why no report came,
 * in words, for the caller to record against what did not run. */
JsonObject *sl_sharing_run_script   (const char    *name,
                                     const char    *request,
                                     guint          timeout_s,
                                     JsonParser    *parser,
                                     GCancellable  *cancellable,
                                     GError       **error);
/* The string members of `object` (nullable) as char* -> char*; NULL for NULL. */
GHashTable *sl_sharing_read_runtime (JsonObject  *object);
/* A member "runtime": an object of `runtime`'s entries (nullable: empty), sorted by key. */
void        sl_sharing_add_runtime  (JsonBuilder *builder,
                                     GHashTable  *runtime);
/* The members "system" (the machine, when non-NULL) and "runtime" of a document. */
void        sl_sharing_add_context  (JsonBuilder     *builder,
                                     const SlSysInfo *system,
                                     GHashTable      *runtime);

G_END_DECLS
