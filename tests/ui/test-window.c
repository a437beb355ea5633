/* test-window.c: the window driven as a person would, through its real widgets and actions:
 * choosing a preset, moving the worker slider, running, cancelling, closing mid-run, invalid
 * input, the dark style, and the configuration kept across windows.
 *
 * Needs a display (tools/test starts Xvfb); without one it skips. Every wait iterates the main
 * loop until the state is reached or a deadline passes.
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sl-fork-server.h"
#include "sl-point-item.h"
#include "sl-preset.h"
#include "sl-test-util.h"
#include "sl-ui-test-util.h"
#include "sl-ui-util.h"
#include "sl-window.h"

/* ---- waiting ---- */

/* Iterates the main context until `done` or `seconds` have passed; returns `done`'s answer. */
/* A point has a measured repetition in the runner's live result. */
static gboolean
has_measured_point (gpointer data)
{
  const SlResult *live = sl_runner_get_result (sl_window_get_runner (data));

  for (guint i = 0; live != NULL && i < live->points->len; i++)
    if (((SlPoint *) g_ptr_array_index (live->points, i))->repetitions->len > 0)
      return TRUE;

  return FALSE;
}

static gboolean
has_running_point (gpointer data)
{
  const SlResult *live = sl_runner_get_result (sl_window_get_runner (data));

  for (guint i = 0; live != NULL && i < live->points->len; i++)
    if (((SlPoint *) g_ptr_array_index (live->points, i))->status == SL_POINT_RUNNING)
      return TRUE;

  return FALSE;
}

/* `chart` drew again, after `after` drawings, in the dark or the light style. */
typedef struct {
  SlChartView *chart;
  guint        after;
  gboolean     dark;
} DrawWait;

static gboolean
drew_in_style (gpointer data)
{
  DrawWait *wait = data;

  return sl_chart_view_get_n_draws (wait->chart) > wait->after &&
         sl_chart_view_get_drawn_dark (wait->chart) == wait->dark;
}

/* ---- helpers ---- */

static GtkWidget *
field (SlWindow   *window,
       const char *id)
{
  GtkWidget *widget = sl_experiment_panel_get_field_widget (sl_window_get_panel (window), id);

  g_assert_nonnull (widget);
  return widget;
}

/* The id of item `i` of the lists the combo rows show, NULL past their end. */
static const char *
workload_id (guint i)
{
  const SlWorkload *workload = sl_workload_list (NULL)[i];

  return workload ? workload->id : NULL;
}

static const char *
preset_id (guint i)
{
  const SlPreset *preset = sl_preset_list (NULL)[i];

  return preset ? preset->id : NULL;
}

/* Chooses item `id` in the combo row of `field_id`, whose items are in the order of `id_at`. */
static void
select_item (SlWindow    *window,
             const char  *field_id,
             const char *(*id_at) (guint i),
             const char  *id)
{
  AdwComboRow *row = ADW_COMBO_ROW (field (window, field_id));

  for (guint i = 0; id_at (i) != NULL; i++)
    if (g_str_equal (id_at (i), id))
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  g_assert_not_reached ();
}

static void
select_workload (SlWindow   *window,
                 const char *id)
{
  select_item (window, "workload", workload_id, id);
}

static void
select_preset (SlWindow   *window,
               const char *id)
{
  select_item (window, "preset", preset_id, id);
}

static void
set_number (SlWindow   *window,
            const char *id,
            double      value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (window, id)), value);
}

static void
set_models (SlWindow *window,
            gboolean  threads,
            gboolean  processes)
{
  GtkWidget *threads_check = field (window, "models");
  GtkWidget *processes_check = gtk_widget_get_next_sibling (threads_check);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (threads_check), threads);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (processes_check), processes);
}

/* Moves the worker slider's knob to `max_workers` as a drag would. */
static void
slide_to (SlWindow *window,
          guint     max_workers)
{
  SlWorkerSlider *slider = sl_experiment_panel_get_worker_slider (sl_window_get_panel (window));

  gtk_range_set_value (GTK_RANGE (sl_worker_slider_get_scale (slider)), log2 (max_workers));
}

