/* sl-chart-private.h: the computed layout of one chart, shared by the layout and drawing code. */
#pragma once

#include <pango/pangocairo.h>

#include "sl-chart.h"
#include "sl-chart-axis.h"
#include "sl-i18n.h"

G_BEGIN_DECLS

typedef enum {
  SL_MARKER_CIRCLE,
  SL_MARKER_SQUARE,
  SL_MARKER_TRIANGLE,
  SL_MARKER_DIAMOND,
  SL_MARKER_TRIANGLE_DOWN,
  SL_MARKER_HEXAGON,
  SL_N_MARKERS
} SlMarker;

typedef enum {
  SL_LINE_SOLID,
  SL_LINE_DASHED,
  SL_LINE_DOTTED,
  SL_LINE_DASH_DOT,
} SlLineStyle;

typedef struct {
  int      point_index;   /* into result->points; -1 for the article's rows */
  double   x;             /* display units */
  double   y;
  double   lo;            /* error bar; NaN: none */
  double   hi;
  gboolean drawn;         /* measured, with finite x and y */
  gboolean failed;        /* failed, or cancelled before a value: a gap with a mark */
  gboolean provisional;   /* drawn from the repetitions so far: hollow, joined faintly */
  gboolean cancelled;     /* provisional for good: the sweep was cancelled during the point */
  double   dx;            /* pixels beside its x, so that series of equal values stay apart */
} SlChartSample;

typedef struct {
  SlRuntime  runtime;
  SlModel    model;
  guint      color_index;
  gboolean   reference;   /* the article's numbers: faint and hollow */
  char      *label;
  GArray    *samples;     /* SlChartSample, ascending x */
} SlChartSeries;

typedef enum {
  SL_CURVE_AMDAHL,
  SL_CURVE_USL,
} SlCurveKind;

typedef struct {
  SlCurveKind kind;
  guint       color_index;
  double      serial_fraction;
  guint       cpus;          /* Amdahl: workers beyond this many run in turns; 0: no cap */
  double      sigma;
  double      kappa;
} SlChartCurve;

typedef enum {
  SL_LEGEND_SERIES,       /* a short line with the series marker */
  SL_LEGEND_LINE,         /* a line in a style: fits, guides, percentiles */
  SL_LEGEND_FAILED,       /* the failed-point mark */
  SL_LEGEND_PARTIAL,      /* a hollow marker: a point cut short */
  SL_LEGEND_BAR,          /* a histogram bar */
  SL_LEGEND_ERROR_BAR,    /* an error bar with its caps: what the bars span */
} SlLegendSample;

typedef struct {
  char          *text;
  SlLegendSample sample;
  SlChartColor   color;
  double         alpha;
  SlMarker       marker;
  gboolean       hollow;
  SlLineStyle    style;
  double         line_width;
  double         x;       /* laid out: top left of the entry */
  double         y;
  double         width;
} SlLegendEntry;

typedef enum {
  SL_IDEAL_NONE,
  SL_IDEAL_DIAGONAL,      /* S = W */
  SL_IDEAL_FLAT_100,      /* 100 % */
  SL_IDEAL_CORES,         /* min (W, usable CPUs) */
} SlIdealKind;

struct _SlChartLayout
{
  SlChartKind  kind;
  double       width;
  double       height;

  /* colours */
  SlChartTheme theme;
  gboolean     dark;                      /* a dark background */
  double       line_scale;                /* 1; more for high contrast */
  int          highlight;                 /* index into result->points; -1: none */

  /* text */
  PangoContext         *pango;
  PangoLayout          *text;
  PangoFontDescription *font;
  double                font_size;       /* px of body text; the rest scale from it */
  char                 *title;
  char                 *subtitle;        /* nullable: left out on small charts */
  char                 *x_title;
  char                 *y_title;
  char                 *message;         /* nullable: shown in the plot when it is empty */
  double                margin;
  double                title_y;
  double                subtitle_y;

  /* plot */
  double       plot_x;
  double       plot_y;
  double       plot_w;
  double       plot_h;
  SlChartAxis  x_axis;
  SlChartAxis  y_axis;
  double       x_factor;                  /* display units per data unit */
  double       y_factor;
  GArray      *x_ticks;                   /* double, display units */
  GArray      *y_ticks;
  guint        x_decimals;
  guint        y_decimals;

  /* data */
  GPtrArray   *series;                    /* SlChartSeries* */
  GArray      *curves;                    /* SlChartCurve */
  GPtrArray   *legend;                    /* SlLegendEntry* */
  SlIdealKind  ideal;
  guint        usable_cpus;               /* 0: unknown */
  gboolean     show_cores;                /* usable_cpus lies within the x range */
  double       marker_radius;             /* 0: too dense for markers */
  gboolean     error_caps;

  /* tasks */
  GArray      *bins;                      /* double counts; NULL unless a histogram */
  double       bin_start;                 /* display units */
  double       bin_width;
  double       latency_cut;               /* display units: slower tasks are off the chart */
  guint        bin_color;
  double       percentiles[3];            /* p50, p95, p99, display units */

  /* overlay (sl-chart-overlay.c); NULL for one result */
  GArray      *overlay_colors;            /* SlChartColor by series color_index */
  GArray      *overlay_markers;           /* SlMarker by series color_index */
  GArray      *overlay_offsets;           /* guint: the index of each result's first point among
                                             all the results' points */
};

/* What the files of the renderer share; each group is defined in the file named above it. */

/* sl-chart-layout.c */
/* The sample of a point of result->points where the chart draws one; NULL otherwise. */
const SlChartSample *sl_chart_layout_find_sample (const SlChartLayout *layout, int point_index);

