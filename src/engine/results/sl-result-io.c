/* sl-result-io.c: reads and writes the result document "speedup-lab/1". */
#define G_LOG_DOMAIN "sl-result-io"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sl-analysis.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-python.h"
#include "sl-result-io.h"
#include "sl-result-latencies.h"

#define FORMAT_PREFIX "speedup-lab/"
#define FORMAT_MAJOR  1

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
    sl_json_add_string (builder, keys[i], g_hash_table_lookup (runtime_info, keys[i]));
  json_builder_end_object (builder);
}

/* The hash of the person's code that ran, beside the code in spec.params: a history tells by it
 * which runs measured the same code. Built-in workloads have none. */
static void
add_code_sha256 (JsonBuilder            *builder,
                 const SlExperimentSpec *spec)
{
  const SlWorkload *workload = sl_workload_lookup (spec->workload);
  g_autofree char *sha256 = workload ? sl_python_code_sha256 (workload, spec->params) : NULL;

  if (sha256 != NULL)
    sl_json_add_string (builder, "code_sha256", sha256);
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
      sl_json_add_double (builder, "wall_s", rep->wall_s);
      sl_json_add_double (builder, "startup_s", rep->startup_s);
      sl_json_add_double (builder, "user_s", rep->usage.user_s);
      sl_json_add_double (builder, "sys_s", rep->usage.sys_s);
      sl_json_add_int (builder, "voluntary_cs", rep->usage.voluntary_cs);
      sl_json_add_int (builder, "involuntary_cs", rep->usage.involuntary_cs);
      sl_json_add_int (builder, "peak_rss_kb", rep->usage.peak_rss_kb);
      sl_json_add_int (builder, "failed_tasks", (gint64) rep->n_failed_tasks);
      sl_json_add_bool (builder, "checksum_ok", rep->checksum_ok);
      sl_json_add_bool (builder, "outlier", rep->outlier);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_point (JsonBuilder   *builder,
           const SlPoint *point)
{
  char checksum[32];

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "runtime", sl_runtime_to_string (point->runtime));
  sl_json_add_string (builder, "model", sl_model_to_string (point->model));
  sl_json_add_int (builder, "workers", point->workers);
  sl_json_add_int (builder, "tasks", (gint64) point->tasks);
  sl_json_add_string (builder, "status", sl_point_status_to_string (point->status));
  sl_json_add_string (builder, "error", point->error);
  /* As text: JSON readers in other languages hold numbers in doubles, which lose a u64. */
  g_snprintf (checksum, sizeof checksum, "%" G_GUINT64_FORMAT, point->checksum);
  sl_json_add_string (builder, "checksum", checksum);
  sl_json_add_bool (builder, "checksum_ok", point->checksum_ok);
  sl_json_add_bool (builder, "checksum_known", point->checksum_known);
  sl_json_add_int (builder, "failed_tasks", (gint64) point->n_failed_tasks);
  sl_json_add_bool (builder, "stopped_on_budget", point->stopped_on_budget);

  sl_json_add_double (builder, "median_s", point->wall.median);
  sl_json_add_double (builder, "mean_s", point->wall.mean);
  sl_json_add_double (builder, "stddev_s", point->wall.stddev);
  sl_json_add_double (builder, "min_s", point->wall.min);
  sl_json_add_double (builder, "max_s", point->wall.max);
  sl_json_add_double (builder, "cv", point->wall.cv);
  sl_json_add_double (builder, "mad_s", point->wall.mad);
  sl_json_add_double (builder, "median_ci_low_s", point->wall.median_lo);
  sl_json_add_double (builder, "median_ci_high_s", point->wall.median_hi);
  sl_json_add_double (builder, "median_ci_level", point->wall.median_level);
  sl_json_add_int (builder, "outliers", point->wall.n_outliers);
  sl_json_add_bool (builder, "unstable", point->wall.unstable);
  sl_json_add_double (builder, "startup_s", point->startup_s);
  sl_json_add_double (builder, "user_s", point->user_s);
  sl_json_add_double (builder, "sys_s", point->sys_s);
  sl_json_add_double (builder, "cpu_util", point->cpu_util);
  sl_json_add_double (builder, "voluntary_cs", point->voluntary_cs);
  sl_json_add_double (builder, "involuntary_cs", point->involuntary_cs);
  sl_json_add_double (builder, "peak_rss_kb", point->peak_rss_kb);
  sl_json_add_double (builder, "speedup", point->speedup);
  sl_json_add_double (builder, "speedup_err", point->speedup_err);
  sl_json_add_double (builder, "speedup_ci_low", point->speedup_lo);
  sl_json_add_double (builder, "speedup_ci_high", point->speedup_hi);
  sl_json_add_double (builder, "p_vs_fastest", point->p_vs_fastest);
  sl_json_add_bool (builder, "slower_than_fastest", point->slower);
  sl_json_add_double (builder, "efficiency", point->efficiency);
  sl_json_add_double (builder, "karp_flatt", point->karp_flatt);
  sl_json_add_double (builder, "latency_p50_s", point->latency_p50);
  sl_json_add_double (builder, "latency_p95_s", point->latency_p95);
  sl_json_add_double (builder, "latency_p99_s", point->latency_p99);

  add_repetitions (builder, point);
  sl_result_latencies_add (builder, point);
  json_builder_end_object (builder);
}

