/* sl-compare-item.h: one row of the comparison table: a worker count of one model, A's time
 * against one other experiment's, as the texts the table shows. */
#pragma once

#include <glib-object.h>

#include "sl-compare.h"

G_BEGIN_DECLS

#define SL_TYPE_COMPARE_ITEM (sl_compare_item_get_type ())

G_DECLARE_FINAL_TYPE (SlCompareItem, sl_compare_item, SL, COMPARE_ITEM, GObject)

/* Takes the texts of row `index` of `comparison` now; nothing of it is kept. */
SlCompareItem *sl_compare_item_new             (const SlComparison *comparison,
                                                guint               index);
/* The row's index in comparison->rows. */
guint          sl_compare_item_get_index       (SlCompareItem      *self);
/* The text of a column by its property name: "experiment", "model", "workers", "time-a",
 * "time-b", "ratio", "p", "significant". */
const char    *sl_compare_item_get_text        (SlCompareItem      *self,
                                                const char         *column);
/* Whether the row's difference is significant (SlCompareRow.significant). */
gboolean       sl_compare_item_get_significant (SlCompareItem      *self);

G_END_DECLS
