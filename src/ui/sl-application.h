/* sl-application.h: the application: its windows, the command line, the app-wide actions and
 * shortcuts, and a clean stop on SIGTERM and SIGINT. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_APPLICATION (sl_application_get_type ())

G_DECLARE_FINAL_TYPE (SlApplication, sl_application, SL, APPLICATION, AdwApplication)

SlApplication *sl_application_new  (GApplicationFlags flags);
/* Closes every window, cancelling what runs; the application quits when the last one has gone. */
void           sl_application_stop (SlApplication    *self);

G_END_DECLS
