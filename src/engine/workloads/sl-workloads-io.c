/* sl-workloads-io.c: the I/O-bound and mixed workloads: HTTP fetches, sleeps, file round trips.
 *
 * The HTTP workloads fetch from the built-in server (sl-http-server.h) unless a person gives
 * URLs, so the article's "fetch 100 web pages" runs offline and gives the same answer every time:
 * every body is checked against the page's known checksum. A request that fails is a failed task
 * with a message naming the URL and the reason; the runner flags its point, never averages it in.
 */
#define G_LOG_DOMAIN "sl-workloads-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "python/sl-python-sources.h"
#include "sl-error.h"
#include "sl-http-server.h"
#include "sl-workloads.h"

/* How often a sleeping or waiting task looks at its cancel flag. */
#define CANCEL_POLL_US      (5 * G_TIME_SPAN_MILLISECOND)
/* Iterations of the CPU loop between two looks at the cancel flag (well under a millisecond). */
#define CPU_CANCEL_STRIDE   (G_GUINT64_CONSTANT (1) << 16)
#define FILE_BLOCK          (64 * 1024)

#if defined(__GNUC__)
# define OPAQUE(x) __asm__ volatile ("" : "+r" (x))
#else
# define OPAQUE(x) do { volatile __typeof__ (x) _v = (x); (x) = _v; } while (0)
#endif

static inline gboolean
cancelled (const SlTask *task)
{
  return task != NULL && task->cancel != NULL && g_atomic_int_get (task->cancel) != 0;
}

static gboolean
set_cancelled (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  return FALSE;
}

/* Sleeps until `deadline` (monotonic µs) in short steps, so that cancelling is prompt. */
static gboolean
sleep_until (gint64        deadline,
             const SlTask *task)
{
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();

      if (cancelled (task))
        return FALSE;
      if (now >= deadline)
        return TRUE;
      g_usleep ((gulong) MIN (deadline - now, CANCEL_POLL_US));
    }
}

/* ---- the built-in server, for a whole experiment ---- */

static gboolean
start_local_server (SlParams  *params,
                    guint      pages,
                    gint64     bytes,
                    guint      delay_ms,
                    gpointer  *experiment_state,
                    GError   **error)
{
  SlHttpServerOptions options;
  SlHttpServer *server;

  sl_http_server_options_init (&options);
  options.pages = pages;
  options.default_bytes = bytes;
  options.default_delay_ms = delay_ms;

  server = sl_http_server_new (&options, error);
  if (server == NULL)
    return FALSE;

  sl_params_set (params, "server_url", sl_http_server_get_url (server));
  *experiment_state = server;
  return TRUE;
}

static void
stop_local_server (gpointer experiment_state)
{
  g_clear_pointer (&experiment_state, sl_http_server_free);
}

/* ---- HTTP client ---- */

typedef struct {
  /* where: the built-in server, or a person's URLs */
  char       *server_url;         /* NULL with user URLs */
  GPtrArray  *urls;               /* char*; empty for the built-in server */
  GPtrArray  *hosts;              /* char*, the host of each URL, for the per-host cap */
  guint       pages;
  gint64      bytes;
  gint64      delay_ms;

  /* how */
  gboolean    keep_alive;
  double      connect_timeout_s;
  double      timeout_s;
  guint       max_per_host;       /* 0: no cap */

  /* the per-host cap, shared by the threads of one process */
  GMutex      lock;
  GCond       cond;
  GHashTable *in_flight;          /* host -> requests in flight */

  /* expected body checksums of the built-in server's pages, filled on demand */
  guint64    *page_checksums;
  gboolean   *page_known;
} HttpShared;

typedef struct {
  HttpShared   *shared;
  CURL         *curl;
  char          error_buffer[CURL_ERROR_SIZE];

  /* the transfer in progress */
  const SlTask *task;
  guint64       checksum;
  guint64       size;
} HttpWorker;

/* Splits on commas and white space, and accepts http and https URLs with a host, nothing else:
 * a file:// URL would read local files and other schemes do not measure what the article did. */
static GPtrArray *
parse_url_list (const char  *text,
                GPtrArray  **hosts_out,
                GError     **error)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) tokens = g_regex_split_simple ("[\\s,]+", text != NULL ? text : "", 0, 0);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *scheme;
      const char *host;

      if (tokens[i][0] == '\0')
        continue;

      uri = g_uri_parse (tokens[i], G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED,
                         &local_error);
      if (uri == NULL)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       "“%s” in urls is not a URL (%s): write it as http://… or https://…",
                       tokens[i], local_error->message);
          return NULL;
        }

      scheme = g_uri_get_scheme (uri);
      if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       "URL “%s” in urls uses the %s scheme: only http and https URLs can be "
                       "fetched", tokens[i], scheme);
          return NULL;
        }

      host = g_uri_get_host (uri);
      if (host == NULL || host[0] == '\0')
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       "URL “%s” in urls has no host name", tokens[i]);
          return NULL;
        }

      g_ptr_array_add (urls, g_strdup (tokens[i]));
      g_ptr_array_add (hosts, g_ascii_strdown (host, -1));
    }

  if (hosts_out != NULL)
    *hosts_out = g_steal_pointer (&hosts);

  return g_steal_pointer (&urls);
}

