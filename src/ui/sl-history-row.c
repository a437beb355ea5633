/* sl-history-row.c: one experiment in the history list. Its menu's items name the experiment's
 * file as the target of the window's history actions, so a row needs no callbacks of its own.
 *
 * The row is built in code rather than from a template, and its menu only when it is opened: a
 * list shows a couple of hundred rows at once, and a template costs a millisecond a row, which
 * a window opening a long history would feel. */
#define G_LOG_DOMAIN "sl-history-row"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-history-row.h"

struct _SlHistoryRow
{
  GtkWidget      parent_instance;

  /* children */
  GtkCheckButton *check;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *summary_label;
  GtkImage       *status_image;
  GtkMenuButton  *menu_button;

  /* owned */
  SlHistoryItem  *item;
  GBinding       *checked_binding;
  gulong          title_handler;
};

G_DEFINE_FINAL_TYPE (SlHistoryRow, sl_history_row, GTK_TYPE_WIDGET)

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *path)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (path));
  g_menu_append_item (menu, item);
}

static GMenuModel *
make_menu (SlHistoryItem *item)
{
  const char *path = sl_history_item_get_path (item);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) last = g_menu_new ();

  if (sl_history_item_get_readable (item))
    {
      append_item (first, _("_Run Again"), "win.history-run-again", path);
      append_item (first, _("Re_name…"), "win.history-rename", path);
      append_item (first, _("_Save As…"), "win.history-save-as", path);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
    }
  append_item (last, _("_Delete"), "win.history-delete", path);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (last));

  return G_MENU_MODEL (menu);
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       data)
{
  SlHistoryRow *self = data;
  g_autoptr(GMenuModel) menu = NULL;

  if (self->item == NULL)
    return;

  menu = make_menu (self->item);
  gtk_menu_button_set_menu_model (button, menu);
}

static void
update_texts (SlHistoryRow *self)
{
  SlHistoryItem *item = self->item;
  const SlHistoryEntry *entry = sl_history_item_get_entry (item);
  const char *icon = NULL;
  const char *tooltip = NULL;

  gtk_label_set_label (self->title_label, sl_history_item_get_title (item));
  gtk_label_set_label (self->subtitle_label, sl_history_item_get_subtitle (item));
  gtk_label_set_label (self->summary_label, sl_history_item_get_summary (item));

  if (entry->error != NULL)
    {
      icon = "dialog-warning-symbolic";
      tooltip = entry->error;
    }
  else if (entry->status == SL_RESULT_CANCELLED)
    {
      icon = "media-playback-stop-symbolic";
      tooltip = _("Cancelled: the points measured before the cancel are kept");
    }
  else if (entry->status == SL_RESULT_PARTIAL || entry->status == SL_RESULT_RUNNING)
    {
      icon = "dialog-warning-symbolic";
      tooltip = _("Some points failed or were not measured");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_image), icon != NULL);
  if (icon != NULL)
    gtk_image_set_from_icon_name (self->status_image, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_image), tooltip);
  /* The reason a file is unreadable is shown wherever the pointer rests on its row. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), entry->error);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip ? tooltip : "", -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), entry->error == NULL);
}

static void
unbind (SlHistoryRow *self)
{
  if (self->item == NULL)
    return;

  g_clear_pointer (&self->checked_binding, g_binding_unbind);
  g_clear_signal_handler (&self->title_handler, self->item);
  g_clear_object (&self->item);
}

void
sl_history_row_set_item (SlHistoryRow  *self,
                         SlHistoryItem *item)
{
  g_return_if_fail (SL_IS_HISTORY_ROW (self));

  if (self->item == item)
    return;

  unbind (self);
  if (item == NULL)
    return;

  self->item = g_object_ref (item);
  self->checked_binding = g_object_bind_property (item, "checked", self->check, "active",
                                                  G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  self->title_handler = g_signal_connect_object (item, "notify::title",
                                                 G_CALLBACK (update_texts), self,
                                                 G_CONNECT_SWAPPED);
  update_texts (self);
}

SlHistoryItem *
sl_history_row_get_item (SlHistoryRow *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ROW (self), NULL);

  return self->item;
}

void
sl_history_row_set_selection_mode (SlHistoryRow *self,
                                   gboolean      selection_mode)
{
  g_return_if_fail (SL_IS_HISTORY_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->check), selection_mode);
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), !selection_mode);
}

static void
sl_history_row_dispose (GObject *object)
{
  SlHistoryRow *self = SL_HISTORY_ROW (object);
  GtkWidget *child;

  unbind (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sl_history_row_parent_class)->dispose (object);
}

static void
sl_history_row_class_init (SlHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_history_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "historyrow");
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *first_class,
           const char *second_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, first_class);
  if (second_class != NULL)
    gtk_widget_add_css_class (label, second_class);
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

static void
sl_history_row_init (SlHistoryRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 9);

  self->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->check), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->check), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->check), _("Compare this experiment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Compare this experiment"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->check), widget);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  self->title_label = add_label (GTK_BOX (texts), "heading", NULL);
  self->subtitle_label = add_label (GTK_BOX (texts), "caption", "dim-label");
  self->summary_label = add_label (GTK_BOX (texts), "caption", "numeric");
  gtk_widget_set_parent (texts, widget);

  self->status_image = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->status_image), FALSE);
  gtk_widget_set_valign (GTK_WIDGET (self->status_image), GTK_ALIGN_CENTER);
  gtk_widget_set_parent (GTK_WIDGET (self->status_image), widget);

  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-more-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->menu_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Experiment Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Experiment Menu"), -1);
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->menu_button), widget);
}

GtkWidget *
sl_history_row_new (void)
{
  return g_object_new (SL_TYPE_HISTORY_ROW, NULL);
}
