/* test-history.c: the folder of saved experiments: saving under new names, listing at once and in
 * batches, unreadable files, renaming and deleting, each test in a folder of its own below an
 * XDG_DATA_HOME made for the run. */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sl-analysis.h"
#include "sl-chart-test-util.h"
#include "sl-error.h"
#include "sl-history.h"
#include "sl-result-io.h"
#include "sl-test-util.h"

/* A finished sweep of `preset` (NULL: the default workload) at 1, 2 and 4 workers, made at
 * `created`, on 4 CPUs: processes scale, threads do not. */
static SlResult *
make_result (const char *preset,
             const char *created)
{
  SlResult *result = new_result (preset, "1,2,4", 4);

  for (guint w = 1; w <= 4; w *= 2)
    {
      if (sl_result_find_point (result, SL_MODEL_THREADS, w) != NULL)
        set_point (result, SL_MODEL_THREADS, w, 1.0, 1.0);
      if (sl_result_find_point (result, SL_MODEL_PROCESSES, w) != NULL)
        set_point (result, SL_MODEL_PROCESSES, w, 1.0 / w, w);
    }
  g_free (result->created);
  result->created = g_strdup (created);
  sl_analysis_update (result);

  return result;
}

/* The test's own history folder. (G_TEST_OPTION_ISOLATE_DIRS would give each test its own
 * XDG_DATA_HOME, but GLib keeps every earlier one alive, which LeakSanitizer reports.) */
static char *
history_dir (void)
{
  g_autofree char *name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '-');

  return g_build_filename (g_get_user_data_dir (), "tests", name, NULL);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* No flush to disk: the tests write thousands of files. */
  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0644, &error);
  g_assert_no_error (error);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (folder != NULL && g_dir_read_name (folder) != NULL)
    n++;
  return n;
}

/* Tests: the title in the document */

static void
test_title_round_trip (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-25T08:34:14.250000Z");
  g_autoptr(SlResult) copy = NULL;
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(SlResult) untitled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "titled.speedup.json", NULL);

  g_assert_null (result->title);
  g_assert_true (sl_result_save (result, path, &error));
  g_assert_no_error (error);
  untitled = sl_result_load (path, &error);
  g_assert_no_error (error);
  g_assert_null (untitled->title);

  result->title = g_strdup ("Before the BIOS update");
  copy = sl_result_copy (result);
  g_assert_cmpstr (copy->title, ==, "Before the BIOS update");
  g_assert_true (sl_result_save (result, path, &error));
  loaded = sl_result_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "Before the BIOS update");
}

/* Tests: saving */

static void
test_default_dir (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "speedup-lab",
                                                "experiments", NULL);
  gboolean existed = g_file_test (expected, G_FILE_TEST_EXISTS);
  g_autofree char *dir = sl_history_default_dir ();

  g_assert_cmpstr (dir, ==, expected);
  /* Asking is not creating. */
  g_assert_true (g_file_test (dir, G_FILE_TEST_EXISTS) == existed);
}

static void
test_save_names (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-25T08:34:14.250000Z");
  g_autoptr(SlResult) custom = make_result (NULL, "2026-11-25T09:00:00+01:00");
  g_autofree char *dir = history_dir ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *other = NULL;
  g_autofree char *name = NULL;
  g_autoptr(SlResult) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  first = sl_history_save (dir, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  /* Only the person may read what they measured. */
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  name = g_path_get_basename (first);
  g_assert_cmpstr (name, ==, "2026-11-25T08-34-14Z-seed-cpu.speedup.json");

  /* The same second again: a new name each time, the first file untouched. */
  result->title = g_strdup ("second");
  second = sl_history_save (dir, result, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (second, "/2026-11-25T08-34-14Z-seed-cpu-2.speedup.json"));
  third = sl_history_save (dir, result, &error);
  g_assert_true (g_str_has_suffix (third, "/2026-11-25T08-34-14Z-seed-cpu-3.speedup.json"));
  loaded = sl_result_load (first, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->title);

  /* A time with an offset is named in UTC; no preset: the workload's id. */
  other = sl_history_save (dir, custom, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (other, "/2026-11-25T08-00-00Z-cpu-sum.speedup.json"));

  /* No temporary file is left behind. */
  g_assert_cmpuint (count_files (dir), ==, 4);
}

static void
test_save_unwritable (void)
{
  g_autoptr(SlResult) result = make_result (NULL, "2026-11-25T08:34:14Z");
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "experiments", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  write_file (g_get_user_data_dir (), "a-file", "x", -1);
  path = sl_history_save (under_file, result, &error);
  g_assert_null (path);
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, under_file));
}

