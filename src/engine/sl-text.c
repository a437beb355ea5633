/* sl-text.c: text from outside made safe to show and to store. */
#define G_LOG_DOMAIN "sl-text"

#include "config.h"

#include <string.h>

#include "sl-text.h"

/* Characters that a terminal or a label would obey, or that would make the text read other
 * than it is: the C0 and C1 controls and DEL, the line and paragraph separators, and the
 * invisible format characters (Unicode's Cf: the bidi embeddings, overrides and isolates
 * U+202A–U+202E and U+2066–U+2069, the marks and zero-width characters U+200B–U+200F, U+2060…,
 * the byte order mark). */
static gboolean
needs_escape (gunichar c,
              gboolean multiline)
{
  if (multiline && (c == '\n' || c == '\t'))
    return FALSE;
  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
    return TRUE;
  if (c < 0xa0)
    return FALSE;
  return c == 0x2028 || c == 0x2029 || g_unichar_type (c) == G_UNICODE_FORMAT;
}

/* U+2400 onwards pictures the C0 controls, U+2421 DEL; C1 controls have no pictures. A format
 * character is written as its code point, "<U+202E>", so that a person can tell which. */
static void
append_escaped (GString  *out,
                gunichar  c)
{
  if (c < 0x20)
    g_string_append_unichar (out, 0x2400 + c);
  else if (c == 0x7f)
    g_string_append_unichar (out, 0x2421);
  else if (c < 0xa0)
    g_string_append_unichar (out, 0xfffd);
  else
    g_string_append_printf (out, "<U+%04X>", c);
}

gboolean
sl_text_is_printable_char (gunichar c,
                           gboolean multiline)
{
  return !needs_escape (c, multiline);
}

gboolean
sl_text_is_printable (const char *text,
                      gboolean    multiline)
{
  g_return_val_if_fail (text != NULL, TRUE);

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (needs_escape (g_utf8_get_char (p), multiline))
      return FALSE;

  return TRUE;
}

char *
sl_text_make_printable (const char *text,
                        gboolean    multiline)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  if (sl_text_is_printable (text, multiline))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid) + 16);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (needs_escape (c, multiline))
        append_escaped (out, c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* What must not be shown is the password; the user name and the host stay, so that a person
 * still recognises the server. Three shapes carry one:
 * - scheme://user:password@host; the password runs to the last "@" before the path, as curl
 *   and browsers read it, so that a password with an "@" in it goes whole;
 * - user:password@host without a scheme, as a person may type it in a list of URLs;
 * - 'password@host' in quotes, as a URL parser that split user:password@host at the wrong
 *   colon echoes it (Python's http.client: "nonnumeric port: 'password@host'").
 * A text that only looks like one (an e-mail address in quotes) loses a little more than it
 * needs to, never a password. */
char *
sl_text_redact_credentials (const char *text)
{
  static GRegex *userinfo = NULL;
  static GRegex *quoted = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *redacted = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_once_init_enter (&userinfo))
    g_once_init_leave (&userinfo,
                       g_regex_new ("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/?#@]*"
                                    "|(?<![^\\s,;=(<\\[{'\"“‘])[^\\s:/?#@'\"“”‘’<>]+)"
                                    ":[^\\s/?#]*@",
                                    G_REGEX_OPTIMIZE, 0, NULL));
  if (g_once_init_enter (&quoted))
    g_once_init_leave (&quoted,
                       g_regex_new ("(['\"“‘])[^\\s:/'\"“”‘’]+@(?=[A-Za-z0-9._~%:\\[\\]-]+['\"”’])",
                                    G_REGEX_OPTIMIZE, 0, NULL));

  /* The patterns match UTF-8 only; what is not valid is replaced, as showing it would. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  redacted = g_regex_replace (userinfo, text, -1, 0, "\\1:***@", 0, NULL);
  return g_regex_replace (quoted, redacted, -1, 0, "\\1***@", 0, NULL);
}
