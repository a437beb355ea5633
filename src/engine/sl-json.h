/* sl-json.h: the JSON toolkit shared by the result document, the spec and the system readers
 * and writers, and the exports. Internal to the engine.
 *
 * Readers take `where`, the place of `object` in the document ("points[3]", NULL at the top),
 * and fail with SL_ERROR_INVALID_INPUT naming the field: "points[3].workers must be ...".
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-types.h"

G_BEGIN_DECLS

/* Writing: members of the object being built; a non-finite double is written as null. */
void sl_json_add_double (JsonBuilder *builder, const char *key, double value);
void sl_json_add_int (JsonBuilder *builder, const char *key, gint64 value);
void sl_json_add_bool (JsonBuilder *builder, const char *key, gboolean value);
void sl_json_add_string (JsonBuilder *builder, const char *key, const char *value);

/* The text of a document as every JSON file we write has it: two-space indents and a final
 * newline. `length` may be NULL. */
char *sl_json_to_text (JsonNode *root, gsize *length);

/* Reading */
char *sl_json_field_name (const char *where, const char *key);
void sl_json_set_field_error (GError **error, const char *where, const char *key,
                              const char *problem);
JsonNode *sl_json_lookup_member (JsonObject *object, const char *key);
gboolean sl_json_node_is_number (JsonNode *node);
double sl_json_node_get_number (JsonNode *node);
gboolean sl_json_read_double (JsonObject *object, const char *where, const char *key, double *out,
                              GError **error);
gboolean sl_json_node_get_whole (JsonNode *node, gint64 *out);
gboolean sl_json_read_int (JsonObject *object, const char *where, const char *key,
                           gboolean required, gint64 min, gint64 max, gint64 fallback, gint64 *out,
                           GError **error);
gboolean sl_json_read_bool (JsonObject *object, const char *where, const char *key,
                            gboolean fallback, gboolean *out, GError **error);
gboolean sl_json_read_string (JsonObject *object, const char *where, const char *key,
                              gboolean required, const char **out, GError **error);
/* The object `node` holds, or NULL with "WHERE must be an object": an element of a list. */
JsonObject *sl_json_node_get_object_at (JsonNode *node, const char *where, GError **error);
gboolean sl_json_read_array (JsonObject *object, const char *where, const char *key,
                             gboolean required, JsonArray **out, GError **error);
gboolean sl_json_read_object (JsonObject *object, const char *where, const char *key,
                              gboolean required, JsonObject **out, GError **error);
/* An enumeration's name from `names`; an unknown one fails with the names it could be. */
gboolean sl_json_check_enum (const char *text, const char *where, const char *key,
                             const SlEnumNames *names, const char *what, int *out,
                             GError **error);
gboolean sl_json_read_enum (JsonObject *object, const char *where, const char *key,
                            gboolean required, int fallback, const SlEnumNames *names,
                            const char *what, int *out, GError **error);

/* sl-json-text.c: untrusted text, before json-glib parses it.
 *
 * Its parser recurses once per level, so 100 000 "[" would overflow the stack, and its tree costs
 * about a hundred bytes a value, so that "[1,1,1,…" costs fifty times its size: fails
 * (SL_ERROR_INVALID_INPUT, "it nests more than N levels deep", "it holds more than N values")
 * when `data` nests arrays and objects deeper than `max_depth` or holds more than `max_values`
 * values. Both are counted exactly as the parser will see them because what JSON does not allow
 * and json-glib would accept, a comment or a single-quoted string (where brackets and quotes
 * mean nothing), fails too ("line N holds a comment, which JSON does not allow"). */
gboolean sl_json_check_text (const char *data, gsize length, guint max_depth, gsize max_values,
                             GError **error);
/* Where the value of the top-level member `key` lies in a JSON object's text: [start, end),
 * found by following strings and nesting only, as sl_json_check_text() does, so that a reader
 * can cut a large member out before parsing. FALSE when the text does not have that shape, or
 * holds a comment or a single-quoted string before the member ends. */
gboolean sl_json_find_top_level_member (const char *data, gsize length, const char *key,
                                        gsize *start, gsize *end);
/* Called with the place of a list in the text, [start, end) from its "[" to its "]", and the
 * index of the element it belongs to. FALSE stops the walk. */
typedef gboolean (*SlJsonRangeFunc) (guint index, gsize start, gsize end, gpointer user_data);
/* Calls `func`, in the order of the text, for every member `key` that holds a list in an element
 * of the list that the top-level member `list_key` holds ("latencies_100ns" of each of
 * "points"), so that a reader can take long lists of numbers from the text rather than from a
 * tree. Names are compared as written (a name spelled with escapes is not found); the walk stops
 * at a comment or a single-quoted string, which sl_json_check_text() refuses. FALSE when `func`
 * stopped it. */
gboolean sl_json_foreach_element_list (const char *data, gsize length, const char *list_key,
                                       const char *key, SlJsonRangeFunc func,
                                       gpointer user_data);
/* Untrusted documents: every string value made printable (sl_text_make_printable(), newlines
 * kept); a member name with control characters fails the document. */
gboolean sl_json_make_printable (JsonNode *node, GError **error);
/* Documents written out: no URL password in any string value (sl_text_redact_credentials()). */
void     sl_json_redact_credentials (JsonNode *node);

G_END_DECLS
