/* sl-experiment-panel.c: the configuration sidebar.
 *
 * The workload's parameter rows are generated from its SlParamInfo table: a spin button with
 * the unit and range for numbers, a switch for booleans, an entry (a code view for Python code)
 * for text. Every widget that holds a field of the spec is registered under the field's id, so
 * that the checker's problems land on the widget they are about (mark_field is the one place a
 * widget is marked). A number being typed is checked as it is typed, since a spin button only
 * takes its text when the person leaves it.
 */
#define G_LOG_DOMAIN "sl-experiment-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-experiment-panel.h"
#include "sl-preset.h"
#include "sl-python.h"
#include "sl-ui-util.h"

typedef struct {
  GtkWidget *row;           /* what carries the mark */
  GtkWidget *input;         /* what a person edits */
  GtkLabel  *message;       /* a field row's own message line, or NULL: the subtitle is used */
  char      *text;          /* the subtitle or message line without a mark */
  char      *problem;       /* the mark, or NULL */
  char      *typed_problem; /* a number typed but not taken yet that cannot be taken */
  const SlParamInfo *info;  /* parameters only */
} Field;

struct _SlExperimentPanel
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkWidget         *content;
  AdwComboRow       *preset_row;
  AdwComboRow       *workload_row;
  AdwActionRow      *runtime_row;
  GtkToggleButton   *native_button;
  GtkToggleButton   *python_button;
  AdwActionRow      *models_row;
  GtkCheckButton    *threads_check;
  GtkCheckButton    *processes_check;
  AdwPreferencesGroup *params_group;
  SlWorkerSlider    *worker_slider;
  AdwExpanderRow    *advanced_row;
  AdwActionRow      *tasks_row;
  GtkSpinButton     *tasks_spin;
  AdwActionRow      *chunk_row;
  GtkSpinButton     *chunk_spin;
  AdwActionRow      *repeat_row;
  GtkSpinButton     *repeat_spin;
  AdwActionRow      *warmup_row;
  GtkSpinButton     *warmup_spin;
  AdwActionRow      *timeout_row;
  GtkSpinButton     *timeout_spin;
  AdwComboRow       *scaling_row;
  AdwComboRow       *order_row;
  GtkRevealer       *problem_revealer;
  GtkLabel          *problem_label;

  /* owned */
  GHashTable        *fields;        /* field id -> Field */
  GPtrArray         *param_rows;    /* the rows of the current workload's parameters */
  GPtrArray         *problems;      /* SlSpecProblem* of the last check */
  char              *problem_summary;
  char              *preset;        /* the preset the form holds unchanged, or NULL */
  char              *python_reason; /* why the python runtime is unavailable, or NULL */
  guint              n_presets;
  guint              updating;      /* > 0 while the panel fills its own widgets */
  gboolean           can_run;
};

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

static void recheck (SlExperimentPanel *self);

/* ---- fields ---- */

static void
field_free (gpointer data)
{
  Field *field = data;

  g_free (field->text);
  g_free (field->problem);
  g_free (field->typed_problem);
  g_free (field);
}

static Field *
register_field (SlExperimentPanel *self,
                const char        *id,
                GtkWidget         *row,
                GtkWidget         *input,
                GtkLabel          *message)
{
  Field *field = g_new0 (Field, 1);

  field->row = row;
  field->input = input;
  field->message = message;
  if (message != NULL)
    field->text = g_strdup (gtk_label_get_label (message));
  else if (ADW_IS_ACTION_ROW (row))
    field->text = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  else if (ADW_IS_EXPANDER_ROW (row))
    field->text = g_strdup (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)));

  g_hash_table_replace (self->fields, g_strdup (id), field);
  return field;
}

