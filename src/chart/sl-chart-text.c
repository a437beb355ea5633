/* sl-chart-text.c: the chart's text: its font and font options, and measuring and setting text. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include "sl-chart-private.h"

/* Families tried in order: GNOME's UI font, then what every Linux has. */
#define CHART_FONT_FAMILY "Cantarell, DejaVu Sans, Sans"

/* Body text a caller asks for, in pixels: beyond these a chart is all text or unreadable. */
#define MIN_FONT_PX 6.0
#define MAX_FONT_PX 48.0

double
sl_chart_text_font_size (const SlChartOptions *options,
                         double                width,
                         double                height)
{
  const PangoFontDescription *font = options->font;
  double size;

  if (font == NULL || !(pango_font_description_get_set_fields (font) & PANGO_FONT_MASK_SIZE) ||
      pango_font_description_get_size (font) <= 0)
    /* Big enough to read on a 1200-pixel export, small enough to leave a thumbnail a plot. */
    return CLAMP (MIN (width, height * 1.5) / 60.0, 9.0, 15.0);

  size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  /* Points at GTK's 96 dpi, which a window's own text size is given in. */
  if (!pango_font_description_get_size_is_absolute (font))
    size *= 96.0 / 72.0;

  return CLAMP (size, MIN_FONT_PX, MAX_FONT_PX);
}

static PangoFontDescription *
chart_font (const PangoFontDescription *asked)
{
  PangoFontDescription *font;

  if (asked == NULL)
    return pango_font_description_from_string (CHART_FONT_FAMILY);

  /* The size and weight are set for each piece of text (sl_chart_layout_set_text). */
  font = pango_font_description_copy (asked);
  pango_font_description_unset_fields (font, PANGO_FONT_MASK_SIZE);
  if (!(pango_font_description_get_set_fields (font) & PANGO_FONT_MASK_FAMILY))
    pango_font_description_set_family (font, CHART_FONT_FAMILY);

  return font;
}

void
sl_chart_text_init (SlChartLayout        *layout,
                    const SlChartOptions *options)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *font_options;

  if (options->font_options != NULL)
    {
      font_options = cairo_font_options_copy (options->font_options);
    }
  else
    {
      /* Without metric hinting a layout measures the same on every surface and at every scale,
       * so a 2× PNG is exactly the 1× one enlarged and the geometry the tests check is what is
       * drawn. */
      font_options = cairo_font_options_create ();
      cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
      cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
    }

  layout->pango = pango_font_map_create_context (font_map);
  pango_cairo_context_set_font_options (layout->pango, font_options);
  /* Whole-pixel glyph positions go with metric hinting, as GTK pairs them. */
  pango_context_set_round_glyph_positions (layout->pango,
                                           cairo_font_options_get_hint_metrics (font_options) ==
                                           CAIRO_HINT_METRICS_ON);
  layout->text = pango_layout_new (layout->pango);
  layout->font = chart_font (options->font);

  cairo_font_options_destroy (font_options);
}

void
sl_chart_layout_set_text (const SlChartLayout *layout,
                          const char          *text,
                          double               size_factor,
                          gboolean             bold,
                          gboolean             tabular)
{
  g_autoptr(PangoAttrList) attrs = NULL;

  pango_font_description_set_absolute_size (layout->font,
                                            layout->font_size * size_factor * PANGO_SCALE);
  pango_font_description_set_weight (layout->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout->text, layout->font);

  /* Digits of equal width keep tick labels and legend numbers from jiggling as values change. */
  if (tabular)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    }
  pango_layout_set_attributes (layout->text, attrs);
  pango_layout_set_width (layout->text, -1);
  pango_layout_set_ellipsize (layout->text, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout->text, text, -1);
}

void
sl_chart_layout_text_size (const SlChartLayout *layout,
                           double              *width,
                           double              *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout->text, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
sl_chart_text_measure (const SlChartLayout *layout,
                       const char          *text,
                       double               size_factor,
                       gboolean             bold,
                       double              *width,
                       double              *height)
{
  sl_chart_layout_set_text (layout, text, size_factor, bold, TRUE);
  sl_chart_layout_text_size (layout, width, height);
}

double
sl_chart_text_width (const SlChartLayout *layout,
                     const char          *text,
                     double               size)
{
  double w;

  sl_chart_text_measure (layout, text, size, FALSE, &w, NULL);
  return w;
}
