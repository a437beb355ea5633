/* sl-cli-history.c: the compare and history commands of speedup-lab-cli: what the window's
 * history sidebar and comparison do, headless. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>


#include "sl-chart.h"
#include "sl-cli-chart.h"
#include "sl-cli.h"
#include "sl-compare.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-history.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-result-io.h"

/* Finding an experiment */

/* "2026-11-25 08:34" in local time. */
static char *
format_local_date (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static char *
history_dir_or_default (const char *dir)
{
  return dir != NULL ? g_strdup (dir) : sl_history_default_dir ();
}

/* A document of the history folder, which is a regular file: anything else there (a FIFO) is
 * refused rather than opened, which could wait forever. */
static char *
kept_document (char    *path,
               GError **error)
{
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               "%s is not a Speedup Lab result: it is not a regular file", path);
  g_free (path);
  return NULL;
}

/* The file an argument names: a file that exists, the number `history list` printed, or an ID
 * (the file name without .speedup.json) in the history folder. Anything else that looks like a
 * path is left for the loader to say what is wrong with it. */
static char *
resolve_experiment (const char  *dir,
                    const char  *argument,
                    GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  guint64 number;

  if (g_file_test (argument, G_FILE_TEST_EXISTS))
    return g_strdup (argument);

  if (g_ascii_string_to_unsigned (argument, 10, 1, G_MAXUINT, &number, NULL))
    {
      g_autoptr(GPtrArray) entries = sl_history_list (dir, error);

      if (entries == NULL)
        return NULL;
      if (number > entries->len)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("There is no experiment #%" PRIu64 " in %s (it holds %u): see "
                         "“speedup-lab-cli history list”"), number, dir, entries->len);
          return NULL;
        }
      return kept_document (g_strdup (((SlHistoryEntry *) entries->pdata[number - 1])->path),
                            error);
    }

  if (strchr (argument, G_DIR_SEPARATOR) != NULL)
    return g_strdup (argument);

  name = g_str_has_suffix (argument, SL_HISTORY_SUFFIX)
         ? g_strdup (argument) : g_strconcat (argument, SL_HISTORY_SUFFIX, NULL);
  path = g_build_filename (dir, name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return kept_document (g_steal_pointer (&path), error);

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
               _("No file or experiment “%s”: give a result file, or a number or an ID from "
                 "“speedup-lab-cli history list” (in %s)"), argument, dir);
  return NULL;
}

