/* sl-experiment-panel.c: the configuration sidebar: its fields, presets and workloads, and its
 * public API.
 *
 * Every widget that holds a field of the spec is registered under the field's id
 * (sl-experiment-panel-fields.c), so that the validator's problems land on the widget they are
 * about. The parameter rows are in sl-experiment-panel-params.c, the spec and its check in
 * sl-experiment-panel-check.c, the settings in sl-experiment-panel-settings.c.
 */
#define G_LOG_DOMAIN "sl-experiment-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-experiment-panel.h"
#include "sl-preset.h"
#include "sl-python.h"
#include "sl-ui-util.h"
#include "sl-experiment-panel-private.h"

G_DEFINE_FINAL_TYPE (SlExperimentPanel, sl_experiment_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAN_RUN,
  PROP_PROBLEM_SUMMARY,
  PROP_PRESET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* ---- edits ---- */

void
sl_panel_edited (SlExperimentPanel *self)
{
  if (self->updating)
    return;

  /* Any change by hand leaves the preset. */
  if (self->preset != NULL)
    {
      g_clear_pointer (&self->preset, g_free);
      self->updating++;
      adw_combo_row_set_selected (self->preset_row, self->n_presets);
      self->updating--;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
    }

  sl_panel_recheck (self);
}

/* ---- presets and workloads ---- */

static void
update_preset_subtitle (SlExperimentPanel *self)
{
  const SlPreset *preset = self->preset ? sl_preset_lookup (self->preset) : NULL;

  if (preset != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->preset_row), _(preset->description));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->preset_row), NULL);
}

static void
update_workload_subtitle (SlExperimentPanel *self)
{
  const SlWorkload *workload = sl_panel_selected_workload (self);
  const char *kind = "";

  if (workload == NULL)
    return;

  switch (workload->kind)
    {
    case SL_WORKLOAD_KIND_CPU:
      kind = _("CPU-bound");
      break;
    case SL_WORKLOAD_KIND_IO:
      kind = _("I/O-bound");
      break;
    case SL_WORKLOAD_KIND_MIXED:
      kind = _("CPU, then I/O");
      break;
    case SL_WORKLOAD_KIND_MEMORY:
      kind = _("Memory-bound");
      break;
    case SL_WORKLOAD_KIND_OVERHEAD:
      kind = _("Pool overhead");
      break;
    default:
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->workload_row), kind);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->workload_row), _(workload->description));
}

static guint
workload_index (const char *id)
{
  guint n;
  const SlWorkload **list = sl_workload_list (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (list[i]->id, id) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
on_workload_selected_cb (SlExperimentPanel *self)
{
  const SlWorkload *workload;

  if (self->updating)
    return;

  workload = sl_panel_selected_workload (self);
  self->updating++;
  sl_panel_build_param_rows (self, workload, NULL);
  /* Follow the runtime the workload needs, rather than leave a problem to fix by hand. */
  if (workload != NULL && (workload->flags & SL_WORKLOAD_FLAG_PYTHON_ONLY))
    gtk_toggle_button_set_active (self->python_button, TRUE);
  else if (workload != NULL && workload->python_source == NULL)
    gtk_toggle_button_set_active (self->native_button, TRUE);
  self->updating--;
  update_workload_subtitle (self);

  sl_panel_edited (self);
}

static void
on_preset_selected_cb (SlExperimentPanel *self)
{
  guint n;
  const SlPreset **presets = sl_preset_list (&n);
  guint selected = adw_combo_row_get_selected (self->preset_row);
  g_autoptr(GError) error = NULL;

  if (self->updating || selected >= n)
    return;

  if (!sl_experiment_panel_apply_preset (self, presets[selected]->id, &error))
    g_warning ("%s", error->message);
}

static void
preset_list_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (summary), 40);
  gtk_label_set_width_chars (GTK_LABEL (summary), 30);
  gtk_widget_add_css_class (summary, "caption");
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_list_item_set_child (item, box);
}

static void
preset_list_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *summary = gtk_widget_get_next_sibling (title);
  guint position = gtk_list_item_get_position (item);
  guint n;
  const SlPreset **presets = sl_preset_list (&n);

  if (position < n)
    {
      gtk_label_set_label (GTK_LABEL (title), _(presets[position]->title));
      gtk_label_set_label (GTK_LABEL (summary), _(presets[position]->subtitle));
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (title), _("Custom"));
      gtk_label_set_label (GTK_LABEL (summary), _("Your own experiment"));
    }
}