JsonNode *
sl_result_to_json (const SlResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (result->spec != NULL, NULL);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "format", SL_RESULT_FORMAT);
  sl_json_add_string (builder, "app_version", result->app_version);
  sl_json_add_string (builder, "created", result->created);
  sl_json_add_string (builder, "status", sl_result_status_to_string (result->status));
  sl_json_add_string (builder, "title", result->title);

  json_builder_set_member_name (builder, "spec");
  json_builder_add_value (builder, sl_experiment_spec_to_json (result->spec));
  add_code_sha256 (builder, result->spec);
  sl_json_add_int (builder, "loops", result->loops);

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

  sl_analysis_add_json (builder, result->analysis);
  json_builder_end_object (builder);

  {
    JsonNode *root = json_builder_get_root (builder);

    /* A URL's password (io-http urls, an error naming the URL) is never stored. */
    sl_json_redact_credentials (root);
    return root;
  }
}

char *
sl_result_to_data (const SlResult *result,
                   gsize          *length)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  root = sl_result_to_json (result);
  return sl_json_to_text (root, length);
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

static gboolean
read_point_workers (JsonObject  *object,
                    const char  *where,
                    guint       *out,
                    GError     **error)
{
  JsonNode *node = sl_json_lookup_member (object, "workers");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sl_json_set_field_error (error, where, "workers", _("is missing (it must be a positive integer)"));
      return FALSE;
    }
  return sl_json_node_get_worker_count (node, where, "workers", out, error);
}

/* "code_sha256" is optional (documents of built-in workloads and older ones have none); when
 * there, it is a SHA-256 in hex. It is not compared with the code: loading makes the code's
 * control characters printable, and a stored code may have had a password redacted. */
static gboolean
check_code_sha256 (JsonObject  *object,
                   GError     **error)
{
  const char *sha256;
  gsize length;

  if (!sl_json_read_string (object, NULL, "code_sha256", FALSE, &sha256, error))
    return FALSE;
  if (sha256 == NULL)
    return TRUE;

  length = strlen (sha256);
  if ((gssize) length != 2 * g_checksum_type_get_length (G_CHECKSUM_SHA256) ||
      strspn (sha256, "0123456789abcdef") != length)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           _("code_sha256 must be a SHA-256 in lowercase hex (64 digits)"));
      return FALSE;
    }

  return TRUE;
}

