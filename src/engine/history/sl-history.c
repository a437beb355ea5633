/* sl-history.c: the folder of saved experiments: saving under a new name, listing (at once or in
 * batches from a worker thread), renaming and deleting. */
#define G_LOG_DOMAIN "sl-history"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sl-error.h"
#include "sl-file.h"
#include "sl-history.h"
#include "sl-json.h"
#include "sl-result-io.h"
#include "sl-text.h"

/* Names tried before giving up: "-2" up to this many experiments saved in one second. */
#define MAX_NAME_ATTEMPTS 1000
/* The part of the name that comes from the workload, in characters. */
#define MAX_SLUG_LENGTH 48

/* A batch goes to the main context when it has this many entries or has been filling for this
 * long, whichever comes first; the first one is small, so that the list shows at once. */
#define FIRST_BATCH_SIZE 16
#define BATCH_SIZE 64
#define BATCH_MAX_AGE_US (30 * G_TIME_SPAN_MILLISECOND)

char *
sl_history_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "speedup-lab", "experiments", NULL);
}

/* "2026-11-25T08-34-14Z": the moment the experiment started, in UTC, with no ':' (which some
 * file systems and file managers refuse), sorting in time order. */
static char *
name_stamp (const SlResult *result)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (result->created != NULL)
    when = g_date_time_new_from_iso8601 (result->created, NULL);
  if (when == NULL)
    when = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (when);

  return g_date_time_format (utc, "%Y-%m-%dT%H-%M-%SZ");
}

/* The preset or workload id, reduced to characters that are safe in any file name. */
static char *
name_slug (const SlResult *result)
{
  const char *id = result->spec->preset ? result->spec->preset : result->spec->workload;
  GString *slug = g_string_new (NULL);

  for (const char *p = id ? id : ""; *p != '\0' && slug->len < MAX_SLUG_LENGTH; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || c == '-' || c == '_')
        g_string_append_c (slug, c);
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "experiment");

  return g_string_free (slug, FALSE);
}

/* Writes the whole document to a new hidden file in `dir` (which sl_history_list() never
 * lists), flushed to disk before it gets its name. mkstemp() reserves a name no one else has;
 * GLib then writes it whole. */
static char *
write_temporary (const char  *dir,
                 const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autofree char *path = g_build_filename (dir, ".saving-XXXXXX", NULL);
  g_autoptr(GError) local_error = NULL;
  int fd;

  fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      sl_file_set_io_error (error, g_strerror (errno), _("Cannot save the experiment in %s"), dir);
      return NULL;
    }
  close (fd);

  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_unlink (path);
      sl_file_set_io_error (error, sl_file_error_reason (local_error),
                            _("Cannot save the experiment in %s"), dir);
      return NULL;
    }

  return g_steal_pointer (&path);
}

/* Gives `from` the name `to` unless `to` exists: EEXIST then. renameat2() does that in one step;
 * where the file system cannot (EINVAL), a hard link does the same, and the temporary name is
 * removed after. */
static int
rename_no_replace (const char *from,
                   const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno;

  if (link (from, to) != 0)
    return errno;
  g_unlink (from);
  return 0;
}

char *
sl_history_save (const char      *dir,
                 const SlResult  *result,
                 GError         **error)
{
  g_autofree char *data = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *slug = NULL;
  gsize length = 0;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (result != NULL && result->spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      sl_file_set_io_error (error, g_strerror (errno), _("Cannot create the history folder %s"),
                            dir);
      return NULL;
    }

  data = sl_result_to_data (result, &length);
  temporary = write_temporary (dir, data, length, error);
  if (temporary == NULL)
    return NULL;

  stamp = name_stamp (result);
  slug = name_slug (result);
  for (guint attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++)
    {
      g_autofree char *name = attempt == 1
                              ? g_strdup_printf ("%s-%s" SL_HISTORY_SUFFIX, stamp, slug)
                              : g_strdup_printf ("%s-%s-%u" SL_HISTORY_SUFFIX, stamp, slug, attempt);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int failure = rename_no_replace (temporary, path);

      if (failure == 0)
        return g_steal_pointer (&path);
      if (failure != EEXIST)
        {
          g_unlink (temporary);
          sl_file_set_io_error (error, g_strerror (failure),
                                _("Cannot save the experiment as %s"), path);
          return NULL;
        }
    }

  g_unlink (temporary);
  g_set_error (error, SL_ERROR, SL_ERROR_IO,
               _("Cannot save the experiment in %s: %d experiments of that second are there already"),
               dir, MAX_NAME_ATTEMPTS);
  return NULL;
}

