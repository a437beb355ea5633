/* test-chart-export.c: the chart as PNG, SVG and PDF files, the chart command and the run
 * command's --chart requests. */
#define G_LOG_DOMAIN "test-chart-export"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "sl-analysis.h"
#include "sl-chart-test-util.h"
#include "sl-chart.h"
#include "sl-cli-chart.h"
#include "sl-cli.h"
#include "sl-error.h"
#include "sl-result-io.h"
#include "sl-test-util.h"

/* Tests: exports */

typedef struct {
  GString *title;
  gboolean in_title;
  gboolean is_svg;
} SvgScan;

static void
svg_start (GMarkupParseContext *context,
           const char          *element,
           const char         **names,
           const char         **values,
           gpointer             user_data,
           GError             **error)
{
  SvgScan *scan = user_data;

  if (g_str_equal (element, "svg"))
    scan->is_svg = TRUE;
  scan->in_title = g_str_equal (element, "title");
}

static void
svg_end (GMarkupParseContext *context,
         const char          *element,
         gpointer             user_data,
         GError             **error)
{
  ((SvgScan *) user_data)->in_title = FALSE;
}

static void
svg_text (GMarkupParseContext *context,
          const char          *text,
          gsize                length,
          gpointer             user_data,
          GError             **error)
{
  SvgScan *scan = user_data;

  if (scan->in_title)
    g_string_append_len (scan->title, text, length);
}

static void
test_export_svg (void)
{
  g_autoptr(SlResult) result = new_result ("seed-cpu", NULL, 4);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = sl_chart_dup_title (result, SL_CHART_SPEEDUP);
  GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  GMarkupParseContext *context;
  SvgScan scan = { g_string_new (NULL), FALSE, FALSE };
  gsize size;
  const char *data;

  set_point (result, SL_MODEL_THREADS, 1, 1.0, 1.0);
  set_point (result, SL_MODEL_THREADS, 2, 0.6, 1.0);
  sl_analysis_update (result);

  bytes = sl_chart_render (result, SL_CHART_SPEEDUP, NULL, SL_CHART_FORMAT_SVG, WIDTH, HEIGHT,
                           1.0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);

  context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  g_assert_true (g_markup_parse_context_parse (context, data, size, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  g_assert_true (scan.is_svg);
  g_assert_cmpstr (scan.title->str, ==, title);
  g_assert_nonnull (strstr (title, "Sum of 100 million integers"));
  /* Pixels, not points: a browser shows it at the size asked for. */
  g_assert_nonnull (g_strstr_len (data, size, "width=\"800px\""));
  g_string_free (scan.title, TRUE);
}

static void
test_export_pdf (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(GError) error = NULL;

  for (guint kind = 0; kind < SL_N_CHART_KINDS; kind++)
    {
      g_autoptr(GBytes) bytes = sl_chart_render (result, kind, NULL, SL_CHART_FORMAT_PDF,
                                                 WIDTH, HEIGHT, 1.0, &error);
      gsize size;
      const char *data;

      g_assert_no_error (error);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, 4);
      g_assert_cmpmem (data, 4, "%PDF", 4);
    }
}

/* The speedup chart written as a PNG of width × height at `scale`, and read back: it must
 * decode to that many pixels, times the scale. */
static cairo_surface_t *
png_round_trip (SlResult *result,
                int       width,
                int       height,
                double    scale)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = sl_chart_render (result, SL_CHART_SPEEDUP, NULL, SL_CHART_FORMAT_PNG,
                                           width, height, scale, &error);
  cairo_surface_t *decoded;

  g_assert_no_error (error);
  decoded = decode_png (png);
  g_assert_cmpint (cairo_surface_status (decoded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (decoded), ==, (int) (width * scale));
  g_assert_cmpint (cairo_image_surface_get_height (decoded), ==, (int) (height * scale));

  return decoded;
}

static void
test_export_png_scale (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, NULL,
                                                             WIDTH, HEIGHT);
  double x = sl_chart_layout_x (layout, 4), y = sl_chart_layout_y (layout, 3.2);
  cairo_surface_t *s1 = png_round_trip (result, WIDTH, HEIGHT, 1.0);
  cairo_surface_t *s2 = png_round_trip (result, WIDTH, HEIGHT, 2.0);

  /* The same layout, twice as fine: the data point is where the 1× mapping says, doubled. */
  g_assert_true (color_near (s1, x, y, 0, sl_chart_series_color (FALSE, 1), 0.02));
  g_assert_true (color_near (s2, 2 * x, 2 * y, 0, sl_chart_series_color (FALSE, 1), 0.02));

  cairo_surface_destroy (s1);
  cairo_surface_destroy (s2);
}