static SlResult *
load_experiment (const char  *dir,
                 const char  *argument,
                 char       **path_out,
                 GError     **error)
{
  g_autofree char *path = resolve_experiment (dir, argument, error);
  SlResult *result;

  if (path == NULL)
    return NULL;
  result = sl_result_load (path, error);
  if (result != NULL && path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return result;
}

/* compare */

static void
print_experiments (FILE               *out,
                   const SlComparison *comparison,
                   char              **paths)
{
  fprintf (out, _("Experiments:\n"));
  for (guint i = 0; i < comparison->results->len; i++)
    {
      const SlResult *result = g_ptr_array_index (comparison->results, i);
      const char *what = sl_history_workload_title (result->spec->preset, result->spec->workload);
      g_autofree char *label = sl_cli_dup_shown (comparison->labels->pdata[i], FALSE);
      g_autofree char *shown_what = sl_cli_dup_shown (what ? what : "?", FALSE);
      g_autofree char *shown = sl_cli_dup_shown (paths[i], FALSE);
      g_autoptr(GDateTime) created = result->created
                                     ? g_date_time_new_from_iso8601 (result->created, NULL) : NULL;
      g_autofree char *date = created != NULL ? format_local_date (g_date_time_to_unix (created))
                                              : g_strdup ("?");

      fprintf (out, "  %c  %s\n", i < 26 ? 'A' + i : '*', label);
      fprintf (out, _("     %s · %s runtime · %s · %s\n"), shown_what,
               sl_runtime_to_string (result->spec->runtime), date, shown);
    }
}

static const char *
significance (const SlCompareRow *row)
{
  if (!isfinite (row->p_value))
    return "—";
  if (!row->significant)
    return _("no");
  return row->ratio > 1.0 ? _("yes, slower") : _("yes, faster");
}

static void
print_rows (FILE               *out,
            const SlComparison *comparison)
{
  gboolean few = FALSE;

  for (guint other = 1; other < comparison->results->len; other++)
    {
      char letter = other < 26 ? 'A' + other : '*';
      g_autofree char *label = sl_cli_dup_shown (comparison->labels->pdata[other], FALSE);
      g_autofree char *first = sl_cli_dup_shown (comparison->labels->pdata[0], FALSE);

      fprintf (out, _("\n%c (%s) against A (%s):\n"), letter, label, first);
      fputs ("  ", out);
      sl_cli_print_padded (out, _("Model"), 10, TRUE);
      fputc (' ', out);
      sl_cli_print_padded (out, _("Workers"), 7, FALSE);
      fputc (' ', out);
      sl_cli_print_padded (out, _("Time A (s)"), 12, FALSE);
      fputc (' ', out);
      sl_cli_print_padded (out, _("Time B (s)"), 12, FALSE);
      fprintf (out, " %8s %8s  %s\n", "B ÷ A", "p", _("Significant"));

      for (guint i = 0; i < comparison->rows->len; i++)
        {
          const SlCompareRow *row = &g_array_index (comparison->rows, SlCompareRow, i);
          g_autofree char *time_a = NULL;
          g_autofree char *time_b = NULL;
          g_autofree char *ratio = NULL;
          g_autofree char *p = NULL;

          if (row->other != other)
            continue;
          time_a = sl_cli_format_seconds (row->time_a);
          time_b = sl_cli_format_seconds (row->time_b);
          ratio = isfinite (row->ratio) ? g_strdup_printf ("%.2f×", row->ratio) : g_strdup ("—");
          p = isfinite (row->p_value) ? g_strdup_printf ("%.3f", row->p_value) : g_strdup ("—");
          few = few || (!isfinite (row->p_value) && isfinite (row->ratio));

          fprintf (out, "  %-10s %7u ", sl_model_to_string (row->model), row->workers);
          sl_cli_print_padded (out, time_a, 12, FALSE);
          fputc (' ', out);
          sl_cli_print_padded (out, time_b, 12, FALSE);
          fputc (' ', out);
          sl_cli_print_padded (out, ratio, 8, FALSE);
          fputc (' ', out);
          sl_cli_print_padded (out, p, 8, FALSE);
          fprintf (out, "  %s\n", significance (row));
        }
    }

  fputc ('\n', out);
  sl_cli_print_wrapped (out, "",
                        _("Significant: the two-sided Mann–Whitney U test on the repetitions gives "
                          "p < 0.05 and the medians differ by more than 5 %. With 3 repetitions on "
                          "each side p cannot go below 0.1: repeat more (--repeat 5) to tell "
                          "smaller differences apart."), 78);
  if (few)
    sl_cli_print_wrapped (out, "", _("—: a point missing on one side, or with fewer than 2 "
                                     "repetitions, has no test."), 78);
}

static gboolean
check_overlay_kinds (GPtrArray  *requests,
                     GError    **error)
{
  for (guint i = 0; i < requests->len; i++)
    {
      const SlCliChartRequest *request = g_ptr_array_index (requests, i);

      if (request->kind == SL_CHART_TASKS)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("--chart tasks:%s: the tasks chart shows one point of one experiment; "
                         "compare overlays time, speedup, efficiency or cpu"), request->path);
          return FALSE;
        }
    }

  return TRUE;
}

/* The charts and the JSON; one that fails does not stop the others. */
static gboolean
write_outputs (const SlComparison  *comparison,
               GPtrArray           *requests,
               const char          *json_path,
               GError             **error)
{
  g_autoptr(GError) chart_error = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autofree const SlResult **results = g_new (const SlResult *, comparison->results->len);
  gboolean charts_ok;

  for (guint i = 0; i < comparison->results->len; i++)
    results[i] = g_ptr_array_index (comparison->results, i);
  charts_ok = sl_cli_chart_write_overlay_requests (results, comparison->results->len,
                                                   (const char **) comparison->labels->pdata,
                                                   requests, &chart_error);

  if (json_path != NULL)
    {
      g_autoptr(JsonNode) node = sl_comparison_to_json (comparison);
      gsize length = 0;
      g_autofree char *text = sl_json_to_text (node, &length);

      sl_file_write_atomic (json_path, text, (gssize) length, &json_error);
    }

  if (!charts_ok || json_error != NULL)
    {
      g_propagate_error (error, !charts_ok ? g_steal_pointer (&chart_error)
                                           : g_steal_pointer (&json_error));
      return FALSE;
    }
  return TRUE;
}