/* Tests: listing */

static void
assert_seed_cpu_entry (const SlHistoryEntry *entry)
{
  g_assert_null (entry->error);
  g_assert_null (entry->title);
  g_assert_cmpstr (entry->headline, ==, "Sum of 100 million integers");
  g_assert_cmpstr (entry->preset, ==, "seed-cpu");
  g_assert_cmpstr (entry->workload, ==, "cpu-sum");
  g_assert_cmpint (entry->runtime, ==, SL_RUNTIME_NATIVE);
  g_assert_cmpuint (entry->models->len, ==, 2);
  g_assert_cmpint (g_array_index (entry->models, SlModel, 0), ==, SL_MODEL_THREADS);
  g_assert_cmpint (g_array_index (entry->models, SlModel, 1), ==, SL_MODEL_PROCESSES);
  g_assert_cmpint (entry->status, ==, SL_RESULT_COMPLETE);
  g_assert_true (entry->has_best);
  g_assert_cmpint (entry->best_model, ==, SL_MODEL_PROCESSES);
  g_assert_cmpuint (entry->best_workers, ==, 4);
  g_assert_cmpfloat_with_epsilon (entry->best_speedup, 4.0, 1e-9);
  g_assert_cmpstr (entry->cpu_model, ==, "Test CPU 3000");
  g_assert_cmpuint (entry->usable_cpus, ==, 4);
}

static void
assert_title (const SlHistoryEntry *entry,
              const char           *title)
{
  g_assert_cmpstr (entry->title, ==, title);
  g_assert_cmpstr (entry->headline, ==, title);
  g_assert_cmpstr (entry->preset, ==, "seed-cpu");
  g_assert_true (entry->has_best);
}

static void
test_list_round_trip (void)
{
  g_autoptr(SlResult) older = make_result ("seed-cpu", "2026-11-20T10:00:00Z");
  g_autoptr(SlResult) newer = make_result ("seed-cpu", "2026-11-25T08:34:14.5Z");
  g_autoptr(SlResult) partial = make_result (NULL, "2026-11-22T12:00:00Z");
  g_autofree char *dir = history_dir ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const SlHistoryEntry *entry;

  partial->status = SL_RESULT_CANCELLED;
  g_free (sl_history_save (dir, older, &error));
  g_free (sl_history_save (dir, newer, &error));
  g_free (sl_history_save (dir, partial, &error));
  g_assert_no_error (error);

  entries = sl_history_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);

  /* Newest first. */
  entry = entries->pdata[0];
  assert_seed_cpu_entry (entry);
  g_assert_cmpstr (entry->created, ==, "2026-11-25T08:34:14.5Z");
  g_assert_cmpint (entry->created_unix, ==, 1795595654);
  id = sl_history_entry_dup_id (entry);
  g_assert_cmpstr (id, ==, "2026-11-25T08-34-14Z-seed-cpu");

  entry = entries->pdata[1];
  g_assert_null (entry->error);
  g_assert_null (entry->preset);
  g_assert_cmpstr (entry->workload, ==, "cpu-sum");
  g_assert_cmpstr (entry->headline, ==, "Sum of integers");
  g_assert_cmpint (entry->status, ==, SL_RESULT_CANCELLED);

  assert_seed_cpu_entry (entries->pdata[2]);
  g_assert_cmpint (((SlHistoryEntry *) entries->pdata[2])->created_unix, ==, 1795168800);

  /* An entry copies whole. */
  {
    g_autoptr(SlHistoryEntry) copy = sl_history_entry_copy (entries->pdata[2]);

    assert_seed_cpu_entry (copy);
    g_assert_cmpstr (copy->path, ==, ((SlHistoryEntry *) entries->pdata[2])->path);
  }

  /* What a list shows is what the loaded document says. */
  {
    g_autoptr(SlResult) loaded = sl_result_load (((SlHistoryEntry *) entries->pdata[0])->path,
                                                 &error);

    g_assert_no_error (error);
    g_assert_cmpuint (loaded->analysis->best_workers, ==, 4);
  }
}

