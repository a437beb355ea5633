/* io.c: throughput of the built-in HTTP server, and the engine's own cost per request.
 *
 * 1. Requests per second of the server under 256 concurrent keep-alive connections with no
 *    delay, loaded by the engine itself (io-http on the thread pool, one worker per connection),
 *    by a single-threaded libcurl multi client, and, in the same run, by wrk and ab when they are
 *    installed.
 * 2. The engine's cost per request at zero latency (io-http, 1 and 16 workers).
 * 3. The article's experiment at 16 workers (100 pages, 50 ms): how far the measured time is
 *    above the ideal ceil(100 / 16) × 50 ms, per round of requests, next to the latency. This is
 *    the check that the engine's overhead stays small next to the latency; it prints PASS or
 *    MISS and the program exits with status 1 on a MISS.
 */
#define G_LOG_DOMAIN "bench-io"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "sl-http-server.h"
#include "sl-pool.h"
#include "sl-workload.h"
#include "sl-stats.h"

/* Overhead per round of requests at W = 16, as a fraction of the latency, that still passes. */
#define MAX_OVERHEAD_FRACTION 0.10

static gint    opt_connections = 256;
static double  opt_duration_s = 3;
static gint64  opt_bytes = 1024;
static gint    opt_latency_ms = 50;
static gint    opt_runs = 3;
static gboolean opt_no_peers;

typedef struct {
  const char *client;
  double      rps;
  guint64     requests;
  guint64     errors;
  guint64     connections;   /* opened on the server; 0 when unknown */
  gboolean    measured;
  char       *note;
} Load;

/* ---- io-http through a pool ---- */

typedef struct {
  const SlWorkload *workload;
  SlParams         *params;
  gpointer          experiment_state;   /* the SlHttpServer io-http started */
  gpointer          shared;
} Experiment;

static gboolean
experiment_start (Experiment  *e,
                  gint64       pages,
                  gint64       latency_ms,
                  gint64       bytes,
                  GError     **error)
{
  g_autoptr(SlParams) given = sl_params_new ();
  g_autofree char *pages_text = g_strdup_printf ("%" G_GINT64_FORMAT, pages);
  g_autofree char *latency_text = g_strdup_printf ("%" G_GINT64_FORMAT, latency_ms);
  g_autofree char *bytes_text = g_strdup_printf ("%" G_GINT64_FORMAT, bytes);

  memset (e, 0, sizeof *e);
  e->workload = sl_workload_lookup ("io-http");
  sl_params_set (given, "pages", pages_text);
  sl_params_set (given, "latency_ms", latency_text);
  sl_params_set (given, "bytes", bytes_text);

  e->params = sl_workload_resolve_params (e->workload, given, error);
  if (e->params == NULL)
    return FALSE;
  if (!e->workload->experiment_setup (e->params, &e->experiment_state, error))
    return FALSE;
  e->shared = e->workload->prepare (e->params, error);

  return e->shared != NULL;
}

static void
experiment_stop (Experiment *e)
{
  if (e->shared != NULL)
    e->workload->release (e->shared);
  if (e->experiment_state != NULL)
    e->workload->experiment_teardown (e->experiment_state);
  g_clear_pointer (&e->params, sl_params_free);
}

/* Runs `n_tasks` through `pool`; returns the wall time, or a negative value on failure. */
static double
run_batch (SlPool    *pool,
           guint64    n_tasks,
           guint64   *n_failed,
           GError   **error)
{
  SlBatch batch;
  gint64 start;
  double wall;

  sl_batch_init (&batch, n_tasks, n_tasks, 1);
  start = g_get_monotonic_time ();
  if (!sl_pool_run_batch (pool, &batch, error))
    {
      sl_batch_clear (&batch);
      return -1;
    }
  wall = (g_get_monotonic_time () - start) / 1e6;
  *n_failed = batch.n_failed_tasks;
  if (batch.n_failed_tasks > 0)
    g_printerr ("  %" G_GUINT64_FORMAT " requests failed, first: %s\n", batch.n_failed_tasks,
                batch.first_task_error);
  sl_batch_clear (&batch);

  return wall;
}

