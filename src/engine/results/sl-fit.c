/* sl-fit.c: the scaling models fitted to a sweep: Amdahl's law, the Universal Scalability Law,
 * and the Karp-Flatt metric. Plain maths, no result types. */
#define G_LOG_DOMAIN "sl-analysis"

#include "config.h"

#include <math.h>

#include "sl-fit.h"

guint
sl_count_distinct (const double *values,
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

  if (sl_count_distinct (x, m) < 2)
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
  if (sl_count_distinct (parallel, n_parallel) < 2)
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
