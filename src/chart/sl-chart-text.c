/* sl-chart-text.c: the chart's text: its font, and measuring and setting text. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include "sl-chart-private.h"

/* Families tried in order: GNOME's UI font, then what every Linux has. */
#define CHART_FONT_FAMILY "Cantarell, DejaVu Sans, Sans"

void
sl_chart_layout_set_text (SlChartLayout *layout,
                          const char    *text,
                          double         size_factor,
                          gboolean       bold,
                          gboolean       tabular)
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
sl_chart_layout_text_size (SlChartLayout *layout,
                           double        *width,
                           double        *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout->text, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

void
sl_chart_text_measure (SlChartLayout *layout,
                       const char    *text,
                       double         size_factor,
                       gboolean       bold,
                       double        *width,
                       double        *height)
{
  sl_chart_layout_set_text (layout, text, size_factor, bold, TRUE);
  sl_chart_layout_text_size (layout, width, height);
}

void
sl_chart_text_init (SlChartLayout *layout)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Without metric hinting a layout measures the same on every surface and at every scale, so
   * a 2× PNG is exactly the 1× one enlarged and the geometry the tests check is what is drawn. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);

  layout->pango = pango_font_map_create_context (font_map);
  pango_cairo_context_set_font_options (layout->pango, font_options);
  pango_context_set_round_glyph_positions (layout->pango, FALSE);
  layout->text = pango_layout_new (layout->pango);
  layout->font = pango_font_description_from_string (CHART_FONT_FAMILY);

  cairo_font_options_destroy (font_options);
}
