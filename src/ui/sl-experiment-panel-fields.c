/* sl-experiment-panel-fields.c: the form's fields: every widget that holds a field of the spec,
 * registered under the field's id, so that the validator's problems land on the widget they are
 * about; sl_experiment_panel_mark_field() is the one place a widget is marked. */
#define G_LOG_DOMAIN "sl-experiment-panel"

#include "config.h"

#include "sl-experiment-panel-private.h"

void
sl_panel_field_free (gpointer data)
{
  Field *field = data;

  g_free (field->text);
  g_free (field->problem);
  g_free (field->typed_problem);
  g_free (field);
}

Field *
sl_panel_register_field (SlExperimentPanel *self,
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
void
sl_panel_set_field_text (SlExperimentPanel *self,
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

static gboolean
on_zero_output_cb (GtkSpinButton *spin,
                   const char    *text)
{
  if (gtk_spin_button_get_value (spin) != 0)
    return FALSE;

  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (spin)), text))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_zero_input_cb (GtkSpinButton *spin,
                  double        *value,
                  const char    *text)
{
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (g_utf8_collate (typed, text) != 0 && g_ascii_strcasecmp (typed, text) != 0)
    return FALSE;

  *value = 0;
  return TRUE;
}

void
sl_panel_set_zero_text (GtkSpinButton *spin,
                        const char    *text)
{
  char *copy = g_strdup (text);

  g_object_set_data_full (G_OBJECT (spin), "sl-zero-text", copy, g_free);
  g_signal_connect (spin, "output", G_CALLBACK (on_zero_output_cb), copy);
  g_signal_connect (spin, "input", G_CALLBACK (on_zero_input_cb), copy);
  gtk_spin_button_update (spin);
  if (gtk_spin_button_get_value (spin) == 0)
    on_zero_output_cb (spin, copy);
}

void
sl_panel_register_fixed_field (SlExperimentPanel *self,
                               const char        *id,
                               GtkWidget         *row,
                               GtkWidget         *input)
{
  sl_panel_register_field (self, id, row, input, NULL);

  if (GTK_IS_SPIN_BUTTON (input))
    {
      g_object_set_data_full (G_OBJECT (input), "sl-field", g_strdup (id), g_free);
      g_signal_connect_object (input, "value-changed", G_CALLBACK (sl_panel_edited), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (input, "changed", G_CALLBACK (sl_panel_spin_text_changed), self, 0);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (input), FALSE);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), input);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
    }
}
