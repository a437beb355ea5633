/* sl-code-editor.c: the editor of a person's own Python function: the source view, its text and
 * its look. The check as the person types and its mark are in sl-code-editor-check.c, the
 * templates in sl-code-editor-templates.c, the files in sl-code-editor-files.c and the draft
 * kept between sessions in sl-code-editor-draft.c. */
#define G_LOG_DOMAIN "sl-code-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-code-editor-private.h"
#include "sl-python-sources.h"
#include "sl-ui-util.h"

G_DEFINE_FINAL_TYPE (SlCodeEditor, sl_code_editor, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

void
sl_editor_notify (SlCodeEditor         *self,
                  SlCodeEditorProperty  property)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[property]);
}

/* ---- text ---- */

void
sl_editor_replace_text (SlCodeEditor *self,
                        const char   *text,
                        gboolean      undoable)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  self->loading++;
  if (!undoable)
    gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert (buffer, &start, text ? text : "", -1);
  gtk_text_buffer_end_user_action (buffer);
  if (!undoable)
    gtk_text_buffer_end_irreversible_action (buffer);

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  self->loading--;

  /* No pause in typing to wait for: the new code is checked at once. */
  sl_editor_start_check (self);
}

char *
sl_code_editor_dup_text (SlCodeEditor *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

GtkTextView *
sl_code_editor_get_view (SlCodeEditor *self)
{
  g_return_val_if_fail (SL_IS_CODE_EDITOR (self), NULL);

  return GTK_TEXT_VIEW (self->view);
}

void
sl_code_editor_set_text (SlCodeEditor *self,
                         const char   *text)
{
  g_return_if_fail (SL_IS_CODE_EDITOR (self));

  /* Empty code runs python-custom's sample: show what runs. */
  sl_editor_replace_text (self, text && *text ? text : SL_PYTHON_SOURCE_CUSTOM_SAMPLE, FALSE);
  g_clear_object (&self->file);
  gtk_label_set_label (self->file_label, "");
  sl_editor_notify (self, PROP_FILE);
}

/* ---- look ---- */

static void
update_scheme (SlCodeEditor *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme;

  scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (manager, dark ? "classic-dark"
                                                                       : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* The desktop's monospace font, where GNOME's settings say which; otherwise the "monospace"
 * that the view's style class gives. */
static void
update_font (SlCodeEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *css = NULL;
  PangoFontDescription *font;

  if (self->interface_settings == NULL)
    return;

  name = g_settings_get_string (self->interface_settings, "monospace-font-name");
  font = pango_font_description_from_string (name);
  if (pango_font_description_get_family (font) != NULL)
    {
      double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      if (size > 0)
        css = g_strdup_printf ("textview.code-view { font-family: \"%s\"; font-size: %spt; }",
                               pango_font_description_get_family (font),
                               g_ascii_dtostr (buffer, sizeof buffer, size));
      else
        css = g_strdup_printf ("textview.code-view { font-family: \"%s\"; }",
                               pango_font_description_get_family (font));
    }
  pango_font_description_free (font);

#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_css_provider_load_from_string (self->font_provider, css ? css : "");
#else
  gtk_css_provider_load_from_data (self->font_provider, css ? css : "", -1);
#endif
}

static GSettings *
interface_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "monospace-font-name"))
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/* ---- GObject ---- */

static void
sl_code_editor_dispose (GObject *object)
{
  SlCodeEditor *self = SL_CODE_EDITOR (object);
  g_autoptr(GError) error = NULL;

  /* The code is never lost with the window: what was not written yet is written now. */
  if (self->buffer != NULL && !sl_code_editor_save_draft (self, &error))
    g_warning ("%s", error->message);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->font_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->font_provider));
  g_clear_object (&self->font_provider);
  g_clear_object (&self->interface_settings);
  g_clear_object (&self->file);
  self->buffer = NULL;

  sl_ui_dispose_template (GTK_WIDGET (self), SL_TYPE_CODE_EDITOR);

  G_OBJECT_CLASS (sl_code_editor_parent_class)->dispose (object);
}

static void
sl_code_editor_finalize (GObject *object)
{
  SlCodeEditor *self = SL_CODE_EDITOR (object);

  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->mark_message, g_free);

  G_OBJECT_CLASS (sl_code_editor_parent_class)->finalize (object);
}

static void
sl_code_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SlCodeEditor *self = SL_CODE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    case PROP_MARKED_LINE:
      g_value_set_uint (value, self->marked_line);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_code_editor_class_init (SlCodeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_code_editor_dispose;
  object_class->finalize = sl_code_editor_finalize;
  object_class->get_property = sl_code_editor_get_property;

  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARKED_LINE] =
    g_param_spec_uint ("marked-line", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "editor.open", NULL, sl_editor_open_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, sl_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.save-as", NULL,
                                   sl_editor_save_as_action);
  gtk_widget_class_install_action (widget_class, "editor.template", "s",
                                   sl_editor_template_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "editor.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.save-as", NULL);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (SL_TYPE_TRACEBACK);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, SL_UI_RESOURCE "/sl-code-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, template_button);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, file_label);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, view);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, status_icon);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, code_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, mark_label);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlCodeEditor, traceback);

  gtk_widget_class_set_css_name (widget_class, "codeeditor");
}

static void
sl_code_editor_init (SlCodeEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  gtk_source_init ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->view)));
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages,
                                                                            "python3"));
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "code-view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your Python code"),
                                  -1);

  update_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);

  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  self->interface_settings = interface_settings_new ();
  if (self->interface_settings != NULL)
    g_signal_connect_object (self->interface_settings, "changed::monospace-font-name",
                             G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  update_font (self);

  sl_editor_init_templates (self);
  sl_editor_init_check (self);
}

GtkWidget *
sl_code_editor_new (void)
{
  return g_object_new (SL_TYPE_CODE_EDITOR, NULL);
}
