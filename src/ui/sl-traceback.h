/* sl-traceback.h: a Python traceback behind an expander: a failed point's in the results, an
 * exception raised while the code loaded in the code editor. The message's first line (the
 * summary) is said elsewhere; this shows the lines after it, in monospace, selectable. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_TRACEBACK (sl_traceback_get_type ())

G_DECLARE_FINAL_TYPE (SlTraceback, sl_traceback, SL, TRACEBACK, GtkWidget)

GtkWidget   *sl_traceback_new          (void);
/* Shows the traceback of `message` (an error whose first line is its summary) under `title`;
 * hides itself when `message` is NULL or has no line after its summary. The expander stays
 * open or closed as the person left it while the message stays the same. */
void         sl_traceback_set_message  (SlTraceback *self,
                                        const char  *title,
                                        const char  *message);
/* The traceback shown, or NULL when hidden. */
const char  *sl_traceback_get_text     (SlTraceback *self);
GtkExpander *sl_traceback_get_expander (SlTraceback *self);

/* The first line of `message`, newly allocated: what a one-line place shows of an error. */
char        *sl_traceback_dup_summary  (const char  *message);

G_END_DECLS
