/* sl-types.c: text names of the shared enumerations. */
#define G_LOG_DOMAIN "sl-types"

#include "config.h"

#include "sl-types.h"

static const char *runtime_names[] = { "native", "python" };
static const char *model_names[] = { "threads", "processes" };
static const char *scaling_names[] = { "strong", "weak" };
static const char *order_names[] = { "interleaved", "sequential" };

static gboolean
lookup (const char *const *names,
        guint               n_names,
        const char         *text,
        int                *out)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (names[i], text) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_NAMES(Type, type, names)                                   \
  const char *                                                            \
  sl_##type##_to_string (Type value)                                      \
  {                                                                       \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);    \
    return names[value];                                                  \
  }                                                                       \
  gboolean                                                                \
  sl_##type##_from_string (const char *text, Type *out)                   \
  {                                                                       \
    int v;                                                                \
    if (!lookup (names, G_N_ELEMENTS (names), text, &v))                  \
      return FALSE;                                                       \
    *out = (Type) v;                                                      \
    return TRUE;                                                          \
  }

DEFINE_NAMES (SlRuntime, runtime, runtime_names)
DEFINE_NAMES (SlModel, model, model_names)
DEFINE_NAMES (SlScaling, scaling, scaling_names)
DEFINE_NAMES (SlOrder, order, order_names)
