/* test-export.c: CSV, Markdown and hyperfine exports, export files and locale independence. */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-analysis.h"
#include "sl-error.h"
#include "sl-export.h"
#include "sl-result-io.h"
#include "sl-test-util.h"

#define CSV_FIELDS 22
#define REPEAT     4

/* threads and processes at 1, 2, 4 and 8 workers; processes at 8 failed. */
static SlResult *
make_result (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GError) error = NULL;
  SlSysInfo *info = sl_sysinfo_new ();
  SlResult *result;

  sl_params_set (spec->params, "n", "2000000");
  g_array_set_size (spec->workers, 0);
  g_array_append_vals (spec->workers, (guint[]) { 1, 2, 4, 8 }, 4);
  spec->tasks = 16;
  spec->repeat = REPEAT;
  sl_test_resolve_spec (&spec);

  info->cpu_model = g_strdup ("Test CPU");
  info->logical_cpus = 4;
  info->usable_cpus = 4;
  info->kernel = g_strdup ("Linux 6.1.0-test x86_64");
  g_ptr_array_add (info->warnings, g_strdup ("The load average is 3.5, so timings may be noisy."));

  result = sl_result_new (spec, info);
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);
      double base = point->model == SL_MODEL_THREADS ? 2.0 : 0.25 + 1.75 / point->workers;

      if (point->model == SL_MODEL_PROCESSES && point->workers == 8)
        {
          point->status = SL_POINT_FAILED;
          point->error = g_strdup ("Worker 3 timed out after 2 s");
          continue;
        }

      point->status = SL_POINT_DONE;
      for (guint r = 0; r < REPEAT; r++)
        {
          SlRepetition rep = { 0, };

          rep.wall_s = base + 0.001 * r;
          rep.startup_s = 0.003;
          rep.usage.user_s = 0.5 * rep.wall_s;
          rep.usage.sys_s = 0.125;
          rep.checksum_ok = TRUE;
          rep.n_failed_tasks = r == 3 && point->workers == 4 ? 1 : 0;
          g_array_append_val (point->repetitions, rep);
          point->n_failed_tasks += rep.n_failed_tasks;
        }
      for (guint t = 0; t < point->tasks; t++)
        {
          double latency = 0.0125 * (1 + t % 4);
          g_array_append_val (point->latencies_s, latency);
        }
    }

  result->status = SL_RESULT_PARTIAL;
  sl_analysis_update (result);

  return result;
}

static GStrv
split_csv_lines (const char *csv)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  /* RFC 4180 lines end in CRLF, the last one too. */
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  parts = g_strsplit (csv, "\r\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_assert_null (strchr (parts[i], '\n'));
      if (parts[i + 1] != NULL)
        g_ptr_array_add (lines, g_strdup (parts[i]));
    }
  g_ptr_array_add (lines, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
}

static void
check_csv (const SlResult *result,
           const char     *csv)
{
  g_auto(GStrv) lines = split_csv_lines (csv);
  g_auto(GStrv) header = NULL;

  g_assert_cmpuint (g_strv_length (lines), ==, 1 + result->points->len);
  header = g_strsplit (lines[0], ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, CSV_FIELDS);
  g_assert_cmpstr (header[0], ==, "runtime");
  g_assert_cmpstr (header[2], ==, "workers");
  g_assert_cmpstr (header[5], ==, "median_s");
  g_assert_cmpstr (header[11], ==, "speedup");
  g_assert_cmpstr (header[CSV_FIELDS - 1], ==, "checksum_ok");

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);
      g_autofree char *workers = g_strdup_printf ("%u", point->workers);
      g_autofree char *failed = g_strdup_printf ("%" G_GUINT64_FORMAT, point->n_failed_tasks);

      g_assert_cmpuint (g_strv_length (fields), ==, CSV_FIELDS);
      g_assert_cmpstr (fields[0], ==, sl_runtime_to_string (point->runtime));
      g_assert_cmpstr (fields[1], ==, sl_model_to_string (point->model));
      g_assert_cmpstr (fields[2], ==, workers);
      g_assert_cmpstr (fields[4], ==, sl_point_status_to_string (point->status));
      g_assert_cmpstr (fields[CSV_FIELDS - 2], ==, failed);
      g_assert_cmpstr (fields[CSV_FIELDS - 1], ==, point->checksum_ok ? "true" : "false");

      if (isfinite (point->wall.median))
        {
          char *end = NULL;
          double median = g_ascii_strtod (fields[5], &end);

          g_assert_true (*end == '\0');
          g_assert_cmpfloat_with_epsilon (median, point->wall.median, 1e-8 * point->wall.median);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (fields[11], NULL), point->speedup, 1e-8);
        }
      else
        {
          /* Unknown values are empty fields, never "nan". */
          g_assert_cmpstr (fields[5], ==, "");
          g_assert_cmpstr (fields[11], ==, "");
        }
    }
}