static HttpShared *
http_shared_new (void)
{
  HttpShared *shared = g_new0 (HttpShared, 1);

  shared->urls = g_ptr_array_new_with_free_func (g_free);
  shared->hosts = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&shared->lock);
  g_cond_init (&shared->cond);
  shared->in_flight = g_hash_table_new (g_str_hash, g_str_equal);
  shared->keep_alive = TRUE;
  shared->connect_timeout_s = 5;
  shared->timeout_s = 30;

  return shared;
}

static void
http_shared_free (HttpShared *shared)
{
  if (shared == NULL)
    return;

  g_free (shared->server_url);
  g_ptr_array_unref (shared->urls);
  g_ptr_array_unref (shared->hosts);
  g_mutex_clear (&shared->lock);
  g_cond_clear (&shared->cond);
  g_hash_table_unref (shared->in_flight);
  g_free (shared->page_checksums);
  g_free (shared->page_known);
  g_free (shared);
}

/* For the built-in server: its address comes from the experiment's hidden parameter. */
static gboolean
http_shared_set_server (HttpShared     *shared,
                        const SlParams *params,
                        guint           pages,
                        gint64          bytes,
                        gint64          delay_ms,
                        GError        **error)
{
  const char *server_url = sl_params_get_string (params, "server_url");

  if (server_url[0] == '\0')
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           "The built-in HTTP server is not running (server_url is empty): "
                           "start the experiment through the runner, which starts the server");
      return FALSE;
    }

  shared->server_url = g_strdup (server_url);
  shared->pages = pages;
  shared->bytes = bytes;
  shared->delay_ms = delay_ms;
  shared->page_checksums = g_new0 (guint64, pages);
  shared->page_known = g_new0 (gboolean, pages);
  return TRUE;
}

static guint64
http_shared_page_checksum (HttpShared *shared,
                           guint64     page)
{
  guint64 checksum;

  g_mutex_lock (&shared->lock);
  if (!shared->page_known[page])
    {
      shared->page_checksums[page] = sl_http_page_checksum (page, (guint64) shared->bytes);
      shared->page_known[page] = TRUE;
    }
  checksum = shared->page_checksums[page];
  g_mutex_unlock (&shared->lock);

  return checksum;
}

static gboolean
host_acquire (HttpShared   *shared,
              const char   *host,
              const SlTask *task)
{
  g_mutex_lock (&shared->lock);
  for (;;)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (shared->in_flight, host));

      if (n < shared->max_per_host)
        {
          g_hash_table_insert (shared->in_flight, (gpointer) host, GUINT_TO_POINTER (n + 1));
          break;
        }
      if (cancelled (task))
        {
          g_mutex_unlock (&shared->lock);
          return FALSE;
        }
      g_cond_wait_until (&shared->cond, &shared->lock, g_get_monotonic_time () + CANCEL_POLL_US);
    }
  g_mutex_unlock (&shared->lock);

  return TRUE;
}

static void
host_release (HttpShared *shared,
              const char *host)
{
  guint n;

  g_mutex_lock (&shared->lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (shared->in_flight, host));
  g_assert (n > 0);
  if (n == 1)
    g_hash_table_remove (shared->in_flight, host);
  else
    g_hash_table_insert (shared->in_flight, (gpointer) host, GUINT_TO_POINTER (n - 1));
  g_cond_broadcast (&shared->cond);
  g_mutex_unlock (&shared->lock);
}

static CURLcode curl_init_result;

static gpointer
curl_init_once (gpointer data)
{
  curl_init_result = curl_global_init (CURL_GLOBAL_DEFAULT);
  return NULL;
}

static size_t
http_write_cb (char   *data,
               size_t  size,
               size_t  n_items,
               void   *user_data)
{
  HttpWorker *worker = user_data;
  size_t length = size * n_items;

  worker->checksum = sl_checksum_update (worker->checksum, data, length);
  worker->size += length;
  return length;
}

/* libcurl calls this during transfers and at least about once a second while waiting. */
static int
http_progress_cb (void       *user_data,
                  curl_off_t  download_total,
                  curl_off_t  download_now,
                  curl_off_t  upload_total,
                  curl_off_t  upload_now)
{
  HttpWorker *worker = user_data;

  return cancelled (worker->task) ? 1 : 0;
}

static void
http_worker_free (gpointer data)
{
  HttpWorker *worker = data;

  if (worker == NULL)
    return;

  g_clear_pointer (&worker->curl, curl_easy_cleanup);
  g_free (worker);
}

/* One easy handle per worker, reused for every task, so that keep-alive can reuse its
 * connection exactly as a requests.Session would. */