static char *
worker_list (SlWindow *window)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_panel_dup_spec (sl_window_get_panel (window));

  return sl_format_worker_list (spec->workers);
}

static void
run (SlWindow *window,
     double    deadline_s)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (sl_window_get_running (window));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_idle, window, deadline_s));
}

static guint
points_with_repetitions (const SlResult *result)
{
  guint n = 0;

  for (guint i = 0; i < result->points->len; i++)
    n += ((SlPoint *) g_ptr_array_index (result->points, i))->repetitions->len > 0;

  return n;
}

static SlChartView *
show_chart (SlWindow    *window,
            SlChartKind  kind)
{
  SlResultsView *view = sl_window_get_results_view (window);
  SlChartView *chart = sl_results_view_get_chart (view, kind);
  DrawWait wait = { chart, sl_chart_view_get_n_draws (chart),
                    adw_style_manager_get_dark (adw_style_manager_get_default ()) };

  adw_view_stack_set_visible_child_name (sl_results_view_get_stack (view),
                                         sl_chart_kind_to_string (kind));
  g_assert_true (sl_ui_test_wait_for (drew_in_style, &wait, 10));

  return chart;
}

/* Forked workers are the fork server's children: it must have reaped them all. */
static void
assert_no_workers (void)
{
  GPid server = sl_fork_server_get_pid ();
  g_autofree char *path = NULL;
  g_autofree char *children = NULL;

  sl_test_assert_no_children ();
  if (server == 0)
    return;

  path = g_strdup_printf ("/proc/%d/task/%d/children", server, server);
  if (g_file_get_contents (path, &children, NULL, NULL))
    g_assert_cmpstr (g_strstrip (children), ==, "");
}

/* A quick version of the article's CPU experiment. */
static void
configure_quick_cpu (SlWindow *window)
{
  select_preset (window, "seed-cpu");
  g_assert_cmpstr (sl_experiment_panel_get_preset (sl_window_get_panel (window)), ==, "seed-cpu");
  set_number (window, "params.n", 2000000);
  set_number (window, "tasks", 16);
  set_number (window, "repeat", 2);
  set_number (window, "warmup", 0);
  /* Changed by hand: no longer the preset. */
  g_assert_null (sl_experiment_panel_get_preset (sl_window_get_panel (window)));
}

/* ---- tests ---- */

static void
test_slider (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlWorkerSlider *slider = sl_experiment_panel_get_worker_slider (sl_window_get_panel (window));
  g_autofree char *list = NULL;

  slide_to (window, 8);
  list = worker_list (window);
  g_assert_cmpstr (list, ==, "1,2,4,8");
  g_assert_cmpuint (sl_worker_slider_get_max_workers (slider), ==, 8);

  /* Between two marks, powers of two snap to the nearer one. */
  gtk_range_set_value (GTK_RANGE (sl_worker_slider_get_scale (slider)), 4.4);
  g_clear_pointer (&list, g_free);
  list = worker_list (window);
  g_assert_cmpstr (list, ==, "1,2,4,8,16");

  sl_worker_slider_set_sweep (slider, SL_SWEEP_EVERY_COUNT);
  slide_to (window, 6);
  g_clear_pointer (&list, g_free);
  list = worker_list (window);
  g_assert_cmpstr (list, ==, "1,2,3,4,5,6");

  sl_worker_slider_set_custom_text (slider, "1,3,5-7");
  sl_worker_slider_set_sweep (slider, SL_SWEEP_CUSTOM);
  g_clear_pointer (&list, g_free);
  list = worker_list (window);
  g_assert_cmpstr (list, ==, "1,3,5,6,7");

  /* A malformed list stops the run and says why, on the slider. */
  sl_worker_slider_set_custom_text (slider, "1,x");
  g_assert_false (sl_experiment_panel_get_can_run (sl_window_get_panel (window)));
  g_assert_nonnull (strstr (sl_experiment_panel_get_problem_summary (sl_window_get_panel (window)),
                            "“x” is not a number"));

  /* Back to powers of two: 6 is not one, so the slider takes the nearest, 8. */
  sl_worker_slider_set_sweep (slider, SL_SWEEP_POWERS_OF_TWO);
  g_clear_pointer (&list, g_free);
  list = worker_list (window);
  g_assert_cmpstr (list, ==, "1,2,4,8");
  g_assert_true (sl_experiment_panel_get_can_run (sl_window_get_panel (window)));

  sl_ui_test_destroy_window (window);
}

