/* sl-cli-chart.c: the chart command of speedup-lab-cli, and the --chart requests of run. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-chart.h"
#include "sl-cli-chart.h"
#include "sl-cli.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-i18n.h"
#include "sl-result-io.h"

#define KIND_LIST "time, speedup, efficiency, cpu, tasks"

static gboolean
parse_kind (const char  *text,
            SlChartKind *kind,
            GError     **error)
{
  if (sl_chart_kind_from_string (text, kind))
    return TRUE;

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               _("Unknown chart kind “%s” (choose %s)"), text, KIND_LIST);
  return FALSE;
}

SlCliChartRequest *
sl_cli_chart_request_parse (const char *text,
                            GError    **error)
{
  g_autoptr(SlCliChartRequest) request = NULL;
  g_autofree char *kind = NULL;
  const char *colon;

  g_return_val_if_fail (text != NULL, NULL);

  colon = strchr (text, ':');
  if (colon == NULL || colon == text || colon[1] == '\0')
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Malformed --chart “%s”: use KIND:FILE, e.g. speedup:sweep.png (kinds: %s)"),
                   text, KIND_LIST);
      return NULL;
    }

  request = g_new0 (SlCliChartRequest, 1);
  kind = g_strndup (text, colon - text);
  request->path = g_strdup (colon + 1);

  if (!parse_kind (kind, &request->kind, error) ||
      !sl_chart_format_from_path (request->path, &request->format, error) ||
      !sl_file_check_writable (request->path, error))
    return NULL;

  return g_steal_pointer (&request);
}

void
sl_cli_chart_request_free (SlCliChartRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->path);
  g_free (request);
}

GPtrArray *
sl_cli_chart_requests_parse (char   **texts,
                             GError **error)
{
  g_autoptr(GPtrArray) requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sl_cli_chart_request_free);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      SlCliChartRequest *request = sl_cli_chart_request_parse (texts[i], error);

      if (request == NULL)
        return NULL;
      g_ptr_array_add (requests, request);
    }

  return g_steal_pointer (&requests);
}

/* One result (`labels` NULL) or an overlay of `n_results`. */
static gboolean
write_requests (const SlResult **results,
                guint            n_results,
                const char     **labels,
                GPtrArray       *requests,
                GError         **error)
{
  g_autoptr(GError) first_error = NULL;
  SlChartOptions options;

  sl_chart_options_init (&options);

  for (guint i = 0; i < requests->len; i++)
    {
      const SlCliChartRequest *request = g_ptr_array_index (requests, i);
      g_autoptr(GError) local_error = NULL;
      gboolean written;

      if (labels == NULL)
        written = sl_chart_export (results[0], request->kind, &options, request->path,
                                   SL_CHART_DEFAULT_WIDTH, SL_CHART_DEFAULT_HEIGHT, 1.0,
                                   &local_error);
      else
        written = sl_chart_export_overlay (results, n_results, labels, request->kind, &options,
                                           request->path, SL_CHART_DEFAULT_WIDTH,
                                           SL_CHART_DEFAULT_HEIGHT, 1.0, &local_error);
      if (!written && first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
sl_cli_chart_write_requests (const SlResult *result,
                             GPtrArray      *requests,
                             GError        **error)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (requests != NULL, FALSE);

  return write_requests (&result, 1, NULL, requests, error);
}

gboolean
sl_cli_chart_write_overlay_requests (const SlResult **results,
                                     guint            n_results,
                                     const char     **labels,
                                     GPtrArray       *requests,
                                     GError         **error)
{
  g_return_val_if_fail (results != NULL && n_results > 0, FALSE);
  g_return_val_if_fail (labels != NULL, FALSE);
  g_return_val_if_fail (requests != NULL, FALSE);

  return write_requests (results, n_results, labels, requests, error);
}

/* "threads:8" → the index of that point in the result. A well-formed point that the result
 * does not have is not "malformed": the message lists the points it has. */
static gboolean
parse_point (const SlResult *result,
             const char     *text,
             int            *index,
             GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  g_autoptr(GError) count_error = NULL;
  g_autoptr(GString) points = NULL;
  SlModel model;
  guint workers = 0;

  if (g_strv_length (parts) != 2 || !sl_model_from_string (parts[0], &model) ||
      parts[1][0] == '\0' || strspn (parts[1], "0123456789") != strlen (parts[1]))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Malformed --point “%s”: use MODEL:WORKERS, e.g. threads:8"), text);
      return FALSE;
    }

  if (sl_parse_worker_count (parts[1], &workers, &count_error))
    for (guint i = 0; i < result->points->len; i++)
      {
        const SlPoint *point = g_ptr_array_index (result->points, i);

        if (point->model == model && point->workers == workers)
          {
            *index = (int) i;
            return TRUE;
          }
      }

  points = g_string_new (NULL);
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      g_string_append_printf (points, "%s%s:%u", points->len ? ", " : "",
                              sl_model_to_string (point->model), point->workers);
    }
  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("The result has no point “%s” (it has: %s)"),
               text, points->len ? points->str : _("none"));
  return FALSE;
}

