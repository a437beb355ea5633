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
/* Writes a document to `path`, or to standard output for NULL or "-"; FALSE when it could not
 * be written (said on stderr). */
gboolean sl_cli_write_json (JsonNode   *root,
                            const char *path);

G_END_DECLS
