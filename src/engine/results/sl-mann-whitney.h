/* sl-mann-whitney.h: the Mann–Whitney U test (Wilcoxon rank-sum), two-sided: do two sets of
 * repetitions come from the same distribution? It assumes nothing about their shape, which suits
 * wall times (skewed, with outliers) and the handful of repetitions a sweep takes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  /* SciPy's rule: exact when either sample has at most 8 values and no value is tied,
   * otherwise the normal approximation. */
  SL_MANN_WHITNEY_AUTO,
  /* The exact distribution of U without ties (ties count half, as in U, but the distribution
   * ignores them); the normal approximation when both samples are too large to enumerate. */
  SL_MANN_WHITNEY_EXACT,
  /* The normal approximation with the tie correction and a continuity correction of 1/2. */
  SL_MANN_WHITNEY_ASYMPTOTIC,
} SlMannWhitneyMethod;

/* The two-sided p-value. Values that are not finite are left out. `u_a` (nullable) gets U of
 * `a`: the number of pairs (x of a, y of b) with x > y, a tie counting one half. Both NaN when
 * either sample has no value. */
double sl_mann_whitney_test (const double        *a,
                             guint                n_a,
                             const double        *b,
                             guint                n_b,
                             SlMannWhitneyMethod  method,
                             double              *u_a);

G_END_DECLS