int
sl_cli_compare (int    argc,
                char **argv)
{
  g_auto(GStrv) charts = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *dir_option = NULL;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "chart", 0, 0, G_OPTION_ARG_STRING_ARRAY, &charts, N_("Draw the overlay: time, speedup, efficiency or cpu, as .png, .svg or .pdf (repeatable)"), "KIND:FILE" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("Write the comparison as JSON"), "FILE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_option, N_("History folder for numbers and IDs (default: the window's)"), "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (N_("A B [C…] — compare experiments: result files, or numbers or IDs from "
                             "“history list”"));
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_free);
  g_auto(GStrv) paths = NULL;
  g_autoptr(SlComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    N_("Compares each experiment with the first (A): per model and worker count the median times,\n"
       "their ratio and whether the difference is significant, and overlays them on one chart."));
  g_option_context_set_description (context,
    N_("Exit status: 0 done, 1 an output could not be written, 2 bad usage or an unreadable,\n"
       "malformed or foreign file."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto usage;
  if (argc < 3)
    {
      g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("compare needs two experiments or more (got %d): speedup-lab-cli compare "
                     "A.speedup.json B.speedup.json"), argc - 1);
      goto usage;
    }

  requests = sl_cli_chart_requests_parse (charts, &error);
  if (requests == NULL || !check_overlay_kinds (requests, &error))
    goto usage;

  dir = history_dir_or_default (dir_option);
  paths = g_new0 (char *, argc);
  for (int i = 1; i < argc; i++)
    if ((paths[i - 1] = resolve_experiment (dir, argv[i], &error)) == NULL)
      goto usage;
  {
    g_autoptr(GPtrArray) outputs = g_ptr_array_new ();

    g_ptr_array_add (outputs, json_path);
    for (guint i = 0; i < requests->len; i++)
      g_ptr_array_add (outputs, ((SlCliChartRequest *) requests->pdata[i])->path);
    if (!sl_cli_check_outputs ((const char * const *) outputs->pdata, outputs->len,
                               (const char * const *) paths, (guint) argc - 1, &error))
      goto usage;
  }

  for (int i = 1; i < argc; i++)
    {
      SlResult *result = sl_result_load (paths[i - 1], &error);

      if (result == NULL)
        goto usage;
      g_ptr_array_add (results, result);
    }

  comparison = sl_comparison_new (results, &error);
  if (comparison == NULL)
    goto usage;

  print_experiments (stdout, comparison, paths);
  if (comparison->warning != NULL)
    {
      fputc ('\n', stdout);
      sl_cli_print_wrapped (stdout, _("Warning: "), comparison->warning, 78);
    }
  print_rows (stdout, comparison);

  if (!write_outputs (comparison, requests, json_path, &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_POINT_FAILED;
    }

  return SL_EXIT_OK;

usage:
  sl_cli_error ("%s", error->message);
  return SL_EXIT_USAGE;
}

/* history */

static void
print_entry (FILE                 *out,
             guint                 number,
             const SlHistoryEntry *entry)
{
  g_autofree char *date = format_local_date (entry->created_unix);
  g_autofree char *raw_id = sl_history_entry_dup_id (entry);
  g_autofree char *id = sl_cli_dup_shown (raw_id, FALSE);
  g_autofree char *headline = sl_cli_dup_shown (entry->headline, FALSE);
  g_autoptr(GString) models = g_string_new (NULL);

  /* The file names are anyone's who can write to the folder. */
  if (entry->error != NULL)
    {
      g_autofree char *name = g_path_get_basename (entry->path);
      g_autofree char *shown = sl_cli_dup_shown (name, FALSE);

      fprintf (out, _("%4u  %s  unreadable: %s\n"), number, date, shown);
      sl_cli_print_wrapped (out, "      ", entry->error, 78);
      return;
    }

  for (guint i = 0; i < entry->models->len; i++)
    g_string_append_printf (models, "%s%s", i ? ", " : "",
                            sl_model_to_string (g_array_index (entry->models, SlModel, i)));

  fprintf (out, "%4u  %s  %s · %s · %s%s\n", number, date, headline ? headline : "?",
           sl_runtime_to_string (entry->runtime), models->str,
           entry->status == SL_RESULT_COMPLETE ? ""
           : entry->status == SL_RESULT_PARTIAL ? _(" · partial (a point failed)")
           : entry->status == SL_RESULT_CANCELLED ? _(" · cancelled")
           : _(" · running"));
  if (entry->has_best && isfinite (entry->best_speedup))
    fprintf (out, NG_ ("      best %.2f× at %u worker (%s) · %s\n",
                       "      best %.2f× at %u workers (%s) · %s\n", entry->best_workers),
             entry->best_speedup, entry->best_workers, sl_model_to_string (entry->best_model), id);
  else
    fprintf (out, _("      no best point · %s\n"), id);
}

static JsonNode *
entries_to_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      const SlHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *id = sl_history_entry_dup_id (entry);

      json_builder_begin_object (builder);
      sl_json_add_int (builder, "number", i + 1);
      sl_json_add_string (builder, "id", id);
      sl_json_add_string (builder, "path", entry->path);
      sl_json_add_string (builder, "error", entry->error);
      sl_json_add_string (builder, "title", entry->title);
      sl_json_add_string (builder, "headline", entry->headline);
      sl_json_add_string (builder, "preset", entry->preset);
      sl_json_add_string (builder, "workload", entry->workload);
      sl_json_add_string (builder, "created", entry->created);
      if (entry->error == NULL)
        {
          sl_json_add_string (builder, "runtime", sl_runtime_to_string (entry->runtime));
          sl_json_add_string (builder, "status", sl_result_status_to_string (entry->status));
        }
      json_builder_set_member_name (builder, "models");
      json_builder_begin_array (builder);
      for (guint m = 0; m < entry->models->len; m++)
        json_builder_add_string_value (builder,
                                       sl_model_to_string (g_array_index (entry->models, SlModel, m)));
      json_builder_end_array (builder);
      if (entry->has_best)
        {
          sl_json_add_string (builder, "best_model", sl_model_to_string (entry->best_model));
          sl_json_add_int (builder, "best_workers", entry->best_workers);
          sl_json_add_double (builder, "best_speedup", entry->best_speedup);
        }
      sl_json_add_string (builder, "cpu_model", entry->cpu_model);
      sl_json_add_int (builder, "usable_cpus", entry->usable_cpus);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static int
history_list (const char *dir,
              gboolean    as_json)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown_dir = sl_cli_dup_shown (dir, FALSE);
  guint unreadable = 0;

  entries = sl_history_list (dir, &error);
  if (entries == NULL)
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = entries_to_json (entries);
      g_autofree char *text = sl_json_to_text (node, NULL);

      sl_cli_print_json (stdout, text);
      return SL_EXIT_OK;
    }

  for (guint i = 0; i < entries->len; i++)
    if (((SlHistoryEntry *) entries->pdata[i])->error != NULL)
      unreadable++;

  printf (NG_ ("%u experiment in %s%s\n", "%u experiments in %s%s\n", entries->len), entries->len,
          shown_dir, entries->len == 0 ? _(" (“speedup-lab-cli run --save” keeps one)") : "");
  if (unreadable > 0)
    printf (NG_ ("%u cannot be read; it is listed with the reason and left as it is.\n",
                 "%u cannot be read; they are listed with the reason and left as they are.\n",
                 unreadable), unreadable);
  for (guint i = 0; i < entries->len; i++)
    {
      fputc ('\n', stdout);
      print_entry (stdout, i + 1, entries->pdata[i]);
    }

  return SL_EXIT_OK;
}

