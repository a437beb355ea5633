/* sl-cli-shared-counter.c: the shared-counter command: is it safe without a lock? */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "sl-cli-sharing.h"
#include "sl-cli.h"
#include "sl-i18n.h"
#include "sl-shared-counter.h"

#define WIDTH 96

typedef struct {
  SlSharedCounterSpec    spec;
  SlSharedCounterResult *result;
} CounterRun;

static gboolean
run_counter (GCancellable  *cancellable,
             gpointer       data,
             GError       **error)
{
  CounterRun *run = data;

  run->result = sl_shared_counter_run (&run->spec, cancellable, error);
  return run->result != NULL;
}

static const char *
runtime_words (SlSharedRuntime runtime)
{
  switch (runtime)
    {
    case SL_SHARED_PYTHON_THREADS: return _("Python threads");
    case SL_SHARED_PYTHON_PROCESSES: return _("Python processes");
    case SL_SHARED_NATIVE_THREADS: return _("C threads");
    default: return "?";
    }
}

static void
list_patterns (void)
{
  guint n;
  const SlSharedPattern *list = sl_shared_pattern_list (&n);

  printf (_("Patterns (each worker's update, as written):\n"));
  for (guint i = 0; i < n; i++)
    {
      printf ("\n  %-22s %s (%s)\n", list[i].id, _(list[i].title),
              runtime_words (list[i].runtime));
      printf ("  %-22s %s\n", "", list[i].code);
      printf ("  %-22s ", "");
      printf (_("%" PRIu64 " updates per worker unless --updates says\n"),
              (uint64_t) list[i].default_updates);
    }
}

static char *
format_cost (double ns)
{
  if (!isfinite (ns))
    return g_strdup ("—");
  if (ns >= 1e6)
    return g_strdup_printf (_("%.1f ms"), ns / 1e6);
  if (ns >= 1e4)
    return g_strdup_printf (_("%.0f µs"), ns / 1e3);
  if (ns >= 1e3)
    return g_strdup_printf (_("%.1f µs"), ns / 1e3);
  return g_strdup_printf (_("%.0f ns"), ns);
}

/* The table's columns after the pattern's id: each as wide as its header or its widest cell. */
enum { COL_RUNTIME, COL_EXPECTED, COL_LOST, COL_MAX, COL_LOSING, COL_COST, N_COLUMNS };

static const struct {
  const char *header;
  int         width;
  gboolean    left;
} columns[N_COLUMNS] = {
  { N_("Runtime"), 16, TRUE },
  { N_("Expected"), 10, FALSE },
  { N_("Lost: median"), 16, FALSE },
  { N_("max"), 10, FALSE },
  { N_("runs losing"), 8, FALSE },
  { N_("per update"), 10, FALSE },
};

static void
print_cells (const char * const *cells,
             const int          *widths)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      printf (" ");
      sl_cli_print_padded (stdout, cells[i], widths[i], columns[i].left);
    }
  printf ("\n");
}

static void
print_row (const SlSharedPatternResult *result,
           const int                   *widths)
{
  SlSharedSummary summary;
  g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT, result->expected);
  g_autofree char *cost = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *max = NULL;
  g_autofree char *losing = NULL;
  const char *cells[N_COLUMNS];

  sl_shared_pattern_result_summarize (result, &summary);
  printf ("  %-22s", result->pattern->id);
  cells[COL_RUNTIME] = runtime_words (result->pattern->runtime);
  cells[COL_EXPECTED] = expected;
  if (result->repetitions->len == 0)
    {
      cells[COL_LOST] = _("did not run");
      cells[COL_MAX] = cells[COL_LOSING] = cells[COL_COST] = "—";
      print_cells (cells, widths);
      return;
    }

  lost = g_strdup_printf ("%" G_GINT64_FORMAT " (%.1f %%)", summary.median_lost,
                          100.0 * (double) summary.median_lost / (double) result->expected);
  max = g_strdup_printf ("%" G_GINT64_FORMAT, summary.max_lost);
  losing = g_strdup_printf (_("%u of %u"), summary.losing, result->repetitions->len);
  cost = format_cost (summary.ns_per_update);
  cells[COL_LOST] = lost;
  cells[COL_MAX] = max;
  cells[COL_LOSING] = losing;
  cells[COL_COST] = cost;
  print_cells (cells, widths);
}

/* What the table cannot say: what a lock cost, which unlocked patterns lost nothing and what
 * that does not prove, and what did not run; printed when `shown`. Returns FALSE when a locked
 * pattern lost an update or a pattern did not run. */
