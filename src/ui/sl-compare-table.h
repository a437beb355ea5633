/* sl-compare-table.h: experiments compared, as a table (GtkColumnView): per other experiment,
 * model and worker count, A's time and B's, their ratio, the Mann–Whitney test's p value and
 * whether the difference is significant, with the rule stated under the table. */
#pragma once

#include <gtk/gtk.h>

#include "sl-compare.h"

G_BEGIN_DECLS

#define SL_TYPE_COMPARE_TABLE (sl_compare_table_get_type ())

G_DECLARE_FINAL_TYPE (SlCompareTable, sl_compare_table, SL, COMPARE_TABLE, GtkWidget)

GtkWidget  *sl_compare_table_new         (void);
/* Reads `comparison` now (nothing of it is kept); NULL empties the table. */
void        sl_compare_table_update      (SlCompareTable     *self,
                                          const SlComparison *comparison);
/* SlCompareItem rows, one per row of the comparison, in its order. */
GListModel *sl_compare_table_get_model   (SlCompareTable     *self);
/* The rule the "Significant" column applies, as the caption says it. */
const char *sl_compare_table_get_caption (SlCompareTable     *self);
/* The table as tab-separated text with a header line, for the clipboard: the visible columns,
 * their titles and the cells' texts. */
char       *sl_compare_table_dup_text    (SlCompareTable     *self);

G_END_DECLS
