/* sl-chart-view.c: draws a result, or an overlay of several, with the chart renderer inside
 * gtk_snapshot_append_cairo(), as Sysprof's charts do, and exports what it shows.
 *
 * One layout serves every frame and every hit-test until the result, the size or the style
 * changes: the pointer moving over the chart only moves the highlight ring. Colours come from
 * the style (the card's background and foreground, the accent, dark and high contrast through
 * AdwStyleManager), fonts from the widget's own Pango context, so the chart follows the desktop
 * live, and an export with the same options draws the same picture.
 */
#define G_LOG_DOMAIN "sl-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-chart-view-private.h"
#include "sl-compare.h"
#include "sl-ui-util.h"

G_DEFINE_FINAL_TYPE (SlChartView, sl_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_SHOW_FITS,
  PROP_SHOW_REFERENCE,
  PROP_TASK_POINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  POINT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drop_layout (SlChartView *self)
{
  g_clear_pointer (&self->layout, sl_chart_layout_free);
}

/* The tasks chart shows one point of one result: an overlay has none. */
gboolean
sl_chart_view_lacks_chart (SlChartView *self)
{
  return self->overlay != NULL && self->kind == SL_CHART_TASKS;
}

/* All the points the view draws: those of the result, or of every overlay result in turn, as
 * the layout numbers them. */
guint
sl_chart_view_count_points (SlChartView *self)
{
  guint n = 0;

  if (self->overlay == NULL)
    return self->result != NULL ? self->result->points->len : 0;

  for (guint i = 0; i < self->overlay->len; i++)
    n += ((const SlResult *) g_ptr_array_index (self->overlay, i))->points->len;

  return n;
}

/* The layout of what the view shows, with `options`, at a size: the calls sl_chart_render() and
 * sl_chart_render_overlay() make for the exports, so both draw the same picture. */
static SlChartLayout *
compute_layout (SlChartView          *self,
                const SlChartOptions *options,
                double                width,
                double                height)
{
  if (self->overlay != NULL)
    return sl_chart_layout_compute_overlay ((const SlResult **) self->overlay->pdata,
                                            self->overlay->len, (const char **) self->labels,
                                            self->kind, options, width, height);

  return sl_chart_layout_compute (self->result, self->kind, options, width, height);
}

/* The layout the last drawing used, computed again only when something changed. */
SlChartLayout *
sl_chart_view_ensure_layout (SlChartView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->result == NULL || sl_chart_view_lacks_chart (self) || width < 1 || height < 1)
    return NULL;

  if (self->layout != NULL && (self->layout_width != width || self->layout_height != height))
    drop_layout (self);

  if (self->layout == NULL)
    {
      SlChartOptions options;

      sl_chart_view_update_style (self);
      sl_chart_view_get_options (self, &options);
      options.highlight_point = self->hover;
      self->layout = compute_layout (self, &options, width, height);
      self->layout_width = width;
      self->layout_height = height;
    }

  return self->layout;
}

/* Where the chart puts point `index`, in widget coordinates; FALSE when it is not drawn. */
static gboolean
point_position (SlChartView *self,
                guint        index,
                double      *x,
                double      *y)
{
  SlChartLayout *layout = sl_chart_view_ensure_layout (self);

  return layout != NULL && sl_chart_layout_get_point_position (layout, index, x, y);
}

/* A line of dim text in the middle, wrapped to the width. */
static void
snapshot_message (SlChartView *self,
                  GtkSnapshot *snapshot,
                  const char  *message)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(PangoLayout) text = gtk_widget_create_pango_layout (GTK_WIDGET (self), message);
  SlChartColor dim;
  int text_h;

  sl_chart_view_update_style (self);
  dim = self->theme.roles[SL_CHART_ROLE_DIM_TEXT];
  pango_layout_set_width (text, MAX (width - 48, 1) * PANGO_SCALE);
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (text, NULL, &text_h);

  /* Centred lines are placed within the layout's width, which starts 24 px in. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24, (height - text_h) / 2.f));
  gtk_snapshot_append_layout (snapshot, text, &(GdkRGBA) { dim.red, dim.green, dim.blue, 1 });
  gtk_snapshot_restore (snapshot);
}

static void
sl_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SlChartView *self = SL_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SlChartLayout *layout = sl_chart_view_ensure_layout (self);
  cairo_t *cr;

  if (sl_chart_view_lacks_chart (self))
    snapshot_message (self, snapshot,
                      _("The tasks chart shows one point of one experiment: it has no overlay"));
  else if (layout != NULL)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      sl_chart_draw_layout (cr, layout);
      cairo_destroy (cr);
    }
  else
    return;

  self->n_draws++;
  self->drawn_dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* Which result (0 for a single one) and which of its points the layout's point `index` is: in an
 * overlay, the index counts through the points of every result in turn. */
