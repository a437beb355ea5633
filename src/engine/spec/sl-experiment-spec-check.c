/* sl-experiment-spec-check.c: the one validator of an experiment spec, and resolving a spec.
 *
 * Every rule about what an experiment may be lives here: the CLI, the result reader and the
 * window all call sl_experiment_spec_check(), so a rule changed here changes for all of them.
 * Messages speak of the setting ("Chunk size 0 is out of range 1–1000000"); a front end adds
 * its own words for where the setting is (a CLI flag, a marked widget).
 */
#define G_LOG_DOMAIN "sl-experiment-spec"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sl-error.h"
#include "sl-experiment-spec.h"

SlSpecProblem *
sl_spec_problem_new (const char *field,
                     const char *message)
{
  SlSpecProblem *problem = g_new0 (SlSpecProblem, 1);

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  problem->field = g_strdup (field);
  problem->message = g_strdup (message);

  return problem;
}

void
sl_spec_problem_free (SlSpecProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *problems,
             const char *field,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, sl_spec_problem_new (field, message));
}

static void
take_problem (GPtrArray  *problems,
              const char *field,
              GError     *error)
{
  g_ptr_array_add (problems, sl_spec_problem_new (field, error->message));
  g_error_free (error);
}

/* Every given parameter is one of the workload's and each value is in range; then the
 * workload's own rules between parameters. Returns the complete parameters, or NULL when any
 * of them is wrong. */
static SlParams *
check_params (const SlWorkload       *workload,
              const SlExperimentSpec *spec,
              GPtrArray              *problems)
{
  g_autoptr(SlParams) resolved = sl_params_new ();
  g_autofree const char **names = sl_params_get_names (spec->params, NULL);
  gboolean ok = TRUE;

  for (guint i = 0; names[i] != NULL; i++)
    if (sl_workload_find_param (workload, names[i]) == NULL)
      {
        g_autofree char *field = g_strconcat (SL_SPEC_FIELD_PARAMS ".", names[i], NULL);
        GError *error = NULL;

        sl_workload_set_unknown_param_error (workload, names[i], &error);
        take_problem (problems, field, error);
        ok = FALSE;
      }

  for (guint i = 0; i < workload->n_params; i++)
    {
      const SlParamInfo *info = &workload->params[i];
      const char *text = sl_params_lookup (spec->params, info->name);
      GError *error = NULL;
      g_autofree char *value = NULL;

      if (text == NULL)
        text = info->default_value ? info->default_value : "";
      value = sl_workload_normalize_param (workload, info, text, &error);
      if (value == NULL)
        {
          g_autofree char *field = g_strconcat (SL_SPEC_FIELD_PARAMS ".", info->name, NULL);

          take_problem (problems, field, error);
          ok = FALSE;
          continue;
        }
      sl_params_set (resolved, info->name, value);
    }

  if (!ok)
    return NULL;

  if (workload->check != NULL)
    {
      GError *error = NULL;

      if (!workload->check (resolved, &error))
        {
          take_problem (problems, SL_SPEC_FIELD_PARAMS, error);
          return NULL;
        }
    }

  return g_steal_pointer (&resolved);
}

