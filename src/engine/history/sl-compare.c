/* sl-compare.c: experiments side by side: the labels of what differs, the table of times and
 * the significance of each difference. */
#define G_LOG_DOMAIN "sl-compare"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-compare.h"
#include "sl-error.h"
#include "sl-history.h"
#include "sl-json.h"
#include "sl-mann-whitney.h"
#include "sl-stats.h"
#include "sl-text.h"

#define COMPARISON_FORMAT "speedup-lab-comparison/1"

/* What can set one experiment apart, in the order a label names them. */
typedef enum {
  ATTR_TITLE,
  ATTR_WORKLOAD,
  ATTR_SETTINGS,
  ATTR_RUNTIME,
  ATTR_MACHINE,
  ATTR_DATE,
  N_ATTRS
} Attr;

static char *
workload_value (const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;

  return g_strdup (sl_history_workload_title (spec->preset, spec->workload));
}

static char *
runtime_value (const SlResult *result)
{
  return g_strdup (result->spec->runtime == SL_RUNTIME_PYTHON ? _("Python") : _("native"));
}

/* "Intel(R) Xeon(R) CPU E5-2690 v4 @ 2.60GHz" is "Intel Xeon CPU E5-2690 v4 @ 2.60GHz" in a
 * legend. */
static char *
cpu_name (const SlResult *result)
{
  const char *model = result->system ? result->system->cpu_model : NULL;
  GString *name;

  if (model == NULL || *model == '\0')
    return g_strdup (_("unknown machine"));

  name = g_string_new (model);
  g_string_replace (name, "(R)", "", 0);
  g_string_replace (name, "(TM)", "", 0);
  g_string_replace (name, "(tm)", "", 0);
  g_string_replace (name, "  ", " ", 0);
  return g_strstrip (g_string_free (name, FALSE));
}

static guint
usable_cpus (const SlResult *result)
{
  return result->system ? result->system->usable_cpus : 0;
}

static guint
logical_cpus (const SlResult *result)
{
  return result->system ? result->system->logical_cpus : 0;
}

static gboolean
same_machine (const SlResult *a,
              const SlResult *b)
{
  const char *ma = a->system ? a->system->cpu_model : NULL;
  const char *mb = b->system ? b->system->cpu_model : NULL;

  return g_strcmp0 (ma, mb) == 0 && usable_cpus (a) == usable_cpus (b) &&
         logical_cpus (a) == logical_cpus (b);
}

/* The local date and time of `created`, to the minute or to the second. */
static char *
date_value (const SlResult *result,
            gboolean        seconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (result->created == NULL || (utc = g_date_time_new_from_iso8601 (result->created, NULL)) == NULL)
    return g_strdup (_("unknown date"));
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M");
}

static void
add_setting (GHashTable *settings,
             const char *name,
             const char *value)
{
  g_hash_table_insert (settings, g_strdup (name), g_strdup (value ? value : ""));
}

/* Everything of a spec that changes what is measured, but the workload and the runtime: the
 * parameters, the task count and chunk size, the scaling. */
static GHashTable *
spec_settings (const SlExperimentSpec *spec)
{
  GHashTable *settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree const char **names = NULL;
  char number[32];
  guint n_names = 0;

  if (spec->params != NULL)
    names = sl_params_get_names (spec->params, &n_names);
  for (guint i = 0; i < n_names; i++)
    add_setting (settings, names[i], sl_params_lookup (spec->params, names[i]));
  g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, spec->tasks);
  add_setting (settings, "tasks", number);
  g_snprintf (number, sizeof number, "%u", spec->chunk);
  add_setting (settings, "chunk", number);
  add_setting (settings, "scaling", sl_scaling_to_string (spec->scaling));

  return settings;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* "n=1000000, tasks=64": the settings whose values are not the same in every result. Only
 * asked when the results share their workload, so that the names mean the same thing. */
