/* sl-history-view.c: the history list. Items live in one GListStore, newest first; the search
 * is a GtkCustomFilter over it, and the list view recycles SlHistoryRow widgets.
 *
 * How the rows are made, a few a frame, is sl-history-view-rows.c's. */
#define G_LOG_DOMAIN "sl-history-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-history-view-private.h"
#include "sl-ui-util.h"

G_DEFINE_FINAL_TYPE (SlHistoryView, sl_history_view, GTK_TYPE_WIDGET)


enum {
  PROP_0,
  PROP_LOADING,
  PROP_SELECTION_MODE,
  PROP_N_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- what is shown ---- */

static void
update_page (SlHistoryView *self)
{
  const char *page;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) > 0)
    page = "list";
  else if (self->loading)
    page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    page = "no-match";
  else
    page = "empty";

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
update_checked (SlHistoryView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_checked = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SlHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      n_checked += sl_history_item_get_checked (item);
    }

  text = n_checked == 0
    ? g_strdup (_("Pick two or more"))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n_checked),
                       n_checked);
  gtk_label_set_label (self->checked_label, text);

  if (self->n_checked == n_checked)
    return;

  self->n_checked = n_checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKED]);
}

static void
update_current (SlHistoryView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; self->current != NULL && i < n_items; i++)
    {
      g_autoptr(SlHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (g_str_equal (sl_history_item_get_path (item), self->current))
        {
          position = i;
          break;
        }
    }

  gtk_single_selection_set_selected (self->selection, position);
}

static void
on_items_changed_cb (SlHistoryView *self)
{
  update_page (self);
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  SlHistoryView *self = data;

  return sl_history_item_matches (item, self->search);
}

static void
on_search_changed_cb (SlHistoryView  *self,
                      GtkSearchEntry *entry)
{
  if (self->setting_search)
    return;
  sl_history_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_activate_cb (SlHistoryView *self,
                guint          position,
                GtkListView   *list_view)
{
  sl_history_view_activate (self, position);
}

static void
on_select_toggled_cb (SlHistoryView   *self,
                      GtkToggleButton *button)
{
  sl_history_view_set_selection_mode (self, gtk_toggle_button_get_active (button));
}

static void
sl_history_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sl_history_view_parent_class)->map (widget);

  sl_history_view_rows_mapped (SL_HISTORY_VIEW (widget));
}

/* ---- items ---- */

static void
on_item_checked_cb (SlHistoryView *self)
{
  update_checked (self);
}

static void
watch_item (SlHistoryView *self,
            SlHistoryItem *item)
{
  g_signal_connect_object (item, "notify::checked", G_CALLBACK (on_item_checked_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
unwatch_item (SlHistoryView *self,
              SlHistoryItem *item)
{
  g_signal_handlers_disconnect_by_func (item, on_item_checked_cb, self);
}

static gboolean
find_path (SlHistoryView *self,
           const char    *path,
           guint         *position)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SlHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_str_equal (sl_history_item_get_path (item), path))
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

void
sl_history_view_insert (SlHistoryView *self,
                        SlHistoryItem *item)
{
  guint position;

  g_return_if_fail (SL_IS_HISTORY_VIEW (self));
  g_return_if_fail (SL_IS_HISTORY_ITEM (item));

  /* The same file listed twice (saved while the folder was being listed) is listed once. */
  if (find_path (self, sl_history_item_get_path (item), &position))
    return;

  watch_item (self, item);
  g_list_store_insert_sorted (self->store, item, sl_history_item_compare, NULL);
  update_checked (self);
  update_current (self);
}

SlHistoryItem *
sl_history_view_add (SlHistoryView  *self,
                     SlHistoryEntry *entry)
{
  g_autoptr(SlHistoryItem) item = NULL;

  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  item = sl_history_item_new (entry);
  sl_history_view_insert (self, item);

  return sl_history_view_lookup (self, sl_history_item_get_path (item));
}

SlHistoryItem *
sl_history_view_remove (SlHistoryView *self,
                        const char    *path)
{
  SlHistoryItem *item;
  guint position;

  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!find_path (self, path, &position))
    return NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  unwatch_item (self, item);
  g_list_store_remove (self->store, position);
  update_checked (self);

  return item;
}

GPtrArray *
sl_history_view_remove_all (SlHistoryView *self)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items;

  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), NULL);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n_items; i++)
    {
      SlHistoryItem *item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      unwatch_item (self, item);
      g_ptr_array_add (items, item);
    }
  g_list_store_remove_all (self->store);
  update_checked (self);

  return items;
}

