/* sl-sharing-common.c: the interpreter's description, as the sharing experiments read and write
 * it. */
#define G_LOG_DOMAIN "sl-sharing"

#include "config.h"

#include "sl-json.h"
#include "sl-sharing-common.h"

GHashTable *
sl_sharing_read_runtime (JsonObject *object)
{
  g_autoptr(GList) members = NULL;
  GHashTable *runtime;

  if (object == NULL)
    return NULL;

  runtime = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_replace (runtime, g_strdup (l->data), g_strdup (json_node_get_string (node)));
    }

  return runtime;
}

void
sl_sharing_add_runtime (JsonBuilder *builder,
                        GHashTable  *runtime)
{
  json_builder_set_member_name (builder, "runtime");
  json_builder_begin_object (builder);
  if (runtime != NULL)
    {
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (runtime),
                                           (GCompareFunc) g_strcmp0);

      for (GList *l = keys; l != NULL; l = l->next)
        sl_json_add_string (builder, l->data, g_hash_table_lookup (runtime, l->data));
    }
  json_builder_end_object (builder);
}
