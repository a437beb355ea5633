/* sl-recommendation.c: the analysis in words: which model and worker count to use, and why. */
#define G_LOG_DOMAIN "sl-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-analysis.h"
#include "sl-analysis-private.h"
#include "sl-fit.h"
#include "sl-i18n.h"
#include "sl-workload.h"

/* The sentences of the recommendation, kept together so that the wording stays consistent and
 * can move to gettext in one go. Each is a complete sentence (or clause) with its own spacing. */
#define TXT_NOTHING_DONE      _("No point has finished yet, so there is nothing to compare.")
#define TXT_NOTHING_MEASURED  _("No point finished with a valid measurement, so there is nothing to recommend.")
#define TXT_SCALES            _("%s scale: %u workers ran %.2f× faster than 1 (%.0f %% efficient).")
#define TXT_SCALES_UNSURE     _("%s may scale: %u workers ran %.2f× faster than 1 by the medians, but not significantly so.")
#define TXT_NO_SCALE          _("%s do not scale: at best %.2f× (%u workers)")
#define TXT_SLOWER            _("%s do not scale: every extra worker made it slower (%.2f× at %u workers)")
#define TXT_NO_REFERENCE      _("%s: the 1-worker run is missing or failed, so no speedup can be computed; the fastest was %u workers at %s.")
#define TXT_WHY_GIL_CPU       _(" — a CPU-bound task under Python's global interpreter lock (GIL) runs one thread at a time, so more threads only take turns.")
#define TXT_WHY_GIL           _(" — Python threads take turns holding the global interpreter lock (GIL), so only waiting (I/O) overlaps.")
#define TXT_WHY_ONE_CPU       _(" — this process may use only 1 CPU, so CPU-bound work cannot run in parallel.")
#define TXT_WHY_GENERIC       _(" — something serializes the work: a shared lock, memory bandwidth, per-task overhead or other programs on the CPUs.")
#define TXT_AMDAHL_TINY       _(" Amdahl's fit puts the serial fraction of %s under 1 %%: in this range nearly all of the work runs in parallel.")
#define TXT_AMDAHL            _(" Amdahl's fit puts the serial fraction of %s at %.0f %%, which would cap the speedup at %.1f× however many workers are added.")
#define TXT_AMDAHL_CPUS(n)   NG_ (" Past the %u usable CPU extra workers have no CPU of their own, and the fit counts that as serial time too.",\
                              " Past the %u usable CPUs extra workers have no CPU of their own, and the fit counts that as serial time too.", n)
#define TXT_AMDAHL_ALL        _(" Amdahl's fit puts the serial fraction of %s at %.0f %%: practically nothing runs in parallel.")
#define TXT_AMDAHL_LOOSE      _(" Amdahl's model fits the times of %s poorly (R² = %.2f), so no serial fraction is quoted.")
#define TXT_BEYOND_SLOWER     _(" Adding workers beyond %u made it slower: %u workers took %.0f %% longer")
#define TXT_BEYOND_NOTHING    _(" Adding workers beyond %u bought nothing: %u workers were within %.0f %%")
#define TXT_USL_PEAK          _(" (the USL fit predicts a peak near W ≈ %.1f)")
#define TXT_NO_DIFFERENCE     _(" There was no significant difference between %u and %u workers (%.0f %% apart by the medians; Mann–Whitney p = %.2g after Holm's correction for the counts compared), so the extra workers buy nothing measurable.")
#define TXT_TOO_SMALL         _(" %u workers were significantly faster than %u, but only by %.1f %%: a difference under %.0f %% is not worth more workers.")
#define TXT_MEDIANS_SMALL     _(" %u workers were %.1f %% faster than %u by the medians: under %.0f %%, which is not worth more workers.")
#define TXT_MEDIANS_BEYOND    _(" %u workers had the lowest median (%u workers took %.0f %% longer), but more workers than the usable CPUs are recommended only when they are significantly faster.")
#define TXT_CANNOT_TELL(n)   NG_ (" With %u repetition per point the test cannot tell the worker counts apart: no difference could be significant once Holm's correction covers the %u counts compared, so this choice rests on the medians alone. Run at least %u repetitions per point (%u more) to tell them apart.",\
                              " With %u repetitions per point the test cannot tell the worker counts apart: no difference could be significant once Holm's correction covers the %u counts compared, so this choice rests on the medians alone. Run at least %u repetitions per point (%u more) to tell them apart.", n)
