/* sl-http-client.h: the libcurl client the HTTP workloads share (io-http, mixed), and the
 * built-in server they fetch from. Internal to the workloads. */
#pragma once

#include <curl/curl.h>
#include <glib.h>

#include "sl-workload.h"

G_BEGIN_DECLS

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
} SlHttpShared;

typedef struct {
  SlHttpShared *shared;
  CURL         *curl;
  char          error_buffer[CURL_ERROR_SIZE];

  /* the transfer in progress */
  const SlTask *task;
  guint64       checksum;
  guint64       size;
} SlHttpWorker;

/* Splits on commas and white space, and accepts http and https URLs with a host, nothing else:
 * the first URL that is not one fails the call. */
GPtrArray *sl_parse_url_list (const char *text, GPtrArray **hosts_out, GError **error);
/* The same rule for a check: every URL that is not one is a problem of parameter `param`
 * (sl_workload_add_problem()). Returns how many URLs the text lists, good or not. */
guint      sl_check_url_list (const char *text, const char *param, GPtrArray *problems);

gboolean sl_start_local_server (SlParams *params, guint pages, gint64 bytes, guint delay_ms,
                                gpointer *experiment_state, GError **error);
void sl_stop_local_server (gpointer experiment_state);
SlHttpShared *sl_http_shared_new (void);
void sl_http_shared_free (SlHttpShared *shared);
gboolean sl_http_shared_set_server (SlHttpShared *shared, const SlParams *params, guint pages,
                                    gint64 bytes, gint64 delay_ms, GError **error);
guint64 sl_http_shared_page_checksum (SlHttpShared *shared, guint64 page);
void sl_http_worker_free (gpointer data);
SlHttpWorker *sl_http_worker_new (SlHttpShared *shared, GError **error);
gboolean sl_http_fetch (SlHttpWorker *worker, const char *url, const char *host, const SlTask *task,
                        GError **error);
gboolean sl_http_fetch_page (SlHttpWorker *worker, guint64 page, const SlTask *task,
                             GError **error);

G_END_DECLS