/* ---- the check's outcome ---- */

void
sl_panel_take_problems (SlExperimentPanel *self,
                        GPtrArray         *problems)
{
  g_autofree char *summary = NULL;
  gboolean can_run;

  can_run = problems->len == 0;
  if (!can_run)
    {
      SlSpecProblem *first = g_ptr_array_index (problems, 0);

      if (problems->len == 1)
        summary = g_strdup (first->message);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                                                "%s (and %u more problems)", problems->len - 1),
                                   first->message, problems->len - 1);
    }

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&problems);

  gtk_label_set_label (self->problem_label, summary ? summary : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, summary != NULL);

  if (g_strcmp0 (summary, self->problem_summary) != 0)
    {
      g_free (self->problem_summary);
      self->problem_summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM_SUMMARY]);
    }
  if (can_run != self->can_run)
    {
      self->can_run = can_run;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_RUN]);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}



/* ---- the runtime ---- */

static void
update_runtime (SlExperimentPanel *self)
{
  g_autofree char *reason = NULL;

  if (!sl_python_available (&reason))
    {
      g_autofree char *text =
        g_strdup_printf (_("Python is unavailable: %s"),
                         reason ? reason : _("this build has no CPython"));

      self->python_reason = g_strdup (text);
      gtk_widget_set_sensitive (GTK_WIDGET (self->python_button), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->python_button), text);
      sl_panel_set_field_text (self, "runtime", text);
    }
}

/* ---- GObject ---- */

static void
sl_experiment_panel_dispose (GObject *object)
{
  SlExperimentPanel *self = SL_EXPERIMENT_PANEL (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  sl_ui_dispose_template (GTK_WIDGET (self), SL_TYPE_EXPERIMENT_PANEL);

  G_OBJECT_CLASS (sl_experiment_panel_parent_class)->dispose (object);
}

static void
sl_experiment_panel_finalize (GObject *object)
{
  SlExperimentPanel *self = SL_EXPERIMENT_PANEL (object);

  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->problem_summary, g_free);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->python_reason, g_free);

  G_OBJECT_CLASS (sl_experiment_panel_parent_class)->finalize (object);
}

