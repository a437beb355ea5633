/* sl-ui-util.c: helpers the window's widgets share. */
#define G_LOG_DOMAIN "sl-ui"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <sys/resource.h>

#include "sl-ui-util.h"
#include "sl-resources.h"

void
sl_ui_register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      sl_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

void
sl_ui_dispose_template (GtkWidget *widget,
                        GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

char *
sl_ui_format_seconds (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup ("—");
  if (seconds >= 100)
    return g_strdup_printf ("%.1f", seconds);
  if (seconds >= 1)
    return g_strdup_printf ("%.3f", seconds);
  if (seconds >= 0.001)
    return g_strdup_printf ("%.4f", seconds);
  return g_strdup_printf ("%.6f", seconds);
}

char *
sl_ui_format_speedup (double speedup,
                      double lo,
                      double hi,
                      guint  workers)
{
  if (!isfinite (speedup))
    return g_strdup ("—");
  if (workers > 1 && isfinite (lo) && isfinite (hi) && hi > lo)
    return g_strdup_printf ("%.2f× (%.2f–%.2f)", speedup, lo, hi);
  return g_strdup_printf ("%.2f×", speedup);
}

char *
sl_ui_format_time (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup ("—");
  if (fabs (seconds) >= 1)
    /* Translators: a measured time in seconds */
    return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%.3g s"), seconds);
  if (fabs (seconds) >= 1e-3)
    /* Translators: a measured time in milliseconds */
    return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%.3g ms"), seconds * 1e3);
  /* Translators: a measured time in microseconds */
  return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%.3g µs"), seconds * 1e6);
}

char *
sl_ui_format_duration (double seconds)
{
  guint64 s;

  if (!isfinite (seconds) || seconds < 0)
    return g_strdup ("—");

  /* A short run in tenths: "0 s" would say it took no time. */
  if (seconds < 9.95)
    /* Translators: a short duration in seconds, with tenths */
    return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%.1f s"), seconds);

  s = (guint64) llround (seconds);
  if (s < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u s", "%u s", (gulong) s), (guint) s);
  if (s < 3600)
    /* Translators: a duration in minutes and seconds */
    return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%u min %02u s"),
                            (guint) (s / 60), (guint) (s % 60));
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%u h %02u min"),
                          (guint) (s / 3600), (guint) (s % 3600 / 60));
}

char *
sl_ui_describe_loops (const SlResult *result)
{
  g_autofree char *least = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->loops == 0 || (result->spec->loops == 1 && result->loops == 1))
    return NULL;
  if (result->spec->loops > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u loop per run", "%u loops per run",
                                         result->loops), result->loops);

  least = sl_ui_format_time (result->spec->min_time_s);
  /* Translators: "4 loops per run, calibrated to 100 ms" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u loop per run, calibrated to %s",
                                       "%u loops per run, calibrated to %s", result->loops),
                          result->loops, least);
}

char *
sl_ui_describe_budget (const SlResult *result)
{
  guint stopped = 0;

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->points->len; i++)
    stopped += ((const SlPoint *) g_ptr_array_index (result->points, i))->stopped_on_budget;
  if (stopped == 0)
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point stopped on its budget",
                                       "%u points stopped on their budget", stopped),
                          stopped);
}

/* A cell as one field: a tab would start the next, a line break the next row. */
static void
append_field (GString    *text,
              const char *field)
{
  for (const char *c = field ? field : ""; *c != '\0'; c++)
    g_string_append_c (text, *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c);
}

char *
sl_ui_column_view_dup_text (GtkColumnView     *view,
                            const char *const *properties)
{
  GListModel *columns;
  GListModel *rows;
  GString *text = g_string_new (NULL);
  guint n_columns;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (properties != NULL, NULL);

  columns = gtk_column_view_get_columns (view);
  rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  n_columns = g_list_model_get_n_items (columns);
  g_return_val_if_fail (g_strv_length ((char **) properties) == n_columns, NULL);

  for (guint row = 0, n_rows = rows ? g_list_model_get_n_items (rows) : 0; row <= n_rows; row++)
    {
      g_autoptr(GObject) item = row > 0 ? g_list_model_get_item (rows, row - 1) : NULL;
      gboolean first = TRUE;

      for (guint i = 0; i < n_columns; i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          g_autofree char *cell = NULL;

          if (!gtk_column_view_column_get_visible (column))
            continue;
          if (!first)
            g_string_append_c (text, '\t');
          first = FALSE;

          if (item == NULL)
            append_field (text, gtk_column_view_column_get_title (column));
          else
            {
              g_object_get (item, properties[i], &cell, NULL);
              append_field (text, cell);
            }
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

GdkTexture *
sl_ui_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkNative *native;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  native = gtk_widget_get_native (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (native == NULL || !gtk_widget_get_realized (widget) || width <= 0 || height <= 0)
    return NULL;
  renderer = gtk_native_get_renderer (native);
  if (renderer == NULL)
    return NULL;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

typedef struct {
  SlRunner               *runner;
  const SlExperimentSpec *spec;
  int                     nice;
  GCancellable           *cancellable;
  GAsyncReadyCallback     callback;
  gpointer                user_data;
} Launch;

static gpointer
launch_thread (gpointer data)
{
  Launch *launch = data;

  /* Linux keeps a nice value per thread (PRIO_PROCESS 0 is this thread alone), and a thread or
   * process starts with its creator's. */
  if (setpriority (PRIO_PROCESS, 0, launch->nice) != 0)
    g_debug ("Could not lower the sweep's priority: %s", g_strerror (errno));

  /* This thread has no main context of its own, so the runner reports to the default one. */
  sl_runner_run_async (launch->runner, launch->spec, launch->cancellable, launch->callback,
                       launch->user_data);
  return NULL;
}

void
sl_ui_runner_run_async (SlRunner               *runner,
                        const SlExperimentSpec *spec,
                        int                     nice,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  Launch launch = { runner, spec, CLAMP (nice, 0, 19), cancellable, callback, user_data };

  g_return_if_fail (SL_IS_RUNNER (runner));

  /* The main thread waits (a millisecond: run_async only validates and starts a thread), so
   * the runner is never touched by two threads at once; its property notifications are held
   * until then, so that they come on this thread like everything else the runner emits. */
  g_object_freeze_notify (G_OBJECT (runner));
  g_thread_join (g_thread_new ("sl-launch", launch_thread, &launch));
  g_object_thaw_notify (G_OBJECT (runner));
}