#define TXT_USE               _(" Use %s with %u workers")
#define TXT_USE_EQUAL         _(" (= the usable CPUs).")
#define TXT_USE_MORE(n)      NG_ (", more than the %u usable CPU: typical of I/O-bound work, where workers mostly wait rather than compute.",\
                              ", more than the %u usable CPUs: typical of I/O-bound work, where workers mostly wait rather than compute.", n)
#define TXT_USE_MORE_CPU(n)  NG_ (", more than the %u usable CPU. This workload is CPU-bound, and workers beyond the CPUs only take turns, so that edge most likely comes from uneven task sizes or noise.",\
                              ", more than the %u usable CPUs. This workload is CPU-bound, and workers beyond the CPUs only take turns, so that edge most likely comes from uneven task sizes or noise.", n)
#define TXT_USE_MORE_TESTED(n) NG_ (", more than the %u usable CPU: even the fastest count within it, %u worker, was significantly slower than %u workers, by %.0f %% (Mann–Whitney p = %.2g after Holm's correction). Workers beyond the CPUs only take turns at this work, so the gain most likely comes from uneven task sizes or from a larger share of the CPUs that other programs use too.",\
                              ", more than the %u usable CPUs: even the fastest count within them, %u workers, was significantly slower than %u workers, by %.0f %% (Mann–Whitney p = %.2g after Holm's correction). Workers beyond the CPUs only take turns at this work, so the gain most likely comes from uneven task sizes or from a larger share of the CPUs that other programs use too.", n)
#define TXT_USE_FEWER         _(", fewer than the %u usable CPUs.")
#define TXT_USE_LARGEST       _(" The largest count tried was still the fastest, so larger counts may help further.")
#define TXT_SEQUENTIAL        _(" Parallelism did not pay off here: run it with 1 worker (%s took %s).")
#define TXT_SEQUENTIAL_UNSHOWN _(" Until more repetitions or a quieter machine show that more workers are faster, run it with 1 worker (%s took %s).")
#define TXT_ONLY_ONE          _(" Only runs with 1 worker have finished (%s took %s), so there is no speedup to judge yet.")
#define TXT_EITHER            _(" %s came within %.0f %% of that (%s against %s), so either will do.")
#define TXT_FAILED(n)        NG_ (" %u of %u points failed, so the picture is incomplete.",\
                              " %u of %u points failed, so the picture is incomplete.", n)
#define TXT_FIRST_FAILURE     _(" The first failure: %s.")
#define TXT_CANCELLED(n) NG_ (" %u of %u points was cancelled before it finished.",\
                              " %u of %u points were cancelled before they finished.", n)
#define TXT_PENDING(n)  NG_ (" %u of %u points has not finished yet, so this may still change.",\
                              " %u of %u points have not finished yet, so this may still change.", n)
#define TXT_UNSTABLE(n) NG_ (" %u point varied by more than %.0f %% between repetitions: the machine was noisy, so rerun with more repetitions or on a quieter machine.",\
                              " %u points varied by more than %.0f %% between repetitions: the machine was noisy, so rerun with more repetitions or on a quieter machine.", n)
#define TXT_NO_REASON         _("no reason was recorded")

/* The largest worker count of a model with a finished point, and its point. */
static const char *
model_title (SlModel model)
{
  switch (model)
    {
    case SL_MODEL_THREADS:
      return _("Threads");
    case SL_MODEL_PROCESSES:
      return _("Processes");
    case SL_N_MODELS:
    default:
      return _("Workers");
    }
}

/* What makes a point the best of its model: a larger value; NaN leaves it out. */
typedef double (*PointScore) (const SlPoint *point);

static double
point_workers (const SlPoint *point)
{
  return point->workers;
}

