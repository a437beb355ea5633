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

#include "sl-experiment-spec.h"
#include "sl-result.h"

G_BEGIN_DECLS

/* At most this many per-task latencies are stored per point (see sl-result-io.c). */
#define SL_RESULT_MAX_STORED_LATENCIES 10000

JsonNode         *sl_experiment_spec_to_json (const SlExperimentSpec *spec);
SlExperimentSpec *sl_experiment_spec_from_json (JsonNode *node, GError **error);

/* The "system" object of the document, also printed by `speedup-lab-cli info --json`. */
JsonNode         *sl_sysinfo_to_json (const SlSysInfo *info);
SlSysInfo        *sl_sysinfo_from_json (JsonNode *node, GError **error);

JsonNode *sl_result_to_json (const SlResult *result);
SlResult *sl_result_from_json (JsonNode *node, GError **error);
/* Pretty-printed JSON, NUL-terminated; `length` (nullable) gets its length. */
char     *sl_result_to_data (const SlResult *result, gsize *length);
SlResult *sl_result_load (const char *path, GError **error);
/* Writes to a temporary file beside `path` and renames it over `path`, so a reader never sees
 * half a document. */
gboolean  sl_result_save (const SlResult *result, const char *path, GError **error);

/* The atomic write behind sl_result_save() and the exports. Errors are SL_ERROR_IO and read
 * "Cannot write PATH: REASON". `length` -1 means NUL-terminated. */
gboolean  sl_file_write_atomic (const char *path, const char *data, gssize length, GError **error);

G_END_DECLS
