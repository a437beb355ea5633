/* sl-chart-export.c: the chart as a PNG, SVG or PDF file, drawn by the same code as the window. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <png.h>

#include "sl-chart.h"
#include "sl-error.h"
#include "sl-file.h"
#include "sl-result-io.h"
#include "sl-types.h"

static const char *format_names[] = { "png", "svg", "pdf" };
static const SlEnumNames chart_format_names = SL_ENUM_NAMES (format_names, FALSE);

SL_DEFINE_ENUM_NAMES (SlChartFormat, chart_format, chart_format_names)

gboolean
sl_chart_format_from_path (const char    *path,
                           SlChartFormat *out,
                           GError       **error)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL && sl_chart_format_from_string (dot + 1, out))
    return TRUE;

  if (dot == NULL)
    g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                 _("“%s” has no extension: name the chart file .png, .svg or .pdf"), path);
  else
    g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                 _("Unknown chart format “%s” in “%s”: use .png, .svg or .pdf"), dot, path);
  return FALSE;
}

gboolean
sl_chart_check_size (int      width,
                     int      height,
                     double   scale,
                     GError **error)
{
  if (width < SL_CHART_MIN_SIZE || width > SL_CHART_MAX_SIZE ||
      height < SL_CHART_MIN_SIZE || height > SL_CHART_MAX_SIZE)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Chart size %d×%d is out of range: width and height must be %d–%d"),
                   width, height, SL_CHART_MIN_SIZE, SL_CHART_MAX_SIZE);
      return FALSE;
    }

  if (!isfinite (scale) || scale < SL_CHART_MIN_SCALE || scale > SL_CHART_MAX_SCALE)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Chart scale %g is out of range %g–%g"), scale, SL_CHART_MIN_SCALE,
                   SL_CHART_MAX_SCALE);
      return FALSE;
    }

  if ((double) width * height * scale * scale > (double) SL_CHART_MAX_PIXELS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Chart size %d×%d at scale %g would be %.0f megapixels; the limit is %.0f"),
                   width, height, scale, (double) width * height * scale * scale / 1e6,
                   SL_CHART_MAX_PIXELS / 1e6);
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* PNG encoding.
 *
 * cairo's own PNG writer uses libpng at zlib's default level with adaptive filtering, which takes
 * several times longer than drawing the chart. A chart is large flat areas and thin lines, so
 * zlib's fastest level on unfiltered rows makes a file of about the same size in a fraction of the
 * time: the same libpng, with other settings. */

static void
png_write_cb (png_structp  png,
              png_bytep    data,
              png_size_t   length)
{
  g_byte_array_append (png_get_io_ptr (png), data, (guint) length);
}

static void
png_flush_cb (png_structp png)
{
}

static gboolean
encode_png (cairo_surface_t *surface,
            GByteArray      *out,
            GError         **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *pixels;
  g_autofree png_bytep *rows = NULL;
  png_structp png;
  png_infop info;

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error (error, SL_ERROR, SL_ERROR_IO, _("Could not start the PNG encoder"));
      return FALSE;
    }

  rows = g_new (png_bytep, height);
  for (int y = 0; y < height; y++)
    rows[y] = pixels + (gsize) y * stride;

  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      g_set_error (error, SL_ERROR, SL_ERROR_IO, _("Could not compress the PNG"));
      return FALSE;
    }

  png_set_write_fn (png, out, png_write_cb, png_flush_cb);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  /* cairo's RGB24 is a native-endian 0x00RRGGBB word: let libpng drop the pad byte and, on
   * little-endian machines, swap B and R, so rows go in without a copy. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  png_set_bgr (png);
  png_set_filler (png, 0, PNG_FILLER_AFTER);
#else
  png_set_filler (png, 0, PNG_FILLER_BEFORE);
#endif
  png_write_image (png, rows);
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);

  return TRUE;
}

/* cairo writes text as glyph outlines, so the title is added as the SVG's <title>, where
 * search, screen readers and a file manager's tooltip find it. */
static void
svg_add_title (GByteArray *svg,
               const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *element = g_strdup_printf ("\n<title>%s</title>", escaped);
  const char *start = (const char *) svg->data;
  const char *tag, *end;
  gsize offset;

  tag = g_strstr_len (start, svg->len, "<svg");
  if (tag == NULL)
    return;
  end = memchr (tag, '>', svg->len - (gsize) (tag - start));
  if (end == NULL)
    return;

  offset = (gsize) (end - start) + 1;
  g_byte_array_set_size (svg, svg->len + strlen (element));
  memmove (svg->data + offset + strlen (element), svg->data + offset,
           svg->len - strlen (element) - offset);
  memcpy (svg->data + offset, element, strlen (element));
}

