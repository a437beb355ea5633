/* sl-sysinfo-json.c: the machine as the "system" object of a result document, also printed by
 * `speedup-lab-cli info --json`. */
#define G_LOG_DOMAIN "sl-sysinfo-json"

#include "config.h"

#include <math.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-sysinfo-json.h"

JsonNode *
sl_sysinfo_to_json (const SlSysInfo *info)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (info != NULL, NULL);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "cpu_model", info->cpu_model);
  sl_json_add_int (builder, "logical_cpus", info->logical_cpus);
  sl_json_add_int (builder, "physical_cores", info->physical_cores);
  sl_json_add_int (builder, "affinity_cpus", info->affinity_cpus);
  sl_json_add_double (builder, "cgroup_cpus", info->cgroup_cpus);
  sl_json_add_int (builder, "usable_cpus", info->usable_cpus);

  json_builder_set_member_name (builder, "load_avg");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (info->load_avg); i++)
    {
      if (isfinite (info->load_avg[i]))
        json_builder_add_double_value (builder, info->load_avg[i]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_array (builder);

  sl_json_add_string (builder, "governor", info->governor);
  sl_json_add_string (builder, "kernel", info->kernel);
  sl_json_add_int (builder, "memory_total_kb", (gint64) info->memory_total_kb);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; info->warnings != NULL && i < info->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (info->warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

SlSysInfo *
sl_sysinfo_from_json_object (JsonObject  *object,
                             const char  *w,
                             GError     **error)
{
  g_autoptr(SlSysInfo) info = sl_sysinfo_new ();
  JsonArray *load_avg, *warnings;
  const char *cpu_model, *governor, *kernel;
  gint64 logical, physical, affinity, usable, memory;

  if (!sl_json_read_string (object, w, "cpu_model", FALSE, &cpu_model, error) ||
      !sl_json_read_int (object, w, "logical_cpus", FALSE, 0, G_MAXUINT, 0, &logical, error) ||
      !sl_json_read_int (object, w, "physical_cores", FALSE, 0, G_MAXUINT, 0, &physical, error) ||
      !sl_json_read_int (object, w, "affinity_cpus", FALSE, 0, G_MAXUINT, 0, &affinity, error) ||
      !sl_json_read_double (object, w, "cgroup_cpus", &info->cgroup_cpus, error) ||
      !sl_json_read_int (object, w, "usable_cpus", FALSE, 0, G_MAXUINT, 0, &usable, error) ||
      !sl_json_read_array (object, w, "load_avg", FALSE, &load_avg, error) ||
      !sl_json_read_string (object, w, "governor", FALSE, &governor, error) ||
      !sl_json_read_string (object, w, "kernel", FALSE, &kernel, error) ||
      !sl_json_read_int (object, w, "memory_total_kb", FALSE, 0, G_MAXINT64, 0, &memory, error) ||
      !sl_json_read_array (object, w, "warnings", FALSE, &warnings, error))
    return NULL;

  info->cpu_model = g_strdup (cpu_model);
  info->logical_cpus = (guint) logical;
  info->physical_cores = (guint) physical;
  info->affinity_cpus = (guint) affinity;
  if (isnan (info->cgroup_cpus))
    info->cgroup_cpus = 0;
  info->usable_cpus = (guint) usable;
  info->governor = g_strdup (governor);
  info->kernel = g_strdup (kernel);
  info->memory_total_kb = (guint64) memory;

  for (guint i = 0; i < G_N_ELEMENTS (info->load_avg); i++)
    {
      JsonNode *node = load_avg && i < json_array_get_length (load_avg)
                       ? json_array_get_element (load_avg, i) : NULL;

      info->load_avg[i] = NAN;
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!sl_json_node_is_number (node))
        {
          sl_json_set_field_error (error, w, "load_avg", _("must be a list of three numbers"));
          return NULL;
        }
      info->load_avg[i] = sl_json_node_get_number (node);
    }

  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    {
      JsonNode *node = json_array_get_element (warnings, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          sl_json_set_field_error (error, w, "warnings", _("must be a list of strings"));
          return NULL;
        }
      g_ptr_array_add (info->warnings, g_strdup (json_node_get_string (node)));
    }

  return g_steal_pointer (&info);
}

SlSysInfo *
sl_sysinfo_from_json (JsonNode  *node,
                      GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("A system description must be a JSON object"));
      return NULL;
    }

  return sl_sysinfo_from_json_object (json_node_get_object (node), NULL, error);
}