int
sl_cli_chart (int    argc,
              char **argv)
{
  g_autofree char *kind_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *point = NULL;
  g_autofree char *width_text = NULL;
  g_autofree char *height_text = NULL;
  g_autofree char *scale_text = NULL;
  guint64 width = SL_CHART_DEFAULT_WIDTH;
  guint64 height = SL_CHART_DEFAULT_HEIGHT;
  double scale = 1.0;
  gboolean no_reference = FALSE;
  gboolean no_fits = FALSE;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text, N_("Chart kind: time, speedup, efficiency, cpu, tasks (default speedup)"), "KIND" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write; .png, .svg or .pdf"), "FILE" },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width_text, N_("Width in pixels (PDF: points), default 1200"), "W" },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height_text, N_("Height in pixels (PDF: points), default 800"), "H" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme, N_("light (default) or dark"), "THEME" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text, N_("Pixel density, e.g. 2 for HiDPI (default 1)"), "S" },
    { "point", 0, 0, G_OPTION_ARG_STRING, &point, N_("Point of the tasks chart (default: the best)"), "MODEL:WORKERS" },
    { "no-reference", 0, 0, G_OPTION_ARG_NONE, &no_reference, N_("Leave out the article's published numbers"), NULL },
    { "no-fits", 0, 0, G_OPTION_ARG_NONE, &no_fits, N_("Leave out the Amdahl and USL curves"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (N_("RESULT.json — draw a chart of a saved result"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) result = NULL;
  SlChartKind kind = SL_CHART_SPEEDUP;
  SlChartOptions options;

  sl_chart_options_init (&options);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    N_("Draws one chart of a result document, with the renderer of the window.\n"
       "The format comes from the extension of --output: .png, .svg or .pdf."));
  g_option_context_set_description (context,
    N_("Exit status: 0 written, 2 bad usage, an unreadable result or an unwritable file."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto usage;

  if (argc < 2)
    {
      g_set_error_literal (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           _("chart needs a result file: speedup-lab-cli chart RESULT.json "
                             "--kind KIND --output FILE"));
      goto usage;
    }
  if (!sl_cli_check_arguments (argc, argv, 1, 1,
                               "speedup-lab-cli chart RESULT.json --kind KIND --output FILE",
                               &error))
    goto usage;
  if (output == NULL)
    {
      g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("chart needs --output FILE (.png, .svg or .pdf)"));
      goto usage;
    }
  if (kind_text != NULL && !parse_kind (kind_text, &kind, &error))
    goto usage;
  if (!sl_cli_parse_count ("--width", width_text, G_MAXINT, &width, &error) ||
      !sl_cli_parse_count ("--height", height_text, G_MAXINT, &height, &error) ||
      !sl_cli_parse_decimal ("--scale", _("a number"), scale_text, &scale, &error))
    goto usage;
  if (theme != NULL)
    {
      if (g_str_equal (theme, "dark"))
        options.dark = TRUE;
      else if (!g_str_equal (theme, "light"))
        {
          g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("Unknown theme “%s” (choose light or dark)"), theme);
          goto usage;
        }
    }
  options.show_reference = !no_reference;
  options.show_fits = !no_fits;

  /* What shapes one kind of chart only does nothing for another: said, not passed over. */
  {
    g_autofree char *where = g_strdup_printf (_("with --kind %s"), sl_chart_kind_to_string (kind));

    if (!sl_cli_check_unused_option ("--point", point != NULL && kind != SL_CHART_TASKS, where,
                                     &error) ||
        !sl_cli_check_unused_option ("--no-reference", no_reference && kind != SL_CHART_SPEEDUP &&
                                     kind != SL_CHART_EFFICIENCY, where, &error) ||
        !sl_cli_check_unused_option ("--no-fits", no_fits && kind != SL_CHART_SPEEDUP, where,
                                     &error))
      goto usage;
  }

  /* Everything that can be checked without the result comes first: a typo costs no loading. */
  if (!sl_chart_format_from_path (output, NULL, &error) ||
      !sl_chart_check_size ((int) width, (int) height, scale, &error) ||
      !sl_cli_check_outputs ((const char *[]) { output }, 1, (const char *[]) { argv[1] }, 1,
                             &error))
    goto usage;

  result = sl_result_load (argv[1], &error);
  if (result == NULL)
    goto usage;

  if (point != NULL && !parse_point (result, point, &options.task_point, &error))
    goto usage;

  if (!sl_chart_export (result, kind, &options, output, (int) width, (int) height, scale, &error))
    goto usage;

  return SL_EXIT_OK;

usage:
  sl_cli_error ("%s", error->message);
  return SL_EXIT_USAGE;
}
