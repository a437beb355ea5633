/* dispatch.c: per-task overhead of the thread and process pools against concurrent.futures.
 *
 * Runs batches of the `noop` workload through each pool (started before the clock runs) and
 * reports the median time per task; the same run starts bench/dispatch_peer.py, which measures
 * Python's ThreadPoolExecutor and ProcessPoolExecutor the same way, and prints both side by side
 * with the ratio and a PASS/MISS against the targets.
 */
#define G_LOG_DOMAIN "bench-dispatch"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "bench-util.h"
#include "sl-clock.h"
#include "sl-pool.h"
#include "sl-workload.h"
#include "sl-stats.h"

/* Targets at chunk 1, in µs per task, and the least ratio to the Python peer. */
#define THREADS_TARGET_US    2.0
#define PROCESSES_TARGET_US  10.0
#define MIN_RATIO            10.0

typedef struct {
  SlModel model;
  guint   chunk;
  double  us_per_task;     /* ours, median */
  double  peer_us;         /* Python's, median; 0 when not measured */
  guint64 peer_tasks;
} Row;

/* Median seconds per task of `runs` batches of noop through one pool. */
static gboolean
measure_pool (SlModel   model,
              guint     workers,
              guint     chunk,
              guint64   n_tasks,
              guint     runs,
              double   *us_per_task,
              GError  **error)
{
  const SlWorkload *noop = sl_workload_lookup ("noop");
  g_autoptr(SlParams) params = sl_workload_resolve_params (noop, NULL, error);
  g_autofree double *times = g_new0 (double, runs);
  g_autoptr(SlPool) pool = NULL;
  SlPoolConfig config = {
    .workload = noop,
    .params = params,
    .runtime = SL_RUNTIME_NATIVE,
    .workers = workers,
  };

  if (params == NULL)
    return FALSE;

  pool = sl_pool_new (model, &config, error);
  if (pool == NULL)
    return FALSE;

  /* One unmeasured batch: page in the arrays, settle the pool's queue depth. */
  for (guint run = 0; run <= runs; run++)
    {
      SlBatch batch;
      gint64 start;
      double elapsed;

      sl_batch_init (&batch, n_tasks, n_tasks, chunk);
      start = sl_clock_ns ();
      if (!sl_pool_run_batch (pool, &batch, error))
        {
          sl_batch_clear (&batch);
          return FALSE;
        }
      elapsed = (sl_clock_ns () - start) / 1e9;

      for (guint64 i = 0; i < n_tasks; i++)
        if (!batch.task_ok[i] || batch.checksums[i] != i)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "%s pool returned a wrong checksum for task %" G_GUINT64_FORMAT,
                         sl_model_to_string (model), i);
            sl_batch_clear (&batch);
            return FALSE;
          }
      sl_batch_clear (&batch);

      if (run > 0)
        times[run - 1] = elapsed;
    }

  *us_per_task = sl_median_in_place (times, runs) / n_tasks * 1e6;
  return TRUE;
}

/* Runs the Python peer and fills in its figures. */
static gboolean
measure_peer (const char  *python,
              const char  *peer,
              guint        workers,
              guint64      n_tasks,
              guint        runs,
              Row         *rows,
              guint        n_rows,
              char       **version,
              GError     **error)
{
  g_autofree char *workers_arg = g_strdup_printf ("--workers=%u", workers);
  g_autofree char *tasks_arg = g_strdup_printf ("--tasks=%" G_GUINT64_FORMAT, n_tasks);
  g_autofree char *runs_arg = g_strdup_printf ("--runs=%u", runs);
  const char *argv[] = { python, peer, workers_arg, tasks_arg, runs_arg, "--chunks=1,100", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *results;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL |
                     G_SPAWN_CHILD_INHERITS_STDERR, NULL, NULL, &out, NULL, &status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s %s failed: ", python, peer);
      return FALSE;
    }

  if (!json_parser_load_from_data (parser, out, -1, error))
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  *version = g_strdup (json_object_get_string_member (root, "python"));
  results = json_object_get_array_member (root, "results");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *model = json_object_get_string_member (result, "model");
      guint chunk = json_object_get_int_member (result, "chunk");

      for (guint r = 0; r < n_rows; r++)
        if (g_str_equal (sl_model_to_string (rows[r].model), model) && rows[r].chunk == chunk)
          {
            rows[r].peer_us = json_object_get_double_member (result, "us_per_task");
            rows[r].peer_tasks = json_object_get_int_member (result, "tasks");
          }
    }

  return TRUE;
}