void
sl_chart_view_set_hover (SlChartView *self,
                         int          hover)
{
  if (self->hover == hover)
    return;

  /* The same layout, with the ring moved: no new layout for a pointer motion. */
  self->hover = hover;
  if (self->layout != NULL)
    sl_chart_layout_set_highlight_point (self->layout, hover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

char *
sl_chart_view_hover_at (SlChartView *self,
                        double       x,
                        double       y)
{
  SlChartLayout *layout;
  int index;

  g_return_val_if_fail (SL_IS_CHART_VIEW (self), NULL);

  layout = sl_chart_view_ensure_layout (self);
  index = layout ? sl_chart_layout_find_point (layout, x, y, HIT_RADIUS) : -1;
  sl_chart_view_set_hover (self, index);

  return sl_chart_view_describe_index (self, index);
}

char *
sl_chart_view_describe_index (SlChartView *self,
                              int          index)
{
  guint result, point;

  if (!sl_chart_view_split (self, index, &result, &point))
    return NULL;

  return sl_chart_view_describe_point (self, result, point);
}

static gboolean
on_query_tooltip_cb (SlChartView *self,
                     int          x,
                     int          y,
                     gboolean     keyboard,
                     GtkTooltip  *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;

  text = sl_chart_view_hover_at (self, x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, text);
  return TRUE;
}

static void
on_motion_cb (SlChartView              *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  SlChartLayout *layout = sl_chart_view_ensure_layout (self);

  sl_chart_view_hide_popover (self);
  sl_chart_view_set_hover (self,
                           layout ? sl_chart_layout_find_point (layout, x, y, HIT_RADIUS) : -1);
}

static void
on_leave_cb (SlChartView              *self,
             GtkEventControllerMotion *motion)
{
  sl_chart_view_set_hover (self, -1);
}

static void
on_released_cb (SlChartView *self,
                int          n_press,
                double       x,
                double       y,
                GtkGesture  *gesture)
{
  SlChartLayout *layout = sl_chart_view_ensure_layout (self);
  int index = layout ? sl_chart_layout_find_point (layout, x, y, HIT_RADIUS) : -1;

  if (index >= 0)
    g_signal_emit (self, signals[POINT_ACTIVATED], 0, index);
}

static void
on_dark_changed_cb (SlChartView *self)
{
  drop_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sl_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sl_chart_view_parent_class)->css_changed (widget, change);

  /* Colours and fonts come from the style: a new one is a new layout. */
  drop_layout (SL_CHART_VIEW (widget));
  gtk_widget_queue_draw (widget);
}

static void
sl_chart_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  /* A new size is a new layout; the snapshot that follows draws it. */
  drop_layout (SL_CHART_VIEW (widget));
  sl_chart_view_place_popover (SL_CHART_VIEW (widget));
}

static void
sl_chart_view_dispose (GObject *object)
{
  SlChartView *self = SL_CHART_VIEW (object);

  if (self->point_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->point_popover));
      self->point_popover = NULL;
    }

  G_OBJECT_CLASS (sl_chart_view_parent_class)->dispose (object);
}

static void
sl_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* Small enough for a folded window; the renderer drops the subtitle when space is short. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 320;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 420;
}

static void
sl_chart_view_finalize (GObject *object)
{
  SlChartView *self = SL_CHART_VIEW (object);

  drop_layout (self);
  g_clear_pointer (&self->overlay, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->font_options, cairo_font_options_destroy);

  G_OBJECT_CLASS (sl_chart_view_parent_class)->finalize (object);
}

