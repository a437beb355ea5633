/* sl-test-util.h: what the test programs share: checks for threads and processes left behind,
 * the check of an input error, and quick ways to resolved parameters and specs. */
#pragma once

#include <glib.h>

#include "sl-experiment-spec.h"
#include "sl-workload.h"

G_BEGIN_DECLS

/* Entries in /proc/self/fd: compare before and after to find a leaked descriptor. */
int  sl_test_count_fds (void);
/* Fails unless this process has no child left, running or zombie. */
void sl_test_assert_no_children (void);

/* Fails unless `error` is SL_ERROR_INVALID_INPUT and its message contains `needle`. */
void sl_test_assert_invalid_input (const GError *error, const char *needle);

/* Resolves the parameters of workload `id` from "name", "value" pairs ending with NULL, with
 * the workload's defaults for the rest; fails the test on an error. */
SlParams *sl_test_resolve_params (const char *id, ...) G_GNUC_NULL_TERMINATED;

/* Replaces *spec by its resolved copy (sl_experiment_spec_resolve()); fails the test on an error. */
void      sl_test_resolve_spec (SlExperimentSpec **spec);

G_END_DECLS
