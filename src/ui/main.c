/* main.c: speedup-lab, the window. */
#define G_LOG_DOMAIN "speedup-lab"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sl-application.h"
#include "sl-i18n.h"
#include "sl-ui-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlApplication) app = NULL;
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  setlocale (LC_ALL, "");
  sl_i18n_bind_textdomain ();
  textdomain (GETTEXT_PACKAGE);

  /* The hooks of the tools measure and picture this process, never one already running. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--screenshots") || strcmp (argv[i], "--first-frame") == 0)
      flags |= G_APPLICATION_NON_UNIQUE;

  sl_ui_register_resources ();
  app = sl_application_new (flags);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
