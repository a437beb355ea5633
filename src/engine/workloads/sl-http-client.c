/* sl-http-client.c: the libcurl client of the HTTP workloads, and the built-in server they
 * fetch from.
 *
 * The HTTP workloads fetch from the built-in server (sl-http-server.h) unless a person gives
 * URLs, so the article's "fetch 100 web pages" runs offline and gives the same answer every time:
 * every body is checked against the page's known checksum. A request that fails is a failed task
 * with a message naming the URL and the reason; the runner flags its point, never averages it in.
 */
#define G_LOG_DOMAIN "sl-http-client"

#include "config.h"

#include <errno.h>
#include <inttypes.h>

#include <curl/curl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sl-checksum.h"
#include "sl-error.h"
#include "sl-http-client.h"
#include "sl-http-server.h"
#include "sl-i18n.h"
#include "sl-workloads-common.h"

gboolean
sl_start_local_server (SlParams  *params,
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

void
sl_stop_local_server (gpointer experiment_state)
{
  g_clear_pointer (&experiment_state, sl_http_server_free);
}


/* Splits on commas and white space, and accepts http and https URLs with a host, nothing else:
 * a file:// URL would read local files and other schemes do not measure what the article did. */
/* One token of a URL list: an http or https URL with a host, whose host (lower case) it
 * returns; NULL with a message about the urls parameter otherwise. */
static char *
parse_url (const char  *token,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (token, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("“%s” in urls is not a URL (%s): write it as http://… or https://…"),
                   token, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("URL “%s” in urls uses the %s scheme: only http and https URLs can be "
                     "fetched"), token, scheme);
      return NULL;
    }

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("URL “%s” in urls has no host name"), token);
      return NULL;
    }

  return g_ascii_strdown (host, -1);
}

static GStrv
split_url_list (const char *text)
{
  return g_regex_split_simple ("[\\s,]+", text != NULL ? text : "", 0, 0);
}

GPtrArray *
sl_parse_url_list (const char  *text,
                   GPtrArray  **hosts_out,
                   GError     **error)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) tokens = split_url_list (text);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *host;

      if (tokens[i][0] == '\0')
        continue;

      host = parse_url (tokens[i], error);
      if (host == NULL)
        return NULL;

      g_ptr_array_add (urls, g_strdup (tokens[i]));
      g_ptr_array_add (hosts, host);
    }

  if (hosts_out != NULL)
    *hosts_out = g_steal_pointer (&hosts);

  return g_steal_pointer (&urls);
}

guint
sl_check_url_list (const char *text,
                   const char *param,
                   GPtrArray  *problems)
{
  g_auto(GStrv) tokens = split_url_list (text);
  guint n = 0;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host = NULL;

      if (tokens[i][0] == '\0')
        continue;

      n++;
      host = parse_url (tokens[i], &error);
      if (host == NULL)
        sl_workload_add_problem (problems, param, "%s", error->message);
    }

  return n;
}

