/* sl-fit.h: the scaling models fitted to a sweep, as plain maths. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many different values there are, for the fits' "at least two distinct W". */
guint    sl_count_distinct (const double *values, guint n);
/* Least squares of T(W) = a + b / W. FALSE with fewer than two distinct W. */
gboolean sl_amdahl_fit (const double *workers, const double *times, guint n,
                        double *a, double *b, double *r2);
/* Universal Scalability Law, S(W) = W / (1 + sigma (W - 1) + kappa W (W - 1)), both >= 0. */
gboolean sl_usl_fit (const double *workers, const double *speedups, guint n,
                     double *sigma, double *kappa);
double   sl_usl_speedup (double workers, double sigma, double kappa);
double   sl_amdahl_speedup (double workers, double serial_fraction);
/* (1/S - 1/W) / (1 - 1/W); NaN for W <= 1. */
double   sl_karp_flatt (double speedup, double workers);

G_END_DECLS
