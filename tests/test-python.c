/* test-python.c: the python runtime runs real CPython in workers, and survives the code it runs.
 *
 * Threads are one worker process with W threads in one interpreter, processes are W workers;
 * the Python twins return the native checksums; every way a person's code can fail (an
 * exception, a SyntaxError, sys.exit, os._exit, a segfault, a hang, too much memory) is a
 * reported failure with its reason, and no test leaves a process or a descriptor behind.
 * Without python3-embed the runtime reports itself unavailable, and the rest is skipped.
 */
#define G_LOG_DOMAIN "test-python"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-fork-server.h"
#include "sl-test-util.h"
#include "sl-http-server.h"
#include "sl-pool.h"
#include "sl-python.h"
#include "sl-python-sources.h"
#include "sl-runner.h"
#include "sl-workloads.h"

static SlParams *
custom (const char *code)
{
  return sl_test_resolve_params (sl_workload_python_custom.id, SL_PYTHON_CODE_PARAM, code, NULL);
}

static SlPool *
start_pool (const SlWorkload *workload,
            SlParams         *params,
            SlModel           model,
            guint             workers,
            double            timeout_s,
            GError          **error)
{
  SlPoolConfig config = {
    .workload = workload,
    .params = params,
    .runtime = SL_RUNTIME_PYTHON,
    .workers = workers,
    .task_timeout_s = timeout_s,
  };

  return sl_pool_new (model, &config, error);
}

/* Runs one batch of custom code; returns the batch's error, if any. */
static GError *
run_custom (const char *code,
            SlModel     model,
            guint       workers,
            guint64     n_tasks,
            double      timeout_s,
            SlBatch    *batch)
{
  g_autoptr(SlParams) params = custom (code);
  g_autoptr(SlPool) pool = NULL;
  GError *error = NULL;

  pool = start_pool (&sl_workload_python_custom, params, model, workers, timeout_s, &error);
  g_assert_no_error (error);

  sl_batch_init (batch, n_tasks, n_tasks, 1);
  sl_pool_run_batch (pool, batch, &error);
  return error;
}

static void
test_available (void)
{
  g_autofree char *reason = NULL;
  gboolean available = sl_python_available (&reason);

  /* Built with python3-embed, the runtime is there; without it, the reason says so. */
  g_assert_cmpint (available, ==, HAVE_PYTHON);
  if (available)
    g_assert_null (reason);
  else
    g_assert_nonnull (strstr (reason, "python3-embed"));
}

static void
test_runtime_info (void)
{
  g_autoptr(GHashTable) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlParams) params = NULL;
  g_autoptr(SlPool) pool = NULL;
  GHashTable *pool_info;

  if (sl_test_skip_without_python ())
    return;

  info = sl_python_query_runtime_info (&error);
  g_assert_no_error (error);
  g_assert_nonnull (g_hash_table_lookup (info, "python_version"));
  g_assert_cmpstr (g_hash_table_lookup (info, "implementation"), ==, "CPython");
  g_assert_nonnull (g_hash_table_lookup (info, "free_threaded"));
  g_assert_nonnull (g_hash_table_lookup (info, "gil_enabled"));
  g_test_message ("embedded: %s %s", (char *) g_hash_table_lookup (info, "implementation"),
                  (char *) g_hash_table_lookup (info, "python_build"));

  /* A pool says the same, with its start-up time measured apart. */
  params = sl_test_resolve_params (sl_workload_noop.id, NULL);
  pool = start_pool (&sl_workload_noop, params, SL_MODEL_PROCESSES, 2, 0, &error);
  g_assert_no_error (error);
  pool_info = sl_pool_get_runtime_info (pool);
  g_assert_nonnull (pool_info);
  g_assert_cmpstr (g_hash_table_lookup (pool_info, "python_version"), ==,
                   g_hash_table_lookup (info, "python_version"));
  g_assert_cmpstr (g_hash_table_lookup (pool_info, "gil_enabled"), ==,
                   g_hash_table_lookup (info, "gil_enabled"));
  g_assert_cmpfloat (g_ascii_strtod (g_hash_table_lookup (pool_info, "interpreter_startup_s"),
                                     NULL), >, 0);
  g_assert_cmpfloat (sl_pool_get_startup_time (pool), >,
                     g_ascii_strtod (g_hash_table_lookup (pool_info, "interpreter_startup_s"),
                                     NULL));
  g_clear_pointer (&pool, sl_pool_free);
  sl_test_assert_no_children ();
}

