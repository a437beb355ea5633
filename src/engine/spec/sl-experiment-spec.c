/* sl-experiment-spec.c: the experiment spec, presets applied to it, and the worker-list syntax.
 *
 * Its validation is in sl-experiment-spec-check.c. */
#define G_LOG_DOMAIN "sl-experiment-spec"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

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
  spec->loops = 0;
  spec->min_time_s = SL_DEFAULT_MIN_TIME_S;
  spec->until_precise_pct = 0;
  spec->budget_s = SL_DEFAULT_BUDGET_S;
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

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (preset_id != NULL, FALSE);

  preset = sl_preset_lookup (preset_id);
  if (preset == NULL)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("Unknown preset “%s”"), preset_id);
      return FALSE;
    }

  g_free (spec->preset);
  spec->preset = g_strdup (preset->id);
  g_free (spec->workload);
  spec->workload = g_strdup (preset->workload);
  sl_params_free (spec->params);
  spec->params = sl_params_new ();
  for (const SlPresetParam *p = preset->params; p != NULL && p->name != NULL; p++)
    sl_params_set (spec->params, p->name, p->value);
  spec->runtime = preset->runtime;
  g_array_set_size (spec->models, 0);
  for (const SlModel *m = preset->models; *m != SL_N_MODELS; m++)
    g_array_append_vals (spec->models, m, 1);
  g_array_set_size (spec->workers, 0);
  for (const guint *w = preset->workers; *w != 0; w++)
    g_array_append_vals (spec->workers, w, 1);
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

typedef enum {
  COUNT_OK,
  COUNT_MALFORMED,
  COUNT_OUT_OF_RANGE,
} CountStatus;

/* Decimal digits with optional spaces around them. `number` gets the digits without leading
 * zeros, for messages. More than 9 digits is out of range whatever they are: no overflow. */
static CountStatus
scan_worker_count (const char  *text,
                   guint       *out,
                   char       **number)
{
  const char *p = text;
  const char *digits;
  gsize n_digits;
  guint64 v = 0;

  while (g_ascii_isspace (*p))
    p++;
  digits = p;
  while (g_ascii_isdigit (*p))
    p++;
  n_digits = p - digits;
  while (g_ascii_isspace (*p))
    p++;
  if (n_digits == 0 || *p != '\0')
    return COUNT_MALFORMED;

  while (n_digits > 1 && *digits == '0')
    digits++, n_digits--;
  if (n_digits <= 9)
    for (gsize i = 0; i < n_digits; i++)
      v = v * 10 + (guint64) (digits[i] - '0');

  if (n_digits > 9 || v < 1 || v > SL_MAX_WORKERS)
    {
      *number = n_digits > 40 ? g_strdup_printf ("%.40s…", digits) : g_strndup (digits, n_digits);
      return COUNT_OUT_OF_RANGE;
    }

  *out = (guint) v;
  return COUNT_OK;
}

/* The one grammar of a worker count. `list` is the worker list the count stands in, so that a
 * malformed count says which list it spoils; NULL for a count alone. */
static gboolean
parse_worker_count (const char  *text,
                    const char  *list,
                    guint       *out,
                    GError     **error)
{
  g_autofree char *number = NULL;

  switch (scan_worker_count (text, out, &number))
    {
    case COUNT_OK:
      return TRUE;
    case COUNT_OUT_OF_RANGE:
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Worker count %s is out of range 1–%d"), number, SL_MAX_WORKERS);
      return FALSE;
    case COUNT_MALFORMED:
    default:
      if (list != NULL)
        g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                     _("Malformed worker list “%s”: “%s” is not a number "
                       "(use e.g. 1,2,4,8 or 1-16 or pow2:16)"), list, text);
      else
        g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                     _("“%s” is not a worker count: use a whole number 1–%d"), text,
                     SL_MAX_WORKERS);
      return FALSE;
    }
}

gboolean
sl_parse_worker_count (const char  *text,
                       guint       *out,
                       GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return parse_worker_count (text, NULL, out, error);
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
          if (!parse_worker_count (item + 5, text, &hi, error))
            return NULL;
          for (guint w = 1; w <= hi; w *= 2)
            seen[w] = TRUE;
          continue;
        }

      dash = strchr (item, '-');
      if (dash != NULL && dash != item)
        {
          g_autofree char *first = g_strndup (item, dash - item);

          if (!parse_worker_count (first, text, &lo, error) ||
              !parse_worker_count (dash + 1, text, &hi, error))
            return NULL;
          if (lo > hi)
            {
              g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           _("Malformed worker list “%s”: range %u-%u runs backwards"), text, lo, hi);
              return NULL;
            }
          for (guint w = lo; w <= hi; w++)
            seen[w] = TRUE;
          continue;
        }

      if (!parse_worker_count (item, text, &lo, error))
        return NULL;
      seen[lo] = TRUE;
    }

  for (guint w = 1; w <= SL_MAX_WORKERS; w++)
    if (seen[w])
      g_array_append_val (workers, w);

  g_array_sort (workers, compare_uint);

  if (workers->len == 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("The worker list is empty"));
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
                       _("Unknown execution model “%s” (choose threads, processes)"), item);
          return NULL;
        }
      for (guint j = 0; j < models->len; j++)
        dup |= g_array_index (models, SlModel, j) == model;
      if (!dup)
        g_array_append_val (models, model);
    }

  if (models->len == 0)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("The model list is empty"));
      return NULL;
    }

  return g_steal_pointer (&models);
}
