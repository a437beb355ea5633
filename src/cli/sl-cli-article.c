/* sl-cli-article.c: the article command: the article's code run as written and corrected. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "sl-article.h"
#include "sl-cli-sharing.h"
#include "sl-cli.h"
#include "sl-i18n.h"
#include "sl-text.h"

#define WIDTH 78

typedef struct {
  GPtrArray        *checks;   /* const SlArticleCheck* */
  SlArticleOptions  options;
  GPtrArray        *reports;  /* SlArticleReport* */
  gboolean          progress;
} ArticleRun;

static gboolean
run_checks (GCancellable  *cancellable,
            gpointer       data,
            GError       **error)
{
  ArticleRun *run = data;

  for (guint i = 0; i < run->checks->len; i++)
    {
      const SlArticleCheck *check = run->checks->pdata[i];
      SlArticleReport *report;

      if (run->progress)
        fprintf (stderr, _("Running %s (%u of %u)…\n"), check->id, i + 1, run->checks->len);
      report = sl_article_check_run (check, &run->options, cancellable, error);
      if (report == NULL)
        return FALSE;
      g_ptr_array_add (run->reports, report);
    }

  return TRUE;
}

static void
list_checks (void)
{
  guint n_checks;
  const SlArticleCheck *checks = sl_article_check_list (&n_checks);

  printf (_("The article's examples, each run as written and corrected:\n"));
  for (guint i = 0; i < n_checks; i++)
    {
      printf ("\n  %-16s %s\n", checks[i].id, _(checks[i].title));
      sl_cli_print_wrapped (stdout, "                   ", _(checks[i].claim), WIDTH);
    }
}

/* One version's outcome: the headline after the label (padded to `width` characters), then one
 * line per detail. */
static void
print_outcome (const char             *label,
               int                     width,
               const SlArticleOutcome *outcome,
               gboolean                verbose)
{
  g_autofree char *headline = sl_article_outcome_headline (outcome);
  g_autoptr(GPtrArray) details = sl_article_outcome_details (outcome);
  int padding = MAX (0, width - (int) g_utf8_strlen (label, -1));
  g_autofree char *first = g_strdup_printf ("  %s%*s ", label, padding, "");
  int indent = (int) g_utf8_strlen (first, -1);
  g_autofree char *bullet = g_strdup_printf ("%*s· ", indent, "");
  g_autofree char *pad_more = g_strnfill (indent + 2, ' ');
  g_autofree char *shown = sl_text_make_printable (headline, FALSE);

  sl_cli_print_wrapped (stdout, first, shown, WIDTH);
  for (guint i = 0; i < details->len; i++)
    {
      g_autofree char *line = sl_text_make_printable (details->pdata[i], FALSE);

      sl_cli_print_wrapped (stdout, bullet, line, WIDTH);
    }

  if (verbose && outcome->traceback != NULL && outcome->traceback[0] != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (outcome->traceback, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        printf ("%s%s\n", pad_more, lines[i]);
    }
}

static void
print_report (const SlArticleReport *report,
              gboolean               verbose)
{
  g_autofree char *claim = g_strdup_printf (_("The article: %s"), _(report->check->claim));
  g_autofree char *reason = g_strdup_printf (_("Why: %s"), _(report->check->reason));
  g_autoptr(GPtrArray) notes = sl_article_report_notes (report);
  const char *as_written = _("As written:");
  const char *corrected = _("Corrected:");
  int width = (int) MAX (g_utf8_strlen (as_written, -1), g_utf8_strlen (corrected, -1));

  printf ("\n%s — %s\n", report->check->id, _(report->check->title));
  sl_cli_print_wrapped (stdout, "  ", claim, WIDTH);
  print_outcome (as_written, width, &report->as_written, verbose);
  print_outcome (corrected, width, &report->corrected, verbose);
  for (guint i = 0; i < notes->len; i++)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), (char *) notes->pdata[i]);

      sl_cli_print_wrapped (stdout, "  ", note, WIDTH);
    }
  sl_cli_print_wrapped (stdout, "  ", reason, WIDTH);
  if (verbose && report->as_written.code != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (report->as_written.code, "\n", -1);

      printf ("  %s\n", _("The code as written, as it ran:"));
      for (guint i = 0; lines[i] != NULL; i++)
        printf ("    %3u | %s\n", i + 1, lines[i]);
    }
}

static void
print_runtime (GPtrArray *reports)
{
  for (guint i = 0; i < reports->len; i++)
    {
      g_autofree char *runtime =
        sl_article_describe_runtime (((SlArticleReport *) reports->pdata[i])->runtime);

      if (runtime != NULL)
        {
          printf ("\n%s.\n", runtime);
          return;
        }
    }
}

