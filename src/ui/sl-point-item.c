/* sl-point-item.c: a point as the texts of a table row, in the CLI table's number formats. */
#define G_LOG_DOMAIN "sl-point-item"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-point-item.h"
#include "sl-ui-util.h"

enum {
  PROP_0,
  PROP_MODEL,
  PROP_WORKERS,
  PROP_MEDIAN,
  PROP_INTERVAL,
  PROP_SPEEDUP,
  PROP_EFFICIENCY,
  PROP_CPU,
  PROP_RUNS,
  PROP_STATUS,
  PROP_INTERVAL_TOOLTIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _SlPointItem
{
  GObject  parent_instance;

  guint    index;
  char    *texts[N_PROPS];
};

G_DEFINE_FINAL_TYPE (SlPointItem, sl_point_item, G_TYPE_OBJECT)

static void
sl_point_item_finalize (GObject *object)
{
  SlPointItem *self = SL_POINT_ITEM (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (sl_point_item_parent_class)->finalize (object);
}

static void
sl_point_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlPointItem *self = SL_POINT_ITEM (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->texts[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sl_point_item_class_init (SlPointItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[N_PROPS] = {
    NULL, "model", "workers", "median", "interval", "speedup", "efficiency", "cpu", "runs",
    "status", "interval-tooltip",
  };

  object_class->finalize = sl_point_item_finalize;
  object_class->get_property = sl_point_item_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_point_item_init (SlPointItem *self)
{
}

SlPointItem *
sl_point_item_new (void)
{
  return g_object_new (SL_TYPE_POINT_ITEM, NULL);
}

static void
set_text (SlPointItem *self,
          guint        prop,
          char        *text)
{
  if (g_strcmp0 (self->texts[prop], text) == 0)
    {
      g_free (text);
      return;
    }

  g_free (self->texts[prop]);
  self->texts[prop] = text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static char *
status_text (const SlPoint *point)
{
  switch (point->status)
    {
    case SL_POINT_PENDING:
      return g_strdup (_("Waiting"));
    case SL_POINT_RUNNING:
      return g_strdup (_("Measuring"));
    case SL_POINT_DONE:
      return g_strdup (point->wall.unstable ? _("Unstable") : _("Done"));
    case SL_POINT_FAILED:
      return g_strdup_printf (_("Failed: %s"), point->error ? point->error : "");
    case SL_POINT_CANCELLED:
      return g_strdup (_("Cancelled"));
    default:
      return g_strdup ("");
    }
}

void
sl_point_item_update (SlPointItem    *self,
                      const SlResult *result,
                      guint           index)
{
  const SlPoint *point;
  gboolean measured;

  g_return_if_fail (SL_IS_POINT_ITEM (self));
  g_return_if_fail (result != NULL && index < result->points->len);

  point = g_ptr_array_index (result->points, index);
  measured = point->repetitions->len > 0;
  self->index = index;

  set_text (self, PROP_MODEL, g_strdup (point->model == SL_MODEL_THREADS ? _("Threads")
                                                                          : _("Processes")));
  set_text (self, PROP_WORKERS, g_strdup_printf ("%u", point->workers));
  set_text (self, PROP_MEDIAN, measured ? sl_ui_format_seconds (point->wall.median)
                                        : g_strdup ("—"));
  if (measured && isfinite (point->wall.median_lo) && isfinite (point->wall.median_hi))
    {
      g_autofree char *lo = sl_ui_format_seconds (point->wall.median_lo);
      g_autofree char *hi = sl_ui_format_seconds (point->wall.median_hi);

      set_text (self, PROP_INTERVAL, g_strdup_printf ("%s–%s", lo, hi));
      set_text (self, PROP_INTERVAL_TOOLTIP,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The median lies in this range with %.0f %% "
                                              "confidence (%u run)",
                                              "The median lies in this range with %.0f %% "
                                              "confidence (%u runs)", point->wall.n),
                                 100.0 * point->wall.median_level, point->wall.n));
    }
  else
    {
      set_text (self, PROP_INTERVAL, g_strdup ("—"));
      set_text (self, PROP_INTERVAL_TOOLTIP, NULL);
    }
  set_text (self, PROP_SPEEDUP, measured ? sl_ui_format_speedup (point->speedup, point->speedup_lo,
                                                                 point->speedup_hi, point->workers)
                                         : g_strdup ("—"));
  set_text (self, PROP_EFFICIENCY, measured && isfinite (point->efficiency)
                                   ? g_strdup_printf ("%.0f %%", point->efficiency * 100)
                                   : g_strdup ("—"));
  set_text (self, PROP_CPU, measured && isfinite (point->cpu_util)
                            ? g_strdup_printf ("%.2f", point->cpu_util) : g_strdup ("—"));
  set_text (self, PROP_RUNS, g_strdup_printf ("%u/%u", point->repetitions->len,
                                              result->spec->repeat));
  set_text (self, PROP_STATUS, status_text (point));
}

guint
sl_point_item_get_index (SlPointItem *self)
{
  g_return_val_if_fail (SL_IS_POINT_ITEM (self), 0);

  return self->index;
}

const char *
sl_point_item_get_text (SlPointItem *self,
                        const char  *column)
{
  GParamSpec *pspec;

  g_return_val_if_fail (SL_IS_POINT_ITEM (self), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), column);
  g_return_val_if_fail (pspec != NULL, NULL);

  for (guint i = 1; i < N_PROPS; i++)
    if (properties[i] == pspec)
      return self->texts[i];

  return NULL;
}
