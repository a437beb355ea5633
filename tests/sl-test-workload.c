/* sl-test-workload.c: drives a workload by hand, as a pool would, and runs small specs through
 * the runner, for the tests of the I/O workloads. */
#define G_LOG_DOMAIN "sl-test-workload"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sl-test-util.h"
#include "sl-test-workload.h"

/* ---- driving a workload by hand ---- */

static SlParams *
params_from_list (const char *first,
                  va_list     args)
{
  SlParams *params = sl_params_new ();

  for (const char *setting = first; setting != NULL; setting = va_arg (args, const char *))
    {
      g_auto(GStrv) pair = g_strsplit (setting, "=", 2);

      g_assert_nonnull (pair[1]);
      sl_params_set (params, pair[0], pair[1]);
    }

  return params;
}

void
sl_test_experiment_start (SlTestExperiment *e,
                          const char       *id,
                          ...)
{
  g_autoptr(SlParams) given = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  memset (e, 0, sizeof *e);
  e->workload = sl_workload_lookup (id);
  g_assert_nonnull (e->workload);

  va_start (args, id);
  given = params_from_list (va_arg (args, const char *), args);
  va_end (args);

  e->params = sl_workload_resolve_params (e->workload, given, &error);
  g_assert_no_error (error);
  if (e->workload->experiment_setup != NULL)
    {
      g_assert_true (e->workload->experiment_setup (e->params, &e->experiment_state, &error));
      g_assert_no_error (error);
    }
  e->shared = e->workload->prepare (e->params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (e->shared);
}

void
sl_test_experiment_stop (SlTestExperiment *e)
{
  e->workload->release (e->shared);
  if (e->workload->experiment_teardown != NULL)
    e->workload->experiment_teardown (e->experiment_state);
  sl_params_free (e->params);
  memset (e, 0, sizeof *e);
}

gpointer
sl_test_worker_new (SlTestExperiment *e)
{
  g_autoptr(GError) error = NULL;
  gpointer local = NULL;

  if (e->workload->worker_init != NULL)
    {
      local = e->workload->worker_init (e->shared, &error);
      g_assert_no_error (error);
    }

  return local;
}

void
sl_test_worker_free (SlTestExperiment *e,
                     gpointer          local)
{
  if (e->workload->worker_free != NULL && local != NULL)
    e->workload->worker_free (local);
}

guint
sl_test_run_tasks (SlTestExperiment  *e,
                   gpointer           local,
                   guint64            first,
                   guint64            n,
                   guint64            total,
                   GError           **first_error)
{
  guint failed = 0;

  for (guint64 i = first; i < first + n; i++)
    {
      SlTask task = { .index = i, .n_tasks = total, .base_tasks = total, .cancel = NULL };
      g_autoptr(GError) error = NULL;
      guint64 checksum = 0, expected = 0;

      if (!e->workload->run (e->shared, local, &task, &checksum, &error))
        {
          g_assert_nonnull (error);
          failed++;
          if (first_error != NULL && *first_error == NULL)
            *first_error = g_steal_pointer (&error);
          continue;
        }
      g_assert_no_error (error);
      if (e->workload->expected (e->shared, &task, &expected))
        g_assert_cmpuint (checksum, ==, expected);
    }

  return failed;
}

GError *
sl_test_run_one (SlTestExperiment *e,
                 guint64           index)
{
  gpointer local = sl_test_worker_new (e);
  GError *error = NULL;

  sl_test_run_tasks (e, local, index, 1, index + 1, &error);
  sl_test_worker_free (e, local);

  return error;
}

/* ---- through the runner: what a person sees ---- */

SlExperimentSpec *
sl_test_small_spec (const char *workload,
                    const char *models,
                    ...)
{
  SlExperimentSpec *spec = sl_test_spec_new (workload, models, "1,2");
  va_list args;

  va_start (args, models);
  sl_params_free (spec->params);
  spec->params = params_from_list (va_arg (args, const char *), args);
  va_end (args);

  spec->repeat = 1;
  spec->warmup = 0;
  spec->tasks = 6;
  return spec;
}

SlResult *
sl_test_run_spec (SlExperimentSpec *spec,
                  GCancellable     *cancellable)
{
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(GError) error = NULL;
  SlResult *result;

  result = sl_runner_run_sync (runner, spec, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

void
sl_test_assert_all_done (const SlResult *result)
{
  g_assert_cmpint (result->status, ==, SL_RESULT_COMPLETE);
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_DONE);
      g_assert_cmpuint (point->n_failed_tasks, ==, 0);
      g_assert_true (point->checksum_known);
      g_assert_true (point->checksum_ok);
    }
}

const char *
sl_test_models_to_test (void)
{
  return g_getenv ("SPEEDUP_LAB_WORKER") != NULL ? "threads,processes" : "threads";
}
