/* test-io-http.c: io-http called directly and through the pools, the runner and the CLI, against
 * the built-in server only (no outside network). */
#define G_LOG_DOMAIN "test-io-http"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sl-error.h"
#include "sl-http-server.h"
#include "sl-pool.h"
#include "sl-runner.h"
#include "sl-test-util.h"
#include "sl-test-workload.h"
#include "sl-workloads.h"

static SlHttpServer *
start_server (void)
{
  SlHttpServerOptions options;
  g_autoptr(GError) error = NULL;
  SlHttpServer *server;

  sl_http_server_options_init (&options);
  options.default_delay_ms = 0;
  server = sl_http_server_new (&options, &error);
  g_assert_no_error (error);

  return server;
}

/* A port on which nothing listens (the race with other programs is harmless here). */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* ---- io-http ---- */

static void
test_http_defaults (void)
{
  const SlWorkload *workload = sl_workload_lookup ("io-http");
  g_autoptr(SlParams) params = NULL;
  g_autoptr(SlParams) given = sl_params_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (workload);
  g_assert_cmpint (workload->kind, ==, SL_WORKLOAD_KIND_IO);
  params = sl_workload_resolve_params (workload, NULL, &error);
  g_assert_no_error (error);
  /* The article's scale, and the names the seed-io preset uses. */
  g_assert_cmpint (sl_params_get_int (params, "pages"), ==, 100);
  g_assert_cmpint (sl_params_get_int (params, "latency_ms"), ==, 50);
  g_assert_true (sl_params_get_bool (params, "keep_alive"));
  g_assert_cmpuint (sl_workload_default_tasks (workload, params), ==, 100);
  g_assert_true (sl_workload_find_param (workload, "server_url")->flags & SL_PARAM_FLAG_INTERNAL);

  sl_params_set (given, "urls", "http://a.example/, http://b.example/\nhttps://c.example/x");
  g_clear_pointer (&params, sl_params_free);
  params = sl_workload_resolve_params (workload, given, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_workload_default_tasks (workload, params), ==, 3);
}

static void
test_http_local (void)
{
  for (int keep_alive = 1; keep_alive >= 0; keep_alive--)
    {
      SlTestExperiment e;
      gpointer local;
      g_autoptr(GError) error = NULL;

      sl_test_experiment_start (&e, "io-http", "pages=10", "latency_ms=0", "bytes=3000",
                                keep_alive ? "keep_alive=true" : "keep_alive=false", NULL);
      g_assert_true (g_str_has_prefix (sl_params_get_string (e.params, "server_url"),
                                       "http://127.0.0.1:"));

      local = sl_test_worker_new (&e);
      /* 25 tasks wrap around the 10 pages; every body is checked against its checksum. */
      g_assert_cmpuint (sl_test_run_tasks (&e, local, 0, 25, 25, &error), ==, 0);
      g_assert_no_error (error);
      sl_test_worker_free (&e, local);

      /* One easy handle per worker keeps one connection, or opens one per request. */
      g_assert_cmpuint (sl_http_server_get_n_requests (e.experiment_state), ==, 25);
      g_assert_cmpuint (sl_http_server_get_n_connections (e.experiment_state), ==,
                        keep_alive ? 1 : 25);
      sl_test_experiment_stop (&e);
    }
}

static void
test_http_status_error (void)
{
  g_autoptr(SlHttpServer) server = start_server ();
  g_autofree char *url = g_strdup_printf ("%s/status/500", sl_http_server_get_url (server));
  g_autofree char *setting = g_strdup_printf ("urls=%s", url);
  g_autofree char *message = g_strdup_printf ("HTTP 500 from %s", url);
  g_autoptr(GError) error = NULL;
  SlTestExperiment e;
  SlTask task = { 0, 1, 1, NULL };
  guint64 unused;

  sl_test_experiment_start (&e, "io-http", setting, NULL);
  /* Nobody can know what a person's URL returns. */
  g_assert_false (e.workload->expected (e.shared, &task, &unused));
  error = sl_test_run_one (&e, 0);
  g_assert_error (error, SL_ERROR, SL_ERROR_TASK);
  g_assert_cmpstr (error->message, ==, message);
  sl_test_experiment_stop (&e);
}

