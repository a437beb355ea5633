/* sl-chart-palette.c: the chart's colours: the built-in light and dark themes (roles, accent,
 * series palette), an overlay's colour families, and the colours of a computed layout. */
#define G_LOG_DOMAIN "sl-chart"

#include "config.h"

#include <string.h>

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

G_STATIC_ASSERT (G_N_ELEMENTS (series_light) == SL_CHART_N_SERIES_COLORS);
G_STATIC_ASSERT (G_N_ELEMENTS (series_dark) == SL_CHART_N_SERIES_COLORS);

#define N_FAMILIES 6

/* GNOME's palette, a hue per result: threads in the shade with the most contrast against the
 * background, processes in a shade lighter (light theme) or deeper (dark theme) of the same
 * hue, so that a glance finds the experiment and the marker finds the model. */
static const SlChartColor families_light[N_FAMILIES][2] = {
  { RGB (0x1a5fb4), RGB (0x62a0ea) },   /* blue */
  { RGB (0xc64600), RGB (0xffa348) },   /* orange */
  { RGB (0x26a269), RGB (0x57e389) },   /* green */
  { RGB (0x613583), RGB (0xc061cb) },   /* purple */
  { RGB (0xa51d2d), RGB (0xf66151) },   /* red */
  { RGB (0x63452c), RGB (0xb5835a) },   /* brown */
};

static const SlChartColor families_dark[N_FAMILIES][2] = {
  { RGB (0x99c1f1), RGB (0x3584e4) },
  { RGB (0xffbe6f), RGB (0xe66100) },
  { RGB (0x8ff0a4), RGB (0x2ec27e) },
  { RGB (0xdc8add), RGB (0x9141ac) },
  { RGB (0xf66151), RGB (0xc01c28) },
  { RGB (0xcdab8f), RGB (0x986a44) },
};

SlChartColor
sl_chart_overlay_color (gboolean dark,
                        guint    result,
                        SlModel  model)
{
  guint shade = model == SL_MODEL_PROCESSES ? 1 : 0;

  return dark ? families_dark[result % N_FAMILIES][shade]
              : families_light[result % N_FAMILIES][shade];
}

/* libadwaita's view colours, light and dark, flattened to opaque values so that exports and the
 * tests see exactly what the window paints. */
static const SlChartColor role_colors[SL_N_CHART_ROLES][2] = {
  [SL_CHART_ROLE_BACKGROUND] = { RGB (0xffffff), RGB (0x1e1e1e) },
  [SL_CHART_ROLE_TEXT] = { RGB (0x2e2e33), RGB (0xf0f0f0) },
  [SL_CHART_ROLE_DIM_TEXT] = { RGB (0x6e6e73), RGB (0xa6a6a6) },
  [SL_CHART_ROLE_GRID] = { RGB (0xebebed), RGB (0x333333) },
  [SL_CHART_ROLE_AXIS] = { RGB (0xa8a8ad), RGB (0x6a6a6a) },
  [SL_CHART_ROLE_IDEAL] = { RGB (0x8e8e93), RGB (0x8c8c8c) },
  [SL_CHART_ROLE_CORES] = { RGB (0x813d9c), RGB (0xc061cb) },
};

SlChartColor
sl_chart_theme_color (gboolean    dark,
                      SlChartRole role)
{
  static const SlChartColor black = { 0.0, 0.0, 0.0 };

  g_return_val_if_fail ((guint) role < SL_N_CHART_ROLES, black);

  return role_colors[role][dark ? 1 : 0];
}

SlChartColor
sl_chart_series_color (gboolean dark,
                       guint    series)
{
  return dark ? series_dark[series % G_N_ELEMENTS (series_dark)]
              : series_light[series % G_N_ELEMENTS (series_light)];
}

/* libadwaita's default accent colour for lines and text on a view. */
static const SlChartColor accent_light = RGB (0x1c71d8);
static const SlChartColor accent_dark = RGB (0x78aeed);

void
sl_chart_theme_init (SlChartTheme *theme,
                     gboolean      dark)
{
  g_return_if_fail (theme != NULL);

  for (guint role = 0; role < SL_N_CHART_ROLES; role++)
    theme->roles[role] = role_colors[role][dark ? 1 : 0];
  memcpy (theme->series, dark ? series_dark : series_light, sizeof theme->series);
  theme->accent = dark ? accent_dark : accent_light;
  theme->high_contrast = FALSE;
}

SlChartColor
sl_chart_layout_role (const SlChartLayout *layout,
                      SlChartRole          role)
{
  return layout->theme.roles[role];
}

SlChartColor
sl_chart_layout_series_color (const SlChartLayout *layout,
                              guint                series)
{
  if (layout->overlay_colors != NULL && series < layout->overlay_colors->len)
    return g_array_index (layout->overlay_colors, SlChartColor, series);
  return layout->theme.series[series % SL_CHART_N_SERIES_COLORS];
}

SlMarker
sl_chart_layout_series_marker (const SlChartLayout *layout,
                               guint                series)
{
  if (layout->overlay_markers != NULL && series < layout->overlay_markers->len)
    return g_array_index (layout->overlay_markers, SlMarker, series);
  return (SlMarker) (series % SL_N_MARKERS);
}
