/* sl-history-view-rows.c: the rows of the history list.
 *
 * GTK 4.8's list view keeps up to 200 rows, however few are on screen, and making a row costs
 * far more than an item: all at once they would hold the window for a tenth of a second. So the
 * list view sees the items through a GtkSliceListModel that grows by a few rows a frame, from
 * the moment it is on screen, until it holds as many rows as the list view keeps; the first
 * screenful shows at once and the rest fills in behind it. */
#define G_LOG_DOMAIN "sl-history-view"

#include "config.h"

#include "sl-history-view-private.h"

/* ---- pacing the rows ---- */

static gboolean
slice_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  SlHistoryView *self = SL_HISTORY_VIEW (widget);
  guint size = gtk_slice_list_model_get_size (self->slice);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  if (size < n && size < SLICE_ROWS)
    {
      gtk_slice_list_model_set_size (self->slice, size + SLICE_STEP);
      return G_SOURCE_CONTINUE;
    }

  if (size >= SLICE_ROWS)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
  self->slice_tick = 0;
  return G_SOURCE_REMOVE;
}

/* From a few rows up, one frame at a time: after a new listing, and when the list comes on
 * screen for the first time. */
void
sl_history_view_rows_restart (SlHistoryView *self)
{
  if (gtk_slice_list_model_get_size (self->slice) > SLICE_STEP &&
      gtk_slice_list_model_get_size (self->slice) < G_MAXUINT)
    return;

  gtk_slice_list_model_set_size (self->slice, SLICE_STEP);
  if (self->slice_tick == 0)
    self->slice_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), slice_tick_cb, NULL,
                                                     NULL);
}

void
sl_history_view_rows_mapped (SlHistoryView *self)
{
  /* The list view makes its rows when it is first on screen: a few a frame. */
  if (!self->mapped_once)
    {
      self->mapped_once = TRUE;
      gtk_slice_list_model_set_size (self->slice, SLICE_STEP);
      sl_history_view_rows_restart (self);
    }
}

/* ---- the rows ---- */

static void
setup_cb (SlHistoryView            *self,
          GtkListItem              *list_item,
          GtkSignalListItemFactory *factory)
{
  GtkWidget *row = sl_history_row_new ();

  sl_history_row_set_selection_mode (SL_HISTORY_ROW (row), self->selection_mode);
  gtk_list_item_set_child (list_item, row);
  g_ptr_array_add (self->rows, row);
}

static void
bind_cb (SlHistoryView            *self,
         GtkListItem              *list_item,
         GtkSignalListItemFactory *factory)
{
  sl_history_row_set_item (SL_HISTORY_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
unbind_cb (SlHistoryView            *self,
           GtkListItem              *list_item,
           GtkSignalListItemFactory *factory)
{
  sl_history_row_set_item (SL_HISTORY_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
teardown_cb (SlHistoryView            *self,
             GtkListItem              *list_item,
             GtkSignalListItemFactory *factory)
{
  g_ptr_array_remove_fast (self->rows, gtk_list_item_get_child (list_item));
}

void
sl_history_view_rows_init (SlHistoryView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->rows = g_ptr_array_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

void
sl_history_view_rows_set_selection_mode (SlHistoryView *self,
                                         gboolean       selection_mode)
{
  for (guint i = 0; i < self->rows->len; i++)
    sl_history_row_set_selection_mode (self->rows->pdata[i], selection_mode);
}

void
sl_history_view_rows_dispose (SlHistoryView *self)
{
  if (self->slice_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->slice_tick);
  self->slice_tick = 0;
}