static void
test_run (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlResultsView *view = sl_window_get_results_view (window);
  const SlResult *result;
  SlChartView *chart;
  GListModel *rows;
  g_autofree char *list = NULL;

  configure_quick_cpu (window);
  slide_to (window, 4);
  list = worker_list (window);
  g_assert_cmpstr (list, ==, "1,2,4");

  run (window, 120);

  result = sl_window_get_result (window);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_COMPLETE);
  g_assert_cmpuint (result->points->len, ==, 6);
  for (guint i = 0; i < result->points->len; i++)
    g_assert_cmpuint (((SlPoint *) g_ptr_array_index (result->points, i))->repetitions->len, ==,
                      2);

  /* Every point is drawn where it belongs, on every chart of worker counts. */
  for (SlChartKind kind = SL_CHART_TIME; kind <= SL_CHART_CPU; kind++)
    {
      chart = show_chart (window, kind);
      g_assert_true (sl_chart_view_get_result (chart) == result);
      g_assert_cmpuint (sl_chart_view_count_drawn_points (chart), ==, result->points->len);
    }

  /* The corner of the chart holds no point. */
  chart = show_chart (window, SL_CHART_TIME);
  g_assert_null (sl_chart_view_hover_at (chart, 1, 1));
  g_assert_cmpint (sl_chart_view_get_hover_point (chart), ==, -1);

  rows = sl_result_table_get_model (sl_results_view_get_table (view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, result->points->len);
  for (guint i = 0; i < result->points->len; i++)
    {
      g_autoptr(SlPointItem) row = g_list_model_get_item (rows, i);
      SlPoint *point = g_ptr_array_index (result->points, i);
      g_autofree char *workers = g_strdup_printf ("%u", point->workers);

      g_assert_cmpstr (sl_point_item_get_text (row, "workers"), ==, workers);
      g_assert_cmpstr (sl_point_item_get_text (row, "runs"), ==, "2/2");
    }

  /* Export draws the chart on screen at its size and scale, as PNG or SVG. */
  chart = show_chart (window, SL_CHART_SPEEDUP);
  {
    g_autofree char *dir = g_dir_make_tmp ("test-window-XXXXXX", NULL);
    g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
    g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
    g_autofree char *svg_text = NULL;
    g_autoptr(GdkTexture) texture = NULL;
    g_autoptr(GError) error = NULL;
    int scale = gtk_widget_get_scale_factor (GTK_WIDGET (chart));

    g_assert_true (sl_window_export_chart (window, png, &error));
    g_assert_no_error (error);
    texture = gdk_texture_new_from_filename (png, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==,
                     gtk_widget_get_width (GTK_WIDGET (chart)) * scale);
    g_assert_cmpint (gdk_texture_get_height (texture), ==,
                     gtk_widget_get_height (GTK_WIDGET (chart)) * scale);

    g_assert_true (sl_window_export_chart (window, svg, &error));
    g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
    g_assert_nonnull (strstr (svg_text, "<svg"));

    g_unlink (png);
    g_unlink (svg);
    g_rmdir (dir);
  }

  g_assert_nonnull (sl_results_view_get_recommendation (view));
  g_assert_cmpstr (sl_results_view_get_recommendation (view), ==, result->analysis->recommendation);
  /* The answer in a line above it, from the same analysis. */
  {
    const SlAnalysis *analysis = result->analysis;
    g_autofree char *workers = g_strdup_printf (" %u worker", analysis->best_workers);

    g_assert_true (analysis->has_best);
    g_assert_true (g_str_has_prefix (sl_results_view_get_headline (view), "Use "));
    g_assert_nonnull (strstr (sl_results_view_get_headline (view), workers));
    if (analysis->best_workers > 1)
      g_assert_nonnull (strstr (sl_results_view_get_headline (view),
                                analysis->best_model == SL_MODEL_THREADS ? "threads"
                                                                         : "processes"));
  }

  sl_ui_test_destroy_window (window);
  assert_no_workers ();
}

