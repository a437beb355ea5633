/* sl-point-item.h: one row of the results table: a point of the result, as the texts the table
 * shows. Updated in place while the sweep runs, so that rows change without being rebuilt. */
#pragma once

#include <glib-object.h>

#include "sl-result.h"

G_BEGIN_DECLS

#define SL_TYPE_POINT_ITEM (sl_point_item_get_type ())

G_DECLARE_FINAL_TYPE (SlPointItem, sl_point_item, SL, POINT_ITEM, GObject)

SlPointItem *sl_point_item_new        (void);
/* Takes the texts of point `index` of `result`; notifies only what changed. */
void         sl_point_item_update     (SlPointItem    *self,
                                       const SlResult *result,
                                       guint           index);
guint        sl_point_item_get_index  (SlPointItem    *self);
const char  *sl_point_item_get_text   (SlPointItem    *self,
                                       const char     *column);

G_END_DECLS
