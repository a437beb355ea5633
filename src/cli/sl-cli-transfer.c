/* sl-cli-transfer.c: the transfer command: what does it cost to move data between processes? */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "sl-cli-sharing.h"
#include "sl-cli.h"
#include "sl-i18n.h"
#include "sl-transfer.h"

#define WIDTH 96

typedef struct {
  SlTransferSpec    spec;
  SlTransferResult *result;
} TransferRun;

static gboolean
run_transfer (GCancellable  *cancellable,
              gpointer       data,
              GError       **error)
{
  TransferRun *run = data;

  run->result = sl_transfer_run (&run->spec, cancellable, error);
  return run->result != NULL;
}

static char *
format_size (guint64 size)
{
  if (size >= 1024 * 1024 && size % (1024 * 1024) == 0)
    return g_strdup_printf (_("%u MiB"), (guint) (size / (1024 * 1024)));
  if (size >= 1024 && size % 1024 == 0)
    return g_strdup_printf (_("%u KiB"), (guint) (size / 1024));
  return g_strdup_printf (_("%u B"), (guint) size);
}

/* A latency at the scale it has: microseconds to seconds. */
static char *
format_latency (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup ("—");
  if (seconds < 1e-3)
    return g_strdup_printf (_("%.0f µs"), seconds * 1e6);
  if (seconds < 1)
    return g_strdup_printf (_("%.1f ms"), seconds * 1e3);
  return g_strdup_printf (_("%.2f s"), seconds);
}

static void
list_channels (void)
{
  guint n;
  const SlTransferChannel *list = sl_transfer_channel_list (&n);

  printf (_("Channels from W worker processes to the parent:\n\n"));
  for (guint i = 0; i < n; i++)
    printf ("  %-14s %s\n", list[i].id, _(list[i].title));
}

/* The table's columns after the channel's id: each as wide as its header or its widest cell. */
enum { COL_SIZE, COL_MESSAGES, COL_THROUGHPUT, COL_P50, COL_P99, COL_CPU, COL_COMPLETE,
       N_COLUMNS };

static const struct {
  const char *header;
  int         width;
} columns[N_COLUMNS] = {
  { N_("Size"), 7 },
  { N_("Messages"), 8 },
  { N_("MB/s"), 8 },
  { N_("Latency p50"), 9 },
  { N_("p99"), 9 },
  { N_("CPU"), 8 },
  { N_("Every byte"), 6 },
};

static void
print_cells (const char * const *cells,
             const int          *widths)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      printf (" ");
      sl_cli_print_padded (stdout, cells[i], widths[i], FALSE);
    }
  printf ("\n");
}

static void
print_point (const SlTransferPoint *point,
             const int             *widths)
{
  g_autofree char *size = format_size (point->size);
  g_autofree char *messages = g_strdup_printf ("%u", point->messages);
  g_autofree char *throughput = NULL;
  g_autofree char *p50 = format_latency (point->latency_p50_s);
  g_autofree char *p99 = format_latency (point->latency_p99_s);
  g_autofree char *cpu = format_latency (point->cpu_s);
  double mb_s = sl_transfer_point_throughput_mb_s (point);
  const char *cells[N_COLUMNS];

  throughput = isfinite (mb_s) ? g_strdup_printf ("%.1f", mb_s) : g_strdup ("—");
  cells[COL_SIZE] = size;
  cells[COL_MESSAGES] = messages;
  cells[COL_THROUGHPUT] = throughput;
  cells[COL_P50] = p50;
  cells[COL_P99] = p99;
  cells[COL_CPU] = cpu;
  cells[COL_COMPLETE] = sl_transfer_point_is_complete (point) ? _("yes") : _("NO");
  printf ("  %-14s", point->channel->id);
  print_cells (cells, widths);
}

