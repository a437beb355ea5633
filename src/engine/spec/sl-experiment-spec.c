/* sl-experiment-spec.c: the experiment spec, its validation and the worker-list syntax. */
#define G_LOG_DOMAIN "sl-experiment-spec"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-error.h"
#include "sl-experiment-spec.h"
#include "sl-preset.h"

SlExperimentSpec *
sl_experiment_spec_new (void)
{
  SlExperimentSpec *spec = g_new0 (SlExperimentSpec, 1);

  spec->workload = g_strdup ("cpu-sum");
  spec->params = sl_params_new ();
  spec->runtime = SL_RUNTIME_NATIVE;
  spec->models = g_array_new (FALSE, FALSE, sizeof (SlModel));
  spec->workers = g_array_new (FALSE, FALSE, sizeof (guint));
  spec->tasks = 0;
  spec->chunk = 1;
  spec->repeat = 5;
  spec->warmup = 1;
  spec->timeout_s = 0;
  spec->scaling = SL_SCALING_STRONG;
  spec->order = SL_ORDER_INTERLEAVED;

  g_array_append_vals (spec->models, (SlModel[]) { SL_MODEL_THREADS, SL_MODEL_PROCESSES }, 2);
  g_array_append_vals (spec->workers, (guint[]) { 1, 2, 4, 8, 16 }, 5);

  return spec;
}

SlExperimentSpec *
sl_experiment_spec_copy (const SlExperimentSpec *spec)
{
  SlExperimentSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_memdup2 (spec, sizeof *spec);
  copy->preset = g_strdup (spec->preset);
  copy->workload = g_strdup (spec->workload);
  copy->params = sl_params_copy (spec->params);
  copy->models = g_array_copy (spec->models);
  copy->workers = g_array_copy (spec->workers);

  return copy;
}

void
sl_experiment_spec_free (SlExperimentSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->preset);
  g_free (spec->workload);
  sl_params_free (spec->params);
  g_array_unref (spec->models);
  g_array_unref (spec->workers);
  g_free (spec);
}

gboolean
sl_experiment_spec_apply_preset (SlExperimentSpec *spec,
                                 const char       *preset_id,
                                 GError          **error)
{
  const SlPreset *preset;
  g_auto(GStrv) pairs = NULL;
  g_autoptr(GArray) models = NULL;
  g_autoptr(GArray) workers = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (preset_id != NULL, FALSE);

  preset = sl_preset_lookup (preset_id);
  if (preset == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Unknown preset “%s” (see `speedup-lab-cli list`)", preset_id);
      return FALSE;
    }

  models = sl_parse_model_list (preset->models, error);
  workers = sl_parse_worker_list (preset->workers, error);
  if (models == NULL || workers == NULL)
    return FALSE;

  g_free (spec->preset);
  spec->preset = g_strdup (preset->id);
  g_free (spec->workload);
  spec->workload = g_strdup (preset->workload);
  sl_params_free (spec->params);
  spec->params = sl_params_new ();
  pairs = g_strsplit (preset->params ? preset->params : "", ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      sl_params_set (spec->params, pairs[i], eq + 1);
    }
  spec->runtime = preset->runtime;
  g_array_unref (spec->models);
  spec->models = g_steal_pointer (&models);
  g_array_unref (spec->workers);
  spec->workers = g_steal_pointer (&workers);
  spec->tasks = preset->tasks;
  if (preset->repeat > 0)
    spec->repeat = preset->repeat;

  return TRUE;
}

guint64
sl_experiment_spec_tasks_for (const SlExperimentSpec *spec,
                              guint                   workers)
{
  g_return_val_if_fail (spec != NULL, 0);

  if (spec->scaling == SL_SCALING_WEAK)
    return spec->tasks * workers;

  return spec->tasks;
}

