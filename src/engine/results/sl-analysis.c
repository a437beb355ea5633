/* sl-analysis.c: from measured repetitions to speedups, scaling fits and a recommendation. */
#define G_LOG_DOMAIN "sl-analysis"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-workload.h"

/* The sentences of the recommendation, kept together so that the wording stays consistent and
 * can move to gettext in one go. Each is a complete sentence (or clause) with its own spacing. */
#define TXT_NOTHING_DONE      "No point has finished yet, so there is nothing to compare."
#define TXT_NOTHING_MEASURED  "No point finished with a valid measurement, so there is nothing to recommend."
#define TXT_SCALES            "%s scale: %u workers ran %.2f× faster than 1 (%.0f %% efficient)."
#define TXT_NO_SCALE          "%s do not scale: at best %.2f× (%u workers)"
#define TXT_SLOWER            "%s do not scale: every extra worker made it slower (%.2f× at %u workers)"
#define TXT_NO_REFERENCE      "%s: the 1-worker run is missing or failed, so no speedup can be computed; the fastest was %u workers at %s."
#define TXT_WHY_GIL_CPU       " — a CPU-bound task under Python's global interpreter lock (GIL) runs one thread at a time, so more threads only take turns."
#define TXT_WHY_GIL           " — Python threads take turns holding the global interpreter lock (GIL), so only waiting (I/O) overlaps."
#define TXT_WHY_ONE_CPU       " — this process may use only 1 CPU, so CPU-bound work cannot run in parallel."
#define TXT_WHY_GENERIC       " — something serializes the work: a shared lock, memory bandwidth, per-task overhead or other programs on the CPUs."
#define TXT_AMDAHL_TINY       " Amdahl's fit puts the serial fraction of %s under 1 %%: in this range nearly all of the work runs in parallel."
#define TXT_AMDAHL            " Amdahl's fit puts the serial fraction of %s at %.0f %%, which would cap the speedup at %.1f× however many workers are added."
#define TXT_AMDAHL_CPUS       " Past the %u usable CPUs extra workers have no CPU of their own, and the fit counts that as serial time too."
#define TXT_AMDAHL_ALL        " Amdahl's fit puts the serial fraction of %s at %.0f %%: practically nothing runs in parallel."
#define TXT_AMDAHL_LOOSE      " Amdahl's model fits the times of %s poorly (R² = %.2f), so no serial fraction is quoted."
#define TXT_BEYOND_SLOWER     " Adding workers beyond %u made it slower: %u workers took %.0f %% longer"
#define TXT_BEYOND_NOTHING    " Adding workers beyond %u bought nothing: %u workers were within %.0f %%"
#define TXT_USL_PEAK          " (the USL fit predicts a peak near W ≈ %.1f)"
#define TXT_USE               " Use %s with %u workers"
#define TXT_USE_EQUAL         " (= the usable CPUs)."
#define TXT_USE_MORE          ", more than the %u usable CPUs: typical of I/O-bound work, where workers mostly wait rather than compute."
#define TXT_USE_MORE_CPU      ", more than the %u usable CPUs. This workload is CPU-bound, and workers beyond the CPUs only take turns, so that edge most likely comes from uneven task sizes or noise."
#define TXT_USE_FEWER         ", fewer than the %u usable CPUs."
#define TXT_USE_LARGEST       " The largest count tried was still the fastest, so larger counts may help further."
#define TXT_SEQUENTIAL        " Parallelism did not pay off here: run it with 1 worker (%s took %s)."
#define TXT_ONLY_ONE          " Only runs with 1 worker have finished (%s took %s), so there is no speedup to judge yet."
#define TXT_EITHER            " %s came within %.0f %% of that (%s against %s), so either will do."
#define TXT_FAILED            " %u of %u points failed, so the picture is incomplete."
#define TXT_FIRST_FAILURE     " The first failure: %s."
#define TXT_CANCELLED_ONE     " %u of %u points was cancelled before it finished."
#define TXT_CANCELLED         " %u of %u points were cancelled before they finished."
#define TXT_PENDING_ONE       " %u of %u points has not finished yet, so this may still change."
#define TXT_PENDING           " %u of %u points have not finished yet, so this may still change."
#define TXT_UNSTABLE_ONE      " %u point varied by more than %.0f %% between repetitions: the machine was noisy, so rerun with more repetitions or on a quieter machine."
#define TXT_UNSTABLE          " %u points varied by more than %.0f %% between repetitions: the machine was noisy, so rerun with more repetitions or on a quieter machine."
#define TXT_NO_REASON         "no reason was recorded"