static void
test_list_missing_dir (void)
{
  g_autofree char *dir = history_dir ();
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "plain-file", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  entries = sl_history_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  /* Listing creates nothing. */
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  write_file (g_get_user_data_dir (), "plain-file", "x", -1);
  none = sl_history_list (file, &error);
  g_assert_null (none);
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
}

/* Corrupt, truncated, foreign and future-format files are listed with the loader's reason, in
 * their place by date, and stay where they are. */
static void
test_list_unreadable (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-21T00:00:00Z");
  g_autofree char *dir = history_dir ();
  g_autofree char *data = sl_result_to_data (result, NULL);
  g_autofree char *future = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    const char *name;
    const char *needle;
  } expected[] = {
    { "2026-11-25T00-00-00Z-corrupt.speedup.json", "is not a JSON file" },
    { "2026-11-24T00-00-00Z-truncated.speedup.json", "is not a JSON file" },
    { "2026-11-23T00-00-00Z-foreign.speedup.json", "is not a Speedup Lab result" },
    { "2026-11-22T00-00-00Z-future.speedup.json", "made by a newer version of Speedup Lab" },
  };

  write_file (dir, expected[0].name, "\x89PNG\r\n\x1a\n not a document", -1);
  write_file (dir, expected[1].name, data, (gssize) strlen (data) / 2);
  write_file (dir, expected[2].name, "{\"format\": \"other-tool/3\", \"points\": []}", -1);
  future = g_strdup (data);
  memcpy (strstr (future, "speedup-lab/1"), "speedup-lab/7", strlen ("speedup-lab/7"));
  write_file (dir, expected[3].name, future, -1);
  g_free (sl_history_save (dir, result, &error));
  g_assert_no_error (error);

  entries = sl_history_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SlHistoryEntry *entry = entries->pdata[i];
      g_autofree char *name = g_path_get_basename (entry->path);

      g_assert_cmpstr (name, ==, expected[i].name);
      g_assert_nonnull (entry->error);
      g_assert_nonnull (strstr (entry->error, expected[i].needle));
      /* The reason names the file, and holds nothing a label cannot show. */
      g_assert_nonnull (strstr (entry->error, entry->path));
      g_assert_null (strchr (entry->error, '\n'));
      g_assert_cmpstr (entry->headline, ==, name);
      g_assert_null (entry->workload);
      g_assert_cmpuint (entry->models->len, ==, 0);
      g_assert_false (entry->has_best);
      /* The date from the name. */
      g_assert_cmpint (entry->created_unix, ==, 1795564800 - (gint64) i * 86400);
      g_assert_true (g_str_has_prefix (entry->created, "2026-11-2"));
      /* Never deleted. */
      g_assert_true (g_file_test (entry->path, G_FILE_TEST_IS_REGULAR));
    }
  assert_seed_cpu_entry (entries->pdata[4]);

  /* Opening says the same as the list. */
  {
    g_autoptr(SlResult) none = sl_result_load (((SlHistoryEntry *) entries->pdata[2])->path,
                                               &error);

    g_assert_null (none);
    g_assert_cmpstr (error->message, ==, ((SlHistoryEntry *) entries->pdata[2])->error);
  }
}

