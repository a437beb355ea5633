/* test-chart-export-ui.c: the widgets of comparing and exporting, each in a window of its own
 * with results built by hand: the chart view's overlay, its exports against its own pixels on
 * screen, the comparison table, the result table as text, and the export dialog.
 *
 * Needs a display (tools/test starts Xvfb); without one it skips. Every wait iterates the main
 * loop until the state is reached or a deadline passes. With SL_TEST_SCREENSHOTS set to a
 * folder, the export dialog is saved there, light and dark.
 */
#define G_LOG_DOMAIN "test-chart-export-ui"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sl-analysis.h"
#include "sl-chart-test-util.h"
#include "sl-chart-view.h"
#include "sl-compare-item.h"
#include "sl-compare-table.h"
#include "sl-compare.h"
#include "sl-error.h"
#include "sl-export-dialog.h"
#include "sl-point-item.h"
#include "sl-result-table.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"
#include "sl-ui-util.h"

/* ---- waiting ---- */

/* Iterates the main context until `done` or `seconds` have passed; returns `done`'s answer. */
/* Mapped and allocated: its size is the one on screen. */
/* Lets the main loop run for `seconds` whatever happens: libadwaita's transitions end. */
/* ---- results and windows ---- */

/* A: threads flat at 8 s, processes scaling to 4 CPUs. B: the same experiment twice as slow, in
 * Python. Each point gets `extra` more repetitions, 1 % apart, so that the comparison's test
 * has something to go on. */
static void
make_pair (SlResult **a,
           SlResult **b,
           guint      extra)
{
  const guint workers[] = { 1, 2, 4, 8 };
  const double processes[] = { 8.0, 5.0, 2.5, 2.5 };

  *a = new_result (NULL, "1,2,4,8", 4);
  *b = new_result (NULL, "1,2,4,8", 4);
  (*b)->spec->runtime = SL_RUNTIME_PYTHON;
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      SlPoint *points[4] = {
        set_point (*a, SL_MODEL_THREADS, workers[i], 8.0, 1.0),
        set_point (*a, SL_MODEL_PROCESSES, workers[i], processes[i], 8.0 / processes[i]),
        set_point (*b, SL_MODEL_THREADS, workers[i], 16.0, 1.0),
        set_point (*b, SL_MODEL_PROCESSES, workers[i], 2.0 * processes[i], 8.0 / processes[i]),
      };

      for (guint p = 0; p < G_N_ELEMENTS (points); p++)
        for (guint e = 0; e < extra; e++)
          {
            SlRepetition rep = g_array_index (points[p]->repetitions, SlRepetition, 0);

            rep.wall_s *= 1.0 + 0.01 * (e + 1);
            g_array_append_val (points[p]->repetitions, rep);
          }
    }
  (*a)->spec->repeat += extra;
  (*b)->spec->repeat += extra;
  sl_analysis_update (*a);
  sl_analysis_update (*b);
}

static GtkWindow *
new_window (GtkWidget *child,
            int        width,
            int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_shown, child, 10));

  return window;
}

/* A chart view of `kind` in a window of its own, drawn once. */
static SlChartView *
new_chart (SlChartKind  kind,
           GtkWindow  **window)
{
  SlChartView *chart = SL_CHART_VIEW (sl_chart_view_new (kind));

  *window = new_window (GTK_WIDGET (chart), 820, 560);
  return chart;
}

/* ---- pixels ---- */

/* A texture's pixels as cairo's native-endian ARGB32 words, premultiplied. */
/* How many pixels differ between two textures of one size, and by how much at most (0–255 on
 * a channel). Both are opaque, so premultiplication changes nothing. */
/* The colour of pixel (x, y) as 0xRRGGBB. */
/* With SL_TEST_SCREENSHOTS set to a folder, saves `widget` there as NAME-light.png and
 * NAME-dark.png, after libadwaita's transitions (200–250 ms) have ended. */
/* ---- the chart view ---- */

static const char *labels[] = { "native", "Python", NULL };

