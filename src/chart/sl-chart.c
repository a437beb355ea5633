/* sl-chart.c: draws a computed chart layout with cairo and pango, on any surface. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <math.h>

#include "sl-analysis.h"
#include "sl-chart-private.h"

#define RGB(hex) \
  { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Okabe and Ito's palette, which stays distinguishable with every common colour-vision
 * deficiency; the first two (the usual threads and processes) are the most different pair.
 * The dark theme takes the lighter members so that lines stand out on #1e1e1e. */
static const SlChartColor series_light[] = {
  RGB (0x0072b2),   /* blue */
  RGB (0xd55e00),   /* vermillion */
  RGB (0x009e73),   /* bluish green */
  RGB (0xcc79a7),   /* reddish purple */
  RGB (0xe69f00),   /* orange */
  RGB (0x56b4e9),   /* sky blue */
};

static const SlChartColor series_dark[] = {
  RGB (0x56b4e9),   /* sky blue */
  RGB (0xe69f00),   /* orange */
  RGB (0x2fc49a),   /* bluish green, lightened */
  RGB (0xdc8fbb),   /* reddish purple, lightened */
  RGB (0xf0e442),   /* yellow */
  RGB (0xff7f3f),   /* vermillion, lightened */
};

/* libadwaita's view colours, flattened to opaque values so that exports and the tests see
 * exactly what the window paints. */
static const SlChartColor theme_light[SL_N_CHART_ROLES] = {
  [SL_CHART_ROLE_BACKGROUND] = RGB (0xffffff),
  [SL_CHART_ROLE_TEXT] = RGB (0x2e2e33),
  [SL_CHART_ROLE_DIM_TEXT] = RGB (0x6e6e73),
  [SL_CHART_ROLE_GRID] = RGB (0xebebed),
  [SL_CHART_ROLE_AXIS] = RGB (0xa8a8ad),
  [SL_CHART_ROLE_IDEAL] = RGB (0x8e8e93),
  [SL_CHART_ROLE_CORES] = RGB (0x813d9c),
};

static const SlChartColor theme_dark[SL_N_CHART_ROLES] = {
  [SL_CHART_ROLE_BACKGROUND] = RGB (0x1e1e1e),
  [SL_CHART_ROLE_TEXT] = RGB (0xf0f0f0),
  [SL_CHART_ROLE_DIM_TEXT] = RGB (0xa6a6a6),
  [SL_CHART_ROLE_GRID] = RGB (0x333333),
  [SL_CHART_ROLE_AXIS] = RGB (0x6a6a6a),
  [SL_CHART_ROLE_IDEAL] = RGB (0x8c8c8c),
  [SL_CHART_ROLE_CORES] = RGB (0xc061cb),
};

SlChartColor
sl_chart_theme_color (gboolean    dark,
                      SlChartRole role)
{
  static const SlChartColor black = { 0.0, 0.0, 0.0 };

  g_return_val_if_fail ((guint) role < SL_N_CHART_ROLES, black);

  return dark ? theme_dark[role] : theme_light[role];
}

SlChartColor
sl_chart_series_color (gboolean dark,
                       guint    series)
{
  return dark ? series_dark[series % G_N_ELEMENTS (series_dark)]
              : series_light[series % G_N_ELEMENTS (series_light)];
}

/* Drawing helpers */

static void
set_color (cairo_t     *cr,
           SlChartColor color,
           double       alpha)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

static void
set_role (cairo_t             *cr,
          const SlChartLayout *layout,
          SlChartRole          role)
{
  set_color (cr, sl_chart_theme_color (layout->dark, role), 1.0);
}

static double
device_scale (cairo_t *cr)
{
  double dx = 1.0, dy = 0.0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  return MAX (hypot (dx, dy), 1e-6);
}

/* A line of `width` user units, rounded to whole device pixels, and the offset that puts its
 * edges on pixel boundaries: grid lines stay crisp at scale 1, 2 or anything else. */
static double
crisp_width (cairo_t *cr,
             double   width)
{
  double scale = device_scale (cr);

  return MAX (1.0, round (width * scale)) / scale;
}

