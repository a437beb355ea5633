/* sl-result-latencies.h: the per-task latencies of the result document ("latencies_100ns"),
 * written capped and read from the text itself; and the check every duration of a document
 * passes. Internal to sl-result-io.c. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-point.h"

G_BEGIN_DECLS

/* Adds "latencies_total" and "latencies_100ns" of `point` to the object being built. */
void        sl_result_latencies_add (JsonBuilder   *builder,
                                     const SlPoint *point);
/* Takes every point's "latencies_100ns" list out of the document's text before it is parsed:
 * each is read into numbers, or into the reason it cannot be, and blanked in `data` (it reads
 * `[   ]` then), so that json-glib builds no node for them. The table, by point index, is for
 * sl_result_latencies_read(). */
GHashTable *sl_result_latencies_cut (char  *data,
                                     gsize  length);
/* The latencies of the point `object` (at `where`, the `index`th of "points"), in seconds, in
 * `*latencies_s`, an array of doubles that this may replace: from `cut` (nullable) where the
 * text held them, else from the tree. Each must be a whole number of 100 ns and a duration that
 * sl_result_check_duration() takes. */
gboolean    sl_result_latencies_read (JsonObject  *object,
                                      const char  *where,
                                      GHashTable  *cut,
                                      guint        index,
                                      GArray     **latencies_s,
                                      GError     **error);
/* A duration read from a document: NaN (not measured) or from 0 to SL_MAX_DURATION_S seconds;
 * else "WHERE.KEY must be a duration of …". */
gboolean    sl_result_check_duration (double       seconds,
                                      const char  *where,
                                      const char  *key,
                                      GError     **error);

G_END_DECLS