/* sl-chart-plot.c: what is drawn inside the plot area */
void sl_chart_draw_curves (cairo_t *cr, const SlChartLayout *layout);
void sl_chart_draw_series (cairo_t *cr, const SlChartLayout *layout,
                           const SlChartSeries *series);
void sl_chart_draw_failed (cairo_t *cr, const SlChartLayout *layout);
void sl_chart_draw_histogram (cairo_t *cr, const SlChartLayout *layout);
void sl_chart_draw_highlight (cairo_t *cr, const SlChartLayout *layout);
void sl_chart_draw_ideal (cairo_t *cr, const SlChartLayout *layout);

/* sl-chart-palette.c */
SlChartColor sl_chart_layout_role (const SlChartLayout *layout, SlChartRole role);
SlChartColor sl_chart_layout_series_color (const SlChartLayout *layout, guint series);
SlMarker sl_chart_layout_series_marker (const SlChartLayout *layout, guint series);

/* sl-chart-marks.c */
void sl_chart_set_color (cairo_t *cr, SlChartColor color, double alpha);
void sl_chart_set_role (cairo_t *cr, const SlChartLayout *layout, SlChartRole role);
double sl_chart_line_width (const SlChartLayout *layout, double width);
void sl_chart_hline (cairo_t *cr, double x0, double x1, double y, double width);
void sl_chart_vline (cairo_t *cr, double x, double y0, double y1, double width);
void sl_chart_set_line_style (cairo_t *cr, SlLineStyle style, double width);
void sl_chart_draw_marker (cairo_t *cr, const SlChartLayout *layout, SlMarker marker, double x,
                           double y, double r, SlChartColor color, double alpha, gboolean hollow);
void sl_chart_draw_failed_mark (cairo_t *cr, const SlChartLayout *layout, double x, double y,
                                double r, SlChartColor color);
void sl_chart_show_text (cairo_t *cr, const SlChartLayout *layout, const char *text, double size,
                         gboolean bold, double x, double y, double x_align, double y_align);
void sl_chart_show_text_ellipsized (cairo_t *cr, const SlChartLayout *layout, const char *text,
                                    double size, gboolean bold, double x, double y,
                                    double max_width);

/* sl-chart-text.c: the layout's one PangoLayout is scratch space that every call overwrites,
 * hence a const layout. */
void sl_chart_text_init (SlChartLayout *layout, const SlChartOptions *options);
double sl_chart_text_font_size (const SlChartOptions *options, double width, double height);
void sl_chart_layout_set_text (const SlChartLayout *layout, const char *text, double size_factor,
                               gboolean bold, gboolean tabular);
void sl_chart_layout_text_size (const SlChartLayout *layout, double *width, double *height);
void sl_chart_text_measure (const SlChartLayout *layout, const char *text, double size_factor,
                            gboolean bold, double *width, double *height);
double sl_chart_text_width (const SlChartLayout *layout, const char *text, double size);

/* sl-chart-series.c */
void sl_chart_series_free (SlChartSeries *series);
const char *sl_chart_model_title (SlModel model);
const char *sl_chart_runtime_title (SlRuntime runtime);
SlChartSeries *sl_chart_find_series (GPtrArray *series, SlRuntime runtime, SlModel model,
                                     gboolean reference);
void sl_chart_collect_series (SlChartLayout *layout, const SlResult *result);
void sl_chart_collect_reference (SlChartLayout *layout, const SlResult *result, double x_lo,
                                 double x_hi);
void sl_chart_collect_curves (SlChartLayout *layout, const SlResult *result);

/* sl-chart-titles.c */
char *sl_chart_build_subtitle (const SlResult *result);
const char *sl_chart_time_unit (double max_seconds, double *factor);
void sl_chart_set_kind_texts (SlChartLayout *layout, const SlResult *result);

/* sl-chart-legend.c */
void sl_chart_legend_entry_free (SlLegendEntry *entry);
SlLegendEntry *sl_chart_legend_add (SlChartLayout *layout, SlLegendSample sample,
                                    SlChartColor color, char *text);
void sl_chart_collect_legend (SlChartLayout *layout, const SlResult *result);
double sl_chart_legend_flow (SlChartLayout *layout, double left, double right, double sample_width);

/* sl-chart-histogram.c */
/* `latencies` is borrowed from the result, for sl_chart_setup_histogram_axes() to bin. */
void sl_chart_setup_tasks (SlChartLayout *layout, const SlResult *result,
                           const SlChartOptions *options, double *x_lo, double *x_hi,
                           const GArray **latencies, guint *n_latencies);
void sl_chart_setup_histogram_axes (SlChartLayout *layout, double x_lo, double x_hi,
                                    const GArray *latencies, guint n_latencies, double *y_lo,
                                    double *y_hi);

/* sl-chart-overlay.c: the data of an overlay: titles, the axis' unit, the usable CPUs and one
 * series per (result, model), each result in a colour family of its own. */
void sl_chart_overlay_setup (SlChartLayout *layout, const SlResult **results, guint n_results,
                             const char **labels, gboolean with_subtitle);
/* What sets each result apart, for the legend (sl_compare_labels()). */
GPtrArray *sl_chart_overlay_labels (const SlResult **results, guint n_results);

/* sl-chart-series.c: markers of several series that would cover one another are moved a
 * little aside of their worker count (SlChartSample.dx), in the series' order; the others
 * stay where they are. */
void   sl_chart_dodge_series (SlChartLayout       *layout);
/* Where a sample of a series is drawn across: its x on the axis, and its dodge. */
double sl_chart_sample_x     (const SlChartLayout *layout,
                              const SlChartSample *sample);

G_END_DECLS
