/* sl-http-server.c: the built-in HTTP server (libsoup 3) that I/O experiments fetch from.
 *
 * A plain struct rather than a GObject: it has no properties or signals, only a start, a stop
 * and a few counters, and it is driven from the engine thread and the CLI alike.
 */
#define G_LOG_DOMAIN "sl-http-server"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sl-checksum.h"
#include "sl-error.h"
#include "sl-http-server.h"
#include "sl-mix.h"

/* Bodies up to this size are generated once per page and kept; larger ones are generated per
 * request, so that a big page size does not pin memory for every page. */
#define CACHE_MAX_BODY   (256 * 1024)
#define CACHE_MAX_TOTAL  (G_GINT64_CONSTANT (64) * 1024 * 1024)

/* Well above 256: a burst of simultaneous connects must not overflow the accept queue, or the
 * kernel drops SYNs and clients wait a whole second to retry. */
#define LISTEN_BACKLOG   1024

struct _SlHttpServer
{
  SlHttpServerOptions options;
  char               *url;
  guint               port;

  GThread            *thread;
  GMainContext       *context;
  gint                stopping;          /* atomic */

  /* start-up handshake with the thread */
  GMutex              lock;
  GCond               cond;
  gboolean            started;
  GError             *start_error;

  /* server thread only */
  SoupServer         *server;
  GHashTable         *pending;           /* Pending*, replies waiting for their timer */
  GHashTable         *cache;             /* page -> GBytes */
  gint64              cache_total;

  /* atomic counters */
  gsize               n_requests;
  gsize               n_connections;
  gsize               max_waiting;
};

typedef struct {
  SlHttpServer      *self;
  SoupServerMessage *msg;
  GSource           *timer;
  gulong             finished_id;
  gulong             disconnected_id;
} Pending;

static GQuark
seen_socket_quark (void)
{
  return g_quark_from_static_string ("sl-http-server-seen");
}

void
sl_http_server_options_init (SlHttpServerOptions *options)
{
  g_return_if_fail (options != NULL);

  options->port = 0;
  options->pages = 100;
  options->default_bytes = 16384;
  options->default_delay_ms = 50;
}

/* ---- deterministic content ---- */

/* 64 symbols, so one byte of a random word picks one; spaces and new lines make it read as
 * text in a terminal. */
static const char page_alphabet[] =
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n";

void
sl_http_page_fill (guint64  page,
                   guint64  offset,
                   guint8  *buffer,
                   gsize    length)
{
  guint64 seed = sl_mix64 (page * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + 0x5eed);
  guint64 word = sl_mix64 (seed + offset / 8);

  for (gsize i = 0; i < length; i++)
    {
      guint64 position = offset + i;

      if (position % 8 == 0)
        word = sl_mix64 (seed + position / 8);
      buffer[i] = (guint8) page_alphabet[(word >> (8 * (position % 8))) & 63];
    }
}

guint64
sl_http_page_checksum (guint64 page,
                       guint64 bytes)
{
  guint8 block[16384];
  guint64 state = SL_CHECKSUM_INIT;

  for (guint64 offset = 0; offset < bytes; offset += sizeof block)
    {
      gsize n = (gsize) MIN (sizeof block, bytes - offset);

      sl_http_page_fill (page, offset, block, n);
      state = sl_checksum_update (state, block, n);
    }

  return state;
}

/* ---- requests ---- */

static GBytes *
page_body (SlHttpServer *self,
           guint64       page,
           gint64        bytes)
{
  GBytes *cached;
  guint8 *data;

  cached = g_hash_table_lookup (self->cache, &page);
  if (cached != NULL && (gint64) g_bytes_get_size (cached) == bytes)
    return g_bytes_ref (cached);

  data = g_malloc (MAX (bytes, 1));
  sl_http_page_fill (page, 0, data, (gsize) bytes);

  if (bytes <= CACHE_MAX_BODY)
    {
      if (cached != NULL)
        {
          self->cache_total -= (gint64) g_bytes_get_size (cached);
          g_hash_table_remove (self->cache, &page);
        }
      if (self->cache_total + bytes <= CACHE_MAX_TOTAL)
        {
          GBytes *body = g_bytes_new_take (data, (gsize) bytes);

          g_hash_table_insert (self->cache, g_memdup2 (&page, sizeof page), g_bytes_ref (body));
          self->cache_total += bytes;
          return body;
        }
    }

  return g_bytes_new_take (data, (gsize) bytes);
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_signal_handler_disconnect (pending->msg, pending->finished_id);
  g_signal_handler_disconnect (pending->msg, pending->disconnected_id);
  g_source_destroy (pending->timer);
  g_source_unref (pending->timer);
  g_object_unref (pending->msg);
  g_free (pending);
}

