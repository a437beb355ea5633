/* sl-worker-path.c: where the worker program is. */
#define G_LOG_DOMAIN "sl-process-pool"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-worker-path.h"

static gboolean
is_executable_file (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

/* An installed program, <prefix>/bin/speedup-lab, finds <prefix>/libexec/speedup-lab-worker
 * wherever the prefix now is: a `meson install --destdir` tree, a moved installation, /app in
 * a Flatpak. NULL when `dir` is not a bindir or the directories are not inside the prefix. */
static char *
relocated_worker (const char *dir)
{
  const char *bindir = SL_BINDIR_IN_PREFIX;
  gsize dir_len = strlen (dir), bindir_len = strlen (bindir);
  g_autofree char *prefix = NULL;

  if (g_path_is_absolute (bindir) || g_path_is_absolute (SL_LIBEXECDIR_IN_PREFIX) ||
      dir_len <= bindir_len || !g_str_has_suffix (dir, bindir) ||
      dir[dir_len - bindir_len - 1] != G_DIR_SEPARATOR)
    return NULL;

  prefix = g_strndup (dir, dir_len - bindir_len - 1);
  return g_build_filename (prefix[0] != '\0' ? prefix : G_DIR_SEPARATOR_S,
                           SL_LIBEXECDIR_IN_PREFIX, SL_WORKER_NAME, NULL);
}

static char *
found (char *path)
{
  g_debug ("Worker: %s", path);
  return path;
}

char *
sl_worker_find_path (GError **error)
{
  const char *from_env = g_getenv ("SPEEDUP_LAB_WORKER");
  g_autofree char *exe = NULL;
  g_autoptr(GPtrArray) tried = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tried_text = NULL;
  const char *installed = LIBEXECDIR G_DIR_SEPARATOR_S SL_WORKER_NAME;

  if (from_env != NULL && from_env[0] != '\0')
    {
      if (is_executable_file (from_env))
        return found (g_strdup (from_env));

      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                   _("SPEEDUP_LAB_WORKER names “%s”, which is not an executable file; "
                     "point it at speedup-lab-worker or unset it"), from_env);
      return NULL;
    }

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *relocated = relocated_worker (dir);
      /* Run from the build tree: the worker is built next to the front ends (src/cli, src/ui),
       * and one level further for programs under bench/ and tests/. */
      const char *candidates[] = {
        ".." G_DIR_SEPARATOR_S "worker",
        ".." G_DIR_SEPARATOR_S "src" G_DIR_SEPARATOR_S "worker",
      };

      if (relocated != NULL)
        {
          if (is_executable_file (relocated))
            return found (g_steal_pointer (&relocated));
          g_ptr_array_add (tried, g_steal_pointer (&relocated));
        }

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_autofree char *path = g_build_filename (dir, candidates[i], SL_WORKER_NAME, NULL);
          g_autofree char *canonical = g_canonicalize_filename (path, NULL);

          if (is_executable_file (canonical))
            return found (g_steal_pointer (&canonical));
          g_ptr_array_add (tried, g_steal_pointer (&canonical));
        }
    }

  if (is_executable_file (installed))
    return found (g_strdup (installed));
  g_ptr_array_add (tried, g_strdup (installed));

  g_ptr_array_add (tried, NULL);
  tried_text = g_strjoinv (", ", (char **) tried->pdata);
  g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
               _("Could not find %s (looked for %s); reinstall Speedup Lab or set "
                 "SPEEDUP_LAB_WORKER to its path"), SL_WORKER_NAME, tried_text);
  return NULL;
}
