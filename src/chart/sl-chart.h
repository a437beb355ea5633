/* sl-chart.h: draws a result document as a chart on any cairo context, and exports it.
 *
 * The window, the CLI and the tests all draw through the same layout and drawing code, so what a
 * person sees on screen is what an exported PNG, SVG or PDF shows for the same options and size.
 * Nothing here depends on GTK: a window passes its fonts and colours in SlChartOptions.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "sl-result.h"

G_BEGIN_DECLS

typedef enum {
  SL_CHART_TIME,         /* median wall time per worker count, its 95 % interval as bars */
  SL_CHART_SPEEDUP,      /* S(W) with the ideal line, the usable CPUs and the fits */
  SL_CHART_EFFICIENCY,   /* S(W) / W in percent */
  SL_CHART_CPU,          /* (user + sys) / wall, in cores */
  SL_CHART_TASKS,        /* per-task latency histogram of one point */
  SL_N_CHART_KINDS
} SlChartKind;

const char *sl_chart_kind_to_string (SlChartKind kind);
gboolean    sl_chart_kind_from_string (const char *text, SlChartKind *out);
/* Translated, for titles and menus: "Speedup". */
const char *sl_chart_kind_get_title (SlChartKind kind);

/* Colours */

typedef struct {
  double red;
  double green;
  double blue;
} SlChartColor;

typedef enum {
  SL_CHART_ROLE_BACKGROUND,
  SL_CHART_ROLE_TEXT,
  SL_CHART_ROLE_DIM_TEXT,
  SL_CHART_ROLE_GRID,
  SL_CHART_ROLE_AXIS,
  SL_CHART_ROLE_IDEAL,       /* S = W, 100 %, one core per worker */
  SL_CHART_ROLE_CORES,       /* the vertical line at the usable CPU count */
  SL_N_CHART_ROLES
} SlChartRole;

#define SL_CHART_N_SERIES_COLORS 6

/* What a chart is painted with. sl_chart_theme_init() fills in the built-in light or dark
 * colours; a window starts from those and overrides what the desktop says (its accent colour,
 * high contrast). */
typedef struct {
  SlChartColor roles[SL_N_CHART_ROLES];
  SlChartColor accent;                            /* the ring around a highlighted point */
  SlChartColor series[SL_CHART_N_SERIES_COLORS];  /* by series number, over again past the end */
  gboolean     high_contrast;                     /* thicker lines, a stronger grid */
} SlChartTheme;

void         sl_chart_theme_init (SlChartTheme *theme,
                                  gboolean      dark);
/* The built-in colours, which are what sl_chart_theme_init() fills in. */
SlChartColor sl_chart_theme_color (gboolean    dark,
                                   SlChartRole role);
/* Series are numbered by the first appearance of their (runtime, model) in result->points. */
SlChartColor sl_chart_series_color (gboolean dark,
                                    guint    series);

/* Options */

typedef struct {
  gboolean dark;             /* the built-in dark colours; unused when `theme` is set */
  gboolean show_reference;   /* the article's published numbers, for its presets */
  gboolean show_fits;        /* Amdahl and USL curves on the speedup chart */
  int      task_point;       /* index into result->points for SL_CHART_TASKS; -1: the best */
  int      highlight_point;  /* index into result->points ringed in the accent colour (the
                                point under the pointer); -1: none. See also
                                sl_chart_layout_set_highlight_point(). */

  /* Borrowed: read by sl_chart_layout_compute() (and so by sl_chart_draw() and the exports),
   * which copies what it needs; NULL for the defaults. */
  const SlChartTheme         *theme;         /* NULL: sl_chart_theme_init (dark) */
  /* The family, style and body text size. Without a family: Cantarell where installed, else
   * DejaVu Sans. Without a size, text grows with the chart (9–15 px); with one, body text has
   * that size (absolute sizes in pixels, others in points at 96 dpi) and titles and tick
   * labels scale from it. */
  const PangoFontDescription *font;
  /* Hinting and antialiasing, as the toolkit has them; NULL: no hinting, greyscale
   * antialiasing, which measure the same at every scale. */
  const cairo_font_options_t *font_options;
} SlChartOptions;

