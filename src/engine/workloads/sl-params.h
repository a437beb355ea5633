/* sl-params.h: a workload's parameters by name, as text: what a spec gives, what the registry
 * resolves (every parameter, validated and normalised), and what the worker protocol carries.
 * The registry (sl-workload.h) says which names and values a workload takes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Resolved parameters: every parameter of the workload, as validated text. */
typedef struct _SlParams SlParams;

SlParams   *sl_params_new (void);
SlParams   *sl_params_copy (const SlParams *params);
void        sl_params_free (SlParams *params);
void        sl_params_set (SlParams *params, const char *name, const char *value);
const char *sl_params_lookup (const SlParams *params, const char *name);
gboolean    sl_params_equal (const SlParams *a, const SlParams *b);
/* Names in sorted order, for stable output. Free with g_free (the strings are borrowed). */
const char **sl_params_get_names (const SlParams *params, guint *n_names);
gint64      sl_params_get_int (const SlParams *params, const char *name);
double      sl_params_get_double (const SlParams *params, const char *name);
gboolean    sl_params_get_bool (const SlParams *params, const char *name);
const char *sl_params_get_string (const SlParams *params, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlParams, sl_params_free)

G_END_DECLS