static void
test_csv (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autofree char *csv = sl_result_to_csv (result);

  g_test_message ("%s", csv);
  check_csv (result, csv);
  g_assert_null (strstr (csv, "nan"));
  g_assert_nonnull (strstr (csv, "\r\nnative,processes,8,16,failed,"));
}

/* A person with a German locale gets the same files: '.' as decimal point, ',' between fields. */
static void
test_csv_locale (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autofree char *reference = sl_result_to_csv (result);
  g_autofree char *reference_md = sl_result_to_markdown (result);
  g_autofree char *csv = NULL;
  g_autofree char *md = NULL;
  const char *locales[] = { "de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "fr_FR.utf8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *used = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && used == NULL; i++)
    if (setlocale (LC_NUMERIC, locales[i]) != NULL)
      used = locales[i];

  if (used == NULL)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }

  csv = sl_result_to_csv (result);
  md = sl_result_to_markdown (result);
  setlocale (LC_NUMERIC, saved);

  g_test_message ("exported under %s", used);
  g_assert_cmpstr (csv, ==, reference);
  g_assert_cmpstr (md, ==, reference_md);
  check_csv (result, csv);
}

/* The result document and the hyperfine export, written under a German locale, are the bytes
 * written under C, and parse back to the same numbers. */
static void
test_json_locale (void)
{
  g_autoptr(SlResult) result = make_result ();
  gsize reference_length = 0, length = 0;
  g_autofree char *reference = sl_result_to_data (result, &reference_length);
  g_autofree char *reference_hyperfine = sl_result_to_hyperfine_json (result, SL_RUNTIME_NATIVE,
                                                                      SL_MODEL_THREADS);
  g_autofree char *data = NULL;
  g_autofree char *hyperfine = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) again = NULL;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (tools/setup.sh installs it)");
      return;
    }
  data = sl_result_to_data (result, &length);
  hyperfine = sl_result_to_hyperfine_json (result, SL_RUNTIME_NATIVE, SL_MODEL_THREADS);
  g_assert_true (json_parser_load_from_data (parser, data, length, &error));
  g_assert_no_error (error);
  again = sl_result_from_json (json_parser_get_root (parser), &error);
  setlocale (LC_ALL, saved);

  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, reference);
  g_assert_cmpstr (hyperfine, ==, reference_hyperfine);
  g_assert_cmpfloat (sl_result_find_point (again, SL_MODEL_THREADS, 2)->wall.median, ==,
                     sl_result_find_point (result, SL_MODEL_THREADS, 2)->wall.median);
}

/* Unknown numbers leave their fields empty and the field count right. */
static void
test_csv_unknown_values (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autofree char *csv = NULL;
  SlPoint *point;

  point = g_ptr_array_index (result->points, 0);
  g_array_set_size (point->latencies_s, 0);
  sl_analysis_update (result);
  csv = sl_result_to_csv (result);
  check_csv (result, csv);
  g_assert_nonnull (strstr (csv, "native,threads,1,16,done,"));
  g_assert_nonnull (strstr (csv, ",,,0,true\r\n"));
}

static void
test_markdown (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autofree char *md = sl_result_to_markdown (result);
  const char *table;

  g_test_message ("%s", md);
  g_assert_true (g_str_has_prefix (md, "# "));
  g_assert_nonnull (strstr (md, "`cpu-sum`"));
  g_assert_nonnull (strstr (md, "`n=2000000`"));
  g_assert_nonnull (strstr (md, "Test CPU"));

  table = strstr (md, "| Workers | threads (s) | speedup | processes (s) | speedup |\n"
                      "| ---: | ---: | ---: | ---: | ---: |\n");
  g_assert_nonnull (table);
  g_assert_nonnull (strstr (table, "\n| 1 | 2.002 | 1.00× | 2.002 | 1.00× |\n"));
  g_assert_nonnull (strstr (table, "\n| 2 | 2.002 | 1.00× | 1.127 | 1.78× |\n"));
  g_assert_nonnull (strstr (table, "\n| 4 | "));
  g_assert_nonnull (strstr (table, "\n| 8 | 2.002 | 1.00× | failed | — |\n"));

  g_assert_nonnull (result->analysis->recommendation);
  g_assert_nonnull (strstr (md, "**Recommendation.** "));
  g_assert_nonnull (strstr (md, result->analysis->recommendation));
  g_assert_nonnull (strstr (md, "## Warnings"));
  g_assert_nonnull (strstr (md, "- processes with 8 workers failed: Worker 3 timed out after 2 s"));
  g_assert_nonnull (strstr (md, "- The load average is 3.5"));
}