gboolean
sl_experiment_spec_validate (SlExperimentSpec *spec,
                             GError          **error)
{
  const SlWorkload *workload;
  g_autoptr(SlParams) resolved = NULL;
  guint64 tasks;

  g_return_val_if_fail (spec != NULL, FALSE);

  workload = spec->workload ? sl_workload_lookup (spec->workload) : NULL;
  if (workload == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Unknown workload “%s” (see `speedup-lab-cli list`)",
                   spec->workload ? spec->workload : "");
      return FALSE;
    }

  resolved = sl_workload_resolve_params (workload, spec->params, error);
  if (resolved == NULL)
    return FALSE;

  if ((guint) spec->runtime >= SL_N_RUNTIMES)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "Unknown runtime");
      return FALSE;
    }

  if (spec->runtime != SL_RUNTIME_PYTHON && (workload->flags & SL_WORKLOAD_FLAG_PYTHON_ONLY))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Workload %s is Python code; run it with the python runtime (--runtime python)",
                   workload->id);
      return FALSE;
    }

  if (spec->runtime == SL_RUNTIME_PYTHON && workload->python_source == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Workload %s has no Python version; use the native runtime", workload->id);
      return FALSE;
    }

  if (spec->models->len == 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Choose at least one execution model (threads, processes)");
      return FALSE;
    }

  for (guint i = 0; i < spec->models->len; i++)
    {
      SlModel model = g_array_index (spec->models, SlModel, i);

      if ((guint) model >= SL_N_MODELS)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "Unknown execution model");
          return FALSE;
        }
      if (model == SL_MODEL_THREADS && spec->runtime == SL_RUNTIME_NATIVE &&
          (workload->flags & SL_WORKLOAD_FLAG_PROCESS_ONLY))
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       "Workload %s can bring its worker down, so it runs only with processes",
                       workload->id);
          return FALSE;
        }
    }

  if (spec->workers->len == 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "Choose at least one worker count");
      return FALSE;
    }

  for (guint i = 0; i < spec->workers->len; i++)
    {
      guint w = g_array_index (spec->workers, guint, i);

      if (w < 1 || w > SL_MAX_WORKERS)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       "Worker count %u is out of range 1–%d", w, SL_MAX_WORKERS);
          return FALSE;
        }
      if (i > 0 && w <= g_array_index (spec->workers, guint, i - 1))
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       "Worker counts must be ascending and distinct");
          return FALSE;
        }
    }

  if (spec->chunk < 1 || spec->chunk > 1000000)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Chunk size %u is out of range 1–1000000", spec->chunk);
      return FALSE;
    }

  if (spec->repeat < 1 || spec->repeat > SL_MAX_REPEAT)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Repetitions %u out of range 1–%d", spec->repeat, SL_MAX_REPEAT);
      return FALSE;
    }

  if (spec->warmup > 100)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Warm-up runs %u out of range 0–100", spec->warmup);
      return FALSE;
    }

  if (!isfinite (spec->timeout_s) || spec->timeout_s < 0 || spec->timeout_s > 86400)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Timeout %g s is out of range 0–86400 (0 means none)", spec->timeout_s);
      return FALSE;
    }

  tasks = spec->tasks ? spec->tasks : sl_workload_default_tasks (workload, resolved);
  if (tasks < 1 || tasks > SL_MAX_TASKS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Task count %" G_GUINT64_FORMAT " is out of range 1–%" G_GUINT64_FORMAT,
                   tasks, SL_MAX_TASKS);
      return FALSE;
    }
  if (spec->scaling == SL_SCALING_WEAK &&
      tasks * g_array_index (spec->workers, guint, spec->workers->len - 1) > SL_MAX_TASKS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Weak scaling would run more than %" G_GUINT64_FORMAT " tasks at the largest "
                   "worker count; lower --tasks", SL_MAX_TASKS);
      return FALSE;
    }

  sl_params_free (spec->params);
  spec->params = g_steal_pointer (&resolved);
  spec->tasks = tasks;

  return TRUE;
}

static gboolean
parse_count (const char *text,
             const char *whole,
             guint      *out,
             GError    **error)
{
  char *end = NULL;
  guint64 v;

  while (g_ascii_isspace (*text))
    text++;

  errno = 0;
  v = g_ascii_strtoull (text, &end, 10);
  while (end != NULL && g_ascii_isspace (*end))
    end++;

  if (text[0] == '\0' || text[0] == '-' || end == text || *end != '\0' || errno != 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Malformed worker list “%s”: “%s” is not a number "
                   "(use e.g. 1,2,4,8 or 1-16 or pow2:16)", whole, text);
      return FALSE;
    }

  if (v < 1 || v > SL_MAX_WORKERS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   "Worker count %" G_GUINT64_FORMAT " is out of range 1–%d",
                   v, SL_MAX_WORKERS);
      return FALSE;
    }

  *out = (guint) v;
  return TRUE;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

GArray *
sl_parse_worker_list (const char  *text,
                      GError     **error)
{
  g_autoptr(GArray) workers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) items = NULL;
  gboolean seen[SL_MAX_WORKERS + 1] = { FALSE, };

  g_return_val_if_fail (text != NULL, NULL);

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      const char *dash;
      guint lo, hi;

      if (g_str_has_prefix (item, "pow2:"))
        {
          if (!parse_count (item + 5, text, &hi, error))
            return NULL;
          for (guint w = 1; w <= hi; w *= 2)
            seen[w] = TRUE;
          continue;
        }

      dash = strchr (item, '-');
      if (dash != NULL && dash != item)
        {
          g_autofree char *first = g_strndup (item, dash - item);

          if (!parse_count (first, text, &lo, error) || !parse_count (dash + 1, text, &hi, error))
            return NULL;
          if (lo > hi)
            {
              g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           "Malformed worker list “%s”: range %u-%u runs backwards", text, lo, hi);
              return NULL;
            }
          for (guint w = lo; w <= hi; w++)
            seen[w] = TRUE;
          continue;
        }

      if (!parse_count (item, text, &lo, error))
        return NULL;
      seen[lo] = TRUE;
    }

  for (guint w = 1; w <= SL_MAX_WORKERS; w++)
    if (seen[w])
      g_array_append_val (workers, w);

  g_array_sort (workers, compare_uint);

  if (workers->len == 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "The worker list is empty");
      return NULL;
    }

  return g_steal_pointer (&workers);
}

char *
sl_format_worker_list (GArray *workers)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < workers->len; i++)
    g_string_append_printf (s, "%s%u", i ? "," : "", g_array_index (workers, guint, i));

  return g_string_free (s, FALSE);
}

GArray *
sl_parse_model_list (const char  *text,
                     GError     **error)
{
  g_autoptr(GArray) models = g_array_new (FALSE, FALSE, sizeof (SlModel));
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      SlModel model;
      gboolean dup = FALSE;

      if (!sl_model_from_string (item, &model))
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       "Unknown execution model “%s” (choose threads, processes)", item);
          return NULL;
        }
      for (guint j = 0; j < models->len; j++)
        dup |= g_array_index (models, SlModel, j) == model;
      if (!dup)
        g_array_append_val (models, model);
    }

  if (models->len == 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "The model list is empty");
      return NULL;
    }

  return g_steal_pointer (&models);
}