static HttpWorker *
http_worker_new (HttpShared  *shared,
                 GError     **error)
{
  static GOnce curl_once = G_ONCE_INIT;
  HttpWorker *worker;
  CURL *curl;

  g_once (&curl_once, curl_init_once, NULL);
  if (curl_init_result != CURLE_OK)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE, "Could not initialise libcurl: %s",
                   curl_easy_strerror (curl_init_result));
      return NULL;
    }

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           "Could not create a libcurl handle (out of memory?)");
      return NULL;
    }

  worker = g_new0 (HttpWorker, 1);
  worker->shared = shared;
  worker->curl = curl;

  /* Signals are no way to time out a request in a multi-threaded process. */
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, worker->error_buffer);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, http_write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, worker);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, http_progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, worker);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "speedup-lab/" PACKAGE_VERSION);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
  curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS, (long) (CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, (long) (shared->connect_timeout_s * 1000));
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, (long) (shared->timeout_s * 1000));
  curl_easy_setopt (curl, CURLOPT_FORBID_REUSE, shared->keep_alive ? 0L : 1L);

  if (shared->server_url != NULL)
    {
      /* The server is on this machine: a proxy from the environment must not be in the way. */
      curl_easy_setopt (curl, CURLOPT_PROXY, "");
    }
  else
    {
      curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 1L);
      curl_easy_setopt (curl, CURLOPT_MAXREDIRS, 5L);
    }

  return worker;
}

static gboolean
set_curl_error (HttpWorker  *worker,
                const char  *url,
                CURLcode     code,
                GError     **error)
{
  const char *detail = worker->error_buffer[0] != '\0' ? worker->error_buffer
                                                       : curl_easy_strerror (code);
  long os_errno = 0;
  curl_off_t connect_time = 0;

  curl_easy_getinfo (worker->curl, CURLINFO_OS_ERRNO, &os_errno);
  curl_easy_getinfo (worker->curl, CURLINFO_CONNECT_TIME_T, &connect_time);

  switch ((int) code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
      g_set_error (error, SL_ERROR, SL_ERROR_TASK, "could not resolve host: %s (%s)",
                   url, detail);
      break;

    case CURLE_COULDNT_CONNECT:
      if (os_errno == ECONNREFUSED)
        g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                     "connection refused: %s (nothing listens on that port)", url);
      else
        g_set_error (error, SL_ERROR, SL_ERROR_TASK, "could not connect: %s (%s)", url, detail);
      break;

    case CURLE_OPERATION_TIMEDOUT:
      /* Not connected yet means the connect timeout struck, else the whole-request one. */
      if (connect_time == 0)
        g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                     "timed out after %.1f s while connecting: %s (raise connect_timeout_s?)",
                     worker->shared->connect_timeout_s, url);
      else
        g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                     "timed out after %.1f s: %s (raise timeout_s?)",
                     worker->shared->timeout_s, url);
      break;

    default:
      g_set_error (error, SL_ERROR, SL_ERROR_TASK, "request failed: %s (%s)", url, detail);
      break;
    }

  return FALSE;
}

/* GETs `url`; on success the worker holds the body's checksum and size. `host` is set when
 * the per-host cap applies. */
static gboolean
http_fetch (HttpWorker    *worker,
            const char    *url,
            const char    *host,
            const SlTask  *task,
            GError       **error)
{
  gboolean capped = host != NULL && worker->shared->max_per_host > 0;
  CURLcode code;
  long status = 0;

  if (capped && !host_acquire (worker->shared, host, task))
    return set_cancelled (error);

  worker->task = task;
  worker->checksum = SL_CHECKSUM_INIT;
  worker->size = 0;
  worker->error_buffer[0] = '\0';
  curl_easy_setopt (worker->curl, CURLOPT_URL, url);

  code = curl_easy_perform (worker->curl);

  worker->task = NULL;
  if (capped)
    host_release (worker->shared, host);

  if (cancelled (task) || code == CURLE_ABORTED_BY_CALLBACK)
    return set_cancelled (error);
  if (code != CURLE_OK)
    return set_curl_error (worker, url, code, error);

  curl_easy_getinfo (worker->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status / 100 != 2)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_TASK, "HTTP %ld from %s", status, url);
      return FALSE;
    }

  return TRUE;
}

/* Fetches page `page` of the built-in server and checks its size; the checksum is left for
 * the runner to compare with expected(). */
static gboolean
http_fetch_page (HttpWorker    *worker,
                 guint64        page,
                 const SlTask  *task,
                 GError       **error)
{
  HttpShared *shared = worker->shared;
  char url[512];

  g_snprintf (url, sizeof url, "%s/page/%" G_GUINT64_FORMAT "?bytes=%" G_GINT64_FORMAT
              "&delay_ms=%" G_GINT64_FORMAT, shared->server_url, page, shared->bytes,
              shared->delay_ms);

  if (!http_fetch (worker, url, NULL, task, error))
    return FALSE;

  if (worker->size != (guint64) shared->bytes)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                   "short body: %" G_GUINT64_FORMAT " of %" G_GINT64_FORMAT " bytes from %s",
                   worker->size, shared->bytes, url);
      return FALSE;
    }

  return TRUE;
}

/* ---- io-http: the article's "fetch 100 web pages" ---- */

