/* sl-mann-whitney.c: the Mann–Whitney U test, exact for small samples, normal beyond.
 *
 * The results agree with SciPy's scipy.stats.mannwhitneyu (two-sided, use_continuity=True) for
 * the same method, so that a person can check a comparison with the tool they know. */
#define G_LOG_DOMAIN "sl-mann-whitney"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sl-mann-whitney.h"

/* SciPy enumerates exactly when either sample has at most this many values. */
#define EXACT_MAX_SMALL 8
/* Beyond this many coefficients (the product of the sizes) the exact distribution costs more
 * than it tells; the normal approximation is then as good as exact. */
#define EXACT_MAX_PRODUCT 200000

typedef struct {
  double value;
  guint  sample;   /* 0: a, 1: b */
} Observation;

static int
compare_observations (const void *pa,
                      const void *pb)
{
  const Observation *a = pa;
  const Observation *b = pb;

  return (a->value > b->value) - (a->value < b->value);
}

/* P(U ≤ k) for samples of m and n values without ties. The number of orderings with U = u is
 * the coefficient of q^u in the Gaussian binomial [m + n choose m]_q, the product over
 * i = 1..m of (1 - q^(n+i)) / (1 - q^i): each factor is one pass over the coefficients, and the
 * low coefficients that the tails are made of stay exact small integers. */
static double
exact_cdf (guint  m,
           guint  n,
           double k)
{
  guint small = MIN (m, n), large = MAX (m, n);
  gint64 degree = (gint64) small * large;
  g_autofree double *c = g_new0 (double, degree + 1);
  double total = 0.0, below = 0.0;

  c[0] = 1.0;
  for (guint i = 1; i <= small; i++)
    {
      gint64 up = (gint64) large + i;

      for (gint64 u = degree; u >= up; u--)
        c[u] -= c[u - up];
      for (gint64 u = i; u <= degree; u++)
        c[u] += c[u - i];
    }

  for (gint64 u = 0; u <= degree; u++)
    {
      total += c[u];
      if ((double) u <= k)
        below += c[u];
    }

  return below / total;
}

double
sl_mann_whitney_test (const double        *a,
                      guint                n_a,
                      const double        *b,
                      guint                n_b,
                      SlMannWhitneyMethod  method,
                      double              *u_a)
{
  g_autofree Observation *all = g_new (Observation, (gsize) n_a + n_b + 1);
  double rank_sum_a = 0.0, tie_term = 0.0, u1, u2, m, n, total, p;
  guint count = 0, m_count = 0;
  gboolean ties = FALSE;

  g_return_val_if_fail (a != NULL || n_a == 0, NAN);
  g_return_val_if_fail (b != NULL || n_b == 0, NAN);

  if (u_a != NULL)
    *u_a = NAN;

  for (guint i = 0; i < n_a; i++)
    if (isfinite (a[i]))
      all[count++] = (Observation) { a[i], 0 };
  m_count = count;
  for (guint i = 0; i < n_b; i++)
    if (isfinite (b[i]))
      all[count++] = (Observation) { b[i], 1 };
  if (m_count == 0 || count == m_count)
    return NAN;

  /* Mid-ranks: a run of tied values shares the mean of the ranks it spans. */
  qsort (all, count, sizeof (Observation), compare_observations);
  for (guint i = 0; i < count;)
    {
      guint j = i + 1;
      double rank, t;

      while (j < count && all[j].value == all[i].value)
        j++;
      rank = (i + 1 + j) / 2.0;
      t = j - i;
      if (t > 1)
        {
          ties = TRUE;
          tie_term += t * t * t - t;
        }
      for (guint k = i; k < j; k++)
        if (all[k].sample == 0)
          rank_sum_a += rank;
      i = j;
    }

  m = m_count;
  n = count - m_count;
  total = m + n;
  u1 = rank_sum_a - m * (m + 1) / 2.0;
  u2 = m * n - u1;
  if (u_a != NULL)
    *u_a = u1;

  if (method == SL_MANN_WHITNEY_AUTO)
    method = (MIN (m, n) <= EXACT_MAX_SMALL && !ties) ? SL_MANN_WHITNEY_EXACT
                                                      : SL_MANN_WHITNEY_ASYMPTOTIC;
  if (method == SL_MANN_WHITNEY_EXACT && m * n > EXACT_MAX_PRODUCT)
    method = SL_MANN_WHITNEY_ASYMPTOTIC;

  if (method == SL_MANN_WHITNEY_EXACT)
    {
      /* P(U ≥ max (U1, U2)) = P(U ≤ min (U1, U2)) by symmetry; a half from a tie rounds
       * towards the centre, as SciPy's integer U does. */
      p = 2.0 * exact_cdf ((guint) m, (guint) n, ceil (MIN (u1, u2)));
    }
  else
    {
      double mu = m * n / 2.0;
      double s = sqrt (m * n / 12.0 * ((total + 1.0) - tie_term / (total * (total - 1.0))));
      double z;

      /* Every value tied: nothing tells the samples apart. */
      if (!(s > 0.0))
        return 1.0;
      z = (MAX (u1, u2) - mu - 0.5) / s;
      p = erfc (z / G_SQRT2);
    }

  return CLAMP (p, 0.0, 1.0);
}
