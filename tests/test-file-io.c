/* test-file-io.c: files written without destroying what is not ours (links, FIFOs, descriptors,
 * modes, long names), files read without waiting on what is not a file, and untrusted JSON text
 * bounded before any parser sees it. */
#define G_LOG_DOMAIN "test-file-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-error.h"
#include "sl-file.h"
#include "sl-json.h"
#include "sl-test-util.h"

/* Each test works in a private folder of its own. */
typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = sl_test_make_tmp_dir ("sl-file-XXXXXX");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sl_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
in_dir (Fixture    *f,
        const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* A replaced file keeps its permissions; a new one gets 0666 less the umask. */
static void
test_replace_keeps_mode (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *kept = in_dir (f, "kept.json");
  g_autofree char *made = in_dir (f, "made.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  struct stat st;

  g_assert_true (g_file_set_contents (kept, "old", -1, &error));
  g_assert_cmpint (g_chmod (kept, 0600), ==, 0);
  g_assert_true (sl_file_write_atomic (kept, "new", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  text = read_text (kept);
  g_assert_cmpstr (text, ==, "new");

  g_assert_true (sl_file_write_atomic (made, "new", -1, &error));
  g_assert_cmpint (g_stat (made, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);

  umask (mask);
}

/* link → link → missing is written at the end of the chain, and both links stay; a loop of
 * links fails with the system's reason. */
static void
test_dangling_chain (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = in_dir (f, "first");
  g_autofree char *second = in_dir (f, "second");
  g_autofree char *sub = in_dir (f, "sub");
  g_autofree char *final = in_dir (f, "final.json");
  g_autofree char *loop = in_dir (f, "loop");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink ("second", first), ==, 0);
  g_assert_cmpint (symlink ("sub/../final.json", second), ==, 0);
  g_assert_true (sl_file_check_writable (first, &error));
  g_assert_no_error (error);
  g_assert_true (sl_file_same (first, final));
  g_assert_true (sl_file_same (second, final));
  g_assert_false (sl_file_same (first, loop));

  g_assert_true (sl_file_write_atomic (first, "through two links", -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_SYMLINK));
  text = read_text (final);
  g_assert_cmpstr (text, ==, "through two links");

  g_assert_cmpint (symlink ("loop", loop), ==, 0);
  g_assert_false (sl_file_write_atomic (loop, "x", -1, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, g_strerror (ELOOP)));
  g_assert_true (g_file_test (loop, G_FILE_TEST_IS_SYMLINK));
}

/* Any name the folder takes can be written, the longest too: the temporary name is short. */
static void
test_longest_name (Fixture       *f,
                   gconstpointer  data)
{
  long name_max = pathconf (f->dir, _PC_NAME_MAX);
  g_autofree char *name = g_strnfill ((gsize) name_max, 'n');
  g_autofree char *longer = g_strnfill ((gsize) name_max + 1, 'n');
  g_autofree char *path = in_dir (f, name);
  g_autofree char *too_long = in_dir (f, longer);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (name_max, >, 0);
  g_assert_true (sl_file_check_writable (path, &error));
  g_assert_no_error (error);
  g_assert_true (sl_file_write_atomic (path, "longest", -1, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "longest");

  g_assert_false (sl_file_check_writable (too_long, &error));
  sl_test_assert_invalid_input (error, g_strerror (ENAMETOOLONG));
}

/* A FIFO that no program reads fails at once rather than waiting for a reader; with a reader
 * it gets the data, and stays a FIFO. */
static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *fifo = in_dir (f, "fifo");
  g_autoptr(GError) error = NULL;
  char buffer[16] = { 0 };
  struct stat st;
  int reader;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (sl_file_check_writable (fifo, &error));
  g_assert_false (sl_file_write_atomic (fifo, "nobody", -1, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no program reads from"));
  g_clear_error (&error);

  reader = open (fifo, O_RDONLY | O_NONBLOCK);
  g_assert_cmpint (reader, >=, 0);
  g_assert_true (sl_file_write_atomic (fifo, "somebody", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read (reader, buffer, sizeof buffer - 1), ==, strlen ("somebody"));
  g_assert_cmpstr (buffer, ==, "somebody");
  close (reader);
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* A file already open as one of our descriptors (/dev/fd/N, or standard output redirected to
 * it) is written through it, after what it holds, and is never replaced. */
static void
test_descriptor (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = in_dir (f, "open.txt");
  g_autofree char *fd_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  struct stat before, after;
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (sl_fd_write_all (fd, "table\n", 6));
  g_assert_cmpint (fstat (fd, &before), ==, 0);
  fd_path = g_strdup_printf ("/dev/fd/%d", fd);

  g_assert_true (sl_file_check_writable (fd_path, &error));
  g_assert_no_error (error);
  g_assert_true (sl_file_write_atomic (fd_path, "document\n", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "table\ndocument\n");
  close (fd);

  /* Open for reading only, it cannot be an output. */
  fd = open (path, O_RDONLY | O_CLOEXEC);
  g_free (fd_path);
  fd_path = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_assert_false (sl_file_check_writable (fd_path, &error));
  sl_test_assert_invalid_input (error, "open for reading only");
  close (fd);
}

/* A kept document must be a regular file: a FIFO is refused without waiting for a writer. */
static void
test_read_regular (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fifo = in_dir (f, "kept.json");
  g_autofree char *file = in_dir (f, "file.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (sl_file_read_regular (fifo, 1024, &length, &error));
  sl_test_assert_invalid_input (error, "it is not a regular file (a FIFO)");
  g_clear_error (&error);
  g_assert_null (sl_file_read_regular (f->dir, 1024, &length, &error));
  sl_test_assert_invalid_input (error, "it is not a regular file (a folder)");
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (file, "{}", -1, &error));
  text = sl_file_read_regular (file, 1024, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "{}");
  g_assert_cmpuint (length, ==, 2);
}

static void
assert_text_refused (const char *text,
                     guint       max_depth,
                     gsize       max_values,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_json_check_text (text, strlen (text), max_depth, max_values, &error));
  sl_test_assert_invalid_input (error, needle);
}

/* What json-glib takes beyond JSON (comments, single-quoted strings) can hide brackets and
 * quotes from a count: it is refused, so that the nesting is counted as the parser sees it. */
static void
test_check_text (void)
{
  g_autoptr(GError) error = NULL;
  const char *fine = "{\"a\": [1, 2, {\"b\": \"[[[/*'\"}], \"c\": \"\\\"[[\"}";

  g_assert_true (sl_json_check_text (fine, strlen (fine), 3, 100, &error));
  g_assert_no_error (error);

  assert_text_refused ("[[[[1]]]]", 3, 100, "it nests more than 3 levels deep");
  assert_text_refused ("[/*\"*/[[[[/*\"*/]]]]]", 3, 100,
                       "line 1 holds a comment, which JSON does not allow");
  assert_text_refused ("[\n'\"', [[[[1]]]], '\"']", 3, 100,
                       "line 2 holds a single-quoted string, which JSON does not allow");
  assert_text_refused ("[1, // \"\n [[[[1]]]]]", 3, 100, "holds a comment");
  /* Objects and members cost the parser's tree more than plain elements. */
  assert_text_refused ("[1, 2, 3, 4, 5, 6]", 8, 5, "it holds more than 5 values");
  assert_text_refused ("[{}, {}]", 8, 5, "it holds more than 5 values");
  assert_text_refused ("{\"a\": 1, \"b\": 2, \"c\": 3}", 8, 5, "it holds more than 5 values");
}

static gboolean
collect_range_cb (guint    index,
                  gsize    start,
                  gsize    end,
                  gpointer user_data)
{
  g_string_append_printf (user_data, "%u:%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT " ", index, start,
                          end);
  return TRUE;
}

/* The lists "key" of the elements of the top-level list, found in the text: not those of
 * nested objects, not those spelled in strings, not a value that is no list. */
static void
test_foreach_element_list (void)
{
  const char *text =
    "{\"key\": [0], \"points\": [{\"key\": [1, 2]}, {\"x\": {\"key\": [3]}}, "
    "{\"s\": \"\\\"key\\\": [4]\", \"key\": 5}, {\"key\": [[6], 7]}], \"other\": [{\"key\": [8]}]}";
  g_autoptr(GString) found = g_string_new (NULL);
  const char *first = strstr (text, "[1, 2]");
  const char *last = strstr (text, "[[6], 7]");
  g_autofree char *expected =
    g_strdup_printf ("0:%td-%td 3:%td-%td ", first - text, first - text + 6, last - text,
                     last - text + 8);

  g_assert_true (sl_json_foreach_element_list (text, strlen (text), "points", "key",
                                               collect_range_cb, found));
  g_assert_cmpstr (found->str, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/file/replace/keeps-mode", Fixture, NULL, fixture_set_up, test_replace_keeps_mode, fixture_tear_down);
  g_test_add ("/file/links/dangling-chain", Fixture, NULL, fixture_set_up, test_dangling_chain, fixture_tear_down);
  g_test_add ("/file/longest-name", Fixture, NULL, fixture_set_up, test_longest_name, fixture_tear_down);
  g_test_add ("/file/fifo", Fixture, NULL, fixture_set_up, test_fifo, fixture_tear_down);
  g_test_add ("/file/descriptor", Fixture, NULL, fixture_set_up, test_descriptor, fixture_tear_down);
  g_test_add ("/file/read-regular", Fixture, NULL, fixture_set_up, test_read_regular, fixture_tear_down);
  g_test_add_func ("/json-text/check", test_check_text);
  g_test_add_func ("/json-text/foreach-element-list", test_foreach_element_list);

  return g_test_run ();
}
