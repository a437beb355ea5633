/* test-workload.c: the workload registry, parameter validation and the native workloads'
 * checksums, run directly without a pool. */
#define G_LOG_DOMAIN "test-workload"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-limits.h"
#include "sl-python.h"
#include "sl-test-util.h"
#include "sl-workload.h"

/* Runs every task of a batch in order and checks each checksum against expected(). */
static guint64
run_all (const char     *id,
         const SlParams *params,
         guint64         n_tasks,
         guint64         base_tasks)
{
  const SlWorkload *workload = sl_workload_lookup (id);
  g_autoptr(GError) error = NULL;
  gpointer shared = NULL, local = NULL;
  gint cancel = 0;
  guint64 total = 0;

  if (workload->prepare)
    {
      shared = workload->prepare (params, &error);
      g_assert_no_error (error);
    }
  if (workload->worker_init)
    {
      local = workload->worker_init (shared, &error);
      g_assert_no_error (error);
    }

  for (guint64 i = 0; i < n_tasks; i++)
    {
      SlTask task = { .index = i, .n_tasks = n_tasks, .base_tasks = base_tasks, .cancel = &cancel };
      guint64 checksum = 0, expected = 0;

      g_assert_true (workload->run (shared, local, &task, &checksum, &error));
      g_assert_no_error (error);
      g_assert_true (workload->expected (shared, &task, &expected));
      g_assert_cmpuint (checksum, ==, expected);
      total += checksum;
    }

  if (workload->worker_free)
    workload->worker_free (local);
  if (workload->release)
    workload->release (shared);

  return total;
}

static void
test_registry (void)
{
  guint n = 0;
  const SlWorkload **list = sl_workload_list (&n);
  const char *ids[] = { "cpu-sum", "cpu-fib", "cpu-primes", "cpu-hash", "mem-stream", "noop" };

  g_assert_cmpuint (n, >=, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const SlWorkload *w = sl_workload_lookup (ids[i]);

      g_assert_nonnull (w);
      g_assert_cmpstr (w->id, ==, ids[i]);
      g_assert_nonnull (w->run);
      g_assert_nonnull (w->title);
    }
  g_assert_null (list[n]);
  g_assert_null (sl_workload_lookup ("no-such-workload"));

  /* Every parameter has words for people besides its id: a title and a help text. */
  for (guint i = 0; i < n; i++)
    for (guint p = 0; p < list[i]->n_params; p++)
      {
        const SlParamInfo *info = &list[i]->params[p];

        g_assert_nonnull (info->name);
        g_assert_nonnull (info->title);
        g_assert_cmpstr (info->title, !=, "");
        g_assert_cmpstr (info->title, !=, info->name);
        g_assert_nonnull (info->help);
      }
}

static void
test_params_defaults (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", NULL);

  g_assert_cmpint (sl_params_get_int (params, "n"), ==, 100000000);
}

/* How many tasks each workload runs when the spec does not say: a constant of its table, or
 * (io-http) a count that its parameters decide. */
static void
test_default_tasks (void)
{
  struct { const char *id; guint64 tasks; } cases[] = {
    { "cpu-sum", 64 }, { "cpu-fib", 32 }, { "cpu-primes", 64 }, { "cpu-hash", 64 },
    { "mem-stream", 32 }, { "noop", 100000 }, { "io-http", 100 }, { "io-sleep", 100 },
    { "io-file", 64 }, { "mixed", 100 }, { "python-custom", 32 }, { "test-crash", 16 },
    { "test-pid", 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlParams) params = sl_test_resolve_params (cases[i].id, NULL);

      g_assert_cmpuint (sl_workload_default_tasks (sl_workload_lookup (cases[i].id), params), ==,
                        cases[i].tasks);
    }
}