/* Both results drawn, every point of each; the tooltip names the result it is on. */
static void
test_overlay (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(SlChartLayout) layout = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *first = NULL;
  const SlResult *results[2];
  GtkWindow *window;
  SlChartView *chart = new_chart (SL_CHART_TIME, &window);
  SlChartOptions options;
  const SlPoint *point;
  guint r, p;
  double x, y;

  make_pair (&a, &b, 0);
  results[0] = a;
  results[1] = b;

  sl_chart_view_set_overlay (chart, results, 2, labels);
  sl_ui_test_wait_for_draw (chart, 0);
  g_assert_cmpuint (sl_chart_view_get_n_results (chart), ==, 2);
  g_assert_true (sl_chart_view_get_result (chart) == a);
  g_assert_cmpstr (sl_chart_view_get_label (chart, 1), ==, "Python");
  g_assert_cmpuint (sl_chart_view_count_drawn_points (chart), ==,
                    a->points->len + b->points->len);
  sl_ui_test_screenshot (GTK_WIDGET (window), "chart-overlay");

  /* B's processes at 4 workers: where the renderer puts them, the pointer finds them. */
  sl_chart_view_get_options (chart, &options);
  layout = sl_chart_layout_compute_overlay (results, 2, labels, SL_CHART_TIME, &options,
                                            gtk_widget_get_width (GTK_WIDGET (chart)),
                                            gtk_widget_get_height (GTK_WIDGET (chart)));
  point = sl_result_find_point (b, SL_MODEL_PROCESSES, 4);
  x = sl_chart_layout_x (layout, 4);
  y = sl_chart_layout_y (layout, point->wall.median);
  tooltip = sl_chart_view_hover_at (chart, x + 2, y - 1);
  g_assert_nonnull (tooltip);
  first = g_strndup (tooltip, strcspn (tooltip, "\n"));
  g_assert_cmpstr (first, ==, "<b>Python · Processes · 4 workers</b>");
  g_assert_true (sl_chart_view_split_point (chart, sl_chart_view_get_hover_point (chart), &r, &p));
  g_assert_cmpuint (r, ==, 1);
  g_assert_true (g_ptr_array_index (b->points, p) == point);

  /* Labels left out are computed: they still name each result apart. */
  sl_chart_view_set_overlay (chart, results, 2, NULL);
  g_assert_nonnull (sl_chart_view_get_label (chart, 0));
  g_assert_cmpstr (sl_chart_view_get_label (chart, 0), !=, sl_chart_view_get_label (chart, 1));
  g_assert_cmpuint (sl_chart_view_count_drawn_points (chart), ==,
                    a->points->len + b->points->len);

  /* One result again: a single chart, its own tooltip. */
  sl_chart_view_set_result (chart, a);
  g_assert_cmpuint (sl_chart_view_get_n_results (chart), ==, 1);
  g_assert_null (sl_chart_view_get_label (chart, 0));
  g_assert_cmpuint (sl_chart_view_count_drawn_points (chart), ==, a->points->len);
  sl_chart_view_set_overlay (chart, results, 1, NULL);
  g_assert_cmpuint (sl_chart_view_get_n_results (chart), ==, 1);

  sl_ui_test_destroy_window (window);
}

/* The tasks chart has no overlay: nothing is drawn as points, and an export says why. */
static void
test_overlay_tasks (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const SlResult *results[2];
  GtkWindow *window;
  SlChartView *chart = new_chart (SL_CHART_TASKS, &window);

  make_pair (&a, &b, 0);
  results[0] = a;
  results[1] = b;
  sl_chart_view_set_overlay (chart, results, 2, labels);
  sl_ui_test_settle (0.2);
  sl_ui_test_screenshot (GTK_WIDGET (window), "chart-overlay-tasks");
  g_assert_cmpuint (sl_chart_view_count_drawn_points (chart), ==, 0);
  g_assert_null (sl_chart_view_hover_at (chart, 100, 100));
  bytes = sl_chart_view_render (chart, SL_CHART_FORMAT_PNG, 0, 0, 1,
                                SL_CHART_EXPORT_THEME_AS_SHOWN, &error);
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_null (bytes);

  sl_ui_test_destroy_window (window);
}

