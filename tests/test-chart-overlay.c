/* test-chart-overlay.c: several results on one chart, checked on the pixels drawn: a colour family
 * per result, a shade per model, the legend, hit-testing through every result, the export. */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sl-analysis.h"
#include "sl-chart-private.h"
#include "sl-chart-test-util.h"
#include "sl-chart.h"
#include "sl-compare.h"

/* A: threads flat at 8 s, processes scaling to 4 CPUs (new_scaling_result). B: the same
 * experiment twice as slow everywhere, in Python. */
static void
make_pair (SlResult **a,
           SlResult **b)
{
  const guint workers[] = { 1, 2, 4, 8 };
  const double processes[] = { 8.0, 5.0, 2.5, 2.5 };

  *a = new_scaling_result ();
  *b = new_result (NULL, "1,2,4,8", 4);
  (*b)->spec->runtime = SL_RUNTIME_PYTHON;
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      set_point (*b, SL_MODEL_THREADS, workers[i], 16.0, 1.0);
      set_point (*b, SL_MODEL_PROCESSES, workers[i], 2.0 * processes[i], 8.0 / processes[i]);
    }
  sl_analysis_update (*b);
}

static const char *labels[] = { "native", "Python" };

static void
test_colors (void)
{
  /* Six families, two shades each, all distinct; then over again. */
  for (guint dark = 0; dark < 2; dark++)
    for (guint i = 0; i < 12; i++)
      for (guint j = i + 1; j < 12; j++)
        g_assert_cmpfloat (color_distance (sl_chart_overlay_color (dark, i / 2, i % 2),
                                           sl_chart_overlay_color (dark, j / 2, j % 2)), >, 0.05);
  g_assert_cmpfloat (color_distance (sl_chart_overlay_color (FALSE, 6, SL_MODEL_THREADS),
                                     sl_chart_overlay_color (FALSE, 0, SL_MODEL_THREADS)), ==, 0.0);

  /* The first family is blue, the second orange: threads the stronger shade on white. */
  {
    SlChartColor blue = sl_chart_overlay_color (FALSE, 0, SL_MODEL_THREADS);
    SlChartColor orange = sl_chart_overlay_color (FALSE, 1, SL_MODEL_PROCESSES);

    g_assert_cmpfloat (blue.blue, >, blue.red + 0.3);
    g_assert_cmpfloat (orange.red, >, orange.blue + 0.3);
    g_assert_cmpfloat (luminance (sl_chart_overlay_color (FALSE, 0, SL_MODEL_THREADS)), <,
                       luminance (sl_chart_overlay_color (FALSE, 0, SL_MODEL_PROCESSES)));
    g_assert_cmpfloat (luminance (sl_chart_overlay_color (TRUE, 0, SL_MODEL_THREADS)), >,
                       luminance (sl_chart_overlay_color (TRUE, 0, SL_MODEL_PROCESSES)));
  }
}

