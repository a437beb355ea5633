/* test-chart.c: the chart renderer, checked on the pixels it draws, and its exports. */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "sl-analysis.h"
#include "sl-chart-axis.h"
#include "sl-chart-test-util.h"
#include "sl-chart.h"
#include "sl-cli-chart.h"
#include "sl-cli.h"
#include "sl-error.h"
#include "sl-result-io.h"

/* Tests: names and axes */

static void
test_kind_names (void)
{
  for (guint i = 0; i < SL_N_CHART_KINDS; i++)
    {
      SlChartKind kind;

      g_assert_true (sl_chart_kind_from_string (sl_chart_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (sl_chart_kind_get_title (i));
    }
  g_assert_true (sl_chart_kind_from_string ("SPEEDUP", NULL));
  g_assert_false (sl_chart_kind_from_string ("pie", NULL));
  g_assert_false (sl_chart_kind_from_string (NULL, NULL));
}

/* Checks the ticks an axis function returned, and frees them. */
static void
assert_ticks (GArray       *ticks,
              const double *expected,
              guint         n)
{
  g_autoptr(GArray) owned = ticks;

  g_assert_cmpuint (ticks->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (ticks, double, i), expected[i], 1e-9);
}

static void
test_axis_ticks (void)
{
  g_autoptr(GArray) degenerate = NULL;
  double lo, hi, step;

  assert_ticks (sl_chart_nice_ticks (0.0, 37.0, 6, &lo, &hi, &step),
                (double[]) { 0, 10, 20, 30, 40 }, 5);
  g_assert_cmpfloat (step, ==, 10.0);
  g_assert_cmpfloat (hi, ==, 40.0);

  assert_ticks (sl_chart_nice_ticks (0.0, 0.83, 6, NULL, NULL, &step),
                (double[]) { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }, 6);
  g_assert_cmpuint (sl_chart_step_decimals (step), ==, 1);
  g_assert_cmpuint (sl_chart_step_decimals (0.25), ==, 2);
  g_assert_cmpuint (sl_chart_step_decimals (5.0), ==, 0);

  /* Degenerate ranges still give a usable axis. */
  degenerate = sl_chart_nice_ticks (5.0, 5.0, 5, &lo, &hi, NULL);
  g_assert_cmpuint (degenerate->len, >=, 2);
  g_assert_cmpfloat (lo, <=, 5.0);
  g_assert_cmpfloat (hi, >, 5.0);
  g_array_unref (degenerate);
  degenerate = sl_chart_nice_ticks (NAN, INFINITY, 5, &lo, &hi, NULL);
  g_assert_cmpuint (degenerate->len, >=, 2);
  g_assert_true (isfinite (lo) && isfinite (hi) && hi > lo);

  assert_ticks (sl_chart_log2_ticks (1.0, 16.0, 10), (double[]) { 1, 2, 4, 8, 16 }, 5);
  assert_ticks (sl_chart_log2_ticks (1.0, 256.0, 5), (double[]) { 1, 4, 16, 64, 256 }, 5);

  g_assert_true (sl_chart_is_power_of_two (1));
  g_assert_true (sl_chart_is_power_of_two (64));
  g_assert_false (sl_chart_is_power_of_two (6));
  g_assert_false (sl_chart_is_power_of_two (0));
}

static void
test_axis_mapping (void)
{
  SlChartAxis axis;

  sl_chart_axis_init (&axis, 1.0, 16.0, TRUE);
  sl_chart_axis_set_pixels (&axis, 100.0, 500.0);
  g_assert_cmpfloat_with_epsilon (sl_chart_axis_map (&axis, 1.0), 100.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sl_chart_axis_map (&axis, 4.0), 300.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sl_chart_axis_map (&axis, 16.0), 500.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sl_chart_axis_unmap (&axis, 400.0), 8.0, 1e-9);

  /* A y axis runs upwards. */
  sl_chart_axis_init (&axis, 0.0, 10.0, FALSE);
  sl_chart_axis_set_pixels (&axis, 400.0, 100.0);
  g_assert_cmpfloat_with_epsilon (sl_chart_axis_map (&axis, 2.5), 325.0, 1e-9);

  /* Nothing a loaded file holds makes a mapping non-finite. */
  sl_chart_axis_init (&axis, 3.0, 3.0, FALSE);
  g_assert_true (axis.max > axis.min);
  sl_chart_axis_init (&axis, 0.0, 8.0, TRUE);
  g_assert_false (axis.log2);
  sl_chart_axis_init (&axis, NAN, 1.0, FALSE);
  g_assert_true (isfinite (sl_chart_axis_map (&axis, 0.5)));
}

/* Tests: geometry on the pixels */

static void
test_speedup_ideal_line (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, NULL,
                                                             WIDTH, HEIGHT);
  cairo_surface_t *surface = render (result, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  SlChartColor ideal = sl_chart_theme_color (FALSE, SL_CHART_ROLE_IDEAL);
  const double on_line[] = { 1.3, 1.5, 2.5, 3.0, 3.5 };

  /* Between the ticks, where no grid line or data point is: the ideal line S = W. */
  for (guint i = 0; i < G_N_ELEMENTS (on_line); i++)
    {
      double x = sl_chart_layout_x (layout, on_line[i]);
      double y = sl_chart_layout_y (layout, on_line[i]);

      g_assert_true (color_near (surface, x, y, 1, ideal, 0.12));
      /* …and only there: 12 pixels below it is plot background. */
      g_assert_false (color_near (surface, x, y + 12, 1, ideal, 0.12));
    }

  cairo_surface_destroy (surface);
}

static void
test_speedup_data_points (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, NULL,
                                                             WIDTH, HEIGHT);
  cairo_surface_t *surface = render (result, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  SlChartColor threads = sl_chart_series_color (FALSE, 0);
  SlChartColor processes = sl_chart_series_color (FALSE, 1);
  double x4 = sl_chart_layout_x (layout, 4);
  double plot_x, plot_y, plot_w, plot_h;

  g_assert_cmpfloat_with_epsilon (sl_result_find_point (result, SL_MODEL_PROCESSES, 4)->speedup,
                                  3.2, 1e-9);

  /* The marker centres are exactly the series colours. */
  g_assert_true (color_near (surface, x4, sl_chart_layout_y (layout, 3.2), 0, processes, 0.02));
  g_assert_true (color_near (surface, sl_chart_layout_x (layout, 2), sl_chart_layout_y (layout, 1.6),
                             0, processes, 0.02));
  g_assert_true (color_near (surface, sl_chart_layout_x (layout, 8), sl_chart_layout_y (layout, 1.0),
                             0, threads, 0.02));
  g_assert_false (color_near (surface, x4, sl_chart_layout_y (layout, 2.2), 2, processes, 0.1));

  /* The mapping spans the plot area: 1 and 8 workers inside it, in order, on a log2 axis. */
  sl_chart_layout_get_plot_area (layout, &plot_x, &plot_y, &plot_w, &plot_h);
  g_assert_cmpfloat (sl_chart_layout_x (layout, 1), >=, plot_x);
  g_assert_cmpfloat (sl_chart_layout_x (layout, 8), <=, plot_x + plot_w);
  g_assert_cmpfloat_with_epsilon (x4 - sl_chart_layout_x (layout, 2),
                                  sl_chart_layout_x (layout, 2) - sl_chart_layout_x (layout, 1),
                                  1e-6);
  g_assert_cmpfloat_with_epsilon (sl_chart_layout_y (layout, 0), plot_y + plot_h, 1e-6);

  /* Hit-testing finds the point under the pointer. */
  g_assert_cmpint (sl_chart_layout_find_point (layout, x4 + 2, sl_chart_layout_y (layout, 3.2), 6),
                   ==, (int) (4 + 2));
  g_assert_cmpint (sl_chart_layout_find_point (layout, plot_x + 1, plot_y + 1, 6), ==, -1);

  cairo_surface_destroy (surface);
}

/* The vertical line at the usable CPU count: a column of its own colour, and only one. */
static void
assert_cores_marker (SlChartKind kind)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, kind, NULL, WIDTH, HEIGHT);
  cairo_surface_t *surface = render (result, kind, NULL, WIDTH, HEIGHT);
  SlChartColor cores = sl_chart_theme_color (FALSE, SL_CHART_ROLE_CORES);
  double plot_y, plot_h;
  int x = (int) floor (sl_chart_layout_x (layout, 4));
  guint on = 0, beside = 0, total = 0;

  sl_chart_layout_get_plot_area (layout, NULL, &plot_y, NULL, &plot_h);
  for (int y = (int) plot_y + 1; y < (int) (plot_y + plot_h) - 1; y++)
    {
      total++;
      if (color_distance (pixel (surface, x, y), cores) < 0.05)
        on++;
      if (color_distance (pixel (surface, x + 3, y), cores) < 0.05 ||
          color_distance (pixel (surface, x - 3, y), cores) < 0.05)
        beside++;
    }

  /* Lines and markers cross it in places; most of the column is the marker. */
  g_assert_cmpuint (on, >, total * 8 / 10);
  g_assert_cmpuint (beside, ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_cores_marker (void)
{
  assert_cores_marker (SL_CHART_SPEEDUP);
  assert_cores_marker (SL_CHART_CPU);
}

static void
test_themes (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  SlChartOptions options;

  sl_chart_options_init (&options);
  for (guint kind = 0; kind < SL_N_CHART_KINDS; kind++)
    {
      cairo_surface_t *light, *dark;

      options.dark = FALSE;
      light = render (result, kind, &options, WIDTH, HEIGHT);
      options.dark = TRUE;
      dark = render (result, kind, &options, WIDTH, HEIGHT);

      g_assert_cmpfloat (luminance (pixel (light, 2, 2)), >, 0.9);
      g_assert_cmpfloat (luminance (pixel (dark, 2, 2)), <, 0.2);
      g_assert_cmpfloat (luminance (pixel (dark, WIDTH - 3, HEIGHT - 3)), <, 0.2);
      g_assert_cmpfloat (color_distance (pixel (dark, 2, 2),
                                         sl_chart_theme_color (TRUE, SL_CHART_ROLE_BACKGROUND)),
                         <, 0.01);

      cairo_surface_destroy (light);
      cairo_surface_destroy (dark);
    }

  /* Dark text on light, light text on dark. */
  g_assert_cmpfloat (luminance (sl_chart_theme_color (TRUE, SL_CHART_ROLE_TEXT)), >, 0.8);
  g_assert_cmpfloat (luminance (sl_chart_theme_color (FALSE, SL_CHART_ROLE_TEXT)), <, 0.3);
}

/* A failed point is a gap with a cross on the axis, never a line bridged across it. */
static void
test_failed_point (void)
{
  g_autoptr(SlResult) result = new_result (NULL, "1,2,4,8", 4);
  g_autoptr(SlChartLayout) layout = NULL;
  cairo_surface_t *surface;
  SlChartColor threads = sl_chart_series_color (FALSE, 0);
  double x4, plot_y, plot_h, bridged;
  guint marks = 0;

  set_point (result, SL_MODEL_THREADS, 1, 8.0, 1.0);
  set_point (result, SL_MODEL_THREADS, 2, 4.0, 2.0);
  fail_point (result, SL_MODEL_THREADS, 4);
  set_point (result, SL_MODEL_THREADS, 8, 2.0, 4.0);
  result->status = SL_RESULT_PARTIAL;
  sl_analysis_update (result);

  layout = sl_chart_layout_compute (result, SL_CHART_TIME, NULL, WIDTH, HEIGHT);
  surface = render (result, SL_CHART_TIME, NULL, WIDTH, HEIGHT);
  sl_chart_layout_get_plot_area (layout, NULL, &plot_y, NULL, &plot_h);
  x4 = sl_chart_layout_x (layout, 4);

  /* On a log2 axis 4 lies halfway between 2 and 8: a bridged line would pass here. */
  bridged = (sl_chart_layout_y (layout, 4.0) + sl_chart_layout_y (layout, 2.0)) / 2.0;
  g_assert_false (color_near (surface, x4, bridged, 2, threads, 0.25));
  g_assert_true (color_near (surface, sl_chart_layout_x (layout, 8), sl_chart_layout_y (layout, 2.0),
                             0, threads, 0.02));

  for (int y = (int) (plot_y + plot_h) - 20; y < (int) (plot_y + plot_h); y++)
    for (int x = (int) x4 - 6; x <= (int) x4 + 6; x++)
      if (color_distance (pixel (surface, x, y), threads) < 0.15)
        marks++;
  g_assert_cmpuint (marks, >=, 4);

  cairo_surface_destroy (surface);
}

static void
test_reference_series (void)
{
  g_autoptr(SlResult) result = new_result ("seed-cpu", NULL, 4);
  const guint workers[] = { 1, 2, 4, 8, 16 };
  SlChartOptions options;

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      set_point (result, SL_MODEL_THREADS, workers[i], 1.0, 1.0);
      set_point (result, SL_MODEL_PROCESSES, workers[i], 0.8, 1.0);
    }
  sl_analysis_update (result);
  sl_chart_options_init (&options);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(SlChartLayout) layout = NULL;
      cairo_surface_t *surface;
      double x, y;
      gboolean orange = FALSE;

      options.show_reference = pass == 0;
      layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
      surface = render (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);

      /* The article's processes at 8 workers: 36.21 s / 9.91 s. */
      x = sl_chart_layout_x (layout, 8);
      y = sl_chart_layout_y (layout, 36.21 / 9.91);
      for (int dy = -4; dy <= 4; dy++)
        for (int dx = -4; dx <= 4; dx++)
          {
            SlChartColor c = pixel (surface, (int) x + dx, (int) y + dy);

            if (c.red - c.blue > 0.2)
              orange = TRUE;
          }
      g_assert_true (orange == options.show_reference);

      cairo_surface_destroy (surface);
    }
}