/* PNG at the size and scale asked for; SVG and PDF as their formats; the size checked. */
static void
test_export_formats (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-chart-export-ui-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "chart.gif", NULL);
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  g_autofree char *svg_text = NULL;
  g_autofree char *pdf_text = NULL;
  g_autoptr(GError) error = NULL;
  const SlResult *results[2];
  GtkWindow *window;
  SlChartView *chart = new_chart (SL_CHART_SPEEDUP, &window);

  make_pair (&a, &b, 0);
  results[0] = a;
  results[1] = b;

  /* Nothing to export yet. */
  g_assert_false (sl_chart_view_export (chart, png, 0, 0, 1, SL_CHART_EXPORT_THEME_AS_SHOWN,
                                        &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  for (guint overlay = 0; overlay < 2; overlay++)
    {
      if (overlay)
        sl_chart_view_set_overlay (chart, results, 2, labels);
      else
        sl_chart_view_set_result (chart, a);

      /* Width × scale pixels. */
      {
        g_autoptr(GdkTexture) texture = NULL;

        g_assert_true (sl_chart_view_export (chart, png, 600, 400, 2,
                                             SL_CHART_EXPORT_THEME_AS_SHOWN, &error));
        g_assert_no_error (error);
        texture = sl_ui_test_texture_from_file (png);
        g_assert_cmpint (gdk_texture_get_width (texture), ==, 1200);
        g_assert_cmpint (gdk_texture_get_height (texture), ==, 800);
      }

      /* 0 × 0 is the size on screen. */
      {
        g_autoptr(GdkTexture) texture = NULL;

        g_assert_true (sl_chart_view_export (chart, png, 0, 0, 1,
                                             SL_CHART_EXPORT_THEME_AS_SHOWN, &error));
        g_assert_no_error (error);
        texture = sl_ui_test_texture_from_file (png);
        g_assert_cmpint (gdk_texture_get_width (texture), ==,
                         gtk_widget_get_width (GTK_WIDGET (chart)));
        g_assert_cmpint (gdk_texture_get_height (texture), ==,
                         gtk_widget_get_height (GTK_WIDGET (chart)));
      }

      /* An SVG of the size asked for, in pixels, that a renderer draws at that size. */
      g_assert_true (sl_chart_view_export (chart, svg, 640, 480, 1,
                                           SL_CHART_EXPORT_THEME_DARK, &error));
      g_assert_no_error (error);
      g_clear_pointer (&svg_text, g_free);
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_nonnull (strstr (svg_text, "<svg"));
      g_assert_nonnull (strstr (svg_text, "width=\"640px\""));
      g_assert_nonnull (strstr (svg_text, "<title>"));
      if (rsvg != NULL)
        {
          g_autofree char *out = g_build_filename (dir, "from-svg.png", NULL);
          const char *argv[] = { rsvg, "-o", out, svg, NULL };
          g_autoptr(GdkTexture) texture = NULL;
          g_autofree char *errors = NULL;
          int status;

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                       NULL, &errors, &status, &error));
          g_assert_no_error (error);
          if (!g_spawn_check_wait_status (status, NULL))
            g_error ("rsvg-convert refused the SVG: %s", errors);
          texture = sl_ui_test_texture_from_file (out);
          g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
          g_assert_cmpint (gdk_texture_get_height (texture), ==, 480);
          /* The dark theme's background, drawn by the SVG's renderer. */
          g_assert_cmpuint (sl_ui_test_texture_pixel (texture, 2, 2), ==, sl_ui_test_texture_pixel (texture, 637, 477));
          g_assert_cmpfloat (((sl_ui_test_texture_pixel (texture, 2, 2) >> 8) & 0xff) / 255.0, <, 0.3);
          g_unlink (out);
        }
      else
        g_test_message ("rsvg-convert not found: the SVG is not rasterized");

      g_assert_true (sl_chart_view_export (chart, pdf, 640, 480, 1,
                                           SL_CHART_EXPORT_THEME_LIGHT, &error));
      g_assert_no_error (error);
      g_clear_pointer (&pdf_text, g_free);
      g_assert_true (g_file_get_contents (pdf, &pdf_text, NULL, NULL));
      g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
    }

  /* Sizes and names the renderer refuses, with the reason. */
  g_assert_false (sl_chart_view_export (chart, png, 50, 400, 1, SL_CHART_EXPORT_THEME_AS_SHOWN,
                                        &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "out of range"));
  g_clear_error (&error);
  g_assert_false (sl_chart_view_export (chart, bad, 0, 0, 1, SL_CHART_EXPORT_THEME_AS_SHOWN,
                                        &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  sl_ui_test_destroy_window (window);
}

/* The export as shown, at the size on screen and scale 1, is what the screen shows. Both go
 * through one layout and sl_chart_draw_layout(); GTK's cairo renderer replays the snapshot's
 * recording onto its own surface, so the one difference cairo could make is in antialiasing:
 * no pixel may differ by more than 1 of 255 on a channel, and such pixels must stay under one
 * in a thousand. Exact equality is what this machine gives; the allowance is for a cairo that
 * rounds a replayed span differently. */
static void
test_export_as_shown (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  const SlResult *results[2];
  GtkWindow *window;
  SlChartView *chart = new_chart (SL_CHART_SPEEDUP, &window);
  AdwStyleManager *style = adw_style_manager_get_default ();

  make_pair (&a, &b, 0);
  results[0] = a;
  results[1] = b;

  for (guint dark = 0; dark < 2; dark++)
    for (guint overlay = 0; overlay < 2; overlay++)
      {
        g_autoptr(GdkTexture) screen = NULL;
        g_autoptr(GdkTexture) exported = NULL;
        g_autoptr(GError) error = NULL;
        guint n_draws = sl_chart_view_get_n_draws (chart);
        guint largest, different;
        gsize area;

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
        if (overlay)
          sl_chart_view_set_overlay (chart, results, 2, labels);
        else
          sl_chart_view_set_result (chart, a);
        sl_ui_test_wait_for_draw (chart, n_draws);
        sl_ui_test_settle (0.3);

        screen = sl_ui_render_widget (GTK_WIDGET (chart));
        g_assert_nonnull (screen);
        exported = sl_chart_view_dup_texture (chart, 1, &error);
        g_assert_no_error (error);

        area = (gsize) gdk_texture_get_width (screen) * gdk_texture_get_height (screen);
        different = sl_ui_test_count_different (screen, exported, &largest);
        g_test_message ("%s, %s: %u of %zu pixels differ, by %u at most",
                        dark ? "dark" : "light", overlay ? "overlay" : "one result", different,
                        area, largest);
        g_assert_cmpuint (largest, <=, 1);
        g_assert_cmpuint (different * 1000, <, area);
        /* …and what was compared is the chart in the style asked for. */
        g_assert_cmpint (sl_chart_view_get_drawn_dark (chart), ==, dark);
        g_assert_cmpint ((sl_ui_test_texture_pixel (screen, 1, 1) >> 8 & 0xff) < 0x80, ==, dark);
      }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_destroy_window (window);
}

/* The built-in themes paint their own backgrounds, whatever the style on screen. */
static void
test_export_themes (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  const SlResult *results[2];
  GtkWindow *window;
  SlChartView *chart = new_chart (SL_CHART_EFFICIENCY, &window);

  make_pair (&a, &b, 0);
  results[0] = a;
  results[1] = b;
  sl_chart_view_set_overlay (chart, results, 2, labels);

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autoptr(GBytes) light_bytes = NULL;
      g_autoptr(GBytes) dark_bytes = NULL;
      g_autoptr(GdkTexture) light = NULL;
      g_autoptr(GdkTexture) dim = NULL;
      g_autoptr(GError) error = NULL;
      SlChartColor light_bg = sl_chart_theme_color (FALSE, SL_CHART_ROLE_BACKGROUND);
      SlChartColor dark_bg = sl_chart_theme_color (TRUE, SL_CHART_ROLE_BACKGROUND);
      guint32 light_pixel, dark_pixel;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      sl_ui_test_settle (0.3);

      light_bytes = sl_chart_view_render (chart, SL_CHART_FORMAT_PNG, 400, 300, 1,
                                          SL_CHART_EXPORT_THEME_LIGHT, &error);
      g_assert_no_error (error);
      dark_bytes = sl_chart_view_render (chart, SL_CHART_FORMAT_PNG, 400, 300, 1,
                                         SL_CHART_EXPORT_THEME_DARK, &error);
      g_assert_no_error (error);
      light = gdk_texture_new_from_bytes (light_bytes, &error);
      g_assert_no_error (error);
      dim = gdk_texture_new_from_bytes (dark_bytes, &error);
      g_assert_no_error (error);

      light_pixel = sl_ui_test_texture_pixel (light, 1, 1);
      dark_pixel = sl_ui_test_texture_pixel (dim, 1, 1);
      g_assert_cmpuint (light_pixel, !=, dark_pixel);
      g_assert_cmpint (light_pixel >> 16, ==, (int) round (light_bg.red * 255));
      g_assert_cmpint (dark_pixel >> 16, ==, (int) round (dark_bg.red * 255));
    }

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_destroy_window (window);
}

