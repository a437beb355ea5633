/* sl-compare-table.c: the comparison table. A comparison does not change once made, so an
 * update replaces the rows; the caption's rule is built from the constants the test uses. */
#define G_LOG_DOMAIN "sl-compare-table"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-compare-item.h"
#include "sl-compare-table.h"
#include "sl-ui-util.h"

struct _SlCompareTable
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;
  GtkLabel          *caption;

  /* owned */
  GListStore    *store;
};

G_DEFINE_FINAL_TYPE (SlCompareTable, sl_compare_table, GTK_TYPE_WIDGET)

/* The SlCompareItem property each column of the template shows, in the template's order. */
static const char *const column_properties[] = {
  "experiment", "model", "workers", "time-a", "time-b", "ratio", "p", "significant", NULL,
};

static void
sl_compare_table_dispose (GObject *object)
{
  SlCompareTable *self = SL_COMPARE_TABLE (object);

  sl_ui_dispose_template (GTK_WIDGET (self), SL_TYPE_COMPARE_TABLE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sl_compare_table_parent_class)->dispose (object);
}

static void
sl_compare_table_class_init (SlCompareTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_compare_table_dispose;

  /* The row templates look the type up by name. */
  g_type_ensure (SL_TYPE_COMPARE_ITEM);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_UI_RESOURCE "/sl-compare-table.ui");
  gtk_widget_class_bind_template_child (widget_class, SlCompareTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, SlCompareTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, SlCompareTable, caption);
}

static void
sl_compare_table_init (SlCompareTable *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *rule = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (SL_TYPE_COMPARE_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  /* Translators: the comparison table's caption; the numbers are SL_COMPARE_ALPHA and
   * SL_COMPARE_MIN_CHANGE in percent */
  rule = g_strdup_printf (_("Significant: a two-sided Mann–Whitney U test on the repetitions "
                            "gives p < %.2g and the medians differ by more than %.0f %%."),
                          SL_COMPARE_ALPHA, SL_COMPARE_MIN_CHANGE * 100);
  gtk_label_set_text (self->caption, rule);
}

GtkWidget *
sl_compare_table_new (void)
{
  return g_object_new (SL_TYPE_COMPARE_TABLE, NULL);
}

void
sl_compare_table_update (SlCompareTable     *self,
                         const SlComparison *comparison)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (SL_IS_COMPARE_TABLE (self));

  for (guint i = 0; comparison != NULL && i < comparison->rows->len; i++)
    g_ptr_array_add (items, sl_compare_item_new (comparison, i));

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
}

GListModel *
sl_compare_table_get_model (SlCompareTable *self)
{
  g_return_val_if_fail (SL_IS_COMPARE_TABLE (self), NULL);

  return G_LIST_MODEL (self->store);
}

const char *
sl_compare_table_get_caption (SlCompareTable *self)
{
  g_return_val_if_fail (SL_IS_COMPARE_TABLE (self), NULL);

  return gtk_label_get_text (self->caption);
}

char *
sl_compare_table_dup_text (SlCompareTable *self)
{
  g_return_val_if_fail (SL_IS_COMPARE_TABLE (self), NULL);

  return sl_ui_column_view_dup_text (self->column_view, column_properties);
}