/* Built-in light colours and font, reference and fits shown, best point, no highlight. */
void sl_chart_options_init (SlChartOptions *options);

/* Draws the whole chart, background included, into the rectangle (0, 0, width, height) of the
 * user space of `cr`: sl_chart_layout_compute() then sl_chart_draw_layout(). `result` may be
 * partial (a sweep still running) or hold failed points and non-finite values; `options` may be
 * NULL for the defaults. The state of `cr` is preserved. */
void sl_chart_draw (cairo_t              *cr,
                    const SlResult       *result,
                    SlChartKind           kind,
                    const SlChartOptions *options,
                    double                width,
                    double                height);

/* "Speedup — Sum of 100 million integers": the chart's title, also written into SVG and PDF
 * metadata. */
char *sl_chart_dup_title (const SlResult *result,
                          SlChartKind     kind);

/* Export */

typedef enum {
  SL_CHART_FORMAT_PNG,
  SL_CHART_FORMAT_SVG,
  SL_CHART_FORMAT_PDF,
} SlChartFormat;

#define SL_CHART_MIN_SIZE   120      /* logical pixels, each side */
#define SL_CHART_MAX_SIZE   8192
#define SL_CHART_MIN_SCALE  0.5
#define SL_CHART_MAX_SCALE  8.0
#define SL_CHART_MAX_PIXELS (8192 * 8192)   /* width × height × scale², device pixels */
#define SL_CHART_DEFAULT_WIDTH  1200
#define SL_CHART_DEFAULT_HEIGHT 800

/* The format from the file name's extension (.png, .svg, .pdf, any case). */
gboolean sl_chart_format_from_path (const char    *path,
                                    SlChartFormat *out,
                                    GError       **error);
const char *sl_chart_format_to_string (SlChartFormat format);
gboolean    sl_chart_format_from_string (const char *text, SlChartFormat *out);
/* Checks an export size against the limits above, with a message that names them. */
gboolean sl_chart_check_size (int      width,
                              int      height,
                              double   scale,
                              GError **error);

/* The chart as the bytes of a file. `width` × `height` are logical pixels (PDF points);
 * `scale` multiplies both for the output, so a 2× PNG has twice the pixels of a 1× one. */
GBytes  *sl_chart_render (const SlResult       *result,
                          SlChartKind           kind,
                          const SlChartOptions *options,
                          SlChartFormat         format,
                          int                   width,
                          int                   height,
                          double                scale,
                          GError              **error);
/* Renders and replaces `path` atomically; the format comes from its extension. */
gboolean sl_chart_export (const SlResult       *result,
                          SlChartKind           kind,
                          const SlChartOptions *options,
                          const char           *path,
                          int                   width,
                          int                   height,
                          double                scale,
                          GError              **error);

/* Layout: where the chart puts things. A window computes one whenever the result, the options
 * or its size change, draws it on every frame with sl_chart_draw_layout() and hit-tests the
 * pointer against the same one, so a chart is never laid out twice for one frame.
 *
 * A layout holds copies of all it draws: the result and the options (with their theme and fonts)
 * may change or be freed once sl_chart_layout_compute() has returned. */

typedef struct _SlChartLayout SlChartLayout;

SlChartLayout *sl_chart_layout_compute (const SlResult       *result,
                                        SlChartKind           kind,
                                        const SlChartOptions *options,
                                        double                width,
                                        double                height);
void           sl_chart_layout_free (SlChartLayout *layout);
/* Draws exactly what sl_chart_draw() draws for the result, kind, options and size the layout was
 * computed for, into the rectangle (0, 0, width, height) of the user space of `cr`, which may
 * be scaled for a HiDPI screen or an export. The state of `cr` is preserved. */
void           sl_chart_draw_layout (cairo_t             *cr,
                                     const SlChartLayout *layout);
/* Data → pixel: x is a worker count (a latency in seconds on the tasks chart), y a value in the
 * chart's own unit: seconds for time, × for speedup, percent for efficiency, cores for cpu,
 * tasks for the histogram. */
