/* sl-spec-check.h: every problem of an experiment spec, each with the id of the field it is
 * about, so that the window can mark the widget that holds it.
 *
 * Field ids: "workload", "params.<name>", "runtime", "models", "workers", "tasks", "chunk",
 * "repeat", "warmup", "timeout", "scaling", "order", "preset"; "" when no field is to blame.
 * The engine's validator is the authority: whatever it refuses is reported here too.
 */
#pragma once

#include <glib.h>

#include "sl-experiment-spec.h"

G_BEGIN_DECLS

typedef struct {
  char *field;
  char *message;
} SlSpecProblem;

SlSpecProblem *sl_spec_problem_new  (const char    *field,
                                     const char    *message);
void           sl_spec_problem_free (SlSpecProblem *problem);

/* SlSpecProblem*, in the order of the form; empty when the spec can run. */
GPtrArray     *sl_spec_check        (const SlExperimentSpec *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSpecProblem, sl_spec_problem_free)

G_END_DECLS
