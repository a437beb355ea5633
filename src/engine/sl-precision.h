/* sl-precision.h: how precise a point's median is, and repeating a point until it is precise
 * enough (the spec's until_precise_pct and budget_s; sl-precision.c).
 *
 * The precision is the width of the median's 95 % confidence interval from order statistics
 * (sl_median_interval(), the analysis's own), in percent of the median: the interval assumes
 * nothing about the shape of the times.
 */
#pragma once

#include <glib.h>

#include "sl-experiment-spec.h"
#include "sl-point.h"

G_BEGIN_DECLS

/* The fewest values whose order statistics give an interval of SL_CONFIDENCE: with 5, the
 * widest pair, the smallest and the largest, covers the median 93.75 % of the time. */
#define SL_PRECISION_MIN_VALUES 6

/* The width of the interval of the median of `point`'s repetitions (their wall times), in
 * percent of the median; NaN below SL_PRECISION_MIN_VALUES repetitions. */
double   sl_precision_of_point        (const SlPoint *point);

typedef enum {
  SL_PRECISION_MORE,         /* another repetition */
  SL_PRECISION_ENOUGH,       /* the repetitions asked, and precise enough when asked to be */
  SL_PRECISION_BUDGET_SPENT, /* not precise yet, but the budget (or SL_MAX_REPEAT) is spent */
} SlPrecisionNeed;

/* What `point`, whose visits have taken `spent_s` in all, needs under `spec`: at least
 * spec->repeat repetitions; with until_precise_pct, then more (at least SL_PRECISION_MIN_VALUES)
 * until its precision is within it, its visits took budget_s or it has SL_MAX_REPEAT. */
SlPrecisionNeed sl_precision_point_need (const SlExperimentSpec *spec,
                                         const SlPoint          *point,
                                         double                  spent_s);

G_END_DECLS
