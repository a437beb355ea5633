/* sl-chart-view-points.c: what a point of the chart view says when the pointer rests on it (its
 * result in an overlay, its median and speedup with their intervals, efficiency and CPU use),
 * and the keyboard's way from point to point. */
#define G_LOG_DOMAIN "sl-chart-view"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-chart-view-private.h"
#include "sl-ui-util.h"

gboolean
sl_chart_view_split (SlChartView *self,
                     int          index,
                     guint       *result,
                     guint       *point)
{
  SlChartLayout *layout;

  if (index < 0 || (guint) index >= sl_chart_view_count_points (self))
    return FALSE;

  if (self->overlay == NULL)
    {
      *result = 0;
      *point = (guint) index;
      return TRUE;
    }

  layout = sl_chart_view_ensure_layout (self);
  return layout != NULL && sl_chart_layout_get_overlay_point (layout, index, result, point);
}

static const SlResult *
nth_result (SlChartView *self,
            guint        index)
{
  return self->overlay != NULL ? g_ptr_array_index (self->overlay, index) : self->result;
}

char *
sl_chart_view_describe_point (SlChartView *self,
                              guint        result_index,
                              guint        index)
{
  const SlResult *result = nth_result (self, result_index);
  const SlPoint *point = g_ptr_array_index (result->points, index);
  GString *text = g_string_new (NULL);
  g_autofree char *median = sl_ui_format_time (point->wall.median);
  g_autofree char *lo = sl_ui_format_time (point->wall.median_lo);
  g_autofree char *hi = sl_ui_format_time (point->wall.median_hi);
  g_autofree char *speedup = sl_ui_format_speedup (point->speedup, point->speedup_lo,
                                                   point->speedup_hi, point->workers);
  g_autofree char *workers =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers", point->workers),
                     point->workers);
  guint reps = point->repetitions->len;
  const char *model = point->model == SL_MODEL_THREADS ? _("Threads") : _("Processes");

  if (self->overlay != NULL)
    {
      g_autofree char *label = g_markup_escape_text (self->labels[result_index], -1);

      /* Translators: a tooltip's first line on an overlay: "native · Threads · 4 workers" */
      g_string_append_printf (text, _("<b>%s · %s · %s</b>"), label, model, workers);
    }
  else
    g_string_append_printf (text, "<b>%s · %s</b>", model, workers);
  g_string_append_c (text, '\n');
  if (isfinite (point->wall.median_lo) && isfinite (point->wall.median_hi))
    /* Translators: "Median 36.1 ms (interval 34.0 ms–54.2 ms, 5 of 5 runs)": the median's
     * confidence interval, as the time chart's error bar */
    g_string_append_printf (text, _("Median %s (interval %s–%s, %u of %u runs)"), median, lo, hi,
                            reps, result->spec->repeat);
  else
    g_string_append_printf (text, _("Median %s (%u of %u runs)"), median, reps,
                            result->spec->repeat);
  if (point->wall.unstable)
    g_string_append_printf (text, _(" · unstable: ±%.0f %%"), point->wall.cv * 100);
  g_string_append_c (text, '\n');
  if (isfinite (point->efficiency))
    g_string_append_printf (text, _("Speedup %s · efficiency %.0f %%"), speedup,
                            point->efficiency * 100);
  else
    g_string_append_printf (text, _("Speedup %s"), speedup);
  if (isfinite (point->cpu_util))
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("CPU use %.2f cores"), point->cpu_util);
    }
  if (point->status == SL_POINT_RUNNING)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Still being measured"));
    }
  else if (point->status == SL_POINT_CANCELLED || point->status == SL_POINT_FAILED)
    {
      g_autofree char *escaped = g_markup_escape_text (point->error ? point->error : "", -1);

      g_string_append_c (text, '\n');
      g_string_append (text, point->status == SL_POINT_FAILED ? _("Failed: ") : _("Cancelled: "));
      g_string_append (text, escaped);
    }

  return g_string_free (text, FALSE);
}

/* ---- the keyboard ---- */

void
sl_chart_view_place_popover (SlChartView *self)
{
  SlChartLayout *layout;
  double x, y;

  if (self->point_popover == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->point_popover)))
    return;

  layout = sl_chart_view_ensure_layout (self);
  if (layout == NULL || self->hover < 0 ||
      !sl_chart_layout_get_point_position (layout, self->hover, &x, &y))
    {
      gtk_popover_popdown (self->point_popover);
      return;
    }

  gtk_popover_set_pointing_to (self->point_popover,
                               &(GdkRectangle) { (int) x - 6, (int) y - 6, 12, 12 });
  gtk_popover_present (self->point_popover);
}

void
sl_chart_view_hide_popover (SlChartView *self)
{
  if (self->point_popover != NULL)
    gtk_popover_popdown (self->point_popover);
}

static void
show_point (SlChartView *self,
            int          index)
{
  g_autofree char *markup = sl_chart_view_describe_index (self, index);
  g_autofree char *plain = NULL;
  GtkWidget *label;

  sl_chart_view_set_hover (self, index);
  if (markup == NULL)
    return;

  if (self->point_popover == NULL)
    {
      self->point_popover = GTK_POPOVER (gtk_popover_new ());
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_popover_set_child (self->point_popover, label);
      /* Told, not focused: the keys stay with the chart. */
      gtk_popover_set_autohide (self->point_popover, FALSE);
      gtk_widget_set_can_target (GTK_WIDGET (self->point_popover), FALSE);
      gtk_popover_set_position (self->point_popover, GTK_POS_TOP);
      gtk_widget_set_parent (GTK_WIDGET (self->point_popover), GTK_WIDGET (self));
    }

  label = gtk_popover_get_child (self->point_popover);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_widget_set_visible (GTK_WIDGET (self->point_popover), TRUE);
  sl_chart_view_place_popover (self);

  /* A screen reader says it too. */
  if (pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, NULL))
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    plain, -1);
}

int
sl_chart_view_step_point (SlChartView *self,
                          int          step)
{
  SlChartLayout *layout;
  int n, index;

  g_return_val_if_fail (SL_IS_CHART_VIEW (self), -1);

  layout = sl_chart_view_ensure_layout (self);
  n = (int) sl_chart_view_count_points (self);
  if (layout == NULL || n == 0 || step == 0)
    return -1;

  /* From before the first point forwards, from after the last one backwards. */
  index = self->hover >= 0 ? self->hover : step > 0 ? -1 : n;
  for (int tried = 0; tried < n; tried++)
    {
      index = ((index + (step > 0 ? 1 : -1)) % n + n) % n;
      if (sl_chart_layout_get_point_position (layout, index, NULL, NULL) &&
          (step > 0 ? --step : ++step) == 0)
        {
          show_point (self, index);
          return index;
        }
    }

  return -1;
}

static gboolean
on_key_pressed_cb (SlChartView           *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  int n = (int) sl_chart_view_count_points (self);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return sl_chart_view_step_point (self, 1) >= 0;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return sl_chart_view_step_point (self, -1) >= 0;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      sl_chart_view_set_hover (self, -1);
      return sl_chart_view_step_point (self, 1) >= 0;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      sl_chart_view_set_hover (self, -1);
      return sl_chart_view_step_point (self, -1) >= 0;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->hover < 0 || self->hover >= n)
        return FALSE;
      g_signal_emit_by_name (self, "point-activated", self->hover);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_leave_cb (SlChartView *self)
{
  sl_chart_view_hide_popover (self);
  sl_chart_view_set_hover (self, -1);
}

void
sl_chart_view_init_keys (SlChartView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
