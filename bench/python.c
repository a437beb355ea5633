/* python.c: the python runtime's GIL, and its pools against concurrent.futures.
 *
 * In one run, on the same task code (the .py files the worker embeds): Speedup Lab's python
 * threads (one worker, W threads of one interpreter) and python processes (W workers), then
 * bench/python_peer.py with ThreadPoolExecutor and ProcessPoolExecutor. It prints the per-task
 * overhead of the empty task, the speedups of the CPU-bound sum (the seed-cpu-py preset), of
 * hashlib on large buffers (seed-hash-py) and of page fetches (io-http), the GIL checks, and
 * PASS or MISS against the targets. With --article it also runs the article's CPU and I/O
 * presets in both runtimes and prints the table for the README.
 */
#define G_LOG_DOMAIN "bench-python"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "bench-util.h"
#include "sl-clock.h"
#include "sl-pool.h"
#include "sl-preset.h"
#include "sl-python.h"
#include "sl-runner.h"
#include "sl-stats.h"
#include "sl-sysinfo.h"
#include "sl-workloads.h"

/* The GIL, on 2 cores: python threads stay below this speedup at W = 2 on seed-cpu-py ... */
#define GIL_THREADS_MAX    1.3
/* ... while python processes reach at least this, and hashlib threads at least this. */
#define PROCESSES_MIN      1.6
#define HASH_THREADS_MIN   1.5
/* Our speedups agree with concurrent.futures within this fraction. */
#define AGREEMENT          0.10

typedef struct {
  const char       *label;
  const SlWorkload *workload;
  const char       *module;     /* the peer imports it: the same file the worker embeds */
  const char       *params;     /* "key=value;key=value" */
  guint64           tasks;
  guint             n_workers;
  guint             worker_counts[4];
} Experiment;

typedef struct {
  SlModel model;
  guint   workers;
  double  ours_s;
  double  peer_s;
  guint64 ours_checksum;
  guint64 peer_checksum;
} Point;

typedef struct {
  SlModel model;
  guint   chunk;
  double  ours_us;
  double  peer_us;
} Overhead;

static SlParams *
parse_params (const SlWorkload  *workload,
              const char        *text,
              GError           **error)
{
  g_autoptr(SlParams) given = sl_params_new ();
  g_auto(GStrv) pairs = g_strsplit (text != NULL ? text : "", ";", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      if (kv[0] != NULL && kv[0][0] != '\0' && kv[1] != NULL)
        sl_params_set (given, kv[0], kv[1]);
    }

  return sl_workload_resolve_params (workload, given, error);
}

/* Seconds of one batch of python code through one of our pools; every checksum is checked
 * where the workload knows it. */
static gboolean
run_ours (SlPool            *pool,
          const SlWorkload  *workload,
          gpointer           shared,
          guint64            n_tasks,
          guint              chunk,
          double            *seconds,
          guint64           *checksum,
          GError           **error)
{
  SlBatch batch;
  gint64 start;
  gboolean ok = FALSE;

  sl_batch_init (&batch, n_tasks, n_tasks, chunk);
  start = sl_clock_ns ();
  if (!sl_pool_run_batch (pool, &batch, error))
    goto out;
  *seconds = (sl_clock_ns () - start) / 1e9;

  if (batch.n_failed_tasks > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", workload->id,
                   batch.first_task_error);
      goto out;
    }

  *checksum = 0;
  for (guint64 i = 0; i < n_tasks; i++)
    {
      SlTask task = { .index = i, .n_tasks = n_tasks, .base_tasks = n_tasks };
      guint64 expected;

      *checksum += batch.checksums[i];
      if (workload->expected != NULL && workload->expected (shared, &task, &expected) &&
          expected != batch.checksums[i])
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s task %" G_GUINT64_FORMAT " returned a wrong checksum",
                       workload->id, i);
          goto out;
        }
    }
  ok = TRUE;

out:
  sl_batch_clear (&batch);
  return ok;
}

static SlPool *
start_ours (const SlWorkload  *workload,
            const SlParams    *params,
            SlModel            model,
            guint              workers,
            GError           **error)
{
  SlPoolConfig config = {
    .workload = workload,
    .params = params,
    .runtime = SL_RUNTIME_PYTHON,
    .workers = workers,
  };

  return sl_pool_new (model, &config, error);
}

