/* sl-result-io.c: reads and writes the result document "speedup-lab/1". */
#define G_LOG_DOMAIN "sl-result-io"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-error.h"
#include "sl-result-io.h"

#define FORMAT_PREFIX "speedup-lab/"
#define FORMAT_MAJOR  1

/* Latencies are stored as whole multiples of 100 ns ("latencies_100ns"): json-glib writes every
 * double with 17 significant digits, so rounded doubles would not be any shorter, while a
 * resolution of 0.1 µs is far below what a task latency can be measured to. */
#define LATENCY_UNITS_PER_S 1e7

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* GLib's file errors carry the temporary file's name and a sentence of their own; a person wants
 * the path they chose and the reason, so translate the code back to the system's wording. */
static const char *
file_error_reason (const GError *error)
{
  static const struct { GFileError code; int errnum; } table[] = {
    { G_FILE_ERROR_EXIST, EEXIST },
    { G_FILE_ERROR_ISDIR, EISDIR },
    { G_FILE_ERROR_ACCES, EACCES },
    { G_FILE_ERROR_NAMETOOLONG, ENAMETOOLONG },
    { G_FILE_ERROR_NOENT, ENOENT },
    { G_FILE_ERROR_NOTDIR, ENOTDIR },
    { G_FILE_ERROR_NXIO, ENXIO },
    { G_FILE_ERROR_NODEV, ENODEV },
    { G_FILE_ERROR_ROFS, EROFS },
    { G_FILE_ERROR_TXTBSY, ETXTBSY },
    { G_FILE_ERROR_FAULT, EFAULT },
    { G_FILE_ERROR_LOOP, ELOOP },
    { G_FILE_ERROR_NOSPC, ENOSPC },
    { G_FILE_ERROR_NOMEM, ENOMEM },
    { G_FILE_ERROR_MFILE, EMFILE },
    { G_FILE_ERROR_NFILE, ENFILE },
    { G_FILE_ERROR_BADF, EBADF },
    { G_FILE_ERROR_INVAL, EINVAL },
    { G_FILE_ERROR_PIPE, EPIPE },
    { G_FILE_ERROR_AGAIN, EAGAIN },
    { G_FILE_ERROR_INTR, EINTR },
    { G_FILE_ERROR_IO, EIO },
    { G_FILE_ERROR_PERM, EPERM },
    { G_FILE_ERROR_NOSYS, ENOSYS },
  };

  if (error->domain == G_FILE_ERROR)
    {
      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        if (table[i].code == (GFileError) error->code)
          return g_strerror (table[i].errnum);
    }

  return error->message;
}

gboolean
sl_file_write_atomic (const char  *path,
                      const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local_error))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO, "Cannot write %s: %s",
                   path, file_error_reason (local_error));
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* JSON has no NaN or infinity: an unknown value is null. */
static void
add_double (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* A parameter is written as a JSON number or boolean only when reading that back gives exactly
 * the same text; anything else (an unknown workload, an unvalidated value) stays a string. */
static void
add_param (JsonBuilder       *builder,
           const SlParamInfo *info,
           const char        *name,
           const char        *text)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;

  json_builder_set_member_name (builder, name);

  if (info != NULL && info->type == SL_PARAM_INT && text[0] != '\0')
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, &end, 10);
      if (errno == 0 && *end == '\0')
        {
          g_autofree char *again = g_strdup_printf ("%" G_GINT64_FORMAT, v);

          if (g_str_equal (again, text))
            {
              json_builder_add_int_value (builder, v);
              return;
            }
        }
    }
  else if (info != NULL && info->type == SL_PARAM_DOUBLE && text[0] != '\0')
    {
      double v = g_ascii_strtod (text, &end);

      if (*end == '\0' && isfinite (v) && g_str_equal (g_ascii_dtostr (buf, sizeof buf, v), text))
        {
          json_builder_add_double_value (builder, v);
          return;
        }
    }
  else if (info != NULL && info->type == SL_PARAM_BOOL &&
           (g_str_equal (text, "true") || g_str_equal (text, "false")))
    {
      json_builder_add_boolean_value (builder, g_str_equal (text, "true"));
      return;
    }

  json_builder_add_string_value (builder, text);
}

