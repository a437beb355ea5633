/* sl-analysis-private.h: what the derivation (sl-analysis.c), the recommendation
 * (sl-recommendation.c) and what both read of a result (sl-analysis-common.c) share. */
#pragma once

#include "sl-result.h"
#include "sl-workload.h"

G_BEGIN_DECLS

/* Speedups below this do not count as "scaling" in the recommendation. */
#define MEANINGFUL_SPEEDUP 1.10
/* Below this R², Amdahl's fit describes the data too poorly to quote a serial fraction. */
#define LOOSE_FIT_R2 0.90

/* sl-recommendation.c */
char *sl_analysis_build_recommendation (SlResult *result, const SlAnalysis *analysis,
                                        const double *lowest);

/* sl-analysis-common.c */
const char *sl_analysis_model_name (SlModel model);
char *sl_analysis_format_seconds (double seconds);
gboolean sl_analysis_point_is_measurable (const SlPoint *point);
gboolean sl_analysis_point_has_time (const SlPoint *point);
gboolean sl_analysis_point_counts_for_fits (const SlPoint *point);
SlWorkloadKind sl_analysis_guess_workload_kind (SlResult *result, gboolean *known);

G_END_DECLS