/* The text shown under a field when it is not marked: it may change (the tasks default). */
static void
set_field_text (SlExperimentPanel *self,
                const char        *id,
                const char        *text)
{
  Field *field = g_hash_table_lookup (self->fields, id);

  if (field == NULL || g_strcmp0 (field->text, text) == 0)
    return;

  g_free (field->text);
  field->text = g_strdup (text);
  if (field->problem == NULL)
    {
      if (field->message != NULL)
        gtk_label_set_label (field->message, text ? text : "");
      else if (ADW_IS_ACTION_ROW (field->row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), text ? text : "");
    }
}

static void
show_field_text (Field      *field,
                 const char *text)
{
  if (field->message != NULL)
    {
      gtk_label_set_label (field->message, text ? text : "");
      gtk_widget_set_visible (GTK_WIDGET (field->message), text != NULL && *text != '\0');
    }
  else if (ADW_IS_ACTION_ROW (field->row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), text ? text : "");
  else if (ADW_IS_EXPANDER_ROW (field->row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), text ? text : "");
}

void
sl_experiment_panel_mark_field (SlExperimentPanel *self,
                                const char        *id,
                                const char        *message)
{
  Field *field;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));
  g_return_if_fail (id != NULL);

  if (g_str_equal (id, "workers"))
    {
      sl_worker_slider_set_problem (self->worker_slider, message);
      return;
    }

  field = g_hash_table_lookup (self->fields, id);
  if (field == NULL || g_strcmp0 (field->problem, message) == 0)
    return;

  g_free (field->problem);
  field->problem = g_strdup (message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (field->row, "error");
      if (field->input != NULL)
        gtk_widget_add_css_class (field->input, "error");
      show_field_text (field, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->input ? field->input : field->row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->input ? field->input : field->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      /* A problem in the folded settings would be invisible: unfold them. */
      if (gtk_widget_is_ancestor (field->row, GTK_WIDGET (self->advanced_row)))
        adw_expander_row_set_expanded (self->advanced_row, TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      if (field->input != NULL)
        gtk_widget_remove_css_class (field->input, "error");
      show_field_text (field, field->text);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->input ? field->input : field->row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->input ? field->input : field->row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

GtkWidget *
sl_experiment_panel_get_field_widget (SlExperimentPanel *self,
                                      const char        *id)
{
  Field *field;

  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), NULL);

  if (g_strcmp0 (id, "workers") == 0)
    return GTK_WIDGET (self->worker_slider);

  field = g_hash_table_lookup (self->fields, id);
  return field ? field->input : NULL;
}

const char *
sl_experiment_panel_get_field_problem (SlExperimentPanel *self,
                                       const char        *id)
{
  Field *field;

  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), NULL);

  field = g_hash_table_lookup (self->fields, id);
  return field ? field->problem : NULL;
}

/* ---- numbers ---- */

