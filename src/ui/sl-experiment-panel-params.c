/* sl-experiment-panel-params.c: the workload's parameter rows, generated from its SlParamInfo
 * table: a spin button with the unit and range for numbers (checked as they are typed, since a
 * spin button takes its text only when the person leaves it), a switch for booleans, an entry
 * (the code editor for Python code) for text. */
#define G_LOG_DOMAIN "sl-experiment-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-code-editor.h"
#include "sl-experiment-panel-private.h"
#include "sl-python.h"

/* ---- numbers ---- */

char *
sl_panel_format_number (double value,
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

  /* A label, read by a person: the locale's decimal comma, unlike the spec's text. */
  if (!integer)
    return g_strdup_printf ("%.10g", value);

  return sl_panel_format_number (value, integer);
}

static char *
describe_range (const SlParamInfo *info)
{
  g_autofree char *min = format_limit (info->min, info->type == SL_PARAM_INT);
  g_autofree char *max = format_limit (info->max, info->type == SL_PARAM_INT);

  if (info->unit != NULL)
    /* Translators: a parameter's id (as help texts and messages name it), then its range of
     * values and its unit: "latency_ms · 0–60000 ms". The range is kept on one line: a word
     * joiner (U+2060) after the dash, a no-break space (U+00A0) before the unit. */
    return g_strdup_printf (_("%s · %s–\xe2\x81\xa0%s\xc2\xa0%s"), info->name, min, max,
                            _(info->unit));

  /* Translators: a parameter's id, then its range of values: "k · 1–45" */
  return g_strdup_printf (_("%s · %s–\xe2\x81\xa0%s"), info->name, min, max);
}

/* The spin button's text as a number, as the spin button would read it (in the locale). */
static gboolean
parse_typed (GtkSpinButton *spin,
             double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  const char *zero = g_object_get_data (G_OBJECT (spin), "sl-zero-text");
  char *end = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;
  if (zero != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (g_utf8_collate (stripped, zero) == 0 || g_ascii_strcasecmp (stripped, zero) == 0)
        {
          *value = 0;
          return TRUE;
        }
    }

  *value = strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;

  return end != NULL && *end == '\0' && isfinite (*value);
}

/* What is typed is checked as it is typed, by the validator: the number goes into the spec
 * that the form checks (not the one it runs, until the spin button takes it), so that its range
 * and its message are the validator's. Only text that the spec cannot hold is the form's own
 * problem: no number, or for the counts of the spec (a whole number of tasks, chunks, runs),
 * not a whole number of them. */