static void
check_models (const SlWorkload       *workload,
              const SlExperimentSpec *spec,
              GPtrArray              *problems)
{
  if (spec->models->len == 0)
    {
      add_problem (problems, SL_SPEC_FIELD_MODELS,
                   _("Choose at least one execution model (threads, processes)"));
      return;
    }

  for (guint i = 0; i < spec->models->len; i++)
    {
      SlModel model = g_array_index (spec->models, SlModel, i);

      if ((guint) model >= SL_N_MODELS)
        {
          add_problem (problems, SL_SPEC_FIELD_MODELS, _("Unknown execution model"));
          return;
        }
      for (guint j = 0; j < i; j++)
        if (g_array_index (spec->models, SlModel, j) == model)
          {
            add_problem (problems, SL_SPEC_FIELD_MODELS,
                         _("Execution model %s is listed twice"), sl_model_to_string (model));
            return;
          }
      if (workload != NULL && model == SL_MODEL_THREADS && spec->runtime == SL_RUNTIME_NATIVE &&
          (workload->flags & SL_WORKLOAD_FLAG_PROCESS_ONLY))
        {
          add_problem (problems, SL_SPEC_FIELD_MODELS,
                       _("Workload %s can bring its worker down, so it runs only with processes"),
                       workload->id);
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
      add_problem (problems, SL_SPEC_FIELD_WORKERS, _("Choose at least one worker count"));
      return;
    }

  for (guint i = 0; i < spec->workers->len; i++)
    {
      guint w = g_array_index (spec->workers, guint, i);

      if (w < 1 || w > SL_MAX_WORKERS)
        {
          add_problem (problems, SL_SPEC_FIELD_WORKERS,
                       _("Worker count %u is out of range 1–%d"), w, SL_MAX_WORKERS);
          return;
        }
      if (i > 0 && w <= g_array_index (spec->workers, guint, i - 1))
        {
          add_problem (problems, SL_SPEC_FIELD_WORKERS,
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
      add_problem (problems, SL_SPEC_FIELD_TASKS,
                   _("Task count %s is out of range 1–%s"), given, max);
      return;
    }

  if (spec->scaling == SL_SCALING_WEAK && spec->workers->len > 0 &&
      tasks * g_array_index (spec->workers, guint, spec->workers->len - 1) > SL_MAX_TASKS)
    add_problem (problems, SL_SPEC_FIELD_TASKS,
                 _("Weak scaling would run more than %s tasks at the largest worker count; "
                   "choose fewer tasks"), max);
}

GPtrArray *
sl_experiment_spec_check (const SlExperimentSpec *spec)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_spec_problem_free);
  g_autoptr(SlParams) resolved = NULL;
  const SlWorkload *workload;

  g_return_val_if_fail (spec != NULL, NULL);

  workload = spec->workload ? sl_workload_lookup (spec->workload) : NULL;
  if (workload == NULL)
    add_problem (problems, SL_SPEC_FIELD_WORKLOAD, _("Unknown workload “%s”"),
                 spec->workload ? spec->workload : "");
  else
    resolved = check_params (workload, spec, problems);

  if ((guint) spec->runtime >= SL_N_RUNTIMES)
    add_problem (problems, SL_SPEC_FIELD_RUNTIME, _("Unknown runtime"));
  else if (workload != NULL && spec->runtime != SL_RUNTIME_PYTHON &&
           (workload->flags & SL_WORKLOAD_FLAG_PYTHON_ONLY))
    add_problem (problems, SL_SPEC_FIELD_RUNTIME,
                 _("Workload %s is Python code: run it with the python runtime"), workload->id);
  else if (workload != NULL && spec->runtime == SL_RUNTIME_PYTHON &&
           workload->python_source == NULL)
    add_problem (problems, SL_SPEC_FIELD_RUNTIME,
                 _("Workload %s has no Python version: run it with the native runtime"),
                 workload->id);

  check_models (workload, spec, problems);
  check_workers (spec, problems);
  if (workload != NULL)
    check_tasks (workload, resolved, spec, problems);

  if (spec->chunk < 1 || spec->chunk > SL_MAX_CHUNK)
    add_problem (problems, SL_SPEC_FIELD_CHUNK, _("Chunk size %u is out of range 1–%d"),
                 spec->chunk, SL_MAX_CHUNK);
  if (spec->repeat < 1 || spec->repeat > SL_MAX_REPEAT)
    add_problem (problems, SL_SPEC_FIELD_REPEAT, _("Repetitions %u are out of range 1–%d"),
                 spec->repeat, SL_MAX_REPEAT);
  if (spec->warmup > SL_MAX_WARMUP)
    add_problem (problems, SL_SPEC_FIELD_WARMUP, _("Warm-up runs %u are out of range 0–%d"),
                 spec->warmup, SL_MAX_WARMUP);
  if (!isfinite (spec->timeout_s) || spec->timeout_s < 0 || spec->timeout_s > SL_MAX_TIMEOUT_S)
    add_problem (problems, SL_SPEC_FIELD_TIMEOUT,
                 _("Timeout %g s is out of range 0–%g s (0 means none)"), spec->timeout_s,
                 SL_MAX_TIMEOUT_S);
  if (spec->scaling != SL_SCALING_STRONG && spec->scaling != SL_SCALING_WEAK)
    add_problem (problems, SL_SPEC_FIELD_SCALING, _("Unknown scaling mode"));
  if (spec->order != SL_ORDER_INTERLEAVED && spec->order != SL_ORDER_SEQUENTIAL)
    add_problem (problems, SL_SPEC_FIELD_ORDER, _("Unknown order"));

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