static void
sl_experiment_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SlExperimentPanel *self = SL_EXPERIMENT_PANEL (object);

  switch (prop_id)
    {
    case PROP_CAN_RUN:
      g_value_set_boolean (value, self->can_run);
      break;
    case PROP_PROBLEM_SUMMARY:
      g_value_set_string (value, self->problem_summary);
      break;
    case PROP_PRESET:
      g_value_set_string (value, self->preset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_experiment_panel_class_init (SlExperimentPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_experiment_panel_dispose;
  object_class->finalize = sl_experiment_panel_finalize;
  object_class->get_property = sl_experiment_panel_get_property;

  properties[PROP_CAN_RUN] =
    g_param_spec_boolean ("can-run", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM_SUMMARY] =
    g_param_spec_string ("problem-summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRESET] =
    g_param_spec_string ("preset", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (SL_TYPE_WORKER_SLIDER);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_UI_RESOURCE "/sl-experiment-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, content);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, preset_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, workload_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, runtime_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, native_button);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, python_button);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, models_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, threads_check);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, processes_check);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, params_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, worker_slider);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, tasks_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, tasks_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, chunk_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, chunk_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, repeat_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, warmup_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, warmup_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, loops_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, loops_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, min_time_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, min_time_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, until_precise_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, until_precise_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, budget_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, budget_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, timeout_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, scaling_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, order_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, problem_label);
}

/* The most a spin button takes is the validator's limit (sl-limits.h), and it starts at the value
 * of a new spec, so that the template holds a copy of neither; the least, 0 or 1, and the steps
 * are the template's. */
static void
set_limit (GtkSpinButton *spin,
           double         upper,
           double         value)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  gtk_adjustment_configure (adjustment, value, gtk_adjustment_get_lower (adjustment), upper,
                            gtk_adjustment_get_step_increment (adjustment),
                            gtk_adjustment_get_page_increment (adjustment), 0);
}

static void
set_limits (SlExperimentPanel *self)
{
  g_autoptr(SlExperimentSpec) defaults = sl_experiment_spec_new ();

  set_limit (self->tasks_spin, (double) SL_MAX_TASKS, (double) defaults->tasks);
  set_limit (self->chunk_spin, SL_MAX_CHUNK, defaults->chunk);
  set_limit (self->repeat_spin, SL_MAX_REPEAT, defaults->repeat);
  set_limit (self->warmup_spin, SL_MAX_WARMUP, defaults->warmup);
  set_limit (self->timeout_spin, SL_MAX_TIMEOUT_S, defaults->timeout_s);
  set_limit (self->loops_spin, SL_MAX_LOOPS, defaults->loops);
  /* The least minimum time and budget are not 0 or 1: the validator's too. */
  gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->min_time_spin),
                            SL_MIN_TIME_LOWEST_S);
  set_limit (self->min_time_spin, SL_MIN_TIME_HIGHEST_S, defaults->min_time_s);
  set_limit (self->until_precise_spin, SL_PRECISE_HIGHEST_PCT, defaults->until_precise_pct);
  gtk_adjustment_set_lower (gtk_spin_button_get_adjustment (self->budget_spin),
                            SL_BUDGET_LOWEST_S);
  set_limit (self->budget_spin, SL_MAX_BUDGET_S, defaults->budget_s);
}

static void
sl_experiment_panel_init (SlExperimentPanel *self)
{
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) workloads = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) preset_factory = gtk_signal_list_item_factory_new ();
  const SlPreset **preset_list;
  const SlWorkload **workload_list;
  guint n_workloads;

  gtk_widget_init_template (GTK_WIDGET (self));
  set_limits (self);

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        sl_panel_field_free);
  self->param_rows = g_ptr_array_new ();
  self->updating++;

  preset_list = sl_preset_list (&self->n_presets);
  for (guint i = 0; i < self->n_presets; i++)
    gtk_string_list_append (presets, _(preset_list[i]->title));
  gtk_string_list_append (presets, _("Custom"));
  g_signal_connect (preset_factory, "setup", G_CALLBACK (preset_list_setup_cb), NULL);
  g_signal_connect (preset_factory, "bind", G_CALLBACK (preset_list_bind_cb), NULL);
  adw_combo_row_set_expression (self->preset_row,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  adw_combo_row_set_model (self->preset_row, G_LIST_MODEL (presets));
  adw_combo_row_set_list_factory (self->preset_row, preset_factory);

  workload_list = sl_workload_list (&n_workloads);
  for (guint i = 0; i < n_workloads; i++)
    gtk_string_list_append (workloads, _(workload_list[i]->title));
  adw_combo_row_set_expression (self->workload_row,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  adw_combo_row_set_model (self->workload_row, G_LIST_MODEL (workloads));

  sl_panel_register_field (self, "preset", GTK_WIDGET (self->preset_row),
                           GTK_WIDGET (self->preset_row), NULL);
  sl_panel_register_field (self, "workload", GTK_WIDGET (self->workload_row),
                           GTK_WIDGET (self->workload_row), NULL);
  sl_panel_register_field (self, "runtime", GTK_WIDGET (self->runtime_row),
                           GTK_WIDGET (self->python_button), NULL);
  sl_panel_register_field (self, "models", GTK_WIDGET (self->models_row),
                           GTK_WIDGET (self->threads_check), NULL);
  sl_panel_register_fixed_field (self, "tasks", GTK_WIDGET (self->tasks_row),
                                 GTK_WIDGET (self->tasks_spin));
  sl_panel_register_fixed_field (self, "chunk", GTK_WIDGET (self->chunk_row),
                                 GTK_WIDGET (self->chunk_spin));
  sl_panel_register_fixed_field (self, "repeat", GTK_WIDGET (self->repeat_row),
                                 GTK_WIDGET (self->repeat_spin));
  sl_panel_register_fixed_field (self, "warmup", GTK_WIDGET (self->warmup_row),
                                 GTK_WIDGET (self->warmup_spin));
  sl_panel_register_fixed_field (self, "timeout", GTK_WIDGET (self->timeout_row),
                                 GTK_WIDGET (self->timeout_spin));
  sl_panel_register_fixed_field (self, SL_SPEC_FIELD_LOOPS, GTK_WIDGET (self->loops_row),
                                 GTK_WIDGET (self->loops_spin));
  sl_panel_register_fixed_field (self, SL_SPEC_FIELD_MIN_TIME, GTK_WIDGET (self->min_time_row),
                                 GTK_WIDGET (self->min_time_spin));
  sl_panel_register_fixed_field (self, SL_SPEC_FIELD_UNTIL_PRECISE,
                                 GTK_WIDGET (self->until_precise_row),
                                 GTK_WIDGET (self->until_precise_spin));
  sl_panel_register_fixed_field (self, SL_SPEC_FIELD_BUDGET, GTK_WIDGET (self->budget_row),
                                 GTK_WIDGET (self->budget_spin));
  /* Translators: loops of 0, shown in their spin button: calibrated to the minimum time */
  sl_panel_set_zero_text (self->loops_spin, _("Auto"));
  /* Translators: a precision of 0, shown in its spin button: the repetitions only */
  sl_panel_set_zero_text (self->until_precise_spin, _("Off"));
  /* Translators: a timeout of 0, shown in its spin button */
  sl_panel_set_zero_text (self->timeout_spin, _("None"));
  /* Translators: 0 tasks, shown in the spin button: the workload's own number */
  sl_panel_set_zero_text (self->tasks_spin, _("Default"));
  {
    /* Rules between parameters speak of several: their message goes under the group. */
    GtkWidget *label = gtk_label_new (NULL);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    gtk_widget_set_margin_top (label, 6);
    gtk_widget_add_css_class (label, "caption");
    gtk_widget_set_visible (label, FALSE);
    adw_preferences_group_add (self->params_group, label);
    sl_panel_register_field (self, SL_SPEC_FIELD_PARAMS, label, NULL, GTK_LABEL (label));
  }
  sl_panel_register_field (self, "scaling", GTK_WIDGET (self->scaling_row),
                           GTK_WIDGET (self->scaling_row), NULL);
  sl_panel_register_field (self, "order", GTK_WIDGET (self->order_row),
                           GTK_WIDGET (self->order_row), NULL);
  sl_panel_set_field_text (self, "scaling", _("Strong: the same work split among the workers. "
                           "Weak: the same work for each worker."));
  sl_panel_set_field_text (self, "order", _("Interleaved spreads drift over every point: "
                           "1 2 4 8, 1 2 4 8, …"));
  update_runtime (self);

  g_signal_connect_object (self->preset_row, "notify::selected",
                           G_CALLBACK (on_preset_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workload_row, "notify::selected",
                           G_CALLBACK (on_workload_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->python_button, "toggled",
                           G_CALLBACK (sl_panel_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->threads_check, "toggled",
                           G_CALLBACK (sl_panel_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->processes_check, "toggled",
                           G_CALLBACK (sl_panel_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->worker_slider, "changed",
                           G_CALLBACK (sl_panel_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scaling_row, "notify::selected",
                           G_CALLBACK (sl_panel_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->order_row, "notify::selected",
                           G_CALLBACK (sl_panel_edited), self, G_CONNECT_SWAPPED);

  self->updating--;

  /* No rows yet: the owner fills the form (settings, a preset), once; building it twice
   * would cost the window's first frame. */
}

GtkWidget *
sl_experiment_panel_new (void)
{
  return g_object_new (SL_TYPE_EXPERIMENT_PANEL, NULL);
}

/* ---- public ---- */

void
sl_experiment_panel_commit (SlExperimentPanel *self)
{
  GHashTableIter iter;
  Field *field;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &field))
    /* A number the check refused stays as typed, for the person to correct, rather than
     * clamped into range behind their back. */
    if (GTK_IS_SPIN_BUTTON (field->input) && field->problem == NULL)
      gtk_spin_button_update (GTK_SPIN_BUTTON (field->input));
    else
      sl_panel_commit_code (field);
}

SlExperimentSpec *
sl_experiment_panel_dup_spec (SlExperimentPanel *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), NULL);

  return sl_panel_build_spec (self, FALSE, NULL);
}

void
sl_experiment_panel_set_spec (SlExperimentPanel      *self,
                              const SlExperimentSpec *spec)
{
  const SlWorkload *workload;
  guint index;
  gboolean threads = FALSE, processes = FALSE;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));
  g_return_if_fail (spec != NULL);

  self->updating++;

  index = workload_index (spec->workload);
  if (index == GTK_INVALID_LIST_POSITION)
    index = workload_index ("cpu-sum");
  adw_combo_row_set_selected (self->workload_row, index);
  workload = sl_panel_selected_workload (self);
  sl_panel_build_param_rows (self, workload, spec->params);
  update_workload_subtitle (self);

  gtk_toggle_button_set_active (spec->runtime == SL_RUNTIME_PYTHON ? self->python_button
                                                                   : self->native_button, TRUE);
  for (guint i = 0; i < spec->models->len; i++)
    {
      SlModel model = g_array_index (spec->models, SlModel, i);

      threads |= model == SL_MODEL_THREADS;
      processes |= model == SL_MODEL_PROCESSES;
    }
  gtk_check_button_set_active (self->threads_check, threads);
  gtk_check_button_set_active (self->processes_check, processes);

  if (spec->workers->len > 0)
    sl_worker_slider_set_workers (self->worker_slider, spec->workers);

  gtk_spin_button_set_value (self->tasks_spin, (double) spec->tasks);
  gtk_spin_button_set_value (self->chunk_spin, spec->chunk);
  gtk_spin_button_set_value (self->repeat_spin, spec->repeat);
  gtk_spin_button_set_value (self->warmup_spin, spec->warmup);
  gtk_spin_button_set_value (self->timeout_spin, spec->timeout_s);
  gtk_spin_button_set_value (self->loops_spin, spec->loops);
  gtk_spin_button_set_value (self->min_time_spin, spec->min_time_s);
  gtk_spin_button_set_value (self->until_precise_spin, spec->until_precise_pct);
  gtk_spin_button_set_value (self->budget_spin, spec->budget_s);
  adw_combo_row_set_selected (self->scaling_row, spec->scaling == SL_SCALING_WEAK ? 1 : 0);
  adw_combo_row_set_selected (self->order_row, spec->order == SL_ORDER_SEQUENTIAL ? 1 : 0);

  /* The spec names its preset only when it was not changed since. */
  g_free (self->preset);
  self->preset = spec->preset && sl_preset_lookup (spec->preset) ? g_strdup (spec->preset) : NULL;
  index = self->n_presets;
  if (self->preset != NULL)
    {
      const SlPreset **presets = sl_preset_list (NULL);

      for (guint i = 0; i < self->n_presets; i++)
        if (g_str_equal (presets[i]->id, self->preset))
          index = i;
    }
  adw_combo_row_set_selected (self->preset_row, index);
  update_preset_subtitle (self);

  /* Whatever was typed and not taken is gone now. */
  {
    GHashTableIter iter;
    Field *field;

    g_hash_table_iter_init (&iter, self->fields);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &field))
      {
        g_clear_pointer (&field->typed_problem, g_free);
        field->typed = FALSE;
      }
  }

  self->updating--;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
  sl_panel_recheck (self);
}

