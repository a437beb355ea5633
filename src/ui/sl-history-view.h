/* sl-history-view.h: the history page of the sidebar: every kept experiment, newest first, with
 * a search, and a selection mode that picks experiments for a comparison.
 *
 * The folder is listed off the main thread, in batches that never stall the window. What a row's
 * menu does (run again, rename, save, delete) is the window's history actions, with the row's
 * file as their target; activating a row outside the selection mode emits `activated`.
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-history-item.h"

G_BEGIN_DECLS

#define SL_TYPE_HISTORY_VIEW (sl_history_view_get_type ())

G_DECLARE_FINAL_TYPE (SlHistoryView, sl_history_view, SL, HISTORY_VIEW, GtkWidget)

GtkWidget     *sl_history_view_new                (void);
/* Lists `dir` anew (cancelling a listing under way); `loading` is TRUE until it is done. */
void           sl_history_view_load               (SlHistoryView  *self,
                                                   const char     *dir);
gboolean       sl_history_view_get_loading        (SlHistoryView  *self);
/* Every item (SlHistoryItem), newest first, whatever the search. */
GListModel    *sl_history_view_get_items          (SlHistoryView  *self);
/* The items the search lets through, as the list shows them. */
GListModel    *sl_history_view_get_shown          (SlHistoryView  *self);
/* Adds an experiment just saved (takes `entry`) at its place; returns the item (borrowed). */
SlHistoryItem *sl_history_view_add                (SlHistoryView  *self,
                                                   SlHistoryEntry *entry);
/* Puts back an item taken out by sl_history_view_remove() (an undone delete). */
void           sl_history_view_insert             (SlHistoryView  *self,
                                                   SlHistoryItem  *item);
/* Takes the item of `path` out of the list and returns it (a new reference), or NULL. */
SlHistoryItem *sl_history_view_remove             (SlHistoryView  *self,
                                                   const char     *path);
/* Takes every item out; returns them (a new array, newest first). */
GPtrArray     *sl_history_view_remove_all         (SlHistoryView  *self);
SlHistoryItem *sl_history_view_lookup             (SlHistoryView  *self,
                                                   const char     *path);
/* Marks the row of the experiment on screen (NULL: none). */
void           sl_history_view_set_current        (SlHistoryView  *self,
                                                   const char     *path);
void           sl_history_view_set_search         (SlHistoryView  *self,
                                                   const char     *text);
gboolean       sl_history_view_get_selection_mode (SlHistoryView  *self);
void           sl_history_view_set_selection_mode (SlHistoryView  *self,
                                                   gboolean        selection_mode);
/* The files of the experiments picked for a comparison, newest first (char*). */
GPtrArray     *sl_history_view_dup_checked        (SlHistoryView  *self);
guint          sl_history_view_get_n_checked      (SlHistoryView  *self);
void           sl_history_view_focus_search       (SlHistoryView  *self);
/* Activates the row of `position` in the shown list, as a click would. */
void           sl_history_view_activate           (SlHistoryView  *self,
                                                   guint           position);

G_END_DECLS
