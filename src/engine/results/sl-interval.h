/* sl-interval.h: 95 % confidence intervals that assume nothing about the shape of the times:
 * the median's from order statistics, a ratio of medians (a speedup) by a bootstrap with a fixed
 * seed, so that the same measurements always give the same interval. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The confidence the intervals aim at. */
#define SL_CONFIDENCE 0.95

/* The distribution-free interval of the median of `n` ascending finite values: the pair of
 * order statistics x(l), x(n+1-l) with the largest l whose binomial coverage is at least
 * SL_CONFIDENCE. Below 6 values no pair reaches it, and the interval is the whole range, with
 * the confidence it has (1 - 2^(1-n): 93.75 % at 5). Returns the confidence achieved; below
 * 2 values NaN, and NaN bounds. */
double   sl_median_interval (const double *sorted,
                             guint         n,
                             double       *lo,
                             double       *hi);

/* The percentile bootstrap interval (SL_CONFIDENCE) of median (num) / median (den): both
 * samples resampled with replacement, independently, from a generator seeded with `seed`.
 * Values that are not finite are left out. FALSE, and NaN bounds, when either sample has none
 * or a median of the denominator is not positive. */
gboolean sl_bootstrap_ratio_interval (const double *num,
                                      guint         n_num,
                                      const double *den,
                                      guint         n_den,
                                      guint64       seed,
                                      double       *lo,
                                      double       *hi);

G_END_DECLS
