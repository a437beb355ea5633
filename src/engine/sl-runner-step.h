/* sl-runner-step.h: the engine thread's steps (sl-runner-step.c): workload calls that cannot
 * be interrupted, and the reading of /proc, run on helper threads that a cancel does not wait
 * for. Each returns FALSE with G_IO_ERROR_CANCELLED when the cancellable won the race. */
#pragma once

#include <gio/gio.h>

#include "sl-sysinfo.h"
#include "sl-workload.h"

G_BEGIN_DECLS

/* What set-up started (a server, a folder), and the prepare() result that may live in it, are
 * shared by the engine and a step that may outlive it: the last one to let go releases them,
 * the prepared state first. */
typedef struct {
  const SlWorkload *workload;
  gpointer          state;
  gboolean          set_up;
} SlRunnerExperiment;

typedef struct {
  const SlWorkload   *workload;
  gpointer            data;        /* what prepare() returned, or NULL */
  SlRunnerExperiment *experiment;
} SlRunnerShared;

SlRunnerExperiment *sl_runner_experiment_new   (const SlWorkload *workload);
void                sl_runner_experiment_unref (SlRunnerExperiment *experiment);
/* Holds `experiment` until the prepared state is released. */
SlRunnerShared     *sl_runner_shared_new       (SlRunnerExperiment *experiment);
void                sl_runner_shared_unref     (SlRunnerShared *shared);

/* sl_sysinfo_collect(). */
gboolean sl_runner_step_describe_machine (GCancellable  *cancellable,
                                          SlSysInfo    **system,
                                          GError       **error);
/* experiment_setup() on a copy of `*params`, which then replaces them. */
gboolean sl_runner_step_set_up           (SlRunnerExperiment  *experiment,
                                          SlParams           **params,
                                          GCancellable        *cancellable,
                                          GError             **error);
/* prepare(), into shared->data. */
gboolean sl_runner_step_prepare          (SlRunnerShared  *shared,
                                          const SlParams  *params,
                                          GCancellable    *cancellable,
                                          GError         **error);
/* The checksums every task of a batch like `prototype` must return (g_free() them); NULL
 * when the workload cannot know them. */
gboolean sl_runner_step_expected         (SlRunnerShared  *shared,
                                          const SlTask    *prototype,
                                          GCancellable    *cancellable,
                                          guint64        **values,
                                          GError         **error);

G_END_DECLS