static void
test_params_errors (void)
{
  const SlWorkload *sum = sl_workload_lookup ("cpu-sum");
  struct { const char *key, *value, *needle; } cases[] = {
    { "n", "0", "out of range" },
    { "n", "abc", "whole number" },
    { "n", "", "whole number" },
    { "n", "1.5", "whole number" },
    /* A number, out of range: not "not a whole number". */
    { "n", "99999999999999999999999", "n = 99999999999999999999999 is out of range" },
    { "n", "1e999", "n = 1e999 is out of range" },
    /* Decimal notation only: strtod() would read 16, and strtol() with base 0 8 for 010. */
    { "n", "0x10", "must be a whole number in decimal notation, not “0x10”" },
    { "n", "inf", "decimal notation" },
    { "size", "1", "has no parameter “size”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlParams) given = sl_params_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(SlParams) resolved = NULL;

      sl_params_set (given, cases[i].key, cases[i].value);
      resolved = sl_workload_resolve_params (sum, given, &error);
      g_assert_null (resolved);
      sl_test_assert_invalid_input (error, cases[i].needle);
    }
}

static void
test_params_normalise (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", "n", "1e6", NULL);

  g_assert_cmpstr (sl_params_lookup (params, "n"), ==, "1000000");
}

/* python-custom's code is at most SL_MAX_CODE_SIZE, however it came. */
static void
test_python_code_limit (void)
{
  const SlWorkload *custom = sl_workload_lookup ("python-custom");
  g_autofree char *code = g_malloc (SL_MAX_CODE_SIZE + 2);
  g_autoptr(SlParams) given = sl_params_new ();
  g_autoptr(SlParams) resolved = NULL;
  g_autoptr(GError) error = NULL;

  memset (code, '#', SL_MAX_CODE_SIZE + 1);
  code[SL_MAX_CODE_SIZE + 1] = '\0';
  sl_params_set (given, SL_PYTHON_CODE_PARAM, code);
  resolved = sl_workload_resolve_params (custom, given, &error);
  g_assert_null (resolved);
  sl_test_assert_invalid_input (error, "larger than 1 MiB");
  g_clear_error (&error);

  code[SL_MAX_CODE_SIZE] = '\0';
  sl_params_set (given, SL_PYTHON_CODE_PARAM, code);
  resolved = sl_workload_resolve_params (custom, given, &error);
  g_assert_no_error (error);
  g_assert_nonnull (resolved);
}

static void
assert_code_file_error (const char *path,
                        const char *needle)
{
  g_autoptr(GError) error = NULL;
  gsize length = 42;
  g_autofree char *code = sl_python_read_code_file (path, &length, &error);

  g_assert_null (code);
  g_assert_cmpuint (length, ==, 42);
  sl_test_assert_invalid_input (error, needle);
}

/* The one reader of a code file, the CLI's and the editor's: bounded whatever the file is. */
static void
test_python_code_file (void)
{
  g_autofree char *folder = sl_test_make_tmp_dir ("test-code-file-XXXXXX");
  g_autofree char *ok_path = g_build_filename (folder, "task.py", NULL);
  g_autofree char *big_path = g_build_filename (folder, "big.py", NULL);
  g_autofree char *nul_path = g_build_filename (folder, "nul.py", NULL);
  g_autofree char *latin_path = g_build_filename (folder, "latin.py", NULL);
  g_autofree char *empty_path = g_build_filename (folder, "empty.py", NULL);
  g_autofree char *fifo_path = g_build_filename (folder, "fifo.py", NULL);
  g_autofree char *big = g_malloc (SL_MAX_CODE_SIZE + 1);
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  GPid writer;

  /* Exactly the limit is read. */
  memset (big, '#', SL_MAX_CODE_SIZE + 1);
  g_assert_true (g_file_set_contents (ok_path, big, SL_MAX_CODE_SIZE, NULL));
  code = sl_python_read_code_file (ok_path, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, SL_MAX_CODE_SIZE);
  g_clear_pointer (&code, g_free);

  g_assert_true (g_file_set_contents (big_path, big, SL_MAX_CODE_SIZE + 1, NULL));
  assert_code_file_error (big_path, "is too large for a task's code: it is larger than 1 MiB");
  assert_code_file_error ("/dev/zero", "/dev/zero is too large for a task's code");
  g_assert_true (g_file_set_contents (nul_path, "def task(i, n):\n\0    return 1\n", 31, NULL));
  assert_code_file_error (nul_path, "contains a NUL byte at offset 16");
  g_assert_true (g_file_set_contents (latin_path, "# caf\351\n", -1, NULL));
  assert_code_file_error (latin_path, "is not UTF-8 text");
  assert_code_file_error ("", "the file name is empty");

  /* A FIFO whose writer never stops is read up to the limit, then refused. */
  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  g_assert_true (g_spawn_async (NULL, (char *[]) { "sh", "-c", "exec yes > \"$0\"", fifo_path, NULL },
                                NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &writer, NULL));
  assert_code_file_error (fifo_path, "is too large for a task's code");
  /* The writer ends on the broken pipe. */
  kill (writer, SIGTERM);
  g_spawn_close_pid (writer);

  /* An empty file is "": the caller says what it needs. */
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  code = sl_python_read_code_file (empty_path, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "");
  g_assert_cmpuint (length, ==, 0);

  g_clear_pointer (&code, g_free);
  code = sl_python_read_code_file ("/nonexistent/task.py", NULL, &error);
  g_assert_null (code);
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);

  sl_test_remove_tree (folder);
}

