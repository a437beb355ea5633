/* sl-params.c: a workload's parameters by name, as text. */
#define G_LOG_DOMAIN "sl-params"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sl-params.h"

struct _SlParams
{
  GHashTable *values;   /* char* name -> char* value */
};

SlParams *
sl_params_new (void)
{
  SlParams *self = g_new0 (SlParams, 1);

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

SlParams *
sl_params_copy (const SlParams *params)
{
  SlParams *copy = sl_params_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (params != NULL, copy);

  g_hash_table_iter_init (&iter, params->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->values, g_strdup (key), g_strdup (value));

  return copy;
}

void
sl_params_free (SlParams *params)
{
  if (params == NULL)
    return;

  g_hash_table_unref (params->values);
  g_free (params);
}

void
sl_params_set (SlParams   *params,
               const char *name,
               const char *value)
{
  g_return_if_fail (params != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    g_hash_table_remove (params->values, name);
  else
    g_hash_table_insert (params->values, g_strdup (name), g_strdup (value));
}

const char *
sl_params_lookup (const SlParams *params,
                  const char     *name)
{
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (params->values, name);
}

gboolean
sl_params_equal (const SlParams *a,
                 const SlParams *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a->values) != g_hash_table_size (b->values))
    return FALSE;

  g_hash_table_iter_init (&iter, a->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (value, g_hash_table_lookup (b->values, key)) != 0)
        return FALSE;
    }

  return TRUE;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

const char **
sl_params_get_names (const SlParams *params,
                     guint          *n_names)
{
  const char **names;
  guint n;

  g_return_val_if_fail (params != NULL, NULL);

  names = (const char **) g_hash_table_get_keys_as_array (params->values, &n);
  qsort (names, n, sizeof (char *), compare_names);

  if (n_names != NULL)
    *n_names = n;

  return names;
}

static const char *
require (const SlParams *params,
         const char     *name)
{
  const char *value = sl_params_lookup (params, name);

  /* Workloads only read resolved parameters: a missing one is a programming error. */
  if (value == NULL)
    g_error ("parameter %s was not resolved", name);

  return value;
}

gint64
sl_params_get_int (const SlParams *params,
                   const char     *name)
{
  return g_ascii_strtoll (require (params, name), NULL, 10);
}

double
sl_params_get_double (const SlParams *params,
                      const char     *name)
{
  return g_ascii_strtod (require (params, name), NULL);
}

gboolean
sl_params_get_bool (const SlParams *params,
                    const char     *name)
{
  return g_str_equal (require (params, name), "true");
}

const char *
sl_params_get_string (const SlParams *params,
                      const char     *name)
{
  return require (params, name);
}
