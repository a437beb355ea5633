/* sl-chart-private.h: the computed layout of one chart, shared by the layout and drawing code. */
#pragma once

#include <pango/pangocairo.h>

#include "sl-chart.h"
#include "sl-chart-axis.h"

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
  gboolean drawn;         /* finite x and y */
  gboolean failed;        /* failed or cancelled: a gap with a mark */
  gboolean running;       /* still being measured: drawn hollow */
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
  SL_LEGEND_BAR,          /* a histogram bar */
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
  gboolean     dark;
  double       width;
  double       height;

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
  guint        bin_color;
  double       percentiles[3];            /* p50, p95, p99, display units */
};

void   sl_chart_layout_set_text (SlChartLayout *layout,
                                 const char    *text,
                                 double         size_factor,
                                 gboolean       bold,
                                 gboolean       tabular);
void   sl_chart_layout_text_size (SlChartLayout *layout,
                                  double        *width,
                                  double        *height);

G_END_DECLS
