/* sl-analysis-private.h: what the derivation (sl-analysis.c), the choice of the best worker
 * count (sl-analysis-best.c), the recommendation (sl-recommendation.c) and what they all read of
 * a result (sl-analysis-common.c) share. */
#pragma once

#include "sl-result.h"
#include "sl-workload.h"

G_BEGIN_DECLS

/* Speedups below this do not count as "scaling" in the recommendation. */
#define MEANINGFUL_SPEEDUP 1.10
/* Below this R², Amdahl's fit describes the data too poorly to quote a serial fraction. */
#define LOOSE_FIT_R2 0.90

/* sl-analysis-best.c: fills `out`'s best and fastest worker counts from the model's points,
 * and each point's p_vs_fastest and slower. */
void sl_analysis_choose_best (SlResult *result, SlModelAnalysis *out);
/* Whether the test could find `point` significantly slower than the model's fastest point,
 * with the repetitions they have and the comparisons made. */
gboolean sl_analysis_point_testable (SlResult *result, const SlModelAnalysis *ma,
                                     const SlPoint *point);

/* sl-recommendation.c */
char *sl_analysis_build_recommendation (SlResult *result, const SlAnalysis *analysis);

/* sl-analysis-common.c */
const char *sl_analysis_model_name (SlModel model);
char *sl_analysis_format_seconds (double seconds);
gboolean sl_analysis_point_is_measurable (const SlPoint *point);
gboolean sl_analysis_point_has_time (const SlPoint *point);
gboolean sl_analysis_point_counts_for_fits (const SlPoint *point);
SlWorkloadKind sl_analysis_guess_workload_kind (SlResult *result, gboolean *known);
guint sl_analysis_cpu_cap (SlResult *result);

G_END_DECLS
