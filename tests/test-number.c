/* test-number.c: numbers as a person writes them: decimal notation only. */
#define G_LOG_DOMAIN "test-number"

#include "config.h"

#include "sl-number.h"

static void
test_decimal (void)
{
  const struct { const char *text; SlNumberStatus status; double value; } cases[] = {
    { "0", SL_NUMBER_OK, 0 },
    { "12", SL_NUMBER_OK, 12 },
    { "010", SL_NUMBER_OK, 10 },          /* decimal, not octal 8 */
    { "-0.5", SL_NUMBER_OK, -0.5 },
    { "+2.5", SL_NUMBER_OK, 2.5 },
    { ".5", SL_NUMBER_OK, 0.5 },
    { "5.", SL_NUMBER_OK, 5 },
    { "2.5e-3", SL_NUMBER_OK, 2.5e-3 },
    { "1E3", SL_NUMBER_OK, 1000 },
    { "1e999", SL_NUMBER_OUT_OF_RANGE, 0 },
    { "-1e999", SL_NUMBER_OUT_OF_RANGE, 0 },
    { "0x10", SL_NUMBER_MALFORMED, 0 },
    { "0X1p4", SL_NUMBER_MALFORMED, 0 },
    { "inf", SL_NUMBER_MALFORMED, 0 },
    { "-infinity", SL_NUMBER_MALFORMED, 0 },
    { "nan", SL_NUMBER_MALFORMED, 0 },
    { "", SL_NUMBER_MALFORMED, 0 },
    { ".", SL_NUMBER_MALFORMED, 0 },
    { "-", SL_NUMBER_MALFORMED, 0 },
    { "1e", SL_NUMBER_MALFORMED, 0 },
    { "1e+", SL_NUMBER_MALFORMED, 0 },
    { " 1", SL_NUMBER_MALFORMED, 0 },
    { "1 ", SL_NUMBER_MALFORMED, 0 },
    { "1,5", SL_NUMBER_MALFORMED, 0 },
    { "١٢", SL_NUMBER_MALFORMED, 0 },    /* Arabic-Indic digits */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value = -42;
      SlNumberStatus status = sl_number_parse_decimal (cases[i].text, &value);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_cmpint (sl_number_is_decimal (cases[i].text), ==,
                       cases[i].status != SL_NUMBER_MALFORMED);
      if (status == SL_NUMBER_OK)
        g_assert_cmpfloat (value, ==, cases[i].value);
      else
        g_assert_cmpfloat (value, ==, -42);
    }
}

static void
test_digits (void)
{
  const struct { const char *text; guint64 max; SlNumberStatus status; guint64 value; } cases[] = {
    { "0", 10, SL_NUMBER_OK, 0 },
    { "010", 10, SL_NUMBER_OK, 10 },
    { "11", 10, SL_NUMBER_OUT_OF_RANGE, 0 },
    { "18446744073709551615", G_MAXUINT64, SL_NUMBER_OK, G_MAXUINT64 },
    { "18446744073709551616", G_MAXUINT64, SL_NUMBER_OUT_OF_RANGE, 0 },
    { "99999999999999999999999", G_MAXUINT64, SL_NUMBER_OUT_OF_RANGE, 0 },
    { "-1", G_MAXUINT64, SL_NUMBER_MALFORMED, 0 },
    { "+1", G_MAXUINT64, SL_NUMBER_MALFORMED, 0 },
    { "0x10", G_MAXUINT64, SL_NUMBER_MALFORMED, 0 },
    { "1e3", G_MAXUINT64, SL_NUMBER_MALFORMED, 0 },
    { "1.0", G_MAXUINT64, SL_NUMBER_MALFORMED, 0 },
    { "", G_MAXUINT64, SL_NUMBER_MALFORMED, 0 },
    { " 1", G_MAXUINT64, SL_NUMBER_MALFORMED, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 value = 42;
      SlNumberStatus status = sl_number_parse_digits (cases[i].text, cases[i].max, &value);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (status, ==, cases[i].status);
      g_assert_cmpuint (value, ==, status == SL_NUMBER_OK ? cases[i].value : 42);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number/decimal", test_decimal);
  g_test_add_func ("/number/digits", test_digits);

  return g_test_run ();
}
