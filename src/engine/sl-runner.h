/* sl-runner.h: runs an experiment on an engine thread and reports on the caller's main context.
 *
 * Threads. sl_runner_run_async() is called on a thread that runs a GMainContext (the main
 * thread of an app); every signal, property notification and the GAsyncReadyCallback come on
 * the context that was thread-default there. All the work happens elsewhere: the engine thread
 * collects the machine's description, sets the workload up, prepares it, runs the sweep, checks
 * the checksums and analyses the result. A call into the workload that cannot be interrupted
 * (set-up, prepare(), expected()) runs on a helper thread of its own, so that a cancelled run
 * does not wait for it; it finishes in the background and its result is freed. The main context
 * only swaps in snapshots the engine thread made and emits signals.
 *
 * Signals, for the run under way, in this order within one update:
 *   point-started  (guint index)     the point's first repetition began; once per point
 *   point-updated  (guint index)     the live result has new measurements and a new analysis;
 *                                    `index` is the point of the latest repetition, but others
 *                                    may have changed too (a W = 1 point moves every speedup)
 *   point-finished (guint index)     the point has all its repetitions, failed, or was
 *                                    cancelled; once per point, never lost, also when cancelled
 *   progress       (double fraction) overall progress in [0, 1], never going back
 * `index` is the point's index in sl_runner_get_result()->points. Point events are coalesced:
 * at most one update per "update-interval" (100 ms: ~10 a second), plus the last one of the
 * run, so a fast sweep costs the main context no more than a slow one; progress is limited the
 * same way. The last update carries the final state of every point and comes before the
 * callback.
 *
 * Properties, read on the main context:
 *   running          (gboolean, read-only)  TRUE from sl_runner_run_async() until just before
 *                                           the callback of the run; a window binds its Run
 *                                           and Cancel actions to it
 *   result           (gpointer, read-only)  the live SlResult (see sl_runner_get_result());
 *                                           notified when a run starts and brings a new one
 *   update-interval  (guint, milliseconds)  the shortest time between two updates, read when a
 *                                           run starts; 0 delivers every event on its own
 *
 * The run ends with the GAsyncReadyCallback; sl_runner_run_finish() returns the result, also
 * when points failed (status PARTIAL) or the run was cancelled (status CANCELLED, with what
 * was measured: unfinished points are CANCELLED and keep their repetitions). It fails only
 * when the experiment could not start at all: an invalid spec (SL_ERROR_INVALID_INPUT), a
 * workload that could not be set up or prepared, or a run already under way (SL_ERROR_BUSY).
 * By the time of the callback the engine thread, the pools' threads and processes have stopped
 * and the workload has been torn down. Only a helper that a cancel caught inside a workload
 * call may still run: it frees what the call returns and tears the workload down after it.
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
 * before anything starts. Cancelling `cancellable` or calling sl_runner_cancel() stops the run
 * within a fraction of a second. */
void            sl_runner_run_async (SlRunner               *self,
                                     const SlExperimentSpec *spec,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
SlResult       *sl_runner_run_finish (SlRunner      *self,
                                      GAsyncResult  *result,
                                      GError       **error);
/* Stops the run under way, if any, as its cancellable would; the callback still comes, with
 * what was measured. */
void            sl_runner_cancel (SlRunner *self);
gboolean        sl_runner_is_running (SlRunner *self);
/* The live result: points so far, analysed; the final result after a run. It stays the same
 * object for the whole run (its contents are replaced at each update), so a pointer to it is
 * good until the next run starts, but pointers to its points only until the next update.
 * `system` is NULL until the engine thread has described the machine. NULL before the first
 * run. */
const SlResult *sl_runner_get_result (SlRunner *self);
guint           sl_runner_get_update_interval (SlRunner *self);
void            sl_runner_set_update_interval (SlRunner *self,
                                               guint     interval_ms);

/* Runs on the calling thread, iterating a private main context; for tests and the CLI. */
SlResult       *sl_runner_run_sync (SlRunner               *self,
                                    const SlExperimentSpec *spec,
                                    GCancellable           *cancellable,
                                    GError                **error);

G_END_DECLS