static cairo_surface_t *
render_layout (const SlChartLayout *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) layout->width, (int) layout->height);
  cairo_t *cr = cairo_create (surface);

  sl_chart_draw_layout (cr, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* The markers of each result sit in its own colours, where its values are. */
static void
test_series_pixels (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  const SlResult *results[2];
  cairo_surface_t *surface;
  double x4;

  make_pair (&a, &b);
  results[0] = a;
  results[1] = b;
  layout = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_TIME, NULL, WIDTH, HEIGHT);
  surface = render_layout (layout);
  x4 = sl_chart_layout_x (layout, 4);

  /* Four series: a family per result, a shade per model, in the results' order. */
  g_assert_cmpuint (layout->series->len, ==, 4);
  g_assert_cmpstr (((SlChartSeries *) layout->series->pdata[0])->label, ==, "native · threads");
  g_assert_cmpstr (((SlChartSeries *) layout->series->pdata[1])->label, ==, "native · processes");
  g_assert_cmpstr (((SlChartSeries *) layout->series->pdata[2])->label, ==, "Python · threads");
  g_assert_cmpstr (((SlChartSeries *) layout->series->pdata[3])->label, ==, "Python · processes");

  /* Marker centres: A's processes at 4 workers take 2.5 s, B's 5 s; threads 8 s and 16 s. */
  g_assert_true (color_near (surface, x4, sl_chart_layout_y (layout, 2.5), 0,
                             sl_chart_overlay_color (FALSE, 0, SL_MODEL_PROCESSES), 0.02));
  g_assert_true (color_near (surface, x4, sl_chart_layout_y (layout, 5.0), 0,
                             sl_chart_overlay_color (FALSE, 1, SL_MODEL_PROCESSES), 0.02));
  g_assert_true (color_near (surface, sl_chart_layout_x (layout, 2), sl_chart_layout_y (layout, 8.0),
                             0, sl_chart_overlay_color (FALSE, 0, SL_MODEL_THREADS), 0.02));
  g_assert_true (color_near (surface, sl_chart_layout_x (layout, 2), sl_chart_layout_y (layout, 16.0),
                             0, sl_chart_overlay_color (FALSE, 1, SL_MODEL_THREADS), 0.02));
  /* …and not the other family's. */
  g_assert_false (color_near (surface, x4, sl_chart_layout_y (layout, 5.0), 2,
                              sl_chart_overlay_color (FALSE, 0, SL_MODEL_PROCESSES), 0.05));

  /* One time axis for both, in the unit of the slowest. */
  g_assert_cmpstr (layout->y_title, ==, "Wall time (s)");
  g_assert_cmpfloat (sl_chart_layout_y (layout, 16.0), >=, layout->plot_y);

  cairo_surface_destroy (surface);
}

/* A legend entry per series, "LABEL · model", in the series' colour and marker. */
static void
test_legend (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  const SlResult *results[2];
  guint n_series = 0;

  make_pair (&a, &b);
  results[0] = a;
  results[1] = b;
  layout = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_SPEEDUP, NULL, WIDTH,
                                            HEIGHT);

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);
      guint r = n_series / 2;
      SlModel model = n_series % 2 == 0 ? SL_MODEL_THREADS : SL_MODEL_PROCESSES;
      g_autofree char *text = NULL;

      if (entry->sample != SL_LEGEND_SERIES)
        continue;
      text = g_strdup_printf ("%s · %s", labels[r], sl_model_to_string (model));
      g_assert_cmpstr (entry->text, ==, text);
      g_assert_cmpfloat (color_distance (entry->color, sl_chart_overlay_color (FALSE, r, model)),
                         ==, 0.0);
      g_assert_cmpint (entry->marker, ==, model == SL_MODEL_THREADS ? SL_MARKER_CIRCLE
                                                                    : SL_MARKER_SQUARE);
      n_series++;
    }
  g_assert_cmpuint (n_series, ==, 4);

  /* No fits and no article between experiments; the ideal line stays. */
  g_assert_cmpuint (layout->curves->len, ==, 0);
  g_assert_cmpint (layout->ideal, ==, SL_IDEAL_DIAGONAL);
  g_assert_cmpstr (layout->title, ==, "Speedup — Sum of integers");
}

static void
test_labels_computed (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  const SlResult *results[2];

  make_pair (&a, &b);
  results[0] = a;
  results[1] = b;
  layout = sl_chart_layout_compute_overlay (results, 2, NULL, SL_CHART_EFFICIENCY, NULL, WIDTH,
                                            HEIGHT);
  /* What differs, computed from the documents: the runtime. */
  g_assert_cmpstr (((SlChartSeries *) layout->series->pdata[0])->label, ==, "native · threads");
  g_assert_cmpstr (((SlChartSeries *) layout->series->pdata[3])->label, ==, "Python · processes");
}

