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

/* The limits of a result file, checked while it is read and before it is parsed: a larger,
 * deeper or denser file is refused before it costs more memory than these allow. A document as
 * Speedup Lab writes it takes at least eleven bytes a value, so that one of 64 MiB holds fewer
 * than 6.2 million; json-glib's tree of the values other than the latencies (which are read
 * apart) costs about a hundred bytes each. */
#define SL_RESULT_MAX_FILE_SIZE (64 * 1024 * 1024)
#define SL_RESULT_MAX_DEPTH     64
#define SL_RESULT_MAX_VALUES    (8 * 1000 * 1000)

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