static const SlParamInfo io_http_params[] = {
  { "pages", SL_PARAM_INT, "100", 1, 100000, "pages",
    "Pages of the built-in server to fetch; task i fetches page i mod pages", 0 },
  { "latency_ms", SL_PARAM_INT, "50", 0, SL_HTTP_MAX_DELAY_MS, "ms",
    "How long the built-in server waits before it answers each request", 0 },
  { "bytes", SL_PARAM_INT, "16384", 0, (double) SL_HTTP_MAX_BYTES, "bytes",
    "Body size of each page of the built-in server", 0 },
  { "keep_alive", SL_PARAM_BOOL, "true", 0, 0, NULL,
    "Reuse each worker's connection between requests; off opens a new connection per request", 0 },
  { "urls", SL_PARAM_STRING, "", 0, 0, NULL,
    "http(s) URLs to fetch instead of the built-in server, separated by commas, spaces or new "
    "lines; task i fetches URL i mod n, and there is one task per URL unless told otherwise", 0 },
  { "connect_timeout_s", SL_PARAM_DOUBLE, "5", 0.01, 300, "s",
    "Longest wait for a connection (name lookup included)", 0 },
  { "timeout_s", SL_PARAM_DOUBLE, "30", 0.01, 3600, "s",
    "Longest a whole request may take", 0 },
  { "max_per_host", SL_PARAM_INT, "0", 0, 1024, "requests",
    "Most requests in flight to one host of urls, 0 for no cap; with processes, each worker "
    "process counts only its own requests", 0 },
  { "server_url", SL_PARAM_STRING, "", 0, 0, NULL,
    "Address of the built-in server, set when the experiment starts", SL_PARAM_FLAG_INTERNAL },
};

static gboolean
io_http_check (const SlParams *params,
               GError        **error)
{
  g_autoptr(GPtrArray) urls = parse_url_list (sl_params_get_string (params, "urls"), NULL, error);
  gint64 latency_ms = sl_params_get_int (params, "latency_ms");
  double timeout_s = sl_params_get_double (params, "timeout_s");

  if (urls == NULL)
    return FALSE;

  /* Every distinct page is checksummed once, off the clock, to check the bodies. */
  if (urls->len == 0 &&
      sl_params_get_int (params, "pages") * sl_params_get_int (params, "bytes") >
      G_GINT64_CONSTANT (8) << 30)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "pages × bytes is over 8 GiB, too much to check every body: lower one of "
                   "them");
      return FALSE;
    }

  if (urls->len == 0 && latency_ms >= timeout_s * 1000)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "latency_ms = %" G_GINT64_FORMAT " is not below timeout_s = %g s, so every "
                   "request would time out: raise timeout_s or lower latency_ms",
                   latency_ms, timeout_s);
      return FALSE;
    }

  return TRUE;
}

static guint64
io_http_default_tasks (const SlParams *params)
{
  g_autoptr(GPtrArray) urls = parse_url_list (sl_params_get_string (params, "urls"), NULL, NULL);

  if (urls != NULL && urls->len > 0)
    return urls->len;

  return (guint64) sl_params_get_int (params, "pages");
}

static gboolean
io_http_experiment_setup (SlParams  *params,
                          gpointer  *experiment_state,
                          GError   **error)
{
  g_autoptr(GPtrArray) urls = parse_url_list (sl_params_get_string (params, "urls"), NULL, error);

  *experiment_state = NULL;
  if (urls == NULL)
    return FALSE;
  if (urls->len > 0)
    return TRUE;

  return start_local_server (params, (guint) sl_params_get_int (params, "pages"),
                             sl_params_get_int (params, "bytes"),
                             (guint) sl_params_get_int (params, "latency_ms"),
                             experiment_state, error);
}

static gpointer
io_http_prepare (const SlParams *params,
                 GError        **error)
{
  HttpShared *shared = http_shared_new ();
  g_autoptr(GPtrArray) hosts = NULL;
  g_autoptr(GPtrArray) urls = NULL;

  urls = parse_url_list (sl_params_get_string (params, "urls"), &hosts, error);
  if (urls == NULL)
    goto failed;

  shared->keep_alive = sl_params_get_bool (params, "keep_alive");
  shared->connect_timeout_s = sl_params_get_double (params, "connect_timeout_s");
  shared->timeout_s = sl_params_get_double (params, "timeout_s");
  shared->max_per_host = (guint) sl_params_get_int (params, "max_per_host");

  if (urls->len > 0)
    {
      g_ptr_array_extend_and_steal (shared->urls, g_steal_pointer (&urls));
      g_ptr_array_extend_and_steal (shared->hosts, g_steal_pointer (&hosts));
    }
  else if (!http_shared_set_server (shared, params, (guint) sl_params_get_int (params, "pages"),
                                    sl_params_get_int (params, "bytes"),
                                    sl_params_get_int (params, "latency_ms"), error))
    goto failed;

  return shared;

failed:
  http_shared_free (shared);
  return NULL;
}

static gpointer
io_http_worker_init (gpointer  shared,
                     GError  **error)
{
  return http_worker_new (shared, error);
}

