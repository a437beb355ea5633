/* bench-util.h: what the benchmark programs share for printing their tables. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints `text` padded to `width` characters, not bytes (µ, × and ≤ take two or three bytes),
 * right-aligned when `right`. */
void bench_print_cell (const char *text, int width, gboolean right);

G_END_DECLS
