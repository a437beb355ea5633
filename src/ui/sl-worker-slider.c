/* sl-worker-slider.c: the worker counts of a sweep.
 *
 * The scale runs over log2 (workers), so that 1, 2, 4, … 64 are evenly spread and a drag from
 * 1 to 2 is as long as one from 32 to 64; its value is always snapped to the count it stands
 * for. Marks sit at the powers of two, and a labelled one at the usable CPU count, the count
 * past which CPU-bound workers only take turns.
 */
#define G_LOG_DOMAIN "sl-worker-slider"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-experiment-spec.h"
#include "sl-ui-util.h"
#include "sl-worker-slider.h"

struct _SlWorkerSlider
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkLabel       *title_label;
  GtkLabel       *value_label;
  GtkScale       *scale;
  GtkAdjustment  *adjustment;
  GtkToggleButton *pow2_button;
  GtkToggleButton *every_button;
  GtkToggleButton *custom_button;
  GtkRevealer    *custom_revealer;
  GtkEntry       *custom_entry;
  GtkLabel       *list_label;

  /* owned */
  char           *custom_text;
  char           *problem;
  guint           max_workers;
  guint           usable_cpus;
  SlSweep         sweep;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (SlWorkerSlider, sl_worker_slider, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAX_WORKERS,
  PROP_SWEEP,
  PROP_CUSTOM_TEXT,
  PROP_USABLE_CPUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_marks (SlWorkerSlider *self)
{
  gtk_scale_clear_marks (self->scale);

  for (guint w = 1; w <= SL_WORKER_SLIDER_MAX; w *= 2)
    {
      g_autofree char *label = g_strdup_printf ("%u", w);

      gtk_scale_add_mark (self->scale, log2 (w), GTK_POS_BOTTOM, label);
    }

  if (self->usable_cpus >= 1 && self->usable_cpus <= SL_WORKER_SLIDER_MAX)
    {
      g_autofree char *label =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU", "%u CPUs", self->usable_cpus),
                         self->usable_cpus);

      gtk_scale_add_mark (self->scale, log2 (self->usable_cpus), GTK_POS_TOP, label);
    }
}

static void
update_texts (SlWorkerSlider *self)
{
  g_autoptr(GArray) workers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = g_strdup_printf ("%u", self->max_workers);
  g_autofree char *value_text =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker", "%u workers", self->max_workers),
                     self->max_workers);

  gtk_label_set_label (self->value_label, self->sweep == SL_SWEEP_CUSTOM ? "" : value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value_text,
                                  -1);

  workers = sl_worker_slider_dup_workers (self, &error);
  if (self->problem != NULL || workers == NULL)
    {
      gtk_label_set_label (self->list_label, self->problem ? self->problem : error->message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->list_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->list_label), "error");
    }
  else
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < workers->len; i++)
        g_string_append_printf (list, "%s%u", i ? ", " : "", g_array_index (workers, guint, i));
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Runs %s worker (%u point per model)",
                                           "Runs %s workers (%u points per model)", workers->len),
                              list->str, workers->len);
      gtk_label_set_label (self->list_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->list_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->list_label), "dim-label");
    }

  if (self->sweep == SL_SWEEP_CUSTOM && (workers == NULL || self->problem != NULL))
    gtk_widget_add_css_class (GTK_WIDGET (self->custom_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->custom_entry), "error");
}