/* Speedup means something only at W > 1. */
static double
point_speedup_above_one (const SlPoint *point)
{
  return point->workers > 1 ? point->speedup : NAN;
}

/* The point of a model that counts for the fits with the highest `score`; the first on a tie. */
static const SlPoint *
find_best_point (SlResult   *result,
                 SlRuntime   runtime,
                 SlModel     model,
                 PointScore  score)
{
  const SlPoint *best = NULL;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->runtime != runtime || point->model != model ||
          !sl_analysis_point_counts_for_fits (point) || !isfinite (score (point)))
        continue;
      if (best == NULL || score (point) > score (best))
        best = point;
    }

  return best;
}

static void
explain_no_scaling (GString               *text,
                    SlResult              *result,
                    const SlModelAnalysis *ma)
{
  gboolean kind_known;
  SlWorkloadKind kind = sl_analysis_guess_workload_kind (result, &kind_known);
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
  const SlPoint *peak = find_best_point (result, ma->runtime, ma->model, point_speedup_above_one);
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
      g_autofree char *best = sl_analysis_format_seconds (ma->best_time_s);

      g_string_append_printf (text, TXT_NO_REFERENCE, model_title (ma->model), ma->best_workers, best);
    }
  else if (scales)
    {
      g_string_append_printf (text, TXT_SCALES, model_title (ma->model), ma->best_workers,
                              ma->best_speedup, 100.0 * ma->best_speedup / ma->best_workers);
    }
  else if (peak->speedup >= MEANINGFUL_SPEEDUP)
    {
      /* Faster by the medians, but not by the test (or not beyond the CPUs): the choice and
       * why come later. */
      g_string_append_printf (text, TXT_SCALES_UNSURE, model_title (ma->model), peak->workers,
                              peak->speedup);
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
  const SlPoint *largest = find_best_point (result, ma->runtime, ma->model, point_workers);
  gboolean kind_known;
  SlWorkloadKind kind = sl_analysis_guess_workload_kind (result, &kind_known);

  if (!ma->fitted || !isfinite (f))
    return;

  /* A cap computed from a fit that does not match the data would contradict the measurements. */
  if (isfinite (ma->amdahl_r2) && ma->amdahl_r2 < LOOSE_FIT_R2)
    {
      g_string_append_printf (text, TXT_AMDAHL_LOOSE, sl_analysis_model_name (ma->model), ma->amdahl_r2);
      return;
    }

  if (f < 0.01)
    g_string_append_printf (text, TXT_AMDAHL_TINY, sl_analysis_model_name (ma->model));
  else if (f >= 0.99)
    g_string_append_printf (text, TXT_AMDAHL_ALL, sl_analysis_model_name (ma->model), 100.0 * f);
  else
    g_string_append_printf (text, TXT_AMDAHL, sl_analysis_model_name (ma->model), 100.0 * f, 1.0 / f);

  if (f >= 0.01 && usable > 0 && largest != NULL && largest->workers > usable &&
      ma->best_workers <= usable && !(kind_known && kind == SL_WORKLOAD_KIND_IO))
    g_string_append_printf (text, TXT_AMDAHL_CPUS (usable), usable);
}

static const SlPoint *
model_point (SlResult              *result,
             const SlModelAnalysis *ma,
             guint                  workers)
{
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->runtime == ma->runtime && point->model == ma->model && point->workers == workers)
        return point;
    }

  return NULL;
}

/* Why the fastest count is not the one recommended: no significant difference, one too small
 * to matter, or medians that cannot buy workers beyond the CPUs on their own. */
