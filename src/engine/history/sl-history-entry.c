/* sl-history-entry.c: the headline of a result document, read without its measurements.
 *
 * A list of a thousand experiments must not parse a thousand sets of latencies: the
 * measurements ("points") are most of a document and nothing a list row shows. They are cut out
 * of the text before it is parsed, which makes reading an entry a small fraction of loading the
 * result. Whatever the quick reading finds wrong, the full loader is asked, so an unreadable
 * file says exactly what opening it would say.
 */
#define G_LOG_DOMAIN "sl-history"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sl-error.h"
#include "sl-file.h"
#include "sl-history.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-preset.h"
#include "sl-result-io.h"
#include "sl-text.h"
#include "sl-workload.h"

#define FORMAT_CURRENT "speedup-lab/1"

const char *
sl_history_workload_title (const char *preset,
                           const char *workload)
{
  const SlPreset *p = preset ? sl_preset_lookup (preset) : NULL;
  const SlWorkload *w = workload ? sl_workload_lookup (workload) : NULL;

  if (p != NULL)
    return _(p->title);
  if (w != NULL)
    return _(w->title);
  return workload;
}

/* The document with "points" emptied, ready to parse. Takes `data` (NUL-terminated after
 * `length` bytes, which may hold a NUL of their own: the parser says so). */
static char *
headline_text (char   *data,
               gsize   length,
               gsize  *out_length)
{
  gsize start = 0, end = 0;
  GString *text;

  if (!sl_json_find_top_level_member (data, length, "points", &start, &end))
    {
      *out_length = length;
      return data;
    }

  text = g_string_sized_new (length - (end - start) + 4);
  g_string_append_len (text, data, (gssize) start);
  g_string_append (text, " []");
  g_string_append_len (text, data + end, (gssize) (length - end));
  g_free (data);
  *out_length = text->len;
  return g_string_free (text, FALSE);
}

static char *
printable (const char *text)
{
  return text != NULL ? sl_text_make_printable (text, FALSE) : NULL;
}

static SlHistoryEntry *
entry_new (const char *path)
{
  SlHistoryEntry *entry = g_new0 (SlHistoryEntry, 1);

  entry->path = g_strdup (path);
  entry->models = g_array_new (FALSE, FALSE, sizeof (SlModel));
  entry->status = SL_RESULT_COMPLETE;
  entry->best_speedup = NAN;

  return entry;
}

/* Back to what entry_new() made, for a second reading. */
static void
entry_clear (SlHistoryEntry *entry)
{
  g_clear_pointer (&entry->title, g_free);
  g_clear_pointer (&entry->preset, g_free);
  g_clear_pointer (&entry->workload, g_free);
  g_clear_pointer (&entry->created, g_free);
  g_clear_pointer (&entry->cpu_model, g_free);
  g_array_set_size (entry->models, 0);
  entry->created_unix = 0;
  entry->runtime = SL_RUNTIME_NATIVE;
  entry->status = SL_RESULT_COMPLETE;
  entry->has_best = FALSE;
  entry->best_model = SL_MODEL_THREADS;
  entry->best_workers = 0;
  entry->best_speedup = NAN;
  entry->usable_cpus = 0;
}

static gboolean
read_models (SlHistoryEntry  *entry,
             JsonArray       *models,
             GError         **error)
{
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonNode *node = json_array_get_element (models, i);
      int model;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !sl_enum_names_lookup (&sl_model_names, json_node_get_string (node), &model))
        {
          sl_json_set_field_error (error, "spec", "models", _("must be a list of execution models"));
          return FALSE;
        }
      g_array_append_val (entry->models, model);
    }

  return TRUE;
}

static gboolean
read_spec (SlHistoryEntry  *entry,
           JsonObject      *spec,
           GError         **error)
{
  const char *preset, *workload;
  JsonArray *models;
  int runtime;

  if (!sl_json_read_string (spec, "spec", "preset", FALSE, &preset, error) ||
      !sl_json_read_string (spec, "spec", "workload", TRUE, &workload, error) ||
      !sl_json_read_enum (spec, "spec", "runtime", TRUE, 0, &sl_runtime_names, _("runtime"),
                          &runtime, error) ||
      !sl_json_read_array (spec, "spec", "models", TRUE, &models, error) ||
      !read_models (entry, models, error))
    return FALSE;

  entry->preset = printable (preset);
  entry->workload = printable (workload);
  entry->runtime = runtime;
  return TRUE;
}