static JsonObject *
run_peer (const char  *python,
          const char  *peer,
          const char  *source_dir,
          GPtrArray   *arguments,
          guint        runs,
          char       **version,
          GError     **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup (python));
  g_ptr_array_add (argv, g_strdup (peer));
  g_ptr_array_add (argv, g_strdup_printf ("--source-dir=%s", source_dir));
  g_ptr_array_add (argv, g_strdup_printf ("--runs=%u", runs));
  for (guint i = 0; i < arguments->len; i++)
    g_ptr_array_add (argv, g_strdup (arguments->pdata[i]));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                     G_SPAWN_CHILD_INHERITS_STDERR, NULL, NULL, &out, NULL, &status, error))
    return NULL;

  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s %s failed: ", python, peer);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, out, -1, error))
    return NULL;

  g_clear_pointer (version, g_free);
  *version = g_strdup (json_object_get_string_member (json_node_get_object (
                                                        json_parser_get_root (parser)), "python"));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
measure_overhead (const char  *python,
                  const char  *peer,
                  const char  *source_dir,
                  guint        workers,
                  guint64      n_tasks,
                  guint        runs,
                  gboolean     with_peer,
                  Overhead    *rows,
                  guint        n_rows,
                  char       **version,
                  GError     **error)
{
  g_autoptr(SlParams) params = sl_workload_resolve_params (&sl_workload_noop, NULL, error);
  g_autoptr(GPtrArray) arguments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *results;

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(SlPool) pool = start_ours (&sl_workload_noop, params, rows[r].model, workers,
                                           error);
      g_autofree double *times = g_new0 (double, runs + 1);
      guint64 checksum;

      if (pool == NULL)
        return FALSE;
      /* The first batch warms up: it is not counted. */
      for (guint run = 0; run <= runs; run++)
        if (!run_ours (pool, &sl_workload_noop, NULL, n_tasks, rows[r].chunk, &times[run],
                       &checksum, error))
          return FALSE;
      rows[r].ours_us = sl_median_in_place (times + 1, runs) / n_tasks * 1e6;
    }

  if (!with_peer)
    return TRUE;

  g_ptr_array_add (arguments, g_strdup ("overhead"));
  g_ptr_array_add (arguments, g_strdup_printf ("--workers=%u", workers));
  g_ptr_array_add (arguments, g_strdup_printf ("--tasks=%" G_GUINT64_FORMAT, n_tasks));
  answer = run_peer (python, peer, source_dir, arguments, runs, version, error);
  if (answer == NULL)
    return FALSE;

  results = json_object_get_array_member (answer, "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);

      for (guint r = 0; r < n_rows; r++)
        if (g_str_equal (sl_model_to_string (rows[r].model),
                         json_object_get_string_member (result, "model")) &&
            rows[r].chunk == json_object_get_int_member (result, "chunk"))
          rows[r].peer_us = json_object_get_double_member (result, "us_per_task");
    }

  return TRUE;
}

/* The peer in its serve mode: one batch per request, executors kept between requests. */
typedef struct {
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} Peer;

static void
peer_clear (Peer *peer)
{
  if (peer->process != NULL)
    {
      g_output_stream_close (peer->in, NULL, NULL);
      g_subprocess_wait (peer->process, NULL, NULL);
    }
  g_clear_object (&peer->out);
  g_clear_object (&peer->process);
  peer->in = NULL;
}

static gboolean
peer_start (Peer        *peer,
            const char  *python,
            const char  *script,
            const char  *source_dir,
            GError     **error)
{
  g_autofree char *source_arg = g_strdup_printf ("--source-dir=%s", source_dir);

  peer->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    error, python, script, source_arg, "serve", NULL);
  if (peer->process == NULL)
    return FALSE;

  peer->in = g_subprocess_get_stdin_pipe (peer->process);
  peer->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  return TRUE;
}