static void
describe_significance (GString               *text,
                       SlResult              *result,
                       const SlModelAnalysis *ma)
{
  const SlPoint *fastest = model_point (result, ma, ma->fastest_workers);
  const SlPoint *best = model_point (result, ma, ma->best_workers);
  double gain;

  if (fastest == NULL || best == NULL || fastest == best)
    return;

  gain = 100.0 * (best->wall.median / fastest->wall.median - 1.0);
  if (best->slower)
    g_string_append_printf (text, TXT_MEDIANS_BEYOND, fastest->workers, best->workers, gain);
  else if (!sl_analysis_point_testable (result, ma, best))
    g_string_append_printf (text, TXT_MEDIANS_SMALL, fastest->workers, gain, best->workers,
                            100.0 * SL_BEST_TOLERANCE);
  else if (best->p_vs_fastest <= SL_SIGNIFICANCE)
    g_string_append_printf (text, TXT_TOO_SMALL, fastest->workers, best->workers, gain,
                            100.0 * SL_BEST_TOLERANCE);
  else
    g_string_append_printf (text, TXT_NO_DIFFERENCE, best->workers, fastest->workers, gain,
                            best->p_vs_fastest);
}

static void
describe_beyond_best (GString               *text,
                      SlResult              *result,
                      const SlModelAnalysis *ma)
{
  const SlPoint *largest = find_best_point (result, ma->runtime, ma->model, point_workers);
  double change;

  if (largest == NULL || largest->workers <= ma->best_workers)
    return;

  describe_significance (text, result, ma);

  /* Past the fastest count: slower, or (when that is the one recommended) no better. */
  change = largest->wall.median / ma->best_time_s - 1.0;
  if (change > SL_BEST_TOLERANCE)
    g_string_append_printf (text, TXT_BEYOND_SLOWER, ma->best_workers, largest->workers, 100.0 * change);
  else if (ma->fastest_workers == ma->best_workers)
    g_string_append_printf (text, TXT_BEYOND_NOTHING, ma->best_workers, largest->workers,
                            100.0 * SL_BEST_TOLERANCE);
  else
    return;

  if (ma->fitted && isfinite (ma->usl_peak_workers) && ma->usl_peak_workers >= 1.0)
    g_string_append_printf (text, TXT_USL_PEAK, ma->usl_peak_workers);
  g_string_append_c (text, '.');
}

/* For work that only takes turns beyond the CPUs: the fastest count within them, when the
 * choice went beyond them (which the test must have allowed). */
static const SlPoint *
fastest_within_cpus (SlResult              *result,
                     const SlModelAnalysis *ma)
{
  guint cap = sl_analysis_cpu_cap (result);
  const SlPoint *within = NULL;

  if (cap == 0 || ma->best_workers <= cap)
    return NULL;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      if (point->runtime != ma->runtime || point->model != ma->model || point->workers > cap ||
          !sl_analysis_point_counts_for_fits (point))
        continue;
      if (within == NULL || point->wall.median < within->wall.median)
        within = point;
    }

  return within;
}

/* Too few repetitions for the test: the advice says so, and how many would do. */
static void
describe_power (GString               *text,
                const SlModelAnalysis *ma)
{
  if (ma->best_basis != SL_BEST_BY_MEDIANS)
    return;

  g_string_append_printf (text, TXT_CANNOT_TELL (ma->repetitions), ma->repetitions,
                          ma->comparisons + 1, ma->repetitions_needed,
                          ma->repetitions_needed > ma->repetitions
                            ? ma->repetitions_needed - ma->repetitions : 1);
}