/* Hit-testing and the highlight work through every result's points. */
static void
test_points (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  g_autoptr(SlChartLayout) single = NULL;
  const SlResult *results[2];
  SlChartOptions options;
  cairo_surface_t *surface;
  double x, y;
  guint r = 99, p = 99;
  int index;

  make_pair (&a, &b);
  results[0] = a;
  results[1] = b;
  layout = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_TIME, NULL, WIDTH, HEIGHT);

  /* B's processes at 4 workers, 5 s: its sixth point, the fourteenth of all. */
  index = sl_chart_layout_find_point (layout, sl_chart_layout_x (layout, 4) + 1,
                                      sl_chart_layout_y (layout, 5.0), 6);
  g_assert_cmpint (index, ==, 8 + 6);
  g_assert_true (sl_chart_layout_get_overlay_point (layout, index, &r, &p));
  g_assert_cmpuint (r, ==, 1);
  g_assert_cmpuint (p, ==, 6);
  g_assert_true (g_ptr_array_index (b->points, p) == sl_result_find_point (b, SL_MODEL_PROCESSES, 4));
  g_assert_true (sl_chart_layout_get_point_position (layout, index, &x, &y));
  g_assert_cmpfloat_with_epsilon (y, sl_chart_layout_y (layout, 5.0), 1e-6);

  g_assert_true (sl_chart_layout_get_overlay_point (layout, 3, &r, &p));
  g_assert_cmpuint (r, ==, 0);
  g_assert_cmpuint (p, ==, 3);
  g_assert_false (sl_chart_layout_get_overlay_point (layout, 16, &r, &p));
  g_assert_false (sl_chart_layout_get_overlay_point (layout, -1, &r, &p));

  /* The accent ring goes around the highlighted point of B. */
  sl_chart_options_init (&options);
  options.highlight_point = index;
  g_clear_pointer (&layout, sl_chart_layout_free);
  layout = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_TIME, &options, WIDTH,
                                            HEIGHT);
  surface = render_layout (layout);
  {
    SlChartTheme theme;
    guint ring = 0;

    sl_chart_theme_init (&theme, FALSE);
    for (int dy = -14; dy <= 14; dy++)
      for (int dx = -14; dx <= 14; dx++)
        if (color_distance (pixel (surface, (int) x + dx, (int) y + dy), theme.accent) < 0.1)
          ring++;
    g_assert_cmpuint (ring, >, 20);
  }
  cairo_surface_destroy (surface);

  /* A chart of one result: result 0, the index itself. */
  single = sl_chart_layout_compute (a, SL_CHART_TIME, NULL, WIDTH, HEIGHT);
  g_assert_true (sl_chart_layout_get_overlay_point (single, 5, &r, &p));
  g_assert_cmpuint (r, ==, 0);
  g_assert_cmpuint (p, ==, 5);
  g_assert_false (sl_chart_layout_get_overlay_point (single, 8, &r, &p));
}

/* The usable CPUs are drawn only when the results agree on them. */
static void
test_cores (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlChartLayout) same = NULL;
  g_autoptr(SlChartLayout) different = NULL;
  const SlResult *results[2];

  make_pair (&a, &b);
  results[0] = a;
  results[1] = b;
  same = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  g_assert_true (same->show_cores);
  g_assert_cmpuint (same->usable_cpus, ==, 4);

  b->system->usable_cpus = 8;
  different = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_SPEEDUP, NULL, WIDTH,
                                               HEIGHT);
  g_assert_false (different->show_cores);
  g_assert_nonnull (strstr (different->subtitle, "different machines"));
}

/* Dark, many results, failed points, empty ones: nothing breaks, backgrounds stay. */
static void
test_many (void)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_free);
  const SlResult *results[8];
  SlChartOptions options;

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      SlResult *r = new_result (NULL, i % 2 ? "1,2,4" : "2,3,5,7", 4);

      for (guint j = 0; j < r->points->len; j++)
        {
          SlPoint *point = g_ptr_array_index (r->points, j);

          if (i == 3 && j == 1)
            fail_point (r, point->model, point->workers);
          else if (i != 5)
            set_point (r, point->model, point->workers, (1.0 + i) / point->workers, 1.0);
        }
      sl_analysis_update (r);
      g_ptr_array_add (owned, r);
      results[i] = r;
    }

  sl_chart_options_init (&options);
  for (guint dark = 0; dark < 2; dark++)
    for (guint kind = 0; kind < SL_N_CHART_KINDS; kind++)
      {
        g_autoptr(SlChartLayout) layout = NULL;
        cairo_surface_t *surface;

        if (kind == SL_CHART_TASKS)
          continue;
        options.dark = dark;
        layout = sl_chart_layout_compute_overlay (results, G_N_ELEMENTS (results), NULL, kind,
                                                  &options, WIDTH, HEIGHT);
        g_assert_cmpuint (layout->series->len, ==, 16);
        surface = render_layout (layout);
        g_assert_cmpfloat (color_distance (pixel (surface, 1, 1),
                                           sl_chart_theme_color (dark, SL_CHART_ROLE_BACKGROUND)),
                           <, 0.01);
        cairo_surface_destroy (surface);

        /* Small too. */
        g_clear_pointer (&layout, sl_chart_layout_free);
        layout = sl_chart_layout_compute_overlay (results, 2, NULL, kind, &options, 160, 120);
        surface = render_layout (layout);
        cairo_surface_destroy (surface);
      }
}

