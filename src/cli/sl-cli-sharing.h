/* sl-cli-sharing.h: what the sharing commands of speedup-lab-cli share. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Work for sl_cli_run_interruptible(): FALSE with `error` when it failed or was cancelled. */
typedef gboolean (*SlCliWork) (GCancellable  *cancellable,
                               gpointer       data,
                               GError       **error);

/* Runs `work` on a thread while SIGINT, SIGTERM and SIGHUP cancel it; *signal_number is the
 * signal that did (0: none). Returns what the work returned. */
gboolean sl_cli_run_interruptible (SlCliWork   work,
                                   gpointer    data,
                                   int        *signal_number,
                                   GError    **error);
/* Adds to `out` the entry `lookup` finds for each of the comma-separated ids of `text`; FALSE
 * at an unknown one, with its id in *unknown (free it). */
gboolean sl_cli_parse_ids (const char     *text,
                           gconstpointer (*lookup) (const char *id),
                           GPtrArray      *out,
                           char          **unknown);
/* Writes a document to `path`, or to standard output for NULL or "-"; FALSE when it could not
 * be written (said on stderr). */
gboolean sl_cli_write_json (JsonNode   *root,
                            const char *path);

G_END_DECLS
