/* sl-article-card.c: one version of an article check in a card, built in code.
 *
 * The status icon and the headline say the outcome at a glance (a tick, an error, a wait); the
 * details below are the engine's sentences (sl_article_outcome_details()), then the traceback
 * and the code as it ran behind expanders, selectable so that they can be copied.
 */
#define G_LOG_DOMAIN "sl-article-card"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-article-card.h"
#include "sl-traceback.h"

struct _SlArticleCard
{
  GtkWidget    parent_instance;

  GtkWidget   *box;
  GtkImage    *icon;
  GtkSpinner  *spinner;
  GtkLabel    *title;
  GtkLabel    *headline;
  GtkBox      *details;
  SlTraceback *traceback;
  GtkExpander *code_expander;
  GtkLabel    *code;
};

G_DEFINE_FINAL_TYPE (SlArticleCard, sl_article_card, GTK_TYPE_WIDGET)

static const char * const status_classes[] = { "success", "error", "warning", "dim-label" };

static void
sl_article_card_dispose (GObject *object)
{
  SlArticleCard *self = SL_ARTICLE_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (sl_article_card_parent_class)->dispose (object);
}

static void
sl_article_card_class_init (SlArticleCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_article_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articlecard");
}

/* Only the code is selectable: a selectable label would take the focus as the window opens. */
static GtkLabel *
new_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);

  return label;
}

static void
sl_article_card_init (SlArticleCard *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *code_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *code_scroll;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->box, "card");
  gtk_widget_add_css_class (self->box, "article-card");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->icon = GTK_IMAGE (gtk_image_new ());
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_label_set_xalign (self->title, 0);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (self->box), top);

  self->headline = new_label (NULL);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->headline));

  self->details = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->details));

  self->traceback = SL_TRACEBACK (sl_traceback_new ());
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->traceback));

  /* Code keeps its lines: a long one scrolls rather than widening the card. */
  self->code = new_label ("monospace");
  gtk_label_set_selectable (self->code, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->code), "caption");
  gtk_label_set_wrap (self->code, FALSE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->code), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->code), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->code), 9);
  gtk_widget_set_margin_end (GTK_WIDGET (self->code), 9);
  code_scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (code_scroll), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (code_scroll), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (code_scroll), GTK_WIDGET (self->code));
  gtk_box_append (GTK_BOX (code_card), code_scroll);
  gtk_widget_add_css_class (code_card, "card");
  gtk_widget_set_margin_top (code_card, 6);
  self->code_expander = GTK_EXPANDER (gtk_expander_new_with_mnemonic (_("_Code as it ran")));
  gtk_expander_set_child (self->code_expander, code_card);
  gtk_widget_set_visible (GTK_WIDGET (self->code_expander), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->code_expander));

  sl_article_card_set_running (self, FALSE);
}

GtkWidget *
sl_article_card_new (const char *title)
{
  SlArticleCard *self = g_object_new (SL_TYPE_ARTICLE_CARD, NULL);

  gtk_label_set_label (self->title, title);
  return GTK_WIDGET (self);
}

static void
clear_details (SlArticleCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details))) != NULL)
    gtk_box_remove (self->details, child);
}

static void
set_status (SlArticleCard *self,
            const char    *icon_name,
            int            class_index)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->icon), status_classes[i]);

  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (self->icon, icon_name);
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), status_classes[class_index]);
    }
}

void
sl_article_card_set_running (SlArticleCard *self,
                             gboolean       running)
{
  g_return_if_fail (SL_IS_ARTICLE_CARD (self));

  clear_details (self);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  set_status (self, running ? NULL : "content-loading-symbolic", 3);
  gtk_label_set_label (self->headline, running ? _("Running…") : _("Not run yet"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->headline), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->headline), "dim-label");
  sl_traceback_set_message (self->traceback, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->code_expander), FALSE);
}

void
sl_article_card_set_outcome (SlArticleCard          *self,
                             const SlArticleOutcome *outcome)
{
  g_autofree char *headline = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) details = NULL;

  g_return_if_fail (SL_IS_ARTICLE_CARD (self));
  g_return_if_fail (outcome != NULL);

  sl_article_card_set_running (self, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->headline), "dim-label");

  switch (outcome->status)
    {
    case SL_ARTICLE_OK:
      set_status (self, "emblem-ok-symbolic", 0);
      break;
    case SL_ARTICLE_EXCEPTION:
      set_status (self, "dialog-error-symbolic", 1);
      break;
    case SL_ARTICLE_BLOCKED:
      set_status (self, "dialog-warning-symbolic", 2);
      break;
    case SL_ARTICLE_NOT_RUN:
    default:
      set_status (self, "action-unavailable-symbolic", 3);
      break;
    }

  headline = sl_article_outcome_headline (outcome);
  gtk_label_set_label (self->headline, headline);

  details = sl_article_outcome_details (outcome);
  for (guint i = 0; i < details->len; i++)
    {
      GtkLabel *label = new_label ("dim-label");

      gtk_label_set_label (label, details->pdata[i]);
      gtk_box_append (self->details, GTK_WIDGET (label));
    }

  /* The traceback widget shows what follows a summary line. */
  if (outcome->traceback != NULL && outcome->traceback[0] != '\0')
    message = g_strconcat (headline, "\n", outcome->traceback, NULL);
  sl_traceback_set_message (self->traceback, NULL, message);

  gtk_label_set_label (self->code, outcome->code != NULL ? outcome->code : "");
  gtk_widget_set_visible (GTK_WIDGET (self->code_expander),
                          outcome->code != NULL && outcome->code[0] != '\0');
}

const char *
sl_article_card_get_headline (SlArticleCard *self)
{
  g_return_val_if_fail (SL_IS_ARTICLE_CARD (self), NULL);

  return gtk_label_get_label (self->headline);
}
