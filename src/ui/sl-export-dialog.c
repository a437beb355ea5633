/* sl-export-dialog.c: the export's choices. The size is read as it is typed (a spin button takes
 * its text only when the person leaves it), and checked with sl_chart_check_size(), the check
 * the export itself makes, so the dialog refuses exactly what the export would. */
#define G_LOG_DOMAIN "sl-export-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-export-dialog.h"
#include "sl-ui-util.h"

struct _SlExportDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  GtkButton         *export_button;
  AdwComboRow       *format_row;
  GtkSpinButton     *width_spin;
  GtkSpinButton     *height_spin;
  GtkLabel          *width_unit;
  GtkLabel          *height_unit;
  AdwActionRow      *scale_row;
  GtkWidget         *scale_box;
  GtkToggleButton   *scale_1_button;
  GtkToggleButton   *scale_2_button;
  AdwComboRow       *theme_row;
  GtkLabel          *caption;

  /* owned */
  int                width;        /* as typed */
  int                height;
  double             png_scale;    /* the choice, kept while a vector format shows 1× */
  double             scale;        /* the one the export uses, as last notified */
  char              *problem;      /* NULL when the choices can be exported */
  gboolean           showing;      /* the dialog sets the scale's buttons itself */
};

G_DEFINE_FINAL_TYPE (SlExportDialog, sl_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_FORMAT,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_SCALE,
  PROP_THEME,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_vector (SlChartFormat format)
{
  return format != SL_CHART_FORMAT_PNG;
}

/* A whole number as typed, or FALSE. */
static gboolean
parse_typed (GtkSpinButton *spin,
             int           *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  gint64 number;

  if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &number, NULL))
    return FALSE;

  *value = (int) number;
  return TRUE;
}

static char *
dup_typed_problem (SlExportDialog *self)
{
  int value;

  /* Translators: the size's limits, "Enter a width of 120 to 8192 pixels" */
  if (!parse_typed (self->width_spin, &value))
    return g_strdup_printf (_("Enter a width of %d to %d pixels"), SL_CHART_MIN_SIZE,
                            SL_CHART_MAX_SIZE);
  if (!parse_typed (self->height_spin, &value))
    return g_strdup_printf (_("Enter a height of %d to %d pixels"), SL_CHART_MIN_SIZE,
                            SL_CHART_MAX_SIZE);
  return NULL;
}

/* What the export would write, in words. */
static char *
dup_size_text (SlExportDialog *self)
{
  SlChartFormat format = sl_export_dialog_get_format (self);
  double scale = sl_export_dialog_get_scale (self);
  /* As the renderer sizes its surface. */
  int out_width = (int) ceil (self->width * scale);
  int out_height = (int) ceil (self->height * scale);

  switch (format)
    {
    case SL_CHART_FORMAT_SVG:
      /* Translators: an SVG export's size, "1200 × 800 pixels, drawn as vectors" */
      return g_strdup_printf (_("%d × %d pixels, drawn as vectors"), out_width, out_height);
    case SL_CHART_FORMAT_PDF:
      /* Translators: a PDF export's page, "A page of 1200 × 800 points (42.3 × 28.2 cm)" */
      return g_strdup_printf (_("A page of %d × %d points (%.1f × %.1f cm)"), out_width,
                              out_height, out_width / 72.0 * 2.54, out_height / 72.0 * 2.54);
    case SL_CHART_FORMAT_PNG:
    default:
      /* Translators: a PNG export's size, "2400 × 1600 pixels" */
      return g_strdup_printf (_("%d × %d pixels"), out_width, out_height);
    }
}

