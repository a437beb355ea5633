/* sl-text.h: text from outside (files, workers, a person's code) made safe to show. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Valid UTF-8 in which no control character remains: each C0 control, DEL and C1 control
 * becomes its visible picture (ESC → ␛, BEL → ␇; a C1 control U+FFFD) so that a label or a
 * terminal shows it instead of obeying it, and each invisible format character (the bidi
 * overrides and isolates U+202A–U+202E and U+2066–U+2069, zero-width characters, marks) and
 * line or paragraph separator its code point, "<U+202E>", so that the text reads as it is.
 * Newlines and tabs stay when `multiline`. */
char     *sl_text_make_printable (const char *text,
                                  gboolean    multiline);
/* Whether sl_text_make_printable() would change `text`; whether it would keep `c`. */
gboolean  sl_text_is_printable (const char *text,
                                gboolean    multiline);
gboolean  sl_text_is_printable_char (gunichar c,
                                     gboolean multiline);

/* `text` with every password in it replaced by "***", so that it can be printed and stored:
 * of a URL ("http://alice:S3cret@host/", "http://alice:p@ss@host/"), of a server written
 * without a scheme ("alice:S3cret@host"), and of one a URL parser echoed in quotes
 * ("nonnumeric port: 'S3cret@host'"). */
char     *sl_text_redact_credentials (const char *text);

G_END_DECLS
