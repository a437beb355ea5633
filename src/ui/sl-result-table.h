/* sl-result-table.h: the measured points as a table (GtkColumnView), the same numbers as the
 * CLI's table, updated in place while a sweep runs. */
#pragma once

#include <gtk/gtk.h>

#include "sl-result.h"

G_BEGIN_DECLS

#define SL_TYPE_RESULT_TABLE (sl_result_table_get_type ())

G_DECLARE_FINAL_TYPE (SlResultTable, sl_result_table, SL, RESULT_TABLE, GtkWidget)

GtkWidget  *sl_result_table_new        (void);
/* Reads `result` now (it is not kept); NULL empties the table. */
void        sl_result_table_update     (SlResultTable  *self,
                                        const SlResult *result);
/* SlPointItem rows, one per point of the result. */
GListModel *sl_result_table_get_model  (SlResultTable  *self);
/* The table as it shows, as tab-separated text with a header line, for the clipboard: the
 * visible columns, their titles and the cells' texts. */
char       *sl_result_table_dup_text   (SlResultTable  *self);

G_END_DECLS
