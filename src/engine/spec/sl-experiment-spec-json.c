/* sl-experiment-spec-json.c: the experiment spec as the "spec" object of a result document.
 *
 * The reader checks the object's shape (types, required members); the rules of what a spec may
 * be are the validator's (sl-experiment-spec-check.c), applied to what was read.
 */
#define G_LOG_DOMAIN "sl-experiment-spec-json"

#include "config.h"

#include <errno.h>
#include <math.h>

#include "sl-error.h"
#include "sl-experiment-spec-json.h"
#include "sl-i18n.h"
#include "sl-json.h"

/* A parameter is written as a JSON number or boolean only when reading that back gives exactly
 * the same text; anything else (an unknown workload, an unvalidated value) stays a string. */
static void
add_param (JsonBuilder       *builder,
           const SlParamInfo *info,
           const char        *name,
           const char        *text)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;

  json_builder_set_member_name (builder, name);

  if (info != NULL && info->type == SL_PARAM_INT && text[0] != '\0')
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, &end, 10);
      if (errno == 0 && *end == '\0')
        {
          g_autofree char *again = g_strdup_printf ("%" G_GINT64_FORMAT, v);

          if (g_str_equal (again, text))
            {
              json_builder_add_int_value (builder, v);
              return;
            }
        }
    }
  else if (info != NULL && info->type == SL_PARAM_DOUBLE && text[0] != '\0')
    {
      double v = g_ascii_strtod (text, &end);

      if (*end == '\0' && isfinite (v) && g_str_equal (g_ascii_dtostr (buf, sizeof buf, v), text))
        {
          json_builder_add_double_value (builder, v);
          return;
        }
    }
  else if (info != NULL && info->type == SL_PARAM_BOOL &&
           (g_str_equal (text, "true") || g_str_equal (text, "false")))
    {
      json_builder_add_boolean_value (builder, g_str_equal (text, "true"));
      return;
    }

  json_builder_add_string_value (builder, text);
}