static gboolean
peer_run (Peer              *peer,
          const Experiment  *experiment,
          const SlParams    *params,
          SlModel            model,
          guint              workers,
          double            *seconds,
          guint64           *checksum,
          GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree const char **names = sl_params_get_names (params, NULL);
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  JsonObject *answer;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "task");
  json_builder_add_string_value (builder, experiment->module);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, sl_model_to_string (model));
  json_builder_set_member_name (builder, "workers");
  json_builder_add_int_value (builder, workers);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, (gint64) experiment->tasks);
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  for (guint i = 0; names[i] != NULL; i++)
    if (sl_python_passes_param (experiment->workload, names[i]))
      {
        json_builder_set_member_name (builder, names[i]);
        json_builder_add_string_value (builder, sl_params_lookup (params, names[i]));
      }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  request = json_builder_get_root (builder);
  json_generator_set_root (generator, request);
  text = g_strconcat (json_generator_to_data (generator, NULL), "\n", NULL);

  if (!g_output_stream_write_all (peer->in, text, strlen (text), NULL, NULL, error) ||
      !g_output_stream_flush (peer->in, NULL, error))
    return FALSE;

  line = g_data_input_stream_read_line_utf8 (peer->out, NULL, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "the concurrent.futures peer stopped (see its message above)");
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, line, -1, error))
    return FALSE;
  answer = json_node_get_object (json_parser_get_root (parser));
  *seconds = json_object_get_double_member (answer, "seconds");
  *checksum = g_ascii_strtoull (json_object_get_string_member (answer, "checksum"), NULL, 10);
  return TRUE;
}

/* Every point of an experiment, ours and the peer's in turns, so that whatever else the machine
 * does falls on both sides alike; pools and executors live through all the runs. */
static gboolean
measure_experiment (Peer              *peer,
                    const Experiment  *experiment,
                    guint              runs,
                    Point             *points,
                    GError           **error)
{
  const SlWorkload *workload = experiment->workload;
  g_autoptr(SlParams) params = parse_params (workload, experiment->params, error);
  guint n = SL_N_MODELS * experiment->n_workers;
  SlPool *pools[SL_N_MODELS * 4] = { NULL };
  g_autofree double *ours = g_new0 (double, n * runs);
  g_autofree double *theirs = g_new0 (double, n * runs);
  gpointer server = NULL, shared = NULL;
  gboolean ok = FALSE;

  if (params == NULL)
    return FALSE;

  /* io-http starts the built-in server here, as the runner would, for both sides. */
  if (workload->experiment_setup != NULL && !workload->experiment_setup (params, &server, error))
    return FALSE;
  if (workload->prepare != NULL && (shared = workload->prepare (params, error)) == NULL)
    goto out;

  for (guint p = 0; p < n; p++)
    {
      double unused;

      points[p].model = p / experiment->n_workers;
      points[p].workers = experiment->worker_counts[p % experiment->n_workers];
      pools[p] = start_ours (workload, params, points[p].model, points[p].workers, error);
      if (pools[p] == NULL ||
          !run_ours (pools[p], workload, shared, experiment->tasks, 1, &unused,
                     &points[p].ours_checksum, error))
        goto out;
    }

  for (guint run = 0; run < runs; run++)
    for (guint p = 0; p < n; p++)
      {
        if (!run_ours (pools[p], workload, shared, experiment->tasks, 1, &ours[p * runs + run],
                       &points[p].ours_checksum, error))
          goto out;
        if (peer->process != NULL &&
            !peer_run (peer, experiment, params, points[p].model, points[p].workers,
                       &theirs[p * runs + run], &points[p].peer_checksum, error))
          goto out;
      }

  for (guint p = 0; p < n; p++)
    {
      points[p].ours_s = sl_median_in_place (ours + p * runs, runs);
      points[p].peer_s = sl_median_in_place (theirs + p * runs, runs);
    }
  ok = TRUE;

out:
  for (guint p = 0; p < n; p++)
    g_clear_pointer (&pools[p], sl_pool_free);
  if (shared != NULL && workload->release != NULL)
    workload->release (shared);
  if (server != NULL && workload->experiment_teardown != NULL)
    workload->experiment_teardown (server);
  return ok;
}

static const Point *
find_point (const Point *points,
            guint        n,
            SlModel      model,
            guint        workers)
{
  for (guint i = 0; i < n; i++)
    if (points[i].model == model && points[i].workers == workers)
      return &points[i];

  /* Every experiment measures W = 1 and 2. */
  g_error ("no point %s W=%u", sl_model_to_string (model), workers);

}

