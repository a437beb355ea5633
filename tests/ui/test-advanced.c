/* test-advanced.c: the Advanced section's loops and minimum time, precision and budget: their
 * ranges (the validator's and the settings schema's), the spec they set, the section's summary,
 * a number typed out of range, the settings kept, and runs that say their loops and the points
 * that stopped on their budget when they end. */
#define G_LOG_DOMAIN "test-advanced"

#include "config.h"

#include <string.h>

#include "sl-ui-test-util.h"
#include "sl-window.h"

static GtkWidget *
field (SlWindow   *window,
       const char *id)
{
  GtkWidget *widget = sl_experiment_panel_get_field_widget (sl_window_get_panel (window), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_number (SlWindow   *window,
            const char *id,
            double      value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (window, id)), value);
}

static const char *
advanced_summary (SlWindow *window)
{
  GtkWidget *advanced = gtk_widget_get_ancestor (field (window, SL_SPEC_FIELD_LOOPS),
                                                 ADW_TYPE_EXPANDER_ROW);

  g_assert_nonnull (advanced);
  return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (advanced));
}

/* Field `id`'s spin button and the schema's `key` range over [lower, upper] and start at
 * `value`. */
static void
assert_double_limits (SlWindow        *window,
                      GSettingsSchema *schema,
                      const char      *id,
                      const char      *key,
                      double           lower,
                      double           upper,
                      double           value)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (field (window, id)));
  g_autoptr(GSettingsSchemaKey) schema_key = g_settings_schema_get_key (schema, key);
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (schema_key);
  g_autoptr(GVariant) bounds = NULL;
  g_autoptr(GVariant) fallback = g_settings_schema_key_get_default_value (schema_key);
  double least, most;

  g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, lower);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, upper);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);
  g_variant_get (range, "(&sv)", NULL, &bounds);
  g_variant_get (bounds, "(dd)", &least, &most);
  g_assert_cmpfloat (least, ==, lower);
  g_assert_cmpfloat (most, ==, upper);
  g_assert_cmpfloat (g_variant_get_double (fallback), ==, value);
}

/* The spin buttons' ranges are the validator's limits, and so are the schema's. */
static void
test_limits (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  g_autoptr(GSettingsSchema) schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  g_autoptr(GSettingsSchemaKey) loops_key = g_settings_schema_get_key (schema, "loops");
  g_autoptr(GVariant) loops_range = g_settings_schema_key_get_range (loops_key);
  GtkAdjustment *loops = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (field (window, "loops")));
  g_autoptr(GVariant) bounds = NULL;
  guint32 lowest, highest;

  g_assert_cmpfloat (gtk_adjustment_get_lower (loops), ==, 0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (loops), ==, SL_MAX_LOOPS);
  g_assert_cmpfloat (gtk_adjustment_get_value (loops), ==, 0);
  g_variant_get (loops_range, "(&sv)", NULL, &bounds);
  g_variant_get (bounds, "(uu)", &lowest, &highest);
  g_assert_cmpuint (lowest, ==, 0);
  g_assert_cmpuint (highest, ==, SL_MAX_LOOPS);

  assert_double_limits (window, schema, SL_SPEC_FIELD_MIN_TIME, "min-time", SL_MIN_TIME_LOWEST_S,
                        SL_MIN_TIME_HIGHEST_S, SL_DEFAULT_MIN_TIME_S);
  assert_double_limits (window, schema, SL_SPEC_FIELD_UNTIL_PRECISE, "until-precise", 0,
                        SL_PRECISE_HIGHEST_PCT, 0);
  assert_double_limits (window, schema, SL_SPEC_FIELD_BUDGET, "budget", SL_BUDGET_LOWEST_S,
                        SL_MAX_BUDGET_S, SL_DEFAULT_BUDGET_S);

  sl_ui_test_destroy_window (window);
}

/* The two rows set the spec; loops of 0 read "Auto", and "auto" typed is 0; the folded section
 * says the loops when they are given, and the minimum time when it is not the default. */
