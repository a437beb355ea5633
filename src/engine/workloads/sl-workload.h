/* sl-workload.h: what a workload is, its typed parameters, and the registry of workloads.
 *
 * A workload is plain data plus a few functions. The same description runs in every pool: a
 * thread pool calls it in-process, a worker process looks it up by id and calls it there.
 *
 * Life cycle, for one experiment:
 *   experiment_setup()      once, on the engine thread, before the sweep (may start a server
 *                           and record its address in a hidden parameter)
 *   prepare()               once per pool (per process for the process pool): shared read-only state
 *   worker_init()           once per worker thread: state of that worker alone (a curl handle)
 *   run()                   once per task, from any worker thread
 *   expected()              the checksum a task must return, computed independently of run()
 *   worker_free(), release(), experiment_teardown()
 */
#pragma once

#include <glib.h>

#include "sl-params.h"
#include "sl-spec-problem.h"
#include "sl-types.h"

G_BEGIN_DECLS

typedef enum {
  SL_PARAM_INT,
  SL_PARAM_DOUBLE,
  SL_PARAM_BOOL,
  SL_PARAM_STRING,
} SlParamType;

typedef enum {
  SL_PARAM_FLAG_NONE     = 0,
  SL_PARAM_FLAG_INTERNAL = 1 << 0,  /* set by the engine (a server address), never by a user */
} SlParamFlags;

typedef struct {
  const char   *name;           /* the id: --param NAME=VALUE, the JSON key */
  const char   *title;          /* what a person reads, untranslated: pass it to _() */
  SlParamType   type;
  const char   *default_value;  /* as text; NULL or "" for an empty string */
  double        min;            /* int and double only */
  double        max;
  const char   *unit;           /* "ms", "bytes", "items", or NULL */
  const char   *help;
  SlParamFlags  flags;
} SlParamInfo;

typedef enum {
  SL_WORKLOAD_KIND_CPU,
  SL_WORKLOAD_KIND_IO,
  SL_WORKLOAD_KIND_MIXED,
  SL_WORKLOAD_KIND_MEMORY,
  SL_WORKLOAD_KIND_OVERHEAD,
} SlWorkloadKind;

typedef enum {
  SL_WORKLOAD_FLAG_NONE         = 0,
  SL_WORKLOAD_FLAG_TEST_ONLY    = 1 << 0,  /* fault injection: listed only with SPEEDUP_LAB_TEST_WORKLOADS=1 */
  SL_WORKLOAD_FLAG_PROCESS_ONLY = 1 << 1,  /* may crash or hang its worker: never run in-process */
  SL_WORKLOAD_FLAG_PYTHON_ONLY  = 1 << 2,  /* Python code with no native version (python-custom) */
} SlWorkloadFlags;

/* One task as a workload sees it. */
typedef struct {
  guint64              index;       /* 0 .. n_tasks-1 within the batch */
  guint64              n_tasks;     /* tasks in the batch */
  guint64              base_tasks;  /* tasks of the strong-scaling batch; n_tasks is a multiple
                                       of it under weak scaling */
  const volatile gint *cancel;      /* becomes non-zero when the task should stop early */
} SlTask;

typedef struct _SlWorkload SlWorkload;

struct _SlWorkload
{
  const char        *id;
  const char        *title;
  const char        *description;
  SlWorkloadKind     kind;
  SlWorkloadFlags    flags;
  const SlParamInfo *params;
  guint              n_params;

  /* Python source of the same task, as `def task(index, count, **params) -> int`, for the
   * python runtime; NULL when the workload has no Python twin. */
  const char        *python_source;

  /* Number of tasks when the spec does not say: default_tasks() where the number depends on
   * the parameters, else n_default_tasks, else 64. */
  guint64            n_default_tasks;
  guint64  (*default_tasks)       (const SlParams *params);

  /* Optional rules between parameters, once each one is in range: adds every problem it finds
   * to `problems` with sl_workload_add_problem(), each on the parameter it is about. */
  void     (*check)               (const SlParams *params, GPtrArray *problems);

  gboolean (*experiment_setup)    (SlParams *params, gpointer *experiment_state, GError **error);
  void     (*experiment_teardown) (gpointer experiment_state);

  gpointer (*prepare)             (const SlParams *params, GError **error);
  void     (*release)             (gpointer shared);
  gpointer (*worker_init)         (gpointer shared, GError **error);
  void     (*worker_free)         (gpointer local);

  gboolean (*run)                 (gpointer shared, gpointer local, const SlTask *task,
                                   guint64 *checksum, GError **error);
  /* FALSE when the checksum cannot be known in advance (user URLs); NULL when no task's can
   * (custom code, process ids). */
  gboolean (*expected)            (gpointer shared, const SlTask *task, guint64 *checksum);
};

/* `.params` and `.n_params` of a workload's table from its one array of parameters, so that the
 * count always matches the array. */
#define SL_WORKLOAD_PARAMS(array) .params = (array), .n_params = G_N_ELEMENTS (array)

const SlWorkload  *sl_workload_lookup (const char *id);
/* Workloads a user may pick, in display order; test-only ones appear only when enabled. */
const SlWorkload **sl_workload_list (guint *n_workloads);
const SlParamInfo *sl_workload_find_param (const SlWorkload *workload, const char *name);
const char        *sl_workload_kind_to_string (SlWorkloadKind kind);
gboolean           sl_workload_test_workloads_enabled (void);

/* Checks names and values against the workload, fills defaults, and returns a complete set.
 * Errors name the parameter and the accepted range. */
SlParams *sl_workload_resolve_params (const SlWorkload *workload,
                                      const SlParams   *given,
                                      GError          **error);
/* The same, with every problem added to `problems` (SlSpecProblem*: "params.NAME", or "params"
 * for a rule between parameters) rather than the first; NULL when there was one. */
SlParams *sl_workload_check_params   (const SlWorkload *workload,
                                      const SlParams   *given,
                                      GPtrArray        *problems);
/* For check(): a problem of parameter `name`, or of a rule between parameters when `name` is
 * NULL; `format` is translated and speaks of the parameters by name. */
void      sl_workload_add_problem    (GPtrArray        *problems,
                                      const char       *name,
                                      const char       *format,
                                      ...) G_GNUC_PRINTF (3, 4);
guint64   sl_workload_default_tasks (const SlWorkload *workload, const SlParams *params);
/* Parses and checks one value of parameter `info` (of `workload`): its normal form, which is
 * what result documents store, or NULL with an error that names the parameter and the range. */
char     *sl_workload_normalize_param (const SlWorkload  *workload,
                                       const SlParamInfo *info,
                                       const char        *text,
                                       GError           **error);
/* "Workload W has no parameter “NAME” (it has: a, b)". */
void      sl_workload_set_unknown_param_error (const SlWorkload  *workload,
                                               const char        *name,
                                               GError           **error);

/* Helpers for workloads. */
/* Splits [0, total) into `parts` nearly equal ranges, and returns range `index`. */
void    sl_split_range (guint64 total, guint64 parts, guint64 index, guint64 *start, guint64 *end);

G_END_DECLS