/* The rows that depend on the format, the caption, and whether Export… is on. */
static void
update (SlExportDialog *self)
{
  SlChartFormat format = sl_export_dialog_get_format (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = dup_typed_problem (self);
  g_autofree char *size = NULL;
  const char *unit;

  /* A vector format shows the 1× it is written at, and keeps the PNG's choice for later. */
  self->showing = TRUE;
  gtk_toggle_button_set_active (is_vector (format) || self->png_scale == 1
                                ? self->scale_1_button : self->scale_2_button, TRUE);
  self->showing = FALSE;
  gtk_widget_set_sensitive (self->scale_box, !is_vector (format));
  adw_action_row_set_subtitle (self->scale_row,
                               is_vector (format)
                               ? _("SVG and PDF are vector drawings, sharp at any zoom: they are "
                                   "written at 1×")
                               : _("2× has twice the pixels each way, for HiDPI screens and "
                                   "print"));
  /* A PDF's unit is the point, which cairo draws one logical pixel to. */
  unit = format == SL_CHART_FORMAT_PDF ? C_("unit", "pt") : C_("unit", "px");
  gtk_label_set_text (self->width_unit, unit);
  gtk_label_set_text (self->height_unit, unit);

  if (problem == NULL &&
      !sl_chart_check_size (self->width, self->height, sl_export_dialog_get_scale (self), &error))
    problem = g_strdup (error->message);

  if (problem != NULL)
    {
      gtk_label_set_text (self->caption, problem);
      gtk_widget_remove_css_class (GTK_WIDGET (self->caption), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->caption), "error");
    }
  else
    {
      size = dup_size_text (self);
      gtk_label_set_text (self->caption, size);
      gtk_widget_remove_css_class (GTK_WIDGET (self->caption), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->caption), "dim-label");
    }

  /* The reason is said where Export… is, too: on its tooltip and to a screen reader. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export-dialog.export", problem == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_button), problem);
  if (problem != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->export_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  if (g_strcmp0 (problem, self->problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_steal_pointer (&problem);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
}

/* SVG and PDF are written at 1× whatever the PNG's scale: a new format may be a new scale. */
static void
notify_scale (SlExportDialog *self)
{
  double scale = sl_export_dialog_get_scale (self);

  if (self->scale == scale)
    return;

  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

static void
on_format_changed_cb (SlExportDialog *self)
{
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
  notify_scale (self);
}

static void
on_theme_changed_cb (SlExportDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

static void
on_scale_toggled_cb (SlExportDialog *self)
{
  if (self->showing)
    return;

  self->png_scale = gtk_toggle_button_get_active (self->scale_2_button) ? 2 : 1;
  update (self);
  notify_scale (self);
}

static void
on_size_changed_cb (SlExportDialog *self,
                    GtkEditable    *editable)
{
  gboolean is_width = editable == GTK_EDITABLE (self->width_spin);
  int *size = is_width ? &self->width : &self->height;
  int typed;

  if (parse_typed (GTK_SPIN_BUTTON (editable), &typed) && typed != *size)
    {
      *size = typed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[is_width ? PROP_WIDTH : PROP_HEIGHT]);
    }
  update (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (widget);

  /* The spin buttons take what was typed, which is valid, or the action would be off. */
  gtk_spin_button_update (self->width_spin);
  gtk_spin_button_update (self->height_spin);
  if (self->problem != NULL)
    return;

  g_signal_emit (self, signals[EXPORT], 0);
}

static void
sl_export_dialog_dispose (GObject *object)
{
  /* A window's child is its own to drop, as SlWindow's is. */
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (sl_export_dialog_parent_class)->dispose (object);
}

static void
sl_export_dialog_finalize (GObject *object)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);

  g_free (self->problem);

  G_OBJECT_CLASS (sl_export_dialog_parent_class)->finalize (object);
}

