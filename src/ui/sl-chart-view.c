/* sl-chart-view.c: draws a result with the chart renderer inside gtk_snapshot_append_cairo(),
 * as Sysprof's charts do.
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
#include <math.h>
#include <pango/pangocairo.h>

#include "sl-chart-view.h"
#include "sl-ui-util.h"

/* The chart's body text against the interface's. */
#define CHART_TEXT_SCALE 0.85
/* How close the pointer must come to a point, in pixels, to pick it. */
#define HIT_RADIUS 14.0

struct _SlChartView
{
  GtkWidget       parent_instance;

  /* borrowed */
  const SlResult *result;

  /* owned */
  SlChartLayout  *layout;        /* drawn and hit-tested; NULL until needed, dropped on change */
  double          layout_width;
  double          layout_height;
  SlChartTheme    theme;         /* from the style, when the layout was computed */
  PangoFontDescription *font;
  cairo_font_options_t *font_options;
  SlChartKind     kind;
  gboolean        show_fits;
  gboolean        show_reference;
  int             task_point;
  int             hover;
  guint           n_draws;
  gboolean        drawn_dark;
};

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
static void
update_style (SlChartView *self)
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

static void
drop_layout (SlChartView *self)
{
  g_clear_pointer (&self->layout, sl_chart_layout_free);
}

/* The layout the last drawing used, computed again only when something changed. */
static SlChartLayout *
ensure_layout (SlChartView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->result == NULL || width < 1 || height < 1)
    return NULL;

  if (self->layout != NULL && (self->layout_width != width || self->layout_height != height))
    drop_layout (self);

  if (self->layout == NULL)
    {
      SlChartOptions options;

      update_style (self);
      sl_chart_view_get_options (self, &options);
      options.highlight_point = self->hover;
      self->layout = sl_chart_layout_compute (self->result, self->kind, &options, width, height);
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
  SlChartLayout *layout = ensure_layout (self);

  return layout != NULL && sl_chart_layout_get_point_position (layout, index, x, y);
}

static void
sl_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SlChartView *self = SL_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  SlChartLayout *layout = ensure_layout (self);
  cairo_t *cr;

  if (layout == NULL)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sl_chart_draw_layout (cr, layout);
  cairo_destroy (cr);

  self->n_draws++;
  self->drawn_dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static char *
describe_point (SlChartView *self,
                guint        index)
{
  const SlPoint *point = g_ptr_array_index (self->result->points, index);
  GString *text = g_string_new (NULL);
  g_autofree char *median = sl_ui_format_seconds (point->wall.median);
  g_autofree char *min = sl_ui_format_seconds (point->wall.min);
  g_autofree char *max = sl_ui_format_seconds (point->wall.max);
  g_autofree char *speedup = sl_ui_format_speedup (point->speedup, point->speedup_err,
                                                   point->workers);
  g_autofree char *workers =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers", point->workers),
                     point->workers);
  guint reps = point->repetitions->len;

  g_string_append_printf (text, "<b>%s · %s</b>",
                          point->model == SL_MODEL_THREADS ? _("Threads") : _("Processes"),
                          workers);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Median %s s (%s–%s s, %u of %u runs)"), median, min, max,
                          reps, self->result->spec->repeat);
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

static void
set_hover (SlChartView *self,
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

  layout = ensure_layout (self);
  index = layout ? sl_chart_layout_find_point (layout, x, y, HIT_RADIUS) : -1;
  set_hover (self, index);

  if (index < 0 || (guint) index >= self->result->points->len)
    return NULL;

  return describe_point (self, index);
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
  SlChartLayout *layout = ensure_layout (self);

  set_hover (self, layout ? sl_chart_layout_find_point (layout, x, y, HIT_RADIUS) : -1);
}

static void
on_leave_cb (SlChartView              *self,
             GtkEventControllerMotion *motion)
{
  set_hover (self, -1);
}

static void
on_released_cb (SlChartView *self,
                int          n_press,
                double       x,
                double       y,
                GtkGesture  *gesture)
{
  SlChartLayout *layout = ensure_layout (self);
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
  g_autofree char *title = self->result ? sl_chart_dup_title (self->result, self->kind) : NULL;

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

  self->result = result;
  self->hover = -1;
  update_accessible_label (self);
  sl_chart_view_result_changed (self);
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
  if (self->result != NULL && self->hover >= 0 && (guint) self->hover >= self->result->points->len)
    self->hover = -1;
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

  layout = ensure_layout (self);
  if (layout == NULL)
    return 0;

  for (guint i = 0; i < self->result->points->len; i++)
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
