/* sl-types.h: small enumerations shared by every layer, with their stable text names, and the
 * name tables that turn any enumeration of ours into text and back.
 *
 * The text names are what the CLI accepts and what result documents store, so they never change
 * once released; new values are only ever appended.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SL_RUNTIME_NATIVE,
  SL_RUNTIME_PYTHON,
  SL_N_RUNTIMES
} SlRuntime;

typedef enum {
  SL_MODEL_THREADS,
  SL_MODEL_PROCESSES,
  SL_N_MODELS
} SlModel;

typedef enum {
  SL_SCALING_STRONG,   /* fixed total work, split over W workers */
  SL_SCALING_WEAK,     /* fixed work per worker: W times the tasks */
} SlScaling;

typedef enum {
  SL_ORDER_INTERLEAVED,  /* 1 2 4 8, 1 2 4 8, ...: drift spreads over all points */
  SL_ORDER_SEQUENTIAL,   /* 1 1 1, 2 2 2, ... */
} SlOrder;

/* The text names of an enumeration, in the order of its values: one table turns a value into
 * text and back, and lists the choices when a name is not known. */
typedef struct {
  const char *const *names;
  guint              n_names;
  gboolean           match_case;  /* FALSE: "Threads" reads as "threads", as the CLI takes it */
} SlEnumNames;

#define SL_ENUM_NAMES(array, match_case) { (array), G_N_ELEMENTS (array), (match_case) }

const char *sl_enum_names_get (const SlEnumNames *names, int value);
gboolean    sl_enum_names_lookup (const SlEnumNames *names, const char *text, int *out);
/* "native, python": the names for a message that lists what is accepted. */
char       *sl_enum_names_join (const SlEnumNames *names);

/* Defines sl_TYPE_to_string () and sl_TYPE_from_string () over the table `names`;
 * from_string () takes a NULL `out` to only check a name. */
#define SL_DEFINE_ENUM_NAMES(Type, type, names)                         \
  const char *                                                          \
  sl_##type##_to_string (Type value)                                    \
  {                                                                     \
    return sl_enum_names_get (&(names), (int) value);                   \
  }                                                                     \
                                                                        \
  gboolean                                                              \
  sl_##type##_from_string (const char *text,                            \
                           Type       *out)                             \
  {                                                                     \
    int v;                                                              \
                                                                        \
    if (!sl_enum_names_lookup (&(names), text, &v))                     \
      return FALSE;                                                     \
    if (out != NULL)                                                    \
      *out = (Type) v;                                                  \
    return TRUE;                                                        \
  }

extern const SlEnumNames sl_runtime_names;
extern const SlEnumNames sl_model_names;
extern const SlEnumNames sl_scaling_names;
extern const SlEnumNames sl_order_names;

const char *sl_runtime_to_string (SlRuntime runtime);
gboolean    sl_runtime_from_string (const char *text, SlRuntime *out);
const char *sl_model_to_string (SlModel model);
gboolean    sl_model_from_string (const char *text, SlModel *out);
const char *sl_scaling_to_string (SlScaling scaling);
gboolean    sl_scaling_from_string (const char *text, SlScaling *out);
const char *sl_order_to_string (SlOrder order);
gboolean    sl_order_from_string (const char *text, SlOrder *out);

G_END_DECLS
