/* sl-error.c: the error domain of the engine. */
#define G_LOG_DOMAIN "sl-error"

#include "config.h"

#include "sl-error.h"

G_DEFINE_QUARK (speedup-lab-error-quark, sl_error)
