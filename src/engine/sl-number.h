/* sl-number.h: numbers as a person writes them, on the command line or in a field.
 *
 * Decimal notation only. The readers of C and GLib take more: strtod() reads "0x10" as 16 and
 * "inf" and "nan" as numbers, strtol() with base 0 (GOption's) reads "010" as 8. A person who
 * wrote one of those meant something else or made a mistake, and is told so.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SL_NUMBER_OK,
  SL_NUMBER_MALFORMED,      /* not in the notation asked for */
  SL_NUMBER_OUT_OF_RANGE,   /* well written, but beyond what the type holds */
} SlNumberStatus;

/* Whether `text` is a number in decimal notation: an optional sign, digits with an optional
 * fraction, an optional exponent ("12", "-0.5", ".5", "2.5e-3"); no spaces. */
gboolean       sl_number_is_decimal (const char *text);
/* The value of a number in decimal notation. One too large for a double ("1e999") is out of
 * range, never infinity. */
SlNumberStatus sl_number_parse_decimal (const char *text,
                                        double     *out);
/* A whole number of decimal digits, no sign ("-1" is malformed, never "the default"), at most
 * `max`. */
SlNumberStatus sl_number_parse_digits (const char *text,
                                       guint64     max,
                                       guint64    *out);

G_END_DECLS