static void
test_rows_set_spec (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlExperimentPanel *panel = sl_window_get_panel (window);
  GtkWidget *loops = field (window, SL_SPEC_FIELD_LOOPS);
  g_autoptr(SlExperimentSpec) spec = NULL;

  set_number (window, "repeat", 3);
  set_number (window, "warmup", 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (loops)), ==, "Auto");
  g_assert_null (strstr (advanced_summary (window), "loop"));

  set_number (window, SL_SPEC_FIELD_LOOPS, 4);
  spec = sl_experiment_panel_dup_spec (panel);
  g_assert_cmpuint (spec->loops, ==, 4);
  g_assert_nonnull (strstr (advanced_summary (window), " · 4 loops per run"));
  g_clear_pointer (&spec, sl_experiment_spec_free);

  /* One loop per run, the behaviour before loops, is not worth a word. */
  set_number (window, SL_SPEC_FIELD_LOOPS, 1);
  g_assert_null (strstr (advanced_summary (window), "loop"));

  gtk_editable_set_text (GTK_EDITABLE (loops), "auto");
  gtk_spin_button_update (GTK_SPIN_BUTTON (loops));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (loops)), ==, 0);
  set_number (window, SL_SPEC_FIELD_MIN_TIME, 0.25);
  spec = sl_experiment_panel_dup_spec (panel);
  g_assert_cmpuint (spec->loops, ==, 0);
  g_assert_cmpfloat (spec->min_time_s, ==, 0.25);
  g_assert_nonnull (strstr (advanced_summary (window), " · runs of at least 250 ms"));
  g_assert_true (sl_experiment_panel_get_can_run (panel));
  g_clear_pointer (&spec, sl_experiment_spec_free);

  /* Precision: Off for 0, then a width and the budget it may take. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (window, "until_precise"))), ==,
                   "Off");
  g_assert_null (strstr (advanced_summary (window), "until"));
  set_number (window, SL_SPEC_FIELD_UNTIL_PRECISE, 2);
  set_number (window, SL_SPEC_FIELD_BUDGET, 90);
  spec = sl_experiment_panel_dup_spec (panel);
  g_assert_cmpfloat (spec->until_precise_pct, ==, 2);
  g_assert_cmpfloat (spec->budget_s, ==, 90);
  g_assert_nonnull (strstr (advanced_summary (window),
                            " · until within 2 % (1 min 30 s a point at most)"));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
                                   loops, ADW_TYPE_EXPANDER_ROW)), TRUE);
  gtk_widget_grab_focus (loops);
  if (g_getenv ("SL_TEST_SCREENSHOTS") != NULL)
    {
      /* The rows in view: the form's end. */
      GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (loops, GTK_TYPE_SCROLLED_WINDOW)));

      sl_ui_test_settle (0.5);
      gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll) -
                                        gtk_adjustment_get_page_size (scroll));
    }
  sl_ui_test_screenshot (GTK_WIDGET (window), "window-advanced-loops");

  sl_ui_test_destroy_window (window);
}

/* `wrong` typed in field `id` is marked with a problem that says `needle`, and Run waits;
 * `right` typed then clears it. */
static void
assert_typed_problem (SlWindow   *window,
                      const char *id,
                      const char *wrong,
                      const char *needle,
                      const char *right)
{
  SlExperimentPanel *panel = sl_window_get_panel (window);
  const char *problem;

  gtk_editable_set_text (GTK_EDITABLE (field (window, id)), wrong);
  problem = sl_experiment_panel_get_field_problem (panel, id);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, needle));
  g_assert_false (sl_experiment_panel_get_can_run (panel));
  gtk_editable_set_text (GTK_EDITABLE (field (window, id)), right);
  g_assert_null (sl_experiment_panel_get_field_problem (panel, id));
}

/* A number typed beyond the limits is marked on its row with the validator's words, and Run
 * waits for it. */
static void
test_typed_out_of_range (void)
{
  SlWindow *window = sl_ui_test_new_window ();

  assert_typed_problem (window, SL_SPEC_FIELD_MIN_TIME, "0.0001", "Minimum time", "0.5");
  assert_typed_problem (window, SL_SPEC_FIELD_LOOPS, "2000000", "Loops", "3");
  assert_typed_problem (window, SL_SPEC_FIELD_UNTIL_PRECISE, "0.05", "Precision", "1");
  assert_typed_problem (window, SL_SPEC_FIELD_BUDGET, "0.01", "Budget", "30");
  g_assert_true (sl_experiment_panel_get_can_run (sl_window_get_panel (window)));

  sl_ui_test_destroy_window (window);
}