static gboolean
io_http_run (gpointer      data,
             gpointer      local,
             const SlTask *task,
             guint64      *checksum,
             GError      **error)
{
  HttpShared *shared = data;
  HttpWorker *worker = local;

  if (shared->urls->len > 0)
    {
      guint i = (guint) (task->index % shared->urls->len);

      if (!http_fetch (worker, shared->urls->pdata[i], shared->hosts->pdata[i], task, error))
        return FALSE;
    }
  else if (!http_fetch_page (worker, task->index % shared->pages, task, error))
    return FALSE;

  *checksum = worker->checksum;
  return TRUE;
}

static gboolean
io_http_expected (gpointer      data,
                  const SlTask *task,
                  guint64      *checksum)
{
  HttpShared *shared = data;

  /* Nobody knows in advance what a person's URLs return. */
  if (shared->urls->len > 0)
    return FALSE;

  *checksum = http_shared_page_checksum (shared, task->index % shared->pages);
  return TRUE;
}

const SlWorkload sl_workload_io_http = {
  .id = "io-http",
  .title = "Fetch web pages",
  .description = "I/O-bound: each task GETs one page through libcurl, from the built-in local "
                 "server (a set latency, a checked body) or from URLs you give. Workers spend "
                 "their time waiting, so speedup keeps growing past the number of cores.",
  .kind = SL_WORKLOAD_KIND_IO,
  .params = io_http_params,
  .n_params = G_N_ELEMENTS (io_http_params),
  .python_source = SL_PYTHON_SOURCE_IO_HTTP,
  .default_tasks = io_http_default_tasks,
  .check = io_http_check,
  .experiment_setup = io_http_experiment_setup,
  .experiment_teardown = stop_local_server,
  .prepare = io_http_prepare,
  .release = (GDestroyNotify) http_shared_free,
  .worker_init = io_http_worker_init,
  .worker_free = http_worker_free,
  .run = io_http_run,
  .expected = io_http_expected,
};

/* ---- io-sleep: pure latency ---- */

static const SlParamInfo io_sleep_params[] = {
  { "latency_ms", SL_PARAM_INT, "50", 0, 600000, "ms",
    "How long each task sleeps: waiting with no I/O at all", 0 },
};

static gpointer
io_sleep_prepare (const SlParams *params,
                  GError        **error)
{
  gint64 *latency_us = g_new (gint64, 1);

  *latency_us = sl_params_get_int (params, "latency_ms") * G_TIME_SPAN_MILLISECOND;
  return latency_us;
}

static gboolean
io_sleep_run (gpointer      shared,
              gpointer      local,
              const SlTask *task,
              guint64      *checksum,
              GError      **error)
{
  const gint64 *latency_us = shared;

  if (!sleep_until (g_get_monotonic_time () + *latency_us, task))
    return set_cancelled (error);

  *checksum = sl_mix64 (task->index);
  return TRUE;
}

static gboolean
io_sleep_expected (gpointer      shared,
                   const SlTask *task,
                   guint64      *checksum)
{
  *checksum = sl_mix64 (task->index);
  return TRUE;
}

static guint64
io_sleep_default_tasks (const SlParams *params)
{
  return 100;
}

const SlWorkload sl_workload_io_sleep = {
  .id = "io-sleep",
  .title = "Sleep",
  .description = "Pure latency: each task sleeps. The ideal I/O-bound case, with no network, "
                 "no disk and no server: what is left is the pool's own overhead.",
  .kind = SL_WORKLOAD_KIND_IO,
  .params = io_sleep_params,
  .n_params = G_N_ELEMENTS (io_sleep_params),
  .default_tasks = io_sleep_default_tasks,
  .prepare = io_sleep_prepare,
  .release = g_free,
  .run = io_sleep_run,
  .expected = io_sleep_expected,
};

/* ---- io-file: write, fsync and read back ---- */

static const SlParamInfo io_file_params[] = {
  { "bytes", SL_PARAM_INT, "262144", 1, 256.0 * 1024 * 1024, "bytes",
    "Size of the file each task writes and reads back (in the folder of TMPDIR)", 0 },
  { "fsync", SL_PARAM_BOOL, "true", 0, 0, NULL,
    "Flush each file to the disk before reading it back", 0 },
  { "dir", SL_PARAM_STRING, "", 0, 0, NULL,
    "The experiment's private temporary folder, set when the experiment starts",
    SL_PARAM_FLAG_INTERNAL },
};

typedef struct {
  char    *folder;       /* private to this pool (or process), removed by release() */
  gint64   bytes;
  gboolean fsync;
  gint     next_worker;  /* atomic */
} FileShared;

typedef struct {
  char   *path;
  guint8 *block;
} FileWorker;