static gboolean
print_notes (const SlSharedCounterResult *result,
             gboolean                     shown)
{
  const char *version = result->runtime != NULL
                          ? g_hash_table_lookup (result->runtime, "python_version") : NULL;
  gboolean ok = TRUE;

  for (guint i = 0; i < result->patterns->len; i++)
    {
      const SlSharedPatternResult *r = result->patterns->pdata[i];
      const SlSharedPattern *p = r->pattern;
      SlSharedSummary summary;
      g_autofree char *note = NULL;

      sl_shared_pattern_result_summarize (r, &summary);
      if (r->error != NULL)
        {
          note = g_strdup_printf (_("%s did not run: %s"), p->id, r->error);
          ok = FALSE;
        }
      else if (p->locked && summary.total_lost != 0)
        {
          note = g_strdup_printf (_("%s lost %" PRId64 " updates under its lock: a lock "
                                    "that loses updates is broken"), p->id,
                                  (int64_t) summary.total_lost);
          ok = FALSE;
        }
      else if (p->locked && p->unlocked != NULL)
        {
          const SlSharedPatternResult *twin = NULL;
          SlSharedSummary twin_summary;

          for (guint j = 0; j < result->patterns->len && twin == NULL; j++)
            if (g_str_equal (((SlSharedPatternResult *) result->patterns->pdata[j])->pattern->id,
                             p->unlocked))
              twin = result->patterns->pdata[j];
          if (twin != NULL)
            sl_shared_pattern_result_summarize (twin, &twin_summary);
          if (twin != NULL && isfinite (twin_summary.ns_per_update) &&
              twin_summary.ns_per_update > 0)
            {
              g_autofree char *with = format_cost (summary.ns_per_update);
              g_autofree char *without = format_cost (twin_summary.ns_per_update);

              note = g_strdup_printf (_("%s lost nothing; an update cost %s, against %s for %s "
                                        "(%.1f× as long)"), p->id, with, without, p->unlocked,
                                      summary.ns_per_update / twin_summary.ns_per_update);
            }
        }
      else if (!p->locked && r->repetitions->len > 0 && summary.losing == 0)
        {
          if (p->runtime == SL_SHARED_PYTHON_THREADS)
            note = g_strdup_printf (_("%s lost no update in %u repetitions here: the GIL of "
                                      "CPython %s happened never to switch threads between "
                                      "its read and its write. The language does not promise "
                                      "that: another version, a free-threaded build or another "
                                      "switch interval may lose updates"), p->id,
                                    r->repetitions->len, version != NULL ? version : "?");
          else
            note = g_strdup_printf (_("%s lost no update in %u repetitions here, which proves "
                                      "nothing: without a lock nothing promises it"), p->id,
                                    r->repetitions->len);
        }

      if (note != NULL && shown)
        sl_cli_print_wrapped (stdout, "  · ", note, WIDTH);
    }

  return ok;
}

static void
print_result (const SlSharedCounterResult *result)
{
  const char *headers[N_COLUMNS];
  int widths[N_COLUMNS];
  const char *interval = result->runtime != NULL
                           ? g_hash_table_lookup (result->runtime, "switch_interval_s") : NULL;
  g_autofree char *heading = g_strdup_printf (
    NG_("%u worker adds 1 to one shared value, N times, through each pattern.",
        "%u workers each add 1 to one shared value, N times, through each pattern.",
        result->workers), result->workers);
  g_autofree char *repeated = g_strdup_printf (NG_("Each pattern ran once.",
                                                   "Each pattern ran %u times.",
                                                   result->repetitions), result->repetitions);

  printf ("\n");
  sl_cli_print_wrapped (stdout, "", heading, WIDTH);
  sl_cli_print_wrapped (stdout, "", repeated, WIDTH);
  if (interval != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Python's switch interval: %g s%s"),
                                               g_ascii_strtod (interval, NULL),
                                               result->switch_interval_s > 0
                                                 ? "" : _(" (the interpreter's own)"));

      sl_cli_print_wrapped (stdout, "", line, WIDTH);
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      headers[i] = _(columns[i].header);
      widths[i] = MAX (columns[i].width, (int) g_utf8_strlen (headers[i], -1));
    }
  printf ("\n  %-22s", _("Pattern"));
  print_cells (headers, widths);
  for (guint i = 0; i < result->patterns->len; i++)
    print_row (result->patterns->pdata[i], widths);
  printf ("\n");
}

