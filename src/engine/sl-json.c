/* sl-json.c: the small toolkit every JSON reader and writer of the engine shares.
 *
 * Writers turn non-finite numbers into null (JSON has no NaN). Readers take the place of the
 * object in the document ("points[3]") so that their errors say exactly which field is wrong:
 * "points[3].workers must be a positive integer".
 */
#define G_LOG_DOMAIN "sl-json"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-text.h"
#include "sl-types.h"

/* Writing */

/* JSON has no NaN or infinity: an unknown value is null. */
void
sl_json_add_double (JsonBuilder *builder,
                    const char  *key,
                    double       value)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
sl_json_add_int (JsonBuilder *builder,
                 const char  *key,
                 gint64       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, value);
}

void
sl_json_add_bool (JsonBuilder *builder,
                  const char  *key,
                  gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

void
sl_json_add_string (JsonBuilder *builder,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
sl_json_to_text (JsonNode *root,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  text = json_generator_to_gstring (generator, g_string_new (NULL));
  g_string_append_c (text, '\n');

  if (length != NULL)
    *length = text->len;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Reading */

char *
sl_json_field_name (const char *where,
                    const char *key)
{
  if (where == NULL || where[0] == '\0')
    return g_strdup (key);

  return g_strdup_printf ("%s.%s", where, key);
}

void
sl_json_set_field_error (GError     **error,
                         const char  *where,
                         const char  *key,
                         const char  *problem)
{
  g_autofree char *name = sl_json_field_name (where, key);

  g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s %s", name, problem);
}

JsonNode *
sl_json_lookup_member (JsonObject *object,
                       const char *key)
{
  return json_object_has_member (object, key) ? json_object_get_member (object, key) : NULL;
}

gboolean
sl_json_node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

double
sl_json_node_get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);

  return json_node_get_double (node);
}

/* Whole numbers written as 4.0 by other tools count as whole. */
gboolean
sl_json_node_get_whole (JsonNode *node,
                        gint64   *out)
{
  double d;

  if (!sl_json_node_is_number (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }

  d = json_node_get_double (node);
  if (!isfinite (d) || d != floor (d) || fabs (d) > 9e15)
    return FALSE;

  *out = (gint64) d;
  return TRUE;
}

/* What a field must hold, and what its errors say. */
typedef struct {
  JsonNodeType  type;
  GType         value_type;  /* of a value; G_TYPE_DOUBLE takes any number */
  const char   *missing;     /* for a required field */
  const char   *must;
} FieldKind;

static const FieldKind number_field =
  { JSON_NODE_VALUE, G_TYPE_DOUBLE, NULL, N_("must be a number") };
static const FieldKind bool_field =
  { JSON_NODE_VALUE, G_TYPE_BOOLEAN, NULL, N_("must be true or false") };
static const FieldKind string_field =
  { JSON_NODE_VALUE, G_TYPE_STRING, N_("is missing"), N_("must be a string") };
static const FieldKind array_field =
  { JSON_NODE_ARRAY, G_TYPE_INVALID, N_("is missing (it must be a list)"), N_("must be a list") };
static const FieldKind object_field =
  { JSON_NODE_OBJECT, G_TYPE_INVALID, N_("is missing (it must be an object)"), N_("must be an object") };

static gboolean
holds (JsonNode        *node,
       const FieldKind *kind)
{
  if (kind->value_type == G_TYPE_DOUBLE)
    return sl_json_node_is_number (node);

  return json_node_get_node_type (node) == kind->type &&
         (kind->type != JSON_NODE_VALUE || json_node_get_value_type (node) == kind->value_type);
}

/* Member `key` when it holds what `kind` says, else NULL in `out`. Missing or null fails only a
 * `required` field. */
static gboolean
read_node (JsonObject       *object,
           const char       *where,
           const char       *key,
           gboolean          required,
           const FieldKind  *kind,
           JsonNode        **out,
           GError          **error)
{
  JsonNode *node = sl_json_lookup_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        sl_json_set_field_error (error, where, key, _(kind->missing));
      return !required;
    }

  if (!holds (node, kind))
    {
      sl_json_set_field_error (error, where, key, _(kind->must));
      return FALSE;
    }

  *out = node;
  return TRUE;
}

gboolean
sl_json_read_int (JsonObject  *object,
                  const char  *where,
                  const char  *key,
                  gboolean     required,
                  gint64       min,
                  gint64       max,
                  gint64       fallback,
                  gint64      *out,
                  GError     **error)
{
  const char *must = min == 1 ? _("must be a positive integer") : _("must be a whole number");
  g_autofree char *missing = g_strdup_printf (_("is missing (it %s)"), must);
  const FieldKind whole_field = { JSON_NODE_VALUE, G_TYPE_DOUBLE, missing, must };
  JsonNode *node;
  gint64 v;

  if (!read_node (object, where, key, required, &whole_field, &node, error))
    return FALSE;

  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }

  if (!sl_json_node_get_whole (node, &v))
    {
      double d = json_node_get_double (node);
      g_autofree char *problem = NULL;

      /* 1e30 is a whole number, beyond what the field holds: out of range, not "not whole". */
      if (isfinite (d) && d == floor (d))
        problem = g_strdup_printf (_("= %g is out of range %" PRId64 "–%" PRId64), d, min, max);
      sl_json_set_field_error (error, where, key, problem != NULL ? problem : must);
      return FALSE;
    }

  if (v < min || v > max)
    {
      g_autofree char *problem = NULL;
      /* json-glib keeps an integer written beyond 64 bits wrapped (99999999999999999999 reads
       * as -1): a negative integer may be such a number, so it is said to be out of range,
       * never shown as the value it was not. */
      gboolean as_written = v >= 0 || json_node_get_value_type (node) != G_TYPE_INT64;

      if (min == 1 && v == 0)
        problem = g_strdup_printf (_("%s, not %" PRId64), must, v);
      else if (as_written)
        problem = g_strdup_printf (_("= %" PRId64 " is out of range %" PRId64 "–%" PRId64), v, min,
                                   max);
      else
        problem = g_strdup_printf (_("is out of range %" PRId64 "–%" PRId64), min, max);
      sl_json_set_field_error (error, where, key, problem);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

/* Missing and null read as NaN. */
gboolean
sl_json_read_double (JsonObject  *object,
                     const char  *where,
                     const char  *key,
                     double      *out,
                     GError     **error)
{
  JsonNode *node;
  gboolean ok = read_node (object, where, key, FALSE, &number_field, &node, error);

  *out = node != NULL ? sl_json_node_get_number (node) : NAN;
  return ok;
}

gboolean
sl_json_read_bool (JsonObject  *object,
                   const char  *where,
                   const char  *key,
                   gboolean     fallback,
                   gboolean    *out,
                   GError     **error)
{
  JsonNode *node;
  gboolean ok = read_node (object, where, key, FALSE, &bool_field, &node, error);

  *out = node != NULL ? json_node_get_boolean (node) : fallback;
  return ok;
}

/* What member `key` holds when it is what `kind` says (a string, a list or an object), borrowed,
 * in `out`; NULL when it is missing or null and not required. */
static gboolean
read_contents (JsonObject       *object,
               const char       *where,
               const char       *key,
               gboolean          required,
               const FieldKind  *kind,
               gpointer         *out,
               GError          **error)
{
  JsonNode *node;
  gboolean ok = read_node (object, where, key, required, kind, &node, error);

  *out = NULL;
  if (node == NULL)
    return ok;

  switch (kind->type)
    {
    case JSON_NODE_OBJECT:
      *out = json_node_get_object (node);
      break;
    case JSON_NODE_ARRAY:
      *out = json_node_get_array (node);
      break;
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      *out = (gpointer) json_node_get_string (node);
      break;
    }

  return ok;
}

gboolean
sl_json_read_string (JsonObject   *object,
                     const char   *where,
                     const char   *key,
                     gboolean      required,
                     const char  **out,
                     GError      **error)
{
  return read_contents (object, where, key, required, &string_field, (gpointer *) out, error);
}

JsonObject *
sl_json_node_get_object_at (JsonNode    *node,
                            const char  *where,
                            GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("%s must be an object"), where);
      return NULL;
    }

  return json_node_get_object (node);
}