/* Newest first by name, since names start with the date; names that do not (a file a person
 * copied in) come after, in reverse order too. */
static int
compare_names_newest_first (const void *pa,
                            const void *pb)
{
  const char *a = *(const char *const *) pa;
  const char *b = *(const char *const *) pb;
  gboolean dated_a = g_ascii_isdigit (a[0]), dated_b = g_ascii_isdigit (b[0]);

  if (dated_a != dated_b)
    return dated_a ? -1 : 1;
  return -strcmp (a, b);
}

/* The paths of the documents in `dir`, newest first by name. */
static GPtrArray *
list_paths (const char  *dir,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) folder = g_dir_open (dir, 0, &local_error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *paths;
  const char *name;

  if (folder == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_ptr_array_new_with_free_func (g_free);
      g_set_error (error, SL_ERROR, SL_ERROR_IO, _("Cannot read the history folder %s: %s"),
                   dir, sl_file_error_reason (local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (folder)) != NULL)
    if (name[0] != '.' && g_str_has_suffix (name, SL_HISTORY_SUFFIX))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names_newest_first);

  paths = g_ptr_array_new_full (names->len, g_free);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_build_filename (dir, names->pdata[i], NULL));

  return paths;
}

static int
compare_entries_newest_first (const void *pa,
                              const void *pb)
{
  const SlHistoryEntry *a = *(SlHistoryEntry *const *) pa;
  const SlHistoryEntry *b = *(SlHistoryEntry *const *) pb;

  if (a->created_unix != b->created_unix)
    return a->created_unix > b->created_unix ? -1 : 1;
  /* The documents' own dates hold fractions of a second. */
  if (g_strcmp0 (a->created, b->created) != 0)
    return -g_strcmp0 (a->created, b->created);
  /* The same second: "…-seed-cpu-2" was saved after "…-seed-cpu". */
  {
    g_autofree char *ia = sl_history_entry_dup_id (a);
    g_autofree char *ib = sl_history_entry_dup_id (b);
    gsize la = strlen (ia), lb = strlen (ib);

    if (la != lb)
      return la > lb ? -1 : 1;
    return -strcmp (ia, ib);
  }
}

GPtrArray *
sl_history_list (const char  *dir,
                 GError     **error)
{
  g_autoptr(GPtrArray) paths = NULL;
  GPtrArray *entries;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  paths = list_paths (dir, error);
  if (paths == NULL)
    return NULL;

  entries = g_ptr_array_new_full (paths->len, (GDestroyNotify) sl_history_entry_free);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (entries, sl_history_entry_read (paths->pdata[i]));
  g_ptr_array_sort (entries, compare_entries_newest_first);

  return entries;
}

/* Listing in batches */

typedef struct {
  char               *dir;
  SlHistoryBatchFunc  batch_func;
  gpointer            batch_data;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->dir);
  g_free (data);
}

typedef struct {
  GTask     *task;       /* owned: keeps the batch function's data and the cancellable alive */
  GPtrArray *entries;
} Batch;

static gboolean
deliver_batch_cb (gpointer user_data)
{
  Batch *batch = user_data;
  ListData *data = g_task_get_task_data (batch->task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (batch->task)))
    data->batch_func (batch->entries, data->batch_data);

  return G_SOURCE_REMOVE;
}

static void
batch_free (Batch *batch)
{
  g_object_unref (batch->task);
  g_ptr_array_unref (batch->entries);
  g_free (batch);
}

/* Batches and the task's own completion are idle sources of the same priority in the same
 * context, dispatched in the order they were attached: the callback always comes last. */