/* ---- tables ---- */

/* The texts of every label under `widget`. */
static void
collect_labels (GtkWidget  *widget,
                GHashTable *texts)
{
  if (GTK_IS_LABEL (widget))
    g_hash_table_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Text a table copies, split into lines of fields: `n_rows` lines after the header, each with the
 * header's number of fields, and every field a text that a label of the table shows. */
static GPtrArray *
check_table_text (GtkWidget  *table,
                  const char *text,
                  guint       n_rows)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *table_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_cmpuint (g_strv_length (lines), ==, n_rows + 2);
  g_assert_cmpstr (lines[n_rows + 1], ==, "");

  collect_labels (table, shown);
  for (guint i = 0; i <= n_rows; i++)
    {
      GStrv fields = g_strsplit (lines[i], "\t", -1);

      g_ptr_array_add (table_lines, fields);
      g_assert_cmpuint (g_strv_length (fields), ==,
                        g_strv_length (g_ptr_array_index (table_lines, 0)));
      for (guint f = 0; fields[f] != NULL; f++)
        if (!g_hash_table_contains (shown, fields[f]))
          g_error ("“%s” (line %u, field %u) is not shown in the table", fields[f], i, f);
    }

  return table_lines;
}

/* The result table copies what it shows: its columns, its rows, its cells' texts. */
static void
test_result_table_text (void)
{
  g_autoptr(SlResult) a = NULL;
  g_autoptr(SlResult) b = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  GtkWidget *table = sl_result_table_new ();
  GtkWindow *window = new_window (table, 900, 520);
  const char *header[] = {
    "Model", "Workers", "Median (s)", "Interval (s)", "Speedup", "Efficiency", "CPU (cores)",
    "Runs", "Status", NULL,
  };

  /* Six runs a point, spread by up to 3 %: every measured point has its intervals. */
  make_pair (&a, &b, 3);
  fail_point (a, SL_MODEL_PROCESSES, 8);
  sl_analysis_update (a);
  sl_result_table_update (SL_RESULT_TABLE (table), a);
  sl_ui_test_settle (0.3);
  sl_ui_test_screenshot (GTK_WIDGET (window), "result-table");

  text = sl_result_table_dup_text (SL_RESULT_TABLE (table));
  lines = check_table_text (table, text, a->points->len);
  g_assert_cmpstrv (g_ptr_array_index (lines, 0), header);
  for (guint i = 0; i < a->points->len; i++)
    {
      GStrv fields = g_ptr_array_index (lines, i + 1);
      g_autoptr(SlPointItem) item = g_list_model_get_item (
        sl_result_table_get_model (SL_RESULT_TABLE (table)), i);

      g_assert_cmpstr (fields[1], ==, sl_point_item_get_text (item, "workers"));
      g_assert_cmpstr (fields[2], ==, sl_point_item_get_text (item, "median"));
      g_assert_cmpstr (fields[3], ==, sl_point_item_get_text (item, "interval"));
      g_assert_cmpstr (fields[4], ==, sl_point_item_get_text (item, "speedup"));
      g_assert_cmpstr (fields[8], ==, sl_point_item_get_text (item, "status"));
    }
  /* Processes at 2 workers: the median's interval with its confidence, the speedup's. */
  {
    g_autoptr(SlPointItem) two = g_list_model_get_item (
      sl_result_table_get_model (SL_RESULT_TABLE (table)), 5);

    g_assert_true (g_str_has_suffix (sl_point_item_get_text (two, "speedup"), ")"));
    g_assert_nonnull (strstr (sl_point_item_get_text (two, "interval-tooltip"), "(6 runs)"));
  }

  /* Empty: the header alone. */
  sl_result_table_update (SL_RESULT_TABLE (table), NULL);
  empty = sl_result_table_dup_text (SL_RESULT_TABLE (table));
  g_assert_true (g_str_has_prefix (empty, "Model\tWorkers\t"));
  g_assert_cmpuint (strlen (empty), ==, strcspn (empty, "\n") + 1);

  sl_ui_test_destroy_window (window);
}