static guint
print_experiment (const Experiment *experiment,
                  const Point      *points,
                  gboolean          with_peer)
{
  guint n = SL_N_MODELS * experiment->n_workers;
  guint misses = 0;

  for (guint i = 0; i < n; i++)
    {
      const Point *one = find_point (points, n, points[i].model, 1);
      double ours_speedup = one->ours_s / points[i].ours_s;
      double peer_speedup = with_peer ? one->peer_s / points[i].peer_s : NAN;
      g_autofree char *what = g_strdup_printf ("%s %s", experiment->label,
                                               sl_model_to_string (points[i].model));
      g_autofree char *w = g_strdup_printf ("%u", points[i].workers);
      g_autofree char *ours_t = g_strdup_printf ("%.3f s", points[i].ours_s);
      g_autofree char *ours_s = g_strdup_printf ("%.2f×", ours_speedup);
      g_autofree char *peer_t = with_peer ? g_strdup_printf ("%.3f s", points[i].peer_s)
                                          : g_strdup ("–");
      g_autofree char *peer_s = with_peer ? g_strdup_printf ("%.2f×", peer_speedup)
                                          : g_strdup ("–");
      g_autofree char *diff = NULL;
      const char *verdict = "";

      if (with_peer && points[i].workers > 1)
        {
          double off = ours_speedup / peer_speedup - 1;
          gboolean pass = fabs (off) <= AGREEMENT;

          diff = g_strdup_printf ("%+.1f %%", off * 100);
          verdict = pass ? "PASS" : "MISS";
          misses += !pass;
        }
      if (with_peer && points[i].ours_checksum != points[i].peer_checksum)
        {
          verdict = "MISS (checksums differ)";
          misses++;
        }

      bench_print_cell (what, 22, FALSE);
      bench_print_cell (w, 3, TRUE);
      bench_print_cell (ours_t, 11, TRUE);
      bench_print_cell (ours_s, 8, TRUE);
      bench_print_cell (peer_t, 11, TRUE);
      bench_print_cell (peer_s, 8, TRUE);
      bench_print_cell (diff != NULL ? diff : "", 9, TRUE);
      g_print ("   %s\n", verdict);
    }

  return misses;
}

static guint
check_speedup (const char   *what,
               const Point  *points,
               guint         n,
               SlModel       model,
               double        limit,
               gboolean      at_least)
{
  const Point *one = find_point (points, n, model, 1);
  const Point *two = find_point (points, n, model, 2);
  double speedup = one->ours_s / two->ours_s;
  gboolean pass = at_least ? speedup >= limit : speedup < limit;

  g_print ("  %-44s %5.2f×   %s %.1f×   %s\n", what, speedup, at_least ? "at least" : "below   ",
           limit, pass ? "PASS" : "MISS");
  return pass ? 0 : 1;
}

/* ---- --article: the README's table ---- */

/* "n=20000000;k=3", as the presets once were written. */
static char *
format_preset_params (const SlPreset *preset)
{
  GString *text = g_string_new (NULL);

  for (const SlPresetParam *p = preset->params; p != NULL && p->name != NULL; p++)
    g_string_append_printf (text, "%s%s=%s", text->len ? ";" : "", p->name, p->value);

  return g_string_free (text, FALSE);
}

static SlResult *
run_preset (const char  *id,
            guint        repeat,
            GError     **error)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(SlRunner) runner = sl_runner_new ();

  if (!sl_experiment_spec_apply_preset (spec, id, error))
    return NULL;
  if (repeat > 0)
    spec->repeat = repeat;
  g_printerr ("bench/python: running preset %s…\n", id);
  return sl_runner_run_sync (runner, spec, NULL, error);
}

static char *
format_cell (const SlResult *result,
             SlModel         model,
             guint           workers)
{
  SlPoint *point = sl_result_find_point ((SlResult *) result, model, workers);

  if (point == NULL || point->status != SL_POINT_DONE)
    return g_strdup ("failed");

  /* Native sums take milliseconds: three decimals keep two digits there. */
  return g_strdup_printf (point->wall.median < 1 ? "%.3f s (%.1f×)" : "%.2f s (%.1f×)",
                          point->wall.median, point->speedup);
}