static void
changed (SlWorkerSlider *self)
{
  update_texts (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static guint
snap_workers (SlWorkerSlider *self,
              double          value)
{
  value = CLAMP (value, 0.0, log2 (SL_WORKER_SLIDER_MAX));

  if (self->sweep == SL_SWEEP_POWERS_OF_TWO)
    return 1u << (guint) lround (value);

  return (guint) CLAMP (lround (exp2 (value)), 1, SL_WORKER_SLIDER_MAX);
}

static void
sync_scale (SlWorkerSlider *self)
{
  self->updating = TRUE;
  gtk_adjustment_set_value (self->adjustment, log2 (self->max_workers));
  self->updating = FALSE;
}

static void
on_value_changed_cb (SlWorkerSlider *self,
                     GtkAdjustment  *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);

  if (self->updating)
    return;

  sl_worker_slider_set_max_workers (self, snap_workers (self, value));
  /* The same count may stand for a slightly different position: put the knob on it. */
  sync_scale (self);
}

/* With every count, the arrow keys step by one worker; a page still doubles or halves. */
static gboolean
on_change_value_cb (SlWorkerSlider *self,
                    GtkScrollType   scroll,
                    double          value,
                    GtkRange       *range)
{
  gint step = 0;

  if (self->sweep != SL_SWEEP_EVERY_COUNT)
    return FALSE;

  switch (scroll)
    {
    case GTK_SCROLL_STEP_FORWARD:
    case GTK_SCROLL_STEP_RIGHT:
    case GTK_SCROLL_STEP_UP:
      step = 1;
      break;
    case GTK_SCROLL_STEP_BACKWARD:
    case GTK_SCROLL_STEP_LEFT:
    case GTK_SCROLL_STEP_DOWN:
      step = -1;
      break;
    default:
      return FALSE;
    }

  sl_worker_slider_set_max_workers (self, CLAMP ((gint) self->max_workers + step, 1,
                                                 SL_WORKER_SLIDER_MAX));
  return TRUE;
}

static void
on_sweep_toggled_cb (SlWorkerSlider  *self,
                     GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button) || self->updating)
    return;

  if (button == self->pow2_button)
    sl_worker_slider_set_sweep (self, SL_SWEEP_POWERS_OF_TWO);
  else if (button == self->every_button)
    sl_worker_slider_set_sweep (self, SL_SWEEP_EVERY_COUNT);
  else
    sl_worker_slider_set_sweep (self, SL_SWEEP_CUSTOM);
}

static void
on_custom_changed_cb (SlWorkerSlider *self,
                      GtkEditable    *editable)
{
  if (self->updating)
    return;

  sl_worker_slider_set_custom_text (self, gtk_editable_get_text (editable));
}

static void
sl_worker_slider_dispose (GObject *object)
{
  sl_ui_dispose_template (GTK_WIDGET (object), SL_TYPE_WORKER_SLIDER);

  G_OBJECT_CLASS (sl_worker_slider_parent_class)->dispose (object);
}