/* Speedups below this do not count as "scaling" in the recommendation. */
#define MEANINGFUL_SPEEDUP 1.10
/* Below this R², Amdahl's fit describes the data too poorly to quote a serial fraction. */
#define LOOSE_FIT_R2 0.90

typedef struct {
  SlRuntime runtime;
  SlModel   model;
} ModelKey;

static const char *
model_title (SlModel model)
{
  switch (model)
    {
    case SL_MODEL_THREADS:
      return "Threads";
    case SL_MODEL_PROCESSES:
      return "Processes";
    case SL_N_MODELS:
    default:
      return "Workers";
    }
}

static const char *
model_name (SlModel model)
{
  const char *name = sl_model_to_string (model);

  return name != NULL ? name : "workers";
}

static char *
format_seconds (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup ("an unknown time");
  if (seconds >= 1.0)
    return g_strdup_printf ("%.2f s", seconds);
  if (seconds >= 1e-3)
    return g_strdup_printf ("%.1f ms", seconds * 1e3);
  return g_strdup_printf ("%.0f µs", seconds * 1e6);
}

/* Median of the finite values; sorts `values` in place. */
static double
median_in_place (double *values,
                 guint   n)
{
  guint m = 0;

  for (guint i = 0; i < n; i++)
    {
      if (isfinite (values[i]))
        values[m++] = values[i];
    }

  if (m == 0)
    return NAN;

  qsort (values, m, sizeof (double), sl_compare_doubles);
  return sl_percentile_sorted (values, m, 0.5);
}

static gboolean
point_is_measurable (const SlPoint *point)
{
  return (point->status == SL_POINT_DONE || point->status == SL_POINT_RUNNING) &&
         point->repetitions != NULL && point->repetitions->len > 0;
}

static void
point_clear_derived (SlPoint *point)
{
  sl_summary_compute (&point->wall, NULL, 0, NULL);
  point->startup_s = NAN;
  point->user_s = NAN;
  point->sys_s = NAN;
  point->cpu_util = NAN;
  point->voluntary_cs = NAN;
  point->involuntary_cs = NAN;
  point->peak_rss_kb = NAN;
  point->speedup = NAN;
  point->speedup_err = NAN;
  point->efficiency = NAN;
  point->karp_flatt = NAN;

  for (guint i = 0; point->repetitions != NULL && i < point->repetitions->len; i++)
    g_array_index (point->repetitions, SlRepetition, i).outlier = FALSE;
}

void
sl_point_summarize_latencies (SlPoint *point)
{
  g_autofree double *finite = NULL;
  guint m = 0;

  g_return_if_fail (point != NULL);

  /* Sorting every task's latency is the costliest step of the analysis: do it once per change. */
  if (point->latencies_s != NULL && point->latencies_s->len > 0 &&
      point->latencies_summarized == point->latencies_s->len)
    return;

  point->latency_p50 = NAN;
  point->latency_p95 = NAN;
  point->latency_p99 = NAN;
  point->latencies_summarized = point->latencies_s != NULL ? point->latencies_s->len : 0;

  if (point->latencies_s == NULL || point->latencies_s->len == 0)
    return;

  finite = g_new (double, point->latencies_s->len);
  for (guint i = 0; i < point->latencies_s->len; i++)
    {
      double value = g_array_index (point->latencies_s, double, i);

      if (isfinite (value))
        finite[m++] = value;
    }

  if (m == 0)
    return;

  point->latency_p50 = sl_percentile_select (finite, m, 0.50);
  point->latency_p95 = sl_percentile_select (finite, m, 0.95);
  point->latency_p99 = sl_percentile_select (finite, m, 0.99);
}

