/* test-chart-window.c: what a window needs of the chart renderer, checked on the pixels: one
 * layout both drawn and hit-tested, exports that match it, the caller's fonts and colours, a
 * sweep drawn while it runs, and the highlighted point. */
#define G_LOG_DOMAIN "test-chart"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-chart-test-util.h"
#include "sl-chart.h"

static cairo_surface_t *
draw_layout_surface (const SlChartLayout *layout,
                     int                  width,
                     int                  height,
                     double               scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         (int) ceil (width * scale),
                                                         (int) ceil (height * scale));
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  sl_chart_draw_layout (cr, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint differ = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (color_distance (pixel (a, x, y), pixel (b, x, y)) > 0.0)
        differ++;

  return differ;
}

/* Pixels of `color`, give or take `tolerance`, in the whole surface. */
static guint
count_color (cairo_surface_t *surface,
             SlChartColor     color,
             double           tolerance)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (color_distance (pixel (surface, x, y), color) <= tolerance)
        n++;

  return n;
}

static int
point_index (const SlResult *result,
             const SlPoint  *point)
{
  for (guint i = 0; i < result->points->len; i++)
    if (g_ptr_array_index (result->points, i) == point)
      return (int) i;

  g_assert_not_reached ();
}

/* Drawing one layout */

/* sl_chart_draw() is compute + draw: a layout drawn once or twice paints the same pixels. */
static void
test_draw_layout (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  SlChartOptions options;

  sl_chart_options_init (&options);
  for (guint dark = 0; dark < 2; dark++)
    for (guint kind = 0; kind < SL_N_CHART_KINDS; kind++)
      {
        g_autoptr(SlChartLayout) layout = NULL;
        cairo_surface_t *drawn, *once, *twice;

        options.dark = dark;
        drawn = render (result, kind, &options, WIDTH, HEIGHT);
        layout = sl_chart_layout_compute (result, kind, &options, WIDTH, HEIGHT);
        once = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
        twice = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);

        g_assert_cmpuint (count_differences (drawn, once), ==, 0);
        g_assert_cmpuint (count_differences (once, twice), ==, 0);

        cairo_surface_destroy (drawn);
        cairo_surface_destroy (once);
        cairo_surface_destroy (twice);
      }
}

/* The result and everything the options point to may go once the layout is computed. */
static void
test_layout_outlives_result (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  SlResult *copy = sl_result_copy (result);
  SlChartTheme *theme = g_new (SlChartTheme, 1);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 10");
  cairo_font_options_t *font_options = cairo_font_options_create ();
  g_autoptr(SlChartLayout) layout = NULL;
  SlChartOptions options;
  cairo_surface_t *expected, *drawn;

  sl_chart_theme_init (theme, TRUE);
  sl_chart_options_init (&options);
  options.theme = theme;
  options.font = font;
  options.font_options = font_options;
  options.highlight_point = 6;
  expected = render (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);

  layout = sl_chart_layout_compute (copy, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  sl_result_free (copy);
  memset (theme, 0, sizeof *theme);
  g_free (theme);
  pango_font_description_free (font);
  cairo_font_options_destroy (font_options);

  drawn = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
  g_assert_cmpuint (count_differences (expected, drawn), ==, 0);

  cairo_surface_destroy (expected);
  cairo_surface_destroy (drawn);
}

/* What the window draws for a layout is what an export of the same options and size holds, for
 * every kind, with the caller's theme, fonts and highlight, at 1× and 2×. */
static void
test_export_matches_screen (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("DejaVu Serif 9");
  cairo_font_options_t *font_options = cairo_font_options_create ();
  SlChartOptions options;
  SlChartTheme theme;

  sl_chart_theme_init (&theme, FALSE);
  theme.roles[SL_CHART_ROLE_BACKGROUND] = (SlChartColor) { 0.98, 0.96, 0.90 };
  theme.accent = (SlChartColor) { 0.90, 0.10, 0.50 };
  theme.high_contrast = TRUE;
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_FULL);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_ON);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);

  sl_chart_options_init (&options);
  options.theme = &theme;
  options.font = font;
  options.font_options = font_options;
  options.highlight_point = 6;

  for (guint kind = 0; kind < SL_N_CHART_KINDS; kind++)
    for (double scale = 1.0; scale <= 2.0; scale += 1.0)
      {
        g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, kind, &options,
                                                                   WIDTH, HEIGHT);
        g_autoptr(GBytes) png = NULL;
        g_autoptr(GError) error = NULL;
        cairo_surface_t *screen, *exported;

        screen = draw_layout_surface (layout, WIDTH, HEIGHT, scale);
        png = sl_chart_render (result, kind, &options, SL_CHART_FORMAT_PNG, WIDTH, HEIGHT, scale,
                               &error);
        g_assert_no_error (error);
        exported = decode_png (png);
        g_assert_cmpint (cairo_surface_status (exported), ==, CAIRO_STATUS_SUCCESS);

        g_assert_cmpuint (count_differences (screen, exported), ==, 0);

        cairo_surface_destroy (screen);
        cairo_surface_destroy (exported);
      }

  cairo_font_options_destroy (font_options);
}