static gboolean
read_system (SlHistoryEntry  *entry,
             JsonObject      *system,
             GError         **error)
{
  const char *cpu_model;
  gint64 usable;

  if (system == NULL)
    return TRUE;
  if (!sl_json_read_string (system, "system", "cpu_model", FALSE, &cpu_model, error) ||
      !sl_json_read_int (system, "system", "usable_cpus", FALSE, 0, G_MAXUINT, 0, &usable, error))
    return FALSE;

  entry->cpu_model = printable (cpu_model);
  entry->usable_cpus = (guint) usable;
  return TRUE;
}

/* The stored analysis: what the document says was best when it was written. */
static gboolean
read_best (SlHistoryEntry  *entry,
           JsonObject      *analysis,
           GError         **error)
{
  JsonNode *node;
  gint64 workers;
  int model;

  if (analysis == NULL)
    return TRUE;

  node = sl_json_lookup_member (analysis, "best_model");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!sl_json_read_enum (analysis, "analysis", "best_model", TRUE, 0, &sl_model_names,
                          _("execution model"), &model, error) ||
      !sl_json_read_int (analysis, "analysis", "best_workers", FALSE, 0, SL_MAX_WORKERS, 0,
                         &workers, error) ||
      !sl_json_read_double (analysis, "analysis", "best_speedup", &entry->best_speedup, error))
    return FALSE;

  entry->has_best = workers > 0;
  entry->best_model = model;
  entry->best_workers = (guint) workers;
  return TRUE;
}

static gboolean
format_is_current (JsonObject *root)
{
  JsonNode *node = sl_json_lookup_member (root, "format");
  const char *format;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  /* Anything else, a later minor version included, is left to the loader to judge. */
  format = json_node_get_string (node);
  return g_str_equal (format, FORMAT_CURRENT);
}

/* FALSE when the quick reading failed; `*regular` FALSE too when the file is not a regular one,
 * which nothing else may open either: a FIFO would hold the listing forever. */
static gboolean
read_headline (SlHistoryEntry  *entry,
               gboolean        *regular,
               GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  JsonObject *root, *spec, *system, *analysis;
  JsonArray *points;
  const char *created, *title;
  gsize length = 0, text_length = 0;
  int status;

  *regular = TRUE;
  data = sl_file_read_regular (entry->path, SL_RESULT_MAX_FILE_SIZE, &length, error);
  if (data == NULL)
    {
      *regular = !g_file_test (entry->path, G_FILE_TEST_EXISTS) ||
                 g_file_test (entry->path, G_FILE_TEST_IS_REGULAR);
      return FALSE;
    }

  text = headline_text (g_steal_pointer (&data), length, &text_length);
  if (!sl_json_check_text (text, text_length, SL_RESULT_MAX_DEPTH, SL_RESULT_MAX_VALUES,
                           error) ||
      !json_parser_load_from_data (parser, text, (gssize) text_length, error) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_clear_error (error);
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("not a JSON object"));
      return FALSE;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (!format_is_current (root))
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT, _("not the current format"));
      return FALSE;
    }

  if (!sl_json_read_string (root, NULL, "created", FALSE, &created, error) ||
      !sl_json_read_string (root, NULL, "title", FALSE, &title, error) ||
      !sl_json_read_enum (root, NULL, "status", FALSE, SL_RESULT_COMPLETE,
                          &sl_result_status_names, _("result status"), &status, error) ||
      !sl_json_read_object (root, NULL, "spec", TRUE, &spec, error) ||
      !sl_json_read_array (root, NULL, "points", TRUE, &points, error) ||
      !sl_json_read_object (root, NULL, "system", FALSE, &system, error) ||
      !sl_json_read_object (root, NULL, "analysis", FALSE, &analysis, error) ||
      !read_spec (entry, spec, error) ||
      !read_system (entry, system, error) ||
      !read_best (entry, analysis, error))
    return FALSE;

  entry->created = printable (created);
  entry->title = printable (title);
  entry->status = status;
  return TRUE;
}

static void
fill_from_result (SlHistoryEntry *entry,
                  const SlResult *result)
{
  const SlExperimentSpec *spec = result->spec;

  entry->title = printable (result->title);
  entry->preset = printable (spec->preset);
  entry->workload = printable (spec->workload);
  entry->created = printable (result->created);
  entry->runtime = spec->runtime;
  g_array_append_vals (entry->models, spec->models->data, spec->models->len);
  entry->status = result->status;
  if (result->analysis != NULL && result->analysis->has_best)
    {
      entry->has_best = TRUE;
      entry->best_model = result->analysis->best_model;
      entry->best_workers = result->analysis->best_workers;
      entry->best_speedup = result->analysis->best_speedup;
    }
  if (result->system != NULL)
    {
      entry->cpu_model = printable (result->system->cpu_model);
      entry->usable_cpus = result->system->usable_cpus;
    }
}