static double
snap (cairo_t *cr,
      double   value,
      double   width,
      gboolean is_x)
{
  double scale = device_scale (cr);
  double pixels = MAX (1.0, round (width * scale));
  double x = is_x ? value : 0.0, y = is_x ? 0.0 : value;
  double d;

  cairo_user_to_device (cr, &x, &y);
  d = is_x ? x : y;
  d = fmod (pixels, 2.0) == 1.0 ? floor (d) + 0.5 : round (d);
  if (is_x)
    x = d;
  else
    y = d;
  cairo_device_to_user (cr, &x, &y);

  return is_x ? x : y;
}

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y,
       double   width)
{
  double w = crisp_width (cr, width);

  y = snap (cr, y, width, FALSE);
  cairo_set_line_width (cr, w);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
}

static void
vline (cairo_t *cr,
       double   x,
       double   y0,
       double   y1,
       double   width)
{
  double w = crisp_width (cr, width);

  x = snap (cr, x, width, TRUE);
  cairo_set_line_width (cr, w);
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
  cairo_stroke (cr);
}

static void
set_line_style (cairo_t     *cr,
                SlLineStyle  style,
                double       width)
{
  double dashes[4];
  int n = 0;

  switch (style)
    {
    case SL_LINE_DASHED:
      dashes[0] = 5.0 * width;
      dashes[1] = 3.0 * width;
      n = 2;
      break;
    case SL_LINE_DOTTED:
      /* Square dots: round caps look the same at these widths and cost far more to fill. */
      dashes[0] = 1.0 * width;
      dashes[1] = 1.75 * width;
      n = 2;
      break;
    case SL_LINE_DASH_DOT:
      dashes[0] = 5.0 * width;
      dashes[1] = 2.0 * width;
      dashes[2] = 1.0 * width;
      dashes[3] = 2.0 * width;
      n = 4;
      break;
    case SL_LINE_SOLID:
    default:
      break;
    }

  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dashes, n, 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
marker_path (cairo_t *cr,
             SlMarker marker,
             double   x,
             double   y,
             double   r)
{
  switch (marker)
    {
    case SL_MARKER_SQUARE:
      r *= 0.88;
      cairo_rectangle (cr, x - r, y - r, 2.0 * r, 2.0 * r);
      break;
    case SL_MARKER_TRIANGLE:
    case SL_MARKER_TRIANGLE_DOWN:
      {
        double s = marker == SL_MARKER_TRIANGLE ? 1.0 : -1.0;

        r *= 1.25;
        cairo_move_to (cr, x, y - s * r);
        cairo_line_to (cr, x + r * 0.866, y + s * r * 0.5);
        cairo_line_to (cr, x - r * 0.866, y + s * r * 0.5);
        cairo_close_path (cr);
      }
      break;
    case SL_MARKER_DIAMOND:
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case SL_MARKER_HEXAGON:
      r *= 1.1;
      for (int i = 0; i < 6; i++)
        {
          double a = G_PI / 6.0 + i * G_PI / 3.0;

          if (i == 0)
            cairo_move_to (cr, x + r * cos (a), y + r * sin (a));
          else
            cairo_line_to (cr, x + r * cos (a), y + r * sin (a));
        }
      cairo_close_path (cr);
      break;
    case SL_MARKER_CIRCLE:
    case SL_N_MARKERS:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0.0, 2.0 * G_PI);
      break;
    }
}

static void
draw_marker (cairo_t             *cr,
             const SlChartLayout *layout,
             SlMarker             marker,
             double               x,
             double               y,
             double               r,
             SlChartColor         color,
             double               alpha,
             gboolean             hollow)
{
  /* A ring of background keeps a marker readable where lines and other markers cross it. */
  marker_path (cr, marker, x, y, r + 1.25);
  set_role (cr, layout, SL_CHART_ROLE_BACKGROUND);
  cairo_fill (cr);

  marker_path (cr, marker, x, y, hollow ? r - 0.75 : r);
  if (hollow)
    {
      set_color (cr, color, alpha);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, color, alpha);
      cairo_fill (cr);
    }
}

static void
draw_failed_mark (cairo_t     *cr,
                  double       x,
                  double       y,
                  double       r,
                  SlChartColor color)
{
  set_color (cr, color, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x - r, y - r);
  cairo_line_to (cr, x + r, y + r);
  cairo_move_to (cr, x + r, y - r);
  cairo_line_to (cr, x - r, y + r);
  cairo_stroke (cr);
}

