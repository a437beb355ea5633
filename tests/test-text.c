/* test-text.c: text from outside made printable, and passwords taken out of it. */
#define G_LOG_DOMAIN "test-text"

#include "config.h"

#include <string.h>

#include "sl-text.h"

typedef struct {
  const char *text;
  const char *shown;
} Case;

static void
assert_printable (const Case *cases,
                  gsize       n_cases,
                  gboolean    multiline)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *shown = sl_text_make_printable (cases[i].text, multiline);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_true (sl_text_is_printable (shown, multiline));
      g_assert_cmpint (sl_text_is_printable (cases[i].text, multiline), ==,
                       strcmp (cases[i].text, cases[i].shown) == 0);
    }
}

static void
test_controls (void)
{
  const Case one_line[] = {
    { "plain text, “quoted” × 2", "plain text, “quoted” × 2" },
    { "\033[2J\033[31mHACKED\a", "␛[2J␛[31mHACKED␇" },
    { "a\nb\tc\177", "a␊b␉c␡" },
    { "csi \302\233" "31m", "csi \357\277\275" "31m" },
  };
  const Case lines[] = {
    { "a\nb\tc", "a\nb\tc" },
    { "a\r\nb", "a␍\nb" },
  };

  assert_printable (one_line, G_N_ELEMENTS (one_line), FALSE);
  assert_printable (lines, G_N_ELEMENTS (lines), TRUE);
}

/* A bidi override makes "txt.exe" of "exe.txt"; a zero-width character makes two names look
 * alike: every invisible format character is shown as its code point. */
static void
test_format_characters (void)
{
  const Case cases[] = {
    { "report\u202Etxt.exe", "report<U+202E>txt.exe" },
    { "\u202A\u202B\u202C\u202D", "<U+202A><U+202B><U+202C><U+202D>" },
    { "\u2066isolated\u2069 \u2067x\u2068", "<U+2066>isolated<U+2069> <U+2067>x<U+2068>" },
    { "zero\u200Bwidth\u200D\u200E\u200F", "zero<U+200B>width<U+200D><U+200E><U+200F>" },
    { "\uFEFFbom \u2060joiner \u061Cmark", "<U+FEFF>bom <U+2060>joiner <U+061C>mark" },
    { "line\u2028paragraph\u2029", "line<U+2028>paragraph<U+2029>" },
    { "עברית العربية 中文 ✓", "עברית العربية 中文 ✓" },
  };

  assert_printable (cases, G_N_ELEMENTS (cases), FALSE);
  assert_printable (cases, G_N_ELEMENTS (cases), TRUE);
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *shown = sl_text_make_printable ("ab\377c", FALSE);

  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_cmpstr (shown, ==, "ab\357\277\275c");
}

static void
test_redact (void)
{
  const Case cases[] = {
    { "http://alice:S3cret@host/page", "http://alice:***@host/page" },
    { "see https://bob:x@127.0.0.1:8080/a?b=c#d.", "see https://bob:***@127.0.0.1:8080/a?b=c#d." },
    /* A password with "@" in it goes whole, as curl reads the URL. */
    { "http://u:p@ss@host/", "http://u:***@host/" },
    { "http://u:p@ss@host:81", "http://u:***@host:81" },
    { "http://:only@host/", "http://:***@host/" },
    /* Without a scheme, as typed in a list. */
    { "URL “user:S3cret@host” in urls uses the user scheme",
      "URL “user:***@host” in urls uses the user scheme" },
    { "user:S3cret@host", "user:***@host" },
    { "urls=a:S3cret@h1 b:pw@h2", "urls=a:***@h1 b:***@h2" },
    { "http://a:S3cret@h1,http://b:pw@h2/", "http://a:***@h1,http://b:***@h2/" },
    /* What Python's http.client says of http://user:S3cret@host, which has no port. */
    { "http.client.InvalidURL: nonnumeric port: 'S3cret@127.0.0.1'",
      "http.client.InvalidURL: nonnumeric port: '***@127.0.0.1'" },
    { "invalid literal for int() with base 10: 'p@ss@host'",
      "invalid literal for int() with base 10: '***@host'" },
    /* Nothing to take out. */
    { "http://host:8080/path?x=1", "http://host:8080/path?x=1" },
    { "Contact: bob@example.com at 12:30", "Contact: bob@example.com at 12:30" },
    { "task 0: request failed", "task 0: request failed" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *redacted = sl_text_redact_credentials (cases[i].text);

      g_assert_cmpstr (redacted, ==, cases[i].shown);
    }
}

static void
test_redact_invalid_utf8 (void)
{
  g_autofree char *redacted = sl_text_redact_credentials ("\377 http://u:S3cret@host/");

  g_assert_nonnull (redacted);
  g_assert_null (strstr (redacted, "S3cret"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/printable/controls", test_controls);
  g_test_add_func ("/text/printable/format-characters", test_format_characters);
  g_test_add_func ("/text/printable/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/text/redact/shapes", test_redact);
  g_test_add_func ("/text/redact/invalid-utf8", test_redact_invalid_utf8);

  return g_test_run ();
}