static int
history_show (const char *dir,
              const char *argument)
{
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  result = load_experiment (dir, argument, &path, &error);
  if (result == NULL)
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  {
    g_autofree char *title = sl_cli_dup_shown (result->title, FALSE);
    g_autofree char *shown = sl_cli_dup_shown (path, FALSE);

    if (title != NULL)
      printf ("%s\n", title);
    printf ("%s\n", shown);
  }
  sl_cli_print_result (stdout, result);
  return SL_EXIT_OK;
}

static int
history_rename (const char *dir,
                const char *argument,
                const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = resolve_experiment (dir, argument, &error);

  if (path == NULL || !sl_history_rename (path, title, &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  return SL_EXIT_OK;
}

static int
history_delete (const char *dir,
                const char *argument)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = resolve_experiment (dir, argument, &error);
  g_autofree char *shown = NULL;

  if (path == NULL || !sl_history_delete_in (dir, path, &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  shown = sl_cli_dup_shown (path, FALSE);
  printf (_("Deleted %s\n"), shown);
  return SL_EXIT_OK;
}

typedef struct {
  const char *name;
  const char *usage;       /* its arguments, after "history" */
  int         n_args;
  gboolean    takes_json;
} HistoryAction;

static const HistoryAction history_actions[] = {
  { "list", "list [--json]", 0, TRUE },
  { "show", "show ID", 1, FALSE },
  { "rename", "rename ID TITLE", 2, FALSE },
  { "delete", "delete ID", 1, FALSE },
};

int
sl_cli_history (int    argc,
                char **argv)
{
  g_autofree char *dir_option = NULL;
  g_autofree char *dir = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir_option, N_("History folder (default: the window's)"), "DIR" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("list: print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (N_("list | show ID | rename ID TITLE | delete ID — the experiments kept"));
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *where = NULL;
  const HistoryAction *action = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    N_("Reads the folder where the window and “run --save” keep every experiment.\n"
       "ID is a number that “list” prints, the file name without .speedup.json, or a path.\n\n"
       "  list             every experiment, newest first; unreadable files with the reason\n"
       "  show ID          the table and analysis of one\n"
       "  rename ID TITLE  a title of your own (\"\" removes it)\n"
       "  delete ID        delete one"));
  g_option_context_set_description (context,
    N_("Exit status: 0 done, 2 bad usage, an unknown ID, or an unreadable, malformed or foreign\n"
       "file."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  if (argc < 2)
    {
      sl_cli_error (_("history needs an action: list, show ID, rename ID TITLE or delete ID"));
      return SL_EXIT_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (history_actions); i++)
    if (g_str_equal (argv[1], history_actions[i].name))
      action = &history_actions[i];
  if (action == NULL)
    {
      sl_cli_error (_("unknown history action “%s” (choose list, show, rename or delete)"),
                    argv[1]);
      return SL_EXIT_USAGE;
    }

  /* Each action takes its own arguments, and --json is list's alone. */
  usage = g_strdup_printf ("speedup-lab-cli history %s", action->usage);
  where = g_strdup_printf (_("with %s: only “history list” prints JSON"), action->name);
  if (!sl_cli_check_arguments (argc - 1, argv + 1, action->n_args, action->n_args, usage,
                               &error) ||
      !sl_cli_check_unused_option ("--json", as_json && !action->takes_json, where, &error))
    {
      sl_cli_error ("history %s: %s", action->name, error->message);
      return SL_EXIT_USAGE;
    }

  dir = history_dir_or_default (dir_option);
  if (g_str_equal (action->name, "list"))
    return history_list (dir, as_json);
  if (g_str_equal (action->name, "show"))
    return history_show (dir, argv[2]);
  if (g_str_equal (action->name, "rename"))
    return history_rename (dir, argv[2], argv[3]);
  return history_delete (dir, argv[2]);
}

/* run --save */

char *
sl_cli_history_prepare (GError **error)
{
  g_autofree char *dir = sl_history_default_dir ();
  g_autofree char *probe = g_build_filename (dir, "probe" SL_HISTORY_SUFFIX, NULL);

  /* Made and tried before the sweep, so that a long run never ends unable to keep its result. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("--save: cannot create the history folder %s: %s"), dir, g_strerror (errno));
      return NULL;
    }
  if (!sl_file_check_writable (probe, error))
    {
      g_prefix_error (error, "--save: ");
      return NULL;
    }

  return g_steal_pointer (&dir);
}

gboolean
sl_cli_history_keep (const char     *dir,
                     const SlResult *result,
                     gboolean        quiet)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sl_history_save (dir, result, &error);
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;

  if (path == NULL)
    {
      sl_cli_error ("%s", error->message);
      return FALSE;
    }

  name = g_path_get_basename (path);
  name[strlen (name) - strlen (SL_HISTORY_SUFFIX)] = '\0';
  shown = sl_cli_dup_shown (name, FALSE);
  if (!quiet)
    printf (_("\nKept in the history as %s (“speedup-lab-cli history show %s”).\n"), shown,
            shown);
  return TRUE;
}
