/* test-http-server.c: the built-in HTTP server, driven by libcurl as its clients are. */
#define G_LOG_DOMAIN "test-http-server"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <curl/curl.h>
#include <gio/gio.h>

#include "sl-checksum.h"
#include "sl-error.h"
#include "sl-http-server.h"

typedef struct {
  CURL    *curl;
  GString *body;
  long     status;
  CURLcode code;
} Fetch;

static size_t
append_cb (char   *data,
           size_t  size,
           size_t  n_items,
           void   *user_data)
{
  g_string_append_len (user_data, data, (gssize) (size * n_items));
  return size * n_items;
}

static void
fetch_init (Fetch      *fetch,
            const char *url)
{
  memset (fetch, 0, sizeof *fetch);
  fetch->curl = curl_easy_init ();
  fetch->body = g_string_new (NULL);
  g_assert_nonnull (fetch->curl);
  curl_easy_setopt (fetch->curl, CURLOPT_URL, url);
  curl_easy_setopt (fetch->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (fetch->curl, CURLOPT_PROXY, "");
  curl_easy_setopt (fetch->curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt (fetch->curl, CURLOPT_WRITEFUNCTION, append_cb);
  curl_easy_setopt (fetch->curl, CURLOPT_WRITEDATA, fetch->body);
}

static void
fetch_clear (Fetch *fetch)
{
  g_clear_pointer (&fetch->curl, curl_easy_cleanup);
  if (fetch->body != NULL)
    g_string_free (g_steal_pointer (&fetch->body), TRUE);
}

/* One GET on a fresh handle; returns the status, the body in `body`. */
static long
get (const char  *url,
     GString    **body)
{
  Fetch fetch;
  long status;

  fetch_init (&fetch, url);
  fetch.code = curl_easy_perform (fetch.curl);
  g_assert_cmpint (fetch.code, ==, CURLE_OK);
  curl_easy_getinfo (fetch.curl, CURLINFO_RESPONSE_CODE, &fetch.status);
  status = fetch.status;
  if (body != NULL)
    *body = g_steal_pointer (&fetch.body);
  fetch_clear (&fetch);

  return status;
}

static SlHttpServer *
start_server (guint  pages,
              gint64 bytes,
              guint  delay_ms)
{
  SlHttpServerOptions options;
  g_autoptr(GError) error = NULL;
  SlHttpServer *server;

  sl_http_server_options_init (&options);
  options.pages = pages;
  options.default_bytes = bytes;
  options.default_delay_ms = delay_ms;

  server = sl_http_server_new (&options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  g_assert_cmpuint (sl_http_server_get_port (server), >, 0);
  g_assert_true (g_str_has_prefix (sl_http_server_get_url (server), "http://127.0.0.1:"));

  return server;
}

static void
test_content (void)
{
  guint8 whole[5000];
  guint8 part[5000];
  guint64 state = SL_CHECKSUM_INIT;

  /* Any split of a page gives the same bytes, and the incremental checksum matches. */
  sl_http_page_fill (7, 0, whole, sizeof whole);
  sl_http_page_fill (7, 0, part, 3);
  sl_http_page_fill (7, 3, part + 3, 1234);
  sl_http_page_fill (7, 1237, part + 1237, sizeof part - 1237);
  g_assert_cmpmem (whole, sizeof whole, part, sizeof part);

  state = sl_checksum_update (state, whole, 1000);
  state = sl_checksum_update (state, whole + 1000, sizeof whole - 1000);
  g_assert_cmpuint (state, ==, sl_http_page_checksum (7, sizeof whole));
  g_assert_cmpuint (sl_http_page_checksum (7, sizeof whole), !=, sl_http_page_checksum (8, sizeof whole));
  g_assert_cmpuint (sl_http_page_checksum (0, 0), ==, SL_CHECKSUM_INIT);

  for (gsize i = 0; i < sizeof whole; i++)
    g_assert_true (g_ascii_isalnum (whole[i]) || whole[i] == ' ' || whole[i] == '\n');
}

static void
test_pages (void)
{
  g_autoptr(SlHttpServer) server = start_server (10, 1000, 0);
  const char *base = sl_http_server_get_url (server);

  for (guint page = 0; page < 10; page++)
    {
      g_autofree char *url = g_strdup_printf ("%s/page/%u", base, page);
      GString *body = NULL;

      g_assert_cmpint (get (url, &body), ==, 200);
      g_assert_cmpuint (body->len, ==, 1000);
      g_assert_cmpuint (sl_checksum_update (SL_CHECKSUM_INIT, body->str, body->len), ==,
                        sl_http_page_checksum (page, 1000));
      g_string_free (body, TRUE);
    }

  /* bytes= overrides the default, twice on the same page, past the cache's size too. */
  {
    const gint64 sizes[] = { 12345, 0, 300 * 1024 };

    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autofree char *url = g_strdup_printf ("%s/page/3?bytes=%" G_GINT64_FORMAT, base, sizes[i]);
        GString *body = NULL;

        g_assert_cmpint (get (url, &body), ==, 200);
        g_assert_cmpuint (body->len, ==, (gsize) sizes[i]);
        g_assert_cmpuint (sl_checksum_update (SL_CHECKSUM_INIT, body->str, body->len), ==,
                          sl_http_page_checksum (3, (guint64) sizes[i]));
        g_string_free (body, TRUE);
      }
  }

  /* Mistakes get a status and a reason, not a hang. */
  {
    g_autofree char *beyond = g_strdup_printf ("%s/page/10", base);
    g_autofree char *bad_bytes = g_strdup_printf ("%s/page/1?bytes=lots", base);
    g_autofree char *bad_delay = g_strdup_printf ("%s/page/1?delay_ms=-1", base);
    g_autofree char *nowhere = g_strdup_printf ("%s/nowhere", base);
    g_autofree char *index = g_strdup_printf ("%s/", base);
    g_autofree char *last = g_strdup_printf ("%s/page/9\n", base);
    GString *body = NULL;

    g_assert_cmpint (get (beyond, NULL), ==, 404);
    g_assert_cmpint (get (bad_bytes, &body), ==, 400);
    g_assert_nonnull (strstr (body->str, "bytes must be a whole number"));
    g_string_free (body, TRUE);
    g_assert_cmpint (get (bad_delay, NULL), ==, 400);
    g_assert_cmpint (get (nowhere, NULL), ==, 404);

    g_assert_cmpint (get (index, &body), ==, 200);
    g_assert_nonnull (strstr (body->str, last));
    g_string_free (body, TRUE);
  }
}

static void
test_status (void)
{
  g_autoptr(SlHttpServer) server = start_server (10, 1000, 0);
  const guint codes[] = { 200, 204, 404, 418, 500, 503 };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/status/%u", sl_http_server_get_url (server),
                                              codes[i]);
      g_assert_cmpint (get (url, NULL), ==, codes[i]);
    }

  {
    g_autofree char *url = g_strdup_printf ("%s/status/99", sl_http_server_get_url (server));
    g_assert_cmpint (get (url, NULL), ==, 400);
  }
}