/* Removes a folder we created, with everything in it; never follows symbolic links. */
static void
remove_tree (const char *path)
{
  GStatBuf info;

  if (g_lstat (path, &info) != 0)
    return;

  if (S_ISDIR (info.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (g_rmdir (path) != 0)
        g_warning ("Could not remove the temporary folder %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0 && errno != ENOENT)
    {
      g_warning ("Could not remove the temporary file %s: %s", path, g_strerror (errno));
    }
}

/* The experiment's folder outlives every pool: if a worker process is killed before its
 * release() runs, teardown still removes what it left. */
static gboolean
io_file_experiment_setup (SlParams  *params,
                          gpointer  *experiment_state,
                          GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  char *folder = g_dir_make_tmp ("speedup-lab-io-file-XXXXXX", &local_error);

  if (folder == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO,
                   "Could not create a temporary folder for io-file in %s: %s",
                   g_get_tmp_dir (), local_error->message);
      return FALSE;
    }

  sl_params_set (params, "dir", folder);
  *experiment_state = folder;
  return TRUE;
}

static void
io_file_experiment_teardown (gpointer experiment_state)
{
  g_autofree char *folder = experiment_state;

  if (folder != NULL)
    remove_tree (folder);
}

static gpointer
io_file_prepare (const SlParams *params,
                 GError        **error)
{
  const char *parent = sl_params_get_string (params, "dir");
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  FileShared *shared;

  if (parent[0] != '\0')
    {
      folder = g_build_filename (parent, "pool-XXXXXX", NULL);
      if (g_mkdtemp (folder) == NULL)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_IO, "Could not create a folder in %s: %s",
                       parent, g_strerror (errno));
          return NULL;
        }
    }
  else
    {
      folder = g_dir_make_tmp ("speedup-lab-io-file-XXXXXX", &local_error);
      if (folder == NULL)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_IO,
                       "Could not create a temporary folder for io-file in %s: %s",
                       g_get_tmp_dir (), local_error->message);
          return NULL;
        }
    }

  shared = g_new0 (FileShared, 1);
  shared->folder = g_steal_pointer (&folder);
  shared->bytes = sl_params_get_int (params, "bytes");
  shared->fsync = sl_params_get_bool (params, "fsync");
  return shared;
}

static void
io_file_release (gpointer data)
{
  FileShared *shared = data;

  remove_tree (shared->folder);
  g_free (shared->folder);
  g_free (shared);
}

static gpointer
io_file_worker_init (gpointer  data,
                     GError  **error)
{
  FileShared *shared = data;
  FileWorker *worker = g_new0 (FileWorker, 1);
  g_autofree char *name = g_strdup_printf ("worker-%d.dat",
                                           g_atomic_int_add (&shared->next_worker, 1));

  worker->path = g_build_filename (shared->folder, name, NULL);
  worker->block = g_malloc (FILE_BLOCK);
  return worker;
}

static void
io_file_worker_free (gpointer data)
{
  FileWorker *worker = data;

  g_unlink (worker->path);
  g_free (worker->path);
  g_free (worker->block);
  g_free (worker);
}