/* A key pressed on `widget`, through its key controller, as GTK delivers it. */
static gboolean
press_key (gpointer widget,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

static void
count_activation (int *count)
{
  (*count)++;
}

static void
test_hover (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  const SlResult *result;
  SlChartView *chart;
  SlPoint *point;
  SlChartOptions options;
  g_autoptr(SlChartLayout) layout = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *median = NULL;
  g_autofree char *speedup = NULL;
  GtkWidget *popover, *label;
  int activated = 0;
  double x, y;

  configure_quick_cpu (window);
  set_models (window, FALSE, TRUE);
  slide_to (window, 2);
  run (window, 120);

  result = sl_window_get_result (window);
  chart = show_chart (window, SL_CHART_TIME);
  point = g_ptr_array_index (result->points, 1);

  /* Where the renderer puts the point, the pointer finds it and the tooltip tells its numbers. */
  sl_chart_view_get_options (chart, &options);
  layout = sl_chart_layout_compute (result, SL_CHART_TIME, &options,
                                    gtk_widget_get_width (GTK_WIDGET (chart)),
                                    gtk_widget_get_height (GTK_WIDGET (chart)));
  x = sl_chart_layout_x (layout, point->workers);
  y = sl_chart_layout_y (layout, point->wall.median);
  tooltip = sl_chart_view_hover_at (chart, x + 3, y - 2);
  g_assert_nonnull (tooltip);
  g_assert_cmpint (sl_chart_view_get_hover_point (chart), ==, 1);
  median = sl_ui_format_time (point->wall.median);
  speedup = sl_ui_format_speedup (point->speedup, point->speedup_lo, point->speedup_hi,
                                  point->workers);
  g_assert_nonnull (strstr (tooltip, "Processes · 2 workers"));
  g_assert_nonnull (strstr (tooltip, median));
  g_assert_nonnull (strstr (tooltip, speedup));
  g_assert_nonnull (strstr (tooltip, "CPU use "));

  /* The keyboard steps from point to point, each told beside it and to a screen reader; Enter
   * activates it as a click does. */
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (chart)));
  g_assert_true (press_key (chart, GDK_KEY_Home));
  g_assert_cmpint (sl_chart_view_get_hover_point (chart), ==, 0);
  popover = GTK_WIDGET (sl_ui_test_find_type (GTK_WIDGET (chart), GTK_TYPE_POPOVER));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  label = sl_ui_test_find_type (popover, GTK_TYPE_LABEL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Processes · 1 worker"));
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (sl_chart_view_get_hover_point (chart), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Processes · 2 workers"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), median));
  g_assert_true (press_key (chart, GDK_KEY_Right));
  g_assert_cmpint (sl_chart_view_get_hover_point (chart), ==, 0);
  g_assert_true (press_key (chart, GDK_KEY_End));
  g_assert_cmpint (sl_chart_view_get_hover_point (chart), ==, 1);
  g_signal_connect_swapped (chart, "point-activated", G_CALLBACK (count_activation), &activated);
  g_assert_true (press_key (chart, GDK_KEY_Return));
  g_assert_cmpint (activated, ==, 1);

  sl_ui_test_destroy_window (window);
}

/* What the one validator says of field `id` of the panel's spec with `value` in it (a
 * parameter's text, or a count of the spec): the message the panel must show for it. */
static char *
validator_problem (SlExperimentPanel *panel,
                   const char        *id,
                   const char        *value)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_panel_dup_spec (panel);
  g_autoptr(GPtrArray) problems = NULL;

  if (g_str_has_prefix (id, "params."))
    sl_params_set (spec->params, id + strlen ("params."), value);
  else if (g_str_equal (id, "chunk"))
    spec->chunk = (guint) g_ascii_strtoull (value, NULL, 10);
  else
    g_assert_not_reached ();

  problems = sl_experiment_spec_check (spec);
  for (guint i = 0; i < problems->len; i++)
    {
      const SlSpecProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->field, id))
        return g_strdup (problem->message);
    }

  return NULL;
}