/* The bytes of a file of `layout`, computed at width × height, drawn at `scale`. */
static GBytes *
render_layout (const SlChartLayout  *layout,
               const char           *title,
               SlChartFormat         format,
               int                   width,
               int                   height,
               double                scale,
               GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  double out_w, out_h;
  cairo_t *cr;

  out_w = ceil (width * scale);
  out_h = ceil (height * scale);

  switch (format)
    {
    case SL_CHART_FORMAT_PNG:
      /* The background is opaque: RGB24 makes a smaller PNG, and makes it faster. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) out_w, (int) out_h);
      break;
    case SL_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_bytes, bytes, out_w, out_h);
      /* cairo 1.16 writes pt by default, which viewers enlarge by 4/3. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case SL_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, out_w, out_h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
      break;
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  sl_chart_draw_layout (cr, layout);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format != SL_CHART_FORMAT_PNG)
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, SL_ERROR, SL_ERROR_IO, _("Could not draw the %s chart: %s"),
                   format_names[format], cairo_status_to_string (status));
      return NULL;
    }

  if (format == SL_CHART_FORMAT_PNG && !encode_png (surface, bytes, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_destroy (surface);

  if (format == SL_CHART_FORMAT_SVG)
    svg_add_title (bytes, title);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* One result (`overlay` FALSE: results[0]) or an overlay of results, rendered; what
 * sl_chart_draw() does, at the logical size, whatever the scale. */
static GBytes *
render_chart (const SlResult       **results,
              guint                  n_results,
              const char           **labels,
              gboolean               overlay,
              SlChartKind            kind,
              const SlChartOptions  *options,
              SlChartFormat          format,
              int                    width,
              int                    height,
              double                 scale,
              GError               **error)
{
  g_autoptr(SlChartLayout) layout = NULL;
  g_autofree char *title = NULL;

  if (!sl_chart_check_size (width, height, scale, error))
    return NULL;

  if (overlay)
    {
      layout = sl_chart_layout_compute_overlay (results, n_results, labels, kind, options, width,
                                                height);
      title = sl_chart_dup_overlay_title (results, n_results, kind);
    }
  else
    {
      layout = sl_chart_layout_compute (results[0], kind, options, width, height);
      title = sl_chart_dup_title (results[0], kind);
    }

  return render_layout (layout, title, format, width, height, scale, error);
}

GBytes *
sl_chart_render (const SlResult       *result,
                 SlChartKind           kind,
                 const SlChartOptions *options,
                 SlChartFormat         format,
                 int                   width,
                 int                   height,
                 double                scale,
                 GError              **error)
{
  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return render_chart (&result, 1, NULL, FALSE, kind, options, format, width, height, scale,
                       error);
}

GBytes *
sl_chart_render_overlay (const SlResult       **results,
                         guint                  n_results,
                         const char           **labels,
                         SlChartKind            kind,
                         const SlChartOptions  *options,
                         SlChartFormat          format,
                         int                    width,
                         int                    height,
                         double                 scale,
                         GError               **error)
{
  g_return_val_if_fail (results != NULL && n_results > 0, NULL);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS && kind != SL_CHART_TASKS, NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return render_chart (results, n_results, labels, TRUE, kind, options, format, width, height,
                       scale, error);
}

/* Rendered in the format the path's extension names, written next to the target and renamed
 * over it: a reader never sees half a chart. */
static gboolean
export_chart (const SlResult       **results,
              guint                  n_results,
              const char           **labels,
              gboolean               overlay,
              SlChartKind            kind,
              const SlChartOptions  *options,
              const char            *path,
              int                    width,
              int                    height,
              double                 scale,
              GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  SlChartFormat format;
  const char *data;
  gsize size;

  if (!sl_chart_format_from_path (path, &format, error))
    return FALSE;

  bytes = render_chart (results, n_results, labels, overlay, kind, options, format, width,
                        height, scale, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &size);
  return sl_file_write_atomic (path, data, (gssize) size, error);
}

gboolean
sl_chart_export (const SlResult       *result,
                 SlChartKind           kind,
                 const SlChartOptions *options,
                 const char           *path,
                 int                   width,
                 int                   height,
                 double                scale,
                 GError              **error)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_chart (&result, 1, NULL, FALSE, kind, options, path, width, height, scale, error);
}

gboolean
sl_chart_export_overlay (const SlResult       **results,
                         guint                  n_results,
                         const char           **labels,
                         SlChartKind            kind,
                         const SlChartOptions  *options,
                         const char            *path,
                         int                    width,
                         int                    height,
                         double                 scale,
                         GError               **error)
{
  g_return_val_if_fail (results != NULL && n_results > 0, FALSE);
  g_return_val_if_fail ((guint) kind < SL_N_CHART_KINDS && kind != SL_CHART_TASKS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return export_chart (results, n_results, labels, TRUE, kind, options, path, width, height,
                       scale, error);
}