static void
point_update_measurements (SlPoint *point)
{
  GArray *reps = point->repetitions;
  guint n;
  guint valid = 0;
  g_autofree double *walls = NULL;
  g_autofree gboolean *outliers = NULL;
  g_autofree double *startup = NULL;
  g_autofree double *user = NULL;
  g_autofree double *sys = NULL;
  g_autofree double *util = NULL;
  g_autofree double *vcs = NULL;
  g_autofree double *ics = NULL;
  double peak = NAN;

  point_clear_derived (point);
  sl_point_summarize_latencies (point);

  if (!point_is_measurable (point))
    return;

  n = reps->len;
  walls = g_new (double, n);
  outliers = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    walls[i] = g_array_index (reps, SlRepetition, i).wall_s;

  sl_summary_compute (&point->wall, walls, n, outliers);
  for (guint i = 0; i < n; i++)
    g_array_index (reps, SlRepetition, i).outlier = outliers[i];

  /* A repetition without a valid wall time is not a measurement: none of its numbers count. */
  startup = g_new (double, n);
  user = g_new (double, n);
  sys = g_new (double, n);
  util = g_new (double, n);
  vcs = g_new (double, n);
  ics = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      const SlRepetition *rep = &g_array_index (reps, SlRepetition, i);

      if (!isfinite (rep->wall_s) || rep->wall_s < 0.0)
        continue;

      startup[valid] = rep->startup_s;
      user[valid] = rep->usage.user_s;
      sys[valid] = rep->usage.sys_s;
      util[valid] = rep->wall_s > 0.0 ? (rep->usage.user_s + rep->usage.sys_s) / rep->wall_s : NAN;
      vcs[valid] = (double) rep->usage.voluntary_cs;
      ics[valid] = (double) rep->usage.involuntary_cs;
      if (isnan (peak) || (double) rep->usage.peak_rss_kb > peak)
        peak = (double) rep->usage.peak_rss_kb;
      valid++;
    }

  if (valid == 0)
    return;

  point->startup_s = median_in_place (startup, valid);
  point->user_s = median_in_place (user, valid);
  point->sys_s = median_in_place (sys, valid);
  point->cpu_util = median_in_place (util, valid);
  point->voluntary_cs = median_in_place (vcs, valid);
  point->involuntary_cs = median_in_place (ics, valid);
  point->peak_rss_kb = peak;
}

static gboolean
point_has_time (const SlPoint *point)
{
  return point_is_measurable (point) && isfinite (point->wall.median) && point->wall.median > 0.0;
}

static SlPoint *
find_reference (SlResult      *result,
                const SlPoint *point)
{
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *other = g_ptr_array_index (result->points, i);

      if (other->runtime == point->runtime && other->model == point->model &&
          other->workers == 1 && point_has_time (other))
        return other;
    }

  return NULL;
}

static void
point_update_speedup (SlResult *result,
                      SlPoint  *point)
{
  SlPoint *reference;
  double t1, tw, s1, sw;

  if (!point_has_time (point))
    return;

  reference = find_reference (result, point);
  if (reference == NULL)
    return;

  t1 = reference->wall.median;
  tw = point->wall.median;
  point->speedup = t1 / tw;

  if (reference == point)
    {
      /* The same measurements on both sides of the ratio: 1 exactly, no uncertainty. */
      point->speedup_err = 0.0;
    }
  else
    {
      s1 = isfinite (reference->wall.stddev) ? reference->wall.stddev : 0.0;
      sw = isfinite (point->wall.stddev) ? point->wall.stddev : 0.0;
      point->speedup_err = point->speedup * sqrt ((s1 / t1) * (s1 / t1) + (sw / tw) * (sw / tw));
    }

  if (point->workers > 0)
    point->efficiency = point->speedup / point->workers;
  point->karp_flatt = sl_karp_flatt (point->speedup, point->workers);
}

static gboolean
key_listed (GArray         *keys,
            const ModelKey *key)
{
  for (guint i = 0; i < keys->len; i++)
    {
      const ModelKey *k = &g_array_index (keys, ModelKey, i);

      if (k->runtime == key->runtime && k->model == key->model)
        return TRUE;
    }

  return FALSE;
}

/* The spec's models first, in its order; then anything the points hold beyond that (a result
 * loaded from a file written by a later version, say). */
static GArray *
collect_model_keys (SlResult *result)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (ModelKey));

  if (result->spec != NULL && result->spec->models != NULL)
    {
      for (guint i = 0; i < result->spec->models->len; i++)
        {
          ModelKey key = { result->spec->runtime, g_array_index (result->spec->models, SlModel, i) };

          if (!key_listed (keys, &key))
            g_array_append_val (keys, key);
        }
    }

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);
      ModelKey key = { point->runtime, point->model };

      if (!key_listed (keys, &key))
        g_array_append_val (keys, key);
    }

  return keys;
}

static gboolean
point_matches (const SlPoint  *point,
               const ModelKey *key)
{
  return point->runtime == key->runtime && point->model == key->model;
}

static gboolean
point_counts_for_fits (const SlPoint *point)
{
  return point->status == SL_POINT_DONE && point_has_time (point);
}

static guint
count_distinct (const double *values,
                guint         n)
{
  guint distinct = 0;

  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = values[j] == values[i];
      if (!seen)
        distinct++;
    }

  return distinct;
}

/* Fills `out`; returns the lowest median of the model (NaN when it has no finished point). */
static SlWorkloadKind
guess_workload_kind (SlResult *result,
                     gboolean *known)
{
  const SlWorkload *workload = NULL;

  if (result->spec != NULL && result->spec->workload != NULL)
    workload = sl_workload_lookup (result->spec->workload);

  *known = workload != NULL;
  return workload != NULL ? workload->kind : SL_WORKLOAD_KIND_CPU;
}