int
sl_cli_article (int    argc,
                char **argv)
{
  gboolean list = FALSE, json = FALSE, verbose = FALSE;
  double timeout_s;
  gint fib_n, concurrent;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) reports = NULL;
  ArticleRun run;
  int signal_number = 0;
  int status = SL_EXIT_OK;

  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_article_report_free);
  sl_article_options_init (&run.options);
  timeout_s = run.options.timeout_s;
  fib_n = (gint) run.options.fib_n;
  concurrent = (gint) run.options.concurrent;

  {
    GOptionEntry entries[] = {
      { "list", 'l', 0, G_OPTION_ARG_NONE, &list, N_("List the checks and exit"), NULL },
      { "json", 0, 0, G_OPTION_ARG_NONE, &json,
        N_("Print the outcomes as a JSON document (speedup-lab-article/1) instead of text"), NULL },
      { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
        N_("Also write the JSON document to FILE"), N_("FILE") },
      { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
        N_("Show the tracebacks and the code as it ran"), NULL },
      { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout_s,
        N_("Seconds an example may run or wait before it counts as blocked (default: 5)"),
        N_("S") },
      { "fib", 0, 0, G_OPTION_ARG_INT, &fib_n,
        N_("The n of the Flask examples' /fib/<n> (default: 27)"), "N" },
      { "requests", 0, 0, G_OPTION_ARG_INT, &concurrent,
        N_("Requests sent to a Flask example at once (default: 4)"), "N" },
      { NULL }
    };

    context = g_option_context_new (N_("[CHECK…] — run the article's code as written"));
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
    g_option_context_set_summary (context,
      N_("Runs the article's examples (the shared Counter, the multiprocessing.Queue, the Flask\n"
         "endpoint with threads and with processes) in the python runtime, each as written and\n"
         "corrected, and reports what the interpreter did: the exception's type and message, or\n"
         "the result. The article's URLs point at the built-in server, so that it runs offline.\n"
         "With no CHECK, runs them all."));
    g_option_context_set_description (context,
      N_("Exit status: 0 every check ran and every corrected version succeeded, 1 one did not,\n"
         "2 bad usage, 130, 143, 129 stopped by SIGINT, SIGTERM, SIGHUP."));
  }

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }
  if (list)
    {
      list_checks ();
      return SL_EXIT_OK;
    }
  if (!(timeout_s >= 0.5 && timeout_s <= 600))
    {
      sl_cli_error (_("--timeout must be 0.5–600 seconds"));
      return SL_EXIT_USAGE;
    }
  if (fib_n < 1 || fib_n > 35)
    {
      sl_cli_error (_("--fib %d is out of range 1–35"), fib_n);
      return SL_EXIT_USAGE;
    }
  if (concurrent < 1 || concurrent > 64)
    {
      sl_cli_error (_("--requests %d is out of range 1–64"), concurrent);
      return SL_EXIT_USAGE;
    }
  if (output != NULL &&
      !sl_cli_check_outputs ((const char * const *) &output, 1, NULL, 0, &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      const SlArticleCheck *check = sl_article_check_lookup (argv[i]);

      if (check == NULL)
        {
          sl_cli_error (_("unknown check “%s” (see --list)"), argv[i]);
          return SL_EXIT_USAGE;
        }
      g_ptr_array_add (checks, (gpointer) check);
    }
  if (checks->len == 0)
    {
      guint n_checks;
      const SlArticleCheck *all = sl_article_check_list (&n_checks);

      for (guint i = 0; i < n_checks; i++)
        g_ptr_array_add (checks, (gpointer) &all[i]);
    }

  run.options.timeout_s = timeout_s;
  run.options.fib_n = (guint) fib_n;
  run.options.concurrent = (guint) concurrent;
  run.checks = checks;
  run.reports = reports;
  run.progress = isatty (STDERR_FILENO);

  if (!sl_cli_run_interruptible (run_checks, &run, &signal_number, &error))
    {
      if (signal_number != 0)
        return 128 + signal_number;
      sl_cli_error ("%s", error->message);
      return SL_EXIT_POINT_FAILED;
    }

  for (guint i = 0; i < reports->len; i++)
    {
      const SlArticleReport *report = reports->pdata[i];

      if (report->as_written.status == SL_ARTICLE_NOT_RUN ||
          report->corrected.status != SL_ARTICLE_OK)
        status = SL_EXIT_POINT_FAILED;
    }

  if (json || output != NULL)
    {
      g_autoptr(JsonNode) root = sl_article_reports_to_json (reports);

      if (json && !sl_cli_write_json (root, NULL))
        status = SL_EXIT_POINT_FAILED;
      if (output != NULL && !sl_cli_write_json (root, output))
        status = SL_EXIT_POINT_FAILED;
    }
  if (!json)
    {
      for (guint i = 0; i < reports->len; i++)
        print_report (reports->pdata[i], verbose);
      print_runtime (reports);
    }

  return signal_number != 0 ? 128 + signal_number : status;
}