JsonNode *
sl_experiment_spec_to_json (const SlExperimentSpec *spec)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const SlWorkload *workload = NULL;
  g_autofree const char **names = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->workload != NULL)
    workload = sl_workload_lookup (spec->workload);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "preset", spec->preset);
  sl_json_add_string (builder, "workload", spec->workload);

  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  names = sl_params_get_names (spec->params, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const SlParamInfo *info = workload ? sl_workload_find_param (workload, names[i]) : NULL;

      add_param (builder, info, names[i], sl_params_lookup (spec->params, names[i]));
    }
  json_builder_end_object (builder);

  sl_json_add_string (builder, "runtime", sl_runtime_to_string (spec->runtime));

  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);
  for (guint i = 0; i < spec->models->len; i++)
    json_builder_add_string_value (builder,
                                   sl_model_to_string (g_array_index (spec->models, SlModel, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "workers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < spec->workers->len; i++)
    json_builder_add_int_value (builder, g_array_index (spec->workers, guint, i));
  json_builder_end_array (builder);

  sl_json_add_int (builder, "tasks", (gint64) spec->tasks);
  sl_json_add_int (builder, "chunk", spec->chunk);
  sl_json_add_int (builder, "repeat", spec->repeat);
  sl_json_add_int (builder, "warmup", spec->warmup);
  sl_json_add_int (builder, "loops", spec->loops);
  sl_json_add_double (builder, "min_time_s", spec->min_time_s);
  sl_json_add_double (builder, "until_precise_pct", spec->until_precise_pct);
  sl_json_add_double (builder, "budget_s", spec->budget_s);
  sl_json_add_double (builder, "timeout_s", spec->timeout_s);
  sl_json_add_string (builder, "scaling", sl_scaling_to_string (spec->scaling));
  sl_json_add_string (builder, "order", sl_order_to_string (spec->order));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The inverse of add_param(): numbers and booleans back to the parameter's normal text. */
static gboolean
param_to_text (const SlParamInfo  *info,
               const char         *where,
               const char         *name,
               JsonNode           *node,
               char              **out,
               GError            **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  gint64 whole;

  if (type == G_TYPE_STRING)
    *out = g_strdup (json_node_get_string (node));
  else if (type == G_TYPE_BOOLEAN)
    *out = g_strdup (json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_INT64)
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE && info != NULL && info->type == SL_PARAM_INT &&
           sl_json_node_get_whole (node, &whole))
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  else if (type == G_TYPE_DOUBLE)
    *out = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
  else
    {
      sl_json_set_field_error (error, where, name, _("must be a number, a string or true/false"));
      return FALSE;
    }

  return TRUE;
}

/* A worker count through the spec's one parser, so that files, lists and the CLI agree on what
 * a worker count is and say the same about a bad one. */
gboolean
sl_json_node_get_worker_count (JsonNode    *node,
                               const char  *where,
                               const char  *key,
                               guint       *out,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gint64 whole;

  if (sl_json_node_get_whole (node, &whole) && whole >= 0)
    text = g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  else if (sl_json_node_is_number (node) && json_node_get_double (node) > 0 &&
           isfinite (json_node_get_double (node)) &&
           json_node_get_double (node) == floor (json_node_get_double (node)))
    text = g_strdup_printf ("%.0f", json_node_get_double (node));   /* beyond gint64 */
  else if (sl_json_node_is_number (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      /* Negative, or an integer written beyond 64 bits, which json-glib keeps wrapped: out of
       * range either way, and not shown as the value it may not be. */
      g_autofree char *problem = g_strdup_printf (_("is out of range 1–%d"), SL_MAX_WORKERS);

      sl_json_set_field_error (error, where, key, problem);
      return FALSE;
    }
  else
    {
      sl_json_set_field_error (error, where, key, _("must be a positive integer"));
      return FALSE;
    }

  if (!sl_parse_worker_count (text, out, &local_error))
    {
      g_autofree char *name = sl_json_field_name (where, key);

      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s: %s", name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The spec's rules are the validator's: the reader only checks the document's shape. A spec
 * of a workload this version does not know keeps its parameters as written, so the rules that
 * need the workload are left to the version that knows it. */
static gboolean
check_spec (const SlExperimentSpec  *spec,
            gboolean                 workload_known,
            const char              *where,
            GError                 **error)
{
  g_autoptr(GPtrArray) problems = sl_experiment_spec_check (spec);
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const SlSpecProblem *problem = g_ptr_array_index (problems, i);
      const char *key = problem->field;
      g_autofree char *name = NULL;

      if (!workload_known &&
          (g_str_equal (key, SL_SPEC_FIELD_WORKLOAD) || g_str_has_prefix (key, SL_SPEC_FIELD_PARAMS) ||
           g_str_equal (key, SL_SPEC_FIELD_RUNTIME) || g_str_equal (key, SL_SPEC_FIELD_TASKS) ||
           g_str_equal (key, SL_SPEC_FIELD_MODELS)))
        continue;
      /* The document's names for them. */
      if (g_str_equal (key, SL_SPEC_FIELD_TIMEOUT))
        key = "timeout_s";
      else if (g_str_equal (key, SL_SPEC_FIELD_MIN_TIME))
        key = "min_time_s";
      else if (g_str_equal (key, SL_SPEC_FIELD_UNTIL_PRECISE))
        key = "until_precise_pct";
      else if (g_str_equal (key, SL_SPEC_FIELD_BUDGET))
        key = "budget_s";
      name = sl_json_field_name (where, key);
      g_string_append_printf (message, "%s%s: %s", message->len ? "; " : "", name,
                              problem->message);
    }

  if (message->len == 0)
    return TRUE;

  g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, message->str);
  return FALSE;
}

SlExperimentSpec *
sl_experiment_spec_from_json_object (JsonObject  *object,
                                     const char  *where,
                                     GError     **error)
{
  g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
  const SlWorkload *workload;
  const char *preset, *workload_id;
  JsonObject *params;
  JsonArray *models, *workers;
  int runtime, scaling, order;
  gint64 tasks, chunk, repeat, warmup, loops;
  double timeout_s, min_time_s, until_precise_pct, budget_s;

  if (!sl_json_read_string (object, where, "preset", FALSE, &preset, error) ||
      !sl_json_read_string (object, where, "workload", TRUE, &workload_id, error) ||
      !sl_json_read_object (object, where, "params", FALSE, &params, error) ||
      !sl_json_read_enum (object, where, "runtime", TRUE, 0, &sl_runtime_names, _("runtime"),
                          &runtime, error) ||
      !sl_json_read_array (object, where, "models", TRUE, &models, error) ||
      !sl_json_read_array (object, where, "workers", TRUE, &workers, error) ||
      !sl_json_read_int (object, where, "tasks", FALSE, 0, G_MAXINT64, 0, &tasks, error) ||
      !sl_json_read_int (object, where, "chunk", FALSE, 0, G_MAXUINT, spec->chunk, &chunk, error) ||
      !sl_json_read_int (object, where, "repeat", FALSE, 0, G_MAXUINT, spec->repeat, &repeat, error) ||
      !sl_json_read_int (object, where, "warmup", FALSE, 0, G_MAXUINT, spec->warmup, &warmup, error) ||
      /* A document written before loops were calibrated measured one batch per value. */
      !sl_json_read_int (object, where, "loops", FALSE, 0, G_MAXUINT, 1, &loops, error) ||
      !sl_json_read_double (object, where, "min_time_s", &min_time_s, error) ||
      !sl_json_read_double (object, where, "until_precise_pct", &until_precise_pct, error) ||
      !sl_json_read_double (object, where, "budget_s", &budget_s, error) ||
      !sl_json_read_double (object, where, "timeout_s", &timeout_s, error) ||
      !sl_json_read_enum (object, where, "scaling", FALSE, spec->scaling, &sl_scaling_names,
                          _("scaling mode"), &scaling, error) ||
      !sl_json_read_enum (object, where, "order", FALSE, spec->order, &sl_order_names, _("order"),
                          &order, error))
    return NULL;

  if (workload_id[0] == '\0')
    {
      sl_json_set_field_error (error, where, "workload", _("must name a workload"));
      return NULL;
    }

  if (isnan (timeout_s))
    timeout_s = 0;
  if (isnan (min_time_s))
    min_time_s = spec->min_time_s;
  if (isnan (until_precise_pct))
    until_precise_pct = 0;
  if (isnan (budget_s))
    budget_s = spec->budget_s;

  g_clear_pointer (&spec->preset, g_free);
  spec->preset = g_strdup (preset);
  g_free (spec->workload);
  spec->workload = g_strdup (workload_id);
  spec->runtime = runtime;
  spec->tasks = (guint64) tasks;
  spec->chunk = (guint) chunk;
  spec->repeat = (guint) repeat;
  spec->warmup = (guint) warmup;
  spec->loops = (guint) loops;
  spec->min_time_s = min_time_s;
  spec->until_precise_pct = until_precise_pct;
  spec->budget_s = budget_s;
  spec->timeout_s = timeout_s;
  spec->scaling = scaling;
  spec->order = order;

  /* A workload of a later version, or a test-only one, is not known here: its parameters are
   * kept as they were written. */
  workload = sl_workload_lookup (workload_id);

  if (params != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (params);
      g_autofree char *params_where = sl_json_field_name (where, "params");

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          const SlParamInfo *info = workload ? sl_workload_find_param (workload, name) : NULL;
          g_autofree char *text = NULL;

          if (!param_to_text (info, params_where, name, json_object_get_member (params, name),
                              &text, error))
            return NULL;
          sl_params_set (spec->params, name, text);
        }
    }

  g_array_set_size (spec->models, 0);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonNode *node = json_array_get_element (models, i);
      g_autofree char *key = g_strdup_printf ("models[%u]", i);
      int model;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          sl_json_set_field_error (error, where, key, _("must be a string"));
          return NULL;
        }
      if (!sl_json_check_enum (json_node_get_string (node), where, key, &sl_model_names,
                               _("execution model"), &model, error))
        return NULL;
      for (guint j = 0; j < spec->models->len; j++)
        {
          if (g_array_index (spec->models, SlModel, j) == (SlModel) model)
            {
              sl_json_set_field_error (error, where, key, _("repeats a model listed before"));
              return NULL;
            }
        }
      g_array_append_vals (spec->models, &(SlModel) { model }, 1);
    }

  g_array_set_size (spec->workers, 0);
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      g_autofree char *key = g_strdup_printf ("workers[%u]", i);
      guint w;

      if (!sl_json_node_get_worker_count (json_array_get_element (workers, i), where, key, &w, error))
        return NULL;
      g_array_append_val (spec->workers, w);
    }

  if (!check_spec (spec, workload != NULL, where, error))
    return NULL;

  return g_steal_pointer (&spec);
}

SlExperimentSpec *
sl_experiment_spec_from_json (JsonNode  *node,
                              GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("An experiment spec must be a JSON object"));
      return NULL;
    }

  return sl_experiment_spec_from_json_object (json_node_get_object (node), NULL, error);
}
