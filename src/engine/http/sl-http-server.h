/* sl-http-server.h: the built-in HTTP server that I/O experiments fetch from, offline.
 *
 * It listens on 127.0.0.1 only, on a free port unless told otherwise, and runs in a thread of
 * its own with its own GMainContext, so that it answers while the engine thread and the workers
 * are busy. Replies are delayed with timers, never by blocking a thread per request:
 *
 *   GET /                                       a plain-text index of the page URLs
 *   GET /page/<i>?bytes=N&delay_ms=M           after M ms, N bytes of page i's content
 *   GET /status/<code>?delay_ms=M               after M ms, an empty reply with that status
 *
 * Page i's content is deterministic (sl_http_page_fill()), so a client can verify a body
 * against sl_http_page_checksum() without having seen the server.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_HTTP_MAX_BYTES    (G_GINT64_CONSTANT (64) * 1024 * 1024)
#define SL_HTTP_MAX_DELAY_MS 600000
/* The most pages the serve command offers: its index (GET /) lists every one. */
#define SL_HTTP_MAX_PAGES    1000000

typedef struct {
  guint  port;              /* 0: any free port */
  guint  pages;             /* /page/<i> answers for i < pages, 404 beyond */
  gint64 default_bytes;     /* when a request gives no bytes= */
  guint  default_delay_ms;  /* when a request gives no delay_ms= */
} SlHttpServerOptions;

/* Defaults: the article's scale, 100 pages, 16 KiB each, 50 ms per request. */
void sl_http_server_options_init (SlHttpServerOptions *options);

typedef struct _SlHttpServer SlHttpServer;

/* Returns once the server is listening, or with an error (the port is taken). */
SlHttpServer *sl_http_server_new (const SlHttpServerOptions *options,
                                  GError                   **error);
/* Stops the server: pending delayed replies are dropped and the thread is joined. */
void          sl_http_server_free (SlHttpServer *self);
guint         sl_http_server_get_port (SlHttpServer *self);
/* "http://127.0.0.1:PORT", without a trailing slash. */
const char   *sl_http_server_get_url (SlHttpServer *self);
/* Counters, readable from any thread. */
guint64       sl_http_server_get_n_requests (SlHttpServer *self);
guint64       sl_http_server_get_n_connections (SlHttpServer *self);
/* The most delayed replies that were waiting at the same time: how many clients it served
 * concurrently. */
guint64       sl_http_server_get_max_waiting (SlHttpServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlHttpServer, sl_http_server_free)

/* Deterministic content: `length` bytes of page `page`, starting at `offset`. The same content
 * fills the files of io-file. */
void    sl_http_page_fill (guint64 page, guint64 offset, guint8 *buffer, gsize length);
/* The checksum (sl-checksum.h) of page `page` when it is `bytes` long. */
guint64 sl_http_page_checksum (guint64 page, guint64 bytes);

G_END_DECLS