/* The table, then what went wrong; FALSE when a point did not receive every byte. */
static gboolean
print_result (const SlTransferResult *result,
              gboolean                shown)
{
  const char *headers[N_COLUMNS];
  int widths[N_COLUMNS];
  gboolean ok = TRUE;

  if (shown)
    {
      g_autofree char *budget = format_size (result->budget);
      g_autofree char *heading = g_strdup_printf (
        NG_("%u worker process sends messages to the parent, about %s per channel and size.",
            "%u worker processes each send messages to the parent, about %s per channel and "
            "size in all.", result->workers), result->workers, budget);

      printf ("\n");
      sl_cli_print_wrapped (stdout, "", heading, WIDTH);
      sl_cli_print_wrapped (stdout, "", _("Latency: from just before a message was sent to when "
                                          "the parent had it, queueing included. CPU: the "
                                          "parent's and every sender's, user and system. Every "
                                          "byte: the count and the checksum of what the parent "
                                          "read are what was sent."), WIDTH);
      for (guint i = 0; i < N_COLUMNS; i++)
        {
          headers[i] = _(columns[i].header);
          widths[i] = MAX (columns[i].width, (int) g_utf8_strlen (headers[i], -1));
        }
      printf ("\n  %-14s", _("Channel"));
      print_cells (headers, widths);
    }

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlTransferPoint *point = result->points->pdata[i];

      if (shown)
        print_point (point, widths);
      if (!sl_transfer_point_is_complete (point))
        ok = FALSE;
    }

  for (guint i = 0; shown && i < result->points->len; i++)
    {
      const SlTransferPoint *point = result->points->pdata[i];
      g_autofree char *size = format_size (point->size);
      g_autofree char *note = NULL;

      if (point->error != NULL)
        note = g_strdup_printf (_("%s at %s: %s"), point->channel->id, size, point->error);
      else if (!sl_transfer_point_is_complete (point))
        note = g_strdup_printf (_("%s at %s: %u of %u messages, %" PRIu64 " of %" PRIu64
                                  " bytes, checksum %016" PRIx64 ", expected %016" PRIx64),
                                point->channel->id, size, point->messages,
                                point->expected_messages, (uint64_t) point->bytes,
                                (uint64_t) point->expected_bytes, (uint64_t) point->checksum,
                                (uint64_t) point->expected_checksum);
      if (note != NULL)
        sl_cli_print_wrapped (stdout, "  · ", note, WIDTH);
    }
  if (shown)
    printf ("\n");

  return ok;
}

static gboolean
parse_sizes (const char *text,
             GArray     *sizes)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 size;

      if (g_strstrip (parts[i])[0] == '\0')
        continue;
      if (!sl_transfer_parse_size (parts[i], &size))
        {
          sl_cli_error (_("--size: “%s” is not a size (100, 4K, 16MiB)"), parts[i]);
          return FALSE;
        }
      g_array_append_val (sizes, size);
    }

  return TRUE;
}