static SlPool *
pool_new (Experiment  *e,
          SlModel      model,
          guint        workers,
          GError     **error)
{
  SlPoolConfig config = {
    .workload = e->workload,
    .params = e->params,
    .shared = e->shared,
    .runtime = SL_RUNTIME_NATIVE,
    .workers = workers,
  };

  return sl_pool_new (model, &config, error);
}

static gboolean
load_engine (Load    *load,
             GError **error)
{
  Experiment e;
  g_autoptr(SlPool) pool = NULL;
  guint64 failed = 0;
  guint64 n_tasks;
  guint64 before;
  double wall;

  load->client = "engine: io-http, thread pool";
  if (!experiment_start (&e, 100, 0, opt_bytes, error))
    goto failed;
  pool = pool_new (&e, SL_MODEL_THREADS, (guint) opt_connections, error);
  if (pool == NULL)
    goto failed;

  /* A short batch opens every connection and tells how many tasks fill the duration. */
  before = sl_http_server_get_n_connections (e.experiment_state);
  n_tasks = (guint64) opt_connections * 4;
  wall = run_batch (pool, n_tasks, &failed, error);
  if (wall < 0)
    goto failed;
  n_tasks = (guint64) CLAMP (n_tasks / wall * opt_duration_s, opt_connections, 5e6);

  wall = run_batch (pool, n_tasks, &failed, error);
  if (wall < 0)
    goto failed;

  load->requests = n_tasks;
  load->errors = failed;
  load->rps = n_tasks / wall;
  load->connections = sl_http_server_get_n_connections (e.experiment_state) - before;
  load->measured = TRUE;
  g_clear_pointer (&pool, sl_pool_free);
  experiment_stop (&e);
  return TRUE;

failed:
  g_clear_pointer (&pool, sl_pool_free);
  experiment_stop (&e);
  return FALSE;
}

/* ---- libcurl multi: one thread, all connections ---- */

static size_t
discard_cb (char   *data,
            size_t  size,
            size_t  n_items,
            void   *user_data)
{
  *(guint64 *) user_data += size * n_items;
  return size * n_items;
}

static void
load_curl_multi (Load         *load,
                 SlHttpServer *server)
{
  guint n = (guint) opt_connections;
  CURLM *multi = curl_multi_init ();
  CURL **handles = g_new0 (CURL *, n);
  guint64 *received = g_new0 (guint64, n);
  g_autofree char *url = g_strdup_printf ("%s/page/0?bytes=%" G_GINT64_FORMAT "&delay_ms=0",
                                          sl_http_server_get_url (server), opt_bytes);
  guint64 before = sl_http_server_get_n_connections (server);
  gint64 start, deadline;
  guint active = n;
  int running;

  load->client = "libcurl multi, 1 thread";
  curl_multi_setopt (multi, CURLMOPT_MAXCONNECTS, (long) n);
  for (guint i = 0; i < n; i++)
    {
      handles[i] = curl_easy_init ();
      curl_easy_setopt (handles[i], CURLOPT_URL, url);
      curl_easy_setopt (handles[i], CURLOPT_PROXY, "");
      curl_easy_setopt (handles[i], CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt (handles[i], CURLOPT_WRITEFUNCTION, discard_cb);
      curl_easy_setopt (handles[i], CURLOPT_WRITEDATA, &received[i]);
      curl_multi_add_handle (multi, handles[i]);
    }

  start = g_get_monotonic_time ();
  deadline = start + (gint64) (opt_duration_s * G_USEC_PER_SEC);
  while (active > 0)
    {
      CURLMsg *msg;
      int left;

      curl_multi_perform (multi, &running);
      while ((msg = curl_multi_info_read (multi, &left)) != NULL)
        {
          CURL *easy = msg->easy_handle;
          long status = 0;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (easy, CURLINFO_RESPONSE_CODE, &status);
          if (msg->data.result != CURLE_OK || status != 200)
            load->errors++;
          else
            load->requests++;
          curl_multi_remove_handle (multi, easy);
          /* Adding the same handle again reuses its connection from the multi's cache. */
          if (g_get_monotonic_time () < deadline)
            curl_multi_add_handle (multi, easy);
          else
            active--;
        }
      if (active > 0)
        curl_multi_poll (multi, NULL, 0, 100, NULL);
    }

  load->rps = load->requests / ((g_get_monotonic_time () - start) / 1e6);
  load->connections = sl_http_server_get_n_connections (server) - before;
  load->measured = TRUE;

  for (guint i = 0; i < n; i++)
    curl_easy_cleanup (handles[i]);
  curl_multi_cleanup (multi);
  g_free (handles);
  g_free (received);
}

/* ---- peers ---- */

static char *
run_peer (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_printerr ("  could not run %s: %s\n", argv[0], error->message);
      return NULL;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("  %s failed: %s\n", argv[0], error->message);
      g_free (out);
      return NULL;
    }

  return out;
}

