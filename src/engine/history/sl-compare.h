/* sl-compare.h: two or more experiments side by side: what differs between them, and per worker
 * count whether B's time differs from A's by more than the repetitions' noise.
 *
 * A difference is significant when the two-sided Mann–Whitney U test on the repetitions of the
 * two points gives p < SL_COMPARE_ALPHA and the medians differ by more than
 * SL_COMPARE_MIN_CHANGE (either way). The test needs enough repetitions: with three on each
 * side the smallest possible p is 0.1, so such a point is never significant. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sl-result.h"

G_BEGIN_DECLS

#define SL_COMPARE_ALPHA      0.05
#define SL_COMPARE_MIN_CHANGE 0.05   /* |ratio - 1| */

typedef struct {
  guint    other;              /* the index of B in results (1 and up); A is results[0] */
  guint    workers;
  SlModel  model;
  double   time_a, time_b;     /* medians of the wall times; NaN where missing */
  double   ratio;              /* time_b / time_a: above 1, B is slower */
  double   p_value;            /* two-sided Mann–Whitney U on the repetitions; NaN if too few */
  gboolean significant;        /* p < SL_COMPARE_ALPHA and |ratio - 1| > SL_COMPARE_MIN_CHANGE */
  guint    n_a, n_b;           /* repetitions that went into the test */
} SlCompareRow;

typedef struct {
  /* The array given to sl_comparison_new(), with a reference taken: the results belong to
   * whoever filled it, and must not change while the comparison lives. */
  GPtrArray *results;          /* SlResult* */
  GPtrArray *labels;           /* char*, one per result: what differs (see below) */
  GArray    *rows;             /* SlCompareRow: A = results[0] against each other result, in
                                  the order of results, then model, then worker count */
  gboolean   different_machines;
  char      *warning;          /* nullable: "Compared across different machines: ..." */
} SlComparison;

/* Needs two or more results (SL_ERROR_INVALID_INPUT otherwise). Each label names what sets that
 * result apart from the others, computed from the documents: the title, the workload or preset,
 * parameters and settings, the runtime, the machine; the date when nothing else does. */
SlComparison *sl_comparison_new (GPtrArray  *results,
                                 GError    **error);
void          sl_comparison_free (SlComparison *comparison);

/* Labels alone, for an overlay without a table: one char* per result. */
GPtrArray    *sl_compare_labels (GPtrArray *results);

/* The comparison as a JSON document ("format": "speedup-lab-comparison/1"): the rule, the
 * labels, the rows and the warning. */
JsonNode     *sl_comparison_to_json (const SlComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlComparison, sl_comparison_free)

G_END_DECLS
