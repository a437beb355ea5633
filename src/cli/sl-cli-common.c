/* sl-cli-common.c: what every subcommand of speedup-lab-cli shares. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-cli.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-i18n.h"
#include "sl-number.h"
#include "sl-text.h"

char *
sl_cli_dup_shown (const char *text,
                  gboolean    multiline)
{
  g_autofree char *redacted = NULL;

  if (text == NULL)
    return NULL;

  redacted = sl_text_redact_credentials (text);
  return sl_text_make_printable (redacted, multiline);
}

void
sl_cli_print_json (FILE       *out,
                   const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) shown = g_string_sized_new (strlen (text));

  /* A file name need not be UTF-8; JSON must. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (sl_text_is_printable_char (c, TRUE))
        g_string_append_unichar (shown, c);
      else if (c < 0x10000)
        g_string_append_printf (shown, "\\u%04x", c);
      else
        g_string_append_printf (shown, "\\u%04x\\u%04x", 0xd800 + ((c - 0x10000) >> 10),
                                0xdc00 + ((c - 0x10000) & 0x3ff));
    }
  fputs (shown->str, out);
}

void
sl_cli_error (const char *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages may quote what a person typed or a worker said. */
  shown = sl_cli_dup_shown (message, TRUE);
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
                         _("%s and %s name the same file: give each output its own"),
                         paths[j], paths[i]);
            return FALSE;
          }
      for (guint j = 0; j < n_inputs; j++)
        if (inputs[j] != NULL && sl_file_same (paths[i], inputs[j]))
          {
            g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                         _("%s would overwrite the input %s: give the output another name"),
                         paths[i], inputs[j]);
            return FALSE;
          }
    }

  return TRUE;
}

gboolean
sl_cli_check_arguments (int          argc,
                        char       **argv,
                        int          min,
                        int          max,
                        const char  *usage,
                        GError     **error)
{
  /* argv[0] is the command's name. */
  if (argc - 1 > max)
    {
      if (usage != NULL)
        g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                     _("unexpected argument “%s” (usage: %s)"), argv[1 + max], usage);
      else
        g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("unexpected argument “%s”"),
                     argv[1 + max]);
      return FALSE;
    }
  if (argc - 1 < min)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("wrong number of arguments (usage: %s)"), usage);
      return FALSE;
    }

  return TRUE;
}

gboolean
sl_cli_check_unused_option (const char  *flag,
                            gboolean     given,
                            const char  *where,
                            GError     **error)
{
  if (!given)
    return TRUE;

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               _("%s does nothing %s"), flag, where);
  return FALSE;
}

gboolean
sl_cli_parse_options (GOptionContext   *context,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error) ||
      !sl_cli_check_arguments (*argc, *argv, 0, 0, NULL, &error))
    {
      sl_cli_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* Every number of every option goes through these two and sl-number.c, never GOption's own
 * readers, which take "0x10" and read "010" as 8. A number refused is out of range as written,
 * or not what the option `takes`, with a `hint` of the notation. */
static gboolean
check_number (SlNumberStatus   status,
              const char      *flag,
              const char      *text,
              const char      *takes,
              const char      *hint,
              GError         **error)
{
  if (status == SL_NUMBER_OK)
    return TRUE;

  if (status == SL_NUMBER_OUT_OF_RANGE)
    g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                 _("%s: %s is out of range (see “%s --help”)"), flag, text, g_get_prgname ());
  else
    g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("%s takes %s, not “%s” (%s)"),
                 flag, takes, text, hint);
  return FALSE;
}

gboolean
sl_cli_parse_count (const char  *flag,
                    const char  *text,
                    guint64      max,
                    guint64     *out,
                    GError     **error)
{
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (!check_number (sl_number_parse_digits (text, max, &value), flag, text,
                     _("a whole number"), _("decimal digits, like 8"), error))
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
sl_cli_parse_decimal (const char  *flag,
                      const char  *what,
                      const char  *text,
                      double      *out,
                      GError     **error)
{
  double value;

  if (text == NULL)
    return TRUE;
  if (!check_number (sl_number_parse_decimal (text, &value), flag, text, what,
                     _("in decimal notation, like 2.5 or 1e-3"), error))
    return FALSE;

  *out = value;
  return TRUE;
}