/* Colours and fonts from the caller */

static void
test_theme_defaults (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      SlChartTheme theme;

      sl_chart_theme_init (&theme, dark);
      g_assert_false (theme.high_contrast);
      for (guint role = 0; role < SL_N_CHART_ROLES; role++)
        g_assert_cmpfloat (color_distance (theme.roles[role], sl_chart_theme_color (dark, role)),
                           ==, 0.0);
      for (guint i = 0; i < SL_CHART_N_SERIES_COLORS; i++)
        g_assert_cmpfloat (color_distance (theme.series[i], sl_chart_series_color (dark, i)),
                           ==, 0.0);
      /* The accent stands out from the background it rings points on. */
      g_assert_cmpfloat (color_distance (theme.accent, theme.roles[SL_CHART_ROLE_BACKGROUND]),
                         >, 0.3);
    }
}

static void
test_theme_colors (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(SlChartLayout) layout = NULL;
  SlChartColor background = { 0.10, 0.20, 0.30 };
  SlChartColor green = { 0.0, 1.0, 0.0 };
  SlChartOptions options;
  SlChartTheme theme;
  cairo_surface_t *surface;

  sl_chart_theme_init (&theme, FALSE);
  theme.roles[SL_CHART_ROLE_BACKGROUND] = background;
  theme.series[1] = green;
  sl_chart_options_init (&options);
  options.theme = &theme;
  /* A theme replaces the built-in colours, dark or not. */
  options.dark = TRUE;

  layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  surface = render (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  g_assert_cmpfloat (color_distance (pixel (surface, 2, 2), background), <, 0.01);
  g_assert_cmpfloat (color_distance (pixel (surface, WIDTH - 3, HEIGHT - 3), background), <, 0.01);
  /* Processes are the second series: their marker at 4 workers is the theme's green. */
  g_assert_true (color_near (surface, sl_chart_layout_x (layout, 4),
                             sl_chart_layout_y (layout, 3.2), 0, green, 0.02));

  cairo_surface_destroy (surface);
}

/* High contrast: thicker data lines and a grid in the axis colour. */
static void
test_high_contrast (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  SlChartOptions options;
  SlChartTheme theme;
  double ink[2] = { 0.0, 0.0 };

  sl_chart_theme_init (&theme, FALSE);
  sl_chart_options_init (&options);
  options.theme = &theme;
  options.show_fits = FALSE;

  for (guint hc = 0; hc < 2; hc++)
    {
      g_autoptr(SlChartLayout) layout = NULL;
      cairo_surface_t *surface;
      double plot_y, plot_h, line_y;
      int x;

      theme.high_contrast = hc;
      layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
      surface = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
      sl_chart_layout_get_plot_area (layout, NULL, &plot_y, NULL, &plot_h);

      /* Threads are flat at 1×: between 1 and 2 workers their blue line crosses a column of
       * white pixels, which it fills as far as it is thick. */
      x = (int) sl_chart_layout_x (layout, 1.4);
      line_y = sl_chart_layout_y (layout, 1.0);
      for (int y = (int) line_y - 5; y <= (int) line_y + 5; y++)
        ink[hc] += 1.0 - pixel (surface, x, y).red;

      /* The vertical grid line at 2 workers, high above the data. */
      g_assert_true (color_near (surface, sl_chart_layout_x (layout, 2), plot_y + 0.1 * plot_h, 1,
                                 sl_chart_theme_color (FALSE, hc ? SL_CHART_ROLE_AXIS
                                                                 : SL_CHART_ROLE_GRID), 0.02));

      cairo_surface_destroy (surface);
    }

  /* Two pixels wide, and half as thick again. */
  g_assert_cmpfloat (ink[0], >, 1.5);
  g_assert_cmpfloat (ink[0], <, 2.6);
  g_assert_cmpfloat (ink[1], >, ink[0] + 0.6);
}

static void
plot_area_of_font (const SlResult *result,
                   const char     *font_name,
                   double         *plot_x,
                   double         *plot_y)
{
  g_autoptr(PangoFontDescription) font = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  SlChartOptions options;

  sl_chart_options_init (&options);
  if (font_name != NULL)
    font = pango_font_description_from_string (font_name);
  options.font = font;
  layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  sl_chart_layout_get_plot_area (layout, plot_x, plot_y, NULL, NULL);
}

/* A font's size sets the text, and so the room titles and labels take around the plot. */
static void
test_fonts (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  g_autoptr(PangoFontDescription) serif = pango_font_description_from_string ("DejaVu Serif");
  double x_default, y_default, x_big, y_big, x_small, y_small;
  cairo_surface_t *sans, *serifed;
  SlChartOptions options;

  /* 13.3 px at 800 × 600 by default; 20 px; 7 pt, which is 9.3 px. */
  plot_area_of_font (result, NULL, &x_default, &y_default);
  plot_area_of_font (result, "DejaVu Sans 20px", &x_big, &y_big);
  plot_area_of_font (result, "DejaVu Sans 7", &x_small, &y_small);
  g_assert_cmpfloat (x_big, >, x_default);
  g_assert_cmpfloat (y_big, >, y_default);
  g_assert_cmpfloat (x_small, <, x_default);
  g_assert_cmpfloat (y_small, <, y_default);

  /* A family without a size keeps the default size and changes the glyphs. */
  sl_chart_options_init (&options);
  sans = render (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  options.font = serif;
  serifed = render (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  g_assert_cmpuint (count_differences (sans, serifed), >, 100);

  cairo_surface_destroy (sans);
  cairo_surface_destroy (serifed);
}

/* Live sweeps */

/* Whether the line from (x0, y0) to (x1, y1) is drawn in `color` all along. */
static gboolean
segment_is (cairo_surface_t *surface,
            double           x0,
            double           y0,
            double           x1,
            double           y1,
            SlChartColor     color)
{
  for (double t = 0.2; t <= 0.8; t += 0.01)
    if (!color_near (surface, x0 + t * (x1 - x0), y0 + t * (y1 - y0), 1, color, 0.1))
      return FALSE;

  return TRUE;
}

static SlChartColor
mix (SlChartColor a,
     SlChartColor b,
     double       t)
{
  return (SlChartColor) { a.red + t * (b.red - a.red), a.green + t * (b.green - a.green),
                          a.blue + t * (b.blue - a.blue) };
}

static SlResult *
new_running_result (SlPoint **running)
{
  SlResult *result = new_result (NULL, "1,2,4,8", 4);

  result->status = SL_RESULT_RUNNING;
  set_point (result, SL_MODEL_THREADS, 1, 8.0, 1.0);
  set_point (result, SL_MODEL_THREADS, 2, 5.0, 1.6);
  *running = set_point (result, SL_MODEL_THREADS, 4, 4.0, 2.0);
  (*running)->status = SL_POINT_RUNNING;
  sl_analysis_update (result);

  return result;
}

/* A point still running is drawn hollow from the repetitions it has, joined by a faint
 * segment; once it is done, the segment is as the others and the marker filled. */
static void
test_live_running (void)
{
  SlPoint *point;
  g_autoptr(SlResult) result = new_running_result (&point);
  SlChartColor threads = sl_chart_series_color (FALSE, 0);
  SlChartColor background = sl_chart_theme_color (FALSE, SL_CHART_ROLE_BACKGROUND);
  SlChartOptions options;

  sl_chart_options_init (&options);
  options.show_fits = FALSE;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(SlChartLayout) layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP,
                                                                 &options, WIDTH, HEIGHT);
      cairo_surface_t *surface = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
      double x1 = sl_chart_layout_x (layout, 1), y1 = sl_chart_layout_y (layout, 1.0);
      double x2 = sl_chart_layout_x (layout, 2), y2 = sl_chart_layout_y (layout, 1.6);
      double x4 = sl_chart_layout_x (layout, 4), y4 = sl_chart_layout_y (layout, 2.0);
      gboolean running = pass == 0;

      /* Measured: solid. */
      g_assert_true (color_near (surface, x2, y2, 0, threads, 0.02));
      g_assert_true (segment_is (surface, x1, y1, x2, y2, threads));

      /* Running: a hollow marker and a faint segment to it; done: as the others. */
      g_assert_cmpint (sl_chart_layout_find_point (layout, x4, y4, 6), ==,
                       point_index (result, point));
      g_assert_true (color_near (surface, x4, y4, 5, threads, 0.1));
      g_assert_true (color_near (surface, x4, y4, 0, running ? background : threads, 0.02));
      g_assert_true (segment_is (surface, x2, y2, x4, y4, threads) == !running);
      g_assert_true (segment_is (surface, x2, y2, x4, y4, mix (background, threads, 0.4)) ==
                     running);

      cairo_surface_destroy (surface);
      point->status = SL_POINT_DONE;
    }
}

/* Crosses on the axis under x, in the threads' colour. */
static guint
failed_mark_pixels (cairo_surface_t     *surface,
                    const SlChartLayout *layout,
                    double               x)
{
  double plot_y, plot_h;
  guint marks = 0;

  sl_chart_layout_get_plot_area (layout, NULL, &plot_y, NULL, &plot_h);
  for (int y = (int) (plot_y + plot_h) - 20; y < (int) (plot_y + plot_h); y++)
    for (int dx = -6; dx <= 6; dx++)
      if (color_distance (pixel (surface, (int) x + dx, y), sl_chart_series_color (FALSE, 0)) <
          0.15)
        marks++;

  return marks;
}

/* A point cancelled with some repetitions measured is drawn from them, hollow, and not marked
 * as a failure; one cancelled before any is a gap: not measured is not failed. */
static void
test_live_cancelled (void)
{
  SlPoint *point;
  g_autoptr(SlResult) result = new_running_result (&point);
  SlChartColor background = sl_chart_theme_color (FALSE, SL_CHART_ROLE_BACKGROUND);
  g_autoptr(SlChartLayout) partial = NULL;
  g_autoptr(SlChartLayout) empty = NULL;
  cairo_surface_t *surface;
  double x4, y4;

  /* The analysis keeps the values of a cancelled point from its repetitions. */
  point->status = SL_POINT_CANCELLED;
  result->status = SL_RESULT_CANCELLED;
  sl_analysis_update (result);

  partial = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  surface = draw_layout_surface (partial, WIDTH, HEIGHT, 1.0);
  x4 = sl_chart_layout_x (partial, 4);
  y4 = sl_chart_layout_y (partial, 2.0);
  g_assert_cmpint (sl_chart_layout_find_point (partial, x4, y4, 6), ==,
                   point_index (result, point));
  g_assert_true (sl_chart_layout_get_point_position (partial, point_index (result, point), NULL,
                                                     NULL));
  g_assert_true (color_near (surface, x4, y4, 0, background, 0.02));
  g_assert_cmpuint (failed_mark_pixels (surface, partial, x4), ==, 0);
  cairo_surface_destroy (surface);

  g_array_set_size (point->repetitions, 0);
  sl_analysis_update (result);
  empty = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, NULL, WIDTH, HEIGHT);
  surface = draw_layout_surface (empty, WIDTH, HEIGHT, 1.0);
  g_assert_cmpint (sl_chart_layout_find_point (empty, x4, y4, 6), ==, -1);
  g_assert_false (sl_chart_layout_get_point_position (empty, point_index (result, point), NULL,
                                                      NULL));
  g_assert_cmpuint (failed_mark_pixels (surface, empty, sl_chart_layout_x (empty, 4)), ==, 0);
  cairo_surface_destroy (surface);
}

