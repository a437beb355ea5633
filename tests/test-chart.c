/* test-chart.c: the chart renderer, checked on the pixels it draws (its exports and the chart
 * command are in test-chart-export.c). */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-chart-axis.h"
#include "sl-chart-private.h"
#include "sl-chart-test-util.h"
#include "sl-chart.h"

/* Tests: names and axes */

/* The subtitle names the parameters on one line: code (python-custom's) by its length. */
static void
test_subtitle_code (void)
{
  g_autoptr(SlResult) result = new_result (NULL, "1,2", 2);
  g_autofree char *subtitle = NULL;
  g_auto(GStrv) lines = NULL;

  g_free (result->spec->workload);
  result->spec->workload = g_strdup ("python-custom");
  sl_params_set (result->spec->params, "code", "def task(index, count):\n    return index\n");
  subtitle = sl_chart_build_subtitle (result);
  lines = g_strsplit (subtitle, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], "python-custom (code: 2 lines"));
  g_assert_null (strstr (subtitle, "def task"));
}

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

/* A chart is read by a person: its tick labels take the locale's decimal comma. */
static void
test_axis_tick_labels_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  char label[64];

  g_assert_cmpstr (sl_chart_format_tick (label, sizeof label, 0.5, 1), ==, "0.5");
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (tools/setup.sh installs it)");
      return;
    }
  g_assert_cmpstr (sl_chart_format_tick (label, sizeof label, 0.5, 1), ==, "0,5");
  g_assert_cmpstr (sl_chart_format_tick (label, sizeof label, 12.0, 2), ==, "12,00");
  g_assert_cmpstr (sl_chart_format_tick (label, sizeof label, 16.0, 0), ==, "16");
  setlocale (LC_NUMERIC, saved);
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
  point->speedup_lo = -INFINITY;
  point->efficiency = -INFINITY;
  point->cpu_util = NAN;
  point = sl_result_find_point (broken, SL_MODEL_THREADS, 4);
  point->speedup = 1e300;
  point->speedup_err = INFINITY;
  point->speedup_hi = INFINITY;
  point->wall.min = -5.0;
  point->wall.median_lo = -5.0;
  point->wall.median_hi = NAN;
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

/* One task 50 times slower than the others does not squeeze them into one bar: the axis ends
 * near p99, the slow task is counted off the chart, not drawn in the last bar. */
static void
test_tasks_outlier (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(SlChartLayout) layout = NULL;
  g_autoptr(SlChartLayout) plain = NULL;
  SlChartOptions options;
  SlPoint *point = sl_result_find_point (result, SL_MODEL_PROCESSES, 2);
  double plot_x, plot_w;

  sl_chart_options_init (&options);
  options.task_point = 4 + 1;
  plain = sl_chart_layout_compute (result, SL_CHART_TASKS, &options, WIDTH, HEIGHT);

  /* 50 tasks between 78 and 155 ms (set_point), then one of 8 s. */
  g_array_append_val (point->latencies_s, (double) { 8.0 });
  point->latencies_summarized = 0;
  layout = sl_chart_layout_compute (result, SL_CHART_TASKS, &options, WIDTH, HEIGHT);
  sl_chart_layout_get_plot_area (layout, &plot_x, NULL, &plot_w, NULL);

  /* The axis still ends within about twice the slowest of the others; 8 s lies beyond it. */
  g_assert_cmpfloat (sl_chart_layout_x (layout, 0.155), <=, plot_x + plot_w);
  g_assert_cmpfloat (sl_chart_layout_x (layout, 0.5), >, plot_x + plot_w);
  /* Drawn as without it, but for the count. */
  g_assert_cmpfloat_with_epsilon (sl_chart_layout_x (layout, 0.1), sl_chart_layout_x (plain, 0.1),
                                  plot_w * 0.2);
}

/* Threads and processes with the same times (I/O-bound work): each still shows, its markers
 * beside the other's, in its own colour, and the pointer finds each; points apart stay put. */