static double
analyse_model (SlResult        *result,
               const ModelKey  *key,
               SlModelAnalysis *out)
{
  g_autofree double *workers = g_new (double, MAX (result->points->len, 1));
  g_autofree double *times = g_new (double, MAX (result->points->len, 1));
  g_autofree double *speedups = g_new (double, MAX (result->points->len, 1));
  g_autofree double *usl_workers = g_new (double, MAX (result->points->len, 1));
  g_autofree double *usl_speedups = g_new (double, MAX (result->points->len, 1));
  double lowest = NAN;
  guint n = 0;
  guint n_usl = 0;
  guint distinct;
  double a, b, r2;

  out->runtime = key->runtime;
  out->model = key->model;
  out->best_workers = 0;
  out->best_time_s = NAN;
  out->best_speedup = NAN;
  out->amdahl_a = NAN;
  out->amdahl_b = NAN;
  out->serial_fraction = NAN;
  out->amdahl_r2 = NAN;
  out->usl_sigma = NAN;
  out->usl_kappa = NAN;
  out->usl_peak_workers = NAN;
  out->fitted = FALSE;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (!point_matches (point, key) || !point_counts_for_fits (point))
        continue;

      workers[n] = point->workers;
      times[n] = point->wall.median;
      speedups[n] = point->speedup;
      if (isnan (lowest) || times[n] < lowest)
        lowest = times[n];
      if (isfinite (point->speedup))
        {
          usl_workers[n_usl] = point->workers;
          usl_speedups[n_usl] = point->speedup;
          n_usl++;
        }
      n++;
    }

  if (n == 0)
    return NAN;

  for (guint i = 0; i < n; i++)
    {
      if (times[i] > lowest * (1.0 + SL_BEST_TOLERANCE))
        continue;
      if (out->best_workers == 0 || workers[i] < out->best_workers)
        {
          out->best_workers = (guint) workers[i];
          out->best_time_s = times[i];
          out->best_speedup = speedups[i];
        }
    }

  distinct = count_distinct (workers, n);

  /* Amdahl's law counts processors, not workers: for CPU-bound work, W workers on P usable CPUs
   * run at most min (W, P) at a time. Without the cap, the flat tail past P would be read as a
   * serial fraction that the work does not have. */
  {
    gboolean kind_known;
    SlWorkloadKind kind = guess_workload_kind (result, &kind_known);
    guint usable = result->system != NULL ? result->system->usable_cpus : 0;

    out->amdahl_cpus = 0;
    if (kind_known && usable > 0 &&
        (kind == SL_WORKLOAD_KIND_CPU || kind == SL_WORKLOAD_KIND_MEMORY ||
         kind == SL_WORKLOAD_KIND_OVERHEAD))
      {
        out->amdahl_cpus = usable;
        for (guint i = 0; i < n; i++)
          workers[i] = MIN (workers[i], (double) usable);
      }
  }

  if (sl_amdahl_fit (workers, times, n, &a, &b, &r2))
    {
      out->amdahl_a = a;
      out->amdahl_b = b;
      out->amdahl_r2 = r2;
      if (a + b > 0.0)
        out->serial_fraction = a / (a + b);
    }

  if (n_usl >= 3)
    {
      double sigma, kappa;

      if (sl_usl_fit (usl_workers, usl_speedups, n_usl, &sigma, &kappa))
        {
          out->usl_sigma = sigma;
          out->usl_kappa = kappa;
          if (kappa > 0.0 && sigma < 1.0)
            out->usl_peak_workers = sqrt ((1.0 - sigma) / kappa);
        }
    }

  out->fitted = distinct >= 3 && isfinite (out->amdahl_a);

  return lowest;
}

/* The largest worker count of a model with a finished point, and its point. */
static const SlPoint *
find_largest_done_point (SlResult  *result,
                         SlRuntime  runtime,
                         SlModel    model)
{
  const SlPoint *largest = NULL;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->runtime == runtime && point->model == model && point_counts_for_fits (point) &&
          (largest == NULL || point->workers > largest->workers))
        largest = point;
    }

  return largest;
}

/* The point of a model with the highest known speedup at W > 1. */
static const SlPoint *
find_peak_speedup_point (SlResult  *result,
                         SlRuntime  runtime,
                         SlModel    model)
{
  const SlPoint *peak = NULL;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->runtime != runtime || point->model != model || point->workers <= 1 ||
          !point_counts_for_fits (point) || !isfinite (point->speedup))
        continue;
      if (peak == NULL || point->speedup > peak->speedup)
        peak = point;
    }

  return peak;
}