static void
send_batch (GTask     *task,
            GPtrArray *entries)
{
  Batch *batch = g_new0 (Batch, 1);
  GSource *source = g_idle_source_new ();

  batch->task = g_object_ref (task);
  batch->entries = entries;
  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, deliver_batch_cb, batch, (GDestroyNotify) batch_free);
  g_source_set_static_name (source, "[speedup-lab] history batch");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(GPtrArray) paths = NULL;
  GPtrArray *batch = NULL;
  GError *error = NULL;
  gint64 batch_started = 0;
  guint limit = FIRST_BATCH_SIZE;

  paths = list_paths (data->dir, &error);
  if (paths == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < paths->len; i++)
    {
      if (g_task_return_error_if_cancelled (task))
        {
          g_clear_pointer (&batch, g_ptr_array_unref);
          return;
        }

      if (batch == NULL)
        {
          batch = g_ptr_array_new_full (limit, (GDestroyNotify) sl_history_entry_free);
          batch_started = g_get_monotonic_time ();
        }
      g_ptr_array_add (batch, sl_history_entry_read (paths->pdata[i]));

      if (batch->len >= limit || g_get_monotonic_time () - batch_started >= BATCH_MAX_AGE_US)
        {
          send_batch (task, g_steal_pointer (&batch));
          limit = BATCH_SIZE;
        }
    }

  if (batch != NULL)
    send_batch (task, g_steal_pointer (&batch));

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

void
sl_history_list_async (const char          *dir,
                       GCancellable        *cancellable,
                       SlHistoryBatchFunc   batch_func,
                       gpointer             batch_data,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (dir != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (batch_func != NULL);

  data = g_new0 (ListData, 1);
  data->dir = g_strdup (dir);
  data->batch_func = batch_func;
  data->batch_data = batch_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_history_list_async);
  g_task_set_name (task, "[speedup-lab] history list");
  /* Below a window's redraws: rows arrive between frames, never instead of one. */
  g_task_set_priority (task, G_PRIORITY_DEFAULT_IDLE);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, list_thread);
}

gboolean
sl_history_list_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sl_history_list_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Renaming and deleting */

gboolean
sl_history_rename (const char  *path,
                   const char  *title,
                   GError     **error)
{
  g_autoptr(SlResult) result = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *data = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (title != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (title));

      if (!g_utf8_validate (stripped, -1, NULL))
        {
          g_set_error_literal (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                               _("A title must be valid UTF-8 text"));
          return FALSE;
        }
      if (g_utf8_strlen (stripped, -1) > SL_HISTORY_MAX_TITLE)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("A title has at most %d characters"), SL_HISTORY_MAX_TITLE);
          return FALSE;
        }
      /* One line, with no control character: it is shown in lists and legends. */
      if (*stripped != '\0')
        clean = sl_text_make_printable (stripped, FALSE);
    }

  /* The loader says what is wrong with a document that cannot be renamed. */
  result = sl_result_load (path, error);
  if (result == NULL)
    return FALSE;

  /* The document is changed in one member and written back as it was otherwise, keys of later
   * versions and stored values included. */
  parser = json_parser_new ();
  data = sl_file_read_bounded (path, SL_RESULT_MAX_FILE_SIZE, &length, error);
  if (data == NULL ||
      !sl_json_check_text (data, length, SL_RESULT_MAX_DEPTH, SL_RESULT_MAX_VALUES, error) ||
      !json_parser_load_from_data (parser, data, (gssize) length, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (clean != NULL)
    json_object_set_string_member (root, "title", clean);
  else
    json_object_set_null_member (root, "title");

  text = sl_json_to_text (json_parser_get_root (parser), &length);
  return sl_file_write_atomic (path, text, (gssize) length, error);
}

gboolean
sl_history_delete_in (const char  *dir,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *parent = NULL;
  GStatBuf st;

  g_return_val_if_fail (dir != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_path_get_basename (path);
  parent = g_path_get_dirname (path);
  if (!g_str_has_suffix (name, SL_HISTORY_SUFFIX) || name[0] == '.' ||
      !sl_file_same (parent, dir))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("%s is not an experiment of the history in %s: only its *%s files are deleted"),
                   path, dir, SL_HISTORY_SUFFIX);
      return FALSE;
    }

  if (g_lstat (path, &st) != 0)
    return sl_file_set_io_error (error, g_strerror (errno), _("Cannot delete %s"), path);
  if (!S_ISREG (st.st_mode) && !S_ISLNK (st.st_mode))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Cannot delete %s: it is not a file"), path);
      return FALSE;
    }
  if (g_unlink (path) != 0)
    return sl_file_set_io_error (error, g_strerror (errno), _("Cannot delete %s"), path);

  return TRUE;
}

gboolean
sl_history_delete (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = sl_history_default_dir ();

  return sl_history_delete_in (dir, path, error);
}
