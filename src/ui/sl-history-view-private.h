/* sl-history-view-private.h: the history list's instance, and what its two files share: the
 * list and its items (sl-history-view.c) and its rows, made a few a frame
 * (sl-history-view-rows.c). */
#pragma once

#include <adwaita.h>

#include "sl-history-row.h"
#include "sl-history-view.h"

G_BEGIN_DECLS

/* Rows the list view gets to make in one frame, and how many rows it keeps at most (GTK 4.8's
 * GTK_LIST_VIEW_MAX_LIST_ITEMS): past that, more items cost no rows. */
#define SLICE_STEP 4
#define SLICE_ROWS 200

struct _SlHistoryView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *select_button;
  GtkMenuButton      *menu_button;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkSpinner         *spinner;
  GtkRevealer        *compare_revealer;
  GtkLabel           *checked_label;
  GtkButton          *compare_button;

  /* owned */
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSliceListModel  *slice;         /* what the list view sees of `filtered` */
  guint               slice_tick;
  gboolean            mapped_once;
  GtkSingleSelection *selection;
  GPtrArray          *rows;          /* SlHistoryRow*, every row the factory made */
  GCancellable       *cancellable;   /* of the listing under way */
  char               *search;
  char               *current;
  guint               n_checked;
  gboolean            loading;
  gboolean            setting_search;
  gboolean            selection_mode;
};

/* sl-history-view-rows.c */
void sl_history_view_rows_init               (SlHistoryView *self);
void sl_history_view_rows_dispose            (SlHistoryView *self);
/* From a few rows up, one frame at a time: after a new listing, and when the list comes on
 * screen for the first time. */
void sl_history_view_rows_restart            (SlHistoryView *self);
void sl_history_view_rows_mapped             (SlHistoryView *self);
void sl_history_view_rows_set_selection_mode (SlHistoryView *self,
                                              gboolean       selection_mode);

G_END_DECLS
