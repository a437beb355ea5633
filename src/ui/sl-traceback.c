/* sl-traceback.c: a traceback behind an expander, built in code: it is three widgets. */
#define G_LOG_DOMAIN "sl-traceback"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-traceback.h"


struct _SlTraceback
{
  GtkWidget    parent_instance;

  GtkExpander *expander;
  GtkLabel    *label;

  char        *message;
};

G_DEFINE_FINAL_TYPE (SlTraceback, sl_traceback, GTK_TYPE_WIDGET)

static void
sl_traceback_dispose (GObject *object)
{
  SlTraceback *self = SL_TRACEBACK (object);

  if (self->expander != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->expander));
  self->expander = NULL;

  G_OBJECT_CLASS (sl_traceback_parent_class)->dispose (object);
}

static void
sl_traceback_finalize (GObject *object)
{
  SlTraceback *self = SL_TRACEBACK (object);

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (sl_traceback_parent_class)->finalize (object);
}

static void
sl_traceback_class_init (SlTracebackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_traceback_dispose;
  object_class->finalize = sl_traceback_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "traceback");
}

static void
sl_traceback_init (SlTraceback *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->expander = GTK_EXPANDER (gtk_expander_new_with_mnemonic (_("_Traceback")));
  self->label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_yalign (self->label, 0);
  gtk_label_set_selectable (self->label, TRUE);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "monospace");
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "caption");
  gtk_widget_set_margin_top (GTK_WIDGET (self->label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->label), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->label), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->label), 6);

  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->label));
  gtk_widget_set_margin_top (card, 6);
  gtk_widget_add_css_class (card, "card");

  gtk_expander_set_child (self->expander, card);
  gtk_widget_set_parent (GTK_WIDGET (self->expander), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sl_traceback_new (void)
{
  return g_object_new (SL_TYPE_TRACEBACK, NULL);
}

char *
sl_traceback_dup_summary (const char *message)
{
  if (message == NULL)
    return NULL;

  return g_strndup (message, strcspn (message, "\n"));
}

void
sl_traceback_set_message (SlTraceback *self,
                          const char  *title,
                          const char  *message)
{
  const char *rest = message ? strchr (message, '\n') : NULL;
  gboolean shown = rest != NULL && rest[1] != '\0';

  g_return_if_fail (SL_IS_TRACEBACK (self));

  gtk_expander_set_label (self->expander, title ? title : _("_Traceback"));
  if (g_strcmp0 (message, self->message) == 0)
    return;

  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_label (self->label, shown ? rest + 1 : "");
  gtk_widget_set_visible (GTK_WIDGET (self), shown);
}

const char *
sl_traceback_get_text (SlTraceback *self)
{
  g_return_val_if_fail (SL_IS_TRACEBACK (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self)) ? gtk_label_get_label (self->label) : NULL;
}

GtkExpander *
sl_traceback_get_expander (SlTraceback *self)
{
  g_return_val_if_fail (SL_IS_TRACEBACK (self), NULL);

  return self->expander;
}