static gboolean
set_file_error (const char  *what,
                const char  *path,
                int          saved_errno,
                GError     **error)
{
  g_set_error (error, SL_ERROR, SL_ERROR_IO, "Could not %s %s: %s", what, path,
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const guint8 *data,
           gsize        length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

/* Writes the file of task `index` (page content, so expected() can know its checksum), flushes
 * it, reads it back and checksums what came back. */
static gboolean
io_file_run (gpointer      data,
             gpointer      local,
             const SlTask *task,
             guint64      *checksum,
             GError      **error)
{
  FileShared *shared = data;
  FileWorker *worker = local;
  guint64 total = (guint64) shared->bytes;
  guint64 state = SL_CHECKSUM_INIT;
  guint64 read_back = 0;
  int fd;

  fd = g_open (worker->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_file_error ("create", worker->path, errno, error);

  for (guint64 offset = 0; offset < total; offset += FILE_BLOCK)
    {
      gsize n = (gsize) MIN (FILE_BLOCK, total - offset);

      if (cancelled (task))
        goto cancelled;
      sl_http_page_fill (task->index, offset, worker->block, n);
      if (!write_all (fd, worker->block, n))
        {
          int saved_errno = errno;
          close (fd);
          g_unlink (worker->path);
          return set_file_error ("write", worker->path, saved_errno, error);
        }
    }

  if (shared->fsync && fsync (fd) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_unlink (worker->path);
      return set_file_error ("flush", worker->path, saved_errno, error);
    }
  if (close (fd) != 0)
    {
      g_unlink (worker->path);
      return set_file_error ("write", worker->path, errno, error);
    }

  fd = g_open (worker->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_file_error ("open", worker->path, errno, error);

  for (;;)
    {
      ssize_t n;

      if (cancelled (task))
        goto cancelled;
      n = read (fd, worker->block, FILE_BLOCK);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          return set_file_error ("read back", worker->path, saved_errno, error);
        }
      if (n == 0)
        break;
      state = sl_checksum_update (state, worker->block, (gsize) n);
      read_back += (guint64) n;
    }
  close (fd);

  if (read_back != total)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_IO,
                   "Read back %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes from %s",
                   read_back, total, worker->path);
      return FALSE;
    }

  *checksum = state;
  return TRUE;

cancelled:
  /* A cancelled run leaves nothing behind, even before worker_free() and release() run. */
  close (fd);
  g_unlink (worker->path);
  return set_cancelled (error);
}

static gboolean
io_file_expected (gpointer      data,
                  const SlTask *task,
                  guint64      *checksum)
{
  FileShared *shared = data;

  *checksum = sl_http_page_checksum (task->index, (guint64) shared->bytes);
  return TRUE;
}

static guint64
io_file_default_tasks (const SlParams *params)
{
  return 64;
}

const SlWorkload sl_workload_io_file = {
  .id = "io-file",
  .title = "File round trips",
  .description = "Disk I/O: each task writes a file, flushes it to the disk and reads it back, "
                 "in a private temporary folder that is always removed.",
  .kind = SL_WORKLOAD_KIND_IO,
  .params = io_file_params,
  .n_params = G_N_ELEMENTS (io_file_params),
  .default_tasks = io_file_default_tasks,
  .experiment_setup = io_file_experiment_setup,
  .experiment_teardown = io_file_experiment_teardown,
  .prepare = io_file_prepare,
  .release = io_file_release,
  .worker_init = io_file_worker_init,
  .worker_free = io_file_worker_free,
  .run = io_file_run,
  .expected = io_file_expected,
};

/* ---- mixed: C ms of computing, then L ms of waiting ---- */

/* Knuth's MMIX LCG: each step depends on the last, so the loop cannot be vectorised or cut
 * short, and jumping n steps ahead has a closed form for expected(). */
#define LCG_A G_GUINT64_CONSTANT (6364136223846793005)
#define LCG_C G_GUINT64_CONSTANT (1442695040888963407)

#define MIXED_PAGES 100
#define MIXED_BYTES 1024

static const SlParamInfo mixed_params[] = {
  { "cpu_ms", SL_PARAM_INT, "10", 0, 60000, "ms",
    "CPU work per task, measured on one core of this machine when the experiment starts", 0 },
  { "io_ms", SL_PARAM_INT, "40", 0, SL_HTTP_MAX_DELAY_MS, "ms",
    "Waiting per task, after the CPU work", 0 },
  { "io", SL_PARAM_STRING, "sleep", 0, 0, NULL,
    "How the task waits: “sleep”, or “http” for a GET of a 1 KiB page from the built-in server "
    "that answers after io_ms", 0 },
  { "cpu_iterations", SL_PARAM_INT, "0", 0, 1e15, NULL,
    "Loop iterations that take cpu_ms, measured when the experiment starts",
    SL_PARAM_FLAG_INTERNAL },
  { "server_url", SL_PARAM_STRING, "", 0, 0, NULL,
    "Address of the built-in server, set when the experiment starts", SL_PARAM_FLAG_INTERNAL },
};

typedef struct {
  guint64     iterations;
  gint64      io_ms;
  HttpShared *http;      /* NULL when the task sleeps */
} MixedShared;

static guint64
lcg_run (guint64       x,
         guint64       n,
         const SlTask *task,
         gboolean     *was_cancelled)
{
  for (guint64 block = 0; block < n; block += CPU_CANCEL_STRIDE)
    {
      guint64 stop = MIN (n, block + CPU_CANCEL_STRIDE);

      if (cancelled (task))
        {
          *was_cancelled = TRUE;
          return 0;
        }
      for (guint64 i = block; i < stop; i++)
        {
          x = x * LCG_A + LCG_C;
          OPAQUE (x);
        }
    }

  return x;
}

/* n steps of the LCG in O(log n) (F. Brown, "Random number generation with arbitrary
 * strides", 1994). */
static guint64
lcg_jump (guint64 x,
          guint64 n)
{
  guint64 mult = LCG_A, plus = LCG_C;
  guint64 acc_mult = 1, acc_plus = 0;

  while (n > 0)
    {
      if (n & 1)
        {
          acc_mult *= mult;
          acc_plus = acc_plus * mult + plus;
        }
      plus = (mult + 1) * plus;
      mult *= mult;
      n >>= 1;
    }

  return acc_mult * x + acc_plus;
}

static gint64
thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* Iterations of the loop per millisecond of this thread's CPU time; the best of a few tries,
 * since the machine's noise only ever makes a try slower. */
static double
calibrate_iterations_per_ms (void)
{
  guint64 n = CPU_CANCEL_STRIDE;
  guint64 x = 1;
  gboolean unused = FALSE;
  double best = 0;

  for (;;)
    {
      gint64 start = thread_cpu_ns ();
      x = lcg_run (x, n, NULL, &unused);
      if (thread_cpu_ns () - start >= 10 * G_GINT64_CONSTANT (1000000))
        break;
      n *= 2;
    }

  for (int attempt = 0; attempt < 3; attempt++)
    {
      gint64 start = thread_cpu_ns ();
      gint64 elapsed;

      x = lcg_run (x, n, NULL, &unused);
      elapsed = MAX (thread_cpu_ns () - start, 1);
      best = MAX (best, (double) n * 1e6 / (double) elapsed);
    }

  /* Keep x alive so that the calibration loops are not optimised away. */
  OPAQUE (x);
  return best;
}

static guint64
mixed_iterations (gint64 cpu_ms)
{
  return cpu_ms > 0 ? (guint64) (calibrate_iterations_per_ms () * (double) cpu_ms) : 0;
}

static gboolean
mixed_check (const SlParams *params,
             GError        **error)
{
  const char *io = sl_params_get_string (params, "io");

  if (!g_str_equal (io, "sleep") && !g_str_equal (io, "http"))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Parameter io of mixed must be “sleep” or “http”, not “%s”", io);
      return FALSE;
    }

  return TRUE;
}