/* Degenerate data: nothing crashes, nothing is drawn outside the chart, no criticals. */
static void
draw_every_kind (const SlResult *result)
{
  SlChartOptions options;

  sl_chart_options_init (&options);
  for (guint dark = 0; dark < 2; dark++)
    for (guint kind = 0; kind < SL_N_CHART_KINDS; kind++)
      {
        cairo_surface_t *surface;

        options.dark = dark;
        surface = render (result, kind, &options, 420, 300);
        g_assert_cmpfloat (color_distance (pixel (surface, 0, 299),
                                           sl_chart_theme_color (dark, SL_CHART_ROLE_BACKGROUND)),
                           <, 0.01);
        cairo_surface_destroy (surface);
        /* Tiny and huge sizes too. */
        surface = render (result, kind, &options, 40, 30);
        cairo_surface_destroy (surface);
      }
}

static void
test_degenerate (void)
{
  g_autoptr(SlResult) one = new_result (NULL, "4", 2);
  g_autoptr(SlResult) zero = new_result (NULL, "1,2,4", 2);
  g_autoptr(SlResult) broken = new_result ("seed-io", NULL, 2);
  g_autoptr(SlResult) many = new_result (NULL, "1-256", 8);
  g_autoptr(SlResult) failed = new_result (NULL, "1,2", 2);
  SlPoint *point;
  double bad;

  /* One point */
  set_point (one, SL_MODEL_THREADS, 4, 0.5, 2.0);
  sl_analysis_update (one);
  draw_every_kind (one);

  /* Zero times */
  for (guint w = 1; w <= 4; w *= 2)
    {
      set_point (zero, SL_MODEL_THREADS, w, 0.0, 0.0);
      set_point (zero, SL_MODEL_PROCESSES, w, 0.0, 0.0);
    }
  sl_analysis_update (zero);
  draw_every_kind (zero);

  /* NaN and infinities where a loaded file had garbage, set after the analysis */
  for (guint w = 1; w <= 16; w *= 2)
    set_point (broken, SL_MODEL_THREADS, w, 1.0 / w, w);
  sl_analysis_update (broken);
  point = sl_result_find_point (broken, SL_MODEL_THREADS, 2);
  point->wall.median = INFINITY;
  point->wall.max = NAN;
  point->speedup = INFINITY;
  point->speedup_err = NAN;
  point->efficiency = -INFINITY;
  point->cpu_util = NAN;
  point = sl_result_find_point (broken, SL_MODEL_THREADS, 4);
  point->speedup = 1e300;
  point->speedup_err = INFINITY;
  point->wall.min = -5.0;
  bad = NAN;
  g_array_append_val (point->latencies_s, bad);
  bad = INFINITY;
  g_array_append_val (point->latencies_s, bad);
  bad = -1.0;
  g_array_append_val (point->latencies_s, bad);
  draw_every_kind (broken);

  /* Hundreds of worker counts */
  for (guint w = 1; w <= 256; w++)
    {
      set_point (many, SL_MODEL_THREADS, w, 1.0 / MIN (w, 8), MIN (w, 8));
      if (w % 7 == 0)
        fail_point (many, SL_MODEL_PROCESSES, w);
      else
        set_point (many, SL_MODEL_PROCESSES, w, 1.2 / MIN (w, 8), MIN (w, 8));
    }
  sl_analysis_update (many);
  draw_every_kind (many);

  /* Every point failed */
  fail_point (failed, SL_MODEL_THREADS, 1);
  fail_point (failed, SL_MODEL_THREADS, 2);
  fail_point (failed, SL_MODEL_PROCESSES, 1);
  fail_point (failed, SL_MODEL_PROCESSES, 2);
  failed->status = SL_RESULT_PARTIAL;
  sl_analysis_update (failed);
  draw_every_kind (failed);

  /* No analysis at all */
  g_clear_pointer (&failed->analysis, sl_analysis_free);
  draw_every_kind (failed);
}