static void
sl_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      g_value_set_int (value, sl_export_dialog_get_format (self));
      break;
    case PROP_WIDTH:
      g_value_set_int (value, sl_export_dialog_get_width (self));
      break;
    case PROP_HEIGHT:
      g_value_set_int (value, sl_export_dialog_get_height (self));
      break;
    case PROP_SCALE:
      g_value_set_double (value, sl_export_dialog_get_scale (self));
      break;
    case PROP_THEME:
      g_value_set_int (value, sl_export_dialog_get_theme (self));
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, sl_export_dialog_get_problem (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      sl_export_dialog_set_format (self, g_value_get_int (value));
      break;
    case PROP_WIDTH:
      sl_export_dialog_set_width (self, g_value_get_int (value));
      break;
    case PROP_HEIGHT:
      sl_export_dialog_set_height (self, g_value_get_int (value));
      break;
    case PROP_SCALE:
      sl_export_dialog_set_scale (self, g_value_get_double (value));
      break;
    case PROP_THEME:
      sl_export_dialog_set_theme (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_export_dialog_class_init (SlExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_export_dialog_dispose;
  object_class->finalize = sl_export_dialog_finalize;
  object_class->get_property = sl_export_dialog_get_property;
  object_class->set_property = sl_export_dialog_set_property;

  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL, 0, SL_CHART_FORMAT_PDF, SL_CHART_FORMAT_PNG,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL, G_MININT, G_MAXINT, SL_CHART_DEFAULT_WIDTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL, G_MININT, G_MAXINT, SL_CHART_DEFAULT_HEIGHT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE] =
    g_param_spec_double ("scale", NULL, NULL, 1, 2, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THEME] =
    g_param_spec_int ("theme", NULL, NULL, 0, SL_CHART_EXPORT_THEME_DARK,
                      SL_CHART_EXPORT_THEME_AS_SHOWN,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXPORT] =
    g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_UI_RESOURCE "/sl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, width_unit);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, height_unit);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, scale_box);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, scale_1_button);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, scale_2_button);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, caption);

  gtk_widget_class_install_action (widget_class, "export-dialog.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_export_dialog_init (SlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->width = SL_CHART_DEFAULT_WIDTH;
  self->height = SL_CHART_DEFAULT_HEIGHT;
  self->png_scale = 1;
  self->scale = 1;
  for (guint i = 0; i < 2; i++)
    {
      GtkSpinButton *spin = i == 0 ? self->width_spin : self->height_spin;
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (spin));

      gtk_spin_button_set_range (spin, SL_CHART_MIN_SIZE, SL_CHART_MAX_SIZE);
      gtk_spin_button_set_increments (spin, 10, 100);
      gtk_spin_button_set_value (spin, i == 0 ? self->width : self->height);
      /* Enter in a size exports, as in any dialog with a default button. */
      if (GTK_IS_TEXT (text))
        gtk_text_set_activates_default (GTK_TEXT (text), TRUE);
      g_signal_connect_object (spin, "changed", G_CALLBACK (on_size_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (on_format_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->theme_row, "notify::selected",
                           G_CALLBACK (on_theme_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scale_2_button, "toggled",
                           G_CALLBACK (on_scale_toggled_cb), self, G_CONNECT_SWAPPED);

  update (self);
}

SlExportDialog *
sl_export_dialog_new (GtkWindow *parent,
                      int        width,
                      int        height)
{
  SlExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (SL_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  sl_export_dialog_set_width (self, width > 0 ? width : SL_CHART_DEFAULT_WIDTH);
  sl_export_dialog_set_height (self, height > 0 ? height : SL_CHART_DEFAULT_HEIGHT);

  return self;
}

SlChartFormat
sl_export_dialog_get_format (SlExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), SL_CHART_FORMAT_PNG);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected <= SL_CHART_FORMAT_PDF ? (SlChartFormat) selected : SL_CHART_FORMAT_PNG;
}

void
sl_export_dialog_set_format (SlExportDialog *self,
                             SlChartFormat   format)
{
  g_return_if_fail (SL_IS_EXPORT_DIALOG (self));
  g_return_if_fail ((guint) format <= SL_CHART_FORMAT_PDF);

  /* The row's notification tells ours. */
  adw_combo_row_set_selected (self->format_row, format);
}

int
sl_export_dialog_get_width (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), 0);

  return self->width;
}

/* The spin button's own range applies: a size outside it is typed, not set. */
void
sl_export_dialog_set_width (SlExportDialog *self,
                            int             width)
{
  g_return_if_fail (SL_IS_EXPORT_DIALOG (self));

  gtk_spin_button_set_value (self->width_spin, width);
}

int
sl_export_dialog_get_height (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), 0);

  return self->height;
}

void
sl_export_dialog_set_height (SlExportDialog *self,
                             int             height)
{
  g_return_if_fail (SL_IS_EXPORT_DIALOG (self));

  gtk_spin_button_set_value (self->height_spin, height);
}

double
sl_export_dialog_get_scale (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), 1);

  return is_vector (sl_export_dialog_get_format (self)) ? 1 : self->png_scale;
}

void
sl_export_dialog_set_scale (SlExportDialog *self,
                            double          scale)
{
  g_return_if_fail (SL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (scale == 1 || scale == 2);

  if (self->png_scale == scale)
    return;

  self->png_scale = scale;
  update (self);
  notify_scale (self);
}

SlChartExportTheme
sl_export_dialog_get_theme (SlExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), SL_CHART_EXPORT_THEME_AS_SHOWN);

  selected = adw_combo_row_get_selected (self->theme_row);
  return selected <= SL_CHART_EXPORT_THEME_DARK ? (SlChartExportTheme) selected
                                                : SL_CHART_EXPORT_THEME_AS_SHOWN;
}

void
sl_export_dialog_set_theme (SlExportDialog     *self,
                            SlChartExportTheme  theme)
{
  g_return_if_fail (SL_IS_EXPORT_DIALOG (self));
  g_return_if_fail ((guint) theme <= SL_CHART_EXPORT_THEME_DARK);

  adw_combo_row_set_selected (self->theme_row, theme);
}

const char *
sl_export_dialog_get_problem (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), NULL);

  return self->problem;
}

const char *
sl_export_dialog_get_caption (SlExportDialog *self)
{
  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), NULL);

  return gtk_label_get_text (self->caption);
}