static void
sl_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlChartView *self = SL_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_SHOW_FITS:
      g_value_set_boolean (value, self->show_fits);
      break;
    case PROP_SHOW_REFERENCE:
      g_value_set_boolean (value, self->show_reference);
      break;
    case PROP_TASK_POINT:
      g_value_set_int (value, self->task_point);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SlChartView *self = SL_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_SHOW_FITS:
      sl_chart_view_set_show_fits (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_REFERENCE:
      sl_chart_view_set_show_reference (self, g_value_get_boolean (value));
      break;
    case PROP_TASK_POINT:
      sl_chart_view_set_task_point (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_chart_view_class_init (SlChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_chart_view_dispose;
  object_class->finalize = sl_chart_view_finalize;
  object_class->get_property = sl_chart_view_get_property;
  object_class->set_property = sl_chart_view_set_property;

  widget_class->snapshot = sl_chart_view_snapshot;
  widget_class->measure = sl_chart_view_measure;
  widget_class->size_allocate = sl_chart_view_size_allocate;
  widget_class->css_changed = sl_chart_view_css_changed;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, SL_N_CHART_KINDS - 1, SL_CHART_SPEEDUP,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FITS] =
    g_param_spec_boolean ("show-fits", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_REFERENCE] =
    g_param_spec_boolean ("show-reference", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TASK_POINT] =
    g_param_spec_int ("task-point", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_chart_view_init (SlChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->kind = SL_CHART_SPEEDUP;
  self->show_fits = TRUE;
  self->show_reference = TRUE;
  self->task_point = -1;
  self->hover = -1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  sl_chart_view_init_keys (self);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_object (click, "released", G_CALLBACK (on_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
sl_chart_view_new (SlChartKind kind)
{
  return g_object_new (SL_TYPE_CHART_VIEW, "kind", kind, NULL);
}

SlChartKind
sl_chart_view_get_kind (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), SL_CHART_SPEEDUP);

  return self->kind;
}

static void
update_accessible_label (SlChartView *self)
{
  g_autofree char *title = NULL;

  if (self->overlay != NULL)
    title = sl_chart_dup_overlay_title ((const SlResult **) self->overlay->pdata,
                                        self->overlay->len, self->kind);
  else if (self->result != NULL)
    title = sl_chart_dup_title (self->result, self->kind);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title ? title : sl_chart_kind_get_title (self->kind),
                                  -1);
}

void
sl_chart_view_set_result (SlChartView    *self,
                          const SlResult *result)
{
  g_return_if_fail (SL_IS_CHART_VIEW (self));

  g_clear_pointer (&self->overlay, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_strfreev);
  self->result = result;
  self->hover = -1;
  sl_chart_view_hide_popover (self);
  update_accessible_label (self);
  sl_chart_view_result_changed (self);
}

void
sl_chart_view_set_overlay (SlChartView     *self,
                           const SlResult **results,
                           guint            n_results,
                           const char     **labels)
{
  g_autoptr(GPtrArray) computed = NULL;

  g_return_if_fail (SL_IS_CHART_VIEW (self));
  g_return_if_fail (results != NULL || n_results == 0);
  for (guint i = 0; i < n_results; i++)
    g_return_if_fail (results[i] != NULL);

  if (n_results < 2)
    {
      sl_chart_view_set_result (self, n_results == 1 ? results[0] : NULL);
      return;
    }

  g_clear_pointer (&self->overlay, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_strfreev);
  self->overlay = g_ptr_array_sized_new (n_results);
  for (guint i = 0; i < n_results; i++)
    g_ptr_array_add (self->overlay, (gpointer) results[i]);

  if (labels == NULL)
    {
      computed = sl_compare_labels (self->overlay);
      labels = (const char **) computed->pdata;
    }
  self->labels = g_new0 (char *, n_results + 1);
  for (guint i = 0; i < n_results; i++)
    self->labels[i] = g_strdup (labels[i] != NULL ? labels[i] : "");

  self->result = results[0];
  self->hover = -1;
  sl_chart_view_hide_popover (self);
  update_accessible_label (self);
  sl_chart_view_result_changed (self);
}

guint
sl_chart_view_get_n_results (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), 0);

  if (self->overlay != NULL)
    return self->overlay->len;

  return self->result != NULL ? 1 : 0;
}

const char *
sl_chart_view_get_label (SlChartView *self,
                         guint        index)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), NULL);

  return self->labels != NULL && index < self->overlay->len ? self->labels[index] : NULL;
}