/* A sweep still running keeps its x axis and draws what it has. */
static void
test_partial (void)
{
  g_autoptr(SlResult) result = new_result (NULL, "1,2,4,8,16", 4);
  g_autoptr(SlChartLayout) empty = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  cairo_surface_t *surface;
  double plot_x, plot_w;

  result->status = SL_RESULT_RUNNING;
  sl_analysis_update (result);
  empty = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  draw_every_kind (result);

  set_point (result, SL_MODEL_THREADS, 1, 4.0, 1.0);
  set_point (result, SL_MODEL_THREADS, 2, 2.0, 2.0);
  sl_result_find_point (result, SL_MODEL_THREADS, 4)->status = SL_POINT_RUNNING;
  sl_analysis_update (result);
  draw_every_kind (result);

  layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  sl_chart_layout_get_plot_area (layout, &plot_x, NULL, &plot_w, NULL);
  g_assert_cmpfloat (sl_chart_layout_x (layout, 16), <=, plot_x + plot_w);
  g_assert_cmpfloat (sl_chart_layout_x (layout, 16), >, sl_chart_layout_x (layout, 8));
  /* The x axis ended at 16 workers before the first point arrived, too. */
  {
    double empty_x, empty_w;

    sl_chart_layout_get_plot_area (empty, &empty_x, NULL, &empty_w, NULL);
    g_assert_cmpfloat_with_epsilon (plot_x + plot_w - sl_chart_layout_x (layout, 16),
                                    empty_x + empty_w - sl_chart_layout_x (empty, 16), 0.5);
  }

  surface = render (result, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  g_assert_true (color_near (surface, sl_chart_layout_x (layout, 2), sl_chart_layout_y (layout, 2.0),
                             0, sl_chart_series_color (FALSE, 0), 0.02));
  cairo_surface_destroy (surface);
}

static void
test_tasks (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(SlChartLayout) layout = NULL;
  SlChartOptions options;
  cairo_surface_t *surface;
  SlPoint *point = sl_result_find_point (result, SL_MODEL_PROCESSES, 2);
  double plot_y, plot_h;
  guint bar_pixels = 0;

  /* 50 tasks between 78 and 155 ms (set_point). */
  sl_chart_options_init (&options);
  options.task_point = 4 + 1;
  g_assert_true (g_ptr_array_index (result->points, options.task_point) == point);

  layout = sl_chart_layout_compute (result, SL_CHART_TASKS, &options, WIDTH, HEIGHT);
  surface = render (result, SL_CHART_TASKS, &options, WIDTH, HEIGHT);
  sl_chart_layout_get_plot_area (layout, NULL, &plot_y, NULL, &plot_h);

  /* Bars stand on the axis at the latencies measured, and nowhere below the shortest. */
  for (double t = 0.080; t < 0.150; t += 0.002)
    if (luminance (pixel (surface, (int) sl_chart_layout_x (layout, t), (int) (plot_y + plot_h) - 3)) < 0.8)
      bar_pixels++;
  g_assert_cmpuint (bar_pixels, >, 20);
  g_assert_cmpfloat (sl_chart_layout_x (layout, 0.078), <, sl_chart_layout_x (layout, 0.155));

  cairo_surface_destroy (surface);

  /* An index out of range falls back to the best point. */
  options.task_point = 1000;
  draw_every_kind (result);
}

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
  g_autofree char *dir = g_dir_make_tmp ("test-chart-XXXXXX", &error);
  const char *names[] = { "chart.png", "chart.SVG", "chart.pdf" };
  const char *magic[] = { "\x89PNG", "<?xm", "%PDF" };
  SlChartFormat format;

  g_assert_no_error (error);

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

  g_rmdir (dir);
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

  dir = g_dir_make_tmp ("test-chart-cli-XXXXXX", &error);
  g_assert_no_error (error);
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

  g_unlink (json);
  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

static void
test_cli_requests (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-chart-run-XXXXXX", &error);
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

  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/kind-names", test_kind_names);
  g_test_add_func ("/chart/axis/ticks", test_axis_ticks);
  g_test_add_func ("/chart/axis/mapping", test_axis_mapping);
  g_test_add_func ("/chart/speedup/ideal-line", test_speedup_ideal_line);
  g_test_add_func ("/chart/speedup/data-points", test_speedup_data_points);
  g_test_add_func ("/chart/cores-marker", test_cores_marker);
  g_test_add_func ("/chart/themes", test_themes);
  g_test_add_func ("/chart/failed-point", test_failed_point);
  g_test_add_func ("/chart/reference-series", test_reference_series);
  g_test_add_func ("/chart/degenerate", test_degenerate);
  g_test_add_func ("/chart/partial", test_partial);
  g_test_add_func ("/chart/tasks", test_tasks);
  g_test_add_func ("/chart/export/svg", test_export_svg);
  g_test_add_func ("/chart/export/pdf", test_export_pdf);
  g_test_add_func ("/chart/export/png-scale", test_export_png_scale);
  g_test_add_func ("/chart/export/png-pixels", test_export_png_pixels);
  g_test_add_func ("/chart/export/files", test_export_files);
  g_test_add_func ("/chart/cli/command", test_cli_chart);
  g_test_add_func ("/chart/cli/requests", test_cli_requests);

  return g_test_run ();
}