/* Whether the tasks chart draws its solid p50 line at latency `seconds`. */
static gboolean
p50_line_at (const SlResult *result,
             int             task_point,
             double          seconds)
{
  g_autoptr(SlChartLayout) layout = NULL;
  SlChartColor text = sl_chart_theme_color (FALSE, SL_CHART_ROLE_TEXT);
  SlChartOptions options;
  cairo_surface_t *surface;
  double x, plot_y, plot_h;
  gboolean found = TRUE;

  sl_chart_options_init (&options);
  options.task_point = task_point;
  layout = sl_chart_layout_compute (result, SL_CHART_TASKS, &options, WIDTH, HEIGHT);
  surface = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
  sl_chart_layout_get_plot_area (layout, NULL, &plot_y, NULL, &plot_h);
  x = sl_chart_layout_x (layout, seconds);

  /* The top of the plot, above the bars. */
  for (double y = plot_y + 2.0; y < plot_y + 0.2 * plot_h; y += 4.0)
    found = found && color_near (surface, x, y, 1, text, 0.25);

  cairo_surface_destroy (surface);
  return found;
}

/* The tasks chart takes the percentiles the analysis summarized and computes them only for
 * latencies that changed since. */
static void
test_tasks_percentiles (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  SlPoint *point = sl_result_find_point (result, SL_MODEL_PROCESSES, 2);
  int index = point_index (result, point);
  g_autofree double *sorted = NULL;
  double p50;

  /* 50 tasks between 78 and 155 ms (set_point); the analysis has their p50. */
  g_assert_cmpuint (point->latencies_summarized, ==, point->latencies_s->len);
  sorted = g_memdup2 (point->latencies_s->data, point->latencies_s->len * sizeof (double));
  qsort (sorted, point->latencies_s->len, sizeof (double), sl_compare_doubles);
  p50 = sl_percentile_sorted (sorted, point->latencies_s->len, 0.5);
  g_assert_cmpfloat_with_epsilon (point->latency_p50, p50, 1e-12);
  g_assert_true (p50_line_at (result, index, p50));

  /* A summary that says otherwise is believed: nothing sorted the latencies again. */
  point->latency_p50 = 0.140;
  g_assert_true (p50_line_at (result, index, 0.140));
  g_assert_false (p50_line_at (result, index, p50));

  /* Latencies that arrived since the summary are counted. */
  point->latencies_summarized = 0;
  g_assert_true (p50_line_at (result, index, p50));
  g_assert_false (p50_line_at (result, index, 0.140));
}