static void
explain_no_scaling (GString               *text,
                    SlResult              *result,
                    const SlModelAnalysis *ma)
{
  gboolean kind_known;
  SlWorkloadKind kind = guess_workload_kind (result, &kind_known);
  gboolean cpu_bound = kind_known && kind == SL_WORKLOAD_KIND_CPU;
  guint usable = result->system != NULL ? result->system->usable_cpus : 0;

  if (ma->runtime == SL_RUNTIME_PYTHON && ma->model == SL_MODEL_THREADS)
    g_string_append (text, cpu_bound ? TXT_WHY_GIL_CPU : TXT_WHY_GIL);
  else if (usable == 1 && (!kind_known || kind != SL_WORKLOAD_KIND_IO))
    g_string_append (text, TXT_WHY_ONE_CPU);
  else
    g_string_append (text, TXT_WHY_GENERIC);
}

static void
describe_model (GString               *text,
                SlResult              *result,
                const SlModelAnalysis *ma)
{
  const SlPoint *peak = find_peak_speedup_point (result, ma->runtime, ma->model);
  gboolean scales = ma->best_workers > 1 && ma->best_speedup >= MEANINGFUL_SPEEDUP;

  if (ma->best_workers == 0)
    return;
  /* With only W = 1 finished there is nothing to say about scaling yet. */
  if (isfinite (ma->best_speedup) && !scales && peak == NULL)
    return;

  if (text->len > 0)
    g_string_append_c (text, ' ');

  if (!isfinite (ma->best_speedup))
    {
      g_autofree char *best = format_seconds (ma->best_time_s);

      g_string_append_printf (text, TXT_NO_REFERENCE, model_title (ma->model), ma->best_workers, best);
    }
  else if (scales)
    {
      g_string_append_printf (text, TXT_SCALES, model_title (ma->model), ma->best_workers,
                              ma->best_speedup, 100.0 * ma->best_speedup / ma->best_workers);
    }
  else
    {
      if (peak->speedup < 1.0 - SL_BEST_TOLERANCE)
        g_string_append_printf (text, TXT_SLOWER, model_title (ma->model), peak->speedup, peak->workers);
      else
        g_string_append_printf (text, TXT_NO_SCALE, model_title (ma->model), peak->speedup, peak->workers);
      explain_no_scaling (text, result, ma);
    }
}

static void
describe_amdahl (GString               *text,
                 SlResult              *result,
                 const SlModelAnalysis *ma)
{
  double f = ma->serial_fraction;
  guint usable = result->system != NULL ? result->system->usable_cpus : 0;
  const SlPoint *largest = find_largest_done_point (result, ma->runtime, ma->model);
  gboolean kind_known;
  SlWorkloadKind kind = guess_workload_kind (result, &kind_known);

  if (!ma->fitted || !isfinite (f))
    return;

  /* A cap computed from a fit that does not match the data would contradict the measurements. */
  if (isfinite (ma->amdahl_r2) && ma->amdahl_r2 < LOOSE_FIT_R2)
    {
      g_string_append_printf (text, TXT_AMDAHL_LOOSE, model_name (ma->model), ma->amdahl_r2);
      return;
    }

  if (f < 0.01)
    g_string_append_printf (text, TXT_AMDAHL_TINY, model_name (ma->model));
  else if (f >= 0.99)
    g_string_append_printf (text, TXT_AMDAHL_ALL, model_name (ma->model), 100.0 * f);
  else
    g_string_append_printf (text, TXT_AMDAHL, model_name (ma->model), 100.0 * f, 1.0 / f);

  if (f >= 0.01 && usable > 0 && largest != NULL && largest->workers > usable &&
      ma->best_workers <= usable && !(kind_known && kind == SL_WORKLOAD_KIND_IO))
    g_string_append_printf (text, TXT_AMDAHL_CPUS, usable);
}

static void
describe_beyond_best (GString               *text,
                      SlResult              *result,
                      const SlModelAnalysis *ma)
{
  const SlPoint *largest = find_largest_done_point (result, ma->runtime, ma->model);
  double change;

  if (largest == NULL || largest->workers <= ma->best_workers)
    return;

  change = largest->wall.median / ma->best_time_s - 1.0;
  if (change > SL_BEST_TOLERANCE)
    g_string_append_printf (text, TXT_BEYOND_SLOWER, ma->best_workers, largest->workers, 100.0 * change);
  else
    g_string_append_printf (text, TXT_BEYOND_NOTHING, ma->best_workers, largest->workers,
                            100.0 * SL_BEST_TOLERANCE);

  if (ma->fitted && isfinite (ma->usl_peak_workers) && ma->usl_peak_workers >= 1.0)
    g_string_append_printf (text, TXT_USL_PEAK, ma->usl_peak_workers);
  g_string_append_c (text, '.');
}