/* Text; (x, y) is the point of the text named by the alignments (0 left/top … 1 right/bottom),
 * moved to whole device pixels so that glyphs keep a crisp baseline. */
static void
show_text (cairo_t       *cr,
           SlChartLayout *layout,
           const char    *text,
           double         size,
           gboolean       bold,
           double         x,
           double         y,
           double         x_align,
           double         y_align)
{
  double w, h;

  sl_chart_layout_set_text (layout, text, size, bold, TRUE);
  sl_chart_layout_text_size (layout, &w, &h);
  x -= w * x_align;
  y -= h * y_align;
  cairo_user_to_device (cr, &x, &y);
  x = round (x);
  y = round (y);
  cairo_device_to_user (cr, &x, &y);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout->text);
}

static void
show_text_ellipsized (cairo_t       *cr,
                      SlChartLayout *layout,
                      const char    *text,
                      double         size,
                      gboolean       bold,
                      double         x,
                      double         y,
                      double         max_width)
{
  sl_chart_layout_set_text (layout, text, size, bold, FALSE);
  pango_layout_set_width (layout->text, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout->text, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, round (x), round (y));
  pango_cairo_show_layout (cr, layout->text);
}

static double
text_width (SlChartLayout *layout,
            const char    *text,
            double         size)
{
  double w;

  sl_chart_layout_set_text (layout, text, size, FALSE, TRUE);
  sl_chart_layout_text_size (layout, &w, NULL);
  return w;
}

/* Parts of the chart */

static void
draw_titles (cairo_t       *cr,
             SlChartLayout *layout)
{
  double max_width = layout->width - 2.0 * layout->margin;

  set_role (cr, layout, SL_CHART_ROLE_TEXT);
  show_text_ellipsized (cr, layout, layout->title, 1.3, TRUE, layout->margin, layout->title_y,
                        max_width);

  if (layout->subtitle != NULL)
    {
      set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
      show_text_ellipsized (cr, layout, layout->subtitle, 0.9, FALSE, layout->margin,
                            layout->subtitle_y, max_width);
    }
}