/* A document without "system" still loads, with an empty description. */
static gboolean
read_system (JsonObject  *parent,
             SlSysInfo  **out,
             GError     **error)
{
  JsonObject *object;

  if (!sl_json_read_object (parent, NULL, "system", FALSE, &object, error))
    return FALSE;

  *out = object ? sl_sysinfo_from_json_object (object, "system", error) : sl_sysinfo_new ();

  return *out != NULL;
}

static gboolean
read_runtime_info (JsonObject  *parent,
                   GHashTable  *runtime_info,
                   GError     **error)
{
  JsonObject *object;
  g_autoptr(GList) names = NULL;

  if (!sl_json_read_object (parent, NULL, "runtime_info", FALSE, &object, error))
    return FALSE;
  if (object == NULL)
    return TRUE;

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *value;

      if (!sl_json_read_string (object, "runtime_info", l->data, FALSE, &value, error))
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

  object = sl_json_node_get_object_at (node, where, error);
  if (object == NULL)
    return FALSE;

  if (sl_json_lookup_member (object, "wall_s") == NULL)
    {
      sl_json_set_field_error (error, where, "wall_s", _("is missing (it must be a number or null)"));
      return FALSE;
    }

  if (!sl_json_read_double (object, where, "wall_s", &rep->wall_s, error) ||
      !sl_json_read_double (object, where, "startup_s", &rep->startup_s, error) ||
      !sl_json_read_double (object, where, "user_s", &rep->usage.user_s, error) ||
      !sl_json_read_double (object, where, "sys_s", &rep->usage.sys_s, error) ||
      !sl_json_read_int (object, where, "voluntary_cs", FALSE, 0, G_MAXINT64, 0, &vcs, error) ||
      !sl_json_read_int (object, where, "involuntary_cs", FALSE, 0, G_MAXINT64, 0, &ics, error) ||
      !sl_json_read_int (object, where, "peak_rss_kb", FALSE, 0, G_MAXINT64, 0, &rss, error) ||
      !sl_json_read_int (object, where, "failed_tasks", FALSE, 0, G_MAXINT64, 0, &failed, error) ||
      !sl_json_read_bool (object, where, "checksum_ok", TRUE, &rep->checksum_ok, error) ||
      !sl_json_read_bool (object, where, "outlier", FALSE, &rep->outlier, error))
    return FALSE;

  /* Times are durations: NaN means "not measured", a negative or an endless one cannot be. */
  {
    const struct { const char *key; double value; } times[] = {
      { "wall_s", rep->wall_s }, { "startup_s", rep->startup_s },
      { "user_s", rep->usage.user_s }, { "sys_s", rep->usage.sys_s },
    };

    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      if (!sl_result_check_duration (times[i].value, where, times[i].key, error))
        return FALSE;
  }

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
  JsonNode *node = sl_json_lookup_member (object, "checksum");
  gint64 whole;

  *out = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXUINT64, out, NULL))
    return TRUE;

  if (sl_json_node_get_whole (node, &whole) && whole >= 0)
    {
      *out = (guint64) whole;
      return TRUE;
    }

  sl_json_set_field_error (error, where, "checksum", _("must be an unsigned 64-bit integer written as text"));
  return FALSE;
}

/* The `index`th of "points", at `where`; its latencies from `cut` (nullable) where the text held
 * them (see sl_result_latencies_cut()). */
