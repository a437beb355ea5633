/* sl-cli-common.c: what every subcommand of speedup-lab-cli shares. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-cli.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-text.h"

void
sl_cli_error (const char *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *shown = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages may quote what a person typed or a worker said: no URL password, no control
   * character reaches the terminal. */
  redacted = sl_text_redact_credentials (message);
  shown = sl_text_make_printable (redacted, TRUE);
  fprintf (stderr, "speedup-lab-cli: %s\n", shown);
}

gboolean
sl_cli_check_outputs (const char * const *paths,
                      guint                n_paths,
                      const char * const *inputs,
                      guint                n_inputs,
                      GError             **error)
{
  for (guint i = 0; i < n_paths; i++)
    {
      if (paths[i] == NULL)
        continue;
      if (!sl_file_check_writable (paths[i], error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (paths[j] != NULL && sl_file_same (paths[i], paths[j]))
          {
            g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                         "%s and %s name the same file: give each output its own",
                         paths[j], paths[i]);
            return FALSE;
          }
      for (guint j = 0; j < n_inputs; j++)
        if (inputs[j] != NULL && sl_file_same (paths[i], inputs[j]))
          {
            g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                         "%s would overwrite the input %s: give the output another name",
                         paths[i], inputs[j]);
            return FALSE;
          }
    }

  return TRUE;
}

gboolean
sl_cli_parse_options (GOptionContext   *context,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sl_cli_error ("%s", error->message);
      return FALSE;
    }
  if (*argc > 1)
    {
      sl_cli_error ("unexpected argument “%s”", (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}
