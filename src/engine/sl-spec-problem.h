/* sl-spec-problem.h: one problem of an experiment spec, and the field it is about.
 *
 * The validator (sl-experiment-spec-check.c) returns a list of them, and a workload's own rules
 * between its parameters (SlWorkload.check) add to that list; a form marks the field's widget, the
 * CLI names the field's flag. Messages are translated and speak of the setting, never of a flag.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Field ids: these, and "params.NAME" for a workload parameter ("params" alone for a rule
 * between parameters). */
#define SL_SPEC_FIELD_PRESET   "preset"
#define SL_SPEC_FIELD_WORKLOAD "workload"
#define SL_SPEC_FIELD_PARAMS   "params"
#define SL_SPEC_FIELD_RUNTIME  "runtime"
#define SL_SPEC_FIELD_MODELS   "models"
#define SL_SPEC_FIELD_WORKERS  "workers"
#define SL_SPEC_FIELD_TASKS    "tasks"
#define SL_SPEC_FIELD_CHUNK    "chunk"
#define SL_SPEC_FIELD_REPEAT   "repeat"
#define SL_SPEC_FIELD_WARMUP   "warmup"
#define SL_SPEC_FIELD_TIMEOUT  "timeout"
#define SL_SPEC_FIELD_LOOPS    "loops"
#define SL_SPEC_FIELD_MIN_TIME "min_time"
#define SL_SPEC_FIELD_UNTIL_PRECISE "until_precise"
#define SL_SPEC_FIELD_BUDGET   "budget"
#define SL_SPEC_FIELD_SCALING  "scaling"
#define SL_SPEC_FIELD_ORDER    "order"

typedef struct {
  char *field;     /* an SL_SPEC_FIELD_* or "params.NAME" */
  char *message;   /* translated, for a person; no password, no control character */
} SlSpecProblem;

SlSpecProblem *sl_spec_problem_new (const char *field, const char *message);
void           sl_spec_problem_free (SlSpecProblem *problem);

/* An empty list that owns its SlSpecProblem*s. */
GPtrArray     *sl_spec_problems_new (void);
/* Appends a problem of `field` whose message is `format`'s. */
void           sl_spec_problems_add (GPtrArray  *problems,
                                     const char *field,
                                     const char *format,
                                     ...) G_GNUC_PRINTF (3, 4);
void           sl_spec_problems_add_valist (GPtrArray  *problems,
                                            const char *field,
                                            const char *format,
                                            va_list     args) G_GNUC_PRINTF (3, 0);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSpecProblem, sl_spec_problem_free)

G_END_DECLS
