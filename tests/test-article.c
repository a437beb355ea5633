/* test-article.c: the article checks, run in the python runtime: each outcome is recorded as the
 * interpreter gives it (the exception's type and message, or the result), and every corrected
 * version succeeds. The types and messages are read back from the report, never assumed, except
 * where the language itself fixes them (a Queue refuses pickling with RuntimeError). */
#define G_LOG_DOMAIN "test-article"

#include "config.h"

#include <string.h>

#include "sl-article.h"
#include "sl-json.h"
#include "sl-test-util.h"

static SlArticleReport *
run_check (const char *id)
{
  const SlArticleCheck *check = sl_article_check_lookup (id);
  g_autoptr(GError) error = NULL;
  SlArticleOptions options;
  SlArticleReport *report;

  g_assert_nonnull (check);
  sl_article_options_init (&options);
  options.timeout_s = 3;
  options.fib_n = 20;
  report = sl_article_check_run (check, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_nonnull (report->runtime);

  g_test_message ("%s as written: %s %s: %s", id,
                  sl_article_status_to_string (report->as_written.status),
                  report->as_written.exception_type, report->as_written.exception_message);
  g_test_message ("%s corrected: %s %s", id,
                  sl_article_status_to_string (report->corrected.status),
                  report->corrected.result);

  /* Whatever the example did, the corrected version runs to the end. */
  g_assert_cmpint (report->corrected.status, ==, SL_ARTICLE_OK);
  g_assert_cmpstr (report->corrected.exception_type, ==, "");
  g_assert_cmpstr (report->corrected.error, ==, NULL);

  return report;
}

/* An outcome that failed carries the exception's type and message, and says them first. */
static void
assert_exception_recorded (const SlArticleOutcome *outcome)
{
  g_autofree char *headline = sl_article_outcome_headline (outcome);

  g_assert_cmpstr (outcome->exception_type, !=, "");
  g_assert_cmpstr (outcome->exception_message, !=, "");
  g_assert_nonnull (strstr (outcome->traceback, outcome->exception_type));
  g_assert_true (g_str_has_prefix (headline, outcome->exception_type));
  g_assert_nonnull (strstr (headline, outcome->exception_message));
}

static void
test_article_list (void)
{
  guint n_checks;
  const SlArticleCheck *checks = sl_article_check_list (&n_checks);

  g_assert_cmpuint (n_checks, ==, 4);
  for (guint i = 0; i < n_checks; i++)
    {
      g_assert_true (sl_article_check_lookup (checks[i].id) == &checks[i]);
      g_assert_nonnull (checks[i].source);
      g_assert_nonnull (checks[i].fixed_source);
      g_assert_cmpstr (checks[i].source, !=, checks[i].fixed_source);
    }
  g_assert_null (sl_article_check_lookup ("nope"));
}

static void
test_article_counter (void)
{
  g_autoptr(SlArticleReport) report = NULL;

  if (sl_test_skip_without_python ())
    return;

  report = run_check ("counter");
  /* Each URL is counted once, by one thread: it runs, and prints the three counts. */
  g_assert_cmpint (report->as_written.status, ==, SL_ARTICLE_OK);
  g_assert_nonnull (strstr (report->as_written.result, "Counter({"));
  g_assert_nonnull (strstr (report->corrected.result, "/page/2': 1"));
  /* Its URLs were the built-in server's. */
  g_assert_cmpuint (g_strv_length (report->as_written.urls), ==, 6);
  g_assert_cmpstr (report->as_written.urls[0], ==, "https://www.example.com");
  g_assert_true (g_str_has_prefix (report->as_written.urls[1], "http://127.0.0.1:"));
  g_assert_null (strstr (report->as_written.code, "https://"));
}

static void
test_article_queue (void)
{
  g_autoptr(SlArticleReport) report = NULL;
  const SlArticleOutcome *outcome;

  if (sl_test_skip_without_python ())
    return;

  report = run_check ("queue");
  outcome = &report->as_written;
  /* Every future fails to pickle its Queue, and queue.get() then waits for ever. */
  g_assert_cmpint (outcome->status, ==, SL_ARTICLE_BLOCKED);
  assert_exception_recorded (outcome);
  g_assert_cmpstr (outcome->exception_type, ==, "RuntimeError");
  g_assert_cmpuint (outcome->futures_total, ==, 3);
  g_assert_cmpuint (outcome->futures_failed, ==, 3);
  g_assert_cmpuint (outcome->line, >, 0);
  g_assert_nonnull (strstr (outcome->line_text, "queue.get()"));
  g_assert_cmpfloat (outcome->elapsed_s, >=, 3);

  /* The corrected version's results arrived through the Manager's queue. */
  g_assert_nonnull (strstr (report->corrected.result, "/page/0'"));
  g_assert_cmpuint (report->corrected.futures_failed, ==, 0);
}

static void
test_article_flask_threads (void)
{
  g_autoptr(SlArticleReport) report = NULL;

  if (sl_test_skip_without_python ())
    return;

  report = run_check ("flask-threads");
  g_assert_cmpint (report->as_written.status, ==, SL_ARTICLE_OK);
  g_assert_cmpuint (report->as_written.n_requests, ==, 4);
  g_assert_cmpuint (report->as_written.n_requests_ok, ==, 4);
  /* fib(20) = 6765, computed by the example's own code. */
  g_assert_nonnull (strstr (report->as_written.result, "6765"));
  g_assert_nonnull (strstr (report->corrected.result, "6765"));
}

static void
test_article_flask_processes (void)
{
  g_autoptr(SlArticleReport) report = NULL;
  const SlArticleOutcome *outcome;

  if (sl_test_skip_without_python ())
    return;

  report = run_check ("flask-processes");
  outcome = &report->as_written;
  /* fib_recursive cannot be pickled: the view raises, and every request fails. */
  g_assert_cmpint (outcome->status, ==, SL_ARTICLE_EXCEPTION);
  assert_exception_recorded (outcome);
  g_assert_cmpuint (outcome->n_requests_ok, ==, 0);
  g_assert_cmpuint (outcome->line, >, 0);

  g_assert_cmpuint (report->corrected.n_requests_ok, ==, 4);
  g_assert_nonnull (strstr (report->corrected.result, "6765"));
}

static void
test_article_document (void)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *object, *check, *as_written;

  if (sl_test_skip_without_python ())
    return;

  reports = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_article_report_free);
  g_ptr_array_add (reports, run_check ("flask-processes"));
  root = sl_article_reports_to_json (reports);
  text = sl_json_to_text (root, NULL);
  object = json_node_get_object (root);

  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "speedup-lab-article/1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "runtime"),
                                                  "implementation"), !=, "");
  check = json_array_get_object_element (json_object_get_array_member (object, "checks"), 0);
  g_assert_cmpstr (json_object_get_string_member (check, "id"), ==, "flask-processes");
  as_written = json_object_get_object_member (check, "as_written");
  g_assert_cmpstr (json_object_get_string_member (as_written, "status"), ==, "exception");
  g_assert_cmpstr (json_object_get_string_member (as_written, "exception_type"), ==,
                   ((SlArticleReport *) reports->pdata[0])->as_written.exception_type);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (as_written,
                                                                              "requests"), "ok"),
                   ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (check,
                                                                                 "corrected"),
                                                  "status"), ==, "ok");
}

static void
test_article_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SlArticleReport *report;

  if (sl_test_skip_without_python ())
    return;

  g_cancellable_cancel (cancellable);
  report = sl_article_check_run (sl_article_check_lookup ("queue"), NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sl_test_assert_no_children ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article/list", test_article_list);
  g_test_add_func ("/article/counter", test_article_counter);
  g_test_add_func ("/article/queue", test_article_queue);
  g_test_add_func ("/article/flask-threads", test_article_flask_threads);
  g_test_add_func ("/article/flask-processes", test_article_flask_processes);
  g_test_add_func ("/article/document", test_article_document);
  g_test_add_func ("/article/cancel", test_article_cancel);

  return g_test_run ();
}
