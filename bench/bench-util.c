/* bench-util.c: what the benchmark programs share: printing tables, removing folders. */
#define G_LOG_DOMAIN "bench"

#include "config.h"

#include <glib/gstdio.h>

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

int
bench_remove_tree (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        bench_remove_tree (path);
      else
        g_unlink (path);
    }
  return g_rmdir (dir);
}
