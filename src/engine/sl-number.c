/* sl-number.c: numbers as a person writes them: decimal notation only. */
#define G_LOG_DOMAIN "sl-number"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-number.h"

static const char *
skip_digits (const char *p,
             gsize      *n_digits)
{
  while (g_ascii_isdigit (*p))
    {
      p++;
      (*n_digits)++;
    }
  return p;
}

gboolean
sl_number_is_decimal (const char *text)
{
  const char *p = text;
  gsize n_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  if (*p == '+' || *p == '-')
    p++;
  p = skip_digits (p, &n_digits);
  if (*p == '.')
    p = skip_digits (p + 1, &n_digits);
  if (n_digits == 0)
    return FALSE;

  if (*p == 'e' || *p == 'E')
    {
      gsize n_exponent = 0;

      p++;
      if (*p == '+' || *p == '-')
        p++;
      p = skip_digits (p, &n_exponent);
      if (n_exponent == 0)
        return FALSE;
    }

  return *p == '\0';
}

SlNumberStatus
sl_number_parse_decimal (const char *text,
                         double     *out)
{
  double value;

  g_return_val_if_fail (text != NULL, SL_NUMBER_MALFORMED);
  g_return_val_if_fail (out != NULL, SL_NUMBER_MALFORMED);

  if (!sl_number_is_decimal (text))
    return SL_NUMBER_MALFORMED;

  /* The notation is checked: what strtod() reads beyond it can no longer come in. */
  value = g_ascii_strtod (text, NULL);
  if (!isfinite (value))
    return SL_NUMBER_OUT_OF_RANGE;

  *out = value;
  return SL_NUMBER_OK;
}

SlNumberStatus
sl_number_parse_digits (const char *text,
                        guint64     max,
                        guint64    *out)
{
  g_return_val_if_fail (text != NULL, SL_NUMBER_MALFORMED);
  g_return_val_if_fail (out != NULL, SL_NUMBER_MALFORMED);

  if (text[0] == '\0' || strspn (text, "0123456789") != strlen (text))
    return SL_NUMBER_MALFORMED;
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    return SL_NUMBER_OUT_OF_RANGE;

  return SL_NUMBER_OK;
}