static char *
format_number (double value,
               gboolean integer)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (integer)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) llround (value));

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/* "1000000000000" as "10¹²": the large round limits of the ranges read better so. */
static char *
format_limit (double value,
              gboolean integer)
{
  static const char *superscripts[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  int exponent = value >= 1e6 ? (int) lround (log10 (value)) : 0;

  if (integer && exponent > 0 && value == pow (10, exponent))
    {
      GString *text = g_string_new ("10");
      g_autofree char *digits = g_strdup_printf ("%d", exponent);

      for (const char *d = digits; *d != '\0'; d++)
        g_string_append (text, superscripts[*d - '0']);
      return g_string_free (text, FALSE);
    }

  return format_number (value, integer);
}

static char *
describe_range (const SlParamInfo *info)
{
  g_autofree char *min = format_limit (info->min, info->type == SL_PARAM_INT);
  g_autofree char *max = format_limit (info->max, info->type == SL_PARAM_INT);

  if (info->unit != NULL)
    /* Translators: a range of values and its unit: "1–45 ms" */
    return g_strdup_printf (_("%s–%s %s"), min, max, info->unit);

  return g_strdup_printf ("%s–%s", min, max);
}

/* The spin button's text as a number, as the spin button would read it (in the locale). */
static gboolean
parse_typed (GtkSpinButton *spin,
             double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;

  *value = strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;

  return end != NULL && *end == '\0' && isfinite (*value);
}

static void
on_spin_text_changed_cb (GtkEditable       *editable,
                         SlExperimentPanel *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (editable);
  const char *id = g_object_get_data (G_OBJECT (spin), "sl-field");
  Field *field = id ? g_hash_table_lookup (self->fields, id) : NULL;
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  g_autofree char *problem = NULL;
  double value;

  if (field == NULL || self->updating)
    return;

  if (!parse_typed (spin, &value))
    problem = g_strdup_printf (_("“%s” is not a number"),
                               gtk_editable_get_text (editable));
  else if (value < gtk_adjustment_get_lower (adjustment) ||
           value > gtk_adjustment_get_upper (adjustment) ||
           (gtk_spin_button_get_digits (spin) == 0 && value != floor (value)))
    {
      gboolean integer = gtk_spin_button_get_digits (spin) == 0;
      g_autofree char *min = format_number (gtk_adjustment_get_lower (adjustment), integer);
      g_autofree char *max = format_number (gtk_adjustment_get_upper (adjustment), integer);

      problem = g_strdup_printf (integer ? _("Enter a whole number from %s to %s")
                                         : _("Enter a number from %s to %s"), min, max);
    }

  if (g_strcmp0 (problem, field->typed_problem) == 0)
    return;

  g_free (field->typed_problem);
  field->typed_problem = g_steal_pointer (&problem);
  recheck (self);
}

static GtkWidget *
new_spin (SlExperimentPanel *self,
          const char        *id,
          double             lower,
          double             upper,
          guint              digits)
{
  GtkAdjustment *adjustment =
    gtk_adjustment_new (lower, lower, upper, digits ? pow (10, -(double) digits) * 10 : 1,
                        digits ? 1 : 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, digits);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 9);
  g_object_set_data_full (G_OBJECT (spin), "sl-field", g_strdup (id), g_free);

  return spin;
}

/* ---- parameter rows ---- */

static void
on_edited_cb (SlExperimentPanel *self)
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

  recheck (self);
}

static void
clear_param_rows (SlExperimentPanel *self)
{
  GHashTableIter iter;
  const char *id;

  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (g_str_has_prefix (id, "params."))
      g_hash_table_iter_remove (&iter);
}

static GtkWidget *
new_number_row (SlExperimentPanel *self,
                const char        *id,
                const SlParamInfo *info,
                double             value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint digits = info->type == SL_PARAM_DOUBLE ? 2 : 0;
  GtkWidget *spin = new_spin (self, id, info->min, info->max, digits);
  g_autofree char *range = describe_range (info);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), range);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_set_tooltip_text (row, info->help);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_tooltip_text (spin, info->help);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, info->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, info->help,
                                  -1);
  gtk_box_append (GTK_BOX (box), spin);
  if (info->unit != NULL)
    {
      GtkWidget *unit = gtk_label_new (info->unit);

      gtk_widget_add_css_class (unit, "dim-label");
      gtk_box_append (GTK_BOX (box), unit);
    }
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_edited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (spin, "changed", G_CALLBACK (on_spin_text_changed_cb), self, 0);

  register_field (self, id, row, spin, NULL)->info = info;
  return row;
}

static GtkWidget *
new_bool_row (SlExperimentPanel *self,
              const char        *id,
              const SlParamInfo *info,
              gboolean           value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), info->help);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_switch_set_active (GTK_SWITCH (toggle), value);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, info->name,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_edited_cb), self,
                           G_CONNECT_SWAPPED);

  register_field (self, id, row, toggle, NULL)->info = info;
  return row;
}

/* A text parameter: its name, the entry below it (the text is often a long URL list), and a
 * line that holds its help or its problem. Python code gets a monospace editor instead. */
