/* sl-shared-counter.h: the shared-counter experiment: is it safe without a lock?
 *
 * W workers each add 1 to one shared value N times, through a pattern: Python threads on a
 * Counter, a dict read-modify-write or an attribute +=, each with and without a threading.Lock;
 * Python processes through a multiprocessing.Value with and without its lock, and a Manager's
 * dict; native threads with a plain +=, an atomic add and a mutex. Each repetition starts from a
 * fresh value, the workers start together at a barrier, and what the value holds at the end,
 * against W × N, is what was lost. The time from the barrier to the last join, over W × N, is
 * the cost of one update.
 *
 * This is an experiment kind of its own, not a sweep (docs/ARCHITECTURE.md says why): its
 * outcome belongs to a whole batch (the final value), its Python processes must be forked by
 * Python to share a multiprocessing object, and its axis is the pattern, not the worker count.
 * Python patterns run in one worker (speedup-lab-worker --python-script shared-counter);
 * native ones on threads of this process.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sl-sysinfo.h"

G_BEGIN_DECLS

#define SL_SHARED_MAX_WORKERS      64
#define SL_SHARED_MAX_REPETITIONS  100
#define SL_SHARED_MAX_UPDATES      (G_GUINT64_CONSTANT (100000000))
#define SL_SHARED_MIN_SWITCH_S     1e-6
#define SL_SHARED_MAX_SWITCH_S     1.0

typedef enum {
  SL_SHARED_PYTHON_THREADS,
  SL_SHARED_PYTHON_PROCESSES,
  SL_SHARED_NATIVE_THREADS,
} SlSharedRuntime;

typedef struct {
  const char      *id;               /* "py-counter", "mp-value-lock", "c-atomic" */
  const char      *title;            /* untranslated: pass it to _() */
  const char      *code;             /* one worker's update, as written ("counter[key] += 1") */
  SlSharedRuntime  runtime;
  gboolean         locked;           /* held under a lock (or atomic): must lose nothing */
  guint64          default_updates;  /* per worker, when the spec does not say */
  const char      *unlocked;         /* a locked pattern's twin without the lock; NULL */
} SlSharedPattern;

/* The patterns, an array of *n_patterns. */
const SlSharedPattern *sl_shared_pattern_list (guint *n_patterns);
const SlSharedPattern *sl_shared_pattern_lookup (const char *id);
const char            *sl_shared_runtime_to_string (SlSharedRuntime runtime);

typedef struct {
  guint      workers;
  guint      repetitions;
  guint64    updates;            /* per worker; 0: each pattern's default */
  double     switch_interval_s;  /* sys.setswitchinterval(); 0: the interpreter's own */
  GPtrArray *patterns;           /* const SlSharedPattern*, in order; empty: every pattern */
} SlSharedCounterSpec;

/* 4 workers, 5 repetitions, each pattern's updates, the interpreter's switch interval, every
 * pattern. */
void     sl_shared_counter_spec_init  (SlSharedCounterSpec        *spec);
void     sl_shared_counter_spec_clear (SlSharedCounterSpec        *spec);
/* SL_ERROR_INVALID_INPUT with the setting and its range. */
gboolean sl_shared_counter_spec_check (const SlSharedCounterSpec  *spec,
                                       GError                    **error);

typedef struct {
  guint64 observed;     /* what the shared value held at the end */
  double  elapsed_s;    /* from the barrier to the last join */
} SlSharedRepetition;

typedef struct {
  const SlSharedPattern *pattern;
  guint64                updates;       /* per worker */
  guint64                expected;      /* workers × updates */
  GArray                *repetitions;   /* SlSharedRepetition */
  char                  *error;         /* why it did not run (no python runtime); NULL */
} SlSharedPatternResult;

/* What was lost over the repetitions, and what an update cost. */
typedef struct {
  gint64  min_lost;
  gint64  median_lost;
  gint64  max_lost;
  gint64  total_lost;
  guint   losing;          /* repetitions that lost at least one update */
  double  ns_per_update;   /* median over the repetitions */
} SlSharedSummary;

void     sl_shared_pattern_result_summarize (const SlSharedPatternResult *result,
                                             SlSharedSummary             *summary);

typedef struct {
  guint       workers;
  guint       repetitions;
  double      switch_interval_s;  /* asked for; 0: the interpreter's */
  GPtrArray  *patterns;           /* SlSharedPatternResult* */
  GHashTable *runtime;            /* the interpreter (its switch_interval_s the one used); NULL
                                     when no Python pattern ran */
  SlSysInfo  *system;
  char       *created;            /* ISO 8601, UTC */
} SlSharedCounterResult;

void      sl_shared_counter_result_free (SlSharedCounterResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSharedCounterResult, sl_shared_counter_result_free)

/* Runs every pattern of `spec` (checked first). Python patterns that cannot run (no python
 * runtime, the worker failed) carry their error and the rest still runs; NULL only for a bad
 * spec or when `cancellable` was cancelled. */
SlSharedCounterResult *sl_shared_counter_run (const SlSharedCounterSpec  *spec,
                                              GCancellable               *cancellable,
                                              GError                    **error);

/* sl-shared-counter-native.c: one repetition of a native pattern on `workers` threads. */
gboolean  sl_shared_counter_run_native (const SlSharedPattern *pattern,
                                        guint                  workers,
                                        guint64                updates,
                                        SlSharedRepetition    *out,
                                        GError               **error);

/* The document "speedup-lab-shared-counter/1": the settings, the machine, the interpreter, and
 * every repetition of every pattern with what it lost. */
JsonNode *sl_shared_counter_result_to_json (const SlSharedCounterResult *result);

G_END_DECLS