static gboolean
pending_timer_cb (gpointer data)
{
  Pending *pending = data;
  g_autoptr(SoupServerMessage) msg = g_object_ref (pending->msg);

  /* Removing frees the pending reply (and its timer source, already dispatching). */
  g_hash_table_remove (pending->self->pending, pending);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

/* The client went away before its timer fired: unpausing then would act on a dead connection. */
static void
pending_gone_cb (SoupServerMessage *msg,
                 Pending           *pending)
{
  g_hash_table_remove (pending->self->pending, pending);
}

static void
delay_reply (SlHttpServer      *self,
             SoupServerMessage *msg,
             guint              delay_ms)
{
  Pending *pending;

  if (delay_ms == 0)
    return;

  pending = g_new0 (Pending, 1);
  pending->self = self;
  pending->msg = g_object_ref (msg);
  pending->timer = g_timeout_source_new (delay_ms);
  g_source_set_static_name (pending->timer, "[speedup-lab] delayed reply");
  g_source_set_callback (pending->timer, pending_timer_cb, pending, NULL);
  pending->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (pending_gone_cb), pending);
  pending->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (pending_gone_cb), pending);
  g_hash_table_add (self->pending, pending);
  if (g_hash_table_size (self->pending) > g_atomic_pointer_get (&self->max_waiting))
    g_atomic_pointer_set (&self->max_waiting, (gsize) g_hash_table_size (self->pending));

  soup_server_message_pause (msg);
  g_source_attach (pending->timer, self->context);
}

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

/* Reads an optional whole-number query parameter; replies 400 and returns FALSE when bad. */
static gboolean
query_number (SoupServerMessage *msg,
              GHashTable        *query,
              const char        *name,
              gint64             max,
              gint64            *value)
{
  const char *text = query ? g_hash_table_lookup (query, name) : NULL;
  guint64 parsed;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 0, (guint64) max, &parsed, NULL))
    {
      g_autofree char *message = g_strdup_printf ("%s must be a whole number from 0 to %"
                                                  G_GINT64_FORMAT ", not “%s”\n",
                                                  name, max, text);
      reply_text (msg, SOUP_STATUS_BAD_REQUEST, message);
      return FALSE;
    }

  *value = (gint64) parsed;
  return TRUE;
}

/* The number after `prefix` in `path`, or FALSE when the path is not prefix + digits. */
static gboolean
path_number (const char *path,
             const char *prefix,
             guint64     max,
             guint64    *value)
{
  if (!g_str_has_prefix (path, prefix))
    return FALSE;

  return g_ascii_string_to_unsigned (path + strlen (prefix), 10, 0, max, value, NULL);
}

static void
reply_index (SlHttpServer      *self,
             SoupServerMessage *msg)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text,
                          "# Speedup Lab test server: %u pages of %" G_GINT64_FORMAT " bytes, "
                          "answered after %u ms.\n"
                          "# Change them per request with ?bytes=N&delay_ms=M; "
                          "/status/<code> answers with that status.\n",
                          self->options.pages, self->options.default_bytes,
                          self->options.default_delay_ms);
  for (guint i = 0; i < self->options.pages; i++)
    g_string_append_printf (text, "%s/page/%u\n", self->url, i);

  reply_text (msg, SOUP_STATUS_OK, text->str);
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  SlHttpServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  GSocket *socket = soup_server_message_get_socket (msg);
  gint64 bytes = self->options.default_bytes;
  gint64 delay_ms = self->options.default_delay_ms;
  guint64 number;

  g_atomic_pointer_add (&self->n_requests, 1);

  /* Mark each connection the first time one of its requests arrives: that counts connections,
   * which shows whether clients really kept them alive. */
  if (socket != NULL && g_object_get_qdata (G_OBJECT (socket), seen_socket_quark ()) == NULL)
    {
      g_object_set_qdata (G_OBJECT (socket), seen_socket_quark (), GINT_TO_POINTER (1));
      g_atomic_pointer_add (&self->n_connections, 1);
    }

  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      reply_text (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Only GET and HEAD are supported\n");
      return;
    }

  /* HTTP/1.0 clients (ab -k) keep a connection only when the reply says so; libsoup keeps its
   * side open for them but does not say it. */
  if (soup_server_message_get_http_version (msg) == SOUP_HTTP_1_0 &&
      soup_message_headers_header_contains (soup_server_message_get_request_headers (msg),
                                            "Connection", "Keep-Alive"))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "Keep-Alive");

  if (!query_number (msg, query, "bytes", SL_HTTP_MAX_BYTES, &bytes) ||
      !query_number (msg, query, "delay_ms", SL_HTTP_MAX_DELAY_MS, &delay_ms))
    return;

  if (g_str_equal (path, "/"))
    {
      reply_index (self, msg);
    }
  else if (path_number (path, "/page/", G_MAXUINT64, &number))
    {
      g_autoptr(GBytes) body = NULL;

      if (number >= self->options.pages)
        {
          g_autofree char *message = g_strdup_printf ("There are pages 0 to %u only\n",
                                                      self->options.pages - 1);
          reply_text (msg, SOUP_STATUS_NOT_FOUND, message);
          return;
        }

      body = page_body (self, number, bytes);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Content-Type", "text/plain; charset=us-ascii");
      if (g_bytes_get_size (body) > 0)
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
    }
  else if (path_number (path, "/status/", 599, &number))
    {
      if (number < 200)
        {
          reply_text (msg, SOUP_STATUS_BAD_REQUEST, "Status codes from 200 to 599 only\n");
          return;
        }
      soup_server_message_set_status (msg, (guint) number, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "", 0);
    }
  else
    {
      reply_text (msg, SOUP_STATUS_NOT_FOUND, "Try / for the list of pages\n");
      return;
    }

  delay_reply (self, msg, (guint) delay_ms);
}