static GtkWidget *
new_text_row (SlExperimentPanel *self,
              const char        *id,
              const SlParamInfo *info,
              const char        *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (info->name);
  GtkWidget *message = gtk_label_new (info->help);
  GtkWidget *input;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_add_css_class (message, "dim-label");
  gtk_box_append (GTK_BOX (box), title);

  if (g_str_equal (info->name, SL_PYTHON_CODE_PARAM))
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

      gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_NONE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_buffer_set_text (buffer, value, -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
      gtk_widget_add_css_class (scroller, "card");
      gtk_box_append (GTK_BOX (box), scroller);
      g_signal_connect_object (buffer, "changed", G_CALLBACK (on_edited_cb), self,
                               G_CONNECT_SWAPPED);
      input = view;
    }
  else
    {
      input = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (input), value);
      gtk_entry_set_placeholder_text (GTK_ENTRY (input), _("Empty: the built-in default"));
      gtk_box_append (GTK_BOX (box), input);
      g_signal_connect_object (input, "changed", G_CALLBACK (on_edited_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, info->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, info->help,
                                  -1);
  gtk_widget_set_tooltip_text (input, info->help);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  register_field (self, id, row, input, GTK_LABEL (message))->info = info;
  return row;
}

static const SlWorkload *
selected_workload (SlExperimentPanel *self)
{
  guint n;
  const SlWorkload **list = sl_workload_list (&n);
  guint selected = adw_combo_row_get_selected (self->workload_row);

  return selected < n ? list[selected] : NULL;
}

/* Rows for every parameter a person may set, with `params` given values (defaults for the
 * rest). */
static void
build_param_rows (SlExperimentPanel *self,
                  const SlWorkload  *workload,
                  const SlParams    *params)
{
  guint n_rows = 0;

  clear_param_rows (self);
  if (workload == NULL)
    return;

  adw_preferences_group_set_description (self->params_group, workload->description);

  for (guint i = 0; i < workload->n_params; i++)
    {
      const SlParamInfo *info = &workload->params[i];
      g_autofree char *id = g_strdup_printf ("params.%s", info->name);
      const char *value = params ? sl_params_lookup (params, info->name) : NULL;
      GtkWidget *row;

      if (info->flags & SL_PARAM_FLAG_INTERNAL)
        continue;
      if (value == NULL)
        value = info->default_value ? info->default_value : "";

      switch (info->type)
        {
        case SL_PARAM_INT:
        case SL_PARAM_DOUBLE:
          row = new_number_row (self, id, info, g_ascii_strtod (value, NULL));
          break;
        case SL_PARAM_BOOL:
          row = new_bool_row (self, id, info,
                              g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "1"));
          break;
        case SL_PARAM_STRING:
        default:
          row = new_text_row (self, id, info, value);
          break;
        }

      adw_preferences_group_add (self->params_group, row);
      g_ptr_array_add (self->param_rows, row);
      n_rows++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->params_group), n_rows > 0 || workload->description);
}

static char *
field_value (Field *field)
{
  if (GTK_IS_SPIN_BUTTON (field->input))
    return format_number (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->input)),
                          field->info == NULL || field->info->type == SL_PARAM_INT);
  if (GTK_IS_SWITCH (field->input))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->input)) ? "true" : "false");
  if (GTK_IS_TEXT_VIEW (field->input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (GTK_IS_EDITABLE (field->input))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->input)));

  return NULL;
}

/* ---- presets and workloads ---- */

static void
update_preset_subtitle (SlExperimentPanel *self)
{
  const SlPreset *preset = self->preset ? sl_preset_lookup (self->preset) : NULL;

  if (preset != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->preset_row), preset->description);
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->preset_row), NULL);
}

