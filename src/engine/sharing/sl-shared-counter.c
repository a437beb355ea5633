/* sl-shared-counter.c: the shared-counter experiment: its patterns, its settings, running it,
 * and what each pattern lost.
 *
 * The Python patterns run in one worker, in the order asked, through python/shared_counter.py,
 * which reports the value each repetition ended with; the native ones run here
 * (sl-shared-counter-native.c). Nothing is inferred: lost updates are W × N minus what the
 * value held.
 */
#define G_LOG_DOMAIN "sl-shared-counter"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-sharing-common.h"
#include "sl-shared-counter.h"
#include "sl-stats.h"

/* The Python patterns of a run, all of them, in one worker: a Manager's updates are slow. */
#define PYTHON_TIMEOUT_S 3600

static const SlSharedPattern patterns[] = {
  { "py-counter", N_("Counter, no lock"), "counter[key] += 1",
    SL_SHARED_PYTHON_THREADS, FALSE, 200000, NULL },
  { "py-counter-lock", N_("Counter, threading.Lock"), "with lock: counter[key] += 1",
    SL_SHARED_PYTHON_THREADS, TRUE, 200000, "py-counter" },
  { "py-dict", N_("dict read-modify-write, no lock"), "d[key] = d[key] + 1",
    SL_SHARED_PYTHON_THREADS, FALSE, 200000, NULL },
  { "py-dict-lock", N_("dict read-modify-write, threading.Lock"), "with lock: d[key] = d[key] + 1",
    SL_SHARED_PYTHON_THREADS, TRUE, 200000, "py-dict" },
  { "py-attr", N_("Attribute +=, no lock"), "box.n += 1",
    SL_SHARED_PYTHON_THREADS, FALSE, 200000, NULL },
  { "py-attr-lock", N_("Attribute +=, threading.Lock"), "with lock: box.n += 1",
    SL_SHARED_PYTHON_THREADS, TRUE, 200000, "py-attr" },
  { "mp-value", N_("multiprocessing.Value, its lock not held"), "value.value += 1",
    SL_SHARED_PYTHON_PROCESSES, FALSE, 50000, NULL },
  { "mp-value-lock", N_("multiprocessing.Value, its lock held"),
    "with value.get_lock(): value.value += 1",
    SL_SHARED_PYTHON_PROCESSES, TRUE, 50000, "mp-value" },
  { "mp-manager-dict", N_("Manager().dict(), no lock"), "d[key] += 1",
    SL_SHARED_PYTHON_PROCESSES, FALSE, 2000, NULL },
  { "mp-manager-dict-lock", N_("Manager().dict(), Manager().Lock()"), "with lock: d[key] += 1",
    SL_SHARED_PYTHON_PROCESSES, TRUE, 1000, "mp-manager-dict" },
  { "c-plain", N_("C, plain +="), "counter += 1",
    SL_SHARED_NATIVE_THREADS, FALSE, 2000000, NULL },
  { "c-atomic", N_("C, atomic add"), "atomic_fetch_add (&counter, 1)",
    SL_SHARED_NATIVE_THREADS, TRUE, 2000000, "c-plain" },
  { "c-mutex", N_("C, mutex"), "lock (&m); counter += 1; unlock (&m)",
    SL_SHARED_NATIVE_THREADS, TRUE, 2000000, "c-plain" },
};

const SlSharedPattern *
sl_shared_pattern_list (guint *n_patterns)
{
  if (n_patterns != NULL)
    *n_patterns = G_N_ELEMENTS (patterns);

  return patterns;
}

const SlSharedPattern *
sl_shared_pattern_lookup (const char *id)
{
  return sl_sharing_lookup (patterns, G_N_ELEMENTS (patterns), sizeof patterns[0], id);
}

const char *
sl_shared_runtime_to_string (SlSharedRuntime runtime)
{
  switch (runtime)
    {
    case SL_SHARED_PYTHON_THREADS: return "python-threads";
    case SL_SHARED_PYTHON_PROCESSES: return "python-processes";
    case SL_SHARED_NATIVE_THREADS: return "native-threads";
    default: return "?";
    }
}

void
sl_shared_counter_spec_init (SlSharedCounterSpec *spec)
{
  g_return_if_fail (spec != NULL);

  spec->workers = 4;
  spec->repetitions = 5;
  spec->updates = 0;
  spec->switch_interval_s = 0;
  spec->patterns = g_ptr_array_new ();
}

void
sl_shared_counter_spec_clear (SlSharedCounterSpec *spec)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->patterns, g_ptr_array_unref);
}

