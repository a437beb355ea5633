/* sl-result-latencies.c: the per-task latencies of the result document, "latencies_100ns".
 *
 * They are most of a large document: up to SL_RESULT_MAX_STORED_LATENCIES numbers per point. In
 * json-glib's tree each number costs about a hundred bytes, forty times its few bytes of text, so
 * the loader reads them from the text itself, into the eight bytes each that a point keeps, and
 * lets json-glib parse the rest.
 */
#define G_LOG_DOMAIN "sl-result-io"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-limits.h"
#include "sl-result-io.h"
#include "sl-result-latencies.h"
#include "sl-stats.h"

/* Latencies are stored as whole multiples of 100 ns ("latencies_100ns"): json-glib writes every
 * double with 17 significant digits, so rounded doubles would not be any shorter, while a
 * resolution of 0.1 µs is far below what a task latency can be measured to. */
#define LATENCY_UNITS_PER_S 1e7

#define LATENCIES_KEY "latencies_100ns"

/* A sweep with many short tasks measures 10^5 latencies and more per point. Only their
 * distribution matters (percentiles, histograms), so beyond SL_RESULT_MAX_STORED_LATENCIES the
 * sorted values are subsampled at evenly spaced ranks, always keeping the minimum and the
 * maximum: the same input always gives the same document, and percentiles move by at most one
 * rank step. Below the cap the task order is kept. Non-finite values carry no time and are
 * dropped. */
void
sl_result_latencies_add (JsonBuilder   *builder,
                         const SlPoint *point)
{
  g_autofree double *values = NULL;
  guint n = 0;

  if (point->latencies_s != NULL && point->latencies_s->len > 0)
    {
      values = g_new (double, point->latencies_s->len);
      for (guint i = 0; i < point->latencies_s->len; i++)
        {
          double v = g_array_index (point->latencies_s, double, i);

          if (isfinite (v))
            values[n++] = v;
        }
    }

  sl_json_add_int (builder, "latencies_total", n);
  json_builder_set_member_name (builder, LATENCIES_KEY);
  json_builder_begin_array (builder);
  if (n <= SL_RESULT_MAX_STORED_LATENCIES)
    {
      for (guint i = 0; i < n; i++)
        json_builder_add_int_value (builder, llround (values[i] * LATENCY_UNITS_PER_S));
    }
  else
    {
      const guint cap = SL_RESULT_MAX_STORED_LATENCIES;

      qsort (values, n, sizeof (double), sl_compare_doubles);
      for (guint k = 0; k < cap; k++)
        {
          guint64 rank = (guint64) k * (n - 1) / (cap - 1);

          json_builder_add_int_value (builder, llround (values[rank] * LATENCY_UNITS_PER_S));
        }
    }
  json_builder_end_array (builder);
}

gboolean
sl_result_check_duration (double       seconds,
                          const char  *where,
                          const char  *key,
                          GError     **error)
{
  g_autofree char *problem = NULL;

  if (isnan (seconds) || (seconds >= 0 && seconds <= SL_MAX_DURATION_S))
    return TRUE;

  if (seconds < 0)
    problem = g_strdup (_("must be a duration of 0 seconds or more"));
  else
    problem = g_strdup_printf (_("must be a duration of at most %.0f seconds"), SL_MAX_DURATION_S);
  sl_json_set_field_error (error, where, key, problem);
  return FALSE;
}

/* Latency `i` of the list at `where`, in seconds, appended once it is a duration. */
static gboolean
append_latency (GArray      *latencies_s,
                const char  *where,
                guint        i,
                gint64       units,
                GError     **error)
{
  g_autofree char *key = NULL;
  double seconds = (double) units / LATENCY_UNITS_PER_S;

  if (units >= 0 && seconds <= SL_MAX_DURATION_S)
    {
      g_array_append_val (latencies_s, seconds);
      return TRUE;
    }

  key = g_strdup_printf (LATENCIES_KEY "[%u]", i);
  return sl_result_check_duration (seconds, where, key, error);
}

static gboolean
set_not_whole (const char  *where,
               GError     **error)
{
  sl_json_set_field_error (error, where, LATENCIES_KEY, _("must be a list of whole numbers"));
  return FALSE;
}

/* Reading the text */

/* A list cut out of the text: its latencies, or why they cannot be read, said when the point is
 * read so that the document's problems come in the document's order. */
typedef struct {
  GArray *latencies_s;
  GError *error;
} CutList;

