/* sl-point.h: one point of a sweep (a runtime, a model, a worker count): every repetition
 * measured, and what the analysis derives from them. Plain data. */
#pragma once

#include <glib.h>

#include "sl-stats.h"
#include "sl-types.h"
#include "sl-usage.h"

G_BEGIN_DECLS

typedef enum {
  SL_POINT_PENDING,
  SL_POINT_RUNNING,
  SL_POINT_DONE,
  SL_POINT_FAILED,      /* a worker failed, a task timed out, tasks failed or a checksum was wrong */
  SL_POINT_CANCELLED,
} SlPointStatus;

typedef struct {
  double   wall_s;
  double   startup_s;        /* pool start-up before this repetition, not part of wall_s */
  SlUsage  usage;
  guint64  n_failed_tasks;
  gboolean checksum_ok;
  gboolean outlier;          /* set by the analysis */
} SlRepetition;

typedef struct {
  /* identity */
  SlRuntime      runtime;
  SlModel        model;
  guint          workers;
  guint64        tasks;          /* per batch */

  /* measured */
  SlPointStatus  status;
  char          *error;          /* why it failed; NULL otherwise */
  GArray        *repetitions;    /* SlRepetition, measured ones only */
  GArray        *latencies_s;    /* double: per-task latency of every measured task (of a
                                    value of several loops, its last batch's) */
  guint64        checksum;       /* sum of the task checksums of the last repetition */
  gboolean       checksum_ok;    /* every task of every repetition matched */
  gboolean       checksum_known; /* FALSE when the workload cannot know the expected value */
  guint64        n_failed_tasks; /* over all repetitions */
  gboolean       stopped_on_budget; /* repeated for precision (until_precise_pct), its median
                                       not precise yet when its budget or the most repetitions
                                       were spent */

  /* derived by sl_analysis_update(); NaN where unknown */
  SlSummary      wall;
  double         startup_s;      /* median */
  double         user_s;         /* median per repetition */
  double         sys_s;
  double         cpu_util;       /* (user + sys) / wall, in cores */
  double         voluntary_cs;   /* median per repetition */
  double         involuntary_cs;
  double         peak_rss_kb;    /* max */
  double         speedup;        /* T(1) / T(W) of the same runtime and model */
  double         speedup_err;    /* one standard deviation, propagated from the spreads */
  double         speedup_lo;     /* the speedup's 95 % interval: a bootstrap of the ratio of */
  double         speedup_hi;     /* the medians (sl_bootstrap_ratio_interval ()) */
  double         p_vs_fastest;   /* the Mann–Whitney p against the fastest point of the model,
                                    Holm-adjusted; NaN for the fastest itself */
  gboolean       slower;         /* slower than the fastest: significantly (or, with too few
                                    repetitions for the test, by the medians) and by over 5 % */
  double         efficiency;     /* speedup / W */
  double         karp_flatt;     /* experimentally determined serial fraction; NaN at W = 1 */
  double         latency_p50;
  double         latency_p95;
  double         latency_p99;
  guint          latencies_summarized; /* latencies_s->len when p50..p99 were computed */
} SlPoint;

SlPoint  *sl_point_new (SlRuntime runtime, SlModel model, guint workers, guint64 tasks);
SlPoint  *sl_point_copy (const SlPoint *point);
void      sl_point_free (SlPoint *point);
/* Sets what the analysis derives from the repetitions (the wall-time summary, the usage, the
 * speedup) to unknown; the latency percentiles have their own bookkeeping. */
void      sl_point_clear_derived (SlPoint *point);
/* Whether the point has repetitions that count: it did not fail. A cancelled point keeps the
 * repetitions it had (a partial point), and the analysis and the charts use them. */
gboolean  sl_point_has_measurements (const SlPoint *point);
extern const SlEnumNames sl_point_status_names;
const char *sl_point_status_to_string (SlPointStatus status);
gboolean    sl_point_status_from_string (const char *text, SlPointStatus *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPoint, sl_point_free)

G_END_DECLS