/* The form's ranges are the validator's limits, and so are the settings schema's. */
static void
test_limits (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  struct { const char *id; double lower, upper; } limits[] = {
    { "tasks", 0, (double) SL_MAX_TASKS },
    { "chunk", 1, SL_MAX_CHUNK },
    { "repeat", 1, SL_MAX_REPEAT },
    { "warmup", 0, SL_MAX_WARMUP },
    { "timeout", 0, SL_MAX_TIMEOUT_S },
  };

  g_assert_nonnull (schema);
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      GtkAdjustment *adjustment =
        gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (field (window, limits[i].id)));
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, limits[i].id);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr(GVariant) bounds = NULL;
      const char *type = NULL;

      g_test_message ("%s", limits[i].id);
      g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, limits[i].lower);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, limits[i].upper);

      /* The schema gives a range to every count but the tasks, whose limit is the validator's
       * alone (0 means the workload's default). */
      g_variant_get (range, "(&sv)", &type, &bounds);
      if (g_str_equal (limits[i].id, "tasks"))
        {
          g_assert_cmpstr (type, ==, "type");
          continue;
        }
      g_assert_cmpstr (type, ==, "range");
      if (g_variant_is_of_type (bounds, G_VARIANT_TYPE ("(dd)")))
        {
          double lower, upper;

          g_variant_get (bounds, "(dd)", &lower, &upper);
          g_assert_cmpfloat (lower, ==, limits[i].lower);
          g_assert_cmpfloat (upper, ==, limits[i].upper);
        }
      else
        {
          guint32 lower, upper;

          g_variant_get (bounds, "(uu)", &lower, &upper);
          g_assert_cmpfloat (lower, ==, limits[i].lower);
          g_assert_cmpfloat (upper, ==, limits[i].upper);
        }
    }

  sl_ui_test_destroy_window (window);
}

