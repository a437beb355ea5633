/* sl-workloads-http.c: io-http, the article's "fetch 100 web pages", and io-sleep, pure latency. */
#define G_LOG_DOMAIN "sl-workloads-io"

#include "config.h"

#include <inttypes.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sl-i18n.h"
#include "sl-python-sources.h"
#include "sl-error.h"
#include "sl-http-client.h"
#include "sl-http-server.h"
#include "sl-mix.h"
#include "sl-workloads-common.h"
#include "sl-workloads.h"

static const SlParamInfo io_http_params[] = {
  { "pages", N_("Pages"), SL_PARAM_INT, "100", 1, 100000, N_("pages"),
    N_("Pages of the built-in server to fetch; task i fetches page i mod pages"), 0 },
  { "latency_ms", N_("Server delay"), SL_PARAM_INT, "50", 0, SL_HTTP_MAX_DELAY_MS, N_("ms"),
    N_("How long the built-in server waits before it answers each request"), 0 },
  { "bytes", N_("Page size"), SL_PARAM_INT, "16384", 0, (double) SL_HTTP_MAX_BYTES, N_("bytes"),
    N_("Body size of each page of the built-in server"), 0 },
  { "keep_alive", N_("Keep connections open"), SL_PARAM_BOOL, "true", 0, 0, NULL,
    N_("Reuse each worker's connection between requests; off opens a new connection per request"), 0 },
  { "urls", N_("URLs"), SL_PARAM_STRING, "", 0, 0, NULL,
    N_("http(s) URLs to fetch instead of the built-in server, separated by commas, spaces or new "
       "lines; task i fetches URL i mod n, and there is one task per URL unless told otherwise"), 0 },
  { "connect_timeout_s", N_("Connection time limit"), SL_PARAM_DOUBLE, "5", 0.01, 300, N_("s"),
    N_("Longest wait for a connection (name lookup included)"), 0 },
  { "timeout_s", N_("Request time limit"), SL_PARAM_DOUBLE, "30", 0.01, 3600, N_("s"),
    N_("Longest a whole request may take"), 0 },
  { "max_per_host", N_("Requests per host"), SL_PARAM_INT, "0", 0, 1024, N_("requests"),
    N_("Most requests in flight to one host of urls, 0 for no cap; with processes, each worker "
       "process counts only its own requests"), 0 },
  { "server_url", N_("Server address"), SL_PARAM_STRING, "", 0, 0, NULL,
    N_("Address of the built-in server, set when the experiment starts"), SL_PARAM_FLAG_INTERNAL },
};

static void
io_http_check (const SlParams *params,
               GPtrArray      *problems)
{
  guint n_urls = sl_check_url_list (sl_params_get_string (params, "urls"), "urls", problems);
  gint64 latency_ms = sl_params_get_int (params, "latency_ms");
  double timeout_s = sl_params_get_double (params, "timeout_s");

  /* The rest is about the built-in server, which URLs given replace. */
  if (n_urls > 0)
    return;

  /* Every distinct page is checksummed once, off the clock, to check the bodies. */
  if (sl_params_get_int (params, "pages") * sl_params_get_int (params, "bytes") >
      G_GINT64_CONSTANT (8) << 30)
    sl_workload_add_problem (problems, NULL,
                             _("pages × bytes is over 8 GiB, too much to check every body: "
                               "lower one of them"));

  if (latency_ms >= timeout_s * 1000)
    sl_workload_add_problem (problems, NULL,
                             _("latency_ms = %" PRId64 " is not below timeout_s = %g s, "
                               "so every request would time out: raise timeout_s or lower "
                               "latency_ms"), latency_ms, timeout_s);
}

static guint64
io_http_default_tasks (const SlParams *params)
{
  g_autoptr(GPtrArray) urls = sl_parse_url_list (sl_params_get_string (params, "urls"), NULL, NULL);

  if (urls != NULL && urls->len > 0)
    return urls->len;

  return (guint64) sl_params_get_int (params, "pages");
}