/* ---- thread ---- */

static gboolean
listen_loopback (SlHttpServer  *self,
                 GError       **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) local_error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         error);
  if (socket == NULL)
    return FALSE;

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, (guint16) self->options.port);
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);

  /* SO_REUSEADDR lets a fixed port be taken again right after a restart; it never lets two
   * servers listen on one port. */
  if (!g_socket_bind (socket, address, TRUE, &local_error) ||
      !g_socket_listen (socket, &local_error))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                   "Could not listen on 127.0.0.1 port %u: %s%s", self->options.port,
                   local_error->message,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE)
                   ? " (choose another port, or 0 for any free one)" : "");
      return FALSE;
    }

  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);

  return soup_server_listen_socket (self->server, socket, 0, error);
}

static gpointer
server_thread (gpointer data)
{
  SlHttpServer *self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (self->context);

  self->pending = g_hash_table_new_full (NULL, NULL, pending_free, NULL);
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) g_bytes_unref);
  self->server = soup_server_new ("server-header", "speedup-lab/" PACKAGE_VERSION, NULL);
  soup_server_add_handler (self->server, NULL, handle_request_cb, self, NULL);

  ok = listen_loopback (self, &error);

  g_mutex_lock (&self->lock);
  self->started = TRUE;
  if (!ok)
    self->start_error = g_steal_pointer (&error);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  while (ok && !g_atomic_int_get (&self->stopping))
    g_main_context_iteration (self->context, TRUE);

  /* Drop delayed replies before the connections they belong to. */
  g_hash_table_remove_all (self->pending);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

SlHttpServer *
sl_http_server_new (const SlHttpServerOptions *options,
                    GError                   **error)
{
  SlHttpServer *self;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options->port > G_MAXUINT16 || options->pages == 0 ||
      options->default_bytes < 0 || options->default_bytes > SL_HTTP_MAX_BYTES ||
      options->default_delay_ms > SL_HTTP_MAX_DELAY_MS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Server settings out of range: port 0–65535, pages ≥ 1, bytes 0–%"
                   G_GINT64_FORMAT ", delay 0–%d ms", SL_HTTP_MAX_BYTES, SL_HTTP_MAX_DELAY_MS);
      return NULL;
    }

  self = g_new0 (SlHttpServer, 1);
  self->options = *options;
  self->context = g_main_context_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);

  self->thread = g_thread_new ("sl-http-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      sl_http_server_free (self);
      return NULL;
    }

  g_debug ("Listening on %s", self->url);
  return self;
}

void
sl_http_server_free (SlHttpServer *self)
{
  if (self == NULL)
    return;

  g_atomic_int_set (&self->stopping, 1);
  g_main_context_wakeup (self->context);
  g_thread_join (self->thread);

  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_clear_error (&self->start_error);
  g_free (self->url);
  g_free (self);
}

guint
sl_http_server_get_port (SlHttpServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->port;
}

const char *
sl_http_server_get_url (SlHttpServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

guint64
sl_http_server_get_n_requests (SlHttpServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint64) g_atomic_pointer_get (&self->n_requests);
}

guint64
sl_http_server_get_n_connections (SlHttpServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint64) g_atomic_pointer_get (&self->n_connections);
}

guint64
sl_http_server_get_max_waiting (SlHttpServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint64) g_atomic_pointer_get (&self->max_waiting);
}