static void
test_invalid (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlExperimentPanel *panel = sl_window_get_panel (window);
  GtkWidget *spin, *urls;
  g_autofree char *expected = NULL;

  configure_quick_cpu (window);
  g_assert_true (sl_experiment_panel_get_can_run (panel));

  /* Typed out of range: the field says so at once, in the validator's words, and Run stays
   * off. */
  spin = field (window, "params.n");
  gtk_editable_set_text (GTK_EDITABLE (spin), "0");
  g_assert_false (sl_experiment_panel_get_can_run (panel));
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  g_assert_nonnull (sl_experiment_panel_get_field_problem (panel, "params.n"));
  g_assert_nonnull (strstr (sl_experiment_panel_get_field_problem (panel, "params.n"),
                            "out of range 1–1000000000000"));
  expected = validator_problem (panel, "params.n", "0");
  g_assert_cmpstr (sl_experiment_panel_get_field_problem (panel, "params.n"), ==, expected);
  g_assert_cmpstr (sl_experiment_panel_get_problem_summary (panel), ==,
                   sl_experiment_panel_get_field_problem (panel, "params.n"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_false (sl_window_get_running (window));

  /* Beyond any whole number a parameter can hold: the validator's words still. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "1e20");
  g_clear_pointer (&expected, g_free);
  expected = validator_problem (panel, "params.n", "1e+20");
  g_assert_nonnull (expected);
  g_assert_cmpstr (sl_experiment_panel_get_field_problem (panel, "params.n"), ==, expected);

  gtk_editable_set_text (GTK_EDITABLE (spin), "1000");
  g_assert_true (sl_experiment_panel_get_can_run (panel));
  g_assert_false (gtk_widget_has_css_class (spin, "error"));
  g_assert_null (sl_experiment_panel_get_field_problem (panel, "params.n"));

  /* A count of the spec typed beyond its limit: the validator's message too, and Run leaves
   * it as typed rather than clamped. Text that is no count at all is the form's to refuse. */
  spin = field (window, "chunk");
  gtk_editable_set_text (GTK_EDITABLE (spin), "2000000");
  g_assert_false (sl_experiment_panel_get_can_run (panel));
  g_clear_pointer (&expected, g_free);
  expected = validator_problem (panel, "chunk", "2000000");
  g_assert_nonnull (strstr (expected, "out of range 1–1000000"));
  g_assert_cmpstr (sl_experiment_panel_get_field_problem (panel, "chunk"), ==, expected);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_false (sl_window_get_running (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "2000000");
  gtk_editable_set_text (GTK_EDITABLE (spin), "2.5");
  g_assert_cmpstr (sl_experiment_panel_get_field_problem (panel, "chunk"), ==,
                   "“2.5” is not a whole number");
  gtk_editable_set_text (GTK_EDITABLE (field (window, "warmup")), "-1");
  g_assert_cmpstr (sl_experiment_panel_get_field_problem (panel, "warmup"), ==,
                   "“-1” is not a whole number");
  gtk_editable_set_text (GTK_EDITABLE (field (window, "warmup")), "0");
  gtk_editable_set_text (GTK_EDITABLE (spin), "1");
  g_assert_null (sl_experiment_panel_get_field_problem (panel, "chunk"));
  g_assert_null (sl_experiment_panel_get_field_problem (panel, "warmup"));
  g_assert_true (sl_experiment_panel_get_can_run (panel));

  /* A problem the engine finds is shown with the engine's message, on the right field. */
  select_workload (window, "io-http");
  urls = field (window, "params.urls");
  gtk_editable_set_text (GTK_EDITABLE (urls), "ftp://example.org/file");
  g_assert_false (sl_experiment_panel_get_can_run (panel));
  g_assert_true (gtk_widget_has_css_class (urls, "error"));
  g_assert_nonnull (strstr (sl_experiment_panel_get_field_problem (panel, "params.urls"),
                            "only http and https"));

  /* A rule between two parameters is shown under the parameters, with both named. */
  gtk_editable_set_text (GTK_EDITABLE (urls), "");
  g_assert_true (sl_experiment_panel_get_can_run (panel));
  set_number (window, "params.timeout_s", 0.5);
  set_number (window, "params.latency_ms", 800);
  g_assert_false (sl_experiment_panel_get_can_run (panel));
  g_assert_nonnull (sl_experiment_panel_get_field_problem (panel, "params"));
  g_assert_nonnull (strstr (sl_experiment_panel_get_field_problem (panel, "params"),
                            "latency_ms"));
  g_assert_null (sl_experiment_panel_get_field_problem (panel, "params.latency_ms"));
  g_assert_null (sl_experiment_panel_get_field_problem (panel, "params.pages"));

  /* No model. */
  set_number (window, "params.latency_ms", 10);
  g_assert_true (sl_experiment_panel_get_can_run (panel));
  set_models (window, FALSE, FALSE);
  g_assert_false (sl_experiment_panel_get_can_run (panel));
  g_assert_nonnull (sl_experiment_panel_get_field_problem (panel, "models"));

  sl_ui_test_destroy_window (window);
}

static void
configure_long_io (SlWindow *window)
{
  select_workload (window, "io-sleep");
  set_number (window, "params.latency_ms", 100);
  set_number (window, "tasks", 10);
  set_number (window, "repeat", 1);
  set_number (window, "warmup", 0);
  set_models (window, FALSE, TRUE);
  slide_to (window, 8);
}

static void
test_cancel (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  const SlResult *result;
  SlChartView *chart;
  gint64 cancelled_at;
  guint measured, partial = 0;

  configure_long_io (window);
  /* Two rounds, interleaved: a cancel in the first leaves points with part of their runs. */
  set_number (window, "repeat", 2);
  /* The time chart is on screen, so that it is drawn as the sweep goes. */
  adw_view_stack_set_visible_child_name (sl_results_view_get_stack (
                                           sl_window_get_results_view (window)), "time");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (sl_window_get_running (window));
  g_assert_true (sl_ui_test_wait_for (has_measured_point, window, 60));

  cancelled_at = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel", NULL);
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_idle, window, 10));
  g_test_message ("cancel took %.3f s", (g_get_monotonic_time () - cancelled_at) / 1e6);

  result = sl_window_get_result (window);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_CANCELLED);
  measured = points_with_repetitions (result);
  g_assert_cmpuint (measured, >=, 1);
  g_assert_cmpuint (measured, <, result->points->len);
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      partial += point->status == SL_POINT_CANCELLED && point->repetitions->len == 1;
    }
  g_assert_cmpuint (partial, >=, 1);

  /* What was measured stays on the chart, the points cut short included. */
  chart = show_chart (window, SL_CHART_TIME);
  g_assert_true (sl_chart_view_get_result (chart) == result);
  g_assert_cmpuint (sl_chart_view_count_drawn_points (chart), ==, measured);

  assert_no_workers ();
  sl_ui_test_destroy_window (window);
}

