/* sl-result.c: constructors and copies of a result. */
#define G_LOG_DOMAIN "sl-result"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-result.h"

static const char *result_status_names[] = { "running", "complete", "partial", "cancelled" };

/* Stored names are read back exactly as written. */
const SlEnumNames sl_result_status_names = SL_ENUM_NAMES (result_status_names, TRUE);

SL_DEFINE_ENUM_NAMES (SlResultStatus, result_status, sl_result_status_names)

const char *
sl_best_basis_to_string (SlBestBasis basis)
{
  static const char *names[] = { "test", "medians", "only-point" };

  g_return_val_if_fail (basis < G_N_ELEMENTS (names), NULL);

  return names[basis];
}

SlResult *
sl_result_new (const SlExperimentSpec *spec,
               SlSysInfo              *system)
{
  SlResult *result;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (spec != NULL, NULL);

  result = g_new0 (SlResult, 1);
  result->app_version = g_strdup (PACKAGE_VERSION);
  result->created = g_date_time_format_iso8601 (now);
  result->status = SL_RESULT_RUNNING;
  result->spec = sl_experiment_spec_copy (spec);
  result->loops = spec->loops;
  result->system = system;
  result->runtime_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  result->points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_point_free);

  for (guint m = 0; m < spec->models->len; m++)
    {
      SlModel model = g_array_index (spec->models, SlModel, m);

      for (guint w = 0; w < spec->workers->len; w++)
        {
          guint workers = g_array_index (spec->workers, guint, w);

          g_ptr_array_add (result->points,
                           sl_point_new (spec->runtime, model, workers,
                                         sl_experiment_spec_tasks_for (spec, workers)));
        }
    }

  return result;
}

SlResult *
sl_result_copy (const SlResult *result)
{
  SlResult *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (SlResult, 1);
  copy->app_version = g_strdup (result->app_version);
  copy->created = g_strdup (result->created);
  copy->title = g_strdup (result->title);
  copy->status = result->status;
  copy->spec = sl_experiment_spec_copy (result->spec);
  copy->loops = result->loops;
  copy->system = result->system ? sl_sysinfo_copy (result->system) : NULL;
  copy->runtime_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, result->runtime_info);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->runtime_info, g_strdup (key), g_strdup (value));
  copy->points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_point_free);
  for (guint i = 0; i < result->points->len; i++)
    g_ptr_array_add (copy->points, sl_point_copy (g_ptr_array_index (result->points, i)));
  copy->analysis = result->analysis ? sl_analysis_copy (result->analysis) : NULL;

  return copy;
}

void
sl_result_free (SlResult *result)
{
  if (result == NULL)
    return;

  g_free (result->app_version);
  g_free (result->created);
  g_free (result->title);
  sl_experiment_spec_free (result->spec);
  g_clear_pointer (&result->system, sl_sysinfo_free);
  g_hash_table_unref (result->runtime_info);
  g_ptr_array_unref (result->points);
  g_clear_pointer (&result->analysis, sl_analysis_free);
  g_free (result);
}

SlPoint *
sl_result_find_point (SlResult *result,
                      SlModel   model,
                      guint     workers)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->model == model && point->workers == workers)
        return point;
    }

  return NULL;
}
