/* sl-export.c: a result as CSV and Markdown, and the export files of every format (the hyperfine
 * export is in sl-export-hyperfine.c). */
#define G_LOG_DOMAIN "sl-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-error.h"
#include "sl-file.h"
#include "sl-text.h"
#include "sl-export.h"
#include "sl-result-io.h"

/* Every number goes through g_ascii_formatd: a spreadsheet or a script must read the same file
 * whatever the locale of the person who wrote it. */
static void
append_number (GString    *out,
               const char *format,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, format, value));
}

static const SlPoint *
find_point (const SlResult *result,
            SlRuntime       runtime,
            SlModel         model,
            guint           workers)
{
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->runtime == runtime && point->model == model && point->workers == workers)
        return point;
    }

  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* CSV                                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  /* RFC 4180: quote the field, double the quotes inside. */
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
sl_result_to_csv (const SlResult *result)
{
  static const char *header =
    "runtime,model,workers,tasks,status,median_s,mean_s,stddev_s,min_s,max_s,cv,"
    "speedup,speedup_err,efficiency,cpu_util,karp_flatt,startup_s,"
    "latency_p50_s,latency_p95_s,latency_p99_s,failed_tasks,checksum_ok";
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_string_new (header);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
      const double numbers[] = {
        point->wall.median, point->wall.mean, point->wall.stddev, point->wall.min,
        point->wall.max, point->wall.cv, point->speedup, point->speedup_err, point->efficiency,
        point->cpu_util, point->karp_flatt, point->startup_s, point->latency_p50,
        point->latency_p95, point->latency_p99,
      };

      append_csv_field (out, sl_runtime_to_string (point->runtime));
      g_string_append_c (out, ',');
      append_csv_field (out, sl_model_to_string (point->model));
      g_string_append_printf (out, ",%u,%" G_GUINT64_FORMAT ",", point->workers, point->tasks);
      append_csv_field (out, sl_point_status_to_string (point->status));

      for (guint j = 0; j < G_N_ELEMENTS (numbers); j++)
        {
          g_string_append_c (out, ',');
          append_number (out, "%.9g", numbers[j]);
        }

      g_string_append_printf (out, ",%" G_GUINT64_FORMAT ",%s\r\n",
                              point->n_failed_tasks, point->checksum_ok ? "true" : "false");
    }

  {
    g_autofree char *text = g_string_free (out, FALSE);

    return sl_text_redact_credentials (text);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Markdown                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* Text inside a table cell must not end the cell. */
static void
append_md_cell_text (GString    *out,
                     const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n' || *p == '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
append_seconds (GString *out,
                double   seconds)
{
  /* Four significant digits: 12.35, 1.234, 0.01234 */
  append_number (out, "%.4g", seconds);
}

static void
append_params (GString                *out,
               const SlExperimentSpec *spec,
               const SlWorkload       *workload)
{
  g_autofree const char **names = sl_params_get_names (spec->params, NULL);
  guint shown = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const SlParamInfo *info = workload ? sl_workload_find_param (workload, names[i]) : NULL;
      g_autofree char *value = NULL;

      /* Server addresses and the like are the engine's business, not the experiment's. */
      if (info != NULL && (info->flags & SL_PARAM_FLAG_INTERNAL))
        continue;

      /* A backtick would end the code span. */
      value = g_strdelimit (g_strdup (sl_params_lookup (spec->params, names[i])), "`", '\'');
      g_string_append_printf (out, "%s`%s=%s`", shown ? ", " : "", names[i], value);
      if (info != NULL && info->unit != NULL)
        g_string_append_printf (out, " %s", info->unit);
      shown++;
    }

  if (shown == 0)
    g_string_append (out, "default parameters");
}

static void
append_experiment_sentence (GString        *out,
                            const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;
  const SlWorkload *workload = sl_workload_lookup (spec->workload);
  const SlSysInfo *system = result->system;

  g_string_append_printf (out, "Workload `%s`", spec->workload);
  if (workload != NULL)
    g_string_append_printf (out, " (%s)", workload->title);
  g_string_append (out, " with ");
  append_params (out, spec, workload);
  g_string_append_printf (out, "; %" G_GUINT64_FORMAT " tasks per batch, %s scaling, %s runtime, "
                          "%u measured repetition%s after %u warm-up run%s per point",
                          spec->tasks, sl_scaling_to_string (spec->scaling),
                          sl_runtime_to_string (spec->runtime),
                          spec->repeat, spec->repeat == 1 ? "" : "s",
                          spec->warmup, spec->warmup == 1 ? "" : "s");
  if (spec->preset != NULL)
    g_string_append_printf (out, " (preset `%s`)", spec->preset);
  g_string_append (out, ".");

  if (system != NULL)
    {
      g_string_append_printf (out, " Measured on %s",
                              system->cpu_model && *system->cpu_model ? system->cpu_model
                                                                      : "an unknown CPU");
      g_string_append_printf (out, " with %u usable CPU%s (%u logical",
                              system->usable_cpus, system->usable_cpus == 1 ? "" : "s",
                              system->logical_cpus);
      if (system->physical_cores > 0)
        g_string_append_printf (out, ", %u physical cores", system->physical_cores);
      g_string_append (out, ")");
      if (system->kernel != NULL && *system->kernel)
        g_string_append_printf (out, ", %s", system->kernel);
    }
  else
    g_string_append (out, " Machine unknown");

  if (result->created != NULL && *result->created)
    g_string_append_printf (out, ", on %s", result->created);
  g_string_append_printf (out, ", with Speedup Lab %s.\n",
                          result->app_version ? result->app_version : "(unknown version)");
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Worker counts of the table: the spec's, plus any a point has that the spec lacks. */
static GArray *
collect_workers (const SlResult *result)
{
  GArray *workers = g_array_copy (result->spec->workers);

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
      gboolean listed = FALSE;

      for (guint j = 0; j < workers->len && !listed; j++)
        listed = g_array_index (workers, guint, j) == point->workers;
      if (!listed)
        g_array_append_vals (workers, &point->workers, 1);
    }

  g_array_sort (workers, compare_uint);
  return workers;
}

static void
append_table (GString        *out,
              const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;
  g_autoptr(GArray) workers = collect_workers (result);

  g_string_append (out, "| Workers |");
  for (guint m = 0; m < spec->models->len; m++)
    g_string_append_printf (out, " %s (s) | speedup |",
                            sl_model_to_string (g_array_index (spec->models, SlModel, m)));
  g_string_append (out, "\n| ---: |");
  for (guint m = 0; m < spec->models->len; m++)
    g_string_append (out, " ---: | ---: |");
  g_string_append_c (out, '\n');

  for (guint w = 0; w < workers->len; w++)
    {
      guint count = g_array_index (workers, guint, w);

      g_string_append_printf (out, "| %u |", count);
      for (guint m = 0; m < spec->models->len; m++)
        {
          SlModel model = g_array_index (spec->models, SlModel, m);
          const SlPoint *point = find_point (result, spec->runtime, model, count);

          g_string_append_c (out, ' ');
          if (point != NULL && point->status == SL_POINT_FAILED)
            g_string_append (out, "failed | — |");
          else if (point == NULL || !sl_point_has_measurements (point) ||
                   !isfinite (point->wall.median))
            g_string_append (out, "— | — |");
          else
            {
              append_seconds (out, point->wall.median);
              /* Cut short by a cancel: what it measured, marked partial. */
              if (point->status != SL_POINT_DONE)
                g_string_append (out, "*");
              g_string_append (out, " | ");
              if (isfinite (point->speedup))
                {
                  append_number (out, "%.2f", point->speedup);
                  g_string_append (out, "×");
                }
              else
                g_string_append (out, "—");
              g_string_append (out, " |");
            }
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_warnings (GString        *out,
                 const SlResult *result)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
      const char *model = sl_model_to_string (point->model);

      if (point->status == SL_POINT_FAILED)
        {
          g_string_append_printf (list, "- %s with %u worker%s failed", model, point->workers,
                                  point->workers == 1 ? "" : "s");
          if (point->error != NULL)
            {
              g_string_append (list, ": ");
              append_md_cell_text (list, point->error);
            }
          g_string_append_c (list, '\n');
        }
      else if (point->status == SL_POINT_CANCELLED && sl_point_has_measurements (point))
        g_string_append_printf (list, "- %s with %u worker%s was cancelled after %u of %u "
                                "repetitions (marked *)\n", model, point->workers,
                                point->workers == 1 ? "" : "s", point->repetitions->len,
                                result->spec->repeat);
      else if (point->status == SL_POINT_DONE && point->wall.unstable && isfinite (point->wall.cv))
        {
          g_string_append_printf (list, "- %s with %u worker%s: times vary by ", model,
                                  point->workers, point->workers == 1 ? "" : "s");
          append_number (list, "%.0f", point->wall.cv * 100.0);
          g_string_append (list, " % between repetitions (coefficient of variation); "
                                 "treat this point with care\n");
        }
    }

  for (guint i = 0; result->system && result->system->warnings &&
                    i < result->system->warnings->len; i++)
    {
      g_string_append (list, "- ");
      append_md_cell_text (list, g_ptr_array_index (result->system->warnings, i));
      g_string_append_c (list, '\n');
    }

  if (list->len > 0)
    g_string_append_printf (out, "\n## Warnings\n\n%s", list->str);
}

char *
sl_result_to_markdown (const SlResult *result)
{
  const SlWorkload *workload;
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (result->spec != NULL, NULL);

  workload = sl_workload_lookup (result->spec->workload);
  out = g_string_new (NULL);

  g_string_append_printf (out, "# Speedup Lab: %s\n\n",
                          workload ? workload->title : result->spec->workload);
  append_experiment_sentence (out, result);
  g_string_append_c (out, '\n');
  append_table (out, result);

  if (result->analysis != NULL && result->analysis->recommendation != NULL &&
      *result->analysis->recommendation)
    g_string_append_printf (out, "\n**Recommendation.** %s\n", result->analysis->recommendation);

  append_warnings (out, result);

  /* An error or a parameter may name a URL with its password: never in a file. */
  {
    g_autofree char *text = g_string_free (out, FALSE);

    return sl_text_redact_credentials (text);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                      */
/* ------------------------------------------------------------------------------------------ */

gboolean
sl_export_format_from_path (const char     *path,
                            SlExportFormat *format)
{
  g_autofree char *name = NULL;
  static const struct { const char *suffix; SlExportFormat format; } suffixes[] = {
    /* Longest first: a hyperfine export is also a .json file. */
    { ".hyperfine.json", SL_EXPORT_HYPERFINE },
    { ".json", SL_EXPORT_JSON },
    { ".csv", SL_EXPORT_CSV },
    { ".md", SL_EXPORT_MARKDOWN },
    { ".markdown", SL_EXPORT_MARKDOWN },
  };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  name = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      if (g_str_has_suffix (name, suffixes[i].suffix))
        {
          *format = suffixes[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
sl_export_write (const SlResult  *result,
                 const char      *path,
                 SlExportFormat   format,
                 GError         **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format)
    {
    case SL_EXPORT_JSON:
      return sl_result_save (result, path, error);
    case SL_EXPORT_CSV:
      data = sl_result_to_csv (result);
      break;
    case SL_EXPORT_MARKDOWN:
      data = sl_result_to_markdown (result);
      break;
    case SL_EXPORT_HYPERFINE:
      return sl_export_write_hyperfine (result, path, error);
    default:
      g_return_val_if_reached (FALSE);
    }

  return sl_file_write_atomic (path, data, -1, error);
}
