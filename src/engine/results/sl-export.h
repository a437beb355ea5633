/* sl-export.h: a result as CSV, Markdown or hyperfine-compatible JSON, for spreadsheets,
 * articles and the plotting scripts that already read hyperfine's exports.
 */
#pragma once

#include <glib.h>

#include "sl-result.h"

G_BEGIN_DECLS

typedef enum {
  SL_EXPORT_JSON,        /* the result document itself */
  SL_EXPORT_CSV,
  SL_EXPORT_MARKDOWN,
  SL_EXPORT_HYPERFINE,
} SlExportFormat;

/* One row per point, RFC 4180, '.' as decimal point whatever the locale; unknown values empty. */
char     *sl_result_to_csv (const SlResult *result);
/* A title, the experiment in a sentence, the article-style table, the recommendation and the
 * warnings. */
char     *sl_result_to_markdown (const SlResult *result);
/* {"results": [...]} as `hyperfine --export-json` writes it, for one execution model of the
 * result (sl-export-hyperfine.c): one entry per measured point, with "workers" as its only
 * parameter and "RUNTIME MODEL W=N" as its command. */
char     *sl_result_to_hyperfine_json (const SlResult *result,
                                       SlRuntime       runtime,
                                       SlModel         model);
/* The files a hyperfine export to `path` writes, in the order of the result's models: `path`
 * for a result of one model, otherwise one per model, named with the model before the
 * extension ("r.hyperfine.json": "r-threads.hyperfine.json", "r-processes.hyperfine.json"). */
char    **sl_export_hyperfine_paths (const SlResult *result,
                                     const char     *path);
/* Writes them, each atomically; stops at the first that cannot be written. */
gboolean  sl_export_write_hyperfine (const SlResult  *result,
                                     const char      *path,
                                     GError         **error);

/* ".json" (and ".speedup.json"), ".csv", ".md" or ".markdown", ".hyperfine.json"; case-insensitive.
 * FALSE when the extension says nothing. */
gboolean  sl_export_format_from_path (const char *path, SlExportFormat *format);
/* Writes atomically; errors are SL_ERROR_IO and name the path. A hyperfine export of several
 * models writes one file per model (sl_export_hyperfine_paths ()). */
gboolean  sl_export_write (const SlResult  *result,
                           const char      *path,
                           SlExportFormat   format,
                           GError         **error);

G_END_DECLS