static void
test_equal_series (void)
{
  g_autoptr(SlResult) result = new_result (NULL, "1,2,4,8", 4);
  g_autoptr(SlChartLayout) layout = NULL;
  cairo_surface_t *surface;
  double tx, ty, px, py;
  int threads_index = -1, processes_index = -1;

  for (guint w = 1; w <= 8; w *= 2)
    {
      set_point (result, SL_MODEL_THREADS, w, 8.0 / w, 1.0);
      /* The same, but at 8 workers where processes are clearly slower. */
      set_point (result, SL_MODEL_PROCESSES, w, w == 8 ? 4.0 : 8.0 / w, 1.0);
    }
  sl_analysis_update (result);

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->workers == 4)
        *(point->model == SL_MODEL_THREADS ? &threads_index : &processes_index) = (int) i;
    }

  layout = sl_chart_layout_compute (result, SL_CHART_TIME, NULL, WIDTH, HEIGHT);
  surface = render (result, SL_CHART_TIME, NULL, WIDTH, HEIGHT);
  g_assert_true (sl_chart_layout_get_point_position (layout, threads_index, &tx, &ty));
  g_assert_true (sl_chart_layout_get_point_position (layout, processes_index, &px, &py));

  /* Side by side, around their worker count, less than two markers apart. */
  g_assert_cmpfloat_with_epsilon (ty, py, 1e-9);
  g_assert_cmpfloat (tx, <, px);
  g_assert_cmpfloat_with_epsilon ((tx + px) / 2.0, sl_chart_layout_x (layout, 4), 1e-9);
  g_assert_cmpfloat (px - tx, <=, 2 * 0.36 * 16);
  g_assert_cmpint (sl_chart_layout_find_point (layout, tx, ty, 1), ==, threads_index);
  g_assert_cmpint (sl_chart_layout_find_point (layout, px, py, 1), ==, processes_index);
  g_assert_true (color_near (surface, tx - 1, ty, 1, sl_chart_series_color (FALSE, 0), 0.1));
  g_assert_true (color_near (surface, px + 1, py, 1, sl_chart_series_color (FALSE, 1), 0.1));

  /* At 8 workers they differ: each exactly at its worker count. */
  for (guint i = 0; i < result->points->len; i++)
    if (((SlPoint *) g_ptr_array_index (result->points, i))->workers == 8)
      {
        g_assert_true (sl_chart_layout_get_point_position (layout, (int) i, &tx, NULL));
        g_assert_cmpfloat_with_epsilon (tx, sl_chart_layout_x (layout, 8), 1e-9);
      }

  cairo_surface_destroy (surface);
}

/* The error bars are the 95 % intervals: the median's on the time chart, the speedup's on the
 * speedup and efficiency charts; the legend says so. A result with equal repetitions has none. */
