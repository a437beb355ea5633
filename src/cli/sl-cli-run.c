/* sl-cli-run.c: the run and show commands of speedup-lab-cli. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <inttypes.h>
#include <glib/gstdio.h>

#include "sl-analysis.h"
#include "sl-cli-chart.h"
#include "sl-cli.h"
#include "sl-error.h"
#include "sl-export.h"
#include "sl-i18n.h"
#include "sl-preset.h"
#include "sl-python.h"
#include "sl-result-io.h"
#include "sl-runner.h"
#include "sl-workloads.h"

typedef struct {
  GMainLoop    *loop;
  GCancellable *cancellable;
  SlRunner     *runner;
  SlResult     *result;
  GError       *error;
  gboolean      show_progress;
  int           signal_number;   /* the first terminating signal received; 0: none */
} RunState;

/* Every terminating signal is handled like Ctrl+C, from the code's check to the last point:
 * the workers are stopped, the partial result is written, temporary files are removed, and the
 * exit status says which signal it was. SIGINT and SIGTERM are handled even when this program
 * was started with them ignored (a script's background job ignores SIGINT; `kill -INT` of it is
 * still a request to stop); SIGHUP ignored (nohup) stays ignored, as nohup means. */
static const int terminating_signals[] = { SIGINT, SIGTERM, SIGHUP };

static gboolean
is_ignored (int signal_number)
{
  struct sigaction current;

  return sigaction (signal_number, NULL, &current) == 0 && current.sa_handler == SIG_IGN;
}

typedef struct {
  RunState *state;
  int       signal_number;
} SignalWatch;

static gboolean
signal_cb (gpointer user_data)
{
  SignalWatch *watch = user_data;
  RunState *state = watch->state;

  if (state->signal_number == 0)
    {
      state->signal_number = watch->signal_number;
      if (state->show_progress)
        fprintf (stderr, _("\nInterrupted: stopping the workers…\n"));
      g_cancellable_cancel (state->cancellable);
    }

  return G_SOURCE_CONTINUE;
}

static void
progress_cb (SlRunner *runner,
             double    fraction,
             RunState *state)
{
  const SlResult *live = sl_runner_get_result (runner);
  const char *current = "";
  g_autofree char *label = NULL;
  int filled = (int) (fraction * 30 + 0.5);

  for (guint i = 0; live != NULL && i < live->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (live->points, i);

      if (point->status == SL_POINT_RUNNING)
        {
          label = g_strdup_printf ("%s W=%u", sl_model_to_string (point->model), point->workers);
          current = label;
        }
    }

  fprintf (stderr, "\r[%.*s%*s] %3.0f%%  %-20s", filled, "==============================",
           30 - filled, "", fraction * 100, current);
  fflush (stderr);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;

  state->result = sl_runner_run_finish (SL_RUNNER (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

/* --python-file and --python-code: a person's own function, run as python-custom. */
static gboolean
apply_python_code (SlExperimentSpec  *spec,
                   gboolean           workload_given,
                   const char        *file,
                   const char        *code,
                   const char        *runtime,
                   GError           **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (file != NULL && code != NULL)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           _("Give --python-file or --python-code, not both"));
      return FALSE;
    }
  if (workload_given && !g_str_equal (spec->workload, sl_workload_python_custom.id))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("--python-%s runs your code as workload %s, which contradicts workload %s"),
                   file != NULL ? "file" : "code", sl_workload_python_custom.id, spec->workload);
      return FALSE;
    }
  if (runtime != NULL && !g_str_equal (runtime, "python"))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Python code runs with the python runtime, not --runtime %s", runtime);
      return FALSE;
    }

  if (file != NULL)
    {
      /* The engine's reader, the editor's too: bounded, UTF-8, no NUL byte. */
      contents = sl_python_read_code_file (file, &length, error);
      if (contents == NULL)
        {
          g_prefix_error (error, "--python-file: ");
          return FALSE;
        }
      if (length == 0)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("%s is empty: write a function task(index, count, **params) in it"), file);
          return FALSE;
        }
      code = contents;
    }
  if (code[0] == '\0')
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           _("--python-code is empty: give a function task(index, count, **params)"));
      return FALSE;
    }

  g_free (spec->workload);
  spec->workload = g_strdup (sl_workload_python_custom.id);
  spec->runtime = SL_RUNTIME_PYTHON;
  sl_params_set (spec->params, SL_PYTHON_CODE_PARAM, code);
  return TRUE;
}