/* Cut short anywhere, a document is unreadable, with a reason; never a crash or a critical. */
static void
test_entry_truncated_everywhere (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-21T00:00:00Z");
  g_autofree char *dir = history_dir ();
  g_autofree char *path = g_build_filename (dir, "cut.speedup.json", NULL);
  g_autofree char *data = NULL;
  gsize length, end;

  result->title = g_strdup ("cut \"short\" {[");
  data = sl_result_to_data (result, &length);
  /* The document is complete once its last brace is there. */
  end = (gsize) (strrchr (data, '}') - data) + 1;

  for (gsize cut = 0; cut <= length; cut += cut < end - 64 ? 13 : 1)
    {
      g_autoptr(SlHistoryEntry) entry = NULL;

      write_file (dir, "cut.speedup.json", data, (gssize) cut);
      entry = sl_history_entry_read (path);
      if (cut < end)
        {
          g_assert_nonnull (entry->error);
          g_assert_cmpstr (entry->headline, ==, "cut.speedup.json");
        }
      else
        {
          g_assert_null (entry->error);
          assert_title (entry, "cut \"short\" {[");
        }
    }
}

/* A NUL byte inside, a date that is not one, a date with an offset. */
static void
test_entry_odd_documents (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-21T00:00:00Z");
  g_autofree char *dir = history_dir ();
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) text = NULL;
  gsize length;

  result->title = g_strdup ("with a NUL");
  data = sl_result_to_data (result, &length);
  *strstr (data, "NUL") = '\0';
  write_file (dir, "2026-11-24T10-00-00Z-nul.speedup.json", data, (gssize) length);
  path = g_build_filename (dir, "2026-11-24T10-00-00Z-nul.speedup.json", NULL);
  {
    g_autoptr(SlHistoryEntry) entry = sl_history_entry_read (path);

    g_assert_nonnull (entry->error);
    g_assert_cmpint (entry->created_unix, ==, 1795514400);
  }

  g_clear_pointer (&data, g_free);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&result->title, g_free);
  g_free (result->created);
  result->created = g_strdup ("yesterday");
  data = sl_result_to_data (result, NULL);
  write_file (dir, "2026-11-24T10-00-00Z-yesterday.speedup.json", data, -1);
  path = g_build_filename (dir, "2026-11-24T10-00-00Z-yesterday.speedup.json", NULL);
  {
    g_autoptr(SlHistoryEntry) entry = sl_history_entry_read (path);

    /* Readable: only the date is taken from the name. */
    g_assert_null (entry->error);
    assert_seed_cpu_entry (entry);
    g_assert_cmpint (entry->created_unix, ==, 1795514400);
    g_assert_cmpstr (entry->created, ==, "2026-11-24T10:00:00Z");
  }

  g_clear_pointer (&path, g_free);
  text = g_string_new (data);
  g_string_replace (text, "\"yesterday\"", "\"2026-11-24T12:30:00+02:00\"", 1);
  write_file (dir, "offset.speedup.json", text->str, -1);
  path = g_build_filename (dir, "offset.speedup.json", NULL);
  {
    g_autoptr(SlHistoryEntry) entry = sl_history_entry_read (path);

    g_assert_null (entry->error);
    g_assert_cmpint (entry->created_unix, ==, 1795514400 + 30 * 60);
    g_assert_cmpstr (entry->created, ==, "2026-11-24T10:30:00Z");
  }
}