int
sl_cli_transfer (int    argc,
                 char **argv)
{
  gboolean list = FALSE, json = FALSE;
  gint workers, max_messages;
  g_autofree char *channel_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *budget_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *unknown = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  TransferRun run = { 0 };
  int signal_number = 0;
  int status = SL_EXIT_OK;

  sl_transfer_spec_init (&run.spec);
  workers = (gint) run.spec.workers;
  max_messages = (gint) run.spec.max_messages;

  {
    GOptionEntry entries[] = {
      { "list", 'l', 0, G_OPTION_ARG_NONE, &list, N_("List the channels and exit"), NULL },
      { "channel", 'c', 0, G_OPTION_ARG_STRING, &channel_text,
        N_("Channels to measure, separated by commas (default: all)"), N_("ID,…") },
      { "size", 's', 0, G_OPTION_ARG_STRING, &size_text,
        N_("Payload sizes, separated by commas (default: 100,1K,10K,100K,1M,16M; K and M are "
           "1024 and 1024²)"), N_("SIZE,…") },
      { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
        N_("Worker processes that send at once (default: 2)"), "N" },
      { "budget", 'b', 0, G_OPTION_ARG_STRING, &budget_text,
        N_("Bytes sent per channel and size, all workers together (default: 64M)"), N_("SIZE") },
      { "max-messages", 'm', 0, G_OPTION_ARG_INT, &max_messages,
        N_("Most messages per worker, however small the payload (default: 2000)"), "N" },
      { "json", 0, 0, G_OPTION_ARG_NONE, &json,
        N_("Print the result as a JSON document (speedup-lab-transfer/1) instead of a table"),
        NULL },
      { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
        N_("Also write the JSON document to FILE"), N_("FILE") },
      { NULL }
    };

    context = g_option_context_new (N_("— what does moving data between processes cost?"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    g_option_context_set_summary (context,
      N_("W worker processes each send messages of a size to the parent through a\n"
         "multiprocessing.Queue, a Pipe, a SharedMemory, a Manager's queue or the values their\n"
         "futures return, and natively through a pipe or a shared-memory ring: the throughput,\n"
         "the latency of a message and the CPU time, with a checksum of every byte read."));
    g_option_context_set_description (context,
      N_("Exit status: 0 done, 1 a point did not receive every byte, 2 bad usage, 130, 143,\n"
         "129 stopped by SIGINT, SIGTERM, SIGHUP."));
  }

  if (!sl_cli_parse_options (context, &argc, &argv))
    goto usage;
  if (list)
    {
      list_channels ();
      sl_transfer_spec_clear (&run.spec);
      return SL_EXIT_OK;
    }
  if (workers < 0 || max_messages < 1)
    {
      sl_cli_error (_("--workers and --max-messages take whole numbers of 1 or more"));
      goto usage;
    }
  if (channel_text != NULL &&
      !sl_cli_parse_ids (channel_text,
                         (gconstpointer (*) (const char *)) sl_transfer_channel_lookup,
                         run.spec.channels, &unknown))
    {
      sl_cli_error (_("--channel: unknown channel “%s” (see --list)"), unknown);
      goto usage;
    }
  if (size_text != NULL && !parse_sizes (size_text, run.spec.sizes))
    goto usage;
  if (budget_text != NULL && (!sl_transfer_parse_size (budget_text, &run.spec.budget) ||
                              run.spec.budget == 0))
    {
      sl_cli_error (_("--budget: “%s” is not a size (64M, 1G)"), budget_text);
      goto usage;
    }
  run.spec.workers = (guint) workers;
  run.spec.max_messages = (guint) max_messages;
  run.spec.min_messages = MIN (run.spec.min_messages, run.spec.max_messages);
  if (!sl_transfer_spec_check (&run.spec, &error) ||
      (output != NULL &&
       !sl_cli_check_outputs ((const char * const *) &output, 1, NULL, 0, &error)))
    {
      sl_cli_error ("%s", error->message);
      goto usage;
    }

  if (isatty (STDERR_FILENO))
    fprintf (stderr, _("Sending data through every channel…\n"));
  if (!sl_cli_run_interruptible (run_transfer, &run, &signal_number, &error))
    {
      sl_transfer_spec_clear (&run.spec);
      if (signal_number != 0)
        return 128 + signal_number;
      sl_cli_error ("%s", error->message);
      return SL_EXIT_POINT_FAILED;
    }

  if (json || output != NULL)
    {
      g_autoptr(JsonNode) root = sl_transfer_result_to_json (run.result);

      if (json && !sl_cli_write_json (root, NULL))
        status = SL_EXIT_POINT_FAILED;
      if (output != NULL && !sl_cli_write_json (root, output))
        status = SL_EXIT_POINT_FAILED;
    }
  if (!print_result (run.result, !json))
    status = SL_EXIT_POINT_FAILED;

  sl_transfer_result_free (run.result);
  sl_transfer_spec_clear (&run.spec);
  return signal_number != 0 ? 128 + signal_number : status;

usage:
  sl_transfer_spec_clear (&run.spec);
  return SL_EXIT_USAGE;
}
