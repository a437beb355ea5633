/* sl-experiment-spec.h: everything that defines one experiment, as plain data.
 *
 * A front end fills a spec (from options, a preset, or the window), checks it with the one
 * validator below, and hands it to SlRunner, which resolves it. The spec round-trips through
 * the result document (sl-result-io.h).
 */
#pragma once

#include <glib.h>

#include "sl-limits.h"
#include "sl-spec-problem.h"
#include "sl-types.h"
#include "sl-workload.h"

G_BEGIN_DECLS

typedef struct {
  char      *preset;      /* nullable: the preset this spec started from */
  char      *workload;    /* workload id */
  SlParams  *params;      /* given parameters; complete once resolved */
  SlRuntime  runtime;
  GArray    *models;      /* SlModel, in order, no duplicates */
  GArray    *workers;     /* guint, ascending, no duplicates */
  guint64    tasks;       /* 0: the workload's default */
  guint      chunk;       /* tasks handed to a worker at once, >= 1 */
  guint      repeat;      /* measured repetitions per point, >= 1 */
  guint      warmup;      /* unmeasured batches before each measured one */
  guint      loops;       /* batches run back to back for one measured value, which is their
                             time divided by `loops`; 0: calibrated at the sweep's first point
                             so that a value lasts at least `min_time_s` */
  double     min_time_s;  /* for loops = 0 */
  double     until_precise_pct; /* 0: `repeat` repetitions; otherwise at least `repeat` (and the
                             6 a 95 % interval needs), then more until the interval of the
                             point's median is this narrow, in % of the median, ... */
  double     budget_s;    /* ... or the point's visits have taken this long */
  double     timeout_s;   /* per task; 0: none */
  SlScaling  scaling;
  SlOrder    order;
} SlExperimentSpec;

SlExperimentSpec *sl_experiment_spec_new (void);
SlExperimentSpec *sl_experiment_spec_copy (const SlExperimentSpec *spec);
void              sl_experiment_spec_free (SlExperimentSpec *spec);

/* Replaces workload, params, models, workers, tasks and repeat with the preset's. */
gboolean sl_experiment_spec_apply_preset (SlExperimentSpec *spec,
                                          const char       *preset_id,
                                          GError          **error);

/* Validation: one set of rules for the CLI, the result reader and the window.
 *
 * Each problem (sl-spec-problem.h) names the field it is about, so that a form can mark the
 * widget, and says in words what is wrong and what is allowed, speaking of the setting, never
 * of a CLI flag. */

/* Every problem of the spec (SlSpecProblem*, owned by the array), in field order; empty when
 * the spec is valid. Cheap: no I/O and no process is started, so a form can call it on every
 * edit. It does not check Python code beyond its presence (see sl-python.h for that). */
GPtrArray *sl_experiment_spec_check (const SlExperimentSpec *spec);

/* TRUE when sl_experiment_spec_check() finds nothing; otherwise SL_ERROR_INVALID_INPUT with
 * every problem's message, one per line. The spec is not changed. */
gboolean   sl_experiment_spec_validate (const SlExperimentSpec *spec, GError **error);

/* A validated copy with every parameter filled in (defaults included, values normalised) and
 * `tasks` computed: what the runner runs and what the result document stores. */
SlExperimentSpec *sl_experiment_spec_resolve (const SlExperimentSpec *spec, GError **error);

/* Tasks of one batch at `workers` workers, honouring the scaling mode. */
guint64  sl_experiment_spec_tasks_for (const SlExperimentSpec *spec, guint workers);

/* The one grammar of a worker count, used by worker lists, result documents and the CLI's
 * --point: decimal digits, surrounding spaces allowed, 1..SL_MAX_WORKERS. A number out of range
 * is said to be out of range, whatever its size. */
gboolean sl_parse_worker_count (const char *text, guint *out, GError **error);
/* "1,2,4,8", "1-16", "pow2:16" and comma-separated mixes; sorted, unique, 1..SL_MAX_WORKERS. */
GArray  *sl_parse_worker_list (const char *text, GError **error);
char    *sl_format_worker_list (GArray *workers);
/* "threads,processes" */
GArray  *sl_parse_model_list (const char *text, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlExperimentSpec, sl_experiment_spec_free)

G_END_DECLS
