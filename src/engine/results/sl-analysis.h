/* sl-analysis.h: from measured repetitions to speedups, fits and a recommendation. */
#pragma once

#include <glib.h>

#include "sl-result.h"

G_BEGIN_DECLS

/* Points within this fraction of the best median count as "as good as the best". */
#define SL_BEST_TOLERANCE 0.05

/* Recomputes every derived field of every point and result->analysis. Works on partial results
 * (a sweep still running, failed points) and never produces garbage for degenerate input. */
void     sl_analysis_update (SlResult *result);

/* Computes a point's latency percentiles unless they are current: the runner calls it on the
 * engine thread between batches, so that the main thread never sorts per-task latencies. */
void     sl_point_summarize_latencies (SlPoint *point);

/* Least squares of T(W) = a + b / W. FALSE with fewer than two distinct W. */
gboolean sl_amdahl_fit (const double *workers, const double *times, guint n,
                        double *a, double *b, double *r2);
/* Universal Scalability Law, S(W) = W / (1 + sigma (W - 1) + kappa W (W - 1)), both >= 0. */
gboolean sl_usl_fit (const double *workers, const double *speedups, guint n,
                     double *sigma, double *kappa);
double   sl_usl_speedup (double workers, double sigma, double kappa);
double   sl_amdahl_speedup (double workers, double serial_fraction);
/* (1/S - 1/W) / (1 - 1/W); NaN for W <= 1. */
double   sl_karp_flatt (double speedup, double workers);

G_END_DECLS
