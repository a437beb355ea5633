/* sl-ui-test-util.h: what the window's tests share: a display or a skip, a data folder of their
 * own, waiting on the main loop with a deadline, and finding widgets and dialogs. */
#pragma once

#include <adwaita.h>

#include "sl-chart-view.h"
#include "sl-window.h"

G_BEGIN_DECLS

/* g_test_init(), then GTK and libadwaita with the application's style, and XDG_DATA_HOME set to
 * a new temporary folder, so that the history and the code draft of the tests are not the
 * person's. FALSE when there is no display: the caller returns 77 (skipped). */
gboolean     sl_ui_test_init           (int         *argc,
                                        char      ***argv);
/* g_test_run(), then the temporary data folder removed. */
int          sl_ui_test_run            (void);
const char  *sl_ui_test_get_data_home  (void);

typedef gboolean (*SlUiTestCondition) (gpointer data);

/* Iterates the main context until `done` or `seconds` have passed; returns `done`'s answer. */
gboolean     sl_ui_test_wait_for       (SlUiTestCondition done,
                                        gpointer          data,
                                        double            seconds);
gboolean     sl_ui_test_is_mapped      (gpointer data);     /* a GtkWidget */
gboolean     sl_ui_test_is_null        (gpointer data);     /* a gpointer* */
gboolean     sl_ui_test_is_idle        (gpointer data);     /* an SlWindow not running */

/* Mapped and allocated: its size is the one on screen. */
gboolean     sl_ui_test_is_shown       (gpointer data);     /* a GtkWidget */
/* Lets the main loop run for `seconds` whatever happens: libadwaita's transitions end. */
void         sl_ui_test_settle         (double seconds);
/* Waits until `chart` has drawn more than `after` times. */
void         sl_ui_test_wait_for_draw  (SlChartView *chart,
                                        guint        after);

/* A window of 1280 × 900, presented and mapped. */
SlWindow    *sl_ui_test_new_window     (void);
/* Destroys a window (an SlWindow or any other) and waits until it is finalized. */
void         sl_ui_test_destroy_window (gpointer window);

/* The first widget under `widget` (itself included) of `type`, or that runs `action`. */
GtkWidget   *sl_ui_test_find_type      (GtkWidget  *widget,
                                        GType       type);
GtkWidget   *sl_ui_test_find_button    (GtkWidget  *widget,
                                        const char *action);
/* A toplevel window of `type` (an AdwMessageDialog, say) on screen now, or NULL. */
GtkWindow   *sl_ui_test_find_toplevel  (GType       type);

/* Pixels. A texture read from a PNG file (fails the test on an error); how many pixels differ
 * between two textures of one size, and by how much at most (0–255 on a channel), both opaque;
 * the colour of one pixel as 0xRRGGBB. */
GdkTexture  *sl_ui_test_texture_from_file (const char *path);
guint        sl_ui_test_count_different   (GdkTexture *a,
                                           GdkTexture *b,
                                           guint      *largest);
guint32      sl_ui_test_texture_pixel     (GdkTexture *texture,
                                           int         x,
                                           int         y);
/* With SL_TEST_SCREENSHOTS set to a folder, saves `widget` there as NAME-light.png and
 * NAME-dark.png once each style has settled; nothing otherwise. */
void         sl_ui_test_screenshot        (GtkWidget  *widget,
                                           const char *name);

G_END_DECLS
