/* main.c: speedup-lab-cli, the headless front end: picks the subcommand. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

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

/* A table that did not reach its reader (a full disk, a closed pipe) is a failure, not success. */
static int
finish_output (int status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      sl_cli_error (_("cannot write to standard output: %s"), g_strerror (errno));
      return status == SL_EXIT_OK ? SL_EXIT_POINT_FAILED : status;
    }

  return status;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  sl_i18n_bind_textdomain ();
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("speedup-lab-cli");

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? SL_EXIT_USAGE : SL_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("speedup-lab-cli %s\n", PACKAGE_VERSION);
      return SL_EXIT_OK;
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