double         sl_chart_layout_x (const SlChartLayout *layout,
                                  double               x);
double         sl_chart_layout_y (const SlChartLayout *layout,
                                  double               y);
void           sl_chart_layout_get_plot_area (const SlChartLayout *layout,
                                              double              *x,
                                              double              *y,
                                              double              *width,
                                              double              *height);
/* The index into result->points of the drawn point nearest to (x, y) within `radius` pixels,
 * or -1. */
int            sl_chart_layout_find_point (const SlChartLayout *layout,
                                           double               x,
                                           double               y,
                                           double               radius);
/* Where the point `point_index` of result->points is drawn, for a tooltip or a popover beside
 * it; FALSE when the chart does not draw it (failed, pending, the tasks chart). */
gboolean       sl_chart_layout_get_point_position (const SlChartLayout *layout,
                                                   int                  point_index,
                                                   double              *x,
                                                   double              *y);
/* Rings the point `point_index` of result->points in the theme's accent colour from the next
 * sl_chart_draw_layout() on, as SlChartOptions.highlight_point does, without a new layout: the
 * pointer moving over the chart only redraws it. -1 takes the ring away; a point the chart does
 * not draw gets none. */
void           sl_chart_layout_set_highlight_point (SlChartLayout *layout,
                                                    int            point_index);
int            sl_chart_layout_get_highlight_point (const SlChartLayout *layout);

/* Overlays: several results on one chart, to compare them.
 *
 * Each result's series are drawn in a colour family of its own (the first result blues, the
 * second oranges, then greens, purples, reds, browns, over again past the sixth), threads and
 * processes as two shades of it with their usual markers, and the legend names each series
 * "LABEL · threads". `labels` has one entry per result saying what sets it apart (see
 * sl_compare_labels(), which computes them when `labels` is NULL). The article's numbers and the
 * fitted curves are left out of an overlay; the tasks chart, which shows one point of one
 * result, has no overlay. The layout is drawn, hit-tested and highlighted like any other: its
 * point indices count through the points of results[0], then those of results[1] and so on,
 * and sl_chart_layout_get_overlay_point() splits one into the result and its point. */
SlChartLayout *sl_chart_layout_compute_overlay (const SlResult       **results,
                                                guint                  n_results,
                                                const char           **labels,
                                                SlChartKind            kind,
                                                const SlChartOptions  *options,
                                                double                 width,
                                                double                 height);
/* Which result and which of its points the point index `index` of a layout is; for a layout of
 * one result, result 0 and `index` itself. FALSE when `index` is out of range. */
gboolean       sl_chart_layout_get_overlay_point (const SlChartLayout *layout,
                                                  int                  index,
                                                  guint               *result,
                                                  guint               *point);
/* The colour of a result's series of `model` in an overlay, as the built-in light or dark
 * theme paints it. */
SlChartColor   sl_chart_overlay_color (gboolean dark,
                                       guint    result,
                                       SlModel  model);
/* "Speedup — Sum of 100 million integers" when the results share it, else
 * "Speedup — 3 experiments". */
char          *sl_chart_dup_overlay_title (const SlResult **results,
                                           guint            n_results,
                                           SlChartKind      kind);
/* sl_chart_render() and sl_chart_export() for an overlay. */
GBytes        *sl_chart_render_overlay (const SlResult       **results,
                                        guint                  n_results,
                                        const char           **labels,
                                        SlChartKind            kind,
                                        const SlChartOptions  *options,
                                        SlChartFormat          format,
                                        int                    width,
                                        int                    height,
                                        double                 scale,
                                        GError               **error);
gboolean       sl_chart_export_overlay (const SlResult       **results,
                                        guint                  n_results,
                                        const char           **labels,
                                        SlChartKind            kind,
                                        const SlChartOptions  *options,
                                        const char            *path,
                                        int                    width,
                                        int                    height,
                                        double                 scale,
                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlChartLayout, sl_chart_layout_free)

G_END_DECLS
