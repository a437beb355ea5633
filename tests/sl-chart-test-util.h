/* sl-chart-test-util.h: results built by hand and pixel checks, shared by the chart tests. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "sl-chart.h"

G_BEGIN_DECLS

#define WIDTH  800
#define HEIGHT 600

/* Results built by hand */

/* A complete result of `preset` (or the defaults) over `workers` (or the spec's own), 3 runs. */
SlResult *new_result (const char *preset,
                      const char *workers,
                      guint       usable_cpus);
/* Three identical repetitions: medians are exact and the speedups carry no error bars. Also 50
 * task latencies from wall_s / 64 to twice that. */
SlPoint  *set_point (SlResult *result,
                     SlModel   model,
                     guint     workers,
                     double    wall_s,
                     double    cores);
void      fail_point (SlResult *result,
                      SlModel   model,
                      guint     workers);
/* Workers 1, 2, 4, 8 on 4 CPUs: threads stay at 1× (a GIL-like line), processes scale up to
 * the four usable CPUs. Analysed. */
SlResult *new_scaling_result (void);

/* Pixels */

/* sl_chart_draw() onto a new RGB24 image surface of width × height. */
cairo_surface_t *render (const SlResult       *result,
                         SlChartKind           kind,
                         const SlChartOptions *options,
                         int                   width,
                         int                   height);
SlChartColor     pixel (cairo_surface_t *surface,
                        int              x,
                        int              y);
/* The largest difference of the three channels, 0–1. */
double           color_distance (SlChartColor a,
                                 SlChartColor b);
/* Whether a pixel within `radius` of (x, y) has `color`, give or take `tolerance`. */
gboolean         color_near (cairo_surface_t *surface,
                             double           x,
                             double           y,
                             int              radius,
                             SlChartColor     color,
                             double           tolerance);
double           luminance (SlChartColor c);
/* A PNG in memory as an image surface. */
cairo_surface_t *decode_png (GBytes *bytes);

G_END_DECLS