static char **
settings_values (GPtrArray *results)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree const char **names = NULL;
  char **values = g_new0 (char *, results->len + 1);
  guint n_names = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const SlResult *result = g_ptr_array_index (results, i);
      GHashTable *table = spec_settings (result->spec);
      GHashTableIter iter;
      gpointer key;

      g_ptr_array_add (tables, table);
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (all, key);
    }

  names = (const char **) g_hash_table_get_keys_as_array (all, &n_names);
  qsort (names, n_names, sizeof (char *), compare_strings);

  for (guint i = 0; i < results->len; i++)
    {
      GString *text = g_string_new (NULL);

      for (guint k = 0; k < n_names; k++)
        {
          const char *mine = g_hash_table_lookup (tables->pdata[i], names[k]);
          gboolean differs = FALSE;

          for (guint j = 0; j < results->len && !differs; j++)
            differs = g_strcmp0 (mine, g_hash_table_lookup (tables->pdata[j], names[k])) != 0;
          if (!differs)
            continue;
          /* Code and URL lists do not fit a legend; that they differ is what counts. */
          if (mine != NULL && g_utf8_strlen (mine, -1) > 24)
            g_string_append_printf (text, "%s%s=…", text->len ? ", " : "", names[k]);
          else
            {
              /* A legend is shown and shared: no URL password in it. */
              g_autofree char *shown = sl_text_redact_credentials (mine ? mine : "—");

              g_string_append_printf (text, "%s%s=%s", text->len ? ", " : "", names[k], shown);
            }
        }
      values[i] = g_string_free (text, FALSE);
    }

  return values;
}