int
sl_cli_shared_counter (int    argc,
                       char **argv)
{
  gboolean list = FALSE, json = FALSE;
  gint workers, repetitions;
  gint64 updates = 0;
  double switch_interval_s = 0;
  g_autofree char *pattern_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *unknown = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CounterRun run = { 0 };
  int signal_number = 0;
  int status = SL_EXIT_OK;

  sl_shared_counter_spec_init (&run.spec);
  workers = (gint) run.spec.workers;
  repetitions = (gint) run.spec.repetitions;

  {
    GOptionEntry entries[] = {
      { "list", 'l', 0, G_OPTION_ARG_NONE, &list, N_("List the patterns and exit"), NULL },
      { "pattern", 'p', 0, G_OPTION_ARG_STRING, &pattern_text,
        N_("Patterns to run, separated by commas (default: all)"), N_("ID,…") },
      { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
        N_("Workers that add to the value at once (default: 4)"), "N" },
      { "updates", 'n', 0, G_OPTION_ARG_INT64, &updates,
        N_("Updates per worker for every pattern (default: each pattern's own)"), "N" },
      { "repeat", 'r', 0, G_OPTION_ARG_INT, &repetitions,
        N_("Repetitions of each pattern (default: 5)"), "N" },
      { "switch-interval", 's', 0, G_OPTION_ARG_DOUBLE, &switch_interval_s,
        N_("Python's sys.setswitchinterval() in seconds: how often the GIL may change hands "
           "(default: the interpreter's own, 0.005)"), N_("S") },
      { "json", 0, 0, G_OPTION_ARG_NONE, &json,
        N_("Print the result as a JSON document (speedup-lab-shared-counter/1) instead of a "
           "table"), NULL },
      { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
        N_("Also write the JSON document to FILE"), N_("FILE") },
      { NULL }
    };

    context = g_option_context_new (N_("— is a shared value safe without a lock?"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    g_option_context_set_summary (context,
      N_("W workers each add 1 to one shared value N times, through Python threads (a Counter,\n"
         "a dict, an attribute, with and without a threading.Lock), Python processes (a\n"
         "multiprocessing.Value with and without its lock, a Manager's dict) and C threads (a\n"
         "plain +=, an atomic add, a mutex), and count the updates lost: W × N minus what the\n"
         "value holds at the end. Then the cost of one update, with the lock and without."));
    g_option_context_set_description (context,
      N_("Exit status: 0 done, 1 a pattern did not run or a locked one lost an update, 2 bad\n"
         "usage, 130, 143, 129 stopped by SIGINT, SIGTERM, SIGHUP."));
  }

  if (!sl_cli_parse_options (context, &argc, &argv))
    goto usage;
  if (list)
    {
      list_patterns ();
      sl_shared_counter_spec_clear (&run.spec);
      return SL_EXIT_OK;
    }
  if (workers < 0 || repetitions < 0 || updates < 0)
    {
      sl_cli_error (_("--workers, --updates and --repeat take whole numbers of 1 or more"));
      goto usage;
    }
  if (pattern_text != NULL &&
      !sl_cli_parse_ids (pattern_text, (gconstpointer (*) (const char *)) sl_shared_pattern_lookup,
                         run.spec.patterns, &unknown))
    {
      sl_cli_error (_("--pattern: unknown pattern “%s” (see --list)"), unknown);
      goto usage;
    }
  run.spec.workers = (guint) workers;
  run.spec.repetitions = (guint) repetitions;
  run.spec.updates = (guint64) updates;
  run.spec.switch_interval_s = switch_interval_s;
  if (!sl_shared_counter_spec_check (&run.spec, &error))
    {
      sl_cli_error ("%s", error->message);
      goto usage;
    }
  if (output != NULL &&
      !sl_cli_check_outputs ((const char * const *) &output, 1, NULL, 0, &error))
    {
      sl_cli_error ("%s", error->message);
      goto usage;
    }

  if (isatty (STDERR_FILENO))
    fprintf (stderr, _("Running the shared counter…\n"));
  if (!sl_cli_run_interruptible (run_counter, &run, &signal_number, &error))
    {
      sl_shared_counter_spec_clear (&run.spec);
      if (signal_number != 0)
        return 128 + signal_number;
      sl_cli_error ("%s", error->message);
      return SL_EXIT_POINT_FAILED;
    }

  if (json || output != NULL)
    {
      g_autoptr(JsonNode) root = sl_shared_counter_result_to_json (run.result);

      if (json && !sl_cli_write_json (root, NULL))
        status = SL_EXIT_POINT_FAILED;
      if (output != NULL && !sl_cli_write_json (root, output))
        status = SL_EXIT_POINT_FAILED;
    }
  if (!json)
    print_result (run.result);
  if (!print_notes (run.result, !json))
    status = SL_EXIT_POINT_FAILED;

  sl_shared_counter_result_free (run.result);
  sl_shared_counter_spec_clear (&run.spec);
  return signal_number != 0 ? 128 + signal_number : status;

usage:
  sl_shared_counter_spec_clear (&run.spec);
  return SL_EXIT_USAGE;
}
