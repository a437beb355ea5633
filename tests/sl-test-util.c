/* sl-test-util.c: what the test programs share (see sl-test-util.h). */
#define G_LOG_DOMAIN "sl-test"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sl-error.h"
#include "sl-python.h"
#include "sl-test-util.h"

int
sl_test_count_fds (void)
{
  GDir *dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);

  return n;
}

void
sl_test_assert_no_children (void)
{
  pid_t pid;

  errno = 0;
  pid = waitpid (-1, NULL, WNOHANG);
  g_assert_cmpint (pid, ==, -1);
  g_assert_cmpint (errno, ==, ECHILD);
}

char *
sl_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
sl_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      sl_test_remove_tree (child);
    }
  g_remove (path);
}

void
sl_test_assert_invalid_input (const GError *error,
                              const char   *needle)
{
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

SlParams *
sl_test_resolve_params (const char *id,
                        ...)
{
  const SlWorkload *workload = sl_workload_lookup (id);
  g_autoptr(SlParams) given = sl_params_new ();
  g_autoptr(GError) error = NULL;
  SlParams *params;
  const char *name;
  va_list args;

  g_assert_nonnull (workload);

  va_start (args, id);
  while ((name = va_arg (args, const char *)) != NULL)
    sl_params_set (given, name, va_arg (args, const char *));
  va_end (args);

  params = sl_workload_resolve_params (workload, given, &error);
  g_assert_no_error (error);

  return params;
}

void
sl_test_resolve_spec (SlExperimentSpec **spec)
{
  g_autoptr(GError) error = NULL;
  SlExperimentSpec *resolved = sl_experiment_spec_resolve (*spec, &error);

  g_assert_no_error (error);
  sl_experiment_spec_free (*spec);
  *spec = resolved;
}

SlExperimentSpec *
sl_test_spec_new (const char *workload,
                  const char *models,
                  const char *workers)
{
  SlExperimentSpec *spec = sl_experiment_spec_new ();
  g_autoptr(GError) error = NULL;

  g_free (spec->workload);
  spec->workload = g_strdup (workload);
  g_array_unref (spec->models);
  spec->models = sl_parse_model_list (models, &error);
  g_assert_no_error (error);
  g_array_unref (spec->workers);
  spec->workers = sl_parse_worker_list (workers, &error);
  g_assert_no_error (error);
  /* One batch per measured value: a test of what a run does need not calibrate its loops. */
  spec->loops = 1;

  return spec;
}

SlSysInfo *
sl_test_sysinfo_new (void)
{
  SlSysInfo *info = sl_sysinfo_new ();

  info->cpu_model = g_strdup ("Test CPU @ 3.00GHz");
  info->logical_cpus = 8;
  info->physical_cores = 4;
  info->affinity_cpus = 8;
  info->cgroup_cpus = 2.5;
  info->usable_cpus = 3;
  info->load_avg[0] = 0.25;
  info->load_avg[1] = NAN;
  info->load_avg[2] = 1.0;
  info->governor = NULL;
  info->kernel = g_strdup ("Linux 6.1.0-test x86_64");
  info->memory_total_kb = G_GUINT64_CONSTANT (16384000);
  g_ptr_array_add (info->warnings, g_strdup ("The CPU quota allows 2.5 CPUs of 8."));

  return info;
}

gboolean
sl_test_skip_without_python (void)
{
  g_autofree char *reason = NULL;

  if (sl_python_available (&reason))
    return FALSE;

  g_test_skip (reason);
  return TRUE;
}
