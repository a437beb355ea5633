/* sl-test-workload.h: drives a workload by hand, as a pool would, and runs small specs through
 * the runner, for the tests of the I/O workloads. */
#pragma once

#include <gio/gio.h>

#include "sl-runner.h"
#include "sl-workload.h"

G_BEGIN_DECLS

typedef struct {
  const SlWorkload *workload;
  SlParams         *params;
  gpointer          experiment_state;
  gpointer          shared;
} SlTestExperiment;

/* Resolves "name=value" settings (ending with NULL), runs experiment_setup and prepare. */
void      sl_test_experiment_start (SlTestExperiment *e, const char *id, ...)
                                    G_GNUC_NULL_TERMINATED;
void      sl_test_experiment_stop (SlTestExperiment *e);
gpointer  sl_test_worker_new (SlTestExperiment *e);
void      sl_test_worker_free (SlTestExperiment *e, gpointer local);
/* Runs tasks [first, first + n) of a batch of `total` on one worker; every task that succeeds
 * must match expected() where that is known. Returns the number of failed tasks. */
guint     sl_test_run_tasks (SlTestExperiment *e, gpointer local, guint64 first, guint64 n,
                             guint64 total, GError **first_error);
/* One task on a fresh worker; returns its error (NULL on success). */
GError   *sl_test_run_one (SlTestExperiment *e, guint64 index);

/* A spec of `workload` over `models` at 1 and 2 workers, 6 tasks, one repetition, with the
 * "name=value" parameters that follow (ending with NULL). */
SlExperimentSpec *sl_test_small_spec (const char *workload, const char *models, ...)
                                      G_GNUC_NULL_TERMINATED;
/* Runs `spec` to the end and fails the test on an error. */
SlResult         *sl_test_run_spec (SlExperimentSpec *spec, GCancellable *cancellable);
/* Fails unless the run completed with every point done, every task right and its checksum
 * checked. */
void              sl_test_assert_all_done (const SlResult *result);
/* "threads,processes" where the worker executable is known, else "threads". */
const char       *sl_test_models_to_test (void);

G_END_DECLS
