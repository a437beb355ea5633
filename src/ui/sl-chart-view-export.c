/* sl-chart-view-export.c: what the chart view shows, one result or an overlay, as a file or a
 * texture: the same layout code as the screen, so an export as shown is the screen's picture. */
#define G_LOG_DOMAIN "sl-chart-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-chart-view-private.h"
#include "sl-error.h"
#include "sl-file.h"

/* ---- export ---- */

/* The logical size of an export: a side of 0 or less is the view's own on screen, or the
 * renderer's default while the view is not on screen. */
static void
resolve_size (SlChartView *self,
              int         *width,
              int         *height)
{
  int shown_width = gtk_widget_get_width (GTK_WIDGET (self));
  int shown_height = gtk_widget_get_height (GTK_WIDGET (self));
  gboolean on_screen = gtk_widget_get_mapped (GTK_WIDGET (self)) && shown_width > 0 &&
                       shown_height > 0;

  if (*width <= 0)
    *width = on_screen ? shown_width : SL_CHART_DEFAULT_WIDTH;
  if (*height <= 0)
    *height = on_screen ? shown_height : SL_CHART_DEFAULT_HEIGHT;
}

GBytes *
sl_chart_view_render (SlChartView         *self,
                      SlChartFormat        format,
                      int                  width,
                      int                  height,
                      double               scale,
                      SlChartExportTheme   theme,
                      GError             **error)
{
  SlChartOptions options;
  SlChartTheme builtin;

  g_return_val_if_fail (SL_IS_CHART_VIEW (self), NULL);
  g_return_val_if_fail ((guint) format <= SL_CHART_FORMAT_PDF, NULL);
  g_return_val_if_fail ((guint) theme <= SL_CHART_EXPORT_THEME_DARK, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->result == NULL)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("There is no chart yet"));
      return NULL;
    }
  if (sl_chart_view_lacks_chart (self))
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                           _("The tasks chart shows one point of one experiment: choose the time, "
                             "speedup, efficiency or CPU chart to export a comparison"));
      return NULL;
    }

  resolve_size (self, &width, &height);

  /* The options the screen draws with (its style may not have been read yet when the view was
   * never drawn); the built-in themes keep the view's fonts, so only the colours change. */
  sl_chart_view_update_style (self);
  sl_chart_view_get_options (self, &options);
  if (theme != SL_CHART_EXPORT_THEME_AS_SHOWN)
    {
      options.dark = theme == SL_CHART_EXPORT_THEME_DARK;
      sl_chart_theme_init (&builtin, options.dark);
      options.theme = &builtin;
    }

  if (self->overlay != NULL)
    return sl_chart_render_overlay ((const SlResult **) self->overlay->pdata, self->overlay->len,
                                    (const char **) self->labels, self->kind, &options, format,
                                    width, height, scale, error);

  return sl_chart_render (self->result, self->kind, &options, format, width, height, scale,
                          error);
}

gboolean
sl_chart_view_export (SlChartView         *self,
                      const char          *path,
                      int                  width,
                      int                  height,
                      double               scale,
                      SlChartExportTheme   theme,
                      GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;
  SlChartFormat format;
  const char *data;
  gsize size;

  g_return_val_if_fail (SL_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sl_chart_format_from_path (path, &format, error))
    return FALSE;

  bytes = sl_chart_view_render (self, format, width, height, scale, theme, error);
  if (bytes == NULL)
    return FALSE;

  /* Written beside the target and renamed over it: a reader never sees half a chart. */
  data = g_bytes_get_data (bytes, &size);
  return sl_file_write_atomic (path, data, (gssize) size, error);
}

GdkTexture *
sl_chart_view_dup_texture (SlChartView  *self,
                           double        scale,
                           GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (SL_IS_CHART_VIEW (self), NULL);

  bytes = sl_chart_view_render (self, SL_CHART_FORMAT_PNG, 0, 0, scale,
                                SL_CHART_EXPORT_THEME_AS_SHOWN, error);
  if (bytes == NULL)
    return NULL;

  return gdk_texture_new_from_bytes (bytes, error);
}