static gboolean
parse_param (SlExperimentSpec *spec,
             const char       *text,
             GError          **error)
{
  const char *eq = strchr (text, '=');
  g_autofree char *key = NULL;

  if (eq == NULL || eq == text)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Malformed --param “%s”: use KEY=VALUE"), text);
      return FALSE;
    }
  key = g_strndup (text, eq - text);
  sl_params_set (spec->params, key, eq + 1);
  return TRUE;
}

/* --quiet prints no table, but a point that failed is an error, and errors are always said. */
static void
report_failed_points (const SlResult *result)
{
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->status == SL_POINT_FAILED)
        sl_cli_error (_("%s with %u workers failed: %s"), sl_model_to_string (point->model),
                      point->workers, point->error ? point->error : _("no reason was recorded"));
    }
}

typedef struct {
  GMainLoop     *loop;
  SlPythonCheck *check;
  GError       **error;
  gboolean       checked;
} CodeCheck;

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CodeCheck *wait = user_data;

  wait->checked = sl_python_check_code_finish (result, wait->check, wait->error);
  g_main_loop_quit (wait->loop);
}

/* A person's code is compiled and its top level run in a worker before the sweep, so that a
 * SyntaxError or a file that is not Python is reported before anything runs. The check runs
 * while the loop handles signals, so that Ctrl+C stops it as it stops the sweep. */
static gboolean
check_python_code (const SlExperimentSpec  *spec,
                   RunState                *state,
                   gboolean                 quiet,
                   GError                 **error)
{
  const char *code = sl_params_lookup (spec->params, SL_PYTHON_CODE_PARAM);
  g_auto(SlPythonCheck) check = { 0, };
  CodeCheck wait = { state->loop, &check, error, FALSE };

  if (!g_str_equal (spec->workload, sl_workload_python_custom.id) || code == NULL)
    return TRUE;
  sl_python_check_code_async (code, state->cancellable, check_done_cb, &wait);
  g_main_loop_run (state->loop);
  if (!wait.checked)
    {
      /* Not the code's fault: say that it was not checked, and why. */
      if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GError *cause = g_steal_pointer (error);

          g_set_error (error, cause->domain, cause->code,
                       _("The code could not be checked: %s"), cause->message);
          g_error_free (cause);
        }
      return FALSE;
    }
  if (check.n_stopped_processes > 0 && !quiet)
    sl_cli_error (NG_("Warning: the top level of your code left %u process running (a "
                      "subprocess, a fork, a daemon): it was stopped when the check ended, and "
                      "the workers will stop theirs too. Start processes in task(), and wait "
                      "for them.",
                      "Warning: the top level of your code left %u processes running (a "
                      "subprocess, a fork, a daemon): they were stopped when the check ended, "
                      "and the workers will stop theirs too. Start processes in task(), and "
                      "wait for them.", check.n_stopped_processes),
                  check.n_stopped_processes);
  if (check.ok)
    return TRUE;

  /* The message says where: "SyntaxError: '(' was never closed (line 2, column 10)". */
  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("Your code: %s"), check.message);
  return FALSE;
}

/* Settings are checked by the engine's one validator; the CLI only adds where each setting
 * came from, so that a person knows which flag to change. */
