/* test-fit.c: the Amdahl and USL fits, their model speedups and Karp–Flatt on exact data. */
#define G_LOG_DOMAIN "test-fit"

#include "config.h"

#include <math.h>

#include "sl-fit.h"

static void
test_amdahl_fit (void)
{
  const double workers[] = { 1, 2, 4, 8 };
  double times[4];
  double a, b, r2;

  for (guint i = 0; i < 4; i++)
    times[i] = 2.0 + 8.0 / workers[i];

  g_assert_true (sl_amdahl_fit (workers, times, 4, &a, &b, &r2));
  g_assert_cmpfloat_with_epsilon (a, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 8.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r2, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a / (a + b), 0.2, 1e-12);
}

static void
test_amdahl_fit_degenerate (void)
{
  const double one_w[] = { 4, 4, 4 };
  const double times[] = { 1, 2, 3 };
  const double with_nan[] = { 1, NAN, 4 };
  double a = 0, b = 0, r2 = 0;

  g_assert_false (sl_amdahl_fit (one_w, times, 3, &a, &b, &r2));
  g_assert_true (isnan (a) && isnan (b) && isnan (r2));
  g_assert_false (sl_amdahl_fit (one_w, times, 0, &a, &b, &r2));
  /* The NaN time leaves only one usable W. */
  g_assert_false (sl_amdahl_fit ((double[]) { 1, 2, 2 }, with_nan, 2, &a, &b, NULL));
  g_assert_true (sl_amdahl_fit ((double[]) { 1, 2, 4 }, with_nan, 3, &a, &b, NULL));
}

static void
test_amdahl_fit_clamps (void)
{
  const double workers[] = { 1, 2, 4, 8 };
  double times[4];
  double growing[4];
  double a, b, r2;

  /* Better than linear (T = 8/W - 0.5): a negative serial part is clamped to 0. */
  for (guint i = 0; i < 4; i++)
    {
      times[i] = 8.0 / workers[i] - 0.5;
      growing[i] = 1.0 + 0.1 * workers[i];
    }

  g_assert_true (sl_amdahl_fit (workers, times, 4, &a, &b, &r2));
  g_assert_cmpfloat (a, ==, 0.0);
  g_assert_cmpfloat (b, >, 0.0);

  /* Slower with every worker: nothing parallel, all serial. */
  g_assert_true (sl_amdahl_fit (workers, growing, 4, &a, &b, &r2));
  g_assert_cmpfloat (b, ==, 0.0);
  g_assert_cmpfloat (a, >, 0.0);
  g_assert_cmpfloat_with_epsilon (a / (a + b), 1.0, 1e-12);
}

static void
test_usl_fit (void)
{
  const double workers[] = { 1, 2, 4, 8, 16 };
  double speedups[5];
  double sigma, kappa;

  for (guint i = 0; i < 5; i++)
    speedups[i] = sl_usl_speedup (workers[i], 0.05, 0.01);

  g_assert_true (sl_usl_fit (workers, speedups, 5, &sigma, &kappa));
  g_assert_cmpfloat_with_epsilon (sigma, 0.05, 1e-9);
  g_assert_cmpfloat_with_epsilon (kappa, 0.01, 1e-9);
  g_assert_cmpfloat_with_epsilon (sqrt ((1.0 - sigma) / kappa), sqrt (0.95 / 0.01), 1e-6);
}

static void
test_usl_fit_clamps (void)
{
  const double workers[] = { 1, 2, 4, 8 };
  double amdahl[4];
  double superlinear[4];
  double sigma, kappa;

  /* Amdahl-shaped data has no coherency term: kappa comes out 0, sigma positive. */
  for (guint i = 0; i < 4; i++)
    {
      amdahl[i] = sl_amdahl_speedup (workers[i], 0.1);
      superlinear[i] = workers[i] * 1.1;
    }
  amdahl[0] = 1.0;
  superlinear[0] = 1.0;

  g_assert_true (sl_usl_fit (workers, amdahl, 4, &sigma, &kappa));
  g_assert_cmpfloat_with_epsilon (sigma, 0.1, 1e-9);
  g_assert_cmpfloat_with_epsilon (kappa, 0.0, 1e-12);

  /* Superlinear speedups would need negative parameters: both are held at 0. */
  g_assert_true (sl_usl_fit (workers, superlinear, 4, &sigma, &kappa));
  g_assert_cmpfloat (sigma, ==, 0.0);
  g_assert_cmpfloat (kappa, ==, 0.0);

  /* Only one W above 1 cannot separate two parameters. */
  g_assert_false (sl_usl_fit (workers, amdahl, 2, &sigma, &kappa));
  g_assert_true (isnan (sigma) && isnan (kappa));
}

static void
test_model_speedups (void)
{
  g_assert_cmpfloat_with_epsilon (sl_amdahl_speedup (4, 0.2), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_amdahl_speedup (8, 0.0), 8.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_amdahl_speedup (8, 1.0), 1.0, 1e-12);
  g_assert_true (isnan (sl_amdahl_speedup (0, 0.2)));

  g_assert_cmpfloat_with_epsilon (sl_usl_speedup (1, 0.3, 0.2), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_usl_speedup (4, 0.0, 0.0), 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_usl_speedup (2, 0.05, 0.01), 2.0 / 1.07, 1e-12);
}

static void
test_karp_flatt (void)
{
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (4.0, 4.0), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (16.0, 16.0), 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (2.0, 4.0), 1.0 / 3.0, 1e-12);
  /* No speedup at all: everything is serial. */
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (1.0, 8.0), 1.0, 1e-12);
  /* Amdahl's own curve gives back its serial fraction. */
  g_assert_cmpfloat_with_epsilon (sl_karp_flatt (sl_amdahl_speedup (8, 0.25), 8), 0.25, 1e-12);
  g_assert_true (isnan (sl_karp_flatt (1.0, 1.0)));
  g_assert_true (isnan (sl_karp_flatt (NAN, 4.0)));
  g_assert_true (isnan (sl_karp_flatt (0.0, 4.0)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fit/amdahl/fit", test_amdahl_fit);
  g_test_add_func ("/fit/amdahl/degenerate", test_amdahl_fit_degenerate);
  g_test_add_func ("/fit/amdahl/clamps", test_amdahl_fit_clamps);
  g_test_add_func ("/fit/usl/fit", test_usl_fit);
  g_test_add_func ("/fit/usl/clamps", test_usl_fit_clamps);
  g_test_add_func ("/fit/model-speedups", test_model_speedups);
  g_test_add_func ("/fit/karp-flatt", test_karp_flatt);

  return g_test_run ();
}