gboolean
sl_experiment_panel_apply_preset (SlExperimentPanel *self,
                                  const char        *preset_id,
                                  GError           **error)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();

  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), FALSE);
  g_return_val_if_fail (preset_id != NULL, FALSE);

  /* The finer settings go back to their defaults too: the preset is the article's experiment
   * as the article ran it. */
  if (!sl_experiment_spec_apply_preset (spec, preset_id, error))
    return FALSE;

  sl_experiment_panel_set_spec (self, spec);
  return TRUE;
}

const char *
sl_experiment_panel_get_preset (SlExperimentPanel *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), NULL);

  return self->preset;
}

gboolean
sl_experiment_panel_get_can_run (SlExperimentPanel *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), FALSE);

  return self->can_run;
}

const char *
sl_experiment_panel_get_problem_summary (SlExperimentPanel *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), NULL);

  return self->problem_summary;
}

SlWorkerSlider *
sl_experiment_panel_get_worker_slider (SlExperimentPanel *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), NULL);

  return self->worker_slider;
}

void
sl_experiment_panel_set_usable_cpus (SlExperimentPanel *self,
                                     guint              usable_cpus)
{
  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));

  sl_worker_slider_set_usable_cpus (self->worker_slider, usable_cpus);
}

void
sl_experiment_panel_set_locked (SlExperimentPanel *self,
                                gboolean           locked)
{
  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));

  gtk_widget_set_sensitive (self->content, !locked);
}