/* Rows as the comparison has them, in its order, each test's answer in words, the rule in the
 * caption, and the copied text as the table shows it. */
static void
test_compare_table (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_free);
  g_autoptr(SlComparison) comparison = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  GtkWidget *table = sl_compare_table_new ();
  GtkWindow *window = new_window (table, 1000, 820);
  GListModel *model = sl_compare_table_get_model (SL_COMPARE_TABLE (table));
  SlResult *a, *b, *c, *unused;
  const char *header[] = {
    "Experiment", "Model", "Workers", "Time A (s)", "Time B (s)", "Ratio B/A", "p",
    "Significant", NULL,
  };

  /* Six runs a point. B twice as slow; C as fast as A. B has a single run at 1 thread, A none
   * at 8 threads. */
  make_pair (&a, &b, 3);
  make_pair (&c, &unused, 3);
  sl_result_free (unused);
  g_array_set_size (sl_result_find_point (b, SL_MODEL_THREADS, 1)->repetitions, 1);
  g_array_set_size (sl_result_find_point (a, SL_MODEL_THREADS, 8)->repetitions, 0);
  g_ptr_array_add (results, a);
  g_ptr_array_add (results, b);
  g_ptr_array_add (results, c);
  comparison = sl_comparison_new (results, &error);
  g_assert_no_error (error);

  sl_compare_table_update (SL_COMPARE_TABLE (table), comparison);
  sl_ui_test_settle (0.3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, comparison->rows->len);
  g_assert_cmpuint (comparison->rows->len, ==, 16);
  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SlCompareRow *row = &g_array_index (comparison->rows, SlCompareRow, i);
      g_autoptr(SlCompareItem) item = g_list_model_get_item (model, i);
      g_autofree char *workers = g_strdup_printf ("%u", row->workers);
      g_autofree char *time_b = sl_ui_format_seconds (row->time_b);
      const char *answer = sl_compare_item_get_text (item, "significant");

      g_assert_cmpuint (sl_compare_item_get_index (item), ==, i);
      g_assert_cmpstr (sl_compare_item_get_text (item, "experiment"), ==,
                       comparison->labels->pdata[row->other]);
      g_assert_cmpstr (sl_compare_item_get_text (item, "workers"), ==, workers);
      g_assert_cmpstr (sl_compare_item_get_text (item, "time-b"), ==, time_b);
      g_assert_cmpint (sl_compare_item_get_significant (item), ==, row->significant);

      if (row->model == SL_MODEL_THREADS && row->workers == 8)
        g_assert_cmpstr (answer, ==, "not measured in A");
      else if (row->other == 1 && row->model == SL_MODEL_THREADS && row->workers == 1)
        {
          g_assert_cmpstr (answer, ==, "too few runs");
          g_assert_cmpstr (sl_compare_item_get_text (item, "p"), ==, "—");
          /* 16 s against the median of A's six runs, 8.04 s. */
          g_assert_cmpstr (sl_compare_item_get_text (item, "ratio"), ==, "1.99×");
        }
      else if (row->other == 1)
        {
          g_autofree char *p = g_strdup_printf ("%.3f", row->p_value);

          /* Six runs against six, all of B's above all of A's. */
          g_assert_cmpstr (answer, ==, "yes, slower");
          g_assert_cmpstr (sl_compare_item_get_text (item, "p"), ==, p);
          g_assert_cmpfloat (row->p_value, <, 0.01);
        }
      else
        {
          g_assert_cmpstr (answer, ==, "no");
          g_assert_cmpstr (sl_compare_item_get_text (item, "ratio"), ==, "1.00×");
        }
    }

  g_assert_cmpstr (sl_compare_table_get_caption (SL_COMPARE_TABLE (table)), ==,
                   "Significant: a two-sided Mann–Whitney U test on the repetitions gives "
                   "p < 0.05 and the medians differ by more than 5 %.");

  text = sl_compare_table_dup_text (SL_COMPARE_TABLE (table));
  lines = check_table_text (table, text, comparison->rows->len);
  g_assert_cmpstrv (g_ptr_array_index (lines, 0), header);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (lines, 2))[7], ==, "yes, slower");
  sl_ui_test_screenshot (GTK_WIDGET (window), "compare-table");

  /* NULL empties it: the header alone. */
  sl_compare_table_update (SL_COMPARE_TABLE (table), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  empty = sl_compare_table_dup_text (SL_COMPARE_TABLE (table));
  g_assert_true (g_str_has_prefix (empty, "Experiment\tModel\t"));
  g_assert_cmpuint (strlen (empty), ==, strcspn (empty, "\n") + 1);

  sl_ui_test_destroy_window (window);
}