static gboolean
io_http_experiment_setup (SlParams  *params,
                          gpointer  *experiment_state,
                          GError   **error)
{
  g_autoptr(GPtrArray) urls = sl_parse_url_list (sl_params_get_string (params, "urls"), NULL, error);

  *experiment_state = NULL;
  if (urls == NULL)
    return FALSE;
  if (urls->len > 0)
    return TRUE;

  return sl_start_local_server (params, (guint) sl_params_get_int (params, "pages"),
                                sl_params_get_int (params, "bytes"),
                                (guint) sl_params_get_int (params, "latency_ms"),
                                experiment_state, error);
}

static gpointer
io_http_prepare (const SlParams *params,
                 GError        **error)
{
  SlHttpShared *shared = sl_http_shared_new ();
  g_autoptr(GPtrArray) hosts = NULL;
  g_autoptr(GPtrArray) urls = NULL;

  urls = sl_parse_url_list (sl_params_get_string (params, "urls"), &hosts, error);
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
  else if (!sl_http_shared_set_server (shared, params, (guint) sl_params_get_int (params, "pages"),
                                       sl_params_get_int (params, "bytes"),
                                       sl_params_get_int (params, "latency_ms"), error))
    goto failed;

  return shared;

failed:
  sl_http_shared_free (shared);
  return NULL;
}

static gpointer
io_http_worker_init (gpointer  shared,
                     GError  **error)
{
  return sl_http_worker_new (shared, error);
}

static gboolean
io_http_run (gpointer      data,
             gpointer      local,
             const SlTask *task,
             guint64      *checksum,
             GError      **error)
{
  SlHttpShared *shared = data;
  SlHttpWorker *worker = local;

  if (shared->urls->len > 0)
    {
      guint i = (guint) (task->index % shared->urls->len);

      if (!sl_http_fetch (worker, shared->urls->pdata[i], shared->hosts->pdata[i], task, error))
        return FALSE;
    }
  else if (!sl_http_fetch_page (worker, task->index % shared->pages, task, error))
    return FALSE;

  *checksum = worker->checksum;
  return TRUE;
}

static gboolean
io_http_expected (gpointer      data,
                  const SlTask *task,
                  guint64      *checksum)
{
  SlHttpShared *shared = data;

  /* Nobody knows in advance what a person's URLs return. */
  if (shared->urls->len > 0)
    return FALSE;

  *checksum = sl_http_shared_page_checksum (shared, task->index % shared->pages);
  return TRUE;
}

const SlWorkload sl_workload_io_http = {
  .id = "io-http",
  .title = N_("Fetch web pages"),
  .description = N_("I/O-bound: each task GETs one page through libcurl, from the built-in local "
                    "server (a set latency, a checked body) or from URLs you give. Workers spend "
                    "their time waiting, so speedup keeps growing past the number of cores."),
  .kind = SL_WORKLOAD_KIND_IO,
  SL_WORKLOAD_PARAMS (io_http_params),
  .python_source = SL_PYTHON_SOURCE_IO_HTTP,
  .default_tasks = io_http_default_tasks,
  .check = io_http_check,
  .experiment_setup = io_http_experiment_setup,
  .experiment_teardown = sl_stop_local_server,
  .prepare = io_http_prepare,
  .release = (GDestroyNotify) sl_http_shared_free,
  .worker_init = io_http_worker_init,
  .worker_free = sl_http_worker_free,
  .run = io_http_run,
  .expected = io_http_expected,
};

static const SlParamInfo io_sleep_params[] = {
  { "latency_ms", N_("Sleep per task"), SL_PARAM_INT, "50", 0, 600000, N_("ms"),
    N_("How long each task sleeps: waiting with no I/O at all"), 0 },
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

  if (!sl_sleep_until (g_get_monotonic_time () + *latency_us, task))
    return sl_set_cancelled (error);

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

const SlWorkload sl_workload_io_sleep = {
  .id = "io-sleep",
  .title = N_("Sleep"),
  .description = N_("Pure latency: each task sleeps. The ideal I/O-bound case, with no network, "
                    "no disk and no server: what is left is the pool's own overhead."),
  .kind = SL_WORKLOAD_KIND_IO,
  SL_WORKLOAD_PARAMS (io_sleep_params),
  .n_default_tasks = 100,
  .prepare = io_sleep_prepare,
  .release = g_free,
  .run = io_sleep_run,
  .expected = io_sleep_expected,
};
