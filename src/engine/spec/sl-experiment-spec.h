/* sl-experiment-spec.h: everything that defines one experiment, as plain data.
 *
 * A front end fills a spec (from options, a preset, or the window), validates it, and hands it
 * to SlRunner. The spec round-trips through the result document (sl-result-io.h).
 */
#pragma once

#include <glib.h>

#include "sl-types.h"
#include "sl-workload.h"

G_BEGIN_DECLS

#define SL_MAX_WORKERS 256
#define SL_MAX_TASKS   (G_GUINT64_CONSTANT (10000000))
#define SL_MAX_REPEAT  1000

typedef struct {
  char      *preset;      /* nullable: the preset this spec started from */
  char      *workload;    /* workload id */
  SlParams  *params;      /* given parameters; complete after validation */
  SlRuntime  runtime;
  GArray    *models;      /* SlModel, in order, no duplicates */
  GArray    *workers;     /* guint, ascending, no duplicates */
  guint64    tasks;       /* 0: the workload's default */
  guint      chunk;       /* tasks handed to a worker at once, >= 1 */
  guint      repeat;      /* measured repetitions per point, >= 1 */
  guint      warmup;      /* unmeasured batches before each measured one */
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

/* Checks every field; on success the params are complete and `tasks` is set. Nothing else is
 * touched, so a front end can show the error and keep the user's input. */
gboolean sl_experiment_spec_validate (SlExperimentSpec *spec, GError **error);

/* Tasks of one batch at `workers` workers, honouring the scaling mode. */
guint64  sl_experiment_spec_tasks_for (const SlExperimentSpec *spec, guint workers);

/* "1,2,4,8", "1-16", "pow2:16" and comma-separated mixes; sorted, unique, 1..SL_MAX_WORKERS. */
GArray  *sl_parse_worker_list (const char *text, GError **error);
char    *sl_format_worker_list (GArray *workers);
/* "threads,processes" */
GArray  *sl_parse_model_list (const char *text, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlExperimentSpec, sl_experiment_spec_free)

G_END_DECLS