static void
update_workload_subtitle (SlExperimentPanel *self)
{
  const SlWorkload *workload = selected_workload (self);
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
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->workload_row), workload->description);
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

  workload = selected_workload (self);
  self->updating++;
  build_param_rows (self, workload, NULL);
  /* Follow the runtime the workload needs, rather than leave a problem to fix by hand. */
  if (workload != NULL && (workload->flags & SL_WORKLOAD_FLAG_PYTHON_ONLY))
    gtk_toggle_button_set_active (self->python_button, TRUE);
  else if (workload != NULL && workload->python_source == NULL)
    gtk_toggle_button_set_active (self->native_button, TRUE);
  self->updating--;
  update_workload_subtitle (self);

  on_edited_cb (self);
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
      gtk_label_set_label (GTK_LABEL (title), presets[position]->title);
      gtk_label_set_label (GTK_LABEL (summary), presets[position]->subtitle);
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (title), _("Custom"));
      gtk_label_set_label (GTK_LABEL (summary), _("Your own experiment"));
    }
}

/* ---- checking ---- */

static SlExperimentSpec *
build_spec (SlExperimentPanel *self,
            GError           **workers_error)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  const SlWorkload *workload = selected_workload (self);
  GHashTableIter iter;
  const char *id;
  Field *field;
  GArray *workers;
  SlModel model;

  g_free (spec->preset);
  spec->preset = g_strdup (self->preset);
  g_free (spec->workload);
  spec->workload = g_strdup (workload ? workload->id : "");

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &field))
    if (g_str_has_prefix (id, "params."))
      {
        g_autofree char *value = field_value (field);

        sl_params_set (spec->params, id + strlen ("params."), value ? value : "");
      }

  spec->runtime = gtk_toggle_button_get_active (self->python_button) ? SL_RUNTIME_PYTHON
                                                                     : SL_RUNTIME_NATIVE;
  g_array_set_size (spec->models, 0);
  model = SL_MODEL_THREADS;
  if (gtk_check_button_get_active (self->threads_check))
    g_array_append_val (spec->models, model);
  model = SL_MODEL_PROCESSES;
  if (gtk_check_button_get_active (self->processes_check))
    g_array_append_val (spec->models, model);

  workers = sl_worker_slider_dup_workers (self->worker_slider, workers_error);
  g_array_unref (spec->workers);
  spec->workers = workers ? workers : g_array_new (FALSE, FALSE, sizeof (guint));

  spec->tasks = (guint64) gtk_spin_button_get_value (self->tasks_spin);
  spec->chunk = (guint) gtk_spin_button_get_value (self->chunk_spin);
  spec->repeat = (guint) gtk_spin_button_get_value (self->repeat_spin);
  spec->warmup = (guint) gtk_spin_button_get_value (self->warmup_spin);
  spec->timeout_s = gtk_spin_button_get_value (self->timeout_spin);
  spec->scaling = adw_combo_row_get_selected (self->scaling_row) == 1 ? SL_SCALING_WEAK
                                                                     : SL_SCALING_STRONG;
  spec->order = adw_combo_row_get_selected (self->order_row) == 1 ? SL_ORDER_SEQUENTIAL
                                                                 : SL_ORDER_INTERLEAVED;

  return g_steal_pointer (&spec);
}

static void
update_tasks_text (SlExperimentPanel *self,
                   const SlExperimentSpec *spec)
{
  const SlWorkload *workload = sl_workload_lookup (spec->workload);
  g_autoptr(SlParams) resolved = workload ? sl_workload_resolve_params (workload, spec->params,
                                                                        NULL) : NULL;
  g_autofree char *text = NULL;

  if (resolved != NULL)
    text = g_strdup_printf (_("0 takes the workload’s default, %" G_GUINT64_FORMAT),
                            sl_workload_default_tasks (workload, resolved));
  else
    text = g_strdup (_("0 takes the workload’s default"));
  set_field_text (self, "tasks", text);
}

/* A rule between parameters is reported on "params"; when its message names one parameter
 * alone (a malformed URL list), that parameter's field shows it. */