static void
describe_choice (GString               *text,
                 SlResult              *result,
                 const SlModelAnalysis *best)
{
  guint usable = result->system != NULL ? result->system->usable_cpus : 0;
  const SlPoint *largest = find_largest_done_point (result, best->runtime, best->model);
  gboolean kind_known;
  gboolean cpu_bound = guess_workload_kind (result, &kind_known) == SL_WORKLOAD_KIND_CPU && kind_known;

  if (best->best_workers <= 1)
    {
      g_autofree char *time = format_seconds (best->best_time_s);
      gboolean compared = FALSE;

      for (guint i = 0; i < result->points->len && !compared; i++)
        {
          const SlPoint *point = g_ptr_array_index (result->points, i);

          compared = point->workers > 1 && point_counts_for_fits (point);
        }

      g_string_append_printf (text, compared ? TXT_SEQUENTIAL : TXT_ONLY_ONE,
                              model_name (best->model), time);
      return;
    }

  g_string_append_printf (text, TXT_USE, model_name (best->model), best->best_workers);
  if (usable == 0)
    g_string_append_c (text, '.');
  else if (best->best_workers == usable)
    g_string_append (text, TXT_USE_EQUAL);
  else if (best->best_workers > usable && cpu_bound)
    g_string_append_printf (text, TXT_USE_MORE_CPU, usable);
  else if (best->best_workers > usable)
    g_string_append_printf (text, TXT_USE_MORE, usable);
  else
    g_string_append_printf (text, TXT_USE_FEWER, usable);

  if (largest != NULL && largest->workers == best->best_workers &&
      !(cpu_bound && usable > 0 && best->best_workers > usable))
    g_string_append (text, TXT_USE_LARGEST);
}

static void
describe_alternatives (GString               *text,
                       const SlAnalysis      *analysis,
                       guint                  best_index,
                       const double          *lowest)
{
  for (guint i = 0; i < analysis->models->len; i++)
    {
      const SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);
      g_autofree char *mine = NULL;
      g_autofree char *theirs = NULL;

      if (i == best_index || ma->best_workers == 0 || !isfinite (lowest[i]))
        continue;
      if (lowest[i] > lowest[best_index] * (1.0 + SL_BEST_TOLERANCE))
        continue;

      mine = format_seconds (lowest[i]);
      theirs = format_seconds (lowest[best_index]);
      g_string_append_printf (text, TXT_EITHER, model_title (ma->model),
                              100.0 * SL_BEST_TOLERANCE, mine, theirs);
    }
}

static void
describe_health (GString  *text,
                 SlResult *result)
{
  guint total = result->points->len;
  guint failed = 0, cancelled = 0, pending = 0, unstable = 0;
  const char *first_error = NULL;

  for (guint i = 0; i < total; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      switch (point->status)
        {
        case SL_POINT_FAILED:
          failed++;
          if (first_error == NULL && point->error != NULL && *point->error != '\0')
            first_error = point->error;
          break;
        case SL_POINT_CANCELLED:
          cancelled++;
          break;
        case SL_POINT_PENDING:
        case SL_POINT_RUNNING:
          pending++;
          break;
        case SL_POINT_DONE:
        default:
          break;
        }

      if (point_is_measurable (point) && point->wall.unstable)
        unstable++;
    }

  if (failed > 0)
    {
      g_autofree char *reason = g_strdup (first_error != NULL ? first_error : TXT_NO_REASON);
      gsize len = strlen (g_strstrip (reason));

      /* The sentence brings its own full stop. */
      if (len > 0 && reason[len - 1] == '.')
        reason[len - 1] = '\0';
      g_string_append_printf (text, TXT_FAILED, failed, total);
      g_string_append_printf (text, TXT_FIRST_FAILURE, reason);
    }
  if (cancelled > 0)
    g_string_append_printf (text, cancelled == 1 ? TXT_CANCELLED_ONE : TXT_CANCELLED, cancelled, total);
  if (pending > 0 && result->status == SL_RESULT_RUNNING)
    g_string_append_printf (text, pending == 1 ? TXT_PENDING_ONE : TXT_PENDING, pending, total);
  if (unstable > 0)
    g_string_append_printf (text, unstable == 1 ? TXT_UNSTABLE_ONE : TXT_UNSTABLE, unstable,
                            100.0 * SL_UNSTABLE_CV);
}

