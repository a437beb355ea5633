/* sl-history-item.c: an experiment of the history list, as the texts its row shows. The texts
 * are made once, when the entry arrives, so that scrolling a long list formats nothing. */
#define G_LOG_DOMAIN "sl-history-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-history-item.h"

struct _SlHistoryItem
{
  GObject         parent_instance;

  SlHistoryEntry *entry;
  char           *subtitle;
  char           *summary;
  char           *haystack;   /* casefolded words a search looks in */
  gboolean        checked;
};

G_DEFINE_FINAL_TYPE (SlHistoryItem, sl_history_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_SUMMARY,
  PROP_READABLE,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
runtime_title (SlRuntime runtime)
{
  return runtime == SL_RUNTIME_PYTHON ? _("Python") : _("C");
}

static const char *
model_title (SlModel model)
{
  return model == SL_MODEL_THREADS ? _("threads") : _("processes");
}

static char *
format_created (const SlHistoryEntry *entry)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (entry->created_unix);

  /* TRANSLATORS: the date and time an experiment ran, in the history list; see
   * g_date_time_format() for the codes. */
  return when ? g_date_time_format (when, _("%-d %b %Y, %H:%M")) : g_strdup (entry->created);
}

static char *
make_subtitle (const SlHistoryEntry *entry,
               const char           *created)
{
  g_autoptr(GString) text = g_string_new (created);

  if (entry->error != NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  g_string_append_printf (text, " · %s", runtime_title (entry->runtime));
  for (guint i = 0; i < entry->models->len; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? " · " : ", ",
                            model_title (g_array_index (entry->models, SlModel, i)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
make_summary (const SlHistoryEntry *entry)
{
  g_autofree char *best = NULL;

  if (entry->error != NULL)
    return g_strdup (_("Unreadable"));

  if (entry->has_best)
    best = g_strdup_printf (entry->best_model == SL_MODEL_THREADS
                            ? g_dngettext (GETTEXT_PACKAGE, "%.2f× with %u thread",
                                           "%.2f× with %u threads", entry->best_workers)
                            : g_dngettext (GETTEXT_PACKAGE, "%.2f× with %u process",
                                           "%.2f× with %u processes", entry->best_workers),
                            entry->best_speedup, entry->best_workers);

  switch (entry->status)
    {
    case SL_RESULT_CANCELLED:
      return best ? g_strdup_printf (_("Cancelled · %s"), best) : g_strdup (_("Cancelled"));
    case SL_RESULT_PARTIAL:
      return best ? g_strdup_printf (_("Some points failed · %s"), best)
                  : g_strdup (_("Some points failed"));
    case SL_RESULT_RUNNING:
      return g_strdup (_("Unfinished"));
    case SL_RESULT_COMPLETE:
    default:
      return best ? g_steal_pointer (&best) : g_strdup (_("No point measured"));
    }
}

static void
append_words (GString    *haystack,
              const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return;

  folded = g_utf8_casefold (text, -1);
  g_string_append_c (haystack, ' ');
  g_string_append (haystack, folded);
}

static void
update_texts (SlHistoryItem *self)
{
  const SlHistoryEntry *entry = self->entry;
  g_autofree char *created = format_created (entry);
  g_autoptr(GString) haystack = g_string_new (NULL);

  g_free (self->subtitle);
  self->subtitle = make_subtitle (entry, created);
  g_free (self->summary);
  self->summary = make_summary (entry);

  append_words (haystack, entry->headline);
  append_words (haystack, entry->preset);
  append_words (haystack, entry->workload);
  if (entry->workload != NULL)
    append_words (haystack, sl_history_workload_title (NULL, entry->workload));
  append_words (haystack, entry->created);
  append_words (haystack, self->subtitle);
  if (entry->error == NULL)
    append_words (haystack, sl_runtime_to_string (entry->runtime));
  append_words (haystack, self->summary);

  g_free (self->haystack);
  self->haystack = g_string_free (g_steal_pointer (&haystack), FALSE);
}

static void
sl_history_item_finalize (GObject *object)
{
  SlHistoryItem *self = SL_HISTORY_ITEM (object);

  g_clear_pointer (&self->entry, sl_history_entry_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->haystack, g_free);

  G_OBJECT_CLASS (sl_history_item_parent_class)->finalize (object);
}

static void
sl_history_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SlHistoryItem *self = SL_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, sl_history_item_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_READABLE:
      g_value_set_boolean (value, sl_history_item_get_readable (self));
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_history_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SlHistoryItem *self = SL_HISTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      sl_history_item_set_checked (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_history_item_class_init (SlHistoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_history_item_finalize;
  object_class->get_property = sl_history_item_get_property;
  object_class->set_property = sl_history_item_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READABLE] =
    g_param_spec_boolean ("readable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_history_item_init (SlHistoryItem *self)
{
}

SlHistoryItem *
sl_history_item_new (SlHistoryEntry *entry)
{
  SlHistoryItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (SL_TYPE_HISTORY_ITEM, NULL);
  self->entry = entry;
  update_texts (self);

  return self;
}

const SlHistoryEntry *
sl_history_item_get_entry (SlHistoryItem *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), NULL);

  return self->entry;
}

const char *
sl_history_item_get_path (SlHistoryItem *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), NULL);

  return self->entry->path;
}

const char *
sl_history_item_get_title (SlHistoryItem *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), NULL);

  return self->entry->headline;
}

const char *
sl_history_item_get_subtitle (SlHistoryItem *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), NULL);

  return self->subtitle;
}

const char *
sl_history_item_get_summary (SlHistoryItem *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), NULL);

  return self->summary;
}

gboolean
sl_history_item_get_readable (SlHistoryItem *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), FALSE);

  return self->entry->error == NULL;
}

void
sl_history_item_set_title (SlHistoryItem *self,
                           const char    *title)
{
  SlHistoryEntry *entry;

  g_return_if_fail (SL_IS_HISTORY_ITEM (self));

  entry = self->entry;
  g_free (entry->title);
  entry->title = title && *title ? g_strdup (title) : NULL;
  g_free (entry->headline);
  entry->headline = g_strdup (entry->title ? entry->title
                                           : sl_history_workload_title (entry->preset,
                                                                        entry->workload));
  update_texts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
sl_history_item_get_checked (SlHistoryItem *self)
{
  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), FALSE);

  return self->checked;
}

void
sl_history_item_set_checked (SlHistoryItem *self,
                             gboolean       checked)
{
  g_return_if_fail (SL_IS_HISTORY_ITEM (self));

  checked = !!checked && sl_history_item_get_readable (self);
  if (self->checked == checked)
    return;

  self->checked = checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

gboolean
sl_history_item_matches (SlHistoryItem *self,
                         const char    *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (SL_IS_HISTORY_ITEM (self), FALSE);

  if (query == NULL || *query == '\0')
    return TRUE;

  folded = g_utf8_casefold (query, -1);
  words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (self->haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

int
sl_history_item_compare (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  const SlHistoryEntry *ea = SL_HISTORY_ITEM ((gpointer) a)->entry;
  const SlHistoryEntry *eb = SL_HISTORY_ITEM ((gpointer) b)->entry;

  if (ea->created_unix != eb->created_unix)
    return ea->created_unix > eb->created_unix ? -1 : 1;

  /* The same second: "NAME-2.speedup.json" was saved after "NAME.speedup.json" and sorts
   * before it ('-' < '.'), so the newer comes first here too. */
  return g_strcmp0 (ea->path, eb->path);
}
