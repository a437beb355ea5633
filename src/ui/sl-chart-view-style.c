/* sl-chart-view-style.c: the chart view's colours and fonts, from the style now in effect: the
 * card's background and foreground, the accent, dark and high contrast, and the widget's own
 * Pango context a step smaller. */
#define G_LOG_DOMAIN "sl-chart-view"

#include "config.h"

#include <adwaita.h>
#include <pango/pangocairo.h>

#include "sl-chart-view-private.h"

static SlChartColor
to_chart_color (const GdkRGBA *rgba,
                const GdkRGBA *under)
{
  /* Colours with alpha (libadwaita's cards in the dark style) are flattened onto what is
   * under them: an export has nothing under it. */
  SlChartColor color = {
    rgba->red * rgba->alpha + under->red * (1 - rgba->alpha),
    rgba->green * rgba->alpha + under->green * (1 - rgba->alpha),
    rgba->blue * rgba->alpha + under->blue * (1 - rgba->alpha),
  };

  return color;
}

static SlChartColor
mix (SlChartColor a,
     SlChartColor b,
     double       amount_of_a)
{
  SlChartColor color = {
    a.red * amount_of_a + b.red * (1 - amount_of_a),
    a.green * amount_of_a + b.green * (1 - amount_of_a),
    a.blue * amount_of_a + b.blue * (1 - amount_of_a),
  };

  return color;
}

/* The chart's colours and fonts from the style now in effect. */
void
sl_chart_view_update_style (SlChartView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkStyleContext *context;
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const cairo_font_options_t *font_options = pango_cairo_context_get_font_options (pango);
  GdkRGBA window_bg, card_bg, card_fg, accent;
  SlChartColor bg, fg;

  sl_chart_theme_init (&self->theme, adw_style_manager_get_dark (style));
  self->theme.high_contrast = adw_style_manager_get_high_contrast (style);

  /* GTK 4.8 has no gtk_widget_get_color(); its style context still names the theme's
   * colours. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  if (gtk_style_context_lookup_color (context, "window_bg_color", &window_bg) &&
      gtk_style_context_lookup_color (context, "card_bg_color", &card_bg) &&
      gtk_style_context_lookup_color (context, "card_fg_color", &card_fg))
    {
      bg = to_chart_color (&card_bg, &window_bg);
      fg = to_chart_color (&card_fg, &card_bg);
      self->theme.roles[SL_CHART_ROLE_BACKGROUND] = bg;
      self->theme.roles[SL_CHART_ROLE_TEXT] = fg;
      self->theme.roles[SL_CHART_ROLE_DIM_TEXT] = mix (fg, bg, 0.65);
      self->theme.roles[SL_CHART_ROLE_AXIS] = mix (fg, bg, 0.4);
      self->theme.roles[SL_CHART_ROLE_GRID] = mix (fg, bg, self->theme.high_contrast ? 0.25 : 0.09);
    }
  if (gtk_style_context_lookup_color (context, "accent_color", &accent))
    self->theme.accent = to_chart_color (&accent, &window_bg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The interface's family and hinting; its body size would make the legend crowd the plot,
   * so the chart's text is a step smaller, as libadwaita's captions are. */
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (pango_context_get_font_description (pango));
  if (pango_font_description_get_size (self->font) > 0)
    {
      int size = (int) (pango_font_description_get_size (self->font) * CHART_TEXT_SCALE);

      if (pango_font_description_get_size_is_absolute (self->font))
        pango_font_description_set_absolute_size (self->font, size);
      else
        pango_font_description_set_size (self->font, size);
    }
  g_clear_pointer (&self->font_options, cairo_font_options_destroy);
  if (font_options != NULL)
    self->font_options = cairo_font_options_copy (font_options);
}

void
sl_chart_view_get_options (SlChartView    *self,
                           SlChartOptions *options)
{
  g_return_if_fail (SL_IS_CHART_VIEW (self));
  g_return_if_fail (options != NULL);

  sl_chart_options_init (options);
  options->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  options->show_fits = self->show_fits;
  options->show_reference = self->show_reference;
  options->task_point = self->task_point;
  options->theme = &self->theme;
  options->font = self->font;
  options->font_options = self->font_options;
}