static void
test_delay (void)
{
  g_autoptr(SlHttpServer) server = start_server (10, 100, 0);
  g_autofree char *url = g_strdup_printf ("%s/page/0?delay_ms=150", sl_http_server_get_url (server));
  gint64 start = g_get_monotonic_time ();

  /* A lower bound only: a timer never fires early, however busy the machine is. */
  g_assert_cmpint (get (url, NULL), ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (sl_http_server_get_max_waiting (server), ==, 1);
}

static void
test_keep_alive (void)
{
  g_autoptr(SlHttpServer) server = start_server (10, 100, 0);
  g_autofree char *url = g_strdup_printf ("%s/page/1", sl_http_server_get_url (server));

  for (int reuse = 1; reuse >= 0; reuse--)
    {
      guint64 before = sl_http_server_get_n_connections (server);
      Fetch fetch;

      fetch_init (&fetch, url);
      curl_easy_setopt (fetch.curl, CURLOPT_FORBID_REUSE, reuse ? 0L : 1L);
      for (int i = 0; i < 10; i++)
        {
          g_assert_cmpint (curl_easy_perform (fetch.curl), ==, CURLE_OK);
          curl_easy_getinfo (fetch.curl, CURLINFO_RESPONSE_CODE, &fetch.status);
          g_assert_cmpint (fetch.status, ==, 200);
        }
      fetch_clear (&fetch);

      g_assert_cmpuint (sl_http_server_get_n_connections (server) - before, ==, reuse ? 1 : 10);
    }

  g_assert_cmpuint (sl_http_server_get_n_requests (server), ==, 20);

  /* HTTP/1.0 clients such as ab -k keep their connection only when the reply says so. */
  {
    guint64 before = sl_http_server_get_n_connections (server);
    struct curl_slist *headers = curl_slist_append (NULL, "Connection: Keep-Alive");
    Fetch fetch;

    fetch_init (&fetch, url);
    curl_easy_setopt (fetch.curl, CURLOPT_HTTP_VERSION, (long) CURL_HTTP_VERSION_1_0);
    curl_easy_setopt (fetch.curl, CURLOPT_HTTPHEADER, headers);
    for (int i = 0; i < 5; i++)
      g_assert_cmpint (curl_easy_perform (fetch.curl), ==, CURLE_OK);
    fetch_clear (&fetch);
    curl_slist_free_all (headers);

    g_assert_cmpuint (sl_http_server_get_n_connections (server) - before, ==, 1);
  }
}

/* A client that gives up while its reply waits on a timer leaves the server healthy: the timer
 * is dropped rather than firing at a closed connection. */
static void
test_client_gone (void)
{
  g_autoptr(SlHttpServer) server = start_server (10, 100, 0);
  g_autofree char *slow = g_strdup_printf ("%s/page/0?delay_ms=300", sl_http_server_get_url (server));
  g_autofree char *fast = g_strdup_printf ("%s/page/1", sl_http_server_get_url (server));
  Fetch fetch;

  fetch_init (&fetch, slow);
  curl_easy_setopt (fetch.curl, CURLOPT_TIMEOUT_MS, 50L);
  g_assert_cmpint (curl_easy_perform (fetch.curl), ==, CURLE_OPERATION_TIMEDOUT);
  fetch_clear (&fetch);

  /* Past the dropped reply's time: the server thread would have hit a dead message by now. */
  g_usleep (400 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (get (fast, NULL), ==, 200);
  g_assert_cmpuint (sl_http_server_get_n_requests (server), ==, 2);
}

#define N_CONCURRENT 256

/* 256 clients at once, each on its own connection, all waiting on the server at the same time. */
static void
test_concurrent (void)
{
  g_autoptr(SlHttpServer) server = start_server (100, 4096, 0);
  Fetch *fetches = g_new0 (Fetch, N_CONCURRENT);
  CURLM *multi = curl_multi_init ();
  int running = 0;
  int done = 0;
  CURLMsg *msg;
  int left;

  curl_multi_setopt (multi, CURLMOPT_MAXCONNECTS, (long) N_CONCURRENT);
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/page/%u?delay_ms=1500",
                                              sl_http_server_get_url (server), i % 100);

      fetch_init (&fetches[i], url);
      curl_easy_setopt (fetches[i].curl, CURLOPT_PRIVATE, &fetches[i]);
      curl_multi_add_handle (multi, fetches[i].curl);
    }

  do
    {
      g_assert_cmpint (curl_multi_perform (multi, &running), ==, CURLM_OK);
      while ((msg = curl_multi_info_read (multi, &left)) != NULL)
        {
          Fetch *fetch = NULL;

          if (msg->msg != CURLMSG_DONE)
            continue;
          curl_easy_getinfo (msg->easy_handle, CURLINFO_PRIVATE, (char **) &fetch);
          fetch->code = msg->data.result;
          curl_easy_getinfo (msg->easy_handle, CURLINFO_RESPONSE_CODE, &fetch->status);
          done++;
        }
      if (running > 0)
        g_assert_cmpint (curl_multi_poll (multi, NULL, 0, 1000, NULL), ==, CURLM_OK);
    }
  while (running > 0);

  g_assert_cmpint (done, ==, N_CONCURRENT);
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_assert_cmpint (fetches[i].code, ==, CURLE_OK);
      g_assert_cmpint (fetches[i].status, ==, 200);
      g_assert_cmpuint (fetches[i].body->len, ==, 4096);
      g_assert_cmpuint (sl_checksum_update (SL_CHECKSUM_INIT, fetches[i].body->str, 4096), ==,
                        sl_http_page_checksum (i % 100, 4096));
      curl_multi_remove_handle (multi, fetches[i].curl);
      fetch_clear (&fetches[i]);
    }
  curl_multi_cleanup (multi);
  g_free (fetches);

  g_assert_cmpuint (sl_http_server_get_n_connections (server), ==, N_CONCURRENT);
  g_assert_cmpuint (sl_http_server_get_n_requests (server), ==, N_CONCURRENT);
  /* Every reply waited on a timer while all the others did: no thread per request. */
  g_assert_cmpuint (sl_http_server_get_max_waiting (server), ==, N_CONCURRENT);
}