SlHttpShared *
sl_http_shared_new (void)
{
  SlHttpShared *shared = g_new0 (SlHttpShared, 1);

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

void
sl_http_shared_free (SlHttpShared *shared)
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
gboolean
sl_http_shared_set_server (SlHttpShared     *shared,
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
                           _("The built-in HTTP server is not running (server_url is empty): "
                             "start the experiment through the runner, which starts the server"));
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

guint64
sl_http_shared_page_checksum (SlHttpShared *shared,
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
host_acquire (SlHttpShared   *shared,
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
      if (sl_cancelled (task))
        {
          g_mutex_unlock (&shared->lock);
          return FALSE;
        }
      g_cond_wait_until (&shared->cond, &shared->lock, g_get_monotonic_time () + SL_CANCEL_POLL_US);
    }
  g_mutex_unlock (&shared->lock);

  return TRUE;
}

static void
host_release (SlHttpShared *shared,
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
  SlHttpWorker *worker = user_data;
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
  SlHttpWorker *worker = user_data;

  return sl_cancelled (worker->task) ? 1 : 0;
}

void
sl_http_worker_free (gpointer data)
{
  SlHttpWorker *worker = data;

  if (worker == NULL)
    return;

  g_clear_pointer (&worker->curl, curl_easy_cleanup);
  g_free (worker);
}

/* One easy handle per worker, reused for every task, so that keep-alive can reuse its
 * connection exactly as a requests.Session would. */
SlHttpWorker *
sl_http_worker_new (SlHttpShared  *shared,
                    GError     **error)
{
  static GOnce curl_once = G_ONCE_INIT;
  SlHttpWorker *worker;
  CURL *curl;

  g_once (&curl_once, curl_init_once, NULL);
  if (curl_init_result != CURLE_OK)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE, _("Could not initialise libcurl: %s"),
                   curl_easy_strerror (curl_init_result));
      return NULL;
    }

  curl = curl_easy_init ();
  if (curl == NULL)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           _("Could not create a libcurl handle (out of memory?)"));
      return NULL;
    }

  worker = g_new0 (SlHttpWorker, 1);
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
set_curl_error (SlHttpWorker  *worker,
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
      g_set_error (error, SL_ERROR, SL_ERROR_TASK, _("could not resolve host: %s (%s)"),
                   url, detail);
      break;

    case CURLE_COULDNT_CONNECT:
      if (os_errno == ECONNREFUSED)
        g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                     _("connection refused: %s (nothing listens on that port)"), url);
      else
        g_set_error (error, SL_ERROR, SL_ERROR_TASK, _("could not connect: %s (%s)"), url, detail);
      break;

    case CURLE_OPERATION_TIMEDOUT:
      /* Not connected yet means the connect timeout struck, else the whole-request one. */
      if (connect_time == 0)
        g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                     _("timed out after %.1f s while connecting: %s (raise connect_timeout_s?)"),
                     worker->shared->connect_timeout_s, url);
      else
        g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                     _("timed out after %.1f s: %s (raise timeout_s?)"),
                     worker->shared->timeout_s, url);
      break;

    default:
      g_set_error (error, SL_ERROR, SL_ERROR_TASK, _("request failed: %s (%s)"), url, detail);
      break;
    }

  return FALSE;
}

/* GETs `url`; on success the worker holds the body's checksum and size. `host` is set when
 * the per-host cap applies. */
gboolean
sl_http_fetch (SlHttpWorker    *worker,
               const char    *url,
               const char    *host,
               const SlTask  *task,
               GError       **error)
{
  gboolean capped = host != NULL && worker->shared->max_per_host > 0;
  CURLcode code;
  long status = 0;

  if (capped && !host_acquire (worker->shared, host, task))
    return sl_set_cancelled (error);

  worker->task = task;
  worker->checksum = SL_CHECKSUM_INIT;
  worker->size = 0;
  worker->error_buffer[0] = '\0';
  curl_easy_setopt (worker->curl, CURLOPT_URL, url);

  code = curl_easy_perform (worker->curl);

  worker->task = NULL;
  if (capped)
    host_release (worker->shared, host);

  if (sl_cancelled (task) || code == CURLE_ABORTED_BY_CALLBACK)
    return sl_set_cancelled (error);
  if (code != CURLE_OK)
    return set_curl_error (worker, url, code, error);

  curl_easy_getinfo (worker->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status / 100 != 2)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_TASK, _("HTTP %ld from %s"), status, url);
      return FALSE;
    }

  return TRUE;
}

/* Fetches page `page` of the built-in server and checks its size; the checksum is left for
 * the runner to compare with expected(). */
gboolean
sl_http_fetch_page (SlHttpWorker    *worker,
                    guint64        page,
                    const SlTask  *task,
                    GError       **error)
{
  SlHttpShared *shared = worker->shared;
  char url[512];

  g_snprintf (url, sizeof url, "%s/page/%" G_GUINT64_FORMAT "?bytes=%" G_GINT64_FORMAT
              "&delay_ms=%" G_GINT64_FORMAT, shared->server_url, page, shared->bytes,
              shared->delay_ms);

  if (!sl_http_fetch (worker, url, NULL, task, error))
    return FALSE;

  if (worker->size != (guint64) shared->bytes)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_TASK,
                   _("short body: %" PRIu64 " of %" PRId64 " bytes from %s"),
                   worker->size, shared->bytes, url);
      return FALSE;
    }

  return TRUE;
}