static char *
attribute_value (const SlResult *result,
                 Attr            attr)
{
  switch (attr)
    {
    case ATTR_TITLE:
      return g_strdup (result->title);
    case ATTR_WORKLOAD:
      return workload_value (result);
    case ATTR_RUNTIME:
      return runtime_value (result);
    case ATTR_MACHINE:
      return cpu_name (result);
    case ATTR_DATE:
      return date_value (result, FALSE);
    case ATTR_SETTINGS:
    case N_ATTRS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
strv_all_equal (char **values,
                guint  n)
{
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (values[0], values[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Whether label `i` is the same as another one. */
static gboolean
label_collides (GPtrArray *labels,
                guint      i)
{
  for (guint j = 0; j < labels->len; j++)
    if (j != i && g_str_equal (labels->pdata[i], labels->pdata[j]))
      return TRUE;
  return FALSE;
}

static GPtrArray *
build_labels (GPtrArray *results,
              char     **values[N_ATTRS],
              gboolean   include[N_ATTRS],
              gboolean  *dated)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < results->len; i++)
    {
      GString *label = g_string_new (NULL);

      for (guint a = 0; a < N_ATTRS; a++)
        {
          const char *v = values[a][i];

          if (!(include[a] || (a == ATTR_DATE && dated[i])) || v == NULL || *v == '\0')
            continue;
          if (label->len > 0)
            g_string_append (label, " · ");
          g_string_append (label, v);
        }
      g_ptr_array_add (labels, g_string_free (label, FALSE));
    }

  return labels;
}

GPtrArray *
sl_compare_labels (GPtrArray *results)
{
  char **values[N_ATTRS] = { NULL, };
  gboolean include[N_ATTRS] = { FALSE, };
  g_autofree gboolean *dated = NULL;
  gboolean anything = FALSE;
  GPtrArray *labels;
  guint n;

  g_return_val_if_fail (results != NULL, NULL);

  n = results->len;
  dated = g_new0 (gboolean, MAX (n, 1));
  for (guint a = 0; a < N_ATTRS; a++)
    values[a] = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    for (guint a = 0; a < N_ATTRS; a++)
      if (a != ATTR_SETTINGS)
        values[a][i] = attribute_value (g_ptr_array_index (results, i), a);

  for (guint a = 0; a < N_ATTRS; a++)
    {
      if (a == ATTR_SETTINGS)
        {
          /* Parameters of different workloads are not comparable: the workload says it. */
          if (!strv_all_equal (values[ATTR_WORKLOAD], n))
            continue;
          g_strfreev (values[a]);
          values[a] = settings_values (results);
          include[a] = !strv_all_equal (values[a], n);
        }
      else if (a != ATTR_DATE)
        {
          include[a] = !strv_all_equal (values[a], n);
        }
      anything = anything || include[a];
    }

  /* The date says what differs only when nothing else does (the same experiment run again);
   * otherwise it would lengthen every legend entry. */
  include[ATTR_DATE] = !anything;
  labels = build_labels (results, values, include, dated);

  /* Results alike in all that differs elsewhere ("native", "native", "Python"): the date tells
   * those apart, to the second if need be. */
  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        if (label_collides (labels, i))
          {
            any = dated[i] = TRUE;
            if (pass == 1)
              {
                g_free (values[ATTR_DATE][i]);
                values[ATTR_DATE][i] = date_value (g_ptr_array_index (results, i), TRUE);
              }
          }
      if (!any)
        break;
      g_ptr_array_unref (labels);
      labels = build_labels (results, values, include, dated);
    }

  /* Nothing in the documents tells them apart (copies of one file): number them. */
  for (guint i = 0; i < n; i++)
    if (*(char *) labels->pdata[i] == '\0')
      {
        g_free (labels->pdata[i]);
        labels->pdata[i] = g_strdup_printf (_("Experiment %u"), i + 1);
      }
  {
    g_autofree gboolean *collides = g_new0 (gboolean, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      collides[i] = label_collides (labels, i);
    for (guint i = 0; i < n; i++)
      if (collides[i])
        {
          char *label = labels->pdata[i];

          labels->pdata[i] = g_strdup_printf ("%s (%u)", label, i + 1);
          g_free (label);
        }
  }

  for (guint a = 0; a < N_ATTRS; a++)
    g_strfreev (values[a]);

  return labels;
}

/* The finite wall times of a point's repetitions; empty when it has no measurement. */
static GArray *
wall_times (SlResult *result,
            SlModel   model,
            guint     workers)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  const SlPoint *point = sl_result_find_point (result, model, workers);

  if (point == NULL || !sl_point_has_measurements (point))
    return times;

  for (guint i = 0; i < point->repetitions->len; i++)
    {
      double wall = g_array_index (point->repetitions, SlRepetition, i).wall_s;

      if (isfinite (wall))
        g_array_append_val (times, wall);
    }

  return times;
}

static double
median_of (GArray *values)
{
  g_autofree double *copy = g_memdup2 (values->data, values->len * sizeof (double));

  return sl_median_in_place (copy, values->len);
}

static gboolean
array_contains (GArray *array,
                guint   value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      return TRUE;
  return FALSE;
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static void
add_rows (SlComparison *comparison,
          guint         other)
{
  SlResult *a = g_ptr_array_index (comparison->results, 0);
  SlResult *b = g_ptr_array_index (comparison->results, other);
  g_autoptr(GArray) models = g_array_new (FALSE, FALSE, sizeof (guint));

  /* A's models in A's order, then any that only B measured. */
  for (guint pass = 0; pass < 2; pass++)
    {
      const SlResult *r = pass == 0 ? a : b;

      for (guint i = 0; i < r->points->len; i++)
        {
          guint model = ((const SlPoint *) g_ptr_array_index (r->points, i))->model;

          if (!array_contains (models, model))
            g_array_append_val (models, model);
        }
    }

  for (guint m = 0; m < models->len; m++)
    {
      SlModel model = g_array_index (models, guint, m);
      g_autoptr(GArray) workers = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint pass = 0; pass < 2; pass++)
        {
          const SlResult *r = pass == 0 ? a : b;

          for (guint i = 0; i < r->points->len; i++)
            {
              const SlPoint *point = g_ptr_array_index (r->points, i);

              if (point->model == model && !array_contains (workers, point->workers))
                g_array_append_val (workers, point->workers);
            }
        }
      g_array_sort (workers, compare_uints);

      for (guint w = 0; w < workers->len; w++)
        {
          guint count = g_array_index (workers, guint, w);
          g_autoptr(GArray) times_a = wall_times (a, model, count);
          g_autoptr(GArray) times_b = wall_times (b, model, count);
          SlCompareRow row = { 0 };

          row.other = other;
          row.workers = count;
          row.model = model;
          row.n_a = times_a->len;
          row.n_b = times_b->len;
          row.time_a = median_of (times_a);
          row.time_b = median_of (times_b);
          row.ratio = row.time_a > 0.0 ? row.time_b / row.time_a : NAN;
          if (!isfinite (row.ratio))
            row.ratio = NAN;
          /* One repetition against one says nothing about noise. */
          row.p_value = row.n_a >= 2 && row.n_b >= 2
                        ? sl_mann_whitney_test ((double *) (void *) times_a->data, times_a->len,
                                                (double *) (void *) times_b->data, times_b->len,
                                                SL_MANN_WHITNEY_AUTO, NULL)
                        : NAN;
          row.significant = isfinite (row.p_value) && row.p_value < SL_COMPARE_ALPHA &&
                            isfinite (row.ratio) && fabs (row.ratio - 1.0) > SL_COMPARE_MIN_CHANGE;
          g_array_append_val (comparison->rows, row);
        }
    }
}

static char *
describe_machine (const SlResult *result)
{
  g_autofree char *name = cpu_name (result);

  if (usable_cpus (result) == 0)
    return g_steal_pointer (&name);
  /* Translators: "Intel Xeon Gold 6248 (4 usable CPUs)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u usable CPU)", "%s (%u usable CPUs)",
                                       usable_cpus (result)),
                          name, usable_cpus (result));
}

static void
check_machines (SlComparison *comparison)
{
  GPtrArray *results = comparison->results;
  g_autoptr(GString) text = NULL;

  for (guint i = 1; i < results->len && !comparison->different_machines; i++)
    comparison->different_machines = !same_machine (results->pdata[0], results->pdata[i]);
  if (!comparison->different_machines)
    return;

  text = g_string_new (_("Compared across different machines: "));
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *machine = describe_machine (results->pdata[i]);

      /* Translators: one experiment in the warning: "“seed-cpu · native” ran on Intel Xeon (4
       * usable CPUs)" */
      g_string_append_printf (text, _("%s“%s” ran on %s"), i > 0 ? "; " : "",
                              (char *) comparison->labels->pdata[i], machine);
    }
  g_string_append (text, _(". The machines account for part of any difference."));
  comparison->warning = g_string_free (g_steal_pointer (&text), FALSE);
}

SlComparison *
sl_comparison_new (GPtrArray  *results,
                   GError    **error)
{
  SlComparison *comparison;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (results->len < 2)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("A comparison needs two experiments or more (got %u)"), results->len);
      return NULL;
    }
  for (guint i = 0; i < results->len; i++)
    g_return_val_if_fail (results->pdata[i] != NULL &&
                          ((SlResult *) results->pdata[i])->spec != NULL, NULL);

  comparison = g_new0 (SlComparison, 1);
  comparison->results = g_ptr_array_ref (results);
  comparison->labels = sl_compare_labels (results);
  comparison->rows = g_array_new (FALSE, TRUE, sizeof (SlCompareRow));
  for (guint i = 1; i < results->len; i++)
    add_rows (comparison, i);
  check_machines (comparison);

  return comparison;
}