/* Stopping with replies still waiting drops them: the client sees a closed connection and the
 * stop does not wait for the timers. */
static void
test_stop_while_waiting (void)
{
  SlHttpServer *server = start_server (10, 100, 0);
  g_autofree char *url = g_strdup_printf ("%s/page/0?delay_ms=60000", sl_http_server_get_url (server));
  CURLM *multi = curl_multi_init ();
  Fetch fetch;
  int running = 1;
  CURLMsg *msg;
  int left;

  fetch_init (&fetch, url);
  curl_multi_add_handle (multi, fetch.curl);

  while (sl_http_server_get_max_waiting (server) == 0)
    {
      curl_multi_perform (multi, &running);
      curl_multi_poll (multi, NULL, 0, 10, NULL);
    }
  sl_http_server_free (server);

  while (running > 0)
    {
      curl_multi_perform (multi, &running);
      if (running > 0)
        curl_multi_poll (multi, NULL, 0, 100, NULL);
    }
  msg = curl_multi_info_read (multi, &left);
  g_assert_nonnull (msg);
  g_assert_cmpint (msg->data.result, !=, CURLE_OK);

  curl_multi_remove_handle (multi, fetch.curl);
  fetch_clear (&fetch);
  curl_multi_cleanup (multi);
}

static void
test_port_taken (void)
{
  g_autoptr(SlHttpServer) first = start_server (10, 100, 0);
  g_autoptr(SlHttpServer) second = NULL;
  g_autoptr(GError) error = NULL;
  SlHttpServerOptions options;

  sl_http_server_options_init (&options);
  options.port = sl_http_server_get_port (first);
  second = sl_http_server_new (&options, &error);
  g_assert_null (second);
  g_assert_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "choose another port"));
}

