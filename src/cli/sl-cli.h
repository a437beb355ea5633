/* sl-cli.h: the subcommands of speedup-lab-cli and what they share. */
#pragma once

#include <stdio.h>

#include <glib.h>

#include "sl-result.h"

G_BEGIN_DECLS

/* Exit codes, documented in --help and README.md. */
#define SL_EXIT_OK          0
#define SL_EXIT_POINT_FAILED 1    /* a point failed; partial results were still written */
#define SL_EXIT_USAGE       2     /* bad usage or input; nothing was run */
#define SL_EXIT_INTERRUPTED 130   /* SIGINT (SIGTERM: 143, SIGHUP: 129, as 128 + the signal);
                                     workers stopped, partial results written */

/* Each takes the arguments after the subcommand name (argv[0] is "speedup-lab-cli NAME"). */
int  sl_cli_list (int argc, char **argv);
int  sl_cli_info (int argc, char **argv);
int  sl_cli_run (int argc, char **argv);
int  sl_cli_show (int argc, char **argv);
int  sl_cli_chart (int argc, char **argv);   /* sl-cli-chart.c */
int  sl_cli_serve (int argc, char **argv);   /* sl-cli-serve.c */
int  sl_cli_compare (int argc, char **argv); /* sl-cli-history.c */
int  sl_cli_history (int argc, char **argv); /* sl-cli-history.c */
int  sl_cli_article (int argc, char **argv); /* sl-cli-article.c */
int  sl_cli_shared_counter (int argc, char **argv); /* sl-cli-shared-counter.c */
int  sl_cli_transfer (int argc, char **argv); /* sl-cli-transfer.c */

/* sl-cli-common.c: prints "speedup-lab-cli: MESSAGE" on stderr. */
void     sl_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses the options of a command that takes no other arguments: a stray one is an error, never
 * ignored. Prints the problem; FALSE means exit with SL_EXIT_USAGE. */
gboolean sl_cli_parse_options (GOptionContext   *context,
                               int              *argc,
                               char           ***argv);
/* Checks every output before any work is done: each can be written (sl_file_check_writable())
 * and no two name the same file. NULL entries are skipped. */
gboolean sl_cli_check_outputs (const char * const *paths,
                               guint                n_paths,
                               GError             **error);

/* sl-cli-history.c: run --save. The history folder, made and checked writable (NULL and the
 * reason otherwise), then the result kept in it; FALSE when it could not be (said on stderr). */
char    *sl_cli_history_prepare (GError **error);
gboolean sl_cli_history_keep (const char     *dir,
                              const SlResult *result,
                              gboolean        quiet);

/* sl-cli-print.c: the article-style table, the analysis and the warnings of a result. */
void     sl_cli_print_result (FILE           *out,
                              const SlResult *result);
/* Prints `text` wrapped at `width` columns, each line after `prefix`. */
void     sl_cli_print_wrapped (FILE       *out,
                               const char *prefix,
                               const char *text,
                               guint       width);
/* Prints `text` padded to `width` characters (not bytes), left- or right-aligned. */
void     sl_cli_print_padded (FILE       *out,
                              const char *text,
                              int         width,
                              gboolean    left);
/* Seconds with the digits that matter at their size; "—" when not finite. */
char    *sl_cli_format_seconds (double seconds);

G_END_DECLS
