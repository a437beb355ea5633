/* sl-sharing-common.h: what the sharing experiments share (internal to the engine): the
 * interpreter's description as a worker's Python program reports it, read and written. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The string members of `object` (nullable) as char* -> char*; NULL for NULL. */
GHashTable *sl_sharing_read_runtime (JsonObject  *object);
/* A member "runtime": an object of `runtime`'s entries (nullable: empty), sorted by key. */
void        sl_sharing_add_runtime  (JsonBuilder *builder,
                                     GHashTable  *runtime);

G_END_DECLS