/* Which process and thread ran each task. */
static const char identity_code[] =
  "import os, threading, time\n"
  "def task(index, count, **params):\n"
  "    time.sleep(0.03)\n"
  "    return os.getpid() << 32 | threading.get_native_id()\n";

static void
collect_identities (SlModel      model,
                    guint        workers,
                    GHashTable  *pids,
                    GHashTable  *tids)
{
  int fds_before = sl_test_count_fds ();
  SlBatch batch;
  GError *error = run_custom (identity_code, model, workers, 6 * workers, 0, &batch);

  g_assert_no_error (error);
  g_assert_cmpuint (batch.n_failed_tasks, ==, 0);
  for (guint64 i = 0; i < batch.n_tasks; i++)
    {
      guint pid = (guint) (batch.checksums[i] >> 32);
      guint tid = (guint) (batch.checksums[i] & 0xffffffff);

      g_assert_cmpuint (pid, !=, (guint) getpid ());
      g_hash_table_add (pids, GUINT_TO_POINTER (pid));
      g_hash_table_add (tids, GUINT_TO_POINTER (tid));
    }
  sl_batch_clear (&batch);

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_threads_share_one_interpreter (void)
{
  g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) tids = g_hash_table_new (NULL, NULL);

  if (sl_test_skip_without_python ())
    return;

  collect_identities (SL_MODEL_THREADS, 4, pids, tids);
  g_assert_cmpuint (g_hash_table_size (pids), ==, 1);
  g_assert_cmpuint (g_hash_table_size (tids), ==, 4);
}

static void
test_processes_have_their_own (void)
{
  g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) tids = g_hash_table_new (NULL, NULL);

  if (sl_test_skip_without_python ())
    return;

  collect_identities (SL_MODEL_PROCESSES, 3, pids, tids);
  g_assert_cmpuint (g_hash_table_size (pids), ==, 3);
}

/* The twin's checksums equal the native expected() and the native run(), under weak scaling
 * too (n_tasks a multiple of base_tasks). */
