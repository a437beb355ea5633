/* sl-cli-common.c: what every subcommand of speedup-lab-cli shares. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-cli.h"
#include "sl-error.h"

void
sl_cli_error (const char *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "speedup-lab-cli: %s\n", message);
}

gboolean
sl_cli_check_writable (const char  *path,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Cannot write %s: it is a folder", path);
      return FALSE;
    }
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Cannot write %s: folder %s does not exist", path, dir);
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0 ||
      (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Cannot write %s: %s", path, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}