static gboolean
runner_stopped (gpointer data)
{
  return !sl_runner_is_running (data);
}

static void
test_close_mid_run (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  g_autoptr(SlRunner) runner = NULL;
  gpointer alive = window;

  configure_long_io (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (sl_ui_test_wait_for (has_running_point, window, 60));

  /* The window goes at once; the sweep is cancelled and its workers stopped. */
  runner = g_object_ref (sl_window_get_runner (window));
  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sl_ui_test_wait_for (runner_stopped, runner, 10));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_null, &alive, 10));
  g_assert_cmpint (sl_runner_get_result (runner)->status, ==, SL_RESULT_CANCELLED);

  assert_no_workers ();
}

static void
test_dark (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  SlWindow *window = sl_ui_test_new_window ();
  SlChartView *chart;
  DrawWait wait;

  configure_quick_cpu (window);
  slide_to (window, 2);
  set_models (window, TRUE, FALSE);
  run (window, 120);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  chart = show_chart (window, SL_CHART_SPEEDUP);

  for (guint i = 0; i < 2; i++)
    {
      gboolean dark = i == 0;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree guchar *pixels = NULL;
      guchar *pixel;

      wait.chart = chart;
      wait.after = sl_chart_view_get_n_draws (chart);
      wait.dark = dark;
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      g_assert_true (sl_ui_test_wait_for (drew_in_style, &wait, 10));

      /* What is on screen, not what the view believes: the background near the top left. */
      texture = sl_ui_render_widget (GTK_WIDGET (chart));
      g_assert_nonnull (texture);
      pixels = g_malloc (4 * gdk_texture_get_width (texture) * gdk_texture_get_height (texture));
      gdk_texture_download (texture, pixels, 4 * gdk_texture_get_width (texture));
      pixel = pixels + 4 * (2 * gdk_texture_get_width (texture) + 2);
      /* BGRA in memory; all three channels tell light from dark. */
      if (dark)
        g_assert_cmpuint (pixel[0] + pixel[1] + pixel[2], <, 3 * 80);
      else
        g_assert_cmpuint (pixel[0] + pixel[1] + pixel[2], >, 3 * 200);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sl_ui_test_destroy_window (window);
}

static void
test_settings (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlWindow *again;
  g_autofree char *list = NULL;
  GtkWidget *spin;

  configure_quick_cpu (window);
  set_number (window, "params.n", 12345);
  slide_to (window, 32);
  gtk_window_close (GTK_WINDOW (window));

  /* A new window starts where the last one was left. */
  again = sl_ui_test_new_window ();
  spin = field (again, "params.n");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 12345);
  list = worker_list (again);
  g_assert_cmpstr (list, ==, "1,2,4,8,16,32");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field (again, "repeat"))), ==, 2);

  /* A preset brings its own configuration back. */
  select_preset (again, "seed-io");
  g_clear_pointer (&list, g_free);
  list = worker_list (again);
  g_assert_cmpstr (list, ==, "1,2,4,8,16");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field (again, "params.pages"))),
                     ==, 100);
  g_assert_cmpstr (sl_experiment_panel_get_preset (sl_window_get_panel (again)), ==, "seed-io");

  sl_ui_test_destroy_window (again);
}