/* The number after `label` on its line of `text`, or NAN. */
static double
find_number (const char *text,
             const char *label)
{
  const char *at = text ? strstr (text, label) : NULL;

  if (at == NULL)
    return NAN;
  return g_ascii_strtod (at + strlen (label), NULL);
}

static void
load_wrk (Load         *load,
          SlHttpServer *server)
{
  g_autofree char *url = g_strdup_printf ("%s/page/0?bytes=%" G_GINT64_FORMAT "&delay_ms=0",
                                          sl_http_server_get_url (server), opt_bytes);
  g_autofree char *connections = g_strdup_printf ("-c%d", opt_connections);
  g_autofree char *duration = g_strdup_printf ("-d%ds", MAX (1, (int) round (opt_duration_s)));
  const char *argv[] = { "wrk", "-t2", connections, duration, "--timeout", "10s", url, NULL };
  guint64 before = sl_http_server_get_n_connections (server);
  g_autofree char *out = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) lines = NULL;
  double errors;

  load->client = "wrk -t2";
  path = g_find_program_in_path ("wrk");
  if (path == NULL)
    {
      load->note = g_strdup ("not installed");
      return;
    }

  out = run_peer (argv);
  load->rps = find_number (out, "Requests/sec:");
  if (!isfinite (load->rps))
    {
      load->note = g_strdup ("no result");
      return;
    }
  errors = find_number (out, "Non-2xx or 3xx responses:");
  load->errors = isfinite (errors) ? (guint64) errors : 0;

  /* "  72000 requests in 3.00s, 80.00MB read" and, when there were any, "  Socket errors: …" */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (strstr (line, " requests in ") != NULL)
        load->requests = g_ascii_strtoull (line, NULL, 10);
      else if (g_str_has_prefix (line, "Socket errors:"))
        load->note = g_strdup (line);
    }
  load->connections = sl_http_server_get_n_connections (server) - before;
  load->measured = TRUE;
}

static void
load_ab (Load         *load,
         SlHttpServer *server)
{
  g_autofree char *url = g_strdup_printf ("%s/page/0?bytes=%" G_GINT64_FORMAT "&delay_ms=0",
                                          sl_http_server_get_url (server), opt_bytes);
  g_autofree char *connections = g_strdup_printf ("%d", opt_connections);
  g_autofree char *duration = g_strdup_printf ("%d", MAX (1, (int) round (opt_duration_s)));
  const char *argv[] = { "ab", "-k", "-q", "-c", connections, "-t", duration, "-n", "10000000",
                         url, NULL };
  guint64 before = sl_http_server_get_n_connections (server);
  g_autofree char *out = NULL;
  g_autofree char *path = NULL;
  double failed, non_2xx;

  load->client = "ab -k (1 thread)";
  path = g_find_program_in_path ("ab");
  if (path == NULL)
    {
      load->note = g_strdup ("not installed");
      return;
    }

  out = run_peer (argv);
  load->rps = find_number (out, "Requests per second:");
  if (!isfinite (load->rps))
    {
      load->note = g_strdup ("no result");
      return;
    }
  load->requests = (guint64) find_number (out, "Complete requests:");
  failed = find_number (out, "Failed requests:");
  non_2xx = find_number (out, "Non-2xx responses:");
  load->errors = (isfinite (failed) ? (guint64) failed : 0) +
                 (isfinite (non_2xx) ? (guint64) non_2xx : 0);
  load->connections = sl_http_server_get_n_connections (server) - before;
  load->measured = TRUE;
}

