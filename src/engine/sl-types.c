/* sl-types.c: text names of the shared enumerations, and the name tables every layer uses. */
#define G_LOG_DOMAIN "sl-types"

#include "config.h"

#include "sl-types.h"

static const char *runtime_names[] = { "native", "python" };
static const char *model_names[] = { "threads", "processes" };
static const char *scaling_names[] = { "strong", "weak" };
static const char *order_names[] = { "interleaved", "sequential" };

const SlEnumNames sl_runtime_names = SL_ENUM_NAMES (runtime_names, FALSE);
const SlEnumNames sl_model_names = SL_ENUM_NAMES (model_names, FALSE);
const SlEnumNames sl_scaling_names = SL_ENUM_NAMES (scaling_names, FALSE);
const SlEnumNames sl_order_names = SL_ENUM_NAMES (order_names, FALSE);

const char *
sl_enum_names_get (const SlEnumNames *names,
                   int                value)
{
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail (value >= 0 && (guint) value < names->n_names, NULL);

  return names->names[value];
}

gboolean
sl_enum_names_lookup (const SlEnumNames *names,
                      const char        *text,
                      int               *out)
{
  g_return_val_if_fail (names != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < names->n_names; i++)
    {
      if (names->match_case ? g_str_equal (names->names[i], text)
                            : g_ascii_strcasecmp (names->names[i], text) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

char *
sl_enum_names_join (const SlEnumNames *names)
{
  GString *text;

  g_return_val_if_fail (names != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < names->n_names; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", names->names[i]);

  return g_string_free (text, FALSE);
}

SL_DEFINE_ENUM_NAMES (SlRuntime, runtime, sl_runtime_names)
SL_DEFINE_ENUM_NAMES (SlModel, model, sl_model_names)
SL_DEFINE_ENUM_NAMES (SlScaling, scaling, sl_scaling_names)
SL_DEFINE_ENUM_NAMES (SlOrder, order, sl_order_names)