static void
assert_twin (const SlWorkload *workload,
             SlParams         *params,
             SlModel           model)
{
  gpointer shared = workload->prepare ? workload->prepare (params, NULL) : NULL;
  gpointer local = workload->worker_init ? workload->worker_init (shared, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlPool) pool = NULL;
  SlBatch batch;

  g_assert_nonnull (workload->python_source);

  pool = start_pool (workload, params, model, 2, 0, &error);
  g_assert_no_error (error);
  sl_batch_init (&batch, 12, 6, 2);
  g_assert_true (sl_pool_run_batch (pool, &batch, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (batch.first_task_error, ==, NULL);

  for (guint64 i = 0; i < batch.n_tasks; i++)
    {
      SlTask task = { .index = i, .n_tasks = batch.n_tasks, .base_tasks = batch.base_tasks };
      guint64 expected = 0, native = 0;

      g_assert_true (batch.task_ok[i]);
      g_assert_true (workload->expected (shared, &task, &expected));
      g_assert_cmpuint (batch.checksums[i], ==, expected);
      g_assert_true (workload->run (shared, local, &task, &native, &error));
      g_assert_cmpuint (batch.checksums[i], ==, native);
    }
  sl_batch_clear (&batch);

  if (local != NULL)
    workload->worker_free (local);
  if (shared != NULL)
    workload->release (shared);
}

static void
test_twins (void)
{
  struct {
    const SlWorkload *workload;
    const char       *name, *value, *name2, *value2;
  } cases[] = {
    { &sl_workload_cpu_sum, "n", "100003", NULL, NULL },
    { &sl_workload_cpu_fib, "k", "15", NULL, NULL },
    { &sl_workload_cpu_hash, "bytes", "5003", "rounds", "3" },
    { &sl_workload_noop, NULL, NULL, NULL, NULL },
  };
  int fds_before = sl_test_count_fds ();

  if (sl_test_skip_without_python ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (SlModel model = 0; model < SL_N_MODELS; model++)
      {
        g_autoptr(SlParams) params = sl_test_resolve_params (cases[i].workload->id, cases[i].name, cases[i].value,
                                              cases[i].name2, cases[i].value2, NULL);

        g_test_message ("%s, %s", cases[i].workload->id, sl_model_to_string (model));
        assert_twin (cases[i].workload, params, model);
      }

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_http_twin (void)
{
  const SlWorkload *workload = &sl_workload_io_http;
  g_autoptr(SlParams) params = NULL;
  gpointer server = NULL;
  g_autoptr(GError) error = NULL;

  if (sl_test_skip_without_python ())
    return;
  if (workload->python_source == NULL)
    {
      g_test_skip ("io-http has no Python twin in this build");
      return;
    }

  params = sl_test_resolve_params (workload->id, "pages", "5", "latency_ms", "1", "bytes", "20000",
                                  NULL);
  g_assert_true (workload->experiment_setup (params, &server, &error));
  g_assert_no_error (error);

  for (SlModel model = 0; model < SL_N_MODELS; model++)
    assert_twin (workload, params, model);

  workload->experiment_teardown (server);
  sl_test_assert_no_children ();
}

/* ---- failures of the code ---- */

static void
assert_task_error (const char *code,
                   SlModel     model,
                   const char *expected1,
                   const char *expected2)
{
  int fds_before = sl_test_count_fds ();
  SlBatch batch;
  GError *error = run_custom (code, model, 2, 4, 0, &batch);

  g_assert_no_error (error);
  g_assert_cmpuint (batch.n_failed_tasks, >, 0);
  g_assert_nonnull (batch.first_task_error);
  g_test_message ("%s: %s", sl_model_to_string (model), batch.first_task_error);
  g_assert_nonnull (strstr (batch.first_task_error, expected1));
  if (expected2 != NULL)
    g_assert_nonnull (strstr (batch.first_task_error, expected2));
  sl_batch_clear (&batch);

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
assert_batch_error (const char *code,
                    SlModel     model,
                    double      timeout_s,
                    int         code_expected,
                    const char *expected)
{
  int fds_before = sl_test_count_fds ();
  SlBatch batch;
  g_autoptr(GError) error = run_custom (code, model, 2, 4, timeout_s, &batch);

  g_assert_error (error, SL_ERROR, code_expected);
  g_test_message ("%s: %s", sl_model_to_string (model), error->message);
  g_assert_nonnull (strstr (error->message, expected));
  sl_batch_clear (&batch);

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

/* Code that fails. Its tasks fail and the batch carries on, with `expected` (and `also`) in
 * the first task's error; or it takes its worker down, and the batch fails with `error`. */
typedef struct {
  const char *path;
  const char *code;
  SlModel     first_model;   /* SL_MODEL_PROCESSES for processes alone */
  gboolean    batch_fails;
  SlError     error;
  double      timeout_s;
  const char *expected;
  const char *also;
} CodeFailure;

static const CodeFailure code_failures[] = {
  { .path = "/python/exception",
    .code = "def helper(x):\n"
            "    return 1 // x\n"
            "def task(index, count, **params):\n"
            "    return helper(index - 1)\n",
    .expected = "ZeroDivisionError: integer division or modulo by zero (line 2)",
    .also = "Traceback (most recent call last)" },
  { .path = "/python/sys-exit",
    .code = "import sys\n"
            "def task(index, count, **params):\n"
            "    sys.exit(3)\n",
    .expected = "task called sys.exit(3)" },
  { .path = "/python/not-an-int",
    .code = "def task(index, count, **params):\n"
            "    return 'seven' if index else None\n",
    .first_model = SL_MODEL_PROCESSES,
    .expected = "not an int" },
  { .path = "/python/os-exit",
    .code = "import os\n"
            "def task(index, count, **params):\n"
            "    os._exit(3)\n",
    .batch_fails = TRUE, .error = SL_ERROR_WORKER,
    .expected = "exited with status 3" },
  { .path = "/python/segfault",
    .code = "import ctypes\n"
            "def task(index, count, **params):\n"
            "    return ctypes.string_at(0)\n",
    .batch_fails = TRUE, .error = SL_ERROR_WORKER,
    .expected = "killed by signal 11" },
  /* Python code the task cannot interrupt: only killing the worker ends it. */
  { .path = "/python/timeout",
    .code = "import time\n"
            "def task(index, count, **params):\n"
            "    while True:\n"
            "        time.sleep(10)\n",
    .batch_fails = TRUE, .error = SL_ERROR_TIMEOUT, .timeout_s = 0.3,
    .expected = "ran past the 0.3 s timeout" },
};

static void
test_code_failure (gconstpointer data)
{
  const CodeFailure *failure = data;

  if (sl_test_skip_without_python ())
    return;

  for (SlModel model = failure->first_model; model < SL_N_MODELS; model++)
    {
      if (failure->batch_fails)
        assert_batch_error (failure->code, model, failure->timeout_s, failure->error,
                            failure->expected);
      else
        assert_task_error (failure->code, model, failure->expected, failure->also);
    }
}

static void
test_syntax_error (void)
{
  g_autoptr(SlParams) params = custom ("def task(index, count, **params)\n    return 1\n");
  int fds_before = sl_test_count_fds ();

  if (sl_test_skip_without_python ())
    return;

  for (SlModel model = 0; model < SL_N_MODELS; model++)
    {
      g_autoptr(GError) error = NULL;
      SlPool *pool = start_pool (&sl_workload_python_custom, params, model, 2, 0, &error);

      g_assert_null (pool);
      g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "SyntaxError"));
      g_assert_nonnull (strstr (error->message, "line 1, column 33"));
    }

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

static void
test_memory_limit (void)
{
  g_autoptr(SlParams) params =
    sl_test_resolve_params (sl_workload_python_custom.id, SL_PYTHON_MEMORY_PARAM, "64",
             SL_PYTHON_CODE_PARAM, "def task(index, count, **params):\n"
                                   "    hog = bytearray(1 << 30)\n"
                                   "    return len(hog)\n", NULL);
  int fds_before = sl_test_count_fds ();

  if (sl_test_skip_without_python ())
    return;

  for (SlModel model = 0; model < SL_N_MODELS; model++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlPool) pool = start_pool (&sl_workload_python_custom, params, model, 2, 0,
                                           &error);
      SlBatch batch;

      g_assert_no_error (error);
      sl_batch_init (&batch, 4, 4, 1);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
      /* A sanitizer's allocator aborts instead of returning NULL: the worker dies. */
      if (!sl_pool_run_batch (pool, &batch, &error))
        {
          g_assert_true (strstr (error->message, "killed by signal") != NULL ||
                         strstr (error->message, "exited with status") != NULL);
          sl_batch_clear (&batch);
          continue;
        }
#else
      g_assert_true (sl_pool_run_batch (pool, &batch, &error));
#endif
      g_assert_cmpuint (batch.n_failed_tasks, ==, 4);
      g_test_message ("%s", batch.first_task_error);
      g_assert_nonnull (strstr (batch.first_task_error, "MemoryError at line 2"));
      g_assert_nonnull (strstr (batch.first_task_error, "64 MiB"));
      sl_batch_clear (&batch);
    }

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

/* One failing thread fails its task; the other threads finish theirs. */
static void
test_one_thread_fails (void)
{
  static const char code[] =
    "import time\n"
    "def task(index, count, **params):\n"
    "    if index == 0:\n"
    "        raise ValueError('only this one')\n"
    "    time.sleep(0.02)\n"
    "    return index\n";
  SlBatch batch;
  GError *error;

  if (sl_test_skip_without_python ())
    return;

  error = run_custom (code, SL_MODEL_THREADS, 3, 9, 5, &batch);
  g_assert_no_error (error);
  g_assert_cmpuint (batch.n_failed_tasks, ==, 1);
  g_assert_false (batch.task_ok[0]);
  g_assert_nonnull (strstr (batch.first_task_error, "ValueError: only this one"));
  for (guint64 i = 1; i < batch.n_tasks; i++)
    {
      g_assert_true (batch.task_ok[i]);
      g_assert_cmpuint (batch.checksums[i], ==, i);
    }
  sl_batch_clear (&batch);
  sl_test_assert_no_children ();
}

/* The editor's page-fetch template serves its own pages: it runs offline, in threads and in
 * processes, and its server threads do not keep a worker from ending. */
static void
test_page_fetch_template (void)
{
  if (sl_test_skip_without_python ())
    return;

  for (SlModel model = 0; model < SL_N_MODELS; model++)
    {
      SlBatch batch;
      GError *error = run_custom (SL_PYTHON_SOURCE_CUSTOM_PAGE_FETCH, model, 2, 6, 0, &batch);

      g_assert_no_error (error);
      g_assert_cmpuint (batch.n_failed_tasks, ==, 0);
      for (guint i = 0; i < 6; i++)
        g_assert_cmpuint (batch.checksums[i], ==, 16384);
      sl_batch_clear (&batch);
    }

  sl_test_assert_no_children ();
}

/* ---- checking code without a sweep ---- */

static void
assert_check (const char *code,
              gboolean    ok,
              const char *kind,
              guint       line,
              guint       column,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  SlPythonCheck check;

  g_assert_true (sl_python_check_code (code, &check, &error));
  g_assert_no_error (error);
  g_test_message ("%s: %s (%u:%u)", check.kind ? check.kind : "ok",
                  check.message ? check.message : "", check.line, check.column);
  g_assert_cmpint (check.ok, ==, ok);
  g_assert_cmpstr (check.kind, ==, kind);
  g_assert_cmpuint (check.line, ==, line);
  g_assert_cmpuint (check.column, ==, column);
  if (message != NULL)
    g_assert_nonnull (strstr (check.message, message));
  sl_python_check_clear (&check);
}

static void
test_check_code (void)
{
  int fds_before = sl_test_count_fds ();

  if (sl_test_skip_without_python ())
    return;

  assert_check (sl_workload_python_custom.python_source, TRUE, NULL, 0, 0, NULL);
  assert_check (sl_workload_cpu_sum.python_source, TRUE, NULL, 0, 0, NULL);
  assert_check ("def task(index, count, **params):\n    return (1 +\n", FALSE, "syntax", 2, 12,
                "SyntaxError");
  assert_check ("def task(index, count, **params):\n  x = 1\n    return x\n", FALSE, "syntax",
                3, 4, "IndentationError");
  assert_check ("def work(index, count, **params):\n    return 1\n", FALSE, "signature", 0, 0,
                "no function task(index, count, **params)");
  assert_check ("\ndef task(index, count):\n    return 1\n", FALSE, "signature", 2, 1,
                "**params");
  assert_check ("import no_such_module_here\n", FALSE, "exception", 1, 0,
                "ModuleNotFoundError");
  assert_check ("import os\nos._exit(4)\n", FALSE, "exception", 0, 0, "exited with status 4");

  /* The editor's templates. numpy's is offered only where the worker can import numpy. */
  assert_check (SL_PYTHON_SOURCE_CUSTOM_EMPTY, TRUE, NULL, 0, 0, NULL);
  assert_check (SL_PYTHON_SOURCE_CUSTOM_PAGE_FETCH, TRUE, NULL, 0, 0, NULL);

  sl_test_assert_no_children ();
  g_assert_cmpint (sl_test_count_fds (), ==, fds_before);
}

typedef struct {
  GMainLoop     *loop;
  SlPythonCheck  check;
  GError        *error;
  gboolean       done;
} AsyncCheck;

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  AsyncCheck *check = data;

  sl_python_check_code_finish (result, &check->check, &check->error);
  check->done = TRUE;
  g_main_loop_quit (check->loop);
}

/* Runs an async check to its end; returns how long it took in seconds. */
static double
check_async (const char   *code,
             GCancellable *cancellable,
             double        cancel_after_s,
             AsyncCheck   *check)
{
  gint64 start = g_get_monotonic_time ();
  guint cancel_source = 0;

  check->loop = g_main_loop_new (NULL, FALSE);
  sl_python_check_code_async (code, cancellable, check_done_cb, check);
  if (cancellable != NULL)
    cancel_source = g_timeout_add_once ((guint) (cancel_after_s * 1000),
                                        (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  g_main_loop_run (check->loop);
  g_clear_pointer (&check->loop, g_main_loop_unref);
  if (!g_cancellable_is_cancelled (cancellable))
    g_clear_handle_id (&cancel_source, g_source_remove);

  return (g_get_monotonic_time () - start) / 1e6;
}

/* The editor's check: in a thread, with the same answers; cancelling it (the code changed
 * again) kills its worker at once; code whose top level never returns is stopped at 10 s. */
static void
test_check_code_async (void)
{
  const char *runaway = "while True:\n    pass\n";
  AsyncCheck check = { 0, };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  double took;

  if (sl_test_skip_without_python ())
    return;

  check_async ("def task(index, count, **params):\n    return (1 +\n", NULL, 0, &check);
  g_assert_no_error (check.error);
  g_assert_false (check.check.ok);
  g_assert_cmpstr (check.check.kind, ==, "syntax");
  g_assert_cmpuint (check.check.line, ==, 2);
  g_assert_cmpuint (check.check.column, ==, 12);
  sl_python_check_clear (&check.check);

  check_async (sl_workload_python_custom.python_source, NULL, 0, &check);
  g_assert_no_error (check.error);
  g_assert_true (check.check.ok);
  g_assert_null (check.check.message);

  took = check_async (runaway, cancellable, 0.3, &check);
  g_test_message ("a cancelled check ended %.3f s after it started", took);
  g_assert_error (check.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (took, <, 5);
  g_clear_error (&check.error);
  sl_test_assert_no_children ();

  took = check_async (runaway, NULL, 0, &check);
  g_assert_no_error (check.error);
  g_assert_false (check.check.ok);
  g_assert_cmpstr (check.check.kind, ==, "exception");
  g_assert_nonnull (strstr (check.check.message, "took over 10 s and was stopped"));
  g_assert_cmpfloat (took, >=, 10);
  sl_python_check_clear (&check.check);
  sl_test_assert_no_children ();
}

/* A failed point's traceback names the line of the person's code where it failed. */
static void
test_traceback_line (void)
{
  g_assert_cmpuint (sl_python_traceback_line (
                      "ZeroDivisionError: integer division or modulo by zero (line 2)\n"
                      "Traceback (most recent call last):\n"
                      "  File \"<your code>\", line 4, in task\n"
                      "    return helper(index - 1)\n"
                      "  File \"<your code>\", line 2, in helper\n"
                      "    return 1 // x\n"
                      "ZeroDivisionError: integer division or modulo by zero"), ==, 2);
  g_assert_cmpuint (sl_python_traceback_line (
                      "Traceback (most recent call last):\n"
                      "  File \"<your code>\", line 7, in task\n"
                      "  File \"/usr/lib/python3.11/json/__init__.py\", line 346, in loads\n"
                      "ValueError: no"), ==, 7);
  g_assert_cmpuint (sl_python_traceback_line ("task called sys.exit(3)"), ==, 0);
  g_assert_cmpuint (sl_python_traceback_line ("File \"cpu_sum.py\", line 3"), ==, 0);
}

/* ---- through the runner ---- */

static SlResult *
run_spec (const char *code)
{
  g_autoptr(SlExperimentSpec) spec =
    sl_test_spec_new (sl_workload_python_custom.id, "threads,processes", "1,2");
  g_autoptr(SlRunner) runner = sl_runner_new ();
  g_autoptr(GError) error = NULL;
  SlResult *result;

  spec->runtime = SL_RUNTIME_PYTHON;
  sl_params_set (spec->params, SL_PYTHON_CODE_PARAM, code);
  spec->tasks = 4;
  spec->repeat = 1;
  spec->warmup = 0;
  g_assert_true (sl_experiment_spec_validate (spec, &error));
  g_assert_no_error (error);

  result = sl_runner_run_sync (runner, spec, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_runner (void)
{
  g_autoptr(SlResult) good = NULL;
  g_autoptr(SlResult) bad = NULL;

  if (sl_test_skip_without_python ())
    return;

  good = run_spec ("def task(index, count, **params):\n    return index\n");
  g_assert_cmpint (good->status, ==, SL_RESULT_COMPLETE);
  g_assert_cmpstr (g_hash_table_lookup (good->runtime_info, "implementation"), ==, "CPython");
  g_assert_nonnull (g_hash_table_lookup (good->runtime_info, "interpreter_startup_s"));

  /* Every point fails with its reason; the sweep goes on to the end. */
  bad = run_spec ("import os\ndef task(index, count, **params):\n    os._exit(5)\n");
  g_assert_cmpint (bad->status, ==, SL_RESULT_PARTIAL);
  for (guint i = 0; i < bad->points->len; i++)
    {
      SlPoint *point = g_ptr_array_index (bad->points, i);

      g_assert_cmpint (point->status, ==, SL_POINT_FAILED);
      g_assert_nonnull (strstr (point->error, "exited with status 5"));
    }

  sl_test_assert_no_children ();
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/python/available", test_available);
  g_test_add_func ("/python/runtime-info", test_runtime_info);
  g_test_add_func ("/python/threads-share-one-interpreter", test_threads_share_one_interpreter);
  g_test_add_func ("/python/processes-have-their-own", test_processes_have_their_own);
  g_test_add_func ("/python/twins", test_twins);
  g_test_add_func ("/python/http-twin", test_http_twin);
  for (guint i = 0; i < G_N_ELEMENTS (code_failures); i++)
    g_test_add_data_func (code_failures[i].path, &code_failures[i], test_code_failure);
  g_test_add_func ("/python/syntax-error", test_syntax_error);
  g_test_add_func ("/python/memory-limit", test_memory_limit);
  g_test_add_func ("/python/one-thread-fails", test_one_thread_fails);
  g_test_add_func ("/python/page-fetch-template", test_page_fetch_template);
  g_test_add_func ("/python/check-code", test_check_code);
  g_test_add_func ("/python/check-code-async", test_check_code_async);
  g_test_add_func ("/python/traceback-line", test_traceback_line);
  g_test_add_func ("/python/runner", test_runner);

  /* Every pool shares the fork server: start it before the first test counts descriptors. */
  if (!sl_fork_server_start (&error))
    g_test_message ("no fork server, every worker is spawned: %s", error->message);

  status = g_test_run ();
  sl_fork_server_shutdown ();
  return status;
}
