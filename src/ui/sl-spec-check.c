/* sl-spec-check.c: the spec's problems by field.
 *
 * sl_experiment_spec_validate() stops at the first problem and names no field, so each field is
 * checked on its own here first (a parameter against its workload, every count against the
 * engine's limits), and whatever the validator still refuses is added last. When the engine
 * reports problems by field itself, this file shrinks to a call.
 */
#define G_LOG_DOMAIN "sl-spec-check"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sl-python.h"
#include "sl-spec-check.h"

SlSpecProblem *
sl_spec_problem_new (const char *field,
                     const char *message)
{
  SlSpecProblem *problem = g_new0 (SlSpecProblem, 1);

  problem->field = g_strdup (field ? field : "");
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
add (GPtrArray  *problems,
     const char *field,
     const char *message)
{
  g_ptr_array_add (problems, sl_spec_problem_new (field, message));
}

static gboolean
has_field_prefix (GPtrArray  *problems,
                  const char *prefix)
{
  for (guint i = 0; i < problems->len; i++)
    {
      SlSpecProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_has_prefix (problem->field, prefix))
        return TRUE;
    }

  return FALSE;
}

/* The parameter a cross-field message is about: the first one it names as a word. */
static const char *
param_named_in (const SlWorkload *workload,
                const char       *message)
{
  for (guint i = 0; i < workload->n_params; i++)
    {
      const char *name = workload->params[i].name;
      const char *p = message;
      gsize len = strlen (name);

      while ((p = strstr (p, name)) != NULL)
        {
          gboolean start = p == message || !(g_ascii_isalnum (p[-1]) || p[-1] == '_');
          gboolean end = !(g_ascii_isalnum (p[len]) || p[len] == '_');

          if (start && end)
            return name;
          p += len;
        }
    }

  return NULL;
}

/* A problem of one parameter names it (a range, a malformed URL list); a problem between
 * parameters (a latency above the timeout) lands on the parameter that, put back to its
 * default, makes it go away. */
static void
check_params (const SlExperimentSpec *spec,
              const SlWorkload       *workload,
              GPtrArray              *problems)
{
  g_autofree const char **names = sl_params_get_names (spec->params, NULL);
  g_autoptr(SlParams) resolved = NULL;
  g_autoptr(GError) error = NULL;
  const char *culprit = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(SlParams) alone = sl_params_new ();
      g_autoptr(SlParams) checked = NULL;
      g_autoptr(GError) param_error = NULL;

      sl_params_set (alone, names[i], sl_params_lookup (spec->params, names[i]));
      checked = sl_workload_resolve_params (workload, alone, &param_error);
      if (checked == NULL && g_strcmp0 (param_named_in (workload, param_error->message),
                                        names[i]) == 0)
        {
          g_autofree char *field = g_strdup_printf ("params.%s", names[i]);

          add (problems, field, param_error->message);
        }
    }

  if (has_field_prefix (problems, "params."))
    return;

  resolved = sl_workload_resolve_params (workload, spec->params, &error);
  if (resolved != NULL)
    return;

  for (guint i = 0; culprit == NULL && names[i] != NULL; i++)
    {
      g_autoptr(SlParams) others = sl_params_copy (spec->params);
      g_autoptr(SlParams) checked = NULL;
      const SlParamInfo *info = sl_workload_find_param (workload, names[i]);

      if (info == NULL)
        continue;
      sl_params_set (others, names[i], info->default_value ? info->default_value : "");
      checked = sl_workload_resolve_params (workload, others, NULL);
      if (checked != NULL)
        culprit = names[i];
    }

  if (culprit == NULL)
    culprit = param_named_in (workload, error->message);

  {
    g_autofree char *field = culprit ? g_strdup_printf ("params.%s", culprit)
                                     : g_strdup ("workload");

    add (problems, field, error->message);
  }
}

static void
check_runtime (const SlExperimentSpec *spec,
               const SlWorkload       *workload,
               GPtrArray              *problems)
{
  g_autofree char *reason = NULL;

  if (spec->runtime == SL_RUNTIME_PYTHON && !sl_python_available (&reason))
    {
      g_autofree char *message =
        g_strdup_printf (_("The Python runtime is not available: %s"),
                         reason ? reason : _("this build has no CPython"));
      add (problems, "runtime", message);
    }
  else if (spec->runtime != SL_RUNTIME_PYTHON && (workload->flags & SL_WORKLOAD_FLAG_PYTHON_ONLY))
    add (problems, "runtime", _("This workload is Python code: choose the Python runtime"));
  else if (spec->runtime == SL_RUNTIME_PYTHON && workload->python_source == NULL)
    add (problems, "runtime", _("This workload has no Python version: choose the native runtime"));
}

