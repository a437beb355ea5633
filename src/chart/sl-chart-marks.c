/* sl-chart-marks.c: drawing primitives: crisp lines, line styles, markers and text. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <math.h>

#include "sl-chart-private.h"

void
sl_chart_set_color (cairo_t     *cr,
                    SlChartColor color,
                    double       alpha)
{
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, alpha);
}

void
sl_chart_set_role (cairo_t             *cr,
                   const SlChartLayout *layout,
                   SlChartRole          role)
{
  sl_chart_set_color (cr, sl_chart_layout_role (layout, role), 1.0);
}

/* Data lines, fits and marks grow with high contrast; grid lines and text do not. */
double
sl_chart_line_width (const SlChartLayout *layout,
                     double               width)
{
  return width * layout->line_scale;
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

/* A horizontal or vertical line, on the pixel grid whatever the device scale. */
static void
crisp_line (cairo_t  *cr,
            double    x0,
            double    y0,
            double    x1,
            double    y1,
            double    width,
            gboolean  vertical)
{
  cairo_set_line_width (cr, crisp_width (cr, width));
  if (vertical)
    x0 = x1 = snap (cr, x0, width, TRUE);
  else
    y0 = y1 = snap (cr, y0, width, FALSE);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
}

void
sl_chart_hline (cairo_t *cr,
                double   x0,
                double   x1,
                double   y,
                double   width)
{
  crisp_line (cr, x0, y, x1, y, width, FALSE);
}

void
sl_chart_vline (cairo_t *cr,
                double   x,
                double   y0,
                double   y1,
                double   width)
{
  crisp_line (cr, x, y0, x, y1, width, TRUE);
}

void
sl_chart_set_line_style (cairo_t     *cr,
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

void
sl_chart_draw_marker (cairo_t             *cr,
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
  sl_chart_set_role (cr, layout, SL_CHART_ROLE_BACKGROUND);
  cairo_fill (cr);

  marker_path (cr, marker, x, y, hollow ? r - 0.75 : r);
  if (hollow)
    {
      sl_chart_set_color (cr, color, alpha);
      cairo_set_line_width (cr, sl_chart_line_width (layout, 1.5));
      cairo_set_dash (cr, NULL, 0, 0.0);
      cairo_stroke (cr);
    }
  else
    {
      sl_chart_set_color (cr, color, alpha);
      cairo_fill (cr);
    }
}

void
sl_chart_draw_failed_mark (cairo_t             *cr,
                           const SlChartLayout *layout,
                           double               x,
                           double               y,
                           double               r,
                           SlChartColor         color)
{
  sl_chart_set_color (cr, color, 1.0);
  cairo_set_line_width (cr, sl_chart_line_width (layout, 2.0));
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
void
sl_chart_show_text (cairo_t             *cr,
                    const SlChartLayout *layout,
                    const char          *text,
                    double               size,
                    gboolean             bold,
                    double               x,
                    double               y,
                    double               x_align,
                    double               y_align)
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

void
sl_chart_show_text_ellipsized (cairo_t             *cr,
                               const SlChartLayout *layout,
                               const char          *text,
                               double               size,
                               gboolean             bold,
                               double               x,
                               double               y,
                               double               max_width)
{
  sl_chart_layout_set_text (layout, text, size, bold, FALSE);
  pango_layout_set_width (layout->text, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout->text, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, round (x), round (y));
  pango_cairo_show_layout (cr, layout->text);
}