static gboolean
print_article_table (const char  *title,
                     const char  *python_id,
                     const char  *native_id,
                     guint        repeat,
                     GError     **error)
{
  g_autoptr(SlResult) python = run_preset (python_id, repeat, error);
  g_autoptr(SlResult) native = NULL;
  const SlPreset *preset = sl_preset_lookup (python_id);
  g_autofree char *python_params = NULL;
  g_autofree char *native_params = NULL;

  if (python == NULL)
    return FALSE;
  native = run_preset (native_id, repeat, error);
  if (native == NULL)
    return FALSE;

  python_params = format_preset_params (preset);
  native_params = format_preset_params (sl_preset_lookup (native_id));
  g_print ("\n%s (%s: %s; %s: %s)\n\n", title, python_id, python_params, native_id,
           native_params);
  g_print ("| W | article threads | article processes | python threads | python processes "
           "| native threads | native processes |\n");
  g_print ("|---|---|---|---|---|---|---|\n");

  for (guint i = 0; i < preset->n_reference; i++)
    {
      const SlReferenceRow *row = &preset->reference[i];
      const SlReferenceRow *first = &preset->reference[0];
      g_autofree char *pt = format_cell (python, SL_MODEL_THREADS, row->workers);
      g_autofree char *pp = format_cell (python, SL_MODEL_PROCESSES, row->workers);
      g_autofree char *nt = format_cell (native, SL_MODEL_THREADS, row->workers);
      g_autofree char *np = format_cell (native, SL_MODEL_PROCESSES, row->workers);

      g_print ("| %u | %.2f s (%.1f×) | %.2f s (%.1f×) | %s | %s | %s | %s |\n", row->workers,
               row->threads_s, first->threads_s / row->threads_s,
               row->processes_s, first->processes_s / row->processes_s, pt, pp, nt, np);
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSysInfo) system = NULL;
  g_autoptr(GHashTable) info = NULL;
  g_autofree char *python = g_strdup ("/usr/bin/python3");
  g_autofree char *peer_script = g_strdup (BENCH_SOURCE_DIR "/python_peer.py");
  g_autofree char *source_dir = g_strdup (BENCH_SOURCE_DIR "/../src/engine/workloads/python");
  g_autofree char *version = NULL;
  gint64 n_tasks = 100000;
  gint runs = 3;
  gint workers = 2;
  gboolean no_python = FALSE;
  gboolean article = FALSE;
  guint misses = 0;
  Peer peer = { NULL };
  Overhead overhead[] = {
    { SL_MODEL_THREADS, 1 },
    { SL_MODEL_PROCESSES, 1 },
    { SL_MODEL_THREADS, 100 },
    { SL_MODEL_PROCESSES, 100 },
  };
  /* The presets' own parameters, with fewer tasks where a sweep of runs would be long. */
  const Experiment experiments[] = {
    { "cpu-sum", &sl_workload_cpu_sum, "cpu_sum", "n=20000000", 64, 3, { 1, 2, 4 } },
    { "cpu-hash", &sl_workload_cpu_hash, "cpu_hash", "bytes=65536;rounds=2048", 8, 2, { 1, 2 } },
    { "io-http", &sl_workload_io_http, "io_http", "pages=64;latency_ms=20;bytes=1024", 64, 3,
      { 1, 4, 16 } },
  };
  Point points[G_N_ELEMENTS (experiments)][SL_N_MODELS * 4];
  const GOptionEntry entries[] = {
    { "tasks", 'n', 0, G_OPTION_ARG_INT64, &n_tasks,
      "Empty tasks per batch for the overhead (default 100000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Measured batches per point (default 3)", "R" },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
      "Workers of the overhead pools (default 2)", "W" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &python,
      "Python for the peer: the one the worker embeds (default /usr/bin/python3)", "PATH" },
    { "peer", 0, 0, G_OPTION_ARG_FILENAME, &peer_script, "The peer script", "PATH" },
    { "no-python", 0, 0, G_OPTION_ARG_NONE, &no_python,
      "Measure our pools only, without the concurrent.futures peer", NULL },
    { "article", 0, 0, G_OPTION_ARG_NONE, &article,
      "Also run the article's CPU and I/O presets in both runtimes (minutes) and print the "
      "README's table", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  memset (points, 0, sizeof points);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "The GIL in Speedup Lab's python runtime, and its "
                                "pools against Python's concurrent.futures.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("python: %s\n", error->message);
      return 2;
    }
  if (n_tasks < 1 || runs < 1 || workers < 1)
    {
      g_printerr ("python: --tasks, --runs and --workers must be at least 1\n");
      return 2;
    }

  info = sl_python_query_runtime_info (&error);
  if (info == NULL)
    {
      g_printerr ("python: %s\n", error->message);
      return 1;
    }

  if (!measure_overhead (python, peer_script, source_dir, workers, n_tasks, runs, !no_python,
                         overhead, G_N_ELEMENTS (overhead), &version, &error))
    {
      g_printerr ("python: %s\n", error->message);
      return 1;
    }

  if (!no_python && !peer_start (&peer, python, peer_script, source_dir, &error))
    {
      g_printerr ("python: the concurrent.futures peer could not start (%s); use --no-python "
                  "to skip it\n", error->message);
      return 1;
    }

  for (guint e = 0; e < G_N_ELEMENTS (experiments); e++)
    if (!measure_experiment (&peer, &experiments[e], runs, points[e], &error))
      {
        g_printerr ("python: %s: %s\n", experiments[e].label, error->message);
        peer_clear (&peer);
        return 1;
      }
  peer_clear (&peer);

  system = sl_sysinfo_collect ();
  g_print ("Speedup Lab's python runtime: %s %s embedded (%s, GIL %s); peer: Python %s\n",
           (char *) g_hash_table_lookup (info, "implementation"),
           (char *) g_hash_table_lookup (info, "python_version"),
           g_strcmp0 (g_hash_table_lookup (info, "free_threaded"), "true") == 0
             ? "free-threaded build" : "standard build",
           g_strcmp0 (g_hash_table_lookup (info, "gil_enabled"), "false") == 0
             ? "disabled" : "enabled",
           version != NULL ? version : "not run");
  g_print ("%s · %u usable CPUs · load %.2f · median of %d runs after one warm-up\n\n",
           system->cpu_model ? system->cpu_model : "unknown CPU", system->usable_cpus,
           system->load_avg[0], runs);

  g_print ("Per-task overhead of the empty task (noop.py), %d workers\n", workers);
  g_print ("model       chunk     ours    concurrent.futures   ratio   target\n");
  for (guint r = 0; r < G_N_ELEMENTS (overhead); r++)
    {
      gboolean pass = no_python || overhead[r].ours_us <= overhead[r].peer_us;

      g_print ("%-10s %6u %8.2f µs", sl_model_to_string (overhead[r].model), overhead[r].chunk,
               overhead[r].ours_us);
      if (!no_python)
        g_print (" %14.2f µs %9.1f×   not above the peer   %s\n", overhead[r].peer_us,
                 overhead[r].peer_us / overhead[r].ours_us, pass ? "PASS" : "MISS");
      else
        g_print ("\n");
      misses += !pass;
    }

  g_print ("\nSpeedups T(1)/T(W); ours against concurrent.futures on the same code\n");
  bench_print_cell ("task, model", 22, FALSE);
  bench_print_cell ("W", 3, TRUE);
  bench_print_cell ("ours", 11, TRUE);
  bench_print_cell ("S", 8, TRUE);
  bench_print_cell ("futures", 11, TRUE);
  bench_print_cell ("S", 8, TRUE);
  bench_print_cell ("diff", 9, TRUE);
  g_print ("   (within %.0f %%)\n", AGREEMENT * 100);
  for (guint e = 0; e < G_N_ELEMENTS (experiments); e++)
    misses += print_experiment (&experiments[e], points[e], !no_python);

  g_print ("\nThe GIL (ours, W = 2 against W = 1)\n");
  misses += check_speedup ("python threads, seed-cpu-py (plain loop)", points[0],
                           SL_N_MODELS * experiments[0].n_workers, SL_MODEL_THREADS,
                           GIL_THREADS_MAX, FALSE);
  misses += check_speedup ("python processes, seed-cpu-py", points[0],
                           SL_N_MODELS * experiments[0].n_workers, SL_MODEL_PROCESSES,
                           PROCESSES_MIN, TRUE);
  misses += check_speedup ("python threads, seed-hash-py (hashlib)", points[1],
                           SL_N_MODELS * experiments[1].n_workers, SL_MODEL_THREADS,
                           HASH_THREADS_MIN, TRUE);

  if (article &&
      (!print_article_table ("CPU: sum of integers", "seed-cpu-py", "seed-cpu", runs, &error) ||
       !print_article_table ("I/O: fetch 100 pages", "seed-io-py", "seed-io", runs, &error)))
    {
      g_printerr ("python: %s\n", error->message);
      return 1;
    }

  g_print ("\n%s\n", misses == 0 ? "All targets met." : "Some targets were missed.");
  return misses == 0 ? 0 : 1;
}