static SlPoint *
read_point (JsonNode                *node,
            const char              *where,
            guint                    index,
            GHashTable              *cut,
            const SlExperimentSpec  *spec,
            GError                 **error)
{
  g_autoptr(SlPoint) point = NULL;
  JsonObject *object;
  JsonArray *reps;
  const char *message;
  int runtime, model, status;
  guint workers;
  gint64 tasks, failed;
  guint64 checksum;
  gboolean checksum_ok, checksum_known, stopped_on_budget;

  object = sl_json_node_get_object_at (node, where, error);
  if (object == NULL)
    return NULL;

  if (!sl_json_read_enum (object, where, "runtime", TRUE, 0, &sl_runtime_names, "runtime",
                          &runtime, error) ||
      !sl_json_read_enum (object, where, "model", TRUE, 0, &sl_model_names, "execution model",
                          &model, error) ||
      !read_point_workers (object, where, &workers, error) ||
      !sl_json_read_int (object, where, "tasks", FALSE, 0, (gint64) SL_MAX_TASKS,
                         (gint64) sl_experiment_spec_tasks_for (spec, (guint) workers), &tasks, error) ||
      !sl_json_read_enum (object, where, "status", TRUE, 0, &sl_point_status_names,
                          _("point status"), &status, error) ||
      !sl_json_read_string (object, where, "error", FALSE, &message, error) ||
      !read_checksum (object, where, &checksum, error) ||
      !sl_json_read_bool (object, where, "checksum_ok", TRUE, &checksum_ok, error) ||
      !sl_json_read_bool (object, where, "checksum_known", TRUE, &checksum_known, error) ||
      !sl_json_read_int (object, where, "failed_tasks", FALSE, 0, G_MAXINT64, 0, &failed, error) ||
      !sl_json_read_bool (object, where, "stopped_on_budget", FALSE, &stopped_on_budget, error) ||
      !sl_json_read_array (object, where, "repetitions", TRUE, &reps, error))
    return NULL;

  point = sl_point_new (runtime, model, (guint) workers, (guint64) tasks);
  point->status = status;
  point->error = g_strdup (message);
  point->checksum = checksum;
  point->checksum_ok = checksum_ok;
  point->checksum_known = checksum_known;
  point->n_failed_tasks = (guint64) failed;
  point->stopped_on_budget = stopped_on_budget;

  g_array_set_size (point->repetitions, json_array_get_length (reps));
  for (guint i = 0; i < json_array_get_length (reps); i++)
    {
      g_autofree char *rep_where = g_strdup_printf ("%s.repetitions[%u]", where, i);

      if (!read_repetition (json_array_get_element (reps, i), rep_where,
                            &g_array_index (point->repetitions, SlRepetition, i), error))
        return NULL;
    }

  if (!sl_result_latencies_read (object, where, cut, index, &point->latencies_s, error))
    return NULL;

  return g_steal_pointer (&point);
}

/* Checks that the document says it is ours, in a version we can read. */
static gboolean
check_format (JsonObject  *object,
              const char  *subject,
              GError     **error)
{
  JsonNode *node = sl_json_lookup_member (object, "format");
  const char *format;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%s is not a Speedup Lab result (it has no “format” field)"), subject);
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
                           _("%s was made by a newer version of Speedup Lab (format “%s”, this "
                             "version reads “%s”); update Speedup Lab to open it"),
                           subject, format, SL_RESULT_FORMAT);
              return FALSE;
            }
        }
    }

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               _("%s is not a Speedup Lab result (format “%s”, expected “%s”)"),
               subject, format, SL_RESULT_FORMAT);
  return FALSE;
}

