/* sl-i18n.h: gettext in the engine, the chart renderer and the CLI, whose strings all belong to
 * GETTEXT_PACKAGE (config.h): _(), N_(), C_() from gi18n-lib.h, and NG_() for plurals, which
 * gi18n-lib.h lacks. po/meson.build tells xgettext about NG_(). */
#pragma once

#include <glib/gi18n-lib.h>

#define NG_(singular, plural, n) g_dngettext (GETTEXT_PACKAGE, singular, plural, n)

/* Binds GETTEXT_PACKAGE to LOCALEDIR, or to $SPEEDUP_LAB_LOCALEDIR when set; each main() calls
 * it after setlocale (LC_ALL, ""). */
void sl_i18n_bind_textdomain (void);