static void
test_split_range (void)
{
  guint64 covered = 0, previous_end = 0;

  for (guint64 i = 0; i < 7; i++)
    {
      guint64 start, end;

      sl_split_range (100, 7, i, &start, &end);
      g_assert_cmpuint (start, ==, previous_end);
      g_assert_cmpuint (end - start, >=, 14);
      g_assert_cmpuint (end - start, <=, 15);
      covered += end - start;
      previous_end = end;
    }
  g_assert_cmpuint (covered, ==, 100);
}

static void
test_cpu_sum (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", "n", "1000003", NULL);
  guint64 n = 1000003;

  /* The chunks add up to the whole sum. */
  g_assert_cmpuint (run_all ("cpu-sum", params, 7, 7), ==, n * (n - 1) / 2);
  /* Weak scaling: three rounds sum [0, 3n). */
  g_assert_cmpuint (run_all ("cpu-sum", params, 21, 7), ==, (3 * n) * (3 * n - 1) / 2);
}

static void
test_cpu_sum_cancel (void)
{
  const SlWorkload *workload = sl_workload_lookup ("cpu-sum");
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-sum", "n", "100000000000", NULL);
  gpointer shared = workload->prepare (params, NULL);
  gint cancel = 1;
  SlTask task = { .index = 0, .n_tasks = 1, .base_tasks = 1, .cancel = &cancel };
  g_autoptr(GError) error = NULL;
  guint64 checksum;

  /* Already cancelled: returns at the first check instead of summing 10^11 numbers. */
  g_assert_false (workload->run (shared, NULL, &task, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  workload->release (shared);
}

static void
test_cpu_fib (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-fib", "k", "20", NULL);

  g_assert_cmpuint (run_all ("cpu-fib", params, 3, 3), ==, 3 * 6765);
}

static void
test_cpu_primes (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-primes", "limit", "10000", NULL);

  /* There are 1229 primes below 10 000. */
  g_assert_cmpuint (run_all ("cpu-primes", params, 8, 8), ==, 1229);
}

static void
test_cpu_hash (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("cpu-hash", "bytes", "1000", "rounds", "3", NULL);
  g_autoptr(SlParams) other = sl_test_resolve_params ("cpu-hash", "bytes", "1000", "rounds", "4", NULL);

  /* Different work gives a different answer. */
  g_assert_cmpuint (run_all ("cpu-hash", params, 4, 4), !=, run_all ("cpu-hash", other, 4, 4));
}

static void
test_mem_stream (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("mem-stream", "megabytes", "2", NULL);

  run_all ("mem-stream", params, 3, 3);
}

static void
test_noop (void)
{
  g_autoptr(SlParams) params = sl_test_resolve_params ("noop", NULL);

  g_assert_cmpuint (run_all ("noop", params, 10, 10), ==, 45);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workload/registry", test_registry);
  g_test_add_func ("/workload/params/defaults", test_params_defaults);
  g_test_add_func ("/workload/params/errors", test_params_errors);
  g_test_add_func ("/workload/default-tasks", test_default_tasks);
  g_test_add_func ("/workload/params/normalise", test_params_normalise);
  g_test_add_func ("/workload/python-custom/code-limit", test_python_code_limit);
  g_test_add_func ("/workload/python-custom/code-file", test_python_code_file);
  g_test_add_func ("/workload/split-range", test_split_range);
  g_test_add_func ("/workload/cpu-sum", test_cpu_sum);
  g_test_add_func ("/workload/cpu-sum/cancel", test_cpu_sum_cancel);
  g_test_add_func ("/workload/cpu-fib", test_cpu_fib);
  g_test_add_func ("/workload/cpu-primes", test_cpu_primes);
  g_test_add_func ("/workload/cpu-hash", test_cpu_hash);
  g_test_add_func ("/workload/mem-stream", test_mem_stream);
  g_test_add_func ("/workload/noop", test_noop);

  return g_test_run ();
}
