/* sl-analysis.c: from measured repetitions to speedups, scaling fits and a recommendation. */
#define G_LOG_DOMAIN "sl-analysis"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-analysis.h"
#include "sl-analysis-private.h"
#include "sl-fit.h"
#include "sl-interval.h"

typedef struct {
  SlRuntime runtime;
  SlModel   model;
} ModelKey;

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

/* Outlier flags too are derived: the next summary sets them again. */
static void
point_clear_derived (SlPoint *point)
{
  sl_point_clear_derived (point);
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

/* The wall times of the repetitions, in their order (NaN where not measured). */
static double *
point_walls (const SlPoint *point)
{
  double *walls = g_new (double, MAX (point->repetitions->len, 1));

  for (guint i = 0; i < point->repetitions->len; i++)
    walls[i] = g_array_index (point->repetitions, SlRepetition, i).wall_s;

  return walls;
}

static void
point_update_measurements (SlPoint *point)
{
  GArray *reps = point->repetitions;
  /* The medians of the repetitions' usage, one column of `columns` each. */
  double *medians[] = {
    &point->startup_s, &point->user_s, &point->sys_s, &point->cpu_util, &point->voluntary_cs,
    &point->involuntary_cs,
  };
  g_autofree double *walls = NULL;
  g_autofree gboolean *outliers = NULL;
  g_autofree double *columns = NULL;
  double peak = NAN;
  guint n;
  guint valid = 0;

  point_clear_derived (point);
  sl_point_summarize_latencies (point);

  if (!sl_analysis_point_is_measurable (point))
    return;

  n = reps->len;
  walls = point_walls (point);
  outliers = g_new0 (gboolean, n);

  sl_summary_compute (&point->wall, walls, n, outliers);
  for (guint i = 0; i < n; i++)
    g_array_index (reps, SlRepetition, i).outlier = outliers[i];

  /* A repetition without a valid wall time is not a measurement: none of its numbers count. */
  columns = g_new (double, G_N_ELEMENTS (medians) * n);
  for (guint i = 0; i < n; i++)
    {
      const SlRepetition *rep = &g_array_index (reps, SlRepetition, i);
      const double row[] = {
        rep->startup_s, rep->usage.user_s, rep->usage.sys_s,
        rep->wall_s > 0.0 ? (rep->usage.user_s + rep->usage.sys_s) / rep->wall_s : NAN,
        (double) rep->usage.voluntary_cs, (double) rep->usage.involuntary_cs,
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (row) == G_N_ELEMENTS (medians));
      if (!isfinite (rep->wall_s) || rep->wall_s < 0.0)
        continue;

      for (guint q = 0; q < G_N_ELEMENTS (row); q++)
        columns[q * n + valid] = row[q];
      if (isnan (peak) || (double) rep->usage.peak_rss_kb > peak)
        peak = (double) rep->usage.peak_rss_kb;
      valid++;
    }

  if (valid == 0)
    return;

  for (guint q = 0; q < G_N_ELEMENTS (medians); q++)
    *medians[q] = median_in_place (columns + q * n, valid);
  point->peak_rss_kb = peak;
}

/* A point's own bootstrap seed: the same point always resamples alike, whatever else the
 * result holds or in whatever order it is analysed. */
static guint64
point_seed (const SlPoint *point)
{
  return ((guint64) point->runtime << 40) ^ ((guint64) point->model << 32) ^ point->workers;
}

static SlPoint *
find_reference (SlResult      *result,
                const SlPoint *point)
{
  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *other = g_ptr_array_index (result->points, i);

      if (other->runtime == point->runtime && other->model == point->model &&
          other->workers == 1 && sl_analysis_point_has_time (other))
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

  if (!sl_analysis_point_has_time (point))
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
      point->speedup_lo = point->speedup_hi = 1.0;
    }
  else
    {
      g_autofree double *ref_walls = point_walls (reference);
      g_autofree double *walls = point_walls (point);

      s1 = isfinite (reference->wall.stddev) ? reference->wall.stddev : 0.0;
      sw = isfinite (point->wall.stddev) ? point->wall.stddev : 0.0;
      point->speedup_err = point->speedup * sqrt ((s1 / t1) * (s1 / t1) + (sw / tw) * (sw / tw));
      sl_bootstrap_ratio_interval (ref_walls, reference->repetitions->len,
                                   walls, point->repetitions->len, point_seed (point),
                                   &point->speedup_lo, &point->speedup_hi);
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

/* Fills `out`: its best_workers stays 0 when the model has no finished point. */
static void
analyse_model (SlResult        *result,
               const ModelKey  *key,
               SlModelAnalysis *out)
{
  g_autofree double *workers = g_new (double, MAX (result->points->len, 1));
  g_autofree double *times = g_new (double, MAX (result->points->len, 1));
  g_autofree double *usl_workers = g_new (double, MAX (result->points->len, 1));
  g_autofree double *usl_speedups = g_new (double, MAX (result->points->len, 1));
  guint n = 0;
  guint n_usl = 0;
  guint distinct;
  double a, b, r2;

  *out = (SlModelAnalysis) {
    .runtime = key->runtime, .model = key->model, .best_time_s = NAN, .best_speedup = NAN,
    .best_basis = SL_BEST_ONLY_POINT, .fastest_time_s = NAN,
    .amdahl_a = NAN, .amdahl_b = NAN, .serial_fraction = NAN, .amdahl_r2 = NAN,
    .usl_sigma = NAN, .usl_kappa = NAN, .usl_peak_workers = NAN,
  };

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (!point_matches (point, key) || !sl_analysis_point_counts_for_fits (point))
        continue;

      workers[n] = point->workers;
      times[n] = point->wall.median;
      if (isfinite (point->speedup))
        {
          usl_workers[n_usl] = point->workers;
          usl_speedups[n_usl] = point->speedup;
          n_usl++;
        }
      n++;
    }

  if (n == 0)
    return;

  sl_analysis_choose_best (result, out);

  distinct = sl_count_distinct (workers, n);

  /* Amdahl's law counts processors, not workers: for CPU-bound work, W workers on P usable CPUs
   * run at most min (W, P) at a time. Without the cap, the flat tail past P would be read as a
   * serial fraction that the work does not have. */
  out->amdahl_cpus = sl_analysis_cpu_cap (result);
  for (guint i = 0; out->amdahl_cpus > 0 && i < n; i++)
    workers[i] = MIN (workers[i], (double) out->amdahl_cpus);

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
}

void
sl_analysis_update (SlResult *result)
{
  g_autoptr(GArray) keys = NULL;
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
  g_array_set_size (analysis->models, keys->len);

  /* Models compete with the times of the counts they recommend: a model's fastest point may be
   * one that its own test does not trust. */
  for (guint i = 0; i < keys->len; i++)
    {
      SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);

      analyse_model (result, &g_array_index (keys, ModelKey, i), ma);
      if (ma->best_workers > 0 && isfinite (ma->best_time_s) &&
          (isnan (overall) || ma->best_time_s < overall))
        {
          overall = ma->best_time_s;
          analysis->has_best = TRUE;
          analysis->best_runtime = ma->runtime;
          analysis->best_model = ma->model;
          analysis->best_workers = ma->best_workers;
          analysis->best_speedup = ma->best_speedup;
          analysis->serial_fraction = ma->serial_fraction;
        }
    }

  analysis->recommendation = sl_analysis_build_recommendation (result, analysis);

  g_clear_pointer (&result->analysis, sl_analysis_free);
  result->analysis = analysis;
}

SlAnalysis *
sl_analysis_new (void)
{
  SlAnalysis *analysis = g_new0 (SlAnalysis, 1);

  analysis->models = g_array_new (FALSE, TRUE, sizeof (SlModelAnalysis));
  analysis->best_speedup = NAN;
  analysis->serial_fraction = NAN;

  return analysis;
}

SlAnalysis *
sl_analysis_copy (const SlAnalysis *analysis)
{
  SlAnalysis *copy;

  g_return_val_if_fail (analysis != NULL, NULL);

  copy = g_memdup2 (analysis, sizeof *analysis);
  copy->models = g_array_copy (analysis->models);
  copy->recommendation = g_strdup (analysis->recommendation);

  return copy;
}

void
sl_analysis_free (SlAnalysis *analysis)
{
  if (analysis == NULL)
    return;

  g_array_unref (analysis->models);
  g_free (analysis->recommendation);
  g_free (analysis);
}