static void
cut_list_free (CutList *list)
{
  g_clear_pointer (&list->latencies_s, g_array_unref);
  g_clear_error (&list->error);
  g_free (list);
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static const char *
skip_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

/* A JSON number at `p` that is a whole one (4.0 and 1e3 are), as json-glib and
 * sl_json_node_get_whole() would read it; `*next` is after it. */
static gboolean
parse_whole (const char  *p,
             const char  *end,
             gint64      *out,
             const char **next)
{
  const char *q = p;
  gboolean integer = TRUE;
  double d;

  if (q < end && *q == '-')
    q++;
  if (q == end || !g_ascii_isdigit (*q))
    return FALSE;
  q = *q == '0' ? q + 1 : skip_digits (q, end);
  if (q < end && *q == '.')
    {
      if (q + 1 == end || !g_ascii_isdigit (q[1]))
        return FALSE;
      q = skip_digits (q + 1, end);
      integer = FALSE;
    }
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        q++;
      if (q == end || !g_ascii_isdigit (*q))
        return FALSE;
      q = skip_digits (q, end);
      integer = FALSE;
    }
  *next = q;

  /* The text ends with a NUL or a bracket after the number, where both conversions stop. */
  if (integer)
    {
      *out = g_ascii_strtoll (p, NULL, 10);
      return TRUE;
    }
  d = g_ascii_strtod (p, NULL);
  if (!isfinite (d) || d != floor (d) || fabs (d) > 9e15)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

/* The list [start, end) of the text, from "[" to "]", read as the point `index` holds it. */
static gboolean
parse_list (const char  *data,
            gsize        start,
            gsize        end,
            guint        index,
            GArray      *latencies_s,
            GError     **error)
{
  g_autofree char *where = g_strdup_printf ("points[%u]", index);
  const char *stop = data + end - 1;
  const char *p = skip_space (data + start + 1, stop);

  if (p == stop)
    return TRUE;

  for (guint i = 0;; i++)
    {
      gint64 units;

      if (stop - p >= 4 && memcmp (p, "null", 4) == 0)
        p += 4;
      else if (!parse_whole (p, stop, &units, &p))
        return set_not_whole (where, error);
      else if (!append_latency (latencies_s, where, i, units, error))
        return FALSE;

      p = skip_space (p, stop);
      if (p == stop)
        return TRUE;
      if (*p != ',')
        return set_not_whole (where, error);
      p = skip_space (p + 1, stop);
    }
}

typedef struct {
  GHashTable *table;
  char       *data;
} Cut;

/* A list shorter than this, in bytes, costs the tree less than an entry of the table would. */
#define MIN_CUT_LENGTH 32

static gboolean
cut_list_cb (guint    index,
             gsize    start,
             gsize    end,
             gpointer user_data)
{
  Cut *cut = user_data;
  CutList *list;

  /* As json-glib does, a member given twice is the later one. */
  if (end - start < MIN_CUT_LENGTH)
    {
      g_hash_table_remove (cut->table, GUINT_TO_POINTER (index));
      return TRUE;
    }

  list = g_new0 (CutList, 1);
  list->latencies_s = g_array_new (FALSE, FALSE, sizeof (double));
  if (!parse_list (cut->data, start, end, index, list->latencies_s, &list->error))
    g_clear_pointer (&list->latencies_s, g_array_unref);
  memset (cut->data + start + 1, ' ', end - start - 2);
  g_hash_table_replace (cut->table, GUINT_TO_POINTER (index), list);

  return TRUE;
}

GHashTable *
sl_result_latencies_cut (char  *data,
                         gsize  length)
{
  Cut cut = { NULL, data };

  g_return_val_if_fail (data != NULL, NULL);

  cut.table = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cut_list_free);
  sl_json_foreach_element_list (data, length, "points", LATENCIES_KEY, cut_list_cb, &cut);
  return cut.table;
}

/* Reading a point */

gboolean
sl_result_latencies_read (JsonObject  *object,
                          const char  *where,
                          GHashTable  *cut,
                          guint        index,
                          GArray     **latencies_s,
                          GError     **error)
{
  JsonArray *latencies;
  CutList *list;

  if (!sl_json_read_array (object, where, LATENCIES_KEY, FALSE, &latencies, error))
    return FALSE;
  if (latencies == NULL)
    return TRUE;

  /* A list taken from the text is empty in the tree; one that is not was spelled so that the
   * walk did not find it (with escapes in its name), and the tree has it. */
  list = cut != NULL ? g_hash_table_lookup (cut, GUINT_TO_POINTER (index)) : NULL;
  if (list != NULL && json_array_get_length (latencies) == 0)
    {
      if (list->error != NULL)
        {
          g_propagate_error (error, g_error_copy (list->error));
          return FALSE;
        }
      /* Handed over rather than copied: a point is read once. */
      g_array_unref (*latencies_s);
      *latencies_s = g_steal_pointer (&list->latencies_s);
      return TRUE;
    }

  for (guint i = 0; i < json_array_get_length (latencies); i++)
    {
      JsonNode *element = json_array_get_element (latencies, i);
      gint64 units;

      if (JSON_NODE_HOLDS_NULL (element))
        continue;
      if (!sl_json_node_get_whole (element, &units))
        return set_not_whole (where, error);
      if (!append_latency (*latencies_s, where, i, units, error))
        return FALSE;
    }

  return TRUE;
}