/* A document that the quick reading does not take (a later minor version) is read whole. */
static void
test_list_minor_version (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-21T00:00:00Z");
  g_autofree char *dir = history_dir ();
  g_autofree char *data = sl_result_to_data (result, NULL);
  g_autoptr(GString) text = g_string_new (data);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  g_string_replace (text, "\"speedup-lab/1\"", "\"speedup-lab/1.4\"", 1);
  write_file (dir, "later.speedup.json", text->str, -1);

  entries = sl_history_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  assert_seed_cpu_entry (entries->pdata[0]);
}

static void
test_list_ignores (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-21T00:00:00Z");
  g_autofree char *dir = history_dir ();
  g_autofree char *data = sl_result_to_data (result, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  write_file (dir, "mine.speedup.json", data, -1);
  write_file (dir, ".saving-abc123", data, -1);
  write_file (dir, ".hidden.speedup.json", data, -1);
  write_file (dir, "notes.txt", "x", -1);
  write_file (dir, "result.json", data, -1);
  {
    g_autofree char *sub = g_build_filename (dir, "sub.speedup.json.d", NULL);

    g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  }

  entries = sl_history_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_true (g_str_has_suffix (((SlHistoryEntry *) entries->pdata[0])->path,
                                   "/mine.speedup.json"));
  /* A name without a date: the date in the document. */
  g_assert_cmpint (((SlHistoryEntry *) entries->pdata[0])->created_unix, ==, 1795219200);
}

/* 1000 experiments, written quickly: one document, with its date changed in the text. */
static void
fill_folder (const char *dir,
             guint       n)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2000-01-01T00:00:00Z");
  g_autofree char *data = sl_result_to_data (result, NULL);
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_minutes (start, (int) i * 7);
      g_autofree char *created = g_date_time_format_iso8601 (when);
      g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H-%M-%SZ");
      g_autofree char *name = g_strdup_printf ("%s-seed-cpu.speedup.json", stamp);
      g_autoptr(GString) text = g_string_new (data);

      g_string_replace (text, "2000-01-01T00:00:00Z", created, 1);
      write_file (dir, name, text->str, (gssize) text->len);
    }
}

static void
test_list_thousand (void)
{
  g_autofree char *dir = history_dir ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  fill_folder (dir, 1000);
  entries = sl_history_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1000);

  for (guint i = 0; i < entries->len; i++)
    {
      const SlHistoryEntry *entry = entries->pdata[i];

      assert_seed_cpu_entry (entry);
      g_assert_true (g_hash_table_add (seen, entry->path));
      /* Newest first, seven minutes apart. */
      g_assert_cmpint (entry->created_unix, ==, 1767225600 + (gint64) (999 - i) * 7 * 60);
    }
}

/* Tests: listing in batches */

typedef struct {
  GPtrArray    *entries;    /* every entry delivered, in order */
  guint         n_batches;
  guint         first_batch;
  gboolean      done;
  gboolean      ok;
  GError       *error;
  GCancellable *cancel_after_first;
} AsyncState;

static void
batch_cb (GPtrArray *entries,
          gpointer   user_data)
{
  AsyncState *state = user_data;

  g_assert_false (state->done);
  g_assert_cmpuint (entries->len, >, 0);
  if (state->n_batches++ == 0)
    state->first_batch = entries->len;
  /* Kept by stealing them from the borrowed batch. */
  while (entries->len > 0)
    g_ptr_array_add (state->entries, g_ptr_array_steal_index (entries, 0));
  if (state->cancel_after_first != NULL)
    g_cancellable_cancel (state->cancel_after_first);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = sl_history_list_finish (result, &state->error);
  state->done = TRUE;
}

