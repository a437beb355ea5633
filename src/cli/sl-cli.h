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

/* sl-cli-common.c: text from outside (a file name, a string of a result file, a worker's or a
 * task's words, a value a person typed) as the terminal may show it: no URL password
 * (sl_text_redact_credentials()), no control or invisible format character
 * (sl_text_make_printable(); a newline too, unless `multiline`). NULL stays NULL. Everything
 * the CLI prints that it did not write itself goes through it. */
char    *sl_cli_dup_shown (const char *text,
                           gboolean    multiline);
/* Prints a JSON document (made valid UTF-8 where it is not) with every character that
 * sl_cli_dup_shown() would escape written as its \u escape, which means the same to a JSON
 * reader and nothing to a terminal. */
void     sl_cli_print_json (FILE       *out,
                            const char *text);
/* Prints "speedup-lab-cli: MESSAGE" on stderr, MESSAGE as sl_cli_dup_shown() makes it. */
void     sl_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* A command, or an action of one, uses every argument and option it is given; one it would
 * ignore is an error, named, never passed over.
 * sl_cli_check_arguments(): `argc` and `argv` as g_option_context_parse() left them (argv[0]
 * the command); between `min` and `max` arguments, or "unexpected argument “X”" naming the
 * first extra one, or "wrong number of arguments" with `usage` ("speedup-lab-cli history
 * show ID"; NULL where `max` is 0).
 * sl_cli_check_unused_option(): an option given (`given`) where it does nothing is refused:
 * "FLAG does nothing WHERE", `where` saying when and what it is for ("with --kind speedup: it
 * picks the point of the tasks chart"). */
gboolean sl_cli_check_arguments (int          argc,
                                 char       **argv,
                                 int          min,
                                 int          max,
                                 const char  *usage,
                                 GError     **error);
gboolean sl_cli_check_unused_option (const char  *flag,
                                     gboolean     given,
                                     const char  *where,
                                     GError     **error);
/* Parses the options of a command that takes no other arguments: a stray one is an error, never
 * ignored. Prints the problem; FALSE means exit with SL_EXIT_USAGE. */
gboolean sl_cli_parse_options (GOptionContext   *context,
                               int              *argc,
                               char           ***argv);
/* The number an option was given (`text`; NULL: not given, `out` left as it is), in decimal
 * notation only, as sl-number.h reads it: a count is digits alone, at most `max`; a decimal
 * may have a sign, a fraction and an exponent. "0x10", "010" for 8, "inf" are refused with a
 * message that names `flag`, says what it takes (a decimal's `what`: "a number of seconds")
 * and that it is decimal; a number beyond the type is out of range, as written. Ranges of
 * their own are the caller's to check. */
gboolean sl_cli_parse_count (const char  *flag,
                             const char  *text,
                             guint64      max,
                             guint64     *out,
                             GError     **error);
gboolean sl_cli_parse_decimal (const char  *flag,
                               const char  *what,
                               const char  *text,
                               double      *out,
                               GError     **error);
/* Checks every output before any work is done: each can be written (sl_file_check_writable()),
 * no two name the same file, and none names one of the `inputs` (the files the command reads).
 * NULL entries are skipped. */
gboolean sl_cli_check_outputs (const char * const *paths,
                               guint                n_paths,
                               const char * const *inputs,
                               guint                n_inputs,
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