static void
test_error_bars (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  static const struct { SlChartKind kind; const char *legend; } kinds[] = {
    { SL_CHART_TIME, "95 % interval of the median" },
    { SL_CHART_SPEEDUP, "95 % bootstrap interval" },
    { SL_CHART_EFFICIENCY, "95 % bootstrap interval" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(SlChartLayout) flat = sl_chart_layout_compute (result, kinds[k].kind, NULL, WIDTH,
                                                               HEIGHT);

      for (guint i = 0; i < flat->legend->len; i++)
        g_assert_cmpint (((SlLegendEntry *) g_ptr_array_index (flat->legend, i))->sample, !=,
                         SL_LEGEND_ERROR_BAR);
    }

  /* Six repetitions spread by ±10 % at every point. */
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);
      double wall = g_array_index (point->repetitions, SlRepetition, 0).wall_s;

      g_array_set_size (point->repetitions, 0);
      for (guint r = 0; r < 6; r++)
        {
          SlRepetition rep = { 0 };

          rep.wall_s = wall * (0.9 + 0.04 * r);
          rep.checksum_ok = TRUE;
          g_array_append_val (point->repetitions, rep);
        }
    }
  sl_analysis_update (result);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, kinds[k].kind, NULL,
                                                                 WIDTH, HEIGHT);
      gboolean named = FALSE;
      guint bars = 0;

      for (guint i = 0; i < layout->series->len; i++)
        {
          const SlChartSeries *series = g_ptr_array_index (layout->series, i);

          for (guint j = 0; j < series->samples->len; j++)
            {
              const SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);
              const SlPoint *point;

              if (series->reference || s->point_index < 0)
                continue;
              point = g_ptr_array_index (result->points, s->point_index);
              if (kinds[k].kind == SL_CHART_TIME)
                {
                  g_assert_cmpfloat (s->lo, ==, point->wall.median_lo);
                  g_assert_cmpfloat (s->hi, ==, point->wall.median_hi);
                }
              else if (point->workers == 1)
                g_assert_true (isnan (s->lo) && isnan (s->hi));
              else
                {
                  double scale = kinds[k].kind == SL_CHART_SPEEDUP ? 1.0 : 100.0 / point->workers;

                  g_assert_cmpfloat_with_epsilon (s->lo, point->speedup_lo * scale, 1e-9);
                  g_assert_cmpfloat_with_epsilon (s->hi, point->speedup_hi * scale, 1e-9);
                  g_assert_cmpfloat (s->lo, <, s->y);
                  g_assert_cmpfloat (s->hi, >, s->y);
                }
              bars += isfinite (s->lo);
            }
        }
      g_assert_cmpuint (bars, >, 0);

      for (guint i = 0; i < layout->legend->len; i++)
        {
          const SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);

          if (entry->sample == SL_LEGEND_ERROR_BAR)
            {
              g_assert_cmpstr (entry->text, ==, kinds[k].legend);
              named = TRUE;
            }
        }
      g_assert_true (named);
    }

  /* With 5 repetitions the median's bars are the whole range, and the legend says how sure. */
  for (guint i = 0; i < result->points->len; i++)
    g_array_set_size (((SlPoint *) g_ptr_array_index (result->points, i))->repetitions, 5);
  sl_analysis_update (result);
  {
    g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, SL_CHART_TIME, NULL, WIDTH,
                                                               HEIGHT);
    gboolean named = FALSE;

    for (guint i = 0; i < layout->legend->len; i++)
      {
        const SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);

        if (entry->sample == SL_LEGEND_ERROR_BAR)
          {
            g_assert_cmpstr (entry->text, ==, "Interval of the median (94 % confidence with 5 runs)");
            named = TRUE;
          }
      }
    g_assert_true (named);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/kind-names", test_kind_names);
  g_test_add_func ("/chart/subtitle/code", test_subtitle_code);
  g_test_add_func ("/chart/axis/ticks", test_axis_ticks);
  g_test_add_func ("/chart/axis/tick-labels/locale", test_axis_tick_labels_locale);
  g_test_add_func ("/chart/axis/mapping", test_axis_mapping);
  g_test_add_func ("/chart/speedup/ideal-line", test_speedup_ideal_line);
  g_test_add_func ("/chart/speedup/data-points", test_speedup_data_points);
  g_test_add_func ("/chart/cores-marker", test_cores_marker);
  g_test_add_func ("/chart/themes", test_themes);
  g_test_add_func ("/chart/failed-point", test_failed_point);
  g_test_add_func ("/chart/error-bars", test_error_bars);
  g_test_add_func ("/chart/reference-series", test_reference_series);
  g_test_add_func ("/chart/degenerate", test_degenerate);
  g_test_add_func ("/chart/partial", test_partial);
  g_test_add_func ("/chart/equal-series", test_equal_series);
  g_test_add_func ("/chart/tasks-outlier", test_tasks_outlier);
  g_test_add_func ("/chart/tasks", test_tasks);

  return g_test_run ();
}
