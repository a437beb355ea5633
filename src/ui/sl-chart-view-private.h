/* sl-chart-view-private.h: the chart view's instance and what its files share: the widget
 * (sl-chart-view.c), its colours and fonts from the style (sl-chart-view-style.c), what a point
 * says under the pointer (sl-chart-view-points.c), and its exports (sl-chart-view-export.c). */
#pragma once

#include "sl-chart-view.h"

G_BEGIN_DECLS

/* The chart's body text against the interface's. */
#define CHART_TEXT_SCALE 0.85
/* How close the pointer must come to a point, in pixels, to pick it. */
#define HIT_RADIUS 14.0

struct _SlChartView
{
  GtkWidget       parent_instance;

  /* borrowed */
  const SlResult *result;        /* the one result, or the overlay's first */

  /* owned */
  GPtrArray      *overlay;       /* const SlResult*, borrowed; NULL unless 2 or more results */
  GStrv           labels;        /* one per overlay result */
  SlChartLayout  *layout;        /* drawn and hit-tested; NULL until needed, dropped on change */
  double          layout_width;
  double          layout_height;
  SlChartTheme    theme;         /* from the style, when the layout was computed */
  PangoFontDescription *font;
  cairo_font_options_t *font_options;
  SlChartKind     kind;
  gboolean        show_fits;
  gboolean        show_reference;
  int             task_point;
  int             hover;
  GtkPopover     *point_popover;  /* the keyboard's point, told beside it; NULL until then */
  guint           n_draws;
  gboolean        drawn_dark;
};

/* sl-chart-view.c */
/* The layout the last drawing used, computed again only when something changed; NULL with
 * nothing to draw. */
SlChartLayout *sl_chart_view_ensure_layout  (SlChartView *self);
/* An overlay of the tasks chart: it has none. */
gboolean       sl_chart_view_lacks_chart    (SlChartView *self);
/* Every point the view draws, the overlay's in turn. */
guint          sl_chart_view_count_points   (SlChartView *self);

/* Rings point `hover` (-1: none) without a new layout. */
void           sl_chart_view_set_hover      (SlChartView *self,
                                             int          hover);
/* A point's markup for the pointer or the keyboard. */
char          *sl_chart_view_describe_index (SlChartView *self,
                                             int          index);

/* sl-chart-view-style.c: the chart's colours and fonts from the style now in effect. */
void           sl_chart_view_update_style   (SlChartView *self);

/* sl-chart-view-points.c */
/* Which result (0 outside an overlay) and which of its points the view's point `index` is. */
gboolean       sl_chart_view_split          (SlChartView *self,
                                             int          index,
                                             guint       *result,
                                             guint       *point);
/* The keyboard: Left, Right, Home and End step through the points the chart draws, each told
 * in a popover beside it and as the view's accessible description; Enter activates it. */
void           sl_chart_view_init_keys      (SlChartView *self);
/* Where the keyboard's point is drawn now, after a new layout. */
void           sl_chart_view_place_popover  (SlChartView *self);
/* The keyboard's point away: the pointer took over, or the focus left. */
void           sl_chart_view_hide_popover   (SlChartView *self);
/* The tooltip's markup for point `index` of result `result_index`. */
char          *sl_chart_view_describe_point (SlChartView *self,
                                             guint        result_index,
                                             guint        index);

G_END_DECLS