static void
draw_axes (cairo_t       *cr,
           SlChartLayout *layout)
{
  double u = layout->font_size;
  double left = layout->plot_x, right = layout->plot_x + layout->plot_w;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;
  double last_label_right = -INFINITY;
  double baseline, tick_h;
  char label[64];

  cairo_set_dash (cr, NULL, 0, 0.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Horizontal grid and y labels */
  for (guint i = 0; i < layout->y_ticks->len; i++)
    {
      double v = g_array_index (layout->y_ticks, double, i);
      double y = sl_chart_axis_map (&layout->y_axis, v);

      if (v != 0.0 || layout->y_axis.min != 0.0)
        {
          set_role (cr, layout, SL_CHART_ROLE_GRID);
          hline (cr, left, right, y, 1.0);
        }
      g_snprintf (label, sizeof label, "%.*f", layout->y_decimals, v);
      set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
      show_text (cr, layout, label, 0.85, FALSE, left - 0.5 * u, y, 1.0, 0.5);
    }

  /* Vertical grid and x labels; a label that would touch its neighbour is left out. */
  for (guint i = 0; i < layout->x_ticks->len; i++)
    {
      double v = g_array_index (layout->x_ticks, double, i);
      double x = sl_chart_axis_map (&layout->x_axis, v);
      double w;

      if (x < left - 0.5 || x > right + 0.5)
        continue;

      set_role (cr, layout, SL_CHART_ROLE_GRID);
      vline (cr, x, top, bottom, 1.0);

      g_snprintf (label, sizeof label, "%.*f", layout->x_decimals, v);
      w = text_width (layout, label, 0.85);
      if (x - w / 2.0 < last_label_right + 0.6 * u)
        continue;
      set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
      show_text (cr, layout, label, 0.85, FALSE, x, bottom + 0.45 * u, 0.5, 0.0);
      last_label_right = x + w / 2.0;
    }

  /* The zero line (or the bottom edge) is the x axis. */
  baseline = layout->y_axis.min <= 0.0 && layout->y_axis.max >= 0.0
             ? sl_chart_axis_map (&layout->y_axis, 0.0) : bottom;
  set_role (cr, layout, SL_CHART_ROLE_AXIS);
  hline (cr, left, right, baseline, 1.0);

  /* Axis titles, where sl_chart_layout_compute() left room for them */
  set_role (cr, layout, SL_CHART_ROLE_TEXT);
  sl_chart_layout_set_text (layout, "0123456789", 0.85, FALSE, TRUE);
  sl_chart_layout_text_size (layout, NULL, &tick_h);
  show_text (cr, layout, layout->x_title, 0.9, FALSE, left + layout->plot_w / 2.0,
             bottom + 0.45 * u + tick_h + 0.3 * u, 0.5, 0.0);

  cairo_save (cr);
  cairo_translate (cr, layout->margin, top + layout->plot_h / 2.0);
  cairo_rotate (cr, -G_PI / 2.0);
  show_text (cr, layout, layout->y_title, 0.9, FALSE, 0.0, 0.0, 0.5, 0.0);
  cairo_restore (cr);
}

static void
clip_to_plot (cairo_t             *cr,
              const SlChartLayout *layout,
              double               extra)
{
  cairo_rectangle (cr, layout->plot_x - extra, layout->plot_y - extra,
                   layout->plot_w + 2.0 * extra, layout->plot_h + 2.0 * extra);
  cairo_clip (cr);
}

typedef double (*CurveFunc) (const SlChartLayout *layout, const SlChartCurve *curve, double x);

static double
ideal_value (const SlChartLayout *layout,
             const SlChartCurve  *curve,
             double               x)
{
  switch (layout->ideal)
    {
    case SL_IDEAL_DIAGONAL:
      return x;
    case SL_IDEAL_FLAT_100:
      return 100.0;
    case SL_IDEAL_CORES:
      return layout->usable_cpus > 0 ? MIN (x, (double) layout->usable_cpus) : x;
    case SL_IDEAL_NONE:
    default:
      return NAN;
    }
}

static double
fit_value (const SlChartLayout *layout,
           const SlChartCurve  *curve,
           double               x)
{
  if (curve->kind == SL_CURVE_AMDAHL)
    return sl_amdahl_speedup (curve->cpus > 0 ? MIN (x, (double) curve->cpus) : x,
                              curve->serial_fraction);
  return sl_usl_speedup (x, curve->sigma, curve->kappa);
}

/* Samples a function of the worker count every couple of pixels, so that it is smooth on a
 * log2 axis too; non-finite values break the line. */
static void
curve_path (cairo_t             *cr,
            const SlChartLayout *layout,
            CurveFunc            func,
            const SlChartCurve  *curve)
{
  double p0 = layout->x_axis.pixel_min, p1 = layout->x_axis.pixel_max;
  /* Fine enough for a smooth curve; every segment more costs time in the dashing. */
  double step = 4.0;
  gboolean pen_down = FALSE;

  for (double p = p0; p <= p1 + step; p += step)
    {
      double px = MIN (p, p1);
      double x = sl_chart_axis_unmap (&layout->x_axis, px);
      double y = func (layout, curve, x);

      if (!isfinite (y))
        {
          pen_down = FALSE;
          continue;
        }
      /* Keep far-off values from turning into huge coordinates: the clip hides them anyway. */
      y = CLAMP (sl_chart_axis_map (&layout->y_axis, y), -1e5, 1e5);
      if (pen_down)
        cairo_line_to (cr, px, y);
      else
        cairo_move_to (cr, px, y);
      pen_down = TRUE;
      if (px >= p1)
        break;
    }
}

static void
draw_guides (cairo_t       *cr,
             SlChartLayout *layout)
{
  double u = layout->font_size;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;

  if (layout->show_cores)
    {
      double x = sl_chart_axis_map (&layout->x_axis, layout->usable_cpus);
      SlChartColor text = sl_chart_theme_color (layout->dark, SL_CHART_ROLE_TEXT);
      g_autofree char *label = NULL;

      /* Beyond the usable CPUs workers can only take turns: a faint wash says so. */
      if (x < layout->plot_x + layout->plot_w - 1.0)
        {
          set_color (cr, text, layout->dark ? 0.035 : 0.025);
          cairo_rectangle (cr, x, top, layout->plot_x + layout->plot_w - x, layout->plot_h);
          cairo_fill (cr);
        }

      set_role (cr, layout, SL_CHART_ROLE_CORES);
      cairo_set_dash (cr, NULL, 0, 0.0);
      vline (cr, x, top - 0.15 * u, bottom, 1.0);

      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u usable CPU", "%u usable CPUs",
                                            layout->usable_cpus),
                               layout->usable_cpus);
      {
        double w = text_width (layout, label, 0.85);
        double lx = CLAMP (x, layout->margin + w / 2.0, layout->width - layout->margin - w / 2.0);

        show_text (cr, layout, label, 0.85, FALSE, lx, top - 0.3 * u, 0.5, 1.0);
      }
    }

  if (layout->ideal != SL_IDEAL_NONE && layout->message == NULL)
    {
      cairo_save (cr);
      clip_to_plot (cr, layout, 0.0);
      set_role (cr, layout, SL_CHART_ROLE_IDEAL);
      set_line_style (cr, SL_LINE_SOLID, 1.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      if (layout->ideal == SL_IDEAL_FLAT_100)
        hline (cr, layout->plot_x, layout->plot_x + layout->plot_w,
               sl_chart_axis_map (&layout->y_axis, 100.0), 1.5);
      else
        {
          curve_path (cr, layout, ideal_value, NULL);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
}

static void
draw_curves (cairo_t       *cr,
             SlChartLayout *layout)
{
  if (layout->curves->len == 0)
    return;

  cairo_save (cr);
  clip_to_plot (cr, layout, 0.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < layout->curves->len; i++)
    {
      const SlChartCurve *curve = &g_array_index (layout->curves, SlChartCurve, i);

      set_color (cr, sl_chart_series_color (layout->dark, curve->color_index), 0.85);
      set_line_style (cr, curve->kind == SL_CURVE_AMDAHL ? SL_LINE_DASHED : SL_LINE_DOTTED, 1.75);
      curve_path (cr, layout, fit_value, curve);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_series (cairo_t             *cr,
             SlChartLayout       *layout,
             const SlChartSeries *series)
{
  SlChartColor color = sl_chart_series_color (layout->dark, series->color_index);
  SlMarker marker = (SlMarker) (series->color_index % SL_N_MARKERS);
  double alpha = series->reference ? 0.55 : 1.0;
  double r = layout->marker_radius * (series->reference ? 0.85 : 1.0);
  gboolean pen_down = FALSE;

  cairo_save (cr);
  /* Room for markers that sit on the edges (a zero, the largest value). */
  clip_to_plot (cr, layout, layout->marker_radius + 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Error bars; where even markers do not fit they would only be noise. */
  if (!series->reference && layout->marker_radius > 0.0)
    {
      double cap = layout->error_caps ? MAX (r, 3.0) : 0.0;

      set_color (cr, color, 0.6);
      set_line_style (cr, SL_LINE_SOLID, 1.25);
      for (guint i = 0; i < series->samples->len; i++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);
          double x, y0, y1;

          if (!s->drawn || !isfinite (s->lo) || !isfinite (s->hi))
            continue;
          x = sl_chart_axis_map (&layout->x_axis, s->x);
          y0 = sl_chart_axis_map (&layout->y_axis, s->lo);
          y1 = sl_chart_axis_map (&layout->y_axis, s->hi);
          if (fabs (y0 - y1) < 1.0)
            continue;
          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x, y1);
          if (cap > 0.0)
            {
              cairo_move_to (cr, x - cap, y0);
              cairo_line_to (cr, x + cap, y0);
              cairo_move_to (cr, x - cap, y1);
              cairo_line_to (cr, x + cap, y1);
            }
        }
      cairo_stroke (cr);
    }

  /* The line breaks wherever a point is missing, so a gap is never bridged as if measured. */
  set_color (cr, color, alpha);
  set_line_style (cr, SL_LINE_SOLID, series->reference ? 1.25 : 2.0);
  for (guint i = 0; i < series->samples->len; i++)
    {
      const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);
      double x, y;

      if (!s->drawn)
        {
          pen_down = FALSE;
          continue;
        }
      x = sl_chart_axis_map (&layout->x_axis, s->x);
      y = CLAMP (sl_chart_axis_map (&layout->y_axis, s->y), -1e5, 1e5);
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  if (r > 0.0)
    {
      for (guint i = 0; i < series->samples->len; i++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, i);

          if (!s->drawn)
            continue;
          draw_marker (cr, layout, marker, sl_chart_axis_map (&layout->x_axis, s->x),
                       CLAMP (sl_chart_axis_map (&layout->y_axis, s->y), -1e5, 1e5), r, color,
                       alpha, series->reference || s->running);
        }
    }
  else
    {
      /* Too dense for markers: a lone point between gaps would vanish without a dot. */
      const SlChartSample *samples = (const SlChartSample *) (void *) series->samples->data;
      guint n = series->samples->len;

      for (guint i = 0; i < n; i++)
        {
          const SlChartSample *s = &samples[i];
          gboolean alone = s->drawn && (i == 0 || !samples[i - 1].drawn) &&
                           (i + 1 == n || !samples[i + 1].drawn);

          if (!alone)
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, sl_chart_axis_map (&layout->x_axis, s->x),
                     CLAMP (sl_chart_axis_map (&layout->y_axis, s->y), -1e5, 1e5), 2.0,
                     0.0, 2.0 * G_PI);
          cairo_fill (cr);
        }
    }

  cairo_restore (cr);
}

/* Failed points sit on the x axis as a cross in their series' colour, stacked per series. */
static void
draw_failed (cairo_t       *cr,
             SlChartLayout *layout)
{
  double u = layout->font_size;
  double r = CLAMP (layout->marker_radius, 2.5, 0.3 * u);
  double bottom = layout->plot_y + layout->plot_h;
  guint row = 0;

  for (guint i = 0; i < layout->series->len; i++)
    {
      const SlChartSeries *series = g_ptr_array_index (layout->series, i);
      gboolean any = FALSE;

      if (series->reference)
        continue;

      for (guint j = 0; j < series->samples->len; j++)
        {
          const SlChartSample *s = &g_array_index (series->samples, SlChartSample, j);

          if (!s->failed)
            continue;
          draw_failed_mark (cr, sl_chart_axis_map (&layout->x_axis, s->x),
                            bottom - r - 3.0 - row * (2.0 * r + 3.0), r,
                            sl_chart_series_color (layout->dark, series->color_index));
          any = TRUE;
        }
      if (any)
        row++;
    }
}

static void
draw_histogram (cairo_t       *cr,
                SlChartLayout *layout)
{
  double u = layout->font_size;
  double top = layout->plot_y, bottom = layout->plot_y + layout->plot_h;
  SlChartColor color = sl_chart_series_color (layout->dark, layout->bin_color);
  static const char *names[] = { "p50", "p95", "p99" };
  static const SlLineStyle styles[] = { SL_LINE_SOLID, SL_LINE_DASHED, SL_LINE_DOTTED };
  double last_label_right = -INFINITY;

  if (layout->bins == NULL)
    return;

  set_color (cr, color, 0.8);
  for (guint i = 0; i < layout->bins->len; i++)
    {
      double count = g_array_index (layout->bins, double, i);
      double x0 = sl_chart_axis_map (&layout->x_axis, layout->bin_start + i * layout->bin_width);
      double x1 = sl_chart_axis_map (&layout->x_axis,
                                     layout->bin_start + (i + 1) * layout->bin_width);
      double y = sl_chart_axis_map (&layout->y_axis, count);
      double gap = x1 - x0 > 4.0 ? 1.0 : 0.0;

      if (count <= 0.0)
        continue;
      cairo_rectangle (cr, x0 + gap / 2.0, y, MAX (x1 - x0 - gap, 0.5), bottom - y);
    }
  cairo_fill (cr);

  for (guint i = 0; i < G_N_ELEMENTS (layout->percentiles); i++)
    {
      double p = layout->percentiles[i];
      double x, w;

      if (!isfinite (p))
        continue;
      x = sl_chart_axis_map (&layout->x_axis, p);
      set_role (cr, layout, SL_CHART_ROLE_TEXT);
      set_line_style (cr, styles[i], 1.5);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);

      w = text_width (layout, names[i], 0.85);
      if (x - w / 2.0 < last_label_right + 0.3 * u)
        continue;
      show_text (cr, layout, names[i], 0.85, FALSE, x, top - 0.3 * u, 0.5, 1.0);
      last_label_right = x + w / 2.0;
    }
}

