/* main.c: speedup-lab-cli, the headless front end: picks the subcommand. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sl-cli.h"
#include "sl-i18n.h"

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "list", sl_cli_list, N_("List workloads, presets and their parameters") },
  { "info", sl_cli_info, N_("Show system information and measurement warnings") },
  { "run", sl_cli_run, N_("Run an experiment and print its table and analysis") },
  { "show", sl_cli_show, N_("Show the table and analysis of a saved result") },
  { "chart", sl_cli_chart, N_("Draw a chart of a saved result as PNG, SVG or PDF") },
  { "compare", sl_cli_compare, N_("Compare experiments: times, significance, an overlay chart") },
  { "history", sl_cli_history, N_("List, show, rename or delete the experiments kept") },
  { "serve", sl_cli_serve, N_("Run the built-in HTTP server for other tools") },
  { "article", sl_cli_article, N_("Run the article's code as written and corrected") },
  { "shared-counter", sl_cli_shared_counter, N_("Count the updates lost to a shared value without a lock") },
  { "transfer", sl_cli_transfer, N_("Measure what moving data between processes costs, by channel") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage: speedup-lab-cli COMMAND [OPTION…]\n\n"
                  "Measure whether threads or processes make a workload faster, and with how many\n"
                  "workers.\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun “speedup-lab-cli COMMAND --help” for the options of a command.\n"
                  "Exit status: 0 done, 1 a point failed (partial results written),\n"
                  "2 bad usage or input (nothing run), 130, 143, 129 stopped by SIGINT, SIGTERM, "
                  "SIGHUP.\n"));
}

/* Whether finish_output() has checked standard output: set when a command returns here. */
static gboolean stdout_checked;

/* A table, a help or a version text that did not reach its reader (a full disk, a closed pipe)
 * is a failure, not success. */
static int
finish_output (int status)
{
  int failure = fflush (stdout) != 0 ? errno : 0;

  stdout_checked = TRUE;
  if (failure != 0 || ferror (stdout))
    {
      /* When an earlier write failed and fflush() had nothing left to write, the reason is
       * gone with its errno. */
      sl_cli_error (_("cannot write to standard output: %s"),
                    failure != 0 ? g_strerror (failure) : _("a write to it failed"));
      return status == SL_EXIT_OK ? SL_EXIT_POINT_FAILED : status;
    }

  return status;
}

/* The same check where a command ends with exit() instead of returning: GOptionContext prints
 * --help and exits with status 0 itself. */
static void
finish_output_at_exit (void)
{
  if (!stdout_checked && finish_output (SL_EXIT_OK) != SL_EXIT_OK)
    _exit (SL_EXIT_POINT_FAILED);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  sl_i18n_bind_textdomain ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("speedup-lab-cli");
  /* A reader that leaves (a FIFO, `| head`) makes a write fail with EPIPE, which is reported
   * like any other failed write, rather than killing the program with nothing said. */
  signal (SIGPIPE, SIG_IGN);
  atexit (finish_output_at_exit);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return finish_output (argc < 2 ? SL_EXIT_USAGE : SL_EXIT_OK);
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("speedup-lab-cli %s\n", PACKAGE_VERSION);
      return finish_output (SL_EXIT_OK);
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("speedup-lab-cli %s", commands[i].name);

          /* GOptionContext prints the program name in --help: make it the subcommand's. */
          g_set_prgname (prgname);
          argv[1] = prgname;
          return finish_output (commands[i].run (argc - 1, argv + 1));
        }
    }

  sl_cli_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return SL_EXIT_USAGE;
}
