/* sl-stats.h: robust summary statistics of repeated measurements. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Modified Z-score above which a value is an outlier (Iglewicz and Hoaglin). */
#define SL_OUTLIER_Z 3.5
/* Coefficient of variation above which a point is flagged unstable (pyperf warns at 10 %). */
#define SL_UNSTABLE_CV 0.10

typedef struct {
  guint    n;
  double   median;
  double   mean;
  double   stddev;     /* sample standard deviation (n - 1) */
  double   min;
  double   max;
  double   cv;         /* stddev / mean */
  double   mad;        /* median absolute deviation */
  double   median_lo;  /* the median's confidence interval (sl_median_interval ()) */
  double   median_hi;
  double   median_level; /* its confidence: 0.95 or more, less below 6 values; NaN below 2 */
  guint    n_outliers;
  gboolean unstable;
} SlSummary;

/* NaN and infinite values are ignored. `outliers` (nullable) gets one flag per input value. */
void   sl_summary_compute (SlSummary *summary, const double *values, guint n, gboolean *outliers);
/* Linear interpolation between closest ranks; `sorted` ascending; p in [0, 1]. NaN when n == 0. */
double sl_percentile_sorted (const double *sorted, guint n, double p);
int    sl_compare_doubles (gconstpointer a, gconstpointer b);
/* The same as sl_percentile_sorted() on the sorted values, without sorting: expected linear time
 * by selection. Reorders `values`. */
double sl_percentile_select (double *values, guint n, double p);
/* Median of `values` (sorted in place); NaN when n == 0. */
double sl_median_in_place (double *values, guint n);

G_END_DECLS