static const char *
flag_for_field (const char *field)
{
  static const struct { const char *field; const char *flag; } flags[] = {
    { SL_SPEC_FIELD_PRESET, "--preset" },
    { SL_SPEC_FIELD_WORKLOAD, "--workload" },
    { SL_SPEC_FIELD_PARAMS, "--param" },
    { SL_SPEC_FIELD_RUNTIME, "--runtime" },
    { SL_SPEC_FIELD_MODELS, "--models" },
    { SL_SPEC_FIELD_WORKERS, "--workers" },
    { SL_SPEC_FIELD_TASKS, "--tasks" },
    { SL_SPEC_FIELD_CHUNK, "--chunk" },
    { SL_SPEC_FIELD_REPEAT, "--repeat" },
    { SL_SPEC_FIELD_WARMUP, "--warmup" },
    { SL_SPEC_FIELD_TIMEOUT, "--timeout" },
    { SL_SPEC_FIELD_LOOPS, "--loops" },
    { SL_SPEC_FIELD_MIN_TIME, "--min-time" },
    { SL_SPEC_FIELD_UNTIL_PRECISE, "--until-precise" },
    { SL_SPEC_FIELD_BUDGET, "--budget" },
    { SL_SPEC_FIELD_SCALING, "--scaling" },
    { SL_SPEC_FIELD_ORDER, "--order" },
  };

  if (g_str_equal (field, SL_SPEC_FIELD_PARAMS "." SL_PYTHON_CODE_PARAM))
    return "--python-file";
  if (g_str_has_prefix (field, SL_SPEC_FIELD_PARAMS "."))
    return "--param";
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    if (g_str_equal (flags[i].field, field))
      return flags[i].flag;

  return NULL;
}

/* Prints a problem with the flag of the setting to blame, when one is (`field` may be NULL). */
static void
report_problem (const char *field,
                const char *message)
{
  const char *flag = field != NULL ? flag_for_field (field) : NULL;

  if (flag != NULL)
    sl_cli_error ("%s: %s", flag, message);
  else
    sl_cli_error ("%s", message);
}

/* Prints every problem of the spec; FALSE when there was one. */
static gboolean
report_spec_problems (const SlExperimentSpec *spec)
{
  g_autoptr(GPtrArray) problems = sl_experiment_spec_check (spec);

  for (guint i = 0; i < problems->len; i++)
    {
      const SlSpecProblem *problem = g_ptr_array_index (problems, i);

      report_problem (problem->field, problem->message);
    }

  return problems->len == 0;
}

/* A count, digits only, so that "-1" is an error and never "the default". Its range is the
 * validator's to check, so that every front end says the same about it. */
