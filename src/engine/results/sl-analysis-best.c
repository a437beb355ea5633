/* sl-analysis-best.c: which worker count of a model to recommend. The smallest W whose time is
 * not worse than the fastest point's: worse means slower by more than SL_BEST_TOLERANCE and
 * significantly so by a two-sided Mann–Whitney U test against the fastest point's repetitions,
 * Holm-corrected over every count compared. A difference that is not significant, or too
 * small to matter, never buys more workers. */
#define G_LOG_DOMAIN "sl-analysis"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-analysis.h"
#include "sl-analysis-private.h"
#include "sl-mann-whitney.h"
#include "sl-limits.h"

typedef struct {
  SlPoint *point;
  double  *walls;     /* finite wall times */
  guint    n;
  double   ratio;     /* median / the fastest point's */
  double   p;         /* raw two-sided p against the fastest; NaN for the fastest */
  gboolean testable;  /* the test could be significant with this many repetitions */
} Candidate;

static void
candidate_clear (Candidate *c)
{
  g_free (c->walls);
}

static int
compare_workers (gconstpointer a,
                 gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return (x->point->workers > y->point->workers) - (x->point->workers < y->point->workers);
}

/* The smallest two-sided p the test can give for samples of `m` and `n` values: that of two
 * samples that do not overlap at all, by the same method as the real comparison. */
static double
smallest_p (guint m,
            guint n)
{
  g_autofree double *a = g_new (double, MAX (m, 1));
  g_autofree double *b = g_new (double, MAX (n, 1));

  for (guint i = 0; i < m; i++)
    a[i] = i;
  for (guint i = 0; i < n; i++)
    b[i] = m + i;

  return sl_mann_whitney_test (a, m, b, n, SL_MANN_WHITNEY_AUTO, NULL);
}

/* Whether Holm's first and strictest step, p <= SL_SIGNIFICANCE / k, is within reach. */
static gboolean
can_reach_significance (guint m,
                        guint n,
                        guint k)
{
  return smallest_p (m, n) * k <= SL_SIGNIFICANCE;
}

/* Repetitions per point with which the test could tell the counts apart at all. */
static guint
repetitions_needed (guint k)
{
  for (guint r = 2; r <= SL_MAX_REPEAT; r++)
    if (can_reach_significance (r, r, k))
      return r;

  return SL_MAX_REPEAT;
}

static double *
finite_walls (const SlPoint *point,
              guint         *n)
{
  double *walls = g_new (double, MAX (point->repetitions->len, 1));

  *n = 0;
  for (guint i = 0; i < point->repetitions->len; i++)
    {
      double wall = g_array_index (point->repetitions, SlRepetition, i).wall_s;

      if (isfinite (wall) && wall >= 0.0)
        walls[(*n)++] = wall;
    }

  return walls;
}

/* Holm's step-down adjustment of the candidates' p values (the fastest's is NaN and left out):
 * the i-th smallest of k becomes max over j <= i of min (1, (k - j) p_j). */
static void
holm_adjust (GArray *candidates,
             guint   fastest)
{
  g_autofree guint *order = g_new (guint, MAX (candidates->len, 1));
  double running = 0.0;
  guint k = 0;

  for (guint i = 0; i < candidates->len; i++)
    if (i != fastest)
      order[k++] = i;

  /* Insertion sort by p: a sweep has tens of counts at most. */
  for (guint i = 1; i < k; i++)
    for (guint j = i; j > 0; j--)
      {
        const Candidate *a = &g_array_index (candidates, Candidate, order[j - 1]);
        const Candidate *b = &g_array_index (candidates, Candidate, order[j]);
        guint tmp;

        if (!(isnan (a->p) || a->p > b->p))
          break;
        tmp = order[j - 1];
        order[j - 1] = order[j];
        order[j] = tmp;
      }

  for (guint i = 0; i < k; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, order[i]);
      double adjusted = isnan (c->p) ? 1.0 : MIN (1.0, (k - i) * c->p);

      running = MAX (running, adjusted);
      c->point->p_vs_fastest = running;
    }
}

/* The smallest count not slower than the fastest: there is one, the fastest itself. */
static const Candidate *
smallest_not_slower (GArray *candidates)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (!c->point->slower)
        return c;
    }

  g_assert_not_reached ();
  return NULL;
}