void
sl_comparison_free (SlComparison *comparison)
{
  if (comparison == NULL)
    return;

  g_ptr_array_unref (comparison->results);
  g_ptr_array_unref (comparison->labels);
  g_array_unref (comparison->rows);
  g_free (comparison->warning);
  g_free (comparison);
}

JsonNode *
sl_comparison_to_json (const SlComparison *comparison)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *root;

  g_return_val_if_fail (comparison != NULL, NULL);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "format", COMPARISON_FORMAT);

  json_builder_set_member_name (builder, "rule");
  json_builder_begin_object (builder);
  sl_json_add_string (builder, "test", "two-sided Mann-Whitney U on the wall times of the repetitions");
  sl_json_add_double (builder, "alpha", SL_COMPARE_ALPHA);
  sl_json_add_double (builder, "min_change", SL_COMPARE_MIN_CHANGE);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "experiments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < comparison->results->len; i++)
    {
      const SlResult *result = g_ptr_array_index (comparison->results, i);

      json_builder_begin_object (builder);
      sl_json_add_string (builder, "label", comparison->labels->pdata[i]);
      sl_json_add_string (builder, "title", result->title);
      sl_json_add_string (builder, "created", result->created);
      sl_json_add_string (builder, "preset", result->spec->preset);
      sl_json_add_string (builder, "workload", result->spec->workload);
      sl_json_add_string (builder, "runtime", sl_runtime_to_string (result->spec->runtime));
      sl_json_add_string (builder, "status", sl_result_status_to_string (result->status));
      sl_json_add_string (builder, "cpu_model", result->system ? result->system->cpu_model : NULL);
      sl_json_add_int (builder, "usable_cpus", usable_cpus (result));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  sl_json_add_bool (builder, "different_machines", comparison->different_machines);
  sl_json_add_string (builder, "warning", comparison->warning);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < comparison->rows->len; i++)
    {
      const SlCompareRow *row = &g_array_index (comparison->rows, SlCompareRow, i);

      json_builder_begin_object (builder);
      sl_json_add_int (builder, "a", 0);
      sl_json_add_int (builder, "b", row->other);
      sl_json_add_string (builder, "model", sl_model_to_string (row->model));
      sl_json_add_int (builder, "workers", row->workers);
      sl_json_add_double (builder, "time_a_s", row->time_a);
      sl_json_add_double (builder, "time_b_s", row->time_b);
      sl_json_add_int (builder, "runs_a", row->n_a);
      sl_json_add_int (builder, "runs_b", row->n_b);
      sl_json_add_double (builder, "ratio", row->ratio);
      sl_json_add_double (builder, "p_value", row->p_value);
      sl_json_add_bool (builder, "significant", row->significant);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  /* Labels quote parameters, which may hold a URL with its password. */
  sl_json_redact_credentials (root);
  return root;
}