static void
sl_worker_slider_finalize (GObject *object)
{
  SlWorkerSlider *self = SL_WORKER_SLIDER (object);

  g_clear_pointer (&self->custom_text, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (sl_worker_slider_parent_class)->finalize (object);
}

static void
sl_worker_slider_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SlWorkerSlider *self = SL_WORKER_SLIDER (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      g_value_set_uint (value, sl_worker_slider_get_max_workers (self));
      break;
    case PROP_SWEEP:
      g_value_set_int (value, sl_worker_slider_get_sweep (self));
      break;
    case PROP_CUSTOM_TEXT:
      g_value_set_string (value, sl_worker_slider_get_custom_text (self));
      break;
    case PROP_USABLE_CPUS:
      g_value_set_uint (value, sl_worker_slider_get_usable_cpus (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_worker_slider_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SlWorkerSlider *self = SL_WORKER_SLIDER (object);

  switch (prop_id)
    {
    case PROP_MAX_WORKERS:
      sl_worker_slider_set_max_workers (self, g_value_get_uint (value));
      break;
    case PROP_SWEEP:
      sl_worker_slider_set_sweep (self, g_value_get_int (value));
      break;
    case PROP_CUSTOM_TEXT:
      sl_worker_slider_set_custom_text (self, g_value_get_string (value));
      break;
    case PROP_USABLE_CPUS:
      sl_worker_slider_set_usable_cpus (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_worker_slider_class_init (SlWorkerSliderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_worker_slider_dispose;
  object_class->finalize = sl_worker_slider_finalize;
  object_class->get_property = sl_worker_slider_get_property;
  object_class->set_property = sl_worker_slider_set_property;

  properties[PROP_MAX_WORKERS] =
    g_param_spec_uint ("max-workers", NULL, NULL, 1, SL_WORKER_SLIDER_MAX, 16,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SWEEP] =
    g_param_spec_int ("sweep", NULL, NULL, SL_SWEEP_POWERS_OF_TWO, SL_SWEEP_CUSTOM,
                      SL_SWEEP_POWERS_OF_TWO,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOM_TEXT] =
    g_param_spec_string ("custom-text", NULL, NULL, "1,2,4,8",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USABLE_CPUS] =
    g_param_spec_uint ("usable-cpus", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  sl_ui_register_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, SL_UI_RESOURCE "/sl-worker-slider.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, value_label);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, scale);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, adjustment);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, pow2_button);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, every_button);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, custom_button);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, custom_entry);
  gtk_widget_class_bind_template_child (widget_class, SlWorkerSlider, list_label);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The wheel over the scale scrolls the form it sits in, as over the rest of the form: a person
 * scrolling down the sidebar must not change the worker count on the way. The keyboard and a
 * drag still move the knob. */
static gboolean
on_scale_scroll_cb (SlWorkerSlider           *self,
                    double                    dx,
                    double                    dy,
                    GtkEventControllerScroll *controller)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double step;

  if (scroller == NULL)
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* GTK's own step for a wheel notch: a fraction of the page, as GtkScrolledWindow takes. */
  step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    step = 1;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return TRUE;
}

static void
sl_worker_slider_init (SlWorkerSlider *self)
{
  GtkEventController *scroll;

  self->max_workers = 16;
  self->sweep = SL_SWEEP_POWERS_OF_TWO;
  self->custom_text = g_strdup ("1,2,4,8");

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->adjustment, "value-changed",
                           G_CALLBACK (on_value_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scale, "change-value",
                           G_CALLBACK (on_change_value_cb), self, G_CONNECT_SWAPPED);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scale_scroll_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->scale), scroll);
  g_signal_connect_object (self->pow2_button, "toggled",
                           G_CALLBACK (on_sweep_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->every_button, "toggled",
                           G_CALLBACK (on_sweep_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_button, "toggled",
                           G_CALLBACK (on_sweep_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->custom_entry, "changed",
                           G_CALLBACK (on_custom_changed_cb), self, G_CONNECT_SWAPPED);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->custom_entry), self->custom_text);
  self->updating = FALSE;
  sync_scale (self);
  update_marks (self);
  update_texts (self);
}

GtkWidget *
sl_worker_slider_new (void)
{
  return g_object_new (SL_TYPE_WORKER_SLIDER, NULL);
}

guint
sl_worker_slider_get_max_workers (SlWorkerSlider *self)
{
  g_return_val_if_fail (SL_IS_WORKER_SLIDER (self), 1);

  return self->max_workers;
}

void
sl_worker_slider_set_max_workers (SlWorkerSlider *self,
                                  guint           max_workers)
{
  g_return_if_fail (SL_IS_WORKER_SLIDER (self));

  max_workers = CLAMP (max_workers, 1, SL_WORKER_SLIDER_MAX);
  if (self->sweep == SL_SWEEP_POWERS_OF_TWO)
    max_workers = 1u << (guint) lround (log2 (max_workers));

  if (self->max_workers == max_workers)
    return;

  self->max_workers = max_workers;
  sync_scale (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_WORKERS]);
  changed (self);
}

SlSweep
sl_worker_slider_get_sweep (SlWorkerSlider *self)
{
  g_return_val_if_fail (SL_IS_WORKER_SLIDER (self), SL_SWEEP_POWERS_OF_TWO);

  return self->sweep;
}

void
sl_worker_slider_set_sweep (SlWorkerSlider *self,
                            SlSweep         sweep)
{
  GtkToggleButton *button;

  g_return_if_fail (SL_IS_WORKER_SLIDER (self));
  g_return_if_fail (sweep <= SL_SWEEP_CUSTOM);

  if (self->sweep == sweep)
    return;

  self->sweep = sweep;

  button = sweep == SL_SWEEP_POWERS_OF_TWO ? self->pow2_button
         : sweep == SL_SWEEP_EVERY_COUNT ? self->every_button : self->custom_button;
  self->updating = TRUE;
  gtk_toggle_button_set_active (button, TRUE);
  self->updating = FALSE;

  gtk_revealer_set_reveal_child (self->custom_revealer, sweep == SL_SWEEP_CUSTOM);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), sweep != SL_SWEEP_CUSTOM);

  /* Powers of two hold only powers of two: take the nearest. */
  if (sweep == SL_SWEEP_POWERS_OF_TWO)
    {
      guint snapped = 1u << (guint) lround (log2 (self->max_workers));

      if (snapped != self->max_workers)
        {
          self->max_workers = snapped;
          sync_scale (self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_WORKERS]);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SWEEP]);
  changed (self);
}

const char *
sl_worker_slider_get_custom_text (SlWorkerSlider *self)
{
  g_return_val_if_fail (SL_IS_WORKER_SLIDER (self), NULL);

  return self->custom_text;
}

void
sl_worker_slider_set_custom_text (SlWorkerSlider *self,
                                  const char     *text)
{
  g_return_if_fail (SL_IS_WORKER_SLIDER (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->custom_text, text) == 0)
    return;

  g_free (self->custom_text);
  self->custom_text = g_strdup (text);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->custom_entry)), text) != 0)
    {
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->custom_entry), text);
      self->updating = FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOM_TEXT]);
  if (self->sweep == SL_SWEEP_CUSTOM)
    changed (self);
}

