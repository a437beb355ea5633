/* sl-capture.h: hooks for scripts, hidden from --help: screenshots of the window at fixed
 * moments of a run (tools/screenshot), and the moment of the first frame (bench/ui). */
#pragma once

#include "sl-window.h"

G_BEGIN_DECLS

/* Writes PREFIX-running-light.png, PREFIX-running-dark.png once 40 % of the sweep is done, and
 * PREFIX-finished-PAGE-light.png / -dark.png for some result pages when it ends, and
 * PREFIX-narrow-*.png of an 800 px wide window, with its sidebar folded and shown; then quits
 * the application. */
void sl_capture_screenshots (SlWindow   *window,
                             const char *prefix);
/* Prints "first-frame" on stdout when the window has drawn its first frame, and quits. */
void sl_capture_first_frame (SlWindow   *window);

G_END_DECLS