static SlResult *
result_from_object (JsonObject  *object,
                    GHashTable  *cut,
                    GError     **error)
{
  g_autoptr(SlResult) result = NULL;
  g_autoptr(SlExperimentSpec) spec = NULL;
  g_autoptr(SlSysInfo) system = NULL;
  JsonObject *spec_object;
  JsonArray *points;
  g_autoptr(GHashTable) seen = NULL;
  const char *app_version, *created, *title;
  gint64 loops;
  int status;

  if (!sl_json_read_string (object, NULL, "app_version", FALSE, &app_version, error) ||
      !sl_json_read_string (object, NULL, "created", FALSE, &created, error) ||
      !sl_json_read_string (object, NULL, "title", FALSE, &title, error) ||
      !sl_json_read_enum (object, NULL, "status", FALSE, SL_RESULT_COMPLETE,
                          &sl_result_status_names, _("result status"), &status, error) ||
      !sl_json_read_object (object, NULL, "spec", TRUE, &spec_object, error) ||
      !check_code_sha256 (object, error) ||
      /* Before loops were calibrated, a measured value was one batch. */
      !sl_json_read_int (object, NULL, "loops", FALSE, 0, SL_MAX_LOOPS, 1, &loops, error) ||
      !sl_json_read_array (object, NULL, "points", TRUE, &points, error))
    return NULL;

  spec = sl_experiment_spec_from_json_object (spec_object, "spec", error);
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
  result->title = g_strdup (title);
  result->loops = (guint) loops;

  if (!read_runtime_info (object, result->runtime_info, error))
    return NULL;

  seen = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      g_autofree char *where = g_strdup_printf ("points[%u]", i);
      SlPoint *point = read_point (json_array_get_element (points, i), where, i, cut, spec,
                                   error);
      gpointer key;

      if (point == NULL)
        return NULL;
      /* One point per (runtime, model, workers): a repeated one would silently hide another. */
      key = GUINT_TO_POINTER ((point->runtime * SL_N_MODELS + point->model) * (SL_MAX_WORKERS + 1)
                              + point->workers + 1);
      if (g_hash_table_contains (seen, key))
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("%s repeats an earlier point (%s with %u workers)"), where,
                       sl_model_to_string (point->model), point->workers);
          sl_point_free (point);
          return NULL;
        }
      g_hash_table_add (seen, key);
      g_ptr_array_add (result->points, point);
    }

  /* Derived values are never trusted from a file: they follow from the measurements. */
  sl_analysis_update (result);

  return g_steal_pointer (&result);
}

/* `path` is NULL when the document does not come from a file, and `cut` (nullable) holds the
 * latencies taken from its text. */
static SlResult *
result_from_node (JsonNode    *node,
                  const char  *path,
                  GHashTable  *cut,
                  GError     **error)
{
  const char *subject = path ? path : _("The document");
  SlResult *result;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%s is not a Speedup Lab result (it holds no JSON object)"), subject);
      return NULL;
    }

  if (!check_format (json_node_get_object (node), subject, error))
    return NULL;

  /* Text from a file is shown in terminals and labels: no control character may reach them. */
  if (!sl_json_make_printable (node, error))
    result = NULL;
  else
    result = result_from_object (json_node_get_object (node), cut, error);
  if (result == NULL)
    {
      if (path != NULL)
        g_prefix_error (error, _("Cannot load %s: "), path);
      else
        g_prefix_error (error, _("Invalid Speedup Lab result: "));
    }

  return result;
}

SlResult *
sl_result_from_json (JsonNode  *node,
                     GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return result_from_node (node, NULL, NULL, error);
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
    return g_strdup_printf (_("line %u, column %u: %s"), line, column,
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
  g_autoptr(GHashTable) cut = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean parsed;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = sl_file_read_bounded (path, SL_RESULT_MAX_FILE_SIZE, &length, error);
  if (data == NULL)
    {
      if (error != NULL && g_error_matches (*error, SL_ERROR, SL_ERROR_INVALID_INPUT))
        g_prefix_error (error, _("%s is not a Speedup Lab result: "), path);
      return NULL;
    }

  if (!sl_json_check_text (data, length, SL_RESULT_MAX_DEPTH, SL_RESULT_MAX_VALUES, error))
    {
      g_prefix_error (error, _("%s is not a Speedup Lab result: "), path);
      return NULL;
    }
  /* The latencies, most of a large document, are read from the text; the tree has the rest,
   * and holds copies of what it needs of the text, which can go before the result is built. */
  cut = sl_result_latencies_cut (data, length);
  parsed = json_parser_load_from_data (parser, data, (gssize) length, &local_error);
  g_clear_pointer (&data, g_free);
  if (!parsed)
    {
      g_autofree char *where = describe_parse_error (local_error->message);

      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%s is not a JSON file: %s"), path, where);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("%s is not a JSON file: it is empty"),
                   path);
      return NULL;
    }

  return result_from_node (json_parser_get_root (parser), path, cut, error);
}