JsonNode *
sl_experiment_spec_to_json (const SlExperimentSpec *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const SlWorkload *workload = NULL;
  g_autofree const char **names = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->workload != NULL)
    workload = sl_workload_lookup (spec->workload);

  json_builder_begin_object (builder);
  add_string (builder, "preset", spec->preset);
  add_string (builder, "workload", spec->workload);

  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  names = sl_params_get_names (spec->params, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const SlParamInfo *info = workload ? sl_workload_find_param (workload, names[i]) : NULL;

      add_param (builder, info, names[i], sl_params_lookup (spec->params, names[i]));
    }
  json_builder_end_object (builder);

  add_string (builder, "runtime", sl_runtime_to_string (spec->runtime));

  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);
  for (guint i = 0; i < spec->models->len; i++)
    json_builder_add_string_value (builder,
                                   sl_model_to_string (g_array_index (spec->models, SlModel, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "workers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < spec->workers->len; i++)
    json_builder_add_int_value (builder, g_array_index (spec->workers, guint, i));
  json_builder_end_array (builder);

  add_int (builder, "tasks", (gint64) spec->tasks);
  add_int (builder, "chunk", spec->chunk);
  add_int (builder, "repeat", spec->repeat);
  add_int (builder, "warmup", spec->warmup);
  add_double (builder, "timeout_s", spec->timeout_s);
  add_string (builder, "scaling", sl_scaling_to_string (spec->scaling));
  add_string (builder, "order", sl_order_to_string (spec->order));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
sl_sysinfo_to_json (const SlSysInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (info != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "cpu_model", info->cpu_model);
  add_int (builder, "logical_cpus", info->logical_cpus);
  add_int (builder, "physical_cores", info->physical_cores);
  add_int (builder, "affinity_cpus", info->affinity_cpus);
  add_double (builder, "cgroup_cpus", info->cgroup_cpus);
  add_int (builder, "usable_cpus", info->usable_cpus);

  json_builder_set_member_name (builder, "load_avg");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (info->load_avg); i++)
    {
      if (isfinite (info->load_avg[i]))
        json_builder_add_double_value (builder, info->load_avg[i]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_array (builder);

  add_string (builder, "governor", info->governor);
  add_string (builder, "kernel", info->kernel);
  add_int (builder, "memory_total_kb", (gint64) info->memory_total_kb);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; info->warnings != NULL && i < info->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (info->warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
compare_string_ptrs (const void *a,
                     const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_runtime_info (JsonBuilder *builder,
                  GHashTable  *runtime_info)
{
  g_autofree const char **keys = NULL;
  guint n = 0;

  json_builder_set_member_name (builder, "runtime_info");
  json_builder_begin_object (builder);
  if (runtime_info != NULL)
    {
      keys = (const char **) g_hash_table_get_keys_as_array (runtime_info, &n);
      qsort (keys, n, sizeof (char *), compare_string_ptrs);
    }
  for (guint i = 0; i < n; i++)
    add_string (builder, keys[i], g_hash_table_lookup (runtime_info, keys[i]));
  json_builder_end_object (builder);
}

static void
add_repetitions (JsonBuilder   *builder,
                 const SlPoint *point)
{
  json_builder_set_member_name (builder, "repetitions");
  json_builder_begin_array (builder);
  for (guint i = 0; point->repetitions != NULL && i < point->repetitions->len; i++)
    {
      const SlRepetition *rep = &g_array_index (point->repetitions, SlRepetition, i);

      json_builder_begin_object (builder);
      add_double (builder, "wall_s", rep->wall_s);
      add_double (builder, "startup_s", rep->startup_s);
      add_double (builder, "user_s", rep->usage.user_s);
      add_double (builder, "sys_s", rep->usage.sys_s);
      add_int (builder, "voluntary_cs", rep->usage.voluntary_cs);
      add_int (builder, "involuntary_cs", rep->usage.involuntary_cs);
      add_int (builder, "peak_rss_kb", rep->usage.peak_rss_kb);
      add_int (builder, "failed_tasks", (gint64) rep->n_failed_tasks);
      add_bool (builder, "checksum_ok", rep->checksum_ok);
      add_bool (builder, "outlier", rep->outlier);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* A sweep with many short tasks measures 10^5 latencies and more per point. Only their
 * distribution matters (percentiles, histograms), so beyond SL_RESULT_MAX_STORED_LATENCIES the
 * sorted values are subsampled at evenly spaced ranks, always keeping the minimum and the
 * maximum: the same input always gives the same document, and percentiles move by at most one
 * rank step. Below the cap the task order is kept. Non-finite values carry no time and are
 * dropped. */
static void
add_latencies (JsonBuilder   *builder,
               const SlPoint *point)
{
  g_autofree double *values = NULL;
  guint n = 0;

  if (point->latencies_s != NULL && point->latencies_s->len > 0)
    {
      values = g_new (double, point->latencies_s->len);
      for (guint i = 0; i < point->latencies_s->len; i++)
        {
          double v = g_array_index (point->latencies_s, double, i);

          if (isfinite (v))
            values[n++] = v;
        }
    }

  add_int (builder, "latencies_total", n);
  json_builder_set_member_name (builder, "latencies_100ns");
  json_builder_begin_array (builder);
  if (n <= SL_RESULT_MAX_STORED_LATENCIES)
    {
      for (guint i = 0; i < n; i++)
        json_builder_add_int_value (builder, llround (values[i] * LATENCY_UNITS_PER_S));
    }
  else
    {
      const guint cap = SL_RESULT_MAX_STORED_LATENCIES;

      qsort (values, n, sizeof (double), sl_compare_doubles);
      for (guint k = 0; k < cap; k++)
        {
          guint64 rank = (guint64) k * (n - 1) / (cap - 1);

          json_builder_add_int_value (builder, llround (values[rank] * LATENCY_UNITS_PER_S));
        }
    }
  json_builder_end_array (builder);
}

static void
add_point (JsonBuilder   *builder,
           const SlPoint *point)
{
  char checksum[32];

  json_builder_begin_object (builder);
  add_string (builder, "runtime", sl_runtime_to_string (point->runtime));
  add_string (builder, "model", sl_model_to_string (point->model));
  add_int (builder, "workers", point->workers);
  add_int (builder, "tasks", (gint64) point->tasks);
  add_string (builder, "status", sl_point_status_to_string (point->status));
  add_string (builder, "error", point->error);
  /* As text: JSON readers in other languages hold numbers in doubles, which lose a u64. */
  g_snprintf (checksum, sizeof checksum, "%" G_GUINT64_FORMAT, point->checksum);
  add_string (builder, "checksum", checksum);
  add_bool (builder, "checksum_ok", point->checksum_ok);
  add_bool (builder, "checksum_known", point->checksum_known);
  add_int (builder, "failed_tasks", (gint64) point->n_failed_tasks);

  add_double (builder, "median_s", point->wall.median);
  add_double (builder, "mean_s", point->wall.mean);
  add_double (builder, "stddev_s", point->wall.stddev);
  add_double (builder, "min_s", point->wall.min);
  add_double (builder, "max_s", point->wall.max);
  add_double (builder, "cv", point->wall.cv);
  add_double (builder, "mad_s", point->wall.mad);
  add_int (builder, "outliers", point->wall.n_outliers);
  add_bool (builder, "unstable", point->wall.unstable);
  add_double (builder, "startup_s", point->startup_s);
  add_double (builder, "user_s", point->user_s);
  add_double (builder, "sys_s", point->sys_s);
  add_double (builder, "cpu_util", point->cpu_util);
  add_double (builder, "voluntary_cs", point->voluntary_cs);
  add_double (builder, "involuntary_cs", point->involuntary_cs);
  add_double (builder, "peak_rss_kb", point->peak_rss_kb);
  add_double (builder, "speedup", point->speedup);
  add_double (builder, "speedup_err", point->speedup_err);
  add_double (builder, "efficiency", point->efficiency);
  add_double (builder, "karp_flatt", point->karp_flatt);
  add_double (builder, "latency_p50_s", point->latency_p50);
  add_double (builder, "latency_p95_s", point->latency_p95);
  add_double (builder, "latency_p99_s", point->latency_p99);

  add_repetitions (builder, point);
  add_latencies (builder, point);
  json_builder_end_object (builder);
}

static void
add_analysis (JsonBuilder      *builder,
              const SlAnalysis *analysis)
{
  json_builder_set_member_name (builder, "analysis");
  if (analysis == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  if (analysis->has_best)
    {
      add_string (builder, "best_runtime", sl_runtime_to_string (analysis->best_runtime));
      add_string (builder, "best_model", sl_model_to_string (analysis->best_model));
      add_int (builder, "best_workers", analysis->best_workers);
    }
  else
    {
      add_string (builder, "best_runtime", NULL);
      add_string (builder, "best_model", NULL);
      add_string (builder, "best_workers", NULL);
    }
  add_double (builder, "best_speedup", analysis->best_speedup);
  add_double (builder, "serial_fraction", analysis->serial_fraction);
  add_string (builder, "recommendation", analysis->recommendation);

  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);
  for (guint i = 0; analysis->models != NULL && i < analysis->models->len; i++)
    {
      const SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);

      json_builder_begin_object (builder);
      add_string (builder, "runtime", sl_runtime_to_string (ma->runtime));
      add_string (builder, "model", sl_model_to_string (ma->model));
      add_int (builder, "best_workers", ma->best_workers);
      add_double (builder, "best_time_s", ma->best_time_s);
      add_double (builder, "best_speedup", ma->best_speedup);
      add_int (builder, "amdahl_cpus", ma->amdahl_cpus);
      add_double (builder, "amdahl_a", ma->amdahl_a);
      add_double (builder, "amdahl_b", ma->amdahl_b);
      add_double (builder, "serial_fraction", ma->serial_fraction);
      add_double (builder, "amdahl_r2", ma->amdahl_r2);
      add_double (builder, "usl_sigma", ma->usl_sigma);
      add_double (builder, "usl_kappa", ma->usl_kappa);
      add_double (builder, "usl_peak_workers", ma->usl_peak_workers);
      add_bool (builder, "fitted", ma->fitted);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

JsonNode *
sl_result_to_json (const SlResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (result->spec != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", SL_RESULT_FORMAT);
  add_string (builder, "app_version", result->app_version);
  add_string (builder, "created", result->created);
  add_string (builder, "status", sl_result_status_to_string (result->status));

  json_builder_set_member_name (builder, "spec");
  json_builder_add_value (builder, sl_experiment_spec_to_json (result->spec));

  json_builder_set_member_name (builder, "system");
  if (result->system != NULL)
    json_builder_add_value (builder, sl_sysinfo_to_json (result->system));
  else
    json_builder_add_null_value (builder);
  add_runtime_info (builder, result->runtime_info);

  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; result->points != NULL && i < result->points->len; i++)
    add_point (builder, g_ptr_array_index (result->points, i));
  json_builder_end_array (builder);

  add_analysis (builder, result->analysis);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
sl_result_to_data (const SlResult *result,
                   gsize          *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  root = sl_result_to_json (result);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  text = json_generator_to_gstring (generator, g_string_new (NULL));
  g_string_append_c (text, '\n');

  if (length != NULL)
    *length = text->len;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
sl_result_save (const SlResult  *result,
                const char      *path,
                GError         **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = sl_result_to_data (result, &length);

  return sl_file_write_atomic (path, data, (gssize) length, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Every reader below takes the place of the object in the document ("points[3]") so that its
 * errors can say exactly which field is wrong. */

static char *
field_name (const char *where,
            const char *key)
{
  if (where == NULL || where[0] == '\0')
    return g_strdup (key);

  return g_strdup_printf ("%s.%s", where, key);
}

static void
set_field_error (GError     **error,
                 const char  *where,
                 const char  *key,
                 const char  *problem)
{
  g_autofree char *name = field_name (where, key);

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s %s", name, problem);
}

static JsonNode *
lookup_member (JsonObject *object,
               const char *key)
{
  return json_object_has_member (object, key) ? json_object_get_member (object, key) : NULL;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static double
node_get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);

  return json_node_get_double (node);
}

/* Missing and null read as NaN. */
static gboolean
read_double (JsonObject  *object,
             const char  *where,
             const char  *key,
             double      *out,
             GError     **error)
{
  JsonNode *node = lookup_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }

  if (!node_is_number (node))
    {
      set_field_error (error, where, key, "must be a number");
      return FALSE;
    }

  *out = node_get_number (node);
  return TRUE;
}

/* Whole numbers written as 4.0 by other tools count as whole. */
static gboolean
node_get_whole (JsonNode *node,
                gint64   *out)
{
  double d;

  if (!node_is_number (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }

  d = json_node_get_double (node);
  if (!isfinite (d) || d != floor (d) || fabs (d) > 9e15)
    return FALSE;

  *out = (gint64) d;
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *where,
          const char  *key,
          gboolean     required,
          gint64       min,
          gint64       max,
          gint64       fallback,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = lookup_member (object, key);
  const char *kind = min == 1 ? "must be a positive integer" : "must be a whole number";
  gint64 v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_autofree char *problem = g_strdup_printf ("is missing (it %s)", kind);

          set_field_error (error, where, key, problem);
          return FALSE;
        }
      *out = fallback;
      return TRUE;
    }

  if (!node_get_whole (node, &v))
    {
      set_field_error (error, where, key, kind);
      return FALSE;
    }

  if (v < min || v > max)
    {
      g_autofree char *problem = NULL;

      if (min == 1 && v < 1)
        problem = g_strdup_printf ("%s, not %" G_GINT64_FORMAT, kind, v);
      else
        problem = g_strdup_printf ("= %" G_GINT64_FORMAT " is out of range %" G_GINT64_FORMAT
                                   "–%" G_GINT64_FORMAT, v, min, max);
      set_field_error (error, where, key, problem);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *where,
           const char  *key,
           gboolean     fallback,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = lookup_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = fallback;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_field_error (error, where, key, "must be true or false");
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* `out` gets a borrowed string, or NULL when the field is missing or null and not required. */
static gboolean
read_string (JsonObject   *object,
             const char   *where,
             const char   *key,
             gboolean      required,
             const char  **out,
             GError      **error)
{
  JsonNode *node = lookup_member (object, key);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          set_field_error (error, where, key, "is missing");
          return FALSE;
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_field_error (error, where, key, "must be a string");
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *where,
            const char  *key,
            gboolean     required,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = lookup_member (object, key);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          set_field_error (error, where, key, "is missing (it must be a list)");
          return FALSE;
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_field_error (error, where, key, "must be a list");
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_object (JsonObject   *object,
             const char   *where,
             const char   *key,
             gboolean      required,
             JsonObject  **out,
             GError      **error)
{
  JsonNode *node = lookup_member (object, key);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          set_field_error (error, where, key, "is missing (it must be an object)");
          return FALSE;
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_field_error (error, where, key, "must be an object");
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

/* The enumerations are read through one helper; `choices` is what the message offers. */
typedef gboolean (*EnumParser) (const char *text, int *out);

static gboolean
parse_runtime (const char *text, int *out)
{
  SlRuntime v;

  if (!sl_runtime_from_string (text, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_model (const char *text, int *out)
{
  SlModel v;

  if (!sl_model_from_string (text, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_scaling (const char *text, int *out)
{
  SlScaling v;

  if (!sl_scaling_from_string (text, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_order (const char *text, int *out)
{
  SlOrder v;

  if (!sl_order_from_string (text, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_point_status (const char *text, int *out)
{
  SlPointStatus v;

  if (!sl_point_status_from_string (text, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
parse_result_status (const char *text, int *out)
{
  SlResultStatus v;

  if (!sl_result_status_from_string (text, &v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
check_enum (const char  *text,
            const char  *where,
            const char  *key,
            EnumParser   parse,
            const char  *what,
            const char  *choices,
            int         *out,
            GError     **error)
{
  if (!parse (text, out))
    {
      g_autofree char *name = field_name (where, key);

      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "%s: “%s” is not a known %s (%s)", name, text, what, choices);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_enum (JsonObject  *object,
           const char  *where,
           const char  *key,
           gboolean     required,
           int          fallback,
           EnumParser   parse,
           const char  *what,
           const char  *choices,
           int         *out,
           GError     **error)
{
  const char *text;

  if (!read_string (object, where, key, required, &text, error))
    return FALSE;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }

  return check_enum (text, where, key, parse, what, choices, out, error);
}

#define RUNTIME_CHOICES "native, python"
#define MODEL_CHOICES   "threads, processes"

/* The inverse of add_param(): numbers and booleans back to the parameter's normal text. */
static gboolean
param_to_text (const SlParamInfo  *info,
               const char         *where,
               const char         *name,
               JsonNode           *node,
               char              **out,
               GError            **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  gint64 whole;

  if (type == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
  else if (type == G_TYPE_BOOLEAN)
    *out = g_strdup (json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_INT64)
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE && info != NULL && info->type == SL_PARAM_INT &&
           node_get_whole (node, &whole))
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  else if (type == G_TYPE_DOUBLE)
    *out = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
  else
    {
      set_field_error (error, where, name, "must be a number, a string or true/false");
      return FALSE;
    }

  return TRUE;
}

/* A worker count through the spec's one parser, so that files, lists and the CLI agree on what
 * a worker count is and say the same about a bad one. */
static gboolean
node_get_worker_count (JsonNode    *node,
                       const char  *where,
                       const char  *key,
                       guint       *out,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gint64 whole;

  if (node_get_whole (node, &whole) && whole >= 0)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  else if (node_is_number (node) && json_node_get_double (node) > 0 &&
           isfinite (json_node_get_double (node)) &&
           json_node_get_double (node) == floor (json_node_get_double (node)))
    text = g_strdup_printf ("%.0f", json_node_get_double (node));   /* beyond gint64 */
  else
    {
      set_field_error (error, where, key, "must be a positive integer");
      return FALSE;
    }

  if (!sl_parse_worker_count (text, out, &local_error))
    {
      g_autofree char *name = field_name (where, key);

      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s: %s", name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The spec's rules are the validator's: the reader only checks the document's shape. A spec
 * of a workload this version does not know keeps its parameters as written, so the rules that
 * need the workload are left to the version that knows it. */
static gboolean
check_spec (const SlExperimentSpec  *spec,
            gboolean                 workload_known,
            const char              *where,
            GError                 **error)
{
  g_autoptr(GPtrArray) problems = sl_experiment_spec_check (spec);
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const SlSpecProblem *problem = g_ptr_array_index (problems, i);
      const char *key = problem->field;
      g_autofree char *name = NULL;

      if (!workload_known &&
          (g_str_equal (key, SL_SPEC_FIELD_WORKLOAD) || g_str_has_prefix (key, SL_SPEC_FIELD_PARAMS) ||
           g_str_equal (key, SL_SPEC_FIELD_RUNTIME) || g_str_equal (key, SL_SPEC_FIELD_TASKS) ||
           g_str_equal (key, SL_SPEC_FIELD_MODELS)))
        continue;
      if (g_str_equal (key, SL_SPEC_FIELD_TIMEOUT))
        key = "timeout_s";   /* the document's name for it */
      name = field_name (where, key);
      g_string_append_printf (message, "%s%s: %s", message->len ? "; " : "", name,
                              problem->message);
    }

  if (message->len == 0)
    return TRUE;

  g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, message->str);
  return FALSE;
}

static gboolean
read_point_workers (JsonObject  *object,
                    const char  *where,
                    guint       *out,
                    GError     **error)
{
  JsonNode *node = lookup_member (object, "workers");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      set_field_error (error, where, "workers", "is missing (it must be a positive integer)");
      return FALSE;
    }
  return node_get_worker_count (node, where, "workers", out, error);
}

static SlExperimentSpec *
spec_from_object (JsonObject  *object,
                  const char  *where,
                  GError     **error)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  const SlWorkload *workload;
  const char *preset, *workload_id;
  JsonObject *params;
  JsonArray *models, *workers;
  int runtime, scaling, order;
  gint64 tasks, chunk, repeat, warmup;
  double timeout_s;

  if (!read_string (object, where, "preset", FALSE, &preset, error) ||
      !read_string (object, where, "workload", TRUE, &workload_id, error) ||
      !read_object (object, where, "params", FALSE, &params, error) ||
      !read_enum (object, where, "runtime", TRUE, 0, parse_runtime, "runtime", RUNTIME_CHOICES,
                  &runtime, error) ||
      !read_array (object, where, "models", TRUE, &models, error) ||
      !read_array (object, where, "workers", TRUE, &workers, error) ||
      !read_int (object, where, "tasks", FALSE, 0, G_MAXINT64, 0, &tasks, error) ||
      !read_int (object, where, "chunk", FALSE, 0, G_MAXUINT, spec->chunk, &chunk, error) ||
      !read_int (object, where, "repeat", FALSE, 0, G_MAXUINT, spec->repeat, &repeat, error) ||
      !read_int (object, where, "warmup", FALSE, 0, G_MAXUINT, spec->warmup, &warmup, error) ||
      !read_double (object, where, "timeout_s", &timeout_s, error) ||
      !read_enum (object, where, "scaling", FALSE, spec->scaling, parse_scaling, "scaling mode",
                  "strong, weak", &scaling, error) ||
      !read_enum (object, where, "order", FALSE, spec->order, parse_order, "order",
                  "interleaved, sequential", &order, error))
    return NULL;

  if (workload_id[0] == '\0')
    {
      set_field_error (error, where, "workload", "must name a workload");
      return NULL;
    }

  if (isnan (timeout_s))
    timeout_s = 0;

  g_clear_pointer (&spec->preset, g_free);
  spec->preset = g_strdup (preset);
  g_free (spec->workload);
  spec->workload = g_strdup (workload_id);
  spec->runtime = runtime;
  spec->tasks = (guint64) tasks;
  spec->chunk = (guint) chunk;
  spec->repeat = (guint) repeat;
  spec->warmup = (guint) warmup;
  spec->timeout_s = timeout_s;
  spec->scaling = scaling;
  spec->order = order;

  /* A workload of a later version, or a test-only one, is not known here: its parameters are
   * kept as they were written. */
  workload = sl_workload_lookup (workload_id);

  if (params != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (params);
      g_autofree char *params_where = field_name (where, "params");

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          const SlParamInfo *info = workload ? sl_workload_find_param (workload, name) : NULL;
          g_autofree char *text = NULL;

          if (!param_to_text (info, params_where, name, json_object_get_member (params, name),
                              &text, error))
            return NULL;
          sl_params_set (spec->params, name, text);
        }
    }

  g_array_set_size (spec->models, 0);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonNode *node = json_array_get_element (models, i);
      g_autofree char *key = g_strdup_printf ("models[%u]", i);
      int model;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          set_field_error (error, where, key, "must be a string");
          return NULL;
        }
      if (!check_enum (json_node_get_string (node), where, key, parse_model, "execution model",
                       MODEL_CHOICES, &model, error))
        return NULL;
      for (guint j = 0; j < spec->models->len; j++)
        {
          if (g_array_index (spec->models, SlModel, j) == (SlModel) model)
            {
              set_field_error (error, where, key, "repeats a model listed before");
              return NULL;
            }
        }
      g_array_append_vals (spec->models, &(SlModel) { model }, 1);
    }

  g_array_set_size (spec->workers, 0);
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      g_autofree char *key = g_strdup_printf ("workers[%u]", i);
      guint w;

      if (!node_get_worker_count (json_array_get_element (workers, i), where, key, &w, error))
        return NULL;
      g_array_append_val (spec->workers, w);
    }

  if (!check_spec (spec, workload != NULL, where, error))
    return NULL;

  return g_steal_pointer (&spec);
}

SlExperimentSpec *
sl_experiment_spec_from_json (JsonNode  *node,
                              GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "An experiment spec must be a JSON object");
      return NULL;
    }

  return spec_from_object (json_node_get_object (node), NULL, error);
}

static SlSysInfo *
sysinfo_from_object (JsonObject  *object,
                     const char  *w,
                     GError     **error)
{
  g_autoptr(SlSysInfo) info = sl_sysinfo_new ();
  JsonArray *load_avg, *warnings;
  const char *cpu_model, *governor, *kernel;
  gint64 logical, physical, affinity, usable, memory;

  if (!read_string (object, w, "cpu_model", FALSE, &cpu_model, error) ||
      !read_int (object, w, "logical_cpus", FALSE, 0, G_MAXUINT, 0, &logical, error) ||
      !read_int (object, w, "physical_cores", FALSE, 0, G_MAXUINT, 0, &physical, error) ||
      !read_int (object, w, "affinity_cpus", FALSE, 0, G_MAXUINT, 0, &affinity, error) ||
      !read_double (object, w, "cgroup_cpus", &info->cgroup_cpus, error) ||
      !read_int (object, w, "usable_cpus", FALSE, 0, G_MAXUINT, 0, &usable, error) ||
      !read_array (object, w, "load_avg", FALSE, &load_avg, error) ||
      !read_string (object, w, "governor", FALSE, &governor, error) ||
      !read_string (object, w, "kernel", FALSE, &kernel, error) ||
      !read_int (object, w, "memory_total_kb", FALSE, 0, G_MAXINT64, 0, &memory, error) ||
      !read_array (object, w, "warnings", FALSE, &warnings, error))
    return NULL;

  info->cpu_model = g_strdup (cpu_model);
  info->logical_cpus = (guint) logical;
  info->physical_cores = (guint) physical;
  info->affinity_cpus = (guint) affinity;
  if (isnan (info->cgroup_cpus))
    info->cgroup_cpus = 0;
  info->usable_cpus = (guint) usable;
  info->governor = g_strdup (governor);
  info->kernel = g_strdup (kernel);
  info->memory_total_kb = (guint64) memory;

  for (guint i = 0; i < G_N_ELEMENTS (info->load_avg); i++)
    {
      JsonNode *node = load_avg && i < json_array_get_length (load_avg)
                       ? json_array_get_element (load_avg, i) : NULL;

      info->load_avg[i] = NAN;
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!node_is_number (node))
        {
          set_field_error (error, w, "load_avg", "must be a list of three numbers");
          return NULL;
        }
      info->load_avg[i] = node_get_number (node);
    }

  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    {
      JsonNode *node = json_array_get_element (warnings, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          set_field_error (error, w, "warnings", "must be a list of strings");
          return NULL;
        }
      g_ptr_array_add (info->warnings, g_strdup (json_node_get_string (node)));
    }

  return g_steal_pointer (&info);
}

SlSysInfo *
sl_sysinfo_from_json (JsonNode  *node,
                      GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "A system description must be a JSON object");
      return NULL;
    }

  return sysinfo_from_object (json_node_get_object (node), NULL, error);
}

/* A document without "system" still loads, with an empty description. */
static gboolean
read_system (JsonObject  *parent,
             SlSysInfo  **out,
             GError     **error)
{
  JsonObject *object;

  if (!read_object (parent, NULL, "system", FALSE, &object, error))
    return FALSE;

  *out = object ? sysinfo_from_object (object, "system", error) : sl_sysinfo_new ();

  return *out != NULL;
}

static gboolean
read_runtime_info (JsonObject  *parent,
                   GHashTable  *runtime_info,
                   GError     **error)
{
  JsonObject *object;
  g_autoptr(GList) names = NULL;

  if (!read_object (parent, NULL, "runtime_info", FALSE, &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *value;

      if (!read_string (object, "runtime_info", l->data, FALSE, &value, error))
        return FALSE;
      if (value != NULL)
        g_hash_table_insert (runtime_info, g_strdup (l->data), g_strdup (value));
    }

  return TRUE;
}

static gboolean
read_repetition (JsonNode     *node,
                 const char   *where,
                 SlRepetition *rep,
                 GError      **error)
{
  JsonObject *object;
  gint64 vcs, ics, rss, failed;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s must be an object", where);
      return FALSE;
    }
  object = json_node_get_object (node);

  if (lookup_member (object, "wall_s") == NULL)
    {
      set_field_error (error, where, "wall_s", "is missing (it must be a number or null)");
      return FALSE;
    }

  if (!read_double (object, where, "wall_s", &rep->wall_s, error) ||
      !read_double (object, where, "startup_s", &rep->startup_s, error) ||
      !read_double (object, where, "user_s", &rep->usage.user_s, error) ||
      !read_double (object, where, "sys_s", &rep->usage.sys_s, error) ||
      !read_int (object, where, "voluntary_cs", FALSE, 0, G_MAXINT64, 0, &vcs, error) ||
      !read_int (object, where, "involuntary_cs", FALSE, 0, G_MAXINT64, 0, &ics, error) ||
      !read_int (object, where, "peak_rss_kb", FALSE, 0, G_MAXINT64, 0, &rss, error) ||
      !read_int (object, where, "failed_tasks", FALSE, 0, G_MAXINT64, 0, &failed, error) ||
      !read_bool (object, where, "checksum_ok", TRUE, &rep->checksum_ok, error) ||
      !read_bool (object, where, "outlier", FALSE, &rep->outlier, error))
    return FALSE;

  rep->usage.voluntary_cs = vcs;
  rep->usage.involuntary_cs = ics;
  rep->usage.peak_rss_kb = rss;
  rep->n_failed_tasks = (guint64) failed;

  return TRUE;
}

static gboolean
read_checksum (JsonObject  *object,
               const char  *where,
               guint64     *out,
               GError     **error)
{
  JsonNode *node = lookup_member (object, "checksum");
  gint64 whole;

  *out = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT64, out, NULL))
    return TRUE;

  if (node_get_whole (node, &whole) && whole >= 0)
    {
      *out = (guint64) whole;
      return TRUE;
    }

  set_field_error (error, where, "checksum", "must be an unsigned 64-bit integer written as text");
  return FALSE;
}

static SlPoint *
read_point (JsonNode                *node,
            const char              *where,
            const SlExperimentSpec  *spec,
            GError                 **error)
{
  g_autoptr(SlPoint) point = NULL;
  JsonObject *object;
  JsonArray *reps, *latencies;
  const char *message;
  int runtime, model, status;
  guint workers;
  gint64 tasks, failed;
  guint64 checksum;
  gboolean checksum_ok, checksum_known;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s must be an object", where);
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_enum (object, where, "runtime", TRUE, 0, parse_runtime, "runtime", RUNTIME_CHOICES,
                  &runtime, error) ||
      !read_enum (object, where, "model", TRUE, 0, parse_model, "execution model", MODEL_CHOICES,
                  &model, error) ||
      !read_point_workers (object, where, &workers, error) ||
      !read_int (object, where, "tasks", FALSE, 0, (gint64) SL_MAX_TASKS,
                 (gint64) sl_experiment_spec_tasks_for (spec, (guint) workers), &tasks, error) ||
      !read_enum (object, where, "status", TRUE, 0, parse_point_status, "point status",
                  "pending, running, done, failed, cancelled", &status, error) ||
      !read_string (object, where, "error", FALSE, &message, error) ||
      !read_checksum (object, where, &checksum, error) ||
      !read_bool (object, where, "checksum_ok", TRUE, &checksum_ok, error) ||
      !read_bool (object, where, "checksum_known", TRUE, &checksum_known, error) ||
      !read_int (object, where, "failed_tasks", FALSE, 0, G_MAXINT64, 0, &failed, error) ||
      !read_array (object, where, "repetitions", TRUE, &reps, error) ||
      !read_array (object, where, "latencies_100ns", FALSE, &latencies, error))
    return NULL;

  point = sl_point_new (runtime, model, (guint) workers, (guint64) tasks);
  point->status = status;
  point->error = g_strdup (message);
  point->checksum = checksum;
  point->checksum_ok = checksum_ok;
  point->checksum_known = checksum_known;
  point->n_failed_tasks = (guint64) failed;

  g_array_set_size (point->repetitions, json_array_get_length (reps));
  for (guint i = 0; i < json_array_get_length (reps); i++)
    {
      g_autofree char *rep_where = g_strdup_printf ("%s.repetitions[%u]", where, i);

      if (!read_repetition (json_array_get_element (reps, i), rep_where,
                            &g_array_index (point->repetitions, SlRepetition, i), error))
        return NULL;
    }

  for (guint i = 0; latencies != NULL && i < json_array_get_length (latencies); i++)
    {
      JsonNode *element = json_array_get_element (latencies, i);
      gint64 units;
      double seconds;

      if (JSON_NODE_HOLDS_NULL (element))
        continue;
      if (!node_get_whole (element, &units))
        {
          set_field_error (error, where, "latencies_100ns", "must be a list of whole numbers");
          return NULL;
        }
      seconds = (double) units / LATENCY_UNITS_PER_S;
      g_array_append_val (point->latencies_s, seconds);
    }

  return g_steal_pointer (&point);
}

/* Checks that the document says it is ours, in a version we can read. */
static gboolean
check_format (JsonObject  *object,
              const char  *subject,
              GError     **error)
{
  JsonNode *node = lookup_member (object, "format");
  const char *format;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "%s is not a Speedup Lab result (it has no “format” field)", subject);
      return FALSE;
    }

  format = json_node_get_string (node);
  if (g_str_has_prefix (format, FORMAT_PREFIX))
    {
      const char *version = format + strlen (FORMAT_PREFIX);
      char *end = NULL;
      guint64 major = g_ascii_strtoull (version, &end, 10);

      /* A minor version ("speedup-lab/1.1") only adds keys, which are ignored. */
      if (end != version && g_ascii_isdigit (version[0]) && (*end == '\0' || *end == '.'))
        {
          if (major == FORMAT_MAJOR)
            return TRUE;
          if (major > FORMAT_MAJOR)
            {
              g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           "%s was made by a newer version of Speedup Lab (format “%s”, this "
                           "version reads “%s”); update Speedup Lab to open it",
                           subject, format, SL_RESULT_FORMAT);
              return FALSE;
            }
        }
    }

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               "%s is not a Speedup Lab result (format “%s”, expected “%s”)",
               subject, format, SL_RESULT_FORMAT);
  return FALSE;
}

static SlResult *
result_from_object (JsonObject  *object,
                    GError     **error)
{
  g_autoptr(SlResult) result = NULL;
  g_autoptr(SlExperimentSpec) spec = NULL;
  g_autoptr(SlSysInfo) system = NULL;
  JsonObject *spec_object;
  JsonArray *points;
  const char *app_version, *created;
  int status;

  if (!read_string (object, NULL, "app_version", FALSE, &app_version, error) ||
      !read_string (object, NULL, "created", FALSE, &created, error) ||
      !read_enum (object, NULL, "status", FALSE, SL_RESULT_COMPLETE, parse_result_status,
                  "result status", "running, complete, partial, cancelled", &status, error) ||
      !read_object (object, NULL, "spec", TRUE, &spec_object, error) ||
      !read_array (object, NULL, "points", TRUE, &points, error))
    return NULL;

  spec = spec_from_object (spec_object, "spec", error);
  if (spec == NULL)
    return NULL;

  if (!read_system (object, &system, error))
    return NULL;

  /* sl_result_new() sets up every field the way the rest of the engine expects; the points of
   * the spec are then replaced by the ones in the file. */
  result = sl_result_new (spec, g_steal_pointer (&system));
  g_ptr_array_set_size (result->points, 0);
  g_free (result->app_version);
  result->app_version = g_strdup (app_version ? app_version : "unknown");
  g_free (result->created);
  result->created = g_strdup (created ? created : "");
  result->status = status;

  if (!read_runtime_info (object, result->runtime_info, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      g_autofree char *where = g_strdup_printf ("points[%u]", i);
      SlPoint *point = read_point (json_array_get_element (points, i), where, spec, error);

      if (point == NULL)
        return NULL;
      g_ptr_array_add (result->points, point);
    }

  /* Derived values are never trusted from a file: they follow from the measurements. */
  sl_analysis_update (result);

  return g_steal_pointer (&result);
}

/* `path` is NULL when the document does not come from a file. */
static SlResult *
result_from_node (JsonNode    *node,
                  const char  *path,
                  GError     **error)
{
  const char *subject = path ? path : "The document";
  SlResult *result;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "%s is not a Speedup Lab result (it holds no JSON object)", subject);
      return NULL;
    }

  if (!check_format (json_node_get_object (node), subject, error))
    return NULL;

  result = result_from_object (json_node_get_object (node), error);
  if (result == NULL)
    {
      if (path != NULL)
        g_prefix_error (error, "Cannot load %s: ", path);
      else
        g_prefix_error (error, "Invalid Speedup Lab result: ");
    }

  return result;
}

SlResult *
sl_result_from_json (JsonNode  *node,
                     GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return result_from_node (node, NULL, error);
}

/* json-glib says where a parse failed as "<data>:LINE:COLUMN: message"; say it in words. */
static char *
describe_parse_error (const char *message)
{
  unsigned int line, column;
  int consumed = 0;

  if (g_str_has_prefix (message, "<data>:") &&
      sscanf (message + strlen ("<data>:"), "%u:%u: %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    return g_strdup_printf ("line %u, column %u: %s", line, column,
                            message + strlen ("<data>:") + consumed);

  if (g_str_has_prefix (message, "<data>:"))
    return g_strdup (message + strlen ("<data>:"));

  return g_strdup (message);
}

SlResult *
sl_result_load (const char  *path,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO, "Cannot read %s: %s",
                   path, file_error_reason (local_error));
      return NULL;
    }

  if (length > G_MAXSSIZE)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO, "Cannot read %s: it is too large", path);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_autofree char *where = describe_parse_error (local_error->message);

      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "%s is not a JSON file: %s", path, where);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s is not a JSON file: it is empty",
                   path);
      return NULL;
    }

  return result_from_node (json_parser_get_root (parser), path, error);
}