static char *
build_recommendation (SlResult         *result,
                      const SlAnalysis *analysis,
                      const double     *lowest)
{
  GString *text = g_string_new (NULL);
  const SlModelAnalysis *best = NULL;
  guint best_index = 0;
  gboolean any_done = FALSE;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      any_done = any_done || point->status == SL_POINT_DONE;
    }

  if (!analysis->has_best)
    {
      g_string_append (text, any_done ? TXT_NOTHING_MEASURED : TXT_NOTHING_DONE);
      describe_health (text, result);
      return g_strchug (g_string_free (text, FALSE));
    }

  for (guint i = 0; i < analysis->models->len; i++)
    {
      const SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);

      if (ma->runtime == analysis->best_runtime && ma->model == analysis->best_model)
        {
          best = ma;
          best_index = i;
        }
    }
  g_assert (best != NULL);

  /* The best model first: the sentence a reader needs most. */
  describe_model (text, result, best);
  for (guint i = 0; i < analysis->models->len; i++)
    {
      const SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);

      if (ma != best)
        describe_model (text, result, ma);
    }

  describe_amdahl (text, result, best);
  describe_beyond_best (text, result, best);
  describe_choice (text, result, best);
  describe_alternatives (text, analysis, best_index, lowest);
  describe_health (text, result);

  /* Sentences start with their own space; the paragraph does not. */
  return g_strchug (g_string_free (text, FALSE));
}

void
sl_analysis_update (SlResult *result)
{
  g_autoptr(GArray) keys = NULL;
  g_autofree double *lowest = NULL;
  SlAnalysis *analysis;
  double overall = NAN;

  g_return_if_fail (result != NULL);
  g_return_if_fail (result->points != NULL);

  for (guint i = 0; i < result->points->len; i++)
    point_update_measurements (g_ptr_array_index (result->points, i));

  /* A second pass: every speedup needs its W = 1 point summarized first. */
  for (guint i = 0; i < result->points->len; i++)
    point_update_speedup (result, g_ptr_array_index (result->points, i));

  analysis = sl_analysis_new ();
  keys = collect_model_keys (result);
  lowest = g_new (double, MAX (keys->len, 1));
  g_array_set_size (analysis->models, keys->len);

  for (guint i = 0; i < keys->len; i++)
    {
      SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);

      lowest[i] = analyse_model (result, &g_array_index (keys, ModelKey, i), ma);
      if (isfinite (lowest[i]) && (isnan (overall) || lowest[i] < overall))
        {
          overall = lowest[i];
          analysis->has_best = TRUE;
          analysis->best_runtime = ma->runtime;
          analysis->best_model = ma->model;
          analysis->best_workers = ma->best_workers;
          analysis->best_speedup = ma->best_speedup;
          analysis->serial_fraction = ma->serial_fraction;
        }
    }

  analysis->recommendation = build_recommendation (result, analysis, lowest);

  g_clear_pointer (&result->analysis, sl_analysis_free);
  result->analysis = analysis;
}

gboolean
sl_amdahl_fit (const double *workers,
               const double *times,
               guint         n,
               double       *a,
               double       *b,
               double       *r2)
{
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  double x_mean = 0.0, y_mean = 0.0;
  double sxx = 0.0, sxy = 0.0, xx = 0.0, xy = 0.0;
  double ss_tot = 0.0, ss_res = 0.0;
  double fit_a, fit_b, fit_r2;
  guint m = 0;

  if (a != NULL)
    *a = NAN;
  if (b != NULL)
    *b = NAN;
  if (r2 != NULL)
    *r2 = NAN;

  g_return_val_if_fail (n == 0 || (workers != NULL && times != NULL), FALSE);

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (workers[i]) || workers[i] <= 0.0 || !isfinite (times[i]))
        continue;
      x[m] = 1.0 / workers[i];
      y[m] = times[i];
      x_mean += x[m];
      y_mean += y[m];
      m++;
    }

  if (count_distinct (x, m) < 2)
    return FALSE;

  x_mean /= m;
  y_mean /= m;
  for (guint i = 0; i < m; i++)
    {
      sxx += (x[i] - x_mean) * (x[i] - x_mean);
      sxy += (x[i] - x_mean) * (y[i] - y_mean);
      xx += x[i] * x[i];
      xy += x[i] * y[i];
    }

  fit_b = sxy / sxx;
  fit_a = y_mean - fit_b * x_mean;

  /* A negative serial part has no meaning: fit the parallel part alone. */
  if (fit_a < 0.0)
    {
      fit_a = 0.0;
      fit_b = xy / xx;
    }
  /* Times that grow with W leave nothing parallel to describe: all of it is serial. */
  if (fit_b < 0.0)
    {
      fit_b = 0.0;
      fit_a = y_mean;
    }

  for (guint i = 0; i < m; i++)
    {
      double residual = y[i] - (fit_a + fit_b * x[i]);

      ss_tot += (y[i] - y_mean) * (y[i] - y_mean);
      ss_res += residual * residual;
    }

  /* Identical times leave nothing to explain; an exact fit of them is still a perfect fit. */
  if (ss_tot <= 1e-300)
    fit_r2 = ss_res <= 1e-300 ? 1.0 : 0.0;
  else
    fit_r2 = 1.0 - ss_res / ss_tot;

  if (a != NULL)
    *a = fit_a;
  if (b != NULL)
    *b = fit_b;
  if (r2 != NULL)
    *r2 = fit_r2;

  return TRUE;
}

