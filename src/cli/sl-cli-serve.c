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
  g_autofree char *port_text = NULL;
  g_autofree char *pages_text = NULL;
  g_autofree char *bytes_text = NULL;
  g_autofree char *latency_text = NULL;
  g_autofree char *duration_text = NULL;
  guint64 port = 0;
  guint64 pages, bytes, latency_ms;
  double duration_s = 0;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlHttpServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint sigint_id, sigterm_id, timeout_id = 0;

  sl_http_server_options_init (&options);
  pages = options.pages;
  bytes = (guint64) options.default_bytes;
  latency_ms = options.default_delay_ms;

  {
    GOptionEntry entries[] = {
      { "port", 'p', 0, G_OPTION_ARG_STRING, &port_text,
        N_("Port on 127.0.0.1 to listen on (default: any free port)"), "N" },
      { "pages", 0, 0, G_OPTION_ARG_STRING, &pages_text, N_("Pages to serve, /page/0 … /page/N-1 "
                                                            "(default: 100)"), "N" },
      { "bytes", 'b', 0, G_OPTION_ARG_STRING, &bytes_text,
        N_("Body size of a page when a request gives no bytes= (default: 16384)"), "N" },
      { "latency-ms", 'l', 0, G_OPTION_ARG_STRING, &latency_text,
        N_("Delay before each reply when a request gives no delay_ms= (default: 50)"), "MS" },
      { "duration", 0, 0, G_OPTION_ARG_STRING, &duration_text,
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
  if (!sl_cli_parse_count ("--port", port_text, G_MAXUINT64, &port, &error) ||
      !sl_cli_parse_count ("--pages", pages_text, G_MAXUINT64, &pages, &error) ||
      !sl_cli_parse_count ("--bytes", bytes_text, G_MAXUINT64, &bytes, &error) ||
      !sl_cli_parse_count ("--latency-ms", latency_text, G_MAXUINT64, &latency_ms, &error) ||
      !sl_cli_parse_decimal ("--duration", _("a number of seconds"), duration_text, &duration_s,
                             &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }
  if (port > G_MAXUINT16)
    {
      sl_cli_error (_("--port %s is out of range 0–65535"), port_text);
      return SL_EXIT_USAGE;
    }
  if (pages < 1 || pages > SL_HTTP_MAX_PAGES)
    {
      sl_cli_error (_("--pages %s is out of range 1–%d"), pages_text, SL_HTTP_MAX_PAGES);
      return SL_EXIT_USAGE;
    }
  if (bytes > (guint64) SL_HTTP_MAX_BYTES)
    {
      sl_cli_error (_("--bytes %s is out of range 0–%" PRId64), bytes_text, SL_HTTP_MAX_BYTES);
      return SL_EXIT_USAGE;
    }
  if (latency_ms > SL_HTTP_MAX_DELAY_MS)
    {
      sl_cli_error (_("--latency-ms %s is out of range 0–%d"), latency_text, SL_HTTP_MAX_DELAY_MS);
      return SL_EXIT_USAGE;
    }
  if (!(duration_s >= 0))
    {
      sl_cli_error (_("--duration must be 0 or more seconds"));
      return SL_EXIT_USAGE;
    }

  options.port = (guint) port;
  options.pages = (guint) pages;
  options.default_bytes = (gint64) bytes;
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