/* What is exported is what the screen draws, pixel for pixel. */
static void
test_export (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) png2 = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "test-chart-overlay.svg", NULL);
  g_autofree char *contents = NULL;
  const SlResult *results[2];
  cairo_surface_t *screen, *file;
  gsize size;

  make_pair (&a, &b);
  results[0] = a;
  results[1] = b;

  png = sl_chart_render_overlay (results, 2, labels, SL_CHART_SPEEDUP, NULL, SL_CHART_FORMAT_PNG,
                                 640, 480, 1.0, &error);
  g_assert_no_error (error);
  layout = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_SPEEDUP, NULL, 640, 480);
  screen = render_layout (layout);
  file = decode_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (file), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (file), ==, 480);
  for (int yy = 0; yy < 480; yy++)
    for (int xx = 0; xx < 640; xx++)
      if (color_distance (pixel (screen, xx, yy), pixel (file, xx, yy)) > 0.0)
        g_error ("the PNG differs from the screen at %d, %d", xx, yy);
  cairo_surface_destroy (screen);
  cairo_surface_destroy (file);

  /* Twice the scale, twice the pixels. */
  png2 = sl_chart_render_overlay (results, 2, labels, SL_CHART_SPEEDUP, NULL, SL_CHART_FORMAT_PNG,
                                  640, 480, 2.0, &error);
  file = decode_png (png2);
  g_assert_cmpint (cairo_image_surface_get_width (file), ==, 1280);
  cairo_surface_destroy (file);

  pdf = sl_chart_render_overlay (results, 2, labels, SL_CHART_TIME, NULL, SL_CHART_FORMAT_PDF,
                                 640, 480, 1.0, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (g_bytes_get_data (pdf, &size), "%PDF", 4) == 0);

  g_assert_true (sl_chart_export_overlay (results, 2, labels, SL_CHART_TIME, NULL, path, 640, 480,
                                          1.0, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_nonnull (strstr (contents, "<title>Wall time — Sum of integers</title>"));
  g_remove (path);

  /* Sizes and names are checked as for one result. */
  g_assert_null (sl_chart_render_overlay (results, 2, labels, SL_CHART_TIME, NULL,
                                          SL_CHART_FORMAT_SVG, 10, 480, 1.0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sl_chart_export_overlay (results, 2, labels, SL_CHART_TIME, NULL, "chart.gif",
                                           640, 480, 1.0, &error));
  g_assert_nonnull (error);
}

static void
test_titles (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlResult) c = new_result ("seed-cpu", "1,2", 4);
  g_autofree char *same = NULL;
  g_autofree char *different = NULL;
  const SlResult *results[3];

  make_pair (&a, &b);
  results[0] = a;
  results[1] = b;
  results[2] = c;
  same = sl_chart_dup_overlay_title (results, 2, SL_CHART_SPEEDUP);
  g_assert_cmpstr (same, ==, "Speedup — Sum of integers");
  different = sl_chart_dup_overlay_title (results, 3, SL_CHART_CPU);
  g_assert_cmpstr (different, ==, "CPU utilization — 3 experiments");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-overlay/colors", test_colors);
  g_test_add_func ("/chart-overlay/series-pixels", test_series_pixels);
  g_test_add_func ("/chart-overlay/legend", test_legend);
  g_test_add_func ("/chart-overlay/labels-computed", test_labels_computed);
  g_test_add_func ("/chart-overlay/points", test_points);
  g_test_add_func ("/chart-overlay/cores", test_cores);
  g_test_add_func ("/chart-overlay/many", test_many);
  g_test_add_func ("/chart-overlay/export", test_export);
  g_test_add_func ("/chart-overlay/titles", test_titles);

  return g_test_run ();
}
