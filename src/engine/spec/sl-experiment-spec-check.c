/* sl-experiment-spec-check.c: the one validator of an experiment spec, and resolving a spec.
 *
 * Every rule about what an experiment may be lives here, but for those of a workload's
 * parameters, which the registry checks (sl_workload_check_params(), called from here): the
 * CLI, the result reader and the window all call sl_experiment_spec_check(), so a rule changed
 * here changes for all of them.
 * Messages speak of the setting ("Chunk size 0 is out of range 1–1000000"); a front end adds
 * its own words for where the setting is (a CLI flag, a marked widget).
 */
#define G_LOG_DOMAIN "sl-experiment-spec"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sl-error.h"
#include "sl-experiment-spec.h"

static void
check_models (const SlWorkload       *workload,
              const SlExperimentSpec *spec,
              GPtrArray              *problems)
{
  if (spec->models->len == 0)
    {
      sl_spec_problems_add (problems, SL_SPEC_FIELD_MODELS,
                            _("Choose at least one execution model (threads, processes)"));
      return;
    }

  for (guint i = 0; i < spec->models->len; i++)
    {
      SlModel model = g_array_index (spec->models, SlModel, i);

      if ((guint) model >= SL_N_MODELS)
        {
          sl_spec_problems_add (problems, SL_SPEC_FIELD_MODELS, _("Unknown execution model"));
          return;
        }
      for (guint j = 0; j < i; j++)
        if (g_array_index (spec->models, SlModel, j) == model)
          {
            sl_spec_problems_add (problems, SL_SPEC_FIELD_MODELS,
                                  _("Execution model %s is listed twice"),
                                  sl_model_to_string (model));
            return;
          }
      if (workload != NULL && model == SL_MODEL_THREADS && spec->runtime == SL_RUNTIME_NATIVE &&
          (workload->flags & SL_WORKLOAD_FLAG_PROCESS_ONLY))
        {
          sl_spec_problems_add (problems, SL_SPEC_FIELD_MODELS,
                                _("Workload %s can bring its worker down, so it runs only with "
                                  "processes"), workload->id);
          return;
        }
    }
}

static void
check_workers (const SlExperimentSpec *spec,
               GPtrArray              *problems)
{
  if (spec->workers->len == 0)
    {
      sl_spec_problems_add (problems, SL_SPEC_FIELD_WORKERS, _("Choose at least one worker count"));
      return;
    }

  for (guint i = 0; i < spec->workers->len; i++)
    {
      guint w = g_array_index (spec->workers, guint, i);

      if (w < 1 || w > SL_MAX_WORKERS)
        {
          sl_spec_problems_add (problems, SL_SPEC_FIELD_WORKERS,
                                _("Worker count %u is out of range 1–%d"), w, SL_MAX_WORKERS);
          return;
        }
      if (i > 0 && w <= g_array_index (spec->workers, guint, i - 1))
        {
          sl_spec_problems_add (problems, SL_SPEC_FIELD_WORKERS,
                                _("Worker counts must be ascending and distinct"));
          return;
        }
    }
}

static void
check_tasks (const SlWorkload       *workload,
             const SlParams         *resolved,
             const SlExperimentSpec *spec,
             GPtrArray              *problems)
{
  guint64 tasks = spec->tasks;
  char max[32];

  /* The default depends on the parameters: unknown while they are wrong. */
  if (tasks == 0 && resolved == NULL)
    return;
  if (tasks == 0)
    tasks = sl_workload_default_tasks (workload, resolved);

  g_snprintf (max, sizeof max, "%" G_GUINT64_FORMAT, SL_MAX_TASKS);
  if (tasks < 1 || tasks > SL_MAX_TASKS)
    {
      char given[32];

      g_snprintf (given, sizeof given, "%" G_GUINT64_FORMAT, tasks);
      sl_spec_problems_add (problems, SL_SPEC_FIELD_TASKS,
                            _("Task count %s is out of range 1–%s"), given, max);
      return;
    }

  if (spec->scaling == SL_SCALING_WEAK && spec->workers->len > 0 &&
      tasks * g_array_index (spec->workers, guint, spec->workers->len - 1) > SL_MAX_TASKS)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_TASKS,
                          _("Weak scaling would run more than %s tasks at the largest worker "
                            "count; choose fewer tasks"), max);
}