static void
run_async (const char   *dir,
           AsyncState   *state,
           GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  state->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_history_entry_free);
  g_main_context_push_thread_default (context);
  sl_history_list_async (dir, cancellable, batch_cb, state, list_done_cb, state);
  while (!state->done)
    g_main_context_iteration (context, TRUE);
  /* Nothing arrives after the callback. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
}

static void
test_list_async (void)
{
  g_autofree char *dir = history_dir ();
  AsyncState state = { 0 };
  guint corrupt = 0;

  fill_folder (dir, 200);
  write_file (dir, "2026-01-01T00-03-30Z-broken.speedup.json", "{\"format\": ", -1);

  run_async (dir, &state, NULL);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.entries->len, ==, 201);
  /* A small first batch, so that the list shows at once; then more. */
  g_assert_cmpuint (state.first_batch, <=, 16);
  g_assert_cmpuint (state.n_batches, >=, 4);

  /* Newest first by name: the broken file in its place. */
  for (guint i = 1; i < state.entries->len; i++)
    {
      const SlHistoryEntry *a = state.entries->pdata[i - 1];
      const SlHistoryEntry *b = state.entries->pdata[i];

      g_assert_cmpint (a->created_unix, >=, b->created_unix);
      if (b->error != NULL)
        {
          corrupt++;
          g_assert_true (g_str_has_suffix (b->path, "-broken.speedup.json"));
          g_assert_nonnull (strstr (b->error, "is not a JSON file"));
        }
    }
  g_assert_cmpuint (corrupt, ==, 1);
  g_ptr_array_unref (state.entries);

  /* A missing folder is an empty list: no batch, and done. */
  {
    AsyncState empty = { 0 };
    g_autofree char *missing = g_build_filename (dir, "missing", NULL);

    run_async (missing, &empty, NULL);
    g_assert_true (empty.ok);
    g_assert_cmpuint (empty.n_batches, ==, 0);
    g_ptr_array_unref (empty.entries);
  }
}

static void
test_list_async_cancel (void)
{
  g_autofree char *dir = history_dir ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  fill_folder (dir, 300);
  state.cancel_after_first = cancellable;
  run_async (dir, &state, cancellable);

  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* No batch after the cancel. */
  g_assert_cmpuint (state.n_batches, ==, 1);
  g_assert_cmpuint (state.entries->len, <, 300);
  g_clear_error (&state.error);
  g_ptr_array_unref (state.entries);
}

/* Tests: renaming and deleting */

static const SlHistoryEntry *
only_entry (GPtrArray **entries,
            const char *dir)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (entries, g_ptr_array_unref);
  *entries = sl_history_list (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint ((*entries)->len, ==, 1);
  return (*entries)->pdata[0];
}

