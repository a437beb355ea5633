/* sl-sharing-common.c: the interpreter's description, as the sharing experiments read and write
 * it. */
#define G_LOG_DOMAIN "sl-sharing"

#include "config.h"

#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-python.h"
#include "sl-error.h"
#include "sl-sharing-common.h"
#include "sl-sysinfo-json.h"

gconstpointer
sl_sharing_lookup (gconstpointer  table,
                   gsize          n,
                   gsize          size,
                   const char    *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (gsize i = 0; i < n; i++)
    {
      const char * const *entry = (const char * const *) ((const char *) table + i * size);

      if (g_str_equal (*entry, id))
        return entry;
    }

  return NULL;
}

JsonObject *
sl_sharing_run_script (const char    *name,
                       const char    *request,
                       guint          timeout_s,
                       JsonParser    *parser,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reply = sl_python_run_script (name, request, timeout_s, cancellable, error);
  JsonNode *root;

  if (reply == NULL)
    return NULL;

  if (!json_parser_load_from_data (parser, reply, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)) ||
      !sl_json_make_printable (root, &local_error))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   _("the worker's report could not be read: %s"),
                   local_error != NULL ? local_error->message : _("it is not a JSON object"));
      return NULL;
    }

  return json_node_get_object (root);
}

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

void
sl_sharing_add_context (JsonBuilder     *builder,
                        const SlSysInfo *system,
                        GHashTable      *runtime)
{
  if (system != NULL)
    {
      json_builder_set_member_name (builder, "system");
      json_builder_add_value (builder, sl_sysinfo_to_json (system));
    }
  sl_sharing_add_runtime (builder, runtime);
}