gboolean
sl_shared_counter_spec_check (const SlSharedCounterSpec  *spec,
                              GError                    **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec->workers < 1 || spec->workers > SL_SHARED_MAX_WORKERS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Worker count %u is out of range 1–%u"), spec->workers,
                   SL_SHARED_MAX_WORKERS);
      return FALSE;
    }
  if (spec->repetitions < 1 || spec->repetitions > SL_SHARED_MAX_REPETITIONS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Repetitions %u are out of range 1–%u"), spec->repetitions,
                   SL_SHARED_MAX_REPETITIONS);
      return FALSE;
    }
  if (spec->updates > SL_SHARED_MAX_UPDATES)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Updates per worker %" PRIu64 " are out of range 1–%" PRIu64),
                   (uint64_t) spec->updates, (uint64_t) SL_SHARED_MAX_UPDATES);
      return FALSE;
    }
  if (spec->switch_interval_s != 0 &&
      !(spec->switch_interval_s >= SL_SHARED_MIN_SWITCH_S &&
        spec->switch_interval_s <= SL_SHARED_MAX_SWITCH_S))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Switch interval %g s is out of range %g–%g s"), spec->switch_interval_s,
                   SL_SHARED_MIN_SWITCH_S, SL_SHARED_MAX_SWITCH_S);
      return FALSE;
    }

  return TRUE;
}

static void
pattern_result_free (gpointer data)
{
  SlSharedPatternResult *result = data;

  g_clear_pointer (&result->repetitions, g_array_unref);
  g_free (result->error);
  g_free (result);
}

void
sl_shared_counter_result_free (SlSharedCounterResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->patterns, g_ptr_array_unref);
  g_clear_pointer (&result->runtime, g_hash_table_unref);
  g_clear_pointer (&result->system, sl_sysinfo_free);
  g_free (result->created);
  g_free (result);
}

void
sl_shared_pattern_result_summarize (const SlSharedPatternResult *result,
                                    SlSharedSummary             *summary)
{
  guint n;
  g_autofree double *lost = NULL;
  g_autofree double *costs = NULL;

  g_return_if_fail (result != NULL && summary != NULL);

  memset (summary, 0, sizeof *summary);
  n = result->repetitions != NULL ? result->repetitions->len : 0;
  summary->ns_per_update = NAN;
  if (n == 0)
    return;

  lost = g_new (double, n);
  costs = g_new (double, n);
  summary->min_lost = G_MAXINT64;
  summary->max_lost = G_MININT64;
  for (guint i = 0; i < n; i++)
    {
      const SlSharedRepetition *rep = &g_array_index (result->repetitions, SlSharedRepetition, i);
      gint64 l = (gint64) result->expected - (gint64) rep->observed;

      lost[i] = (double) l;
      costs[i] = result->expected > 0 ? rep->elapsed_s * 1e9 / (double) result->expected : NAN;
      summary->min_lost = MIN (summary->min_lost, l);
      summary->max_lost = MAX (summary->max_lost, l);
      summary->total_lost += l;
      if (l != 0)
        summary->losing++;
    }
  summary->median_lost = (gint64) llround (sl_median_in_place (lost, n));
  summary->ns_per_update = sl_median_in_place (costs, n);
}

static SlSharedPatternResult *
new_pattern_result (const SlSharedPattern      *pattern,
                    const SlSharedCounterSpec  *spec)
{
  SlSharedPatternResult *result = g_new0 (SlSharedPatternResult, 1);

  result->pattern = pattern;
  result->updates = spec->updates > 0 ? spec->updates : pattern->default_updates;
  result->expected = result->updates * spec->workers;
  result->repetitions = g_array_new (FALSE, TRUE, sizeof (SlSharedRepetition));

  return result;
}

