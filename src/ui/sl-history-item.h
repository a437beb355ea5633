/* sl-history-item.h: one experiment of the history list: an SlHistoryEntry (the headline fields
 * of its document) as the texts a row shows, and whether it is picked for a comparison. */
#pragma once

#include <glib-object.h>

#include "sl-history.h"

G_BEGIN_DECLS

#define SL_TYPE_HISTORY_ITEM (sl_history_item_get_type ())

G_DECLARE_FINAL_TYPE (SlHistoryItem, sl_history_item, SL, HISTORY_ITEM, GObject)

/* Takes ownership of `entry`. */
SlHistoryItem        *sl_history_item_new          (SlHistoryEntry *entry);
const SlHistoryEntry *sl_history_item_get_entry    (SlHistoryItem  *self);
const char           *sl_history_item_get_path     (SlHistoryItem  *self);
/* The row's texts: the title, "25 Nov 2026, 09:31 · Python · threads, processes", and the
 * headline ("1.88× with 2 processes", "Cancelled", "Unreadable: …"). */
const char           *sl_history_item_get_title    (SlHistoryItem  *self);
const char           *sl_history_item_get_subtitle (SlHistoryItem  *self);
const char           *sl_history_item_get_summary  (SlHistoryItem  *self);
gboolean              sl_history_item_get_readable (SlHistoryItem  *self);
/* A person's title was stored: the row shows it (NULL: back to the preset's or workload's). */
void                  sl_history_item_set_title    (SlHistoryItem  *self,
                                                    const char     *title);
/* Picked for a comparison. */
gboolean              sl_history_item_get_checked  (SlHistoryItem  *self);
void                  sl_history_item_set_checked  (SlHistoryItem  *self,
                                                    gboolean        checked);
/* Whether every word of `query` (case and accents folded) is in the title, preset, workload,
 * runtime, models or date of the experiment. An empty query matches everything. */
gboolean              sl_history_item_matches      (SlHistoryItem  *self,
                                                    const char     *query);
/* Newest first: for g_list_store_insert_sorted(). */
int                   sl_history_item_compare      (gconstpointer   a,
                                                    gconstpointer   b,
                                                    gpointer        user_data);

G_END_DECLS
