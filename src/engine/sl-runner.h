/* sl-runner.h: runs an experiment on one engine thread and reports on the caller's main context.
 *
 * Signals, all emitted on the GMainContext that was thread-default when the run started:
 *   point-started  (guint index)           a point's first repetition begins
 *   point-updated  (guint index)           a point has one more repetition: charts can grow
 *   progress       (double fraction)       overall progress, at most ~10 times a second
 *   point-finished (guint index)           a point has all its repetitions (or failed)
 * `index` is the point's index in sl_runner_get_result()->points.
 * The run ends with the GAsyncReadyCallback; sl_runner_run_finish() returns the result, also
 * when points failed (status PARTIAL) or the run was cancelled (status CANCELLED, with the
 * points measured so far). It fails only when the experiment could not start at all.
 */
#pragma once

#include <gio/gio.h>

#include "sl-experiment-spec.h"
#include "sl-result.h"

G_BEGIN_DECLS

#define SL_TYPE_RUNNER (sl_runner_get_type ())

G_DECLARE_FINAL_TYPE (SlRunner, sl_runner, SL, RUNNER, GObject)

SlRunner       *sl_runner_new (void);
/* The spec must validate; an invalid one completes the task with SL_ERROR_INVALID_INPUT
 * before anything starts. */
void            sl_runner_run_async (SlRunner            *self,
                                     const SlExperimentSpec *spec,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
SlResult       *sl_runner_run_finish (SlRunner      *self,
                                      GAsyncResult  *result,
                                      GError       **error);
gboolean        sl_runner_is_running (SlRunner *self);
/* The live result: points so far, analysed. Main thread only; NULL before the first run. */
const SlResult *sl_runner_get_result (SlRunner *self);

/* Runs on the calling thread, iterating a private main context; for tests and the CLI. */
SlResult       *sl_runner_run_sync (SlRunner               *self,
                                    const SlExperimentSpec *spec,
                                    GCancellable           *cancellable,
                                    GError                **error);

G_END_DECLS