static double
usl_residuals (const double *x1,
               const double *x2,
               const double *y,
               guint         m,
               double        sigma,
               double        kappa)
{
  double sse = 0.0;

  for (guint i = 0; i < m; i++)
    {
      double r = y[i] - sigma * x1[i] - kappa * x2[i];

      sse += r * r;
    }

  return sse;
}

gboolean
sl_usl_fit (const double *workers,
            const double *speedups,
            guint         n,
            double       *sigma,
            double       *kappa)
{
  g_autofree double *x1 = g_new (double, MAX (n, 1));
  g_autofree double *x2 = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  g_autofree double *parallel = g_new (double, MAX (n, 1));
  double a11 = 0.0, a12 = 0.0, a22 = 0.0, c1 = 0.0, c2 = 0.0;
  double det;
  double best_sigma, best_kappa, best_sse;
  double only_sigma, only_kappa, sse;
  guint m = 0, n_parallel = 0;

  if (sigma != NULL)
    *sigma = NAN;
  if (kappa != NULL)
    *kappa = NAN;

  g_return_val_if_fail (n == 0 || (workers != NULL && speedups != NULL), FALSE);

  /* Linearized: W/S - 1 = sigma (W - 1) + kappa W (W - 1), a fit through the origin. */
  for (guint i = 0; i < n; i++)
    {
      double w = workers[i];
      double s = speedups[i];

      if (!isfinite (w) || w < 1.0 || !isfinite (s) || s <= 0.0)
        continue;

      x1[m] = w - 1.0;
      x2[m] = w * (w - 1.0);
      y[m] = w / s - 1.0;
      a11 += x1[m] * x1[m];
      a12 += x1[m] * x2[m];
      a22 += x2[m] * x2[m];
      c1 += x1[m] * y[m];
      c2 += x2[m] * y[m];
      if (w > 1.0)
        parallel[n_parallel++] = w;
      m++;
    }

  /* W = 1 carries no information (both regressors vanish): two parameters need two other W. */
  if (count_distinct (parallel, n_parallel) < 2)
    return FALSE;

  /* Non-negative least squares in two unknowns: the unconstrained optimum if it is feasible,
   * otherwise the better of the two fits with one parameter held at zero. */
  only_sigma = MAX (0.0, c1 / a11);
  only_kappa = MAX (0.0, c2 / a22);
  best_sigma = only_sigma;
  best_kappa = 0.0;
  best_sse = usl_residuals (x1, x2, y, m, only_sigma, 0.0);

  sse = usl_residuals (x1, x2, y, m, 0.0, only_kappa);
  if (sse < best_sse)
    {
      best_sigma = 0.0;
      best_kappa = only_kappa;
      best_sse = sse;
    }

  det = a11 * a22 - a12 * a12;
  if (det > 1e-12 * a11 * a22)
    {
      double full_sigma = (c1 * a22 - c2 * a12) / det;
      double full_kappa = (a11 * c2 - a12 * c1) / det;

      if (full_sigma >= 0.0 && full_kappa >= 0.0)
        {
          sse = usl_residuals (x1, x2, y, m, full_sigma, full_kappa);
          if (sse <= best_sse)
            {
              best_sigma = full_sigma;
              best_kappa = full_kappa;
            }
        }
    }

  if (sigma != NULL)
    *sigma = best_sigma;
  if (kappa != NULL)
    *kappa = best_kappa;

  return TRUE;
}

double
sl_usl_speedup (double workers,
                double sigma,
                double kappa)
{
  double denominator = 1.0 + sigma * (workers - 1.0) + kappa * workers * (workers - 1.0);

  if (!isfinite (denominator) || denominator <= 0.0)
    return NAN;

  return workers / denominator;
}

double
sl_amdahl_speedup (double workers,
                   double serial_fraction)
{
  double denominator;

  if (!(workers > 0.0))
    return NAN;

  denominator = serial_fraction + (1.0 - serial_fraction) / workers;
  if (!(denominator > 0.0))
    return NAN;

  return 1.0 / denominator;
}

double
sl_karp_flatt (double speedup,
               double workers)
{
  if (!(workers > 1.0) || !isfinite (speedup) || speedup <= 0.0)
    return NAN;

  return (1.0 / speedup - 1.0 / workers) / (1.0 - 1.0 / workers);
}
