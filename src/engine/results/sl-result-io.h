/* sl-result-io.h: the result document "speedup-lab/1": JSON in and out, loading with validation,
 * atomic saving.
 *
 * A loaded document is checked field by field; a malformed or foreign file is refused with a
 * message that names the file and the problem ("points[3].workers must be a positive integer").
 * Keys this version does not know are ignored, so files of later minor versions still open.
 * Derived values (summaries, speedups, the analysis) are written for other tools to read, but
 * recomputed on loading, so a loaded result is always consistent with its measurements.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-experiment-spec-json.h"
#include "sl-result.h"
#include "sl-sysinfo-json.h"

G_BEGIN_DECLS

/* The limits of a result file, checked while it is read: a larger or deeper file is refused
 * before it costs more than this much memory. The largest sweep (two models at every worker
 * count 1–256, with every repetition and the stored latencies) stays below them. */
#define SL_RESULT_MAX_FILE_SIZE (64 * 1024 * 1024)
#define SL_RESULT_MAX_DEPTH     64

/* At most this many per-task latencies are stored per point (see sl-result-io.c). */
#define SL_RESULT_MAX_STORED_LATENCIES 10000

JsonNode *sl_result_to_json (const SlResult *result);
SlResult *sl_result_from_json (JsonNode *node, GError **error);
/* Pretty-printed JSON, NUL-terminated; `length` (nullable) gets its length. */
char     *sl_result_to_data (const SlResult *result, gsize *length);
SlResult *sl_result_load (const char *path, GError **error);
/* Writes to a temporary file beside `path` and renames it over `path`, so a reader never sees
 * half a document. */
gboolean  sl_result_save (const SlResult *result, const char *path, GError **error);

G_END_DECLS
