/* sl-result-table.c: the results table. Rows are SlPointItem objects updated in place, so a
 * running sweep changes labels rather than rebuilding rows. */
#define G_LOG_DOMAIN "sl-result-table"

#include "config.h"

#include "sl-point-item.h"
#include "sl-result-table.h"
#include "sl-ui-util.h"

struct _SlResultTable
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;

  /* owned */
  GListStore    *store;
};

G_DEFINE_FINAL_TYPE (SlResultTable, sl_result_table, GTK_TYPE_WIDGET)

/* The SlPointItem property each column of the template shows, in the template's order. */
static const char *const column_properties[] = {
  "model", "workers", "median", "interval", "speedup", "efficiency", "cpu", "runs", "status", NULL,
};

static void
sl_result_table_dispose (GObject *object)
{
  SlResultTable *self = SL_RESULT_TABLE (object);

  sl_ui_dispose_template (GTK_WIDGET (self), SL_TYPE_RESULT_TABLE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sl_result_table_parent_class)->dispose (object);
}

static void
sl_result_table_class_init (SlResultTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_result_table_dispose;

  /* The row templates look the type up by name. */
  g_type_ensure (SL_TYPE_POINT_ITEM);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, SL_UI_RESOURCE "/sl-result-table.ui");
  gtk_widget_class_bind_template_child (widget_class, SlResultTable, scroller);
  gtk_widget_class_bind_template_child (widget_class, SlResultTable, column_view);
}

static void
sl_result_table_init (SlResultTable *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (SL_TYPE_POINT_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

GtkWidget *
sl_result_table_new (void)
{
  return g_object_new (SL_TYPE_RESULT_TABLE, NULL);
}

void
sl_result_table_update (SlResultTable  *self,
                        const SlResult *result)
{
  guint n_points, n_rows;

  g_return_if_fail (SL_IS_RESULT_TABLE (self));

  n_points = result ? result->points->len : 0;
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (n_rows > n_points)
    g_list_store_splice (self->store, n_points, n_rows - n_points, NULL, 0);

  for (guint i = 0; i < n_points; i++)
    {
      g_autoptr(SlPointItem) item = NULL;

      if (i < n_rows)
        item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      else
        {
          item = sl_point_item_new ();
          sl_point_item_update (item, result, i);
          g_list_store_append (self->store, item);
          continue;
        }
      sl_point_item_update (item, result, i);
    }
}

GListModel *
sl_result_table_get_model (SlResultTable *self)
{
  g_return_val_if_fail (SL_IS_RESULT_TABLE (self), NULL);

  return G_LIST_MODEL (self->store);
}

char *
sl_result_table_dup_text (SlResultTable *self)
{
  g_return_val_if_fail (SL_IS_RESULT_TABLE (self), NULL);

  return sl_ui_column_view_dup_text (self->column_view, column_properties);
}