/* PASS or MISS for one row, and the target in words. */
static gboolean
verdict (const Row  *row,
         char      **target)
{
  double ratio = row->peer_us > 0 ? row->peer_us / row->us_per_task : 0;

  if (row->chunk == 1)
    {
      double limit = row->model == SL_MODEL_THREADS ? THREADS_TARGET_US : PROCESSES_TARGET_US;

      *target = g_strdup_printf ("≤ %g µs, ≥ %g× faster", limit, MIN_RATIO);
      return row->us_per_task <= limit && (row->peer_us == 0 || ratio >= MIN_RATIO);
    }

  *target = g_strdup ("faster than Python");
  return row->peer_us == 0 || row->us_per_task < row->peer_us;
}

static void
print_row (const char *model,
           const char *chunk,
           const char *ours,
           const char *peer,
           const char *ratio,
           const char *target,
           const char *result)
{
  bench_print_cell (model, 10, FALSE);
  bench_print_cell (chunk, 6, TRUE);
  bench_print_cell (ours, 14, TRUE);
  bench_print_cell (peer, 14, TRUE);
  bench_print_cell (ratio, 9, TRUE);
  g_print ("   ");
  bench_print_cell (target, 23, FALSE);
  g_print ("%s\n", result);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *python = g_strdup ("/usr/bin/python3");
  g_autofree char *peer = g_strdup (BENCH_SOURCE_DIR "/dispatch_peer.py");
  g_autofree char *python_version = NULL;
  gint64 n_tasks = 200000;
  gint runs = 5;
  gint workers = 2;
  gboolean no_python = FALSE;
  guint misses = 0;
  Row rows[] = {
    { SL_MODEL_THREADS, 1 },
    { SL_MODEL_PROCESSES, 1 },
    { SL_MODEL_THREADS, 100 },
    { SL_MODEL_PROCESSES, 100 },
  };
  const GOptionEntry entries[] = {
    { "tasks", 'n', 0, G_OPTION_ARG_INT64, &n_tasks, "Tasks per batch (default 200000)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Measured batches per point (default 5)", "R" },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers, "Workers of every pool (default 2)", "W" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &python, "Python for the peer", "PATH" },
    { "peer", 0, 0, G_OPTION_ARG_FILENAME, &peer, "The peer script", "PATH" },
    { "no-python", 0, 0, G_OPTION_ARG_NONE, &no_python, "Measure our pools only", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, "Per-task overhead of Speedup Lab's pools on an empty "
                                "task, against Python's concurrent.futures.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("dispatch: %s\n", error->message);
      return 2;
    }
  if (n_tasks < 1 || runs < 1 || workers < 1)
    {
      g_printerr ("dispatch: --tasks, --runs and --workers must be at least 1\n");
      return 2;
    }

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      if (!measure_pool (rows[r].model, workers, rows[r].chunk, n_tasks, runs,
                         &rows[r].us_per_task, &error))
        {
          g_printerr ("dispatch: %s\n", error->message);
          return 1;
        }
    }

  if (!no_python &&
      !measure_peer (python, peer, workers, n_tasks, runs, rows, G_N_ELEMENTS (rows),
                     &python_version, &error))
    {
      g_printerr ("dispatch: the Python peer could not run (%s); use --no-python to skip it\n",
                  error->message);
      return 1;
    }

  g_print ("Per-task overhead of the noop workload, %d workers, median of %d runs of %"
           G_GINT64_FORMAT " tasks", workers, runs, n_tasks);
  if (python_version != NULL)
    g_print (" (Python %s sizes its runs to about 0.5 s each)\n\n", python_version);
  else
    g_print (" (Python peer not run)\n\n");
  print_row ("model", "chunk", "Speedup Lab", "Python", "ratio", "target", "verdict");

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_autofree char *target = NULL;
      g_autofree char *chunk_text = g_strdup_printf ("%u", rows[r].chunk);
      g_autofree char *ours_text = g_strdup_printf ("%.3f µs", rows[r].us_per_task);
      g_autofree char *peer_text = NULL;
      g_autofree char *ratio_text = NULL;
      gboolean pass = verdict (&rows[r], &target);

      if (rows[r].peer_us > 0)
        {
          peer_text = g_strdup_printf ("%.3f µs", rows[r].peer_us);
          ratio_text = g_strdup_printf ("%.1f×", rows[r].peer_us / rows[r].us_per_task);
        }
      else
        {
          peer_text = g_strdup ("–");
          ratio_text = g_strdup ("–");
        }

      print_row (sl_model_to_string (rows[r].model), chunk_text, ours_text, peer_text,
                 ratio_text, target, pass ? "PASS" : "MISS");
      if (!pass)
        misses++;
    }

  g_print ("\n%s\n", misses == 0 ? "All targets met." : "Some targets were missed.");

  return misses == 0 ? 0 : 1;
}