static void
draw_legend (cairo_t       *cr,
             SlChartLayout *layout)
{
  double u = layout->font_size;
  double sample_w = 2.2 * u;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const SlLegendEntry *entry = g_ptr_array_index (layout->legend, i);
      double h, cy, x = entry->x;

      sl_chart_layout_set_text (layout, entry->text, 0.9, FALSE, TRUE);
      sl_chart_layout_text_size (layout, NULL, &h);
      cy = entry->y + h / 2.0;

      cairo_save (cr);
      switch (entry->sample)
        {
        case SL_LEGEND_SERIES:
          set_color (cr, entry->color, entry->alpha);
          set_line_style (cr, SL_LINE_SOLID, entry->line_width);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + sample_w, cy);
          cairo_stroke (cr);
          draw_marker (cr, layout, entry->marker, x + sample_w / 2.0, cy, 0.32 * u, entry->color,
                       entry->alpha, entry->hollow);
          break;
        case SL_LEGEND_LINE:
          set_color (cr, entry->color, entry->alpha);
          set_line_style (cr, entry->style, entry->line_width);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + sample_w, cy);
          cairo_stroke (cr);
          break;
        case SL_LEGEND_FAILED:
          draw_failed_mark (cr, x + sample_w / 2.0, cy, 0.25 * u, entry->color);
          break;
        case SL_LEGEND_BAR:
          set_color (cr, entry->color, entry->alpha);
          cairo_rectangle (cr, x + sample_w * 0.2, cy - 0.4 * u, sample_w * 0.6, 0.8 * u);
          cairo_fill (cr);
          break;
        default:
          break;
        }
      cairo_restore (cr);

      set_role (cr, layout, SL_CHART_ROLE_TEXT);
      show_text (cr, layout, entry->text, 0.9, FALSE, x + sample_w + 0.5 * u, entry->y, 0.0, 0.0);
    }
}