/* When the document does not say when it was made: the date its name starts with
 * ("2026-11-25T08-34-14Z-…", as sl_history_save() names files), else the time the file was last
 * written. */
static void
fill_created (SlHistoryEntry *entry)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *name = g_path_get_basename (entry->path);
  gboolean from_document;
  GStatBuf st;

  if (entry->created != NULL)
    when = g_date_time_new_from_iso8601 (entry->created, NULL);
  from_document = when != NULL;

  if (when == NULL && strlen (name) >= 20 && name[19] == 'Z')
    {
      g_autofree char *iso = g_strndup (name, 20);

      /* "2026-11-25T08-34-14Z" → "2026-11-25T08:34:14Z" */
      iso[13] = iso[16] = ':';
      when = g_date_time_new_from_iso8601 (iso, NULL);
    }
  if (when == NULL && g_stat (entry->path, &st) == 0)
    when = g_date_time_new_from_unix_utc (st.st_mtime);
  if (when == NULL)
    when = g_date_time_new_from_unix_utc (0);

  entry->created_unix = g_date_time_to_unix (when);
  /* In UTC, as documents are written; a date that does not parse gives way to the one found. */
  if (!from_document || !g_str_has_suffix (entry->created, "Z"))
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (when);

      g_free (entry->created);
      entry->created = g_date_time_format_iso8601 (utc);
    }
}

SlHistoryEntry *
sl_history_entry_read (const char *path)
{
  SlHistoryEntry *entry;
  g_autoptr(GError) error = NULL;
  gboolean regular, ok;

  g_return_val_if_fail (path != NULL, NULL);

  entry = entry_new (path);
  ok = read_headline (entry, &regular, &error);
  if (!ok && !regular)
    {
      g_autofree char *message = g_strdup_printf (_("%s is not a Speedup Lab result: %s"), path,
                                                  error->message);

      entry->error = sl_text_make_printable (message, FALSE);
    }
  else if (!ok)
    {
      g_autoptr(GError) load_error = NULL;
      g_autoptr(SlResult) result = NULL;

      /* The loader knows every way a document can be wrong and says it in words: its message
       * is the reason shown. Should it read what the quick reading refused, the full result
       * gives the headline. */
      entry_clear (entry);
      result = sl_result_load (path, &load_error);
      if (result != NULL)
        fill_from_result (entry, result);
      else
        entry->error = sl_text_make_printable (load_error->message, FALSE);
    }

  fill_created (entry);
  if (entry->title != NULL && *entry->title != '\0')
    entry->headline = g_strdup (entry->title);
  else if (entry->error == NULL)
    entry->headline = printable (sl_history_workload_title (entry->preset, entry->workload));
  if (entry->headline == NULL)
    entry->headline = g_path_get_basename (path);

  return entry;
}

SlHistoryEntry *
sl_history_entry_copy (const SlHistoryEntry *entry)
{
  SlHistoryEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->path = g_strdup (entry->path);
  copy->error = g_strdup (entry->error);
  copy->title = g_strdup (entry->title);
  copy->headline = g_strdup (entry->headline);
  copy->preset = g_strdup (entry->preset);
  copy->workload = g_strdup (entry->workload);
  copy->created = g_strdup (entry->created);
  copy->models = g_array_copy (entry->models);
  copy->cpu_model = g_strdup (entry->cpu_model);

  return copy;
}

void
sl_history_entry_free (SlHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->path);
  g_free (entry->error);
  g_free (entry->title);
  g_free (entry->headline);
  g_free (entry->preset);
  g_free (entry->workload);
  g_free (entry->created);
  g_array_unref (entry->models);
  g_free (entry->cpu_model);
  g_free (entry);
}

char *
sl_history_entry_dup_id (const SlHistoryEntry *entry)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  name = g_path_get_basename (entry->path);
  if (g_str_has_suffix (name, SL_HISTORY_SUFFIX))
    name[strlen (name) - strlen (SL_HISTORY_SUFFIX)] = '\0';
  return g_steal_pointer (&name);
}