void
sl_panel_spin_text_changed (GtkEditable       *editable,
                            SlExperimentPanel *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (editable);
  const char *id = g_object_get_data (G_OBJECT (spin), "sl-field");
  Field *field = id ? g_hash_table_lookup (self->fields, id) : NULL;
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *problem = NULL;
  g_autofree char *shown = NULL;
  gboolean count, typed = FALSE;
  double value = 0;

  if (field == NULL || self->updating)
    return;

  count = field->info == NULL && gtk_spin_button_get_digits (spin) == 0;
  /* The spin button's own text for its value: nothing was typed. */
  if (gtk_spin_button_get_value (spin) == 0 && g_object_get_data (G_OBJECT (spin), "sl-zero-text"))
    shown = g_strdup (g_object_get_data (G_OBJECT (spin), "sl-zero-text"));
  else
    shown = g_strdup_printf ("%0.*f", gtk_spin_button_get_digits (spin),
                             gtk_spin_button_get_value (spin));
  if (!parse_typed (spin, &value))
    problem = g_strdup_printf (_("“%s” is not a number"), text);
  else if (count && (value < 0 || value != floor (value)))
    problem = g_strdup_printf (_("“%s” is not a whole number"), text);
  else
    typed = !g_str_equal (text, shown) && value != gtk_spin_button_get_value (spin);

  if (g_strcmp0 (problem, field->typed_problem) == 0 && typed == field->typed &&
      (!typed || value == field->typed_value))
    return;

  g_free (field->typed_problem);
  field->typed_problem = g_steal_pointer (&problem);
  field->typed = typed;
  field->typed_value = value;
  sl_panel_recheck (self);
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

void
sl_panel_clear_param_rows (SlExperimentPanel *self)
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

/* `units` holds the unit labels of a workload's rows, those without a unit too, so that the
 * spin buttons stand in one column. */
static GtkWidget *
new_number_row (SlExperimentPanel *self,
                const char        *id,
                const SlParamInfo *info,
                double             value,
                GtkSizeGroup      *units)
{
  GtkWidget *unit = gtk_label_new (info->unit != NULL ? _(info->unit) : NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  guint digits = info->type == SL_PARAM_DOUBLE ? 2 : 0;
  GtkWidget *spin = new_spin (self, id, info->min, info->max, digits);
  g_autofree char *range = describe_range (info);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), range);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_set_tooltip_text (row, _(info->help));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_tooltip_text (spin, _(info->help));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(info->help),
                                  -1);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_label_set_xalign (GTK_LABEL (unit), 0);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_size_group_add_widget (units, unit);
  gtk_box_append (GTK_BOX (box), unit);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  g_signal_connect_object (spin, "value-changed", G_CALLBACK (sl_panel_edited), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (spin, "changed", G_CALLBACK (sl_panel_spin_text_changed), self, 0);

  sl_panel_register_field (self, id, row, spin, NULL)->info = info;
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

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->title));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(info->help));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_switch_set_active (GTK_SWITCH (toggle), value);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (sl_panel_edited), self,
                           G_CONNECT_SWAPPED);

  sl_panel_register_field (self, id, row, toggle, NULL)->info = info;
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
  GtkWidget *title = gtk_label_new (_(info->title));
  GtkWidget *message = gtk_label_new (_(info->help));
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

  /* Python code: the code editor (sl-code-editor.c). */
  if (g_str_equal (info->name, SL_PYTHON_CODE_PARAM))
    {
      GtkTextView *view;

      input = sl_code_editor_new ();
      view = sl_code_editor_get_view (SL_CODE_EDITOR (input));
      /* The code of a spec (a result run again), or the person's own, kept from the last
       * session. */
      if (value != NULL)
        sl_code_editor_set_text (SL_CODE_EDITOR (input), value);
      else
        sl_code_editor_restore_draft (SL_CODE_EDITOR (input));
      gtk_box_append (GTK_BOX (box), input);
      g_signal_connect_object (gtk_text_view_get_buffer (view), "changed",
                               G_CALLBACK (sl_panel_edited), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (input, "notify::problem", G_CALLBACK (sl_panel_recheck), self,
                               G_CONNECT_SWAPPED);
      /* The editor says its own problems under the code. */
      gtk_box_append (GTK_BOX (box), message);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      /* The editor marks its own problems: the whole row in red would hide the mark. */
      sl_panel_register_field (self, id, input, input, NULL)->info = info;
      return row;
    }
  else
    {
      input = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (input), value);
      gtk_entry_set_placeholder_text (GTK_ENTRY (input), _("Empty: the built-in default"));
      gtk_box_append (GTK_BOX (box), input);
      g_signal_connect_object (input, "changed", G_CALLBACK (sl_panel_edited), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->title),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(info->help),
                                  -1);
  gtk_widget_set_tooltip_text (input, _(info->help));
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  sl_panel_register_field (self, id, row, input, GTK_LABEL (message))->info = info;
  return row;
}

const SlWorkload *
sl_panel_selected_workload (SlExperimentPanel *self)
{
  guint n;
  const SlWorkload **list = sl_workload_list (&n);
  guint selected = adw_combo_row_get_selected (self->workload_row);

  return selected < n ? list[selected] : NULL;
}