static void
draw_message (cairo_t       *cr,
              SlChartLayout *layout)
{
  if (layout->message == NULL)
    return;

  set_role (cr, layout, SL_CHART_ROLE_DIM_TEXT);
  show_text (cr, layout, layout->message, 1.0, FALSE, layout->plot_x + layout->plot_w / 2.0,
             layout->plot_y + layout->plot_h / 2.0, 0.5, 0.5);
}

static void
draw_layout (cairo_t       *cr,
             SlChartLayout *layout)
{
  cairo_rectangle (cr, 0.0, 0.0, layout->width, layout->height);
  cairo_clip (cr);
  set_role (cr, layout, SL_CHART_ROLE_BACKGROUND);
  cairo_paint (cr);

  draw_titles (cr, layout);
  draw_axes (cr, layout);
  draw_guides (cr, layout);

  if (layout->kind == SL_CHART_TASKS)
    {
      draw_histogram (cr, layout);
    }
  else
    {
      /* Faint reference first, the person's own data on top. */
      for (guint i = 0; i < layout->series->len; i++)
        {
          const SlChartSeries *series = g_ptr_array_index (layout->series, i);

          if (series->reference)
            draw_series (cr, layout, series);
        }
      draw_curves (cr, layout);
      for (guint i = 0; i < layout->series->len; i++)
        {
          const SlChartSeries *series = g_ptr_array_index (layout->series, i);

          if (!series->reference)
            draw_series (cr, layout, series);
        }
      draw_failed (cr, layout);
    }

  draw_message (cr, layout);
  draw_legend (cr, layout);
}

void
sl_chart_draw (cairo_t              *cr,
               const SlResult       *result,
               SlChartKind           kind,
               const SlChartOptions *options,
               double                width,
               double                height)
{
  g_autoptr(SlChartLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (result != NULL);
  g_return_if_fail ((guint) kind < SL_N_CHART_KINDS);

  if (!(width >= 1.0) || !(height >= 1.0))
    return;

  layout = sl_chart_layout_compute (result, kind, options, width, height);

  cairo_save (cr);
  draw_layout (cr, layout);
  cairo_restore (cr);
}