static gboolean
parse_uint_option (const char  *flag,
                   const char  *text,
                   guint       *out,
                   GError     **error)
{
  guint64 value = *out;

  if (!sl_cli_parse_count (flag, text, G_MAXUINT, &value, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

/* A hyperfine export of several models is a file per model: say which, since none of them is
 * the path given. */
static void
report_hyperfine_files (const SlResult *result,
                        const char     *path)
{
  g_auto(GStrv) paths = sl_export_hyperfine_paths (result, path);
  g_autofree char *list = NULL;
  g_autofree char *shown = NULL;

  if (g_strv_length (paths) < 2)
    return;

  list = g_strjoinv (", ", paths);
  shown = sl_cli_dup_shown (list, FALSE);
  printf (_("\nhyperfine JSON, one file per model: %s\n"), shown);
}

int
sl_cli_run (int    argc,
            char **argv)
{
  g_autofree char *preset = NULL;
  g_autofree char *workload = NULL;
  g_auto(GStrv) params = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *models = NULL;
  g_autofree char *workers = NULL;
  g_autofree char *scaling = NULL;
  g_autofree char *order = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *markdown_path = NULL;
  g_autofree char *hyperfine_path = NULL;
  g_autofree char *python_file = NULL;
  g_autofree char *python_code = NULL;
  g_auto(GStrv) charts = NULL;
  g_autoptr(GPtrArray) chart_requests = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *chunk = NULL;
  g_autofree char *repeat = NULL;
  g_autofree char *warmup = NULL;
  g_autofree char *timeout = NULL;
  g_autofree char *loops = NULL;
  g_autofree char *min_time = NULL;
  g_autofree char *until_precise = NULL;
  g_autofree char *budget = NULL;
  gboolean quiet = FALSE;
  gboolean save = FALSE;
  g_autofree char *history_dir = NULL;
  /* The ranges come from the one header of limits, so that help and validator agree. */
  g_autofree char *tasks_help =
    g_strdup_printf (_("Tasks per batch, 1–%" PRIu64 " (default: the workload's)"),
                     SL_MAX_TASKS);
  g_autofree char *chunk_help =
    g_strdup_printf (_("Tasks handed to a worker at once, 1–%d (default 1)"), SL_MAX_CHUNK);
  g_autofree char *repeat_help =
    g_strdup_printf (_("Measured repetitions per point, 1–%d (default 5)"), SL_MAX_REPEAT);
  g_autofree char *warmup_help =
    g_strdup_printf (_("Unmeasured batches before each measured one, 0–%d (default 1)"),
                     SL_MAX_WARMUP);
  g_autofree char *timeout_help =
    g_strdup_printf (_("Per-task timeout in seconds, 0–%g (default 0: none)"), SL_MAX_TIMEOUT_S);
  g_autofree char *loops_help =
    g_strdup_printf (_("Batches run back to back for one measured value, 0–%d (default 0: as "
                       "many as last --min-time, calibrated at the first point; 1: one batch "
                       "per value)"), SL_MAX_LOOPS);
  g_autofree char *min_time_help =
    g_strdup_printf (_("Shortest a measured value lasts when the loops are calibrated, %g–%g "
                       "seconds (default %g)"), SL_MIN_TIME_LOWEST_S, SL_MIN_TIME_HIGHEST_S,
                     SL_DEFAULT_MIN_TIME_S);
  g_autofree char *until_precise_help =
    g_strdup_printf (_("Repeat each point beyond --repeat until the 95 %% interval of its median "
                       "is within PCT %% of the median, %g–%g (default 0: off)"),
                     SL_PRECISE_LOWEST_PCT, SL_PRECISE_HIGHEST_PCT);
  g_autofree char *budget_help =
    g_strdup_printf (_("With --until-precise, the longest a point is repeated for, %g–%g seconds "
                       "(default %g)"), SL_BUDGET_LOWEST_S, SL_MAX_BUDGET_S, SL_DEFAULT_BUDGET_S);
  GOptionEntry entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("Start from a preset, e.g. seed-cpu, seed-io (see “list”)"), "ID" },
    { "workload", 0, 0, G_OPTION_ARG_STRING, &workload, N_("Workload id (see “list”)"), "ID" },
    { "param", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &params, N_("Set a workload parameter (repeatable)"), "KEY=VALUE" },
    { "runtime", 0, 0, G_OPTION_ARG_STRING, &runtime, N_("native (default) or python"), "RUNTIME" },
    { "python-file", 0, 0, G_OPTION_ARG_FILENAME, &python_file, N_("Run your function task(index, count, **params) from FILE with the python runtime; it runs with your rights"), "FILE" },
    { "python-code", 0, 0, G_OPTION_ARG_STRING, &python_code, N_("The same, with the code given as TEXT"), "TEXT" },
    { "models", 'm', 0, G_OPTION_ARG_STRING, &models, N_("Execution models, default threads,processes"), "LIST" },
    { "workers", 'w', 0, G_OPTION_ARG_STRING, &workers, N_("Worker counts: 1,2,4,8,16 or 1-16 or pow2:16"), "LIST" },
    { "tasks", 't', 0, G_OPTION_ARG_STRING, &tasks, tasks_help, "N" },
    { "chunk", 'c', 0, G_OPTION_ARG_STRING, &chunk, chunk_help, "N" },
    { "repeat", 'r', 0, G_OPTION_ARG_STRING, &repeat, repeat_help, "N" },
    { "warmup", 0, 0, G_OPTION_ARG_STRING, &warmup, warmup_help, "N" },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout, timeout_help, "SECONDS" },
    { "loops", 0, 0, G_OPTION_ARG_STRING, &loops, loops_help, "N" },
    { "min-time", 0, 0, G_OPTION_ARG_STRING, &min_time, min_time_help, "SECONDS" },
    { "until-precise", 0, 0, G_OPTION_ARG_STRING, &until_precise, until_precise_help, "PCT" },
    { "budget", 0, 0, G_OPTION_ARG_STRING, &budget, budget_help, "SECONDS" },
    { "scaling", 0, 0, G_OPTION_ARG_STRING, &scaling, N_("strong (fixed total work, default) or weak (fixed work per worker)"), "MODE" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("interleaved (default) or sequential repetitions"), "ORDER" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("Write the result document"), "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Write the points as CSV"), "FILE" },
    { "markdown", 0, 0, G_OPTION_ARG_FILENAME, &markdown_path, N_("Write a Markdown table"), "FILE" },
    { "hyperfine", 0, 0, G_OPTION_ARG_FILENAME, &hyperfine_path, N_("Write hyperfine-compatible JSON"), "FILE" },
    { "chart", 0, 0, G_OPTION_ARG_STRING_ARRAY, &charts, N_("Draw a chart: time, speedup, efficiency, cpu or tasks, as .png, .svg or .pdf (repeatable)"), "KIND:FILE" },
    { "save", 0, 0, G_OPTION_ARG_NONE, &save, N_("Keep the result in the history, as the window does (see “history”)"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print no table, only errors"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("— run an experiment"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SlRunner) runner = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GMainContext) main_context = NULL;
  RunState state = { 0, };
  struct { const char *path; SlExportFormat format; } outputs[4];
  GSource *signal_sources[G_N_ELEMENTS (terminating_signals)];
  SignalWatch watches[G_N_ELEMENTS (terminating_signals)];
  const char *bad_field = NULL;   /* the setting that `usage` reports, when one is to blame */
  gboolean checked;
  int status = SL_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    N_("Runs the workload at every worker count with every execution model, prints the\n"
       "article-style table and a recommendation, and writes the requested files."));
  g_option_context_set_description (context,
    N_("Exit status: 0 done, 1 a point failed (partial results still written),\n"
       "2 bad usage or input (nothing run), 130 / 143 / 129 stopped by SIGINT / SIGTERM /\n"
       "SIGHUP (workers stopped, partial results written).\n"
       "Numbers are decimal: counts are digits (8), seconds may have a fraction or an\n"
       "exponent (2.5, 1e-3); 0x10, 010 for 8, inf and nan are refused.\n"
       "Python code you give (--python-file, --python-code) runs with your rights: it can\n"
       "read, change and delete whatever you can. Only run code you trust."));
  if (!sl_cli_parse_options (context, &argc, &argv))
    return SL_EXIT_USAGE;

  outputs[0].path = json_path;
  outputs[0].format = SL_EXPORT_JSON;
  outputs[1].path = csv_path;
  outputs[1].format = SL_EXPORT_CSV;
  outputs[2].path = markdown_path;
  outputs[2].format = SL_EXPORT_MARKDOWN;
  outputs[3].path = hyperfine_path;
  outputs[3].format = SL_EXPORT_HYPERFINE;

  /* The options apply on top of the preset, in this order, so a person can tweak one. */
  if (preset != NULL && !sl_experiment_spec_apply_preset (spec, preset, &error))
    {
      bad_field = SL_SPEC_FIELD_PRESET;
      goto usage;
    }
  if (workload != NULL)
    {
      if (preset != NULL && !g_str_equal (workload, spec->workload))
        {
          g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("--workload %s contradicts --preset %s (workload %s)"),
                       workload, preset, spec->workload);
          goto usage;
        }
      g_free (spec->workload);
      spec->workload = g_strdup (workload);
    }
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    if (!parse_param (spec, params[i], &error))
      goto usage;
  if ((python_file != NULL || python_code != NULL) &&
      !apply_python_code (spec, workload != NULL || preset != NULL, python_file, python_code,
                          runtime, &error))
    goto usage;
  if (runtime != NULL && !sl_runtime_from_string (runtime, &spec->runtime))
    {
      g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Unknown runtime “%s” (choose native or python)"), runtime);
      bad_field = SL_SPEC_FIELD_RUNTIME;
      goto usage;
    }
  if (models != NULL)
    {
      GArray *list = sl_parse_model_list (models, &error);

      if (list == NULL)
        {
          bad_field = SL_SPEC_FIELD_MODELS;
          goto usage;
        }
      g_array_unref (spec->models);
      spec->models = list;
    }
  if (workers != NULL)
    {
      GArray *list = sl_parse_worker_list (workers, &error);

      if (list == NULL)
        {
          bad_field = SL_SPEC_FIELD_WORKERS;
          goto usage;
        }
      g_array_unref (spec->workers);
      spec->workers = list;
    }
  if (!sl_cli_parse_count ("--tasks", tasks, G_MAXUINT64, &spec->tasks, &error) ||
      !parse_uint_option ("--chunk", chunk, &spec->chunk, &error) ||
      !parse_uint_option ("--repeat", repeat, &spec->repeat, &error) ||
      !parse_uint_option ("--warmup", warmup, &spec->warmup, &error) ||
      !sl_cli_parse_decimal ("--timeout", _("a number of seconds"), timeout, &spec->timeout_s, &error) ||
      !parse_uint_option ("--loops", loops, &spec->loops, &error) ||
      !sl_cli_parse_decimal ("--min-time", _("a number of seconds"), min_time, &spec->min_time_s,
                             &error) ||
      !sl_cli_check_unused_option ("--min-time", min_time != NULL && spec->loops > 0,
                                   _("with --loops above 0: it is the time the loops are "
                                     "calibrated to"), &error) ||
      !sl_cli_parse_decimal ("--until-precise", _("a percentage"), until_precise,
                             &spec->until_precise_pct, &error) ||
      !sl_cli_parse_decimal ("--budget", _("a number of seconds"), budget, &spec->budget_s,
                             &error) ||
      !sl_cli_check_unused_option ("--budget", budget != NULL && spec->until_precise_pct == 0,
                                   _("without --until-precise: it is the time a point may be "
                                     "repeated for precision"), &error))
    goto usage;
  if (tasks != NULL && spec->tasks == 0)
    {
      /* 0 means "the workload's default" inside a spec; given on the command line, it is a
       * mistake. */
      g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Task count 0 is out of range 1–%" PRIu64), SL_MAX_TASKS);
      bad_field = SL_SPEC_FIELD_TASKS;
      goto usage;
    }
  if (scaling != NULL && !sl_scaling_from_string (scaling, &spec->scaling))
    {
      g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Unknown scaling “%s” (choose strong or weak)"), scaling);
      bad_field = SL_SPEC_FIELD_SCALING;
      goto usage;
    }
  if (order != NULL && !sl_order_from_string (order, &spec->order))
    {
      g_set_error (&error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Unknown order “%s” (choose interleaved or sequential)"), order);
      bad_field = SL_SPEC_FIELD_ORDER;
      goto usage;
    }

  if (!report_spec_problems (spec))
    return SL_EXIT_USAGE;
  chart_requests = sl_cli_chart_requests_parse (charts, &error);
  if (chart_requests == NULL)
    goto usage;
  {
    g_autoptr(GPtrArray) paths = g_ptr_array_new ();

    for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
      g_ptr_array_add (paths, (gpointer) outputs[i].path);
    for (guint i = 0; i < chart_requests->len; i++)
      g_ptr_array_add (paths, ((SlCliChartRequest *) chart_requests->pdata[i])->path);
    if (!sl_cli_check_outputs ((const char * const *) paths->pdata, paths->len,
                               (const char *[]) { python_file }, 1, &error))
      goto usage;
  }
  if (save && (history_dir = sl_cli_history_prepare (&error)) == NULL)
    goto usage;

  main_context = g_main_context_new ();
  g_main_context_push_thread_default (main_context);
  loop = g_main_loop_new (main_context, FALSE);
  runner = sl_runner_new ();

  state.loop = loop;
  state.cancellable = cancellable;
  state.runner = runner;
  state.show_progress = !quiet && isatty (STDERR_FILENO);

  for (guint i = 0; i < G_N_ELEMENTS (terminating_signals); i++)
    {
      signal_sources[i] = NULL;
      if (terminating_signals[i] == SIGHUP && is_ignored (SIGHUP))
        continue;
      watches[i].state = &state;
      watches[i].signal_number = terminating_signals[i];
      signal_sources[i] = g_unix_signal_source_new (terminating_signals[i]);
      g_source_set_callback (signal_sources[i], signal_cb, &watches[i], NULL);
      g_source_attach (signal_sources[i], main_context);
    }

  if (state.show_progress)
    g_signal_connect (runner, "progress", G_CALLBACK (progress_cb), &state);

  checked = check_python_code (spec, &state, quiet, &error);
  if (checked)
    {
      sl_runner_run_async (runner, spec, cancellable, run_done_cb, &state);
      g_main_loop_run (loop);
    }

  for (guint i = 0; i < G_N_ELEMENTS (terminating_signals); i++)
    if (signal_sources[i] != NULL)
      {
        g_source_destroy (signal_sources[i]);
        g_source_unref (signal_sources[i]);
      }
  g_main_context_pop_thread_default (main_context);

  if (!checked && state.signal_number != 0)
    {
      sl_cli_error (_("Interrupted while the code was checked: nothing ran"));
      return 128 + state.signal_number;
    }
  if (!checked)
    goto usage;

  if (state.show_progress)
    fprintf (stderr, "\r%*s\r", 60, "");

  if (state.result == NULL)
    {
      sl_cli_error ("%s", state.error ? state.error->message : _("the experiment failed"));
      g_clear_error (&state.error);
      return SL_EXIT_POINT_FAILED;
    }

  if (!quiet)
    sl_cli_print_result (stdout, state.result);
  else
    report_failed_points (state.result);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autoptr(GError) write_error = NULL;

      if (outputs[i].path == NULL)
        continue;
      if (!sl_export_write (state.result, outputs[i].path, outputs[i].format, &write_error))
        {
          sl_cli_error ("%s", write_error->message);
          status = SL_EXIT_POINT_FAILED;
        }
      else if (outputs[i].format == SL_EXPORT_HYPERFINE && !quiet)
        report_hyperfine_files (state.result, outputs[i].path);
    }

  /* Partial and cancelled experiments are kept too: they are what was measured. */
  if (history_dir != NULL && !sl_cli_history_keep (history_dir, state.result, quiet))
    status = SL_EXIT_POINT_FAILED;

  if (chart_requests->len > 0)
    {
      g_autoptr(GError) chart_error = NULL;

      if (!sl_cli_chart_write_requests (state.result, chart_requests, &chart_error))
        {
          sl_cli_error ("%s", chart_error->message);
          status = SL_EXIT_POINT_FAILED;
        }
    }

  if (state.signal_number != 0)
    status = 128 + state.signal_number;
  else if (state.result->status == SL_RESULT_CANCELLED)
    status = SL_EXIT_INTERRUPTED;
  else if (state.result->status == SL_RESULT_PARTIAL && status == SL_EXIT_OK)
    status = SL_EXIT_POINT_FAILED;

  sl_result_free (state.result);
  return status;

usage:
  /* A setting the CLI parses itself is named by its flag, like the validator's problems. */
  report_problem (bad_field, error->message);
  return SL_EXIT_USAGE;
}

int
sl_cli_show (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("RESULT.json — show a saved result"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlResult) result = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }
  if (!sl_cli_check_arguments (argc, argv, 1, 1, "speedup-lab-cli show RESULT.json", &error))
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  result = sl_result_load (argv[1], &error);
  if (result == NULL)
    {
      sl_cli_error ("%s", error->message);
      return SL_EXIT_USAGE;
    }

  sl_cli_print_result (stdout, result);
  return SL_EXIT_OK;
}