static void
describe_choice (GString               *text,
                 SlResult              *result,
                 const SlModelAnalysis *best)
{
  guint usable = result->system != NULL ? result->system->usable_cpus : 0;
  const SlPoint *largest = find_best_point (result, best->runtime, best->model, point_workers);
  const SlPoint *within;
  gboolean kind_known;
  gboolean cpu_bound = sl_analysis_guess_workload_kind (result, &kind_known) == SL_WORKLOAD_KIND_CPU && kind_known;

  if (best->best_workers <= 1)
    {
      g_autofree char *time = sl_analysis_format_seconds (best->best_time_s);
      gboolean compared = FALSE;

      for (guint i = 0; i < result->points->len && !compared; i++)
        {
          const SlPoint *point = g_ptr_array_index (result->points, i);

          compared = point->workers > 1 && sl_analysis_point_counts_for_fits (point);
        }

      /* Faster by the medians but not by the test is not the same as no faster. */
      g_string_append_printf (text, !compared ? TXT_ONLY_ONE
                                    : best->fastest_time_s < best->best_time_s / (1.0 + SL_BEST_TOLERANCE)
                                    ? TXT_SEQUENTIAL_UNSHOWN : TXT_SEQUENTIAL,
                              sl_analysis_model_name (best->model), time);
      return;
    }

  g_string_append_printf (text, TXT_USE, sl_analysis_model_name (best->model), best->best_workers);
  if (usable == 0)
    g_string_append_c (text, '.');
  else if (best->best_workers == usable)
    g_string_append (text, TXT_USE_EQUAL);
  else if (best->best_workers > usable && (within = fastest_within_cpus (result, best)) != NULL)
    g_string_append_printf (text, TXT_USE_MORE_TESTED (usable), usable, within->workers,
                            best->fastest_workers,
                            100.0 * (within->wall.median / best->fastest_time_s - 1.0),
                            within->p_vs_fastest);
  else if (best->best_workers > usable && cpu_bound)
    g_string_append_printf (text, TXT_USE_MORE_CPU (usable), usable);
  else if (best->best_workers > usable)
    g_string_append_printf (text, TXT_USE_MORE (usable), usable);
  else
    g_string_append_printf (text, TXT_USE_FEWER, usable);

  if (largest != NULL && largest->workers == best->best_workers &&
      !(cpu_bound && usable > 0 && best->best_workers > usable))
    g_string_append (text, TXT_USE_LARGEST);
}

static void
describe_alternatives (GString               *text,
                       const SlAnalysis      *analysis,
                       const SlModelAnalysis *best)
{
  for (guint i = 0; i < analysis->models->len; i++)
    {
      const SlModelAnalysis *ma = &g_array_index (analysis->models, SlModelAnalysis, i);
      g_autofree char *mine = NULL;
      g_autofree char *theirs = NULL;

      if (ma == best || ma->best_workers == 0 || !isfinite (ma->best_time_s))
        continue;
      if (ma->best_time_s > best->best_time_s * (1.0 + SL_BEST_TOLERANCE))
        continue;

      mine = sl_analysis_format_seconds (ma->best_time_s);
      theirs = sl_analysis_format_seconds (best->best_time_s);
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

      if (sl_analysis_point_is_measurable (point) && point->wall.unstable)
        unstable++;
    }

  if (failed > 0)
    {
      /* An error's first line is its summary; a traceback may follow it. */
      const char *error = first_error != NULL ? first_error : TXT_NO_REASON;
      g_autofree char *reason = g_strndup (error, strcspn (error, "\n"));
      gsize len = strlen (g_strstrip (reason));

      /* The sentence brings its own full stop. */
      if (len > 0 && reason[len - 1] == '.')
        reason[len - 1] = '\0';
      g_string_append_printf (text, TXT_FAILED (failed), failed, total);
      g_string_append_printf (text, TXT_FIRST_FAILURE, reason);
    }
  if (cancelled > 0)
    g_string_append_printf (text, TXT_CANCELLED (cancelled), cancelled, total);
  if (pending > 0 && result->status == SL_RESULT_RUNNING)
    g_string_append_printf (text, TXT_PENDING (pending), pending, total);
  if (unstable > 0)
    g_string_append_printf (text, TXT_UNSTABLE (unstable), unstable,
                            100.0 * SL_UNSTABLE_CV);
}

char *
sl_analysis_build_recommendation (SlResult         *result,
                                  const SlAnalysis *analysis)
{
  GString *text = g_string_new (NULL);
  const SlModelAnalysis *best = NULL;
  gboolean any_done = FALSE;

  for (guint i = 0; i < result->points->len; i++)
    {
      const SlPoint *point = g_ptr_array_index (result->points, i);

      /* A failed point has finished too: only not with a measurement. */
      any_done = any_done || point->status == SL_POINT_DONE || point->status == SL_POINT_FAILED;
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
        best = ma;
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
  describe_power (text, best);
  describe_alternatives (text, analysis, best);
  describe_health (text, result);

  /* Sentences start with their own space; the paragraph does not. */
  return g_strchug (g_string_free (text, FALSE));
}
