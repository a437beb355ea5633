/* sl-history-row.h: the row of the history list that shows one SlHistoryItem. Rows are
 * recycled by the list: sl_history_row_set_item() moves one to another experiment. */
#pragma once

#include <gtk/gtk.h>

#include "sl-history-item.h"

G_BEGIN_DECLS

#define SL_TYPE_HISTORY_ROW (sl_history_row_get_type ())

G_DECLARE_FINAL_TYPE (SlHistoryRow, sl_history_row, SL, HISTORY_ROW, GtkWidget)

GtkWidget     *sl_history_row_new                (void);
/* NULL unbinds. */
void           sl_history_row_set_item           (SlHistoryRow  *self,
                                                  SlHistoryItem *item);
SlHistoryItem *sl_history_row_get_item           (SlHistoryRow  *self);
/* Shows the check button that picks the experiment for a comparison. */
void           sl_history_row_set_selection_mode (SlHistoryRow  *self,
                                                  gboolean       selection_mode);

G_END_DECLS