gboolean
sl_chart_view_split_point (SlChartView *self,
                           int          index,
                           guint       *result,
                           guint       *point)
{
  guint r, p;

  g_return_val_if_fail (SL_IS_CHART_VIEW (self), FALSE);

  if (!sl_chart_view_split (self, index, &r, &p))
    return FALSE;

  if (result != NULL)
    *result = r;
  if (point != NULL)
    *point = p;
  return TRUE;
}

const SlResult *
sl_chart_view_get_result (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), NULL);

  return self->result;
}

void
sl_chart_view_result_changed (SlChartView *self)
{
  g_return_if_fail (SL_IS_CHART_VIEW (self));

  drop_layout (self);
  if (self->hover >= 0 && (guint) self->hover >= sl_chart_view_count_points (self))
    self->hover = -1;
  /* New numbers: the keyboard's point says them where it is drawn now. */
  if (self->point_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->point_popover)))
    {
      g_autofree char *markup = sl_chart_view_describe_index (self, self->hover);

      if (markup != NULL)
        gtk_label_set_markup (GTK_LABEL (gtk_popover_get_child (self->point_popover)), markup);
      sl_chart_view_place_popover (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
sl_chart_view_get_show_fits (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), FALSE);

  return self->show_fits;
}

void
sl_chart_view_set_show_fits (SlChartView *self,
                             gboolean     show_fits)
{
  g_return_if_fail (SL_IS_CHART_VIEW (self));

  show_fits = !!show_fits;
  if (self->show_fits == show_fits)
    return;

  self->show_fits = show_fits;
  sl_chart_view_result_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FITS]);
}

gboolean
sl_chart_view_get_show_reference (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), FALSE);

  return self->show_reference;
}

void
sl_chart_view_set_show_reference (SlChartView *self,
                                  gboolean     show_reference)
{
  g_return_if_fail (SL_IS_CHART_VIEW (self));

  show_reference = !!show_reference;
  if (self->show_reference == show_reference)
    return;

  self->show_reference = show_reference;
  sl_chart_view_result_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REFERENCE]);
}

int
sl_chart_view_get_task_point (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), -1);

  return self->task_point;
}

void
sl_chart_view_set_task_point (SlChartView *self,
                              int          index)
{
  g_return_if_fail (SL_IS_CHART_VIEW (self));

  index = MAX (index, -1);
  if (self->task_point == index)
    return;

  self->task_point = index;
  sl_chart_view_result_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TASK_POINT]);
}

int
sl_chart_view_get_hover_point (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), -1);

  return self->hover;
}

guint
sl_chart_view_count_drawn_points (SlChartView *self)
{
  SlChartLayout *layout;
  guint count = 0;

  g_return_val_if_fail (SL_IS_CHART_VIEW (self), 0);

  layout = sl_chart_view_ensure_layout (self);
  if (layout == NULL)
    return 0;

  for (guint i = 0, n = sl_chart_view_count_points (self); i < n; i++)
    {
      double x, y, fx, fy;
      int found;

      if (!point_position (self, i, &x, &y))
        continue;

      /* The hit-test finds what is drawn there: this point, or another drawn on top of it. */
      found = sl_chart_layout_find_point (layout, x, y, 0.5);
      if (found == (int) i || (found >= 0 && point_position (self, found, &fx, &fy) &&
                               hypot (fx - x, fy - y) <= 0.5))
        count++;
    }

  return count;
}

guint
sl_chart_view_get_n_draws (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), 0);

  return self->n_draws;
}

gboolean
sl_chart_view_get_drawn_dark (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), FALSE);

  return self->drawn_dark;
}