static void
name_params_problems (SlExperimentPanel *self,
                      GPtrArray         *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      SlSpecProblem *problem = g_ptr_array_index (problems, i);
      const char *named = NULL;
      guint n_named = 0;
      GHashTableIter iter;
      const char *id;

      if (!g_str_equal (problem->field, SL_SPEC_FIELD_PARAMS))
        continue;

      g_hash_table_iter_init (&iter, self->fields);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        {
          const char *name = id + strlen (SL_SPEC_FIELD_PARAMS ".");
          const char *at;
          gsize len;

          if (!g_str_has_prefix (id, SL_SPEC_FIELD_PARAMS "."))
            continue;
          len = strlen (name);
          for (at = strstr (problem->message, name); at != NULL; at = strstr (at + len, name))
            if ((at == problem->message || !(g_ascii_isalnum (at[-1]) || at[-1] == '_')) &&
                !(g_ascii_isalnum (at[len]) || at[len] == '_'))
              {
                named = id;
                n_named++;
                break;
              }
        }

      if (n_named == 1)
        {
          g_free (problem->field);
          problem->field = g_strdup (named);
        }
    }
}

static void
recheck (SlExperimentPanel *self)
{
  g_autoptr(SlExperimentSpec) spec = NULL;
  g_autoptr(GError) workers_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) marks = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *id;
  Field *field;
  gboolean can_run;
  g_autofree char *summary = NULL;

  spec = build_spec (self, &workers_error);
  problems = sl_experiment_spec_check (spec);
  if (spec->runtime == SL_RUNTIME_PYTHON && self->python_reason != NULL)
    g_ptr_array_add (problems, sl_spec_problem_new (SL_SPEC_FIELD_RUNTIME, self->python_reason));
  name_params_problems (self, problems);

  /* What the person is typing comes first, and the list's own syntax error says more than
   * "choose a worker count". */
  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &field))
    if (field->typed_problem != NULL)
      g_ptr_array_insert (problems, 0, sl_spec_problem_new (id, field->typed_problem));
  if (workers_error != NULL)
    {
      for (guint i = problems->len; i > 0; i--)
        if (g_str_equal (((SlSpecProblem *) g_ptr_array_index (problems, i - 1))->field, "workers"))
          g_ptr_array_remove_index (problems, i - 1);
      g_ptr_array_add (problems, sl_spec_problem_new ("workers", workers_error->message));
    }

  /* One mark per field: the first problem found for it. */
  for (guint i = 0; i < problems->len; i++)
    {
      SlSpecProblem *problem = g_ptr_array_index (problems, i);

      if (!g_hash_table_contains (marks, problem->field))
        g_hash_table_insert (marks, problem->field, problem->message);
    }

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    sl_experiment_panel_mark_field (self, id, g_hash_table_lookup (marks, id));
  sl_experiment_panel_mark_field (self, "workers", g_hash_table_lookup (marks, "workers"));

  update_tasks_text (self, spec);

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
      set_field_text (self, "runtime", text);
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
                                               "/io/github/speeduplab/SpeedupLab/sl-experiment-panel.ui");
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
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, timeout_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, scaling_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, order_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentPanel, problem_label);
}