/* ---- the engine's own cost ---- */

/* Median wall time of `opt_runs` batches of io-http; the pool starts before the clock runs. */
static gboolean
time_io_http (SlModel   model,
              guint     workers,
              gint64    pages,
              gint64    latency_ms,
              guint64   n_tasks,
              double   *median_s,
              GError  **error)
{
  Experiment e;
  g_autoptr(SlPool) pool = NULL;
  g_autofree double *times = g_new0 (double, opt_runs);
  guint64 failed = 0;
  gboolean ok = FALSE;

  if (!experiment_start (&e, pages, latency_ms, 1024, error))
    goto out;
  pool = pool_new (&e, model, workers, error);
  if (pool == NULL)
    goto out;

  /* One unmeasured batch opens the connections, as the runner's warm-up does. */
  if (run_batch (pool, n_tasks, &failed, error) < 0)
    goto out;
  for (gint run = 0; run < opt_runs; run++)
    {
      times[run] = run_batch (pool, n_tasks, &failed, error);
      if (times[run] < 0)
        goto out;
      if (failed > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%" G_GUINT64_FORMAT
                       " requests failed", failed);
          goto out;
        }
    }
  *median_s = sl_median_in_place (times, (guint) opt_runs);
  ok = TRUE;

out:
  g_clear_pointer (&pool, sl_pool_free);
  experiment_stop (&e);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  const GOptionEntry entries[] = {
    { "connections", 'c', 0, G_OPTION_ARG_INT, &opt_connections,
      "Concurrent keep-alive connections for the throughput runs (default 256)", "N" },
    { "duration", 'd', 0, G_OPTION_ARG_DOUBLE, &opt_duration_s,
      "Seconds per throughput run (default 3)", "S" },
    { "bytes", 'b', 0, G_OPTION_ARG_INT64, &opt_bytes,
      "Body size for the throughput runs (default 1024)", "N" },
    { "latency-ms", 'l', 0, G_OPTION_ARG_INT, &opt_latency_ms,
      "Server latency of the 16-worker overhead check (default 50)", "MS" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Runs per timing, median taken (default 3)", "N" },
    { "no-peers", 0, 0, G_OPTION_ARG_NONE, &opt_no_peers, "Do not run wrk or ab", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- HTTP server throughput and "
                                                            "per-request overhead");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlHttpServer) server = NULL;
  SlHttpServerOptions options;
  Load loads[4] = { { 0 } };
  const SlModel models[] = { SL_MODEL_THREADS, SL_MODEL_PROCESSES };
  gboolean missed = FALSE;
  double reference_rps = NAN;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_connections < 1 || opt_connections > 256 || opt_duration_s <= 0 || opt_runs < 1 ||
      opt_bytes < 0 || opt_bytes > SL_HTTP_MAX_BYTES || opt_latency_ms < 1)
    {
      g_printerr ("Options out of range: --connections 1–256, --duration > 0, --runs ≥ 1, "
                  "--latency-ms ≥ 1\n");
      return 2;
    }

  curl_global_init (CURL_GLOBAL_DEFAULT);

  /* ---- 1 ---- */
  sl_http_server_options_init (&options);
  options.default_delay_ms = 0;
  options.default_bytes = opt_bytes;
  server = sl_http_server_new (&options, &error);
  if (server == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("Built-in server, %d concurrent keep-alive connections, %" G_GINT64_FORMAT
          "-byte bodies, no delay, %.0f s per client\n\n", opt_connections, opt_bytes,
          opt_duration_s);
  if (!load_engine (&loads[0], &error))
    {
      g_printerr ("engine load failed: %s\n", error->message);
      g_clear_error (&error);
    }
  load_curl_multi (&loads[1], server);
  if (!opt_no_peers)
    {
      load_wrk (&loads[2], server);
      load_ab (&loads[3], server);
    }
  else
    {
      loads[2] = (Load) { .client = "wrk -t2", .note = g_strdup ("skipped") };
      loads[3] = (Load) { .client = "ab -k (1 thread)", .note = g_strdup ("skipped") };
    }

  if (loads[2].measured)
    reference_rps = loads[2].rps;
  else if (loads[3].measured)
    reference_rps = loads[3].rps;

  printf ("%-30s %12s %10s %8s %12s %s\n", "client", "requests/s", "requests", "errors",
          "connections", isfinite (reference_rps) ? " vs peer" : "");
  for (guint i = 0; i < G_N_ELEMENTS (loads); i++)
    {
      Load *load = &loads[i];

      if (!load->measured)
        {
          printf ("%-30s %12s   (%s)\n", load->client, "—", load->note ? load->note : "failed");
          g_free (load->note);
          continue;
        }
      printf ("%-30s %12.0f %10" G_GUINT64_FORMAT " %8" G_GUINT64_FORMAT " %12" G_GUINT64_FORMAT,
              load->client, load->rps, load->requests, load->errors, load->connections);
      if (isfinite (reference_rps))
        printf ("   %5.2f×", load->rps / reference_rps);
      if (load->note != NULL)
        printf ("   %s", load->note);
      putchar ('\n');
      g_free (load->note);
    }
  printf ("(Server and clients share this machine's CPUs; the peer is wrk, or ab without it.)\n");
  g_clear_pointer (&server, sl_http_server_free);

  /* ---- 2 ---- */
  printf ("\nEngine's cost per request at zero latency (io-http, 1 KiB, median of %d)\n\n",
          opt_runs);
  printf ("%-10s %8s %14s %14s\n", "model", "workers", "µs/request", "requests/s");
  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      const guint counts[] = { 1, 16 };

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          guint64 n_tasks = counts[c] == 1 ? 2000 : 8000;
          double wall;

          if (!time_io_http (models[m], counts[c], 100, 0, n_tasks, &wall, &error))
            {
              printf ("%-10s %8u   failed: %s\n", sl_model_to_string (models[m]), counts[c],
                      error->message);
              g_clear_error (&error);
              missed = TRUE;
              continue;
            }
          printf ("%-10s %8u %14.1f %14.0f\n", sl_model_to_string (models[m]), counts[c],
                  wall / n_tasks * 1e6, n_tasks / wall);
        }
    }

  /* ---- 3 ---- */
  {
    guint workers = 16;
    guint rounds = (100 + workers - 1) / workers;
    double ideal = rounds * opt_latency_ms / 1000.0;

    printf ("\nThe article's experiment at %u workers: 100 pages, %d ms each "
            "(ideal %u rounds = %.0f ms, median of %d)\n\n",
            workers, opt_latency_ms, rounds, ideal * 1000, opt_runs);
    printf ("%-10s %10s %10s %16s %12s %8s\n", "model", "time (ms)", "speedup", "overhead/round",
            "of latency", "");
    for (guint m = 0; m < G_N_ELEMENTS (models); m++)
      {
        double wall, per_round, fraction;

        if (!time_io_http (models[m], workers, 100, opt_latency_ms, 100, &wall, &error))
          {
            printf ("%-10s   failed: %s\n", sl_model_to_string (models[m]), error->message);
            g_clear_error (&error);
            missed = TRUE;
            continue;
          }
        per_round = MAX (0, wall - ideal) / rounds;
        fraction = per_round / (opt_latency_ms / 1000.0);
        printf ("%-10s %10.1f %9.2f× %13.2f ms %11.1f %% %8s\n", sl_model_to_string (models[m]),
                wall * 1000, 100 * opt_latency_ms / 1000.0 / wall, per_round * 1000,
                fraction * 100, fraction <= MAX_OVERHEAD_FRACTION ? "PASS" : "MISS");
        missed |= fraction > MAX_OVERHEAD_FRACTION;
      }
    printf ("(Speedup against the ideal serial time of 100 × %d ms; PASS when the overhead per "
            "round is at most %.0f %% of the latency.)\n", opt_latency_ms,
            MAX_OVERHEAD_FRACTION * 100);
  }

  curl_global_cleanup ();
  return missed ? 1 : 0;
}
