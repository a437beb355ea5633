/* sl-result.h: the result of an experiment: spec, machine, every repetition of every point
 * (sl-point.h), and the analysis derived from them. Plain data; saved as "speedup-lab/1" by
 * sl-result-io.h.
 */
#pragma once

#include <glib.h>

#include "sl-experiment-spec.h"
#include "sl-point.h"
#include "sl-sysinfo.h"
#include "sl-types.h"

G_BEGIN_DECLS

#define SL_RESULT_FORMAT "speedup-lab/1"

/* How a model's best worker count was decided (sl-analysis-best.c). */
typedef enum {
  SL_BEST_BY_TEST,     /* the smallest W not slower than the fastest point: the Mann–Whitney U
                          test with Holm's correction, and the 5 % threshold */
  SL_BEST_BY_MEDIANS,  /* too few repetitions for the test ever to be significant: the medians
                          and the threshold alone */
  SL_BEST_ONLY_POINT,  /* one point: nothing to compare */
} SlBestBasis;

typedef struct {
  SlRuntime runtime;
  SlModel   model;
  guint     best_workers;        /* the smallest W not slower than the fastest point */
  double    best_time_s;
  double    best_speedup;
  SlBestBasis best_basis;
  guint     fastest_workers;     /* the lowest median */
  double    fastest_time_s;
  guint     comparisons;         /* points tested against the fastest: Holm's family */
  guint     repetitions;         /* the fewest repetitions of a point compared */
  guint     repetitions_needed;  /* SL_BEST_BY_MEDIANS: per point, for the test to be able to
                                    tell the counts apart; 0 otherwise */
  guint     amdahl_cpus;         /* CPU-bound work: the fit is T(W) = a + b / min (W, cpus),
                                    since workers beyond the usable CPUs only take turns;
                                    0 when W is not capped (I/O-bound work) */
  double    amdahl_a;            /* T(W) = a + b / W */
  double    amdahl_b;
  double    serial_fraction;     /* a / (a + b) */
  double    amdahl_r2;
  double    usl_sigma;           /* contention */
  double    usl_kappa;           /* coherency */
  double    usl_peak_workers;    /* W past which adding workers slows down; NaN if none */
  gboolean  fitted;              /* enough points for the fits */
} SlModelAnalysis;

typedef struct {
  GArray    *models;             /* SlModelAnalysis, in the spec's model order */
  gboolean   has_best;
  SlRuntime  best_runtime;
  SlModel    best_model;
  guint      best_workers;
  double     best_speedup;
  double     serial_fraction;    /* of the best model */
  char      *recommendation;     /* one paragraph for a person */
} SlAnalysis;

typedef enum {
  SL_RESULT_RUNNING,
  SL_RESULT_COMPLETE,
  SL_RESULT_PARTIAL,     /* finished, but at least one point failed */
  SL_RESULT_CANCELLED,
} SlResultStatus;

typedef struct {
  char             *app_version;
  char             *created;      /* ISO 8601, UTC */
  char             *title;        /* nullable: a title of the person's own */
  SlResultStatus    status;
  SlExperimentSpec *spec;         /* validated */
  guint             loops;        /* batches per measured value: the spec's, or calibrated at
                                     the first point (0 until then) */
  SlSysInfo        *system;
  GHashTable       *runtime_info; /* char* -> char*: interpreter version and build, for python */
  GPtrArray        *points;       /* SlPoint*, one per (model, workers) in the spec's order */
  SlAnalysis       *analysis;     /* nullable until analysed */
} SlResult;

/* A result with one pending point per (model, workers) of a validated spec. */
SlResult *sl_result_new (const SlExperimentSpec *spec, SlSysInfo *system);
SlResult *sl_result_copy (const SlResult *result);
void      sl_result_free (SlResult *result);
SlPoint  *sl_result_find_point (SlResult *result, SlModel model, guint workers);
const char *sl_best_basis_to_string (SlBestBasis basis);
extern const SlEnumNames sl_result_status_names;
const char *sl_result_status_to_string (SlResultStatus status);
gboolean    sl_result_status_from_string (const char *text, SlResultStatus *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlResult, sl_result_free)

G_END_DECLS