guint
sl_worker_slider_get_usable_cpus (SlWorkerSlider *self)
{
  g_return_val_if_fail (SL_IS_WORKER_SLIDER (self), 0);

  return self->usable_cpus;
}

void
sl_worker_slider_set_usable_cpus (SlWorkerSlider *self,
                                  guint           usable_cpus)
{
  g_return_if_fail (SL_IS_WORKER_SLIDER (self));

  if (self->usable_cpus == usable_cpus)
    return;

  self->usable_cpus = usable_cpus;
  update_marks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USABLE_CPUS]);
}

void
sl_worker_slider_set_workers (SlWorkerSlider *self,
                              GArray         *workers)
{
  guint last;
  gboolean pow2 = TRUE, every = TRUE;

  g_return_if_fail (SL_IS_WORKER_SLIDER (self));
  g_return_if_fail (workers != NULL && workers->len > 0);

  last = g_array_index (workers, guint, workers->len - 1);
  for (guint i = 0; i < workers->len; i++)
    {
      guint w = g_array_index (workers, guint, i);

      pow2 &= w == 1u << i;
      every &= w == i + 1;
    }

  if (last <= SL_WORKER_SLIDER_MAX && pow2)
    {
      sl_worker_slider_set_sweep (self, SL_SWEEP_POWERS_OF_TWO);
      sl_worker_slider_set_max_workers (self, last);
    }
  else if (last <= SL_WORKER_SLIDER_MAX && every)
    {
      sl_worker_slider_set_sweep (self, SL_SWEEP_EVERY_COUNT);
      sl_worker_slider_set_max_workers (self, last);
    }
  else
    {
      g_autofree char *text = sl_format_worker_list (workers);

      sl_worker_slider_set_custom_text (self, text);
      sl_worker_slider_set_sweep (self, SL_SWEEP_CUSTOM);
    }
}

GArray *
sl_worker_slider_dup_workers (SlWorkerSlider  *self,
                              GError         **error)
{
  GArray *workers;

  g_return_val_if_fail (SL_IS_WORKER_SLIDER (self), NULL);

  if (self->sweep == SL_SWEEP_CUSTOM)
    return sl_parse_worker_list (self->custom_text, error);

  workers = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint w = 1; w <= self->max_workers;
       w = self->sweep == SL_SWEEP_POWERS_OF_TWO ? w * 2 : w + 1)
    g_array_append_val (workers, w);

  return workers;
}

void
sl_worker_slider_set_problem (SlWorkerSlider *self,
                              const char     *message)
{
  g_return_if_fail (SL_IS_WORKER_SLIDER (self));

  if (g_strcmp0 (self->problem, message) == 0)
    return;

  g_free (self->problem);
  self->problem = g_strdup (message);
  update_texts (self);
}

GtkWidget *
sl_worker_slider_get_scale (SlWorkerSlider *self)
{
  g_return_val_if_fail (SL_IS_WORKER_SLIDER (self), NULL);

  return GTK_WIDGET (self->scale);
}
