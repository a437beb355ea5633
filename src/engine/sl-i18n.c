/* sl-i18n.c: where the translations are found. */
#define G_LOG_DOMAIN "sl-i18n"

#include "config.h"

#include <glib.h>

#include "sl-i18n.h"

void
sl_i18n_bind_textdomain (void)
{
  /* The build tree's translations (po/LANG/LC_MESSAGES) for tests and screenshots, as
   * SPEEDUP_LAB_WORKER points at the build tree's worker. */
  const char *dir = g_getenv ("SPEEDUP_LAB_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
