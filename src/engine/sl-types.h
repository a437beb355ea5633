/* sl-types.h: small enumerations shared by every layer, with their stable text names.
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

const char *sl_runtime_to_string (SlRuntime runtime);
gboolean    sl_runtime_from_string (const char *text, SlRuntime *out);
const char *sl_model_to_string (SlModel model);
gboolean    sl_model_from_string (const char *text, SlModel *out);
const char *sl_scaling_to_string (SlScaling scaling);
gboolean    sl_scaling_from_string (const char *text, SlScaling *out);
const char *sl_order_to_string (SlOrder order);
gboolean    sl_order_from_string (const char *text, SlOrder *out);

G_END_DECLS