static void
test_rename (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-21T00:00:00Z");
  g_autofree char *dir = history_dir ();
  g_autofree char *path = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  const SlHistoryEntry *entry;

  path = sl_history_save (dir, result, &error);
  g_assert_no_error (error);

  /* A key of a later version survives a rename. */
  g_file_get_contents (path, &contents, NULL, &error);
  text = g_string_new (contents);
  g_string_replace (text, "\"app_version\"", "\"from_the_future\" : [1, 2],\n  \"app_version\"", 1);
  write_file (dir, strrchr (path, '/') + 1, text->str, -1);

  g_assert_true (sl_history_rename (path, "  Before the BIOS update  ", &error));
  g_assert_no_error (error);
  entry = only_entry (&entries, dir);
  g_assert_cmpstr (entry->title, ==, "Before the BIOS update");
  g_assert_cmpstr (entry->headline, ==, "Before the BIOS update");
  g_assert_cmpstr (entry->path, ==, path);
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_nonnull (strstr (contents, "from_the_future"));

  /* One printable line. */
  g_assert_true (sl_history_rename (path, "bell\a and\nnewline", &error));
  entry = only_entry (&entries, dir);
  g_assert_null (strchr (entry->title, '\a'));
  g_assert_null (strchr (entry->title, '\n'));

  /* Nothing, or only spaces: the title goes, and the preset names it again. */
  g_assert_true (sl_history_rename (path, "   ", &error));
  entry = only_entry (&entries, dir);
  g_assert_null (entry->title);
  g_assert_cmpstr (entry->headline, ==, "Sum of 100 million integers");
  g_assert_true (sl_history_rename (path, "again", &error));
  g_assert_true (sl_history_rename (path, NULL, &error));
  g_assert_null (only_entry (&entries, dir)->title);

  too_long = g_strnfill (SL_HISTORY_MAX_TITLE + 1, 'x');
  g_assert_false (sl_history_rename (path, too_long, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* An unreadable document is left as it is, with the loader's reason. */
  write_file (dir, "broken.speedup.json", "{", -1);
  {
    g_autofree char *broken = g_build_filename (dir, "broken.speedup.json", NULL);
    g_autofree char *after = NULL;

    g_assert_false (sl_history_rename (broken, "name", &error));
    g_assert_nonnull (strstr (error->message, "is not a JSON file"));
    g_file_get_contents (broken, &after, NULL, NULL);
    g_assert_cmpstr (after, ==, "{");
  }
}

static void
test_delete (void)
{
  g_autoptr(SlResult) result = make_result ("seed-cpu", "2026-11-21T00:00:00Z");
  g_autofree char *dir = sl_history_default_dir ();
  g_autofree char *path = NULL;
  g_autofree char *elsewhere = g_build_filename (g_get_user_data_dir (), "x.speedup.json", NULL);
  g_autofree char *not_ours = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *folder = g_build_filename (dir, "sub.speedup.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.speedup.json", NULL);
  g_autoptr(GError) error = NULL;

  path = sl_history_save (dir, result, &error);
  g_assert_no_error (error);
  write_file (g_get_user_data_dir (), "x.speedup.json", "{}", -1);
  write_file (dir, "notes.txt", "x", -1);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink (elsewhere, link), ==, 0);

  /* Only documents directly inside the history's folder. */
  g_assert_false (sl_history_delete (elsewhere, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (sl_history_delete (not_ours, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (sl_history_delete (folder, &error));
  g_clear_error (&error);
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* A link goes, what it points to stays. */
  g_assert_true (sl_history_delete (link, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_EXISTS));

  g_assert_true (sl_history_delete (path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (sl_history_delete (path, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_clear_error (&error);

  /* Another folder is named explicitly. */
  write_file (g_get_user_data_dir (), "y.speedup.json", "{}", -1);
  {
    g_autofree char *y = g_build_filename (g_get_user_data_dir (), "y.speedup.json", NULL);

    g_assert_true (sl_history_delete_in (g_get_user_data_dir (), y, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (y, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *root = sl_test_make_tmp_dir ("test-history-XXXXXX");
  g_autofree char *data = g_build_filename (root, "data", NULL);
  int status;

  /* Read once, by the first g_get_user_data_dir (). */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/title/round-trip", test_title_round_trip);
  g_test_add_func ("/history/default-dir", test_default_dir);
  g_test_add_func ("/history/save/names", test_save_names);
  g_test_add_func ("/history/save/unwritable", test_save_unwritable);
  g_test_add_func ("/history/list/round-trip", test_list_round_trip);
  g_test_add_func ("/history/list/missing-dir", test_list_missing_dir);
  g_test_add_func ("/history/list/unreadable", test_list_unreadable);
  g_test_add_func ("/history/list/minor-version", test_list_minor_version);
  g_test_add_func ("/history/entry/truncated-everywhere", test_entry_truncated_everywhere);
  g_test_add_func ("/history/entry/odd-documents", test_entry_odd_documents);
  g_test_add_func ("/history/list/ignores", test_list_ignores);
  g_test_add_func ("/history/list/thousand", test_list_thousand);
  g_test_add_func ("/history/list/async", test_list_async);
  g_test_add_func ("/history/list/async-cancel", test_list_async_cancel);
  g_test_add_func ("/history/rename", test_rename);
  g_test_add_func ("/history/delete", test_delete);

  status = g_test_run ();
  sl_test_remove_tree (root);
  return status;
}
