/* sl-compare-item.c: a comparison's row as the texts of a table row, in the CLI's formats. */
#define G_LOG_DOMAIN "sl-compare-item"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sl-compare-item.h"
#include "sl-ui-util.h"

enum {
  PROP_0,
  PROP_EXPERIMENT,
  PROP_MODEL,
  PROP_WORKERS,
  PROP_TIME_A,
  PROP_TIME_B,
  PROP_RATIO,
  PROP_P,
  PROP_SIGNIFICANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _SlCompareItem
{
  GObject   parent_instance;

  guint     index;
  gboolean  significant;
  char     *texts[N_PROPS];
};

G_DEFINE_FINAL_TYPE (SlCompareItem, sl_compare_item, G_TYPE_OBJECT)

static void
sl_compare_item_finalize (GObject *object)
{
  SlCompareItem *self = SL_COMPARE_ITEM (object);

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (sl_compare_item_parent_class)->finalize (object);
}

static void
sl_compare_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlCompareItem *self = SL_COMPARE_ITEM (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->texts[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sl_compare_item_class_init (SlCompareItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[N_PROPS] = {
    NULL, "experiment", "model", "workers", "time-a", "time-b", "ratio", "p", "significant",
  };

  object_class->finalize = sl_compare_item_finalize;
  object_class->get_property = sl_compare_item_get_property;

  /* Read-only and set once: a comparison does not change, the table makes new rows. */
  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_compare_item_init (SlCompareItem *self)
{
}

/* What the test says, in words; a side without the point, or with a single run, has none. */
static char *
significance_text (const SlCompareRow *row)
{
  if (row->n_a == 0)
    return g_strdup (_("not measured in A"));
  if (row->n_b == 0)
    return g_strdup (_("not measured in B"));
  if (!isfinite (row->p_value))
    return g_strdup (_("too few runs"));
  if (!row->significant)
    return g_strdup (_("no"));
  return g_strdup (row->ratio > 1.0 ? _("yes, slower") : _("yes, faster"));
}

SlCompareItem *
sl_compare_item_new (const SlComparison *comparison,
                     guint               index)
{
  const SlCompareRow *row;
  SlCompareItem *self;

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (index < comparison->rows->len, NULL);

  row = &g_array_index (comparison->rows, SlCompareRow, index);
  self = g_object_new (SL_TYPE_COMPARE_ITEM, NULL);
  self->index = index;
  self->significant = row->significant;

  self->texts[PROP_EXPERIMENT] = g_strdup (row->other < comparison->labels->len
                                           ? g_ptr_array_index (comparison->labels, row->other)
                                           : "");
  self->texts[PROP_MODEL] = g_strdup (row->model == SL_MODEL_THREADS ? _("Threads")
                                                                     : _("Processes"));
  self->texts[PROP_WORKERS] = g_strdup_printf ("%u", row->workers);
  self->texts[PROP_TIME_A] = sl_ui_format_seconds (row->time_a);
  self->texts[PROP_TIME_B] = sl_ui_format_seconds (row->time_b);
  /* Translators: the ratio of two times, "1.23×" */
  self->texts[PROP_RATIO] = isfinite (row->ratio) ? g_strdup_printf (_("%.2f×"), row->ratio)
                                                  : g_strdup ("—");
  self->texts[PROP_P] = isfinite (row->p_value) ? g_strdup_printf ("%.3f", row->p_value)
                                                : g_strdup ("—");
  self->texts[PROP_SIGNIFICANT] = significance_text (row);

  return self;
}

guint
sl_compare_item_get_index (SlCompareItem *self)
{
  g_return_val_if_fail (SL_IS_COMPARE_ITEM (self), 0);

  return self->index;
}

const char *
sl_compare_item_get_text (SlCompareItem *self,
                          const char    *column)
{
  GParamSpec *pspec;

  g_return_val_if_fail (SL_IS_COMPARE_ITEM (self), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), column);
  g_return_val_if_fail (pspec != NULL, NULL);

  for (guint i = 1; i < N_PROPS; i++)
    if (properties[i] == pspec)
      return self->texts[i];

  return NULL;
}

gboolean
sl_compare_item_get_significant (SlCompareItem *self)
{
  g_return_val_if_fail (SL_IS_COMPARE_ITEM (self), FALSE);

  return self->significant;
}