gboolean
sl_json_read_array (JsonObject  *object,
                    const char  *where,
                    const char  *key,
                    gboolean     required,
                    JsonArray  **out,
                    GError     **error)
{
  return read_contents (object, where, key, required, &array_field, (gpointer *) out, error);
}

gboolean
sl_json_read_object (JsonObject   *object,
                     const char   *where,
                     const char   *key,
                     gboolean      required,
                     JsonObject  **out,
                     GError      **error)
{
  return read_contents (object, where, key, required, &object_field, (gpointer *) out, error);
}

gboolean
sl_json_check_enum (const char         *text,
                    const char         *where,
                    const char         *key,
                    const SlEnumNames  *names,
                    const char         *what,
                    int                *out,
                    GError            **error)
{
  if (!sl_enum_names_lookup (names, text, out))
    {
      g_autofree char *name = sl_json_field_name (where, key);
      g_autofree char *choices = sl_enum_names_join (names);

      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not a known %s (%s)"), name, text, what, choices);
      return FALSE;
    }

  return TRUE;
}

gboolean
sl_json_read_enum (JsonObject         *object,
                   const char         *where,
                   const char         *key,
                   gboolean            required,
                   int                 fallback,
                   const SlEnumNames  *names,
                   const char         *what,
                   int                *out,
                   GError            **error)
{
  const char *text;

  if (!sl_json_read_string (object, where, key, required, &text, error))
    return FALSE;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }

  return sl_json_check_enum (text, where, key, names, what, out, error);
}