/* Rows for every parameter a person may set, with `params` given values (defaults for the
 * rest). */
void
sl_panel_build_param_rows (SlExperimentPanel *self,
                           const SlWorkload  *workload,
                           const SlParams    *params)
{
  g_autoptr(GtkSizeGroup) units = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  guint n_rows = 0;

  sl_panel_clear_param_rows (self);
  if (workload == NULL)
    return;

  adw_preferences_group_set_description (self->params_group, _(workload->description));

  for (guint i = 0; i < workload->n_params; i++)
    {
      const SlParamInfo *info = &workload->params[i];
      g_autofree char *id = g_strdup_printf ("params.%s", info->name);
      const char *value = params ? sl_params_lookup (params, info->name) : NULL;
      GtkWidget *row;

      if (info->flags & SL_PARAM_FLAG_INTERNAL)
        continue;
      /* Code not given (the workload chosen by hand, the settings) is the person's own, which
       * the code editor keeps. */
      if (value == NULL && !g_str_equal (info->name, SL_PYTHON_CODE_PARAM))
        value = info->default_value ? info->default_value : "";

      switch (info->type)
        {
        case SL_PARAM_INT:
        case SL_PARAM_DOUBLE:
          row = new_number_row (self, id, info, g_ascii_strtod (value, NULL), units);
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

double
sl_panel_field_number (Field    *field,
                       gboolean  as_typed)
{
  g_return_val_if_fail (GTK_IS_SPIN_BUTTON (field->input), 0);

  if (as_typed && field->typed)
    return field->typed_value;

  return gtk_spin_button_get_value (GTK_SPIN_BUTTON (field->input));
}

char *
sl_panel_field_value (Field    *field,
                      gboolean  as_typed)
{
  if (GTK_IS_SPIN_BUTTON (field->input))
    {
      double value = sl_panel_field_number (field, as_typed);
      gboolean integer = field->info == NULL || field->info->type == SL_PARAM_INT;

      /* A fraction typed for a whole number, or one too large to be one, is left for the
       * validator to refuse. */
      return sl_panel_format_number (value, integer && value == floor (value) &&
                                            fabs (value) < 9e15);
    }
  if (GTK_IS_SWITCH (field->input))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->input)) ? "true" : "false");
  if (SL_IS_CODE_EDITOR (field->input))
    return sl_code_editor_dup_text (SL_CODE_EDITOR (field->input));
  if (GTK_IS_EDITABLE (field->input))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->input)));

  return NULL;
}

/* What a field holds that the form cannot take yet: a number typed but not taken, code that
 * the editor found wrong or has not checked. */
const char *
sl_panel_field_pending_problem (Field *field)
{
  if (field->typed_problem == NULL && SL_IS_CODE_EDITOR (field->input))
    return sl_code_editor_get_problem (SL_CODE_EDITOR (field->input));

  return field->typed_problem;
}

/* Run was asked for: code typed since the last check is checked now. */
void
sl_panel_commit_code (Field *field)
{
  if (SL_IS_CODE_EDITOR (field->input))
    sl_code_editor_commit (SL_CODE_EDITOR (field->input));
}

void
sl_experiment_panel_show_failures (SlExperimentPanel *self,
                                   const SlResult    *result)
{
  Field *field;
  const char *code;

  g_return_if_fail (SL_IS_EXPERIMENT_PANEL (self));
  g_return_if_fail (result != NULL);

  field = g_hash_table_lookup (self->fields, "params." SL_PYTHON_CODE_PARAM);
  code = sl_params_lookup (result->spec->params, SL_PYTHON_CODE_PARAM);
  if (field == NULL || !SL_IS_CODE_EDITOR (field->input) || code == NULL)
    return;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->status == SL_POINT_FAILED && point->error != NULL)
        {
          sl_code_editor_mark_failure (SL_CODE_EDITOR (field->input), code, point->error);
          return;
        }
    }
}
