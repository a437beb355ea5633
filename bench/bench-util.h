/* bench-util.h: what the benchmark programs share: printing their tables, and removing the
 * folders they made. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints `text` padded to `width` characters, not bytes (µ, × and ≤ take two or three bytes),
 * right-aligned when `right`. */
void bench_print_cell (const char *text, int width, gboolean right);

/* Removes `dir` and everything in it. */
int  bench_remove_tree (const char *dir);

G_END_DECLS