/* ---- the export dialog ---- */

/* The first descendant of `widget` of `type` (and with `label`, when given). */
static GtkWidget *
find_child (GtkWidget  *widget,
            GType       type,
            const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (label == NULL || g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether `widget`'s own shortcuts (its class' bindings) run `action` on `trigger`. */
static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (
            gtk_shortcut_get_trigger (shortcut));
          g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_str_equal (t, trigger) && strstr (a, action) != NULL)
            return TRUE;
        }
    }

  return FALSE;
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static gboolean
count_reached (gpointer data)
{
  return *(guint *) data > 0;
}

/* The dialog's choices, its caption and the size check, as a person sets them and as the
 * setters do; Export… says so, Cancel and Escape close it. */
static void
test_export_dialog (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  SlExportDialog *dialog;
  GtkWidget *export_button, *cancel_button, *scale_2, *width_spin;
  gpointer alive;
  guint exports = 0, scale_notes = 0;

  gtk_window_set_default_size (parent, 900, 640);
  gtk_window_present (parent);
  dialog = sl_export_dialog_new (parent, 820, 560);
  alive = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &alive);
  g_signal_connect (dialog, "export", G_CALLBACK (count_cb), &exports);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_shown, dialog, 10));

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == parent);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Export Chart");
  export_button = find_child (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Export…");
  cancel_button = find_child (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Cancel");
  scale_2 = find_child (GTK_WIDGET (dialog), GTK_TYPE_TOGGLE_BUTTON, "2×");
  width_spin = find_child (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL);
  g_assert_nonnull (export_button);
  g_assert_nonnull (cancel_button);
  g_assert_nonnull (scale_2);
  g_assert_nonnull (width_spin);
  g_assert_true (gtk_widget_has_css_class (export_button, "suggested-action"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (scale_2), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Scale 2×");

  /* What it starts with: the size on screen, a PNG at 1×, as shown. */
  g_assert_cmpint (sl_export_dialog_get_format (dialog), ==, SL_CHART_FORMAT_PNG);
  g_assert_cmpint (sl_export_dialog_get_width (dialog), ==, 820);
  g_assert_cmpint (sl_export_dialog_get_height (dialog), ==, 560);
  g_assert_cmpfloat (sl_export_dialog_get_scale (dialog), ==, 1);
  g_assert_cmpint (sl_export_dialog_get_theme (dialog), ==, SL_CHART_EXPORT_THEME_AS_SHOWN);
  g_assert_null (sl_export_dialog_get_problem (dialog));
  g_assert_cmpstr (sl_export_dialog_get_caption (dialog), ==, "820 × 560 pixels");
  g_assert_true (gtk_widget_get_sensitive (export_button));

  /* 2×: twice the pixels each way. */
  g_signal_connect (dialog, "notify::scale", G_CALLBACK (count_notify_cb), &scale_notes);
  sl_export_dialog_set_scale (dialog, 2);
  g_assert_cmpfloat (sl_export_dialog_get_scale (dialog), ==, 2);
  g_assert_cmpuint (scale_notes, ==, 1);
  sl_export_dialog_set_width (dialog, 1200);
  sl_export_dialog_set_height (dialog, 800);
  g_assert_cmpstr (sl_export_dialog_get_caption (dialog), ==, "2400 × 1600 pixels");
  sl_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog");

  /* SVG and PDF are vectors: written at 1×, the scale's buttons off; PNG finds 2× again. */
  sl_export_dialog_set_format (dialog, SL_CHART_FORMAT_SVG);
  g_assert_cmpint (sl_export_dialog_get_format (dialog), ==, SL_CHART_FORMAT_SVG);
  g_assert_cmpfloat (sl_export_dialog_get_scale (dialog), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (scale_2));
  g_assert_cmpstr (sl_export_dialog_get_caption (dialog), ==,
                   "1200 × 800 pixels, drawn as vectors");
  g_assert_cmpuint (scale_notes, ==, 2);
  sl_export_dialog_set_format (dialog, SL_CHART_FORMAT_PDF);
  g_assert_cmpuint (scale_notes, ==, 2);
  g_assert_cmpstr (sl_export_dialog_get_caption (dialog), ==,
                   "A page of 1200 × 800 points (42.3 × 28.2 cm)");
  sl_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-pdf");
  sl_export_dialog_set_format (dialog, SL_CHART_FORMAT_PNG);
  g_assert_cmpfloat (sl_export_dialog_get_scale (dialog), ==, 2);
  g_assert_true (gtk_widget_is_sensitive (scale_2));

  sl_export_dialog_set_theme (dialog, SL_CHART_EXPORT_THEME_DARK);
  g_assert_cmpint (sl_export_dialog_get_theme (dialog), ==, SL_CHART_EXPORT_THEME_DARK);

  /* Too many pixels at 2×: the reason in the caption, Export… off. */
  sl_export_dialog_set_width (dialog, SL_CHART_MAX_SIZE);
  sl_export_dialog_set_height (dialog, SL_CHART_MAX_SIZE);
  g_assert_nonnull (sl_export_dialog_get_problem (dialog));
  g_assert_nonnull (strstr (sl_export_dialog_get_problem (dialog), "megapixels"));
  g_assert_cmpstr (sl_export_dialog_get_caption (dialog), ==,
                   sl_export_dialog_get_problem (dialog));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (export_button), ==,
                   sl_export_dialog_get_problem (dialog));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (export_button),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       sl_export_dialog_get_problem (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export-dialog.export", NULL);
  g_assert_cmpuint (exports, ==, 0);
  sl_export_dialog_set_scale (dialog, 1);
  g_assert_null (sl_export_dialog_get_problem (dialog));
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (export_button),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* A size typed out of range is refused as it is typed, before the spin button clamps it. */
  gtk_editable_set_text (GTK_EDITABLE (width_spin), "50");
  g_assert_cmpint (sl_export_dialog_get_width (dialog), ==, 50);
  g_assert_nonnull (sl_export_dialog_get_problem (dialog));
  g_assert_nonnull (strstr (sl_export_dialog_get_problem (dialog), "out of range"));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  sl_ui_test_screenshot (GTK_WIDGET (dialog), "export-dialog-problem");
  gtk_editable_set_text (GTK_EDITABLE (width_spin), "");
  g_assert_nonnull (strstr (sl_export_dialog_get_problem (dialog), "Enter a width"));
  gtk_editable_set_text (GTK_EDITABLE (width_spin), "1000");
  g_assert_null (sl_export_dialog_get_problem (dialog));
  g_assert_cmpint (sl_export_dialog_get_width (dialog), ==, 1000);

  /* Export… says so, through the button as a person presses it. */
  gtk_widget_activate (export_button);
  g_assert_true (sl_ui_test_wait_for (count_reached, &exports, 5));
  g_assert_cmpuint (exports, ==, 1);
  g_assert_nonnull (alive);

  /* Escape closes, as Cancel does. */
  g_assert_true (has_shortcut (GTK_WIDGET (dialog), "Escape", "window.close"));
  gtk_widget_activate (cancel_button);
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_null, &alive, 5));

  sl_ui_test_destroy_window (parent);
}

int
main (int   argc,
      char *argv[])
{
  if (!sl_ui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/chart-view/overlay", test_overlay);
  g_test_add_func ("/chart-view/overlay-tasks", test_overlay_tasks);
  g_test_add_func ("/chart-view/export-formats", test_export_formats);
  g_test_add_func ("/chart-view/export-as-shown", test_export_as_shown);
  g_test_add_func ("/chart-view/export-themes", test_export_themes);
  g_test_add_func ("/result-table/text", test_result_table_text);
  g_test_add_func ("/compare-table/rows", test_compare_table);
  g_test_add_func ("/export-dialog/choices", test_export_dialog);

  return sl_ui_test_run ();
}
