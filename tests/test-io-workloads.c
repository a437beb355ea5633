/* test-io-workloads.c: io-sleep, io-file and mixed, called directly and through the runner
 * (io-http has test-io-http.c). */
#define G_LOG_DOMAIN "test-io-workloads"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sl-error.h"
#include "sl-runner.h"
#include "sl-test-workload.h"
#include "sl-workloads.h"

/* ---- io-sleep ---- */

static void
test_sleep (void)
{
  SlTestExperiment e;
  gint cancel = 1;
  SlTask task = { .index = 0, .n_tasks = 1, .base_tasks = 1, .cancel = &cancel };
  g_autoptr(GError) error = NULL;
  guint64 checksum;
  gint64 start;

  sl_test_experiment_start (&e, "io-sleep", "latency_ms=20", NULL);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (sl_test_run_tasks (&e, NULL, 0, 3, 3, NULL), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 60 * G_TIME_SPAN_MILLISECOND);

  g_assert_false (e.workload->run (e.shared, NULL, &task, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sl_test_experiment_stop (&e);
}

/* ---- io-file: the temporary folder never outlives the experiment ---- */

static char *
only_child (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  name = g_dir_read_name (dir);
  g_assert_nonnull (name);
  g_assert_null (g_dir_read_name (dir));

  return g_build_filename (folder, name, NULL);
}

/* An io-file experiment of `bytes` (the test's data, "bytes=N") a task, and its folder. */
typedef struct {
  SlTestExperiment  e;
  char             *folder;
} FileFixture;

static void
file_fixture_set_up (FileFixture   *f,
                     gconstpointer  bytes)
{
  sl_test_experiment_start (&f->e, "io-file", bytes, "fsync=true", NULL);
  f->folder = g_strdup (sl_params_get_string (f->e.params, "dir"));
  g_assert_true (g_file_test (f->folder, G_FILE_TEST_IS_DIR));
}

/* Whatever the test did, stopping the experiment leaves nothing behind. */
static void
file_fixture_tear_down (FileFixture   *f,
                        gconstpointer  bytes)
{
  sl_test_experiment_stop (&f->e);
  g_assert_false (g_file_test (f->folder, G_FILE_TEST_EXISTS));
  g_free (f->folder);
}

static void
test_file_success (FileFixture   *f,
                   gconstpointer  bytes)
{
  gpointer one = sl_test_worker_new (&f->e);
  gpointer two = sl_test_worker_new (&f->e);

  g_assert_cmpuint (sl_test_run_tasks (&f->e, one, 0, 3, 6, NULL), ==, 0);
  g_assert_cmpuint (sl_test_run_tasks (&f->e, two, 3, 3, 6, NULL), ==, 0);
  sl_test_worker_free (&f->e, one);
  sl_test_worker_free (&f->e, two);
}

static void
test_file_failure (FileFixture   *f,
                   gconstpointer  bytes)
{
  g_autofree char *pool_folder = only_child (f->folder);
  g_autoptr(GError) error = NULL;
  gpointer local = sl_test_worker_new (&f->e);

  /* The pool's folder vanishes under it: the task fails with the path and the reason. */
  g_assert_cmpint (g_rmdir (pool_folder), ==, 0);
  g_assert_cmpuint (sl_test_run_tasks (&f->e, local, 0, 1, 1, &error), ==, 1);
  g_assert_error (error, SL_ERROR, SL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, pool_folder));

  sl_test_worker_free (&f->e, local);
}

static void
test_file_cancel (FileFixture   *f,
                  gconstpointer  bytes)
{
  g_autofree char *pool_folder = only_child (f->folder);
  gpointer local = sl_test_worker_new (&f->e);
  gint cancel = 1;
  SlTask task = { .index = 0, .n_tasks = 1, .base_tasks = 1, .cancel = &cancel };
  g_autoptr(GError) error = NULL;
  guint64 checksum;

  g_assert_false (f->e.workload->run (f->e.shared, local, &task, &checksum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The cancelled task removed its own half-written file at once. */
  {
    g_autoptr(GDir) dir = g_dir_open (pool_folder, 0, NULL);
    g_assert_null (g_dir_read_name (dir));
  }

  sl_test_worker_free (&f->e, local);
}

static gpointer
cancel_cancellable_thread (gpointer data)
{
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

/* A run cancelled half-way, with worker processes, still removes the folder. */
static void
test_file_runner_cancel (void)
{
  g_autoptr(SlExperimentSpec) spec =
    sl_test_small_spec ("io-file", sl_test_models_to_test (), "bytes=4000000", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SlResult) result = NULL;
  g_autoptr(GThread) thread = NULL;
  const char *folder;

  spec->tasks = 2000;
  spec->repeat = 20;
  thread = g_thread_new ("cancel", cancel_cancellable_thread, cancellable);
  result = sl_test_run_spec (spec, cancellable);
  g_thread_join (g_steal_pointer (&thread));

  g_assert_cmpint (result->status, ==, SL_RESULT_CANCELLED);
  folder = sl_params_lookup (result->spec->params, "dir");
  g_assert_nonnull (folder);
  g_assert_nonnull (strstr (folder, "speedup-lab-io-file-"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_file_runner (void)
{
  g_autoptr(SlExperimentSpec) spec =
    sl_test_small_spec ("io-file", sl_test_models_to_test (), "bytes=100000", NULL);
  g_autoptr(SlResult) result = sl_test_run_spec (spec, NULL);

  sl_test_assert_all_done (result);
  g_assert_false (g_file_test (sl_params_lookup (result->spec->params, "dir"), G_FILE_TEST_EXISTS));
}

/* ---- mixed ---- */

static void
test_mixed (void)
{
  const char *const modes[] = { "io=sleep", "io=http" };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      SlTestExperiment e;
      gpointer local;

      sl_test_experiment_start (&e, "mixed", "cpu_ms=2", "io_ms=3", modes[m], NULL);
      g_assert_cmpint (sl_params_get_int (e.params, "cpu_iterations"), >, 0);
      local = sl_test_worker_new (&e);
      /* expected() jumps the loop ahead in closed form: a skipped loop cannot match it. */
      g_assert_cmpuint (sl_test_run_tasks (&e, local, 0, 5, 5, NULL), ==, 0);
      sl_test_worker_free (&e, local);
      sl_test_experiment_stop (&e);
    }

  {
    g_autoptr(SlParams) given = sl_params_new ();
    g_autoptr(GError) error = NULL;

    sl_params_set (given, "io", "smoke-signals");
    g_assert_null (sl_workload_resolve_params (sl_workload_lookup ("mixed"), given, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
  }
}

/* Every worker process runs the iterations measured once by the engine, so checksums agree. */
static void
test_mixed_runner (void)
{
  g_autoptr(SlExperimentSpec) spec = sl_test_small_spec ("mixed", sl_test_models_to_test (),
                                                         "cpu_ms=2", "io_ms=5", "io=http", NULL);
  g_autoptr(SlResult) result = sl_test_run_spec (spec, NULL);

  sl_test_assert_all_done (result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io-sleep/run", test_sleep);
  g_test_add ("/io-file/success", FileFixture, "bytes=200000", file_fixture_set_up,
              test_file_success, file_fixture_tear_down);
  g_test_add ("/io-file/failure", FileFixture, "bytes=1000", file_fixture_set_up,
              test_file_failure, file_fixture_tear_down);
  g_test_add ("/io-file/cancel", FileFixture, "bytes=1000000", file_fixture_set_up,
              test_file_cancel, file_fixture_tear_down);
  g_test_add_func ("/io-file/runner", test_file_runner);
  g_test_add_func ("/io-file/runner-cancel", test_file_runner_cancel);
  g_test_add_func ("/mixed/run", test_mixed);
  g_test_add_func ("/mixed/runner", test_mixed_runner);

  return g_test_run ();
}