static char *
build_python_request (const SlSharedCounterSpec *spec,
                      GPtrArray                 *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  sl_json_add_int (builder, "workers", spec->workers);
  sl_json_add_int (builder, "repetitions", spec->repetitions);
  sl_json_add_double (builder, "switch_interval_s", spec->switch_interval_s);
  json_builder_set_member_name (builder, "patterns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      SlSharedPatternResult *result = results->pdata[i];

      if (result->pattern->runtime == SL_SHARED_NATIVE_THREADS)
        continue;
      json_builder_begin_object (builder);
      sl_json_add_string (builder, "id", result->pattern->id);
      sl_json_add_int (builder, "updates", (gint64) result->updates);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static SlSharedPatternResult *
find_result (GPtrArray  *results,
             const char *id)
{
  for (guint i = 0; i < results->len; i++)
    {
      SlSharedPatternResult *result = results->pdata[i];

      if (g_str_equal (result->pattern->id, id))
        return result;
    }

  return NULL;
}

/* Reads the worker's report into the Python patterns' results. */
static void
read_python_report (JsonObject            *root,
                    SlSharedCounterResult *out)
{
  JsonArray *reports = json_object_get_array_member (root, "patterns");
  JsonObject *runtime = json_object_get_object_member (root, "runtime");

  out->runtime = sl_sharing_read_runtime (runtime);

  for (guint i = 0; reports != NULL && i < json_array_get_length (reports); i++)
    {
      JsonObject *report = json_array_get_object_element (reports, i);
      const char *id = report != NULL ? json_object_get_string_member_with_default (report, "id",
                                                                                    "")
                                      : "";
      const char *problem = report != NULL
                              ? json_object_get_string_member_with_default (report, "error", "")
                              : "";
      JsonArray *reps = report != NULL && json_object_has_member (report, "repetitions")
                          ? json_object_get_array_member (report, "repetitions") : NULL;
      SlSharedPatternResult *result = find_result (out->patterns, id);

      if (result == NULL)
        continue;
      if (problem[0] != '\0')
        result->error = g_strdup (problem);
      for (guint j = 0; reps != NULL && j < json_array_get_length (reps); j++)
        {
          JsonObject *rep = json_array_get_object_element (reps, j);
          SlSharedRepetition repetition = { 0, NAN };

          if (rep == NULL)
            continue;
          repetition.observed = (guint64) json_object_get_int_member_with_default (rep,
                                                                                 "observed", 0);
          repetition.elapsed_s = json_object_get_double_member_with_default (rep, "elapsed_s",
                                                                             NAN);
          g_array_append_val (result->repetitions, repetition);
        }
    }
}

static gboolean
run_python (const SlSharedCounterSpec  *spec,
            SlSharedCounterResult      *out,
            GCancellable               *cancellable,
            GError                    **error)
{
  g_autofree char *request = build_python_request (spec, out->patterns);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  gboolean any = FALSE;

  for (guint i = 0; i < out->patterns->len && !any; i++)
    any = ((SlSharedPatternResult *) out->patterns->pdata[i])->pattern->runtime !=
          SL_SHARED_NATIVE_THREADS;
  if (!any)
    return TRUE;

  root = sl_sharing_run_script ("shared-counter", request, PYTHON_TIMEOUT_S, parser,
                                cancellable, &local_error);
  if (root == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (root != NULL)
    read_python_report (root, out);

  /* A pattern that got no answer says why. */
  for (guint i = 0; i < out->patterns->len; i++)
    {
      SlSharedPatternResult *result = out->patterns->pdata[i];

      if (result->pattern->runtime != SL_SHARED_NATIVE_THREADS &&
          result->repetitions->len == 0 && result->error == NULL)
        result->error = g_strdup (local_error != NULL ? local_error->message
                                                      : _("the worker reported nothing for it"));
    }

  return TRUE;
}

SlSharedCounterResult *
sl_shared_counter_run (const SlSharedCounterSpec  *spec,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_autoptr(SlSharedCounterResult) out = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_all;
  const SlSharedPattern *all = sl_shared_pattern_list (&n_all);
  gboolean every = spec == NULL || spec->patterns == NULL || spec->patterns->len == 0;
  guint n = every ? n_all : spec->patterns->len;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!sl_shared_counter_spec_check (spec, error))
    return NULL;

  out = g_new0 (SlSharedCounterResult, 1);
  out->workers = spec->workers;
  out->repetitions = spec->repetitions;
  out->switch_interval_s = spec->switch_interval_s;
  out->patterns = g_ptr_array_new_with_free_func (pattern_result_free);
  out->created = g_date_time_format_iso8601 (now);
  out->system = sl_sysinfo_collect ();
  sl_sysinfo_add_spec_warnings (out->system, spec->workers, TRUE);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out->patterns,
                     new_pattern_result (every ? &all[i] : spec->patterns->pdata[i], spec));

  if (!run_python (spec, out, cancellable, error))
    return NULL;

  for (guint i = 0; i < out->patterns->len; i++)
    {
      SlSharedPatternResult *result = out->patterns->pdata[i];

      if (result->pattern->runtime != SL_SHARED_NATIVE_THREADS)
        continue;
      for (guint r = 0; r < spec->repetitions; r++)
        {
          SlSharedRepetition repetition;
          g_autoptr(GError) run_error = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (!sl_shared_counter_run_native (result->pattern, spec->workers, result->updates,
                                             &repetition, &run_error))
            {
              result->error = g_strdup (run_error->message);
              break;
            }
          g_array_append_val (result->repetitions, repetition);
        }
    }

  return g_steal_pointer (&out);
}