/* Points that never ran show a dash; a table still has one row per worker count. */
static void
test_markdown_missing (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autofree char *md = NULL;

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->model == SL_MODEL_PROCESSES)
        {
          point->status = SL_POINT_PENDING;
          g_array_set_size (point->repetitions, 0);
        }
    }
  g_ptr_array_remove_index (result->points, 0);
  sl_analysis_update (result);

  md = sl_result_to_markdown (result);
  g_assert_nonnull (strstr (md, "\n| 1 | — | — | — | — |\n"));
  g_assert_nonnull (strstr (md, "\n| 8 | 2.002 | — | — | — |\n"));
}

/* One file's worth per model, shaped as hyperfine's scripts read it: "workers" the only
 * parameter, a numeric string; the runtime and model in the command. */
static void
test_hyperfine (void)
{
  g_autoptr(SlResult) result = make_result ();

  for (SlModel model = SL_MODEL_THREADS; model <= SL_MODEL_PROCESSES; model++)
    {
      g_autofree char *text = sl_result_to_hyperfine_json (result, SL_RUNTIME_NATIVE, model);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *results;
      JsonObject *first;

      json_parser_load_from_data (parser, text, -1, &error);
      g_assert_no_error (error);

      results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                              "results");
      /* Every point of the model but the failed one (processes at 8), which has no
       * repetitions. */
      g_assert_cmpuint (json_array_get_length (results), ==, model == SL_MODEL_THREADS ? 4 : 3);

      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *entry = json_array_get_object_element (results, i);
          JsonArray *times = json_object_get_array_member (entry, "times");
          JsonArray *codes = json_object_get_array_member (entry, "exit_codes");
          JsonObject *parameters = json_object_get_object_member (entry, "parameters");
          const char *workers = json_object_get_string_member (parameters, "workers");
          g_autofree char *command = g_strdup_printf ("native %s W=%s",
                                                      sl_model_to_string (model), workers);

          g_assert_cmpuint (json_object_get_size (parameters), ==, 1);
          g_assert_cmpuint (g_ascii_strtoull (workers, NULL, 10), >=, 1);
          g_assert_cmpuint (json_array_get_length (times), ==, REPEAT);
          g_assert_cmpuint (json_array_get_length (codes), ==, REPEAT);
          g_assert_cmpstr (json_object_get_string_member (entry, "command"), ==, command);
          for (const char *const *key = (const char *[]) { "mean", "stddev", "median", "user",
                                                            "system", "min", "max", NULL };
               *key != NULL; key++)
            g_assert_cmpint (json_node_get_value_type (json_object_get_member (entry, *key)), ==,
                             G_TYPE_DOUBLE);
          for (guint t = 0; t < REPEAT; t++)
            {
              double time = json_array_get_double_element (times, t);

              g_assert_cmpfloat (time, >=, json_object_get_double_member (entry, "min"));
              g_assert_cmpfloat (time, <=, json_object_get_double_member (entry, "max"));
              g_assert_cmpint (json_array_get_int_element (codes, t), ==,
                               g_str_equal (workers, "4") && t == 3);
            }
        }

      if (model == SL_MODEL_THREADS)
        {
          first = json_array_get_object_element (results, 0);
          g_assert_cmpstr (json_object_get_string_member (first, "command"), ==,
                           "native threads W=1");
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "mean"), 2.0015,
                                          1e-12);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (first, "system"), 0.125,
                                          1e-12);
        }
    }
}

/* A file per model when there are several, named with the model before the extension; the
 * path itself for one. */