static void
check_models (const SlExperimentSpec *spec,
              const SlWorkload       *workload,
              GPtrArray              *problems)
{
  if (spec->models->len == 0)
    {
      add (problems, "models", _("Choose at least one execution model"));
      return;
    }

  for (guint i = 0; i < spec->models->len; i++)
    if (g_array_index (spec->models, SlModel, i) == SL_MODEL_THREADS &&
        spec->runtime == SL_RUNTIME_NATIVE && (workload->flags & SL_WORKLOAD_FLAG_PROCESS_ONLY))
      add (problems, "models", _("This workload can bring its worker down: it runs only with processes"));
}

static void
check_counts (const SlExperimentSpec *spec,
              const SlWorkload       *workload,
              GPtrArray              *problems)
{
  guint max_workers = 0;

  if (spec->workers->len == 0)
    add (problems, "workers", _("Choose at least one worker count"));
  for (guint i = 0; i < spec->workers->len; i++)
    {
      guint w = g_array_index (spec->workers, guint, i);

      if (w < 1 || w > SL_MAX_WORKERS)
        {
          g_autofree char *message =
            g_strdup_printf (_("Worker count %u is out of range 1–%d"), w, SL_MAX_WORKERS);
          add (problems, "workers", message);
          break;
        }
      max_workers = MAX (max_workers, w);
    }

  if (spec->tasks > SL_MAX_TASKS)
    {
      g_autofree char *message =
        g_strdup_printf (_("Task count %" G_GUINT64_FORMAT " is out of range 1–%" G_GUINT64_FORMAT),
                         spec->tasks, SL_MAX_TASKS);
      add (problems, "tasks", message);
    }
  else if (spec->scaling == SL_SCALING_WEAK && max_workers > 0)
    {
      guint64 tasks = spec->tasks;

      if (tasks == 0 && !has_field_prefix (problems, "params."))
        {
          g_autoptr(SlParams) resolved = sl_workload_resolve_params (workload, spec->params, NULL);

          tasks = resolved ? sl_workload_default_tasks (workload, resolved) : 0;
        }
      if (tasks * max_workers > SL_MAX_TASKS)
        {
          g_autofree char *message =
            g_strdup_printf (_("Weak scaling would run more than %" G_GUINT64_FORMAT " tasks "
                               "at %u workers: lower the task count"), SL_MAX_TASKS, max_workers);
          add (problems, "tasks", message);
        }
    }

  if (spec->chunk < 1 || spec->chunk > 1000000)
    add (problems, "chunk", _("Chunk size must be 1–1000000"));
  if (spec->repeat < 1 || spec->repeat > SL_MAX_REPEAT)
    {
      g_autofree char *message =
        g_strdup_printf (_("Repetitions must be 1–%d"), SL_MAX_REPEAT);
      add (problems, "repeat", message);
    }
  if (spec->warmup > 100)
    add (problems, "warmup", _("Warm-up runs must be 0–100"));
  if (!isfinite (spec->timeout_s) || spec->timeout_s < 0 || spec->timeout_s > 86400)
    add (problems, "timeout", _("The timeout must be 0–86400 s (0 means none)"));
}

GPtrArray *
sl_spec_check (const SlExperimentSpec *spec)
{
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sl_spec_problem_free);
  g_autoptr(SlExperimentSpec) copy = NULL;
  g_autoptr(GError) error = NULL;
  const SlWorkload *workload;

  g_return_val_if_fail (spec != NULL, NULL);

  workload = spec->workload ? sl_workload_lookup (spec->workload) : NULL;
  if (workload == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Unknown workload “%s”"), spec->workload ? spec->workload : "");
      add (problems, "workload", message);
      return g_steal_pointer (&problems);
    }

  check_params (spec, workload, problems);
  check_runtime (spec, workload, problems);
  check_models (spec, workload, problems);
  check_counts (spec, workload, problems);

  /* The validator has the last word: a problem it finds that the checks above missed still
   * stops the run, with its own message. */
  copy = sl_experiment_spec_copy (spec);
  if (problems->len == 0 && !sl_experiment_spec_validate (copy, &error))
    add (problems, "", error->message);

  return g_steal_pointer (&problems);
}