GPtrArray *
sl_experiment_spec_check (const SlExperimentSpec *spec)
{
  g_autoptr(GPtrArray) problems = sl_spec_problems_new ();
  g_autoptr(SlParams) resolved = NULL;
  const SlWorkload *workload;

  g_return_val_if_fail (spec != NULL, NULL);

  workload = spec->workload ? sl_workload_lookup (spec->workload) : NULL;
  if (workload == NULL)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_WORKLOAD, _("Unknown workload “%s”"),
                          spec->workload ? spec->workload : "");
  else
    resolved = sl_workload_check_params (workload, spec->params, problems);

  if ((guint) spec->runtime >= SL_N_RUNTIMES)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_RUNTIME, _("Unknown runtime"));
  else if (workload != NULL && spec->runtime != SL_RUNTIME_PYTHON &&
           (workload->flags & SL_WORKLOAD_FLAG_PYTHON_ONLY))
    sl_spec_problems_add (problems, SL_SPEC_FIELD_RUNTIME,
                          _("Workload %s is Python code: run it with the python runtime"),
                          workload->id);
  else if (workload != NULL && spec->runtime == SL_RUNTIME_PYTHON &&
           workload->python_source == NULL)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_RUNTIME,
                          _("Workload %s has no Python version: run it with the native runtime"),
                          workload->id);

  check_models (workload, spec, problems);
  check_workers (spec, problems);
  if (workload != NULL)
    check_tasks (workload, resolved, spec, problems);

  if (spec->chunk < 1 || spec->chunk > SL_MAX_CHUNK)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_CHUNK, _("Chunk size %u is out of range 1–%d"),
                          spec->chunk, SL_MAX_CHUNK);
  if (spec->repeat < 1 || spec->repeat > SL_MAX_REPEAT)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_REPEAT,
                          _("Repetitions %u are out of range 1–%d"), spec->repeat, SL_MAX_REPEAT);
  if (spec->warmup > SL_MAX_WARMUP)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_WARMUP,
                          _("Warm-up runs %u are out of range 0–%d"), spec->warmup, SL_MAX_WARMUP);
  if (spec->loops > SL_MAX_LOOPS)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_LOOPS,
                          _("Loops %u are out of range 0–%d (0 calibrates them)"), spec->loops,
                          SL_MAX_LOOPS);
  if (!isfinite (spec->min_time_s) || spec->min_time_s < SL_MIN_TIME_LOWEST_S ||
      spec->min_time_s > SL_MIN_TIME_HIGHEST_S)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_MIN_TIME,
                          _("Minimum time %g s is out of range %g–%g s"), spec->min_time_s,
                          SL_MIN_TIME_LOWEST_S, SL_MIN_TIME_HIGHEST_S);
  if (!isfinite (spec->until_precise_pct) ||
      (spec->until_precise_pct != 0 && (spec->until_precise_pct < SL_PRECISE_LOWEST_PCT ||
                                        spec->until_precise_pct > SL_PRECISE_HIGHEST_PCT)))
    sl_spec_problems_add (problems, SL_SPEC_FIELD_UNTIL_PRECISE,
                          _("Precision %g %% is out of range %g–%g %% (0 means off)"),
                          spec->until_precise_pct, SL_PRECISE_LOWEST_PCT, SL_PRECISE_HIGHEST_PCT);
  if (!isfinite (spec->budget_s) || spec->budget_s < SL_BUDGET_LOWEST_S ||
      spec->budget_s > SL_MAX_BUDGET_S)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_BUDGET,
                          _("Budget %g s is out of range %g–%g s"), spec->budget_s,
                          SL_BUDGET_LOWEST_S, SL_MAX_BUDGET_S);
  if (!isfinite (spec->timeout_s) || spec->timeout_s < 0 || spec->timeout_s > SL_MAX_TIMEOUT_S)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_TIMEOUT,
                          _("Timeout %g s is out of range 0–%g s (0 means none)"), spec->timeout_s,
                          SL_MAX_TIMEOUT_S);
  if (spec->scaling != SL_SCALING_STRONG && spec->scaling != SL_SCALING_WEAK)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_SCALING, _("Unknown scaling mode"));
  if (spec->order != SL_ORDER_INTERLEAVED && spec->order != SL_ORDER_SEQUENTIAL)
    sl_spec_problems_add (problems, SL_SPEC_FIELD_ORDER, _("Unknown order"));

  return g_steal_pointer (&problems);
}

gboolean
sl_experiment_spec_validate (const SlExperimentSpec  *spec,
                             GError                 **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);

  problems = sl_experiment_spec_check (spec);
  if (problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      const SlSpecProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (message, "%s%s", i ? "\n" : "", problem->message);
    }
  g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, message->str);

  return FALSE;
}

SlExperimentSpec *
sl_experiment_spec_resolve (const SlExperimentSpec  *spec,
                            GError                 **error)
{
  g_autoptr(SlExperimentSpec) resolved = NULL;
  const SlWorkload *workload;
  SlParams *params;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!sl_experiment_spec_validate (spec, error))
    return NULL;

  workload = sl_workload_lookup (spec->workload);
  params = sl_workload_resolve_params (workload, spec->params, error);
  if (params == NULL)
    return NULL;

  resolved = sl_experiment_spec_copy (spec);
  sl_params_free (resolved->params);
  resolved->params = params;
  if (resolved->tasks == 0)
    resolved->tasks = sl_workload_default_tasks (workload, params);

  return g_steal_pointer (&resolved);
}
