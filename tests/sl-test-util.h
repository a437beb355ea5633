/* sl-test-util.h: what the test programs share: checks for threads and processes left behind,
 * temporary folders, the check of an input error, quick ways to resolved parameters and specs,
 * a described machine, and skipping without the python runtime. */
#pragma once

#include <glib.h>

#include "sl-experiment-spec.h"
#include "sl-sysinfo.h"
#include "sl-workload.h"

G_BEGIN_DECLS

/* Entries in /proc/self/fd: compare before and after to find a leaked descriptor. */
int  sl_test_count_fds (void);
/* Fails unless this process has no child left, running or zombie. */
void sl_test_assert_no_children (void);

/* A new private folder (g_dir_make_tmp()); fails the test on an error. */
char *sl_test_make_tmp_dir (const char *tmpl);
/* Removes `path`, and everything in it when it is a folder. */
void  sl_test_remove_tree (const char *path);

/* Fails unless `error` is SL_ERROR_INVALID_INPUT and its message contains `needle`. */
void sl_test_assert_invalid_input (const GError *error, const char *needle);

/* Resolves the parameters of workload `id` from "name", "value" pairs ending with NULL, with
 * the workload's defaults for the rest; fails the test on an error. */
SlParams *sl_test_resolve_params (const char *id, ...) G_GNUC_NULL_TERMINATED;

/* A spec of `workload` over `models` ("threads,processes") and `workers` ("1,2"), one loop per
 * measured value (no calibration), the rest as sl_experiment_spec_new() leaves it. */
SlExperimentSpec *sl_test_spec_new (const char *workload, const char *models, const char *workers);

/* A machine with every field set: 8 logical CPUs, a quota of 2.5, 3 usable, one load average
 * unknown, no governor, and one warning. */
SlSysInfo *sl_test_sysinfo_new (void);

/* Replaces *spec by its resolved copy (sl_experiment_spec_resolve()); fails the test on an error. */
void      sl_test_resolve_spec (SlExperimentSpec **spec);

/* TRUE, with the test marked skipped and the reason said, when the python runtime is
 * unavailable (a build without python3-embed, no worker). */
gboolean  sl_test_skip_without_python (void);

G_END_DECLS
