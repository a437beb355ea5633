/* sl-cli-chart.h: chart requests of speedup-lab-cli, shared by `chart` and `run --chart`. */
#pragma once

#include <glib.h>

#include "sl-chart.h"
#include "sl-result.h"

G_BEGIN_DECLS

typedef struct {
  SlChartKind   kind;
  SlChartFormat format;   /* from the file name's extension */
  char         *path;
} SlCliChartRequest;

/* Parses one "KIND:FILE" argument ("speedup:sweep.png"). Checks the kind, the extension and that
 * the folder exists and is writable, so that a long run never ends with an unwritable chart.
 * Errors are SL_ERROR_INVALID_INPUT with a message for the command line. */
SlCliChartRequest *sl_cli_chart_request_parse (const char *text,
                                               GError    **error);
void               sl_cli_chart_request_free (SlCliChartRequest *request);

/* Parses every argument of a repeatable --chart option (NULL-terminated, nullable); returns an
 * array of SlCliChartRequest*, or NULL and the first error. */
GPtrArray         *sl_cli_chart_requests_parse (char   **texts,
                                                GError **error);

/* Draws each request at SL_CHART_DEFAULT_WIDTH × SL_CHART_DEFAULT_HEIGHT, light theme, scale 1.
 * A failure does not stop the others; FALSE and the first error if any failed. */
gboolean           sl_cli_chart_write_requests (const SlResult *result,
                                                GPtrArray      *requests,
                                                GError        **error);

/* The same for an overlay of several results (sl_chart_export_overlay()); no tasks chart. */
gboolean           sl_cli_chart_write_overlay_requests (const SlResult **results,
                                                        guint            n_results,
                                                        const char     **labels,
                                                        GPtrArray       *requests,
                                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlCliChartRequest, sl_cli_chart_request_free)

G_END_DECLS