static void
test_hyperfine_paths (void)
{
  g_autoptr(SlResult) result = make_result ();
  static const struct { const char *path; const char *threads; const char *processes; } names[] = {
    { "out/r.hyperfine.json", "out/r-threads.hyperfine.json", "out/r-processes.hyperfine.json" },
    { "R.HYPERFINE.JSON", "R-threads.HYPERFINE.JSON", "R-processes.HYPERFINE.JSON" },
    { "r.json", "r-threads.json", "r-processes.json" },
    { "a.b/r", "a.b/r-threads", "a.b/r-processes" },
    { ".hyperfine.json", ".hyperfine-threads.json", ".hyperfine-processes.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) paths = sl_export_hyperfine_paths (result, names[i].path);

      g_assert_cmpuint (g_strv_length (paths), ==, 2);
      g_assert_cmpstr (paths[0], ==, names[i].threads);
      g_assert_cmpstr (paths[1], ==, names[i].processes);
    }

  g_array_set_size (result->spec->models, 1);
  for (guint i = result->points->len; i > 0; i--)
    if (((SlPoint *) g_ptr_array_index (result->points, i - 1))->model != SL_MODEL_THREADS)
      g_ptr_array_remove_index (result->points, i - 1);
  {
    g_auto(GStrv) paths = sl_export_hyperfine_paths (result, "r.hyperfine.json");

    g_assert_cmpuint (g_strv_length (paths), ==, 1);
    g_assert_cmpstr (paths[0], ==, "r.hyperfine.json");
  }
}

static void
test_format_from_path (void)
{
  SlExportFormat format = SL_EXPORT_CSV;

  g_assert_true (sl_export_format_from_path ("a/run.speedup.json", &format));
  g_assert_cmpint (format, ==, SL_EXPORT_JSON);
  g_assert_true (sl_export_format_from_path ("run.hyperfine.json", &format));
  g_assert_cmpint (format, ==, SL_EXPORT_HYPERFINE);
  g_assert_true (sl_export_format_from_path ("RUN.CSV", &format));
  g_assert_cmpint (format, ==, SL_EXPORT_CSV);
  g_assert_true (sl_export_format_from_path ("table.md", &format));
  g_assert_cmpint (format, ==, SL_EXPORT_MARKDOWN);
  g_assert_true (sl_export_format_from_path ("table.markdown", &format));
  g_assert_cmpint (format, ==, SL_EXPORT_MARKDOWN);
  g_assert_false (sl_export_format_from_path ("chart.png", &format));
  g_assert_false (sl_export_format_from_path ("json", &format));
}

static void
test_write_files (void)
{
  g_autoptr(SlResult) result = make_result ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sl_test_make_tmp_dir ("sl-export-XXXXXX");
  const char *names[] = { "r.speedup.json", "r.csv", "r.md", "r-threads.hyperfine.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      SlExportFormat format;

      g_assert_true (sl_export_format_from_path (path, &format));
      /* The hyperfine export of two models: one file per model, threads first. */
      if (format == SL_EXPORT_HYPERFINE)
        {
          g_autofree char *asked = g_build_filename (dir, "r.hyperfine.json", NULL);
          g_autofree char *other = g_build_filename (dir, "r-processes.hyperfine.json", NULL);

          g_assert_true (sl_export_write (result, asked, format, &error));
          g_assert_false (g_file_test (asked, G_FILE_TEST_EXISTS));
          g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
        }
      else
        g_assert_true (sl_export_write (result, path, format, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_no_error (error);

      switch (format)
        {
        case SL_EXPORT_JSON:
          {
            g_autoptr(SlResult) loaded = sl_result_load (path, &error);

            g_assert_no_error (error);
            g_assert_cmpuint (loaded->points->len, ==, result->points->len);
          }
          break;
        case SL_EXPORT_CSV:
          check_csv (result, contents);
          break;
        case SL_EXPORT_MARKDOWN:
          g_assert_nonnull (strstr (contents, "| Workers |"));
          break;
        case SL_EXPORT_HYPERFINE:
          g_assert_nonnull (strstr (contents, "\"exit_codes\""));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  sl_test_remove_tree (dir);
}

static void
test_write_unwritable (void)
{
  g_autoptr(SlResult) result = make_result ();

  for (SlExportFormat format = SL_EXPORT_JSON; format <= SL_EXPORT_HYPERFINE; format++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sl_export_write (result, "/nonexistent/dir/out.file", format, &error));
      g_assert_error (error, SL_ERROR, SL_ERROR_IO);
      /* The first file of a hyperfine export is the first model's. */
      g_assert_true (g_str_has_prefix (error->message,
                                       format == SL_EXPORT_HYPERFINE
                                       ? "Cannot write /nonexistent/dir/out-threads.file: "
                                       : "Cannot write /nonexistent/dir/out.file: "));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/csv/locale", test_csv_locale);
  g_test_add_func ("/export/json/locale", test_json_locale);
  g_test_add_func ("/export/csv/unknown-values", test_csv_unknown_values);
  g_test_add_func ("/export/markdown", test_markdown);
  g_test_add_func ("/export/markdown/missing", test_markdown_missing);
  g_test_add_func ("/export/hyperfine", test_hyperfine);
  g_test_add_func ("/export/hyperfine/paths", test_hyperfine_paths);
  g_test_add_func ("/export/format-from-path", test_format_from_path);
  g_test_add_func ("/export/write", test_write_files);
  g_test_add_func ("/export/write/unwritable", test_write_unwritable);

  return g_test_run ();
}
