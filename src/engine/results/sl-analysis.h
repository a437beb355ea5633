/* sl-analysis.h: from measured repetitions to speedups, fits and a recommendation. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-fit.h"
#include "sl-result.h"

G_BEGIN_DECLS

SlAnalysis *sl_analysis_new (void);
SlAnalysis *sl_analysis_copy (const SlAnalysis *analysis);
void        sl_analysis_free (SlAnalysis *analysis);

/* A difference under this fraction of the fastest median never buys more workers. */
#define SL_BEST_TOLERANCE 0.05
/* The significance level of the test that a worker count is slower than the fastest, for the
 * whole family of counts compared (Holm's correction). */
#define SL_SIGNIFICANCE 0.05

/* Recomputes every derived field of every point and result->analysis. Works on partial results
 * (a sweep still running, failed points) and never produces garbage for degenerate input. */
void     sl_analysis_update (SlResult *result);

/* Adds the member "analysis" (null for NULL) as the result document has it (sl-analysis-json.c). */
void     sl_analysis_add_json (JsonBuilder *builder, const SlAnalysis *analysis);

/* Computes a point's latency percentiles unless they are current: the runner calls it on the
 * engine thread between batches, so that the main thread never sorts per-task latencies. */
void     sl_point_summarize_latencies (SlPoint *point);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAnalysis, sl_analysis_free)

G_END_DECLS