/* One io-http task with `urls` and `option` fails, with a message that starts with `prefix`. */
static void
assert_task_fails (const char *urls,
                   const char *option,
                   const char *prefix)
{
  g_autoptr(GError) error = NULL;
  SlTestExperiment e;

  sl_test_experiment_start (&e, "io-http", urls, option, NULL);
  error = sl_test_run_one (&e, 0);
  g_assert_error (error, SL_ERROR, SL_ERROR_TASK);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  sl_test_experiment_stop (&e);
}

static void
test_http_refused (void)
{
  g_autofree char *urls = g_strdup_printf ("urls=http://127.0.0.1:%u/", free_port ());

  assert_task_fails (urls, "connect_timeout_s=5", "connection refused: http://127.0.0.1:");
}

static void
test_http_unresolvable (void)
{
  /* .invalid never resolves (RFC 2606); without any resolver the lookup fails at once too. */
  assert_task_fails ("urls=http://does-not-exist.invalid/", "connect_timeout_s=5",
                     "could not resolve host: http://does-not-exist.invalid/");
}

static void
test_http_timeout (void)
{
  g_autoptr(SlHttpServer) server = start_server ();
  g_autofree char *urls = g_strdup_printf ("urls=%s/page/0?delay_ms=10000",
                                           sl_http_server_get_url (server));

  assert_task_fails (urls, "timeout_s=0.3", "timed out after 0.3 s: http://127.0.0.1:");
}

static void
assert_rejected (const char *urls,
                 const char *fragment)
{
  g_autoptr(SlParams) given = sl_params_new ();
  g_autoptr(SlParams) params = NULL;
  g_autoptr(GError) error = NULL;

  sl_params_set (given, "urls", urls);
  params = sl_workload_resolve_params (sl_workload_lookup ("io-http"), given, &error);
  g_assert_null (params);
  sl_test_assert_invalid_input (error, fragment);
}

static void
test_http_schemes (void)
{
  assert_rejected ("file:///etc/passwd", "uses the file scheme: only http and https");
  assert_rejected ("ftp://ftp.example.org/pub/", "uses the ftp scheme");
  assert_rejected ("http://ok.example/ gopher://old.example/", "uses the gopher scheme");
  assert_rejected ("example.com", "is not a URL");
  assert_rejected ("http:///path-only", "has no host name");

  /* Waiting longer than the request may last cannot succeed: refused before anything runs. */
  {
    g_autoptr(SlParams) given = sl_params_new ();
    g_autoptr(GError) error = NULL;

    sl_params_set (given, "latency_ms", "5000");
    sl_params_set (given, "timeout_s", "2");
    g_assert_null (sl_workload_resolve_params (sl_workload_lookup ("io-http"), given, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, "raise timeout_s"));
  }
}

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_atomic_int_set ((gint *) data, 1);
  return NULL;
}