/* `speedup-lab-cli serve` prints its address first, serves, and stops cleanly on SIGTERM. */
static void
test_cli_serve (void)
{
  const char *cli = g_getenv ("SPEEDUP_LAB_CLI");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  GString *body = NULL;

  if (cli == NULL)
    {
      g_test_skip ("SPEEDUP_LAB_CLI is not set");
      return;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, cli, "serve", "--pages", "5", "--bytes", "777",
                              "--latency-ms", "0", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));

  url = g_strdup_printf ("%spage/4", line);
  g_assert_cmpint (get (url, &body), ==, 200);
  g_assert_cmpuint (body->len, ==, 777);
  g_assert_cmpuint (sl_checksum_update (SL_CHECKSUM_INIT, body->str, body->len), ==,
                    sl_http_page_checksum (4, 777));
  g_string_free (body, TRUE);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_cli_serve_usage (void)
{
  const char *cli = g_getenv ("SPEEDUP_LAB_CLI");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (cli == NULL)
    {
      g_test_skip ("SPEEDUP_LAB_CLI is not set");
      return;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              cli, "serve", "--port", "70000", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);

  g_test_add_func ("/http-server/content", test_content);
  g_test_add_func ("/http-server/pages", test_pages);
  g_test_add_func ("/http-server/status", test_status);
  g_test_add_func ("/http-server/delay", test_delay);
  g_test_add_func ("/http-server/keep-alive", test_keep_alive);
  g_test_add_func ("/http-server/client-gone", test_client_gone);
  g_test_add_func ("/http-server/concurrent", test_concurrent);
  g_test_add_func ("/http-server/stop-while-waiting", test_stop_while_waiting);
  g_test_add_func ("/http-server/port-taken", test_port_taken);
  g_test_add_func ("/http-server/cli-serve", test_cli_serve);
  g_test_add_func ("/http-server/cli-serve-usage", test_cli_serve_usage);

  return g_test_run ();
}
