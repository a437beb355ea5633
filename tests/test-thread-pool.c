/* test-thread-pool.c: the native thread pool: every task runs once with the right checksum,
 * chunking, usage, timeouts and cancellation. */
#define G_LOG_DOMAIN "test-thread-pool"

#include "config.h"

#include <string.h>

#include "sl-error.h"
#include "sl-pool.h"
#include "sl-thread-pool.h"

typedef struct {
  const SlWorkload *workload;
  SlParams         *params;
  gpointer          shared;
} Fixture;

static void
fixture_init (Fixture    *f,
              const char *id,
              const char *key,
              const char *value)
{
  g_autoptr(SlParams) given = sl_params_new ();

  f->workload = sl_workload_lookup (id);
  g_assert_nonnull (f->workload);
  if (key != NULL)
    sl_params_set (given, key, value);
  f->params = sl_workload_resolve_params (f->workload, given, NULL);
  g_assert_nonnull (f->params);
  f->shared = f->workload->prepare ? f->workload->prepare (f->params, NULL) : NULL;
}

static void
fixture_clear (Fixture *f)
{
  if (f->workload->release && f->shared)
    f->workload->release (f->shared);
  sl_params_free (f->params);
}

static SlPool *
make_pool (Fixture      *f,
           guint         workers,
           double        timeout_s,
           GCancellable *cancellable)
{
  SlPoolConfig config = {
    .workload = f->workload,
    .params = f->params,
    .shared = f->shared,
    .runtime = SL_RUNTIME_NATIVE,
    .workers = workers,
    .task_timeout_s = timeout_s,
    .cancellable = cancellable,
  };
  g_autoptr(GError) error = NULL;
  SlPool *pool = sl_pool_new (SL_MODEL_THREADS, &config, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pool);
  return pool;
}

static void
check_batch (Fixture *f,
             SlBatch *batch)
{
  for (guint64 i = 0; i < batch->n_tasks; i++)
    {
      SlTask task = { .index = i, .n_tasks = batch->n_tasks, .base_tasks = batch->base_tasks };
      guint64 expected;

      g_assert_true (batch->task_ok[i]);
      g_assert_true (f->workload->expected (f->shared, &task, &expected));
      g_assert_cmpuint (batch->checksums[i], ==, expected);
      g_assert_cmpfloat (batch->latencies_s[i], >=, 0);
    }
}

static void
test_sum (void)
{
  Fixture f;
  guint chunks[] = { 1, 3, 64, 1000 };

  fixture_init (&f, "cpu-sum", "n", "20000000");
  for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      g_autoptr(SlPool) pool = make_pool (&f, 3, 0, NULL);
      g_autoptr(GError) error = NULL;
      SlBatch batch;

      g_assert_cmpfloat (sl_pool_get_startup_time (pool), >, 0);
      sl_batch_init (&batch, 64, 64, chunks[c]);
      g_assert_true (sl_pool_run_batch (pool, &batch, &error));
      g_assert_no_error (error);
      check_batch (&f, &batch);
      g_assert_cmpuint (batch.n_failed_tasks, ==, 0);
      g_assert_cmpint (batch.usage.peak_rss_kb, >, 0);
      sl_batch_clear (&batch);
    }
  fixture_clear (&f);
}

static void
test_usage (void)
{
  Fixture f;
  g_autoptr(SlPool) pool = NULL;
  SlBatch batch;

  /* CPU time per thread is sampled at scheduler ticks: give it a few hundred milliseconds. */
  fixture_init (&f, "cpu-sum", "n", "1000000000");
  pool = make_pool (&f, 2, 0, NULL);
  sl_batch_init (&batch, 8, 8, 1);
  g_assert_true (sl_pool_run_batch (pool, &batch, NULL));
  g_assert_cmpfloat (batch.usage.user_s + batch.usage.sys_s, >, 0.05);
  sl_batch_clear (&batch);
  g_clear_pointer (&pool, sl_pool_free);
  fixture_clear (&f);
}

static void
test_reuse (void)
{
  Fixture f;
  g_autoptr(SlPool) pool = NULL;

  fixture_init (&f, "noop", NULL, NULL);
  pool = make_pool (&f, 4, 0, NULL);
  /* Many batches on one pool: no task is lost or run twice between them. */
  for (guint round = 0; round < 50; round++)
    {
      SlBatch batch;

      sl_batch_init (&batch, 1000 + round, 1000 + round, 1 + round % 5);
      g_assert_true (sl_pool_run_batch (pool, &batch, NULL));
      check_batch (&f, &batch);
      sl_batch_clear (&batch);
    }
  g_clear_pointer (&pool, sl_pool_free);
  fixture_clear (&f);
}

static void
test_single_and_many (void)
{
  Fixture f;
  guint counts[] = { 1, 64 };

  fixture_init (&f, "cpu-primes", "limit", "50000");
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autoptr(SlPool) pool = make_pool (&f, counts[c], 0, NULL);
      SlBatch batch;

      /* More workers than tasks is fine: the extra ones find no work. */
      sl_batch_init (&batch, 16, 16, 1);
      g_assert_true (sl_pool_run_batch (pool, &batch, NULL));
      check_batch (&f, &batch);
      sl_batch_clear (&batch);
    }
  fixture_clear (&f);
}

static void
test_timeout (void)
{
  Fixture f;
  g_autoptr(SlPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  SlBatch batch;

  /* 10^11 integers would take minutes: the timeout stops it. */
  fixture_init (&f, "cpu-sum", "n", "100000000000");
  pool = make_pool (&f, 2, 0.2, NULL);
  sl_batch_init (&batch, 2, 2, 1);
  g_assert_false (sl_pool_run_batch (pool, &batch, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "timeout"));
  sl_batch_clear (&batch);
  g_clear_pointer (&pool, sl_pool_free);
  fixture_clear (&f);
}

static gboolean
cancel_later_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static gpointer
cancel_thread (gpointer data)
{
  g_usleep (100 * 1000);
  cancel_later_cb (data);
  return NULL;
}

static void
test_cancel (void)
{
  Fixture f;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SlPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  SlBatch batch;

  fixture_init (&f, "cpu-sum", "n", "100000000000");
  pool = make_pool (&f, 2, 0, cancellable);
  sl_batch_init (&batch, 4, 4, 1);
  thread = g_thread_new ("canceller", cancel_thread, cancellable);
  g_assert_false (sl_pool_run_batch (pool, &batch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_thread_join (thread);
  sl_batch_clear (&batch);
  g_clear_pointer (&pool, sl_pool_free);
  fixture_clear (&f);
}

static void
test_process_only_refused (void)
{
  const SlWorkload *crash = sl_workload_lookup ("test-crash");
  g_autoptr(SlParams) params = NULL;
  g_autoptr(GError) error = NULL;
  SlPoolConfig config = { 0, };

  if (crash == NULL)
    {
      g_test_skip ("test workloads are not enabled");
      return;
    }

  params = sl_workload_resolve_params (crash, NULL, NULL);
  config.workload = crash;
  config.params = params;
  config.workers = 1;
  g_assert_null (sl_thread_pool_new (&config, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thread-pool/sum", test_sum);
  g_test_add_func ("/thread-pool/usage", test_usage);
  g_test_add_func ("/thread-pool/reuse", test_reuse);
  g_test_add_func ("/thread-pool/single-and-many", test_single_and_many);
  g_test_add_func ("/thread-pool/timeout", test_timeout);
  g_test_add_func ("/thread-pool/cancel", test_cancel);
  g_test_add_func ("/thread-pool/process-only-refused", test_process_only_refused);

  return g_test_run ();
}