/* The PNG holds exactly the pixels drawn, whatever the number of bands it was compressed in. */
static void
test_export_png_pixels (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  const int heights[] = { 601, 130, 255 };

  for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
    {
      cairo_surface_t *drawn = render (result, SL_CHART_SPEEDUP, NULL, 333, heights[h]);
      cairo_surface_t *decoded = png_round_trip (result, 333, heights[h], 1.0);
      guint differ = 0;

      for (int y = 0; y < heights[h]; y++)
        for (int x = 0; x < 333; x++)
          if (color_distance (pixel (drawn, x, y), pixel (decoded, x, y)) > 0.0)
            differ++;
      g_assert_cmpuint (differ, ==, 0);

      cairo_surface_destroy (drawn);
      cairo_surface_destroy (decoded);
    }
}

static void
test_export_files (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sl_test_make_tmp_dir ("test-chart-XXXXXX");
  const char *names[] = { "chart.png", "chart.SVG", "chart.pdf" };
  const char *magic[] = { "\x89PNG", "<?xm", "%PDF" };
  SlChartFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (sl_chart_export (result, SL_CHART_TIME, NULL, path, 600, 400, 1.0, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 4);
      g_assert_cmpmem (contents, 4, magic[i], 4);
      g_assert_true (sl_chart_format_from_path (path, &format, NULL));
      g_assert_cmpint (format, ==, i);
      g_unlink (path);
    }

  /* Unknown or missing extensions */
  {
    g_autofree char *path = g_build_filename (dir, "chart.bmp", NULL);

    g_assert_false (sl_chart_export (result, SL_CHART_TIME, NULL, path, 600, 400, 1.0, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, ".bmp"));
    g_clear_error (&error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_false (sl_chart_format_from_path ("chart", NULL, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  /* An unwritable place */
  {
    g_autofree char *path = g_build_filename (dir, "no-such-folder", "chart.png", NULL);

    g_assert_false (sl_chart_export (result, SL_CHART_TIME, NULL, path, 600, 400, 1.0, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "no-such-folder"));
    g_clear_error (&error);
  }

  /* Bad sizes */
  {
    const struct { int w, h; double scale; } bad[] = {
      { 0, 400, 1.0 }, { 600, -1, 1.0 }, { 100000, 400, 1.0 }, { 600, 400, 0.0 },
      { 600, 400, NAN }, { 600, 400, 100.0 }, { 8000, 8000, 4.0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = g_build_filename (dir, "chart.png", NULL);

        g_assert_false (sl_chart_export (result, SL_CHART_TIME, NULL, path, bad[i].w, bad[i].h,
                                         bad[i].scale, &error));
        g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
        g_clear_error (&error);
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      }
  }

  sl_test_remove_tree (dir);
}

/* Tests: the `chart` command */

static int
run_cli (const char *const *args,
         char             **err)
{
  const char *cli = g_getenv ("SPEEDUP_LAB_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "chart");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli_chart (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *bmp = NULL;
  g_autofree char *nowhere = NULL;
  char *err = NULL;

  if (g_getenv ("SPEEDUP_LAB_CLI") == NULL)
    {
      g_test_skip ("SPEEDUP_LAB_CLI is not set");
      return;
    }

  dir = sl_test_make_tmp_dir ("test-chart-cli-XXXXXX");
  json = g_build_filename (dir, "result.speedup.json", NULL);
  png = g_build_filename (dir, "tasks.png", NULL);
  svg = g_build_filename (dir, "speedup.svg", NULL);
  bmp = g_build_filename (dir, "speedup.bmp", NULL);
  nowhere = g_build_filename (dir, "missing", "speedup.png", NULL);
  g_assert_true (sl_result_save (result, json, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run_cli ((const char *[]) { json, "--kind", "speedup", "--output", svg,
                                               "--theme", "dark", NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_test (svg, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (run_cli ((const char *[]) { json, "-k", "tasks", "-o", png, "--point",
                                               "processes:4", "--width", "640", "--height", "400",
                                               "--scale", "2", NULL }, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  {
    cairo_surface_t *surface = cairo_image_surface_create_from_png (png);

    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
    cairo_surface_destroy (surface);
  }

  /* Usage errors: exit 2 and a message that names the problem. */
  {
    const struct { const char *args[10]; const char *message; } bad[] = {
      { { json, "--output", bmp, NULL }, "Unknown chart format" },
      { { json, "--output", nowhere, NULL }, "does not exist" },
      { { json, "--output", png, "--width", "10", NULL }, "out of range" },
      { { json, "--output", png, "--scale", "0", NULL }, "out of range" },
      { { json, "--output", png, "--kind", "pie", NULL }, "Unknown chart kind" },
      { { json, "--output", png, "--theme", "blue", NULL }, "Unknown theme" },
      { { json, "--output", png, "--kind", "tasks", "--point", "threads:3", NULL }, "no point" },
      /* Well formed but not in the result: the message lists the points it has. */
      { { json, "--output", png, "--kind", "tasks", "--point", "threads:999", NULL },
        "no point “threads:999” (it has: threads:1" },
      { { json, "--output", png, "--kind", "tasks", "--point", "threads:x", NULL },
        "Malformed --point" },
      { { json, NULL }, "--output" },
      { { "--output", png, NULL }, "result file" },
      { { dir, "--output", png, NULL }, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_cmpint (run_cli (bad[i].args, &err), ==, 2);
        if (bad[i].message != NULL)
          g_assert_nonnull (strstr (err, bad[i].message));
        g_assert_true (g_str_has_prefix (err, "speedup-lab-cli: "));
        g_clear_pointer (&err, g_free);
      }
    g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
  }

  sl_test_remove_tree (dir);
}

static void
test_cli_requests (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *dir = sl_test_make_tmp_dir ("test-chart-run-XXXXXX");
  g_autofree char *png = g_build_filename (dir, "speedup.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "cpu.pdf", NULL);
  g_autofree char *arg_png = g_strconcat ("speedup:", png, NULL);
  g_autofree char *arg_pdf = g_strconcat ("CPU:", pdf, NULL);
  char *args[] = { arg_png, arg_pdf, NULL };
  const char *bad[] = { "speedup", "speedup:", ":x.png", "pie:x.png", "time:x.gif",
                        "time:/no/such/folder/x.png" };

  g_assert_no_error (error);

  requests = sl_cli_chart_requests_parse (args, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpint (((SlCliChartRequest *) requests->pdata[0])->kind, ==, SL_CHART_SPEEDUP);
  g_assert_cmpint (((SlCliChartRequest *) requests->pdata[0])->format, ==, SL_CHART_FORMAT_PNG);
  g_assert_cmpint (((SlCliChartRequest *) requests->pdata[1])->kind, ==, SL_CHART_CPU);
  g_assert_cmpstr (((SlCliChartRequest *) requests->pdata[1])->path, ==, pdf);

  g_assert_true (sl_cli_chart_write_requests (result, requests, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(SlCliChartRequest) request = sl_cli_chart_request_parse (bad[i], &error);

      g_assert_null (request);
      g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }

  /* The folder vanished during the run: the other charts are still written. */
  g_unlink (png);
  g_unlink (pdf);
  g_free (((SlCliChartRequest *) requests->pdata[0])->path);
  ((SlCliChartRequest *) requests->pdata[0])->path = g_build_filename (dir, "gone", "x.png", NULL);
  g_assert_false (sl_cli_chart_write_requests (result, requests, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  sl_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/export/svg", test_export_svg);
  g_test_add_func ("/chart/export/pdf", test_export_pdf);
  g_test_add_func ("/chart/export/png-scale", test_export_png_scale);
  g_test_add_func ("/chart/export/png-pixels", test_export_png_pixels);
  g_test_add_func ("/chart/export/files", test_export_files);
  g_test_add_func ("/chart/cli/command", test_cli_chart);
  g_test_add_func ("/chart/cli/requests", test_cli_requests);

  return g_test_run ();
}