static void
setup_fixed_field (SlExperimentPanel *self,
                   const char        *id,
                   GtkWidget         *row,
                   GtkWidget         *input)
{
  register_field (self, id, row, input, NULL);

  if (GTK_IS_SPIN_BUTTON (input))
    {
      g_object_set_data_full (G_OBJECT (input), "sl-field", g_strdup (id), g_free);
      g_signal_connect_object (input, "value-changed", G_CALLBACK (on_edited_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (input, "changed", G_CALLBACK (on_spin_text_changed_cb), self, 0);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (input), FALSE);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), input);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
    }
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

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, field_free);
  self->param_rows = g_ptr_array_new ();
  self->updating++;

  preset_list = sl_preset_list (&self->n_presets);
  for (guint i = 0; i < self->n_presets; i++)
    gtk_string_list_append (presets, preset_list[i]->title);
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
    gtk_string_list_append (workloads, workload_list[i]->title);
  adw_combo_row_set_expression (self->workload_row,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                             "string"));
  adw_combo_row_set_model (self->workload_row, G_LIST_MODEL (workloads));

  register_field (self, "preset", GTK_WIDGET (self->preset_row), GTK_WIDGET (self->preset_row),
                  NULL);
  register_field (self, "workload", GTK_WIDGET (self->workload_row),
                  GTK_WIDGET (self->workload_row), NULL);
  register_field (self, "runtime", GTK_WIDGET (self->runtime_row),
                  GTK_WIDGET (self->python_button), NULL);
  register_field (self, "models", GTK_WIDGET (self->models_row), GTK_WIDGET (self->threads_check),
                  NULL);
  setup_fixed_field (self, "tasks", GTK_WIDGET (self->tasks_row), GTK_WIDGET (self->tasks_spin));
  setup_fixed_field (self, "chunk", GTK_WIDGET (self->chunk_row), GTK_WIDGET (self->chunk_spin));
  setup_fixed_field (self, "repeat", GTK_WIDGET (self->repeat_row),
                     GTK_WIDGET (self->repeat_spin));
  setup_fixed_field (self, "warmup", GTK_WIDGET (self->warmup_row),
                     GTK_WIDGET (self->warmup_spin));
  setup_fixed_field (self, "timeout", GTK_WIDGET (self->timeout_row),
                     GTK_WIDGET (self->timeout_spin));
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
    register_field (self, SL_SPEC_FIELD_PARAMS, label, NULL, GTK_LABEL (label));
  }
  register_field (self, "scaling", GTK_WIDGET (self->scaling_row), GTK_WIDGET (self->scaling_row),
                  NULL);
  register_field (self, "order", GTK_WIDGET (self->order_row), GTK_WIDGET (self->order_row), NULL);
  set_field_text (self, "scaling", _("Strong: the same work split among the workers. "
                                     "Weak: the same work for each worker."));
  set_field_text (self, "order", _("Interleaved spreads drift over every point: "
                                   "1 2 4 8, 1 2 4 8, …"));
  update_runtime (self);

  g_signal_connect_object (self->preset_row, "notify::selected",
                           G_CALLBACK (on_preset_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workload_row, "notify::selected",
                           G_CALLBACK (on_workload_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->python_button, "toggled",
                           G_CALLBACK (on_edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->threads_check, "toggled",
                           G_CALLBACK (on_edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->processes_check, "toggled",
                           G_CALLBACK (on_edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->worker_slider, "changed",
                           G_CALLBACK (on_edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scaling_row, "notify::selected",
                           G_CALLBACK (on_edited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->order_row, "notify::selected",
                           G_CALLBACK (on_edited_cb), self, G_CONNECT_SWAPPED);

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
    if (GTK_IS_SPIN_BUTTON (field->input) && field->typed_problem == NULL)
      gtk_spin_button_update (GTK_SPIN_BUTTON (field->input));
}

SlExperimentSpec *
sl_experiment_panel_dup_spec (SlExperimentPanel *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_PANEL (self), NULL);

  return build_spec (self, NULL);
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
  workload = selected_workload (self);
  build_param_rows (self, workload, spec->params);
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
      g_clear_pointer (&field->typed_problem, g_free);
  }

  self->updating--;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
  recheck (self);
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

/* ---- settings ---- */

void
sl_experiment_panel_load_settings (SlExperimentPanel *self,
                                   GSettings         *settings)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GVariant) params = NULL;
  g_auto(GStrv) models = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *custom = NULL;
  GVariantIter iter;
  const char *key, *value;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  preset = g_settings_get_string (settings, "preset");
  g_free (spec->preset);
  spec->preset = *preset ? g_steal_pointer (&preset) : NULL;
  g_free (spec->workload);
  spec->workload = g_settings_get_string (settings, "workload");

  params = g_settings_get_value (settings, "params");
  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    sl_params_set (spec->params, key, value);

  spec->runtime = g_settings_get_enum (settings, "runtime");
  models = g_settings_get_strv (settings, "models");
  g_array_set_size (spec->models, 0);
  for (guint i = 0; models[i] != NULL; i++)
    {
      SlModel model;

      if (sl_model_from_string (models[i], &model))
        g_array_append_val (spec->models, model);
    }

  spec->tasks = g_settings_get_uint64 (settings, "tasks");
  spec->chunk = g_settings_get_uint (settings, "chunk");
  spec->repeat = g_settings_get_uint (settings, "repeat");
  spec->warmup = g_settings_get_uint (settings, "warmup");
  spec->timeout_s = g_settings_get_double (settings, "timeout");
  spec->scaling = g_settings_get_enum (settings, "scaling");
  spec->order = g_settings_get_enum (settings, "order");

  /* The worker counts live in the slider's own terms; the spec's list is left empty so that
   * set_spec leaves the slider alone. */
  g_array_set_size (spec->workers, 0);
  custom = g_settings_get_string (settings, "custom-workers");
  self->updating++;
  sl_worker_slider_set_custom_text (self->worker_slider, custom);
  sl_worker_slider_set_sweep (self->worker_slider, g_settings_get_enum (settings, "sweep"));
  sl_worker_slider_set_max_workers (self->worker_slider,
                                    g_settings_get_uint (settings, "max-workers"));
  self->updating--;

  sl_experiment_panel_set_spec (self, spec);
}

void
sl_experiment_panel_save_settings (SlExperimentPanel *self,
                                   GSettings         *settings)
{
  g_autoptr(SlExperimentSpec) spec = NULL;
  g_autofree const char **names = NULL;
  g_autoptr(GStrvBuilder) models = g_strv_builder_new ();
  g_auto(GStrv) model_names = NULL;
  GVariantBuilder params;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  spec = build_spec (self, NULL);

  g_variant_builder_init (&params, G_VARIANT_TYPE ("a{ss}"));
  names = sl_params_get_names (spec->params, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    g_variant_builder_add (&params, "{ss}", names[i], sl_params_lookup (spec->params, names[i]));
  for (guint i = 0; i < spec->models->len; i++)
    g_strv_builder_add (models, sl_model_to_string (g_array_index (spec->models, SlModel, i)));
  model_names = g_strv_builder_end (models);

  g_settings_set_string (settings, "preset", spec->preset ? spec->preset : "");
  g_settings_set_string (settings, "workload", spec->workload);
  g_settings_set_value (settings, "params", g_variant_builder_end (&params));
  g_settings_set_enum (settings, "runtime", spec->runtime);
  g_settings_set_strv (settings, "models", (const char * const *) model_names);
  g_settings_set_uint (settings, "max-workers",
                       sl_worker_slider_get_max_workers (self->worker_slider));
  g_settings_set_enum (settings, "sweep", sl_worker_slider_get_sweep (self->worker_slider));
  g_settings_set_string (settings, "custom-workers",
                         sl_worker_slider_get_custom_text (self->worker_slider));
  g_settings_set_uint64 (settings, "tasks", spec->tasks);
  g_settings_set_uint (settings, "chunk", spec->chunk);
  g_settings_set_uint (settings, "repeat", spec->repeat);
  g_settings_set_uint (settings, "warmup", spec->warmup);
  g_settings_set_double (settings, "timeout", spec->timeout_s);
  g_settings_set_enum (settings, "scaling", spec->scaling);
  g_settings_set_enum (settings, "order", spec->order);
}