/* Rewrites every string value of the tree with `rewrite` (which returns a new string); member
 * names are left alone. The depth is the document's, which the loader has bounded. */
static void
rewrite_strings (JsonNode *node,
                 char   *(*rewrite) (const char *text))
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

        for (GList *l = members; l != NULL; l = l->next)
          rewrite_strings (l->data, rewrite);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          rewrite_strings (json_array_get_element (array, i), rewrite);
        break;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *text = rewrite (json_node_get_string (node));

          if (g_strcmp0 (text, json_node_get_string (node)) != 0)
            json_node_set_string (node, text);
        }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

static char *
make_printable (const char *text)
{
  return sl_text_make_printable (text, TRUE);
}

static gboolean
names_are_printable (JsonNode    *node,
                     const char **bad_name)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          if (!sl_text_is_printable (l->data, FALSE))
            {
              *bad_name = l->data;
              return FALSE;
            }
          if (!names_are_printable (json_object_get_member (object, l->data), bad_name))
            return FALSE;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!names_are_printable (json_array_get_element (array, i), bad_name))
          return FALSE;
    }

  return TRUE;
}

gboolean
sl_json_make_printable (JsonNode  *node,
                        GError   **error)
{
  const char *bad_name = NULL;

  g_return_val_if_fail (node != NULL, FALSE);

  if (!names_are_printable (node, &bad_name))
    {
      g_autofree char *shown = sl_text_make_printable (bad_name, FALSE);

      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("a member name contains control characters (“%s”)"), shown);
      return FALSE;
    }
  rewrite_strings (node, make_printable);
  return TRUE;
}

void
sl_json_redact_credentials (JsonNode *node)
{
  g_return_if_fail (node != NULL);

  rewrite_strings (node, sl_text_redact_credentials);
}