/* A label under `widget` whose text starts with `prefix`, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label (child, prefix);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* io-sleep, `latency_ms` a task, `tasks` tasks at 1 and 2 threads (a new spec's first model
 * and first two worker counts), without warm-up. */
static SlExperimentSpec *
sleep_spec (const char *latency_ms,
            guint64     tasks,
            guint       repeat)
{
  SlExperimentSpec *spec = sl_experiment_spec_new ();

  g_free (spec->workload);
  spec->workload = g_strdup ("io-sleep");
  sl_params_set (spec->params, "latency_ms", latency_ms);
  g_array_set_size (spec->models, 1);
  g_array_set_size (spec->workers, 2);
  g_assert_cmpuint (g_array_index (spec->workers, guint, 1), ==, 2);
  spec->tasks = tasks;
  spec->repeat = repeat;
  spec->warmup = 0;
  return spec;
}

/* A run calibrated to the minimum time says how many loops it ran, in its summary; the loops
 * and the minimum time are kept for the next window. */
static void
test_run_says_loops (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  SlWindow *again;
  const SlResult *result;
  GtkLabel *summary;
  /* 2 tasks of 5 ms, calibrated to 150 ms. */
  g_autoptr(SlExperimentSpec) spec = sleep_spec ("5", 2, 2);

  sl_experiment_panel_set_spec (sl_window_get_panel (window), spec);
  set_number (window, SL_SPEC_FIELD_MIN_TIME, 0.15);
  g_assert_true (sl_experiment_panel_get_can_run (sl_window_get_panel (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (sl_window_get_running (window));
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_idle, window, 120));

  result = sl_window_get_result (window);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, SL_RESULT_COMPLETE);
  g_assert_cmpuint (result->spec->loops, ==, 0);
  g_assert_cmpuint (result->loops, >=, 2);
  summary = find_label (GTK_WIDGET (sl_window_get_results_view (window)), "Finished in");
  g_assert_nonnull (summary);
  g_test_message ("%s", gtk_label_get_label (summary));
  {
    g_autofree char *loops = g_strdup_printf (", %u loops per run, calibrated to 150 ms",
                                              result->loops);

    g_assert_true (g_str_has_suffix (gtk_label_get_label (summary), loops));
  }

  set_number (window, SL_SPEC_FIELD_LOOPS, 6);
  gtk_window_close (GTK_WINDOW (window));
  again = sl_ui_test_new_window ();
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field (again, "loops"))), ==, 6);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field (again, "min_time"))),
                     ==, 0.15);
  sl_ui_test_destroy_window (again);
}

/* Points repeated for precision that their budget stopped: the run's summary counts them. */
static void
test_run_says_budget (void)
{
  SlWindow *window = sl_ui_test_new_window ();
  /* One visit of a 150 ms sleep outlasts a budget of 0.1 s. */
  g_autoptr(SlExperimentSpec) spec = sleep_spec ("150", 1, 1);
  GtkLabel *summary;

  spec->loops = 1;
  spec->until_precise_pct = 1;
  spec->budget_s = 0.1;
  sl_experiment_panel_set_spec (sl_window_get_panel (window), spec);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (sl_ui_test_wait_for (sl_ui_test_is_idle, window, 120));
  summary = find_label (GTK_WIDGET (sl_window_get_results_view (window)), "Finished in");
  g_assert_nonnull (summary);
  g_test_message ("%s", gtk_label_get_label (summary));
  g_assert_true (g_str_has_suffix (gtk_label_get_label (summary),
                                   ": 2 points, 1 run each; 2 points stopped on their budget"));

  sl_ui_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!sl_ui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/advanced/limits", test_limits);
  g_test_add_func ("/advanced/rows-set-spec", test_rows_set_spec);
  g_test_add_func ("/advanced/typed-out-of-range", test_typed_out_of_range);
  g_test_add_func ("/advanced/run-says-loops", test_run_says_loops);
  g_test_add_func ("/advanced/run-says-budget", test_run_says_budget);

  return sl_ui_test_run ();
}