SlHistoryItem *
sl_history_view_lookup (SlHistoryView *self,
                        const char    *path)
{
  g_autoptr(SlHistoryItem) item = NULL;
  guint position;

  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), NULL);

  if (path == NULL || !find_path (self, path, &position))
    return NULL;

  /* The store keeps its own reference: a borrowed item. */
  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  return item;
}

/* ---- listing ---- */

static void
batch_cb (GPtrArray *entries,
          gpointer   user_data)
{
  SlHistoryView *self = user_data;
  gsize n = 0;
  gpointer *stolen = g_ptr_array_steal (entries, &n);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (gsize i = 0; i < n; i++)
    {
      SlHistoryItem *item = sl_history_item_new (stolen[i]);

      watch_item (self, item);
      g_ptr_array_add (items, item);
    }
  g_free (stolen);

  /* A batch comes newest first as far as the names tell: appended at once when it goes after
   * what is listed (one change for the list), else each at its place. */
  if (items->len > 0)
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
      g_autoptr(SlHistoryItem) last = n_items > 0
        ? g_list_model_get_item (G_LIST_MODEL (self->store), n_items - 1) : NULL;
      gboolean sorted = last == NULL || sl_history_item_compare (last, items->pdata[0], NULL) <= 0;

      for (guint i = 1; sorted && i < items->len; i++)
        sorted = sl_history_item_compare (items->pdata[i - 1], items->pdata[i], NULL) <= 0;

      if (sorted)
        g_list_store_splice (self->store, n_items, 0, items->pdata, items->len);
      else
        for (guint i = 0; i < items->len; i++)
          g_list_store_insert_sorted (self->store, items->pdata[i], sl_history_item_compare,
                                      NULL);
    }

  update_checked (self);
  update_current (self);
}

static void
set_loading (SlHistoryView *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SlHistoryView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sl_history_list_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_status_page_set_title (self->empty_page, _("The History Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
    }

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
}

void
sl_history_view_load (SlHistoryView *self,
                      const char    *dir)
{
  g_autoptr(GPtrArray) old = NULL;

  g_return_if_fail (SL_IS_HISTORY_VIEW (self));
  g_return_if_fail (dir != NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  old = sl_history_view_remove_all (self);
  gtk_slice_list_model_set_size (self->slice, SLICE_STEP);
  sl_history_view_rows_restart (self);

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  sl_history_list_async (dir, self->cancellable, batch_cb, self, list_done_cb,
                         g_object_ref (self));
}

gboolean
sl_history_view_get_loading (SlHistoryView *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), FALSE);

  return self->loading;
}

/* ---- GObject ---- */