/* The Advanced settings say what they are while folded; a timeout of 0 reads "None", and
 * "None" typed is 0. A parameter row reads its title, with its id and range under it. */
static void
test_advanced (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlExperimentPanel *panel = sl_window_get_panel (window);
  GtkWidget *timeout = field (window, "timeout");
  GtkWidget *advanced = gtk_widget_get_ancestor (timeout, ADW_TYPE_EXPANDER_ROW);
  GtkWidget *row;

  g_assert_nonnull (advanced);
  select_preset (window, "seed-cpu");
  row = gtk_widget_get_ancestor (field (window, "params.n"), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Integers to sum");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "n · 1–"));

  set_number (window, "tasks", 0);
  set_number (window, "repeat", 3);
  set_number (window, "warmup", 1);
  set_number (window, "timeout", 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (timeout)), ==, "None");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (window, "tasks"))), ==, "Default");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (advanced)), ==,
                   "64 tasks · 3 runs · 1 warm-up");

  set_number (window, "repeat", 1);
  set_number (window, "warmup", 0);
  set_number (window, "timeout", 90);
  set_number (window, "chunk", 4);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (advanced)), ==,
                   "64 tasks · chunks of 4 · 1 run · no warm-up · time limit 1 min 30 s");

  /* The word typed is the number it stands for, and no problem. */
  gtk_editable_set_text (GTK_EDITABLE (timeout), "none");
  g_assert_null (sl_experiment_panel_get_field_problem (panel, "timeout"));
  gtk_spin_button_update (GTK_SPIN_BUTTON (timeout));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (timeout)), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (timeout)), ==, "None");
  g_assert_true (sl_experiment_panel_get_can_run (panel));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (advanced), TRUE);
  gtk_widget_grab_focus (timeout);
  sl_ui_test_screenshot (GTK_WIDGET (window), "window-advanced");

  sl_ui_test_destroy_window (window);
}

static void
test_accessible (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlChartView *chart = sl_results_view_get_chart (sl_window_get_results_view (window),
                                                  SL_CHART_SPEEDUP);

  gtk_test_accessible_assert_role (chart, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_role (sl_worker_slider_get_scale (
                                     sl_experiment_panel_get_worker_slider (
                                       sl_window_get_panel (window))),
                                   GTK_ACCESSIBLE_ROLE_SLIDER);
  gtk_test_accessible_assert_role (field (window, "params.n"), GTK_ACCESSIBLE_ROLE_SPIN_BUTTON);
  gtk_test_accessible_assert_property (field (window, "params.n"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Integers to sum");

  sl_ui_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!sl_ui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/window/slider", test_slider);
  g_test_add_func ("/window/run", test_run);
  g_test_add_func ("/window/hover", test_hover);
  g_test_add_func ("/window/limits", test_limits);
  g_test_add_func ("/window/invalid", test_invalid);
  g_test_add_func ("/window/cancel", test_cancel);
  g_test_add_func ("/window/close-mid-run", test_close_mid_run);
  g_test_add_func ("/window/dark", test_dark);
  g_test_add_func ("/window/settings", test_settings);
  g_test_add_func ("/window/advanced", test_advanced);
  g_test_add_func ("/window/accessible", test_accessible);

  return sl_ui_test_run ();
}
