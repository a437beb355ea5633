/* bench-util.c: what the benchmark programs share for printing their tables. */
#define G_LOG_DOMAIN "bench"

#include "config.h"

#include "bench-util.h"

void
bench_print_cell (const char *text,
                  int         width,
                  gboolean    right)
{
  int fill = MAX (0, width - (int) g_utf8_strlen (text, -1));

  if (right)
    g_print ("%*s%s", fill, "", text);
  else
    g_print ("%s%*s", text, fill, "");
}