/* The highlighted point */

static gboolean
accent_near (cairo_surface_t *surface,
             double           x,
             double           y)
{
  SlChartTheme theme;

  sl_chart_theme_init (&theme, FALSE);
  return color_near (surface, x, y, 14, theme.accent, 0.05);
}

static guint
accent_pixels (cairo_surface_t *surface)
{
  SlChartTheme theme;

  sl_chart_theme_init (&theme, FALSE);
  return count_color (surface, theme.accent, 0.05);
}

static void
test_highlight (void)
{
  g_autoptr(SlResult) result = new_scaling_result ();
  int index = point_index (result, sl_result_find_point (result, SL_MODEL_PROCESSES, 4));
  int failed;
  g_autoptr(SlChartLayout) layout = NULL;
  SlChartOptions options;
  cairo_surface_t *plain, *ringed, *set, *unset;
  double x, y;

  sl_chart_options_init (&options);
  g_assert_cmpint (options.highlight_point, ==, -1);
  layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  g_assert_cmpint (sl_chart_layout_get_highlight_point (layout), ==, -1);

  /* Where the point is, as the hit-test finds it. */
  g_assert_true (sl_chart_layout_get_point_position (layout, index, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, sl_chart_layout_x (layout, 4), 1e-9);
  g_assert_cmpfloat_with_epsilon (y, sl_chart_layout_y (layout, 3.2), 1e-9);
  g_assert_cmpint (sl_chart_layout_find_point (layout, x + 2, y, 6), ==, index);
  g_assert_false (sl_chart_layout_get_point_position (layout, -1, &x, &y));
  g_assert_false (sl_chart_layout_get_point_position (layout, 1000, &x, &y));

  plain = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
  options.highlight_point = index;
  ringed = render (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  g_assert_cmpuint (accent_pixels (plain), ==, 0);
  g_assert_true (accent_near (ringed, x, y));
  g_assert_cmpuint (accent_pixels (ringed), >, 20);
  /* The marker is still there inside the ring. */
  g_assert_true (color_near (ringed, x, y, 0, sl_chart_series_color (FALSE, 1), 0.02));

  /* The pointer moving only redraws the layout it has. */
  sl_chart_layout_set_highlight_point (layout, index);
  g_assert_cmpint (sl_chart_layout_get_highlight_point (layout), ==, index);
  set = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
  g_assert_cmpuint (count_differences (set, ringed), ==, 0);
  sl_chart_layout_set_highlight_point (layout, -1);
  unset = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
  g_assert_cmpuint (count_differences (unset, plain), ==, 0);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (ringed);
  cairo_surface_destroy (set);
  cairo_surface_destroy (unset);

  /* A point the chart does not draw gets no ring. */
  fail_point (result, SL_MODEL_PROCESSES, 8);
  failed = point_index (result, sl_result_find_point (result, SL_MODEL_PROCESSES, 8));
  g_clear_pointer (&layout, sl_chart_layout_free);
  options.highlight_point = failed;
  layout = sl_chart_layout_compute (result, SL_CHART_SPEEDUP, &options, WIDTH, HEIGHT);
  g_assert_false (sl_chart_layout_get_point_position (layout, failed, NULL, NULL));
  ringed = draw_layout_surface (layout, WIDTH, HEIGHT, 1.0);
  g_assert_cmpuint (accent_pixels (ringed), ==, 0);
  cairo_surface_destroy (ringed);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart-window/draw-layout", test_draw_layout);
  g_test_add_func ("/chart-window/layout-outlives-result", test_layout_outlives_result);
  g_test_add_func ("/chart-window/export-matches-screen", test_export_matches_screen);
  g_test_add_func ("/chart-window/theme/defaults", test_theme_defaults);
  g_test_add_func ("/chart-window/theme/colors", test_theme_colors);
  g_test_add_func ("/chart-window/theme/high-contrast", test_high_contrast);
  g_test_add_func ("/chart-window/fonts", test_fonts);
  g_test_add_func ("/chart-window/live/running", test_live_running);
  g_test_add_func ("/chart-window/live/cancelled", test_live_cancelled);
  g_test_add_func ("/chart-window/tasks/percentiles", test_tasks_percentiles);
  g_test_add_func ("/chart-window/highlight", test_highlight);

  return g_test_run ();
}
