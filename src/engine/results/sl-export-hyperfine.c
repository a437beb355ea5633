/* sl-export-hyperfine.c: a result as `hyperfine --export-json` writes it, so that hyperfine's
 * own scripts read it. Those scripts set the shape: plot_parametrized.py takes exactly one
 * parameter, the same in every benchmark of a file, and draws one line per file, so each
 * execution model goes to a file of its own with "workers" as its only parameter, and the
 * runtime and model are in each benchmark's command. plot_whisker.py, plot_histogram.py and
 * advanced_statistics.py read "command", "times" and "median"; welch_ttest.py a file of exactly
 * two benchmarks (a sweep of two worker counts). */
#define G_LOG_DOMAIN "sl-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-export.h"
#include "sl-file.h"
#include "sl-json.h"
#include "sl-stats.h"

typedef struct {
  SlRuntime runtime;
  SlModel   model;
} Series;

static double
mean_of_finite (const double *values,
                guint         n)
{
  double sum = 0;
  guint m = 0;

  for (guint i = 0; i < n; i++)
    {
      if (isfinite (values[i]))
        {
          sum += values[i];
          m++;
        }
    }

  return m > 0 ? sum / m : NAN;
}

/* One hyperfine "result" per point that has measured repetitions. A repetition with failed
 * tasks or a wrong checksum gets exit code 1, as a failing command would in hyperfine. */
static void
add_point (JsonBuilder   *builder,
           const SlPoint *point)
{
  guint n_reps = point->repetitions->len;
  g_autofree double *times = g_new (double, MAX (n_reps, 1));
  g_autofree double *user = g_new (double, MAX (n_reps, 1));
  g_autofree double *sys = g_new (double, MAX (n_reps, 1));
  g_autofree int *codes = g_new (int, MAX (n_reps, 1));
  g_autofree char *command = NULL;
  g_autofree char *workers = g_strdup_printf ("%u", point->workers);
  SlSummary summary;
  guint n = 0;

  /* hyperfine's scripts feed "times" to numpy: only real numbers go in. */
  for (guint i = 0; i < n_reps; i++)
    {
      const SlRepetition *rep = &g_array_index (point->repetitions, SlRepetition, i);

      if (!isfinite (rep->wall_s))
        continue;
      times[n] = rep->wall_s;
      user[n] = rep->usage.user_s;
      sys[n] = rep->usage.sys_s;
      codes[n] = rep->n_failed_tasks == 0 && rep->checksum_ok ? 0 : 1;
      n++;
    }

  if (n == 0)
    return;

  sl_summary_compute (&summary, times, n, NULL);
  command = g_strdup_printf ("%s %s W=%u", sl_runtime_to_string (point->runtime),
                             sl_model_to_string (point->model), point->workers);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "command");
  json_builder_add_string_value (builder, command);
  sl_json_add_double (builder, "mean", summary.mean);
  sl_json_add_double (builder, "stddev", summary.stddev);
  sl_json_add_double (builder, "median", summary.median);
  sl_json_add_double (builder, "user", mean_of_finite (user, n));
  sl_json_add_double (builder, "system", mean_of_finite (sys, n));
  sl_json_add_double (builder, "min", summary.min);
  sl_json_add_double (builder, "max", summary.max);

  json_builder_set_member_name (builder, "times");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, times[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "exit_codes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_int_value (builder, codes[i]);
  json_builder_end_array (builder);

  /* hyperfine writes parameter values as strings; plot_parametrized.py reads them with
   * float (). */
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "workers");
  json_builder_add_string_value (builder, workers);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

char *
sl_result_to_hyperfine_json (const SlResult *result,
                             SlRuntime       runtime,
                             SlModel         model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->runtime == runtime && point->model == model)
        add_point (builder, point);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  sl_json_redact_credentials (root);
  return sl_json_to_text (root, NULL);
}

static void
add_series (GArray    *series,
            SlRuntime  runtime,
            SlModel    model)
{
  for (guint i = 0; i < series->len; i++)
    {
      const Series *s = &g_array_index (series, Series, i);

      if (s->runtime == runtime && s->model == model)
        return;
    }

  g_array_append_vals (series, &(Series) { runtime, model }, 1);
}

/* The spec's models, in its order, then any other a point has (a document from a later
 * version): one file each. */
static GArray *
collect_series (const SlResult *result)
{
  GArray *series = g_array_new (FALSE, FALSE, sizeof (Series));

  for (guint i = 0; result->spec != NULL && i < result->spec->models->len; i++)
    add_series (series, result->spec->runtime, g_array_index (result->spec->models, SlModel, i));
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      add_series (series, point->runtime, point->model);
    }

  return series;
}

/* `path` with "-SUFFIX" before its extension: ".hyperfine.json", ".json" or the last one of
 * the file's name. */
static char *
path_with_suffix (const char *path,
                  const char *suffix)
{
  const char *name = strrchr (path, G_DIR_SEPARATOR);
  g_autofree char *lower = NULL;
  const char *dot;
  gsize ext = 0, len = strlen (path);

  name = name != NULL ? name + 1 : path;
  lower = g_ascii_strdown (name, -1);
  dot = strrchr (name, '.');
  if (g_str_has_suffix (lower, ".hyperfine.json") && strlen (name) > strlen (".hyperfine.json"))
    ext = strlen (".hyperfine.json");
  else if (dot != NULL && dot != name)
    ext = strlen (dot);

  return g_strdup_printf ("%.*s-%s%s", (int) (len - ext), path, suffix, path + len - ext);
}

char **
sl_export_hyperfine_paths (const SlResult *result,
                           const char     *path)
{
  g_autoptr(GArray) series = NULL;
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  gboolean several_runtimes = FALSE;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  series = collect_series (result);
  if (series->len <= 1)
    {
      g_strv_builder_add (paths, path);
      return g_strv_builder_end (paths);
    }

  for (guint i = 1; i < series->len; i++)
    several_runtimes = several_runtimes || g_array_index (series, Series, i).runtime !=
                                           g_array_index (series, Series, 0).runtime;

  for (guint i = 0; i < series->len; i++)
    {
      const Series *s = &g_array_index (series, Series, i);
      g_autofree char *suffix = several_runtimes
                                ? g_strdup_printf ("%s-%s", sl_runtime_to_string (s->runtime),
                                                   sl_model_to_string (s->model))
                                : g_strdup (sl_model_to_string (s->model));

      g_autofree char *named = path_with_suffix (path, suffix);

      g_strv_builder_add (paths, named);
    }

  return g_strv_builder_end (paths);
}

gboolean
sl_export_write_hyperfine (const SlResult  *result,
                           const char      *path,
                           GError         **error)
{
  g_autoptr(GArray) series = NULL;
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  series = collect_series (result);
  paths = sl_export_hyperfine_paths (result, path);
  /* A result without a model at all (no point) still gets its file, with no benchmark. */
  if (series->len == 0)
    g_array_append_vals (series, &(Series) { SL_RUNTIME_NATIVE, SL_MODEL_THREADS }, 1);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      const Series *s = &g_array_index (series, Series, i);
      g_autofree char *data = sl_result_to_hyperfine_json (result, s->runtime, s->model);

      if (!sl_file_write_atomic (paths[i], data, -1, error))
        return FALSE;
    }

  return TRUE;
}