static void
test_http_cancel (void)
{
  SlTestExperiment e;
  gpointer local;
  gint cancel = 1;
  SlTask task = { .index = 0, .n_tasks = 1, .base_tasks = 1, .cancel = &cancel };
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  guint64 checksum;
  gint64 start;

  sl_test_experiment_start (&e, "io-http", "latency_ms=30000", "timeout_s=60", NULL);
  local = sl_test_worker_new (&e);

  g_assert_false (e.workload->run (e.shared, local, &task, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while waiting for the server's 30 s reply: it gives up long before that. */
  cancel = 0;
  start = g_get_monotonic_time ();
  thread = g_thread_new ("cancel", cancel_later_thread, &cancel);
  g_assert_false (e.workload->run (e.shared, local, &task, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_thread_join (g_steal_pointer (&thread));

  sl_test_worker_free (&e, local);
  sl_test_experiment_stop (&e);
}

typedef struct {
  SlTestExperiment *e;
  guint64           first;
} CapWorker;

static gpointer
cap_worker_thread (gpointer data)
{
  CapWorker *w = data;
  gpointer local = sl_test_worker_new (w->e);

  g_assert_cmpuint (sl_test_run_tasks (w->e, local, w->first, 2, 8, NULL), ==, 0);
  sl_test_worker_free (w->e, local);
  return NULL;
}

static void
test_http_max_per_host (void)
{
  g_autoptr(SlHttpServer) server = start_server ();
  g_autoptr(GString) urls = g_string_new ("urls=");
  CapWorker workers[4];
  GThread *threads[4];
  SlTestExperiment e;

  for (guint i = 0; i < 8; i++)
    g_string_append_printf (urls, "%s/page/%u?delay_ms=50 ", sl_http_server_get_url (server), i);

  sl_test_experiment_start (&e, "io-http", urls->str, "max_per_host=2", NULL);
  for (guint i = 0; i < 4; i++)
    {
      workers[i] = (CapWorker) { &e, i * 2 };
      threads[i] = g_thread_new ("cap", cap_worker_thread, &workers[i]);
    }
  for (guint i = 0; i < 4; i++)
    g_thread_join (threads[i]);
  sl_test_experiment_stop (&e);

  /* Four workers, but never more than two requests waiting on the one host. */
  g_assert_cmpuint (sl_http_server_get_n_requests (server), ==, 8);
  g_assert_cmpuint (sl_http_server_get_max_waiting (server), >=, 1);
  g_assert_cmpuint (sl_http_server_get_max_waiting (server), <=, 2);
}

/* ---- through the pools ---- */

static void
run_pool_batch (SlModel     model,
                const char *urls,
                guint64     n_tasks,
                SlBatch    *batch)
{
  SlTestExperiment e;
  SlPoolConfig config = { 0 };
  g_autoptr(SlPool) pool = NULL;
  g_autoptr(GError) error = NULL;

  if (urls != NULL)
    sl_test_experiment_start (&e, "io-http", urls, NULL);
  else
    sl_test_experiment_start (&e, "io-http", "pages=12", "latency_ms=20", "bytes=2000", NULL);

  config.workload = e.workload;
  config.params = e.params;
  config.shared = e.shared;
  config.runtime = SL_RUNTIME_NATIVE;
  config.workers = 4;
  pool = sl_pool_new (model, &config, &error);
  g_assert_no_error (error);

  sl_batch_init (batch, n_tasks, n_tasks, 1);
  g_assert_true (sl_pool_run_batch (pool, batch, &error));
  g_assert_no_error (error);

  for (guint64 i = 0; i < n_tasks && urls == NULL; i++)
    {
      SlTask task = { i, n_tasks, n_tasks, NULL };
      guint64 expected;

      g_assert_true (e.workload->expected (e.shared, &task, &expected));
      g_assert_cmpuint (batch->checksums[i], ==, expected);
    }

  g_clear_pointer (&pool, sl_pool_free);
  sl_test_experiment_stop (&e);
}

static gboolean
have_process_pool (void)
{
  if (g_getenv ("SPEEDUP_LAB_WORKER") == NULL)
    {
      g_test_skip ("SPEEDUP_LAB_WORKER is not set");
      return FALSE;
    }
  return TRUE;
}

static void
test_pool (gconstpointer data)
{
  SlModel model = GPOINTER_TO_INT (data);
  g_autoptr(SlHttpServer) server = NULL;
  g_autofree char *urls = NULL;
  SlBatch batch;

  if (model == SL_MODEL_PROCESSES && !have_process_pool ())
    return;

  run_pool_batch (model, NULL, 30, &batch);
  g_assert_cmpuint (batch.n_failed_tasks, ==, 0);
  sl_batch_clear (&batch);

  /* Failed requests are counted per batch, with the first reason, and do not stop it. */
  server = start_server ();
  urls = g_strdup_printf ("urls=%s/status/503", sl_http_server_get_url (server));
  run_pool_batch (model, urls, 6, &batch);
  g_assert_cmpuint (batch.n_failed_tasks, ==, 6);
  g_assert_nonnull (batch.first_task_error);
  g_assert_nonnull (strstr (batch.first_task_error, "HTTP 503 from http://127.0.0.1:"));
  sl_batch_clear (&batch);
}

/* ---- through the runner: what a person sees ---- */

static void
test_runner_local (void)
{
  g_autoptr(SlExperimentSpec) spec =
    sl_test_small_spec ("io-http", sl_test_models_to_test (), "pages=10", "latency_ms=10", NULL);
  g_autoptr(SlResult) result = NULL;

  /* The workload's own task count: one task per page. */
  spec->tasks = 0;
  result = sl_test_run_spec (spec, NULL);

  sl_test_assert_all_done (result);
  for (guint i = 0; i < result->points->len; i++)
    g_assert_cmpuint (((SlPoint *) g_ptr_array_index (result->points, i))->tasks, ==, 10);
}

/* A 500, a refused port and an unresolvable host each fail their points with the reason. */
static void
test_runner_failures (void)
{
  g_autoptr(SlHttpServer) server = start_server ();
  g_autofree char *status_url = g_strdup_printf ("%s/status/500", sl_http_server_get_url (server));
  g_autofree char *refused_url = g_strdup_printf ("http://127.0.0.1:%u/", free_port ());
  struct {
    const char *url;
    const char *reason;
  } cases[] = {
    { status_url, "HTTP 500 from http://127.0.0.1:" },
    { refused_url, "connection refused: http://127.0.0.1:" },
    { "http://does-not-exist.invalid/", "could not resolve host: http://does-not-exist.invalid/" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *urls = g_strconcat ("urls=", cases[c].url, NULL);
      g_autoptr(SlExperimentSpec) spec =
        sl_test_small_spec ("io-http", sl_test_models_to_test (), urls, "connect_timeout_s=5", NULL);
      g_autoptr(SlResult) result = sl_test_run_spec (spec, NULL);

      g_assert_cmpint (result->status, ==, SL_RESULT_PARTIAL);
      for (guint i = 0; i < result->points->len; i++)
        {
          SlPoint *point = g_ptr_array_index (result->points, i);

          g_assert_cmpint (point->status, ==, SL_POINT_FAILED);
          g_assert_cmpuint (point->n_failed_tasks, ==, 6);
          g_assert_nonnull (point->error);
          if (strstr (point->error, cases[c].reason) == NULL)
            g_error ("point error “%s” does not say “%s”", point->error, cases[c].reason);
        }
    }
}

static void
test_runner_bad_scheme (void)
{
  g_autoptr(SlExperimentSpec) spec =
    sl_test_small_spec ("io-http", "threads", "urls=file:///etc/passwd", NULL);
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_experiment_spec_validate (spec, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  result = sl_runner_run_sync (runner, spec, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
}

/* `speedup-lab-cli run` refuses a file:// or ftp:// URL with exit status 2, before running. */
static void
test_cli_bad_scheme (void)
{
  const char *cli = g_getenv ("SPEEDUP_LAB_CLI");
  const char *const urls[] = { "urls=file:///etc/passwd", "urls=ftp://ftp.example.org/x" };

  if (cli == NULL)
    {
      g_test_skip ("SPEEDUP_LAB_CLI is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                  &error, cli, "run", "--workload", "io-http", "--param", urls[i],
                                  "--workers", "1", NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_nonnull (strstr (err, "only http and https"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io-http/defaults", test_http_defaults);
  g_test_add_func ("/io-http/local", test_http_local);
  g_test_add_func ("/io-http/status-error", test_http_status_error);
  g_test_add_func ("/io-http/refused", test_http_refused);
  g_test_add_func ("/io-http/unresolvable", test_http_unresolvable);
  g_test_add_func ("/io-http/timeout", test_http_timeout);
  g_test_add_func ("/io-http/schemes", test_http_schemes);
  g_test_add_func ("/io-http/cancel", test_http_cancel);
  g_test_add_func ("/io-http/max-per-host", test_http_max_per_host);
  g_test_add_data_func ("/io-http/pool/threads", GINT_TO_POINTER (SL_MODEL_THREADS), test_pool);
  g_test_add_data_func ("/io-http/pool/processes", GINT_TO_POINTER (SL_MODEL_PROCESSES), test_pool);
  g_test_add_func ("/io-http/runner/local", test_runner_local);
  g_test_add_func ("/io-http/runner/failures", test_runner_failures);
  g_test_add_func ("/io-http/runner/bad-scheme", test_runner_bad_scheme);
  g_test_add_func ("/io-http/cli/bad-scheme", test_cli_bad_scheme);

  return g_test_run ();
}