static void
sl_history_view_dispose (GObject *object)
{
  SlHistoryView *self = SL_HISTORY_VIEW (object);

  /* No batch is delivered once the listing is cancelled: `self` may go. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  sl_ui_dispose_template (GTK_WIDGET (self), SL_TYPE_HISTORY_VIEW);
  sl_history_view_rows_dispose (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sl_history_view_parent_class)->dispose (object);
}

static void
sl_history_view_finalize (GObject *object)
{
  SlHistoryView *self = SL_HISTORY_VIEW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->current, g_free);

  G_OBJECT_CLASS (sl_history_view_parent_class)->finalize (object);
}

static void
sl_history_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlHistoryView *self = SL_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    case PROP_N_CHECKED:
      g_value_set_uint (value, self->n_checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_history_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlHistoryView *self = SL_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTION_MODE:
      sl_history_view_set_selection_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_history_view_class_init (SlHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_history_view_dispose;
  object_class->finalize = sl_history_view_finalize;
  object_class->get_property = sl_history_view_get_property;
  object_class->set_property = sl_history_view_set_property;
  widget_class->map = sl_history_view_map;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION_MODE] =
    g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CHECKED] =
    g_param_spec_uint ("n-checked", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, SL_TYPE_HISTORY_ITEM);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               SL_UI_RESOURCE "/sl-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, select_button);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, spinner);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, compare_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, checked_label);
  gtk_widget_class_bind_template_child (widget_class, SlHistoryView, compare_button);
  gtk_widget_class_set_css_name (widget_class, "historyview");
}

static void
sl_history_view_init (SlHistoryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (SL_TYPE_HISTORY_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), 0,
                                          SLICE_STEP);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  sl_history_view_rows_init (self);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed", G_CALLBACK (on_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->select_button, "toggled", G_CALLBACK (on_select_toggled_cb),
                           self, G_CONNECT_SWAPPED);

  update_checked (self);
  update_page (self);
}

GtkWidget *
sl_history_view_new (void)
{
  return g_object_new (SL_TYPE_HISTORY_VIEW, NULL);
}

GListModel *
sl_history_view_get_items (SlHistoryView *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), NULL);

  return G_LIST_MODEL (self->store);
}

GListModel *
sl_history_view_get_shown (SlHistoryView *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

void
sl_history_view_set_current (SlHistoryView *self,
                             const char    *path)
{
  g_return_if_fail (SL_IS_HISTORY_VIEW (self));

  g_free (self->current);
  self->current = g_strdup (path);
  update_current (self);
}

void
sl_history_view_set_search (SlHistoryView *self,
                            const char    *text)
{
  g_return_if_fail (SL_IS_HISTORY_VIEW (self));

  if (g_strcmp0 (self->search, text) == 0)
    return;

  /* Setting the entry's text empties it first, which the entry reports at once: not a search
   * of the person's. */
  self->setting_search = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  self->setting_search = FALSE;
  g_free (self->search);
  self->search = g_strdup (text);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_current (self);
  update_page (self);
}

gboolean
sl_history_view_get_selection_mode (SlHistoryView *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), FALSE);

  return self->selection_mode;
}

void
sl_history_view_set_selection_mode (SlHistoryView *self,
                                    gboolean       selection_mode)
{
  g_return_if_fail (SL_IS_HISTORY_VIEW (self));

  selection_mode = !!selection_mode;
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  gtk_toggle_button_set_active (self->select_button, selection_mode);
  sl_history_view_rows_set_selection_mode (self, selection_mode);
  gtk_revealer_set_reveal_child (self->compare_revealer, selection_mode);

  /* The experiment on screen is the one a person most often compares: it starts picked. Leaving
   * the mode drops the picks. */
  if (selection_mode)
    {
      SlHistoryItem *current = sl_history_view_lookup (self, self->current);

      if (current != NULL)
        sl_history_item_set_checked (current, TRUE);
    }
  else
    {
      guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(SlHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

          sl_history_item_set_checked (item, FALSE);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

GPtrArray *
sl_history_view_dup_checked (SlHistoryView *self)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  guint n_items;

  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), paths);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SlHistoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (sl_history_item_get_checked (item))
        g_ptr_array_add (paths, g_strdup (sl_history_item_get_path (item)));
    }

  return paths;
}

guint
sl_history_view_get_n_checked (SlHistoryView *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_VIEW (self), 0);

  return self->n_checked;
}

void
sl_history_view_activate (SlHistoryView *self,
                          guint          position)
{
  g_autoptr(SlHistoryItem) item = NULL;

  g_return_if_fail (SL_IS_HISTORY_VIEW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);
  if (item == NULL)
    return;

  if (self->selection_mode)
    sl_history_item_set_checked (item, !sl_history_item_get_checked (item));
  else
    g_signal_emit (self, signals[ACTIVATED], 0, item);
}

void
sl_history_view_focus_search (SlHistoryView *self)
{
  g_return_if_fail (SL_IS_HISTORY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
