/* sl-cli-serve.c: the serve command: runs the built-in HTTP server for other tools (wrk, ab, curl). */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>
#include <inttypes.h>

#include "sl-cli.h"
#include "sl-error.h"
#include "sl-http-server.h"
#include "sl-i18n.h"

/* Keeps its source, so that every source can be removed the same way after the loop. */
static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
sl_cli_serve (int    argc,
              char **argv)
{
  SlHttpServerOptions options;
  gint port = 0;
  gint pages, latency_ms;
  gint64 bytes;
  double duration_s = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlHttpServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sigint_id, sigterm_id, timeout_id = 0;

  sl_http_server_options_init (&options);
  pages = (gint) options.pages;
  bytes = options.default_bytes;
  latency_ms = (gint) options.default_delay_ms;

  {
    GOptionEntry entries[] = {
      { "port", 'p', 0, G_OPTION_ARG_INT, &port,
        N_("Port on 127.0.0.1 to listen on (default: any free port)"), "N" },
      { "pages", 0, 0, G_OPTION_ARG_INT, &pages, N_("Pages to serve, /page/0 … /page/N-1 "
                                                     "(default: 100)"), "N" },
      { "bytes", 'b', 0, G_OPTION_ARG_INT64, &bytes,
        N_("Body size of a page when a request gives no bytes= (default: 16384)"), "N" },
      { "latency-ms", 'l', 0, G_OPTION_ARG_INT, &latency_ms,
        N_("Delay before each reply when a request gives no delay_ms= (default: 50)"), "MS" },
      { "duration", 0, 0, G_OPTION_ARG_DOUBLE, &duration_s,
        N_("Stop after this many seconds (default: run until interrupted)"), "S" },
      { NULL }
    };

    context = g_option_context_new (N_("- run the built-in HTTP server"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    g_option_context_set_summary (context,
      N_("Serves the pages that the I/O experiments fetch, on 127.0.0.1 only, so that other tools\n"
         "(wrk, ab, curl, a Python script) can be pointed at the same server:\n"
         "  GET /                              the list of page URLs\n"
         "  GET /page/<i>?bytes=N&delay_ms=M   N bytes of page i after M ms\n"
         "  GET /status/<code>?delay_ms=M      an empty reply with that status\n"
         "The first line on standard output is the server's address."));
    g_option_context_set_description (context,
      N_("Exit status: 0 stopped (Ctrl+C, SIGTERM or --duration), 1 the server could not start\n"
         "(the port is taken), 2 bad usage."));
  }

  if (!sl_cli_parse_options (context, &argc, &argv))
    return SL_EXIT_USAGE;
  if (port < 0 || port > G_MAXUINT16)
    {
      sl_cli_error (_("--port %d is out of range 0–65535"), port);
      return SL_EXIT_USAGE;
    }
  if (pages < 1 || pages > SL_HTTP_MAX_PAGES)
    {
      sl_cli_error (_("--pages %d is out of range 1–%d"), pages, SL_HTTP_MAX_PAGES);
      return SL_EXIT_USAGE;
    }
  if (bytes < 0 || bytes > SL_HTTP_MAX_BYTES)
    {
      sl_cli_error (_("--bytes %" PRId64 " is out of range 0–%" PRId64),
                    bytes, SL_HTTP_MAX_BYTES);
      return SL_EXIT_USAGE;
    }
  if (latency_ms < 0 || latency_ms > SL_HTTP_MAX_DELAY_MS)
    {
      sl_cli_error (_("--latency-ms %d is out of range 0–%d"), latency_ms, SL_HTTP_MAX_DELAY_MS);
      return SL_EXIT_USAGE;
    }
  if (!(duration_s >= 0))
    {
      sl_cli_error (_("--duration must be 0 or more seconds"));
      return SL_EXIT_USAGE;
    }

  options.port = (guint) port;
  options.pages = (guint) pages;
  options.default_bytes = bytes;
  options.default_delay_ms = (guint) latency_ms;

  server = sl_http_server_new (&options, &error);
  if (server == NULL)
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_POINT_FAILED;
    }

  /* Scripts read the address from the first line, so it goes out at once. */
  printf ("%s/\n", sl_http_server_get_url (server));
  fflush (stdout);
  fprintf (stderr, _("Serving %u pages of %" PRId64 " bytes, each after %u ms, on %s/ "
             "(press Ctrl+C to stop)\n"), options.pages, options.default_bytes,
           options.default_delay_ms, sl_http_server_get_url (server));

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  if (duration_s > 0)
    timeout_id = g_timeout_add ((guint) MIN (duration_s * 1000, G_MAXUINT), quit_cb, loop);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (timeout_id != 0)
    g_source_remove (timeout_id);

  fprintf (stderr, _("Served %" PRIu64 " requests on %" PRIu64
             " connections.\n"), sl_http_server_get_n_requests (server),
           sl_http_server_get_n_connections (server));

  return SL_EXIT_OK;
}