/* Work that computes gets workers beyond the usable CPUs only when they were significantly
 * faster: when the fastest count within the CPUs is slower by the test, not by the medians
 * alone. Otherwise the choice stays within the CPUs, against the fastest count there. */
static const Candidate *
keep_within_cpus (GArray          *candidates,
                  const Candidate *best,
                  guint            cap)
{
  const Candidate *within = NULL;

  if (cap == 0 || best->point->workers <= cap)
    return best;

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (c->point->workers <= cap && (within == NULL || c->ratio < within->ratio))
        within = c;
    }

  if (within == NULL || (within->testable && within->point->slower))
    return best;

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (c->point->workers <= cap && c->ratio <= within->ratio * (1.0 + SL_BEST_TOLERANCE))
        return c;
    }

  return within;
}

void
sl_analysis_choose_best (SlResult        *result,
                         SlModelAnalysis *out)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  const Candidate *fastest, *best;
  guint fastest_index = 0, k;
  gboolean any_testable = FALSE;

  g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);

  for (guint i = 0; i < result->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (result->points, i);
      Candidate c = { point, NULL, 0, NAN, NAN, FALSE };

      if (point->runtime != out->runtime || point->model != out->model ||
          !sl_analysis_point_counts_for_fits (point))
        continue;
      c.walls = finite_walls (point, &c.n);
      g_array_append_val (candidates, c);
    }

  if (candidates->len == 0)
    return;

  g_array_sort (candidates, compare_workers);
  fastest = &g_array_index (candidates, Candidate, 0);
  for (guint i = 1; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      /* A tie goes to the smaller count, which comes first. */
      if (c->point->wall.median < fastest->point->wall.median)
        {
          fastest = c;
          fastest_index = i;
        }
    }
  out->fastest_workers = fastest->point->workers;
  out->fastest_time_s = fastest->point->wall.median;

  k = candidates->len - 1;
  out->comparisons = k;
  out->repetitions = fastest->n;
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      out->repetitions = MIN (out->repetitions, c->n);
      c->ratio = c->point->wall.median / fastest->point->wall.median;
      if (i == fastest_index)
        continue;
      c->p = sl_mann_whitney_test (c->walls, c->n, fastest->walls, fastest->n,
                                   SL_MANN_WHITNEY_AUTO, NULL);
      c->testable = can_reach_significance (c->n, fastest->n, k);
      any_testable = any_testable || c->testable;
    }

  if (k == 0)
    out->best_basis = SL_BEST_ONLY_POINT;
  else if (any_testable)
    out->best_basis = SL_BEST_BY_TEST;
  else
    {
      out->best_basis = SL_BEST_BY_MEDIANS;
      out->repetitions_needed = repetitions_needed (k);
    }

  holm_adjust (candidates, fastest_index);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      gboolean beyond_threshold = c->ratio > 1.0 + SL_BEST_TOLERANCE;

      /* A count the test cannot judge (too few repetitions of its own) is judged by its median. */
      if (i == fastest_index)
        c->point->slower = FALSE;
      else if (c->testable)
        c->point->slower = beyond_threshold && c->point->p_vs_fastest <= SL_SIGNIFICANCE;
      else
        c->point->slower = beyond_threshold;
    }

  best = smallest_not_slower (candidates);
  best = keep_within_cpus (candidates, best, sl_analysis_cpu_cap (result));

  out->best_workers = best->point->workers;
  out->best_time_s = best->point->wall.median;
  out->best_speedup = best->point->speedup;
}

gboolean
sl_analysis_point_testable (SlResult              *result,
                            const SlModelAnalysis *ma,
                            const SlPoint         *point)
{
  const SlPoint *fastest = NULL;

  for (guint i = 0; i < result->points->len && fastest == NULL; i++)
    {
      const SlPoint *p = g_ptr_array_index (result->points, i);

      if (p->runtime == ma->runtime && p->model == ma->model && p->workers == ma->fastest_workers)
        fastest = p;
    }

  return fastest != NULL && fastest != point && ma->comparisons > 0 &&
         can_reach_significance (point->wall.n, fastest->wall.n, ma->comparisons);
}