/* Measures the CPU loop once, here, so that every worker (threads and processes alike) runs
 * the same number of iterations and expected() agrees with all of them. */
static gboolean
mixed_experiment_setup (SlParams  *params,
                        gpointer  *experiment_state,
                        GError   **error)
{
  g_autofree char *iterations = NULL;
  gint64 io_ms = sl_params_get_int (params, "io_ms");

  iterations = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                mixed_iterations (sl_params_get_int (params, "cpu_ms")));
  sl_params_set (params, "cpu_iterations", iterations);

  *experiment_state = NULL;
  if (!g_str_equal (sl_params_get_string (params, "io"), "http"))
    return TRUE;

  return start_local_server (params, MIXED_PAGES, MIXED_BYTES, (guint) io_ms,
                             experiment_state, error);
}

static void
mixed_release (gpointer data)
{
  MixedShared *shared = data;

  http_shared_free (shared->http);
  g_free (shared);
}

static gpointer
mixed_prepare (const SlParams *params,
               GError        **error)
{
  MixedShared *shared = g_new0 (MixedShared, 1);
  gint64 cpu_ms = sl_params_get_int (params, "cpu_ms");

  shared->iterations = (guint64) sl_params_get_int (params, "cpu_iterations");
  /* Without experiment_setup (a direct caller), measure here. */
  if (shared->iterations == 0)
    shared->iterations = mixed_iterations (cpu_ms);
  shared->io_ms = sl_params_get_int (params, "io_ms");

  if (g_str_equal (sl_params_get_string (params, "io"), "http"))
    {
      shared->http = http_shared_new ();
      shared->http->timeout_s = (double) shared->io_ms / 1000 + 30;
      if (!http_shared_set_server (shared->http, params, MIXED_PAGES, MIXED_BYTES,
                                   shared->io_ms, error))
        {
          mixed_release (shared);
          return NULL;
        }
    }

  return shared;
}

static gpointer
mixed_worker_init (gpointer  data,
                   GError  **error)
{
  MixedShared *shared = data;

  /* Sleeping workers need no state; a non-NULL token keeps "no state" apart from failure. */
  if (shared->http == NULL)
    return g_new0 (HttpWorker, 1);

  return http_worker_new (shared->http, error);
}

static gboolean
mixed_run (gpointer      data,
           gpointer      local,
           const SlTask *task,
           guint64      *checksum,
           GError      **error)
{
  MixedShared *shared = data;
  gboolean was_cancelled = FALSE;
  guint64 x;

  x = lcg_run (sl_mix64 (task->index + 1), shared->iterations, task, &was_cancelled);
  if (was_cancelled)
    return set_cancelled (error);

  if (shared->http != NULL)
    {
      HttpWorker *worker = local;

      if (!http_fetch_page (worker, task->index % MIXED_PAGES, task, error))
        return FALSE;
      *checksum = x ^ worker->checksum;
    }
  else
    {
      if (!sleep_until (g_get_monotonic_time () + shared->io_ms * G_TIME_SPAN_MILLISECOND, task))
        return set_cancelled (error);
      *checksum = x;
    }

  return TRUE;
}

static gboolean
mixed_expected (gpointer      data,
                const SlTask *task,
                guint64      *checksum)
{
  MixedShared *shared = data;

  *checksum = lcg_jump (sl_mix64 (task->index + 1), shared->iterations);
  if (shared->http != NULL)
    *checksum ^= http_shared_page_checksum (shared->http, task->index % MIXED_PAGES);

  return TRUE;
}

static guint64
mixed_default_tasks (const SlParams *params)
{
  return 100;
}

const SlWorkload sl_workload_mixed = {
  .id = "mixed",
  .title = "Compute, then wait",
  .description = "The middle ground the article skips: each task computes for cpu_ms, then "
                 "waits for io_ms. Threads and processes both overlap the waiting; only the "
                 "computing competes for the cores.",
  .kind = SL_WORKLOAD_KIND_MIXED,
  .params = mixed_params,
  .n_params = G_N_ELEMENTS (mixed_params),
  .default_tasks = mixed_default_tasks,
  .check = mixed_check,
  .experiment_setup = mixed_experiment_setup,
  .experiment_teardown = stop_local_server,
  .prepare = mixed_prepare,
  .release = mixed_release,
  .worker_init = mixed_worker_init,
  .worker_free = http_worker_free,
  .run = mixed_run,
  .expected = mixed_expected,
};
