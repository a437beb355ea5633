/* sl-article.c: the article checks: the registry, one check run in two workers, the outcome in
 * words and as JSON.
 *
 * The Python side (python/article_checks.py) runs an example and reports in JSON what the
 * interpreter did; this file sends it the example, reads the report, and says it in the
 * person's language. The claims and reasons are the only texts written here.
 */
#define G_LOG_DOMAIN "sl-article"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-article.h"
#include "sl-error.h"
#include "sl-http-server.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-python-sources.h"
#include "sl-sharing-common.h"

/* Beyond the example's own time: starting the interpreter, forking its pools, ending them. */
#define WORKER_SLACK_S 30

static const SlArticleCheck article_checks[] = {
  {
    .id = "counter",
    .title = N_("A shared Counter on a thread pool"),
    .claim = N_("“In this example, the Counter object is thread-safe, so we don't need to "
                "explicitly lock access to it.”"),
    .reason = N_("Counter is a dict with no lock of its own, and counter[url] += 1 reads, adds "
                 "and writes in steps another thread can come between. The example counts each "
                 "URL once, in one thread, so it cannot lose a count and proves nothing either "
                 "way; the corrected version holds a threading.Lock around the update, which is "
                 "what Python promises to be safe. How often the unlocked update loses counts is "
                 "what “speedup-lab-cli shared-counter” measures."),
    .kind = SL_ARTICLE_SCRIPT,
    .module = "article_counter",
    .source = SL_PYTHON_SOURCE_ARTICLE_COUNTER,
    .fixed_module = "article_counter_fixed",
    .fixed_source = SL_PYTHON_SOURCE_ARTICLE_COUNTER_FIXED,
  },
  {
    .id = "queue",
    .title = N_("A multiprocessing.Queue passed to a process pool"),
    .claim = N_("“Here the Queue acts as a thread- and process-safe channel for passing data "
                "between the processes.”"),
    .reason = N_("A task's arguments are pickled to reach the pool's processes, and a "
                 "multiprocessing.Queue refuses to be pickled: it reaches another process only "
                 "by inheritance. Every future fails, nothing is put on the queue, and the "
                 "queue.get() after the pool waits for ever. The corrected version passes a "
                 "Manager's queue, a proxy that can be pickled, and calls each future's "
                 "result(), which raises what its task raised."),
    .kind = SL_ARTICLE_SCRIPT,
    .module = "article_queue",
    .source = SL_PYTHON_SOURCE_ARTICLE_QUEUE,
    .fixed_module = "article_queue_fixed",
    .fixed_source = SL_PYTHON_SOURCE_ARTICLE_QUEUE_FIXED,
  },
  {
    .id = "flask-threads",
    .title = N_("The Flask Fibonacci endpoint on a thread pool"),
    .claim = N_("“With this change, the Fibonacci calculation is run in a background thread, "
                "freeing up the main thread to handle other requests.”"),
    .reason = N_("It runs as written, but the executor frees nothing: the server already "
                 "answers each request on a thread of its own, and future.result() makes that "
                 "thread wait for the answer. Under the GIL, requests sent at once compute one "
                 "at a time either way. The corrected version computes in the request's thread, "
                 "without the executor."),
    .kind = SL_ARTICLE_ENDPOINT,
    .module = "article_flask_threads",
    .source = SL_PYTHON_SOURCE_ARTICLE_FLASK_THREADS,
    .fixed_module = "article_flask_threads_fixed",
    .fixed_source = SL_PYTHON_SOURCE_ARTICLE_FLASK_THREADS_FIXED,
  },
  {
    .id = "flask-processes",
    .title = N_("The Flask Fibonacci endpoint on a process pool"),
    .claim = N_("“Now the Fibonacci calculations will be distributed across multiple processes, "
                "allowing them to run in parallel on different CPU cores.”"),
    .reason = N_("A task sent to another process is pickled by its name, and fib_recursive, "
                 "defined inside fib(), has no name another process can import, so every "
                 "request fails. The corrected version defines fib_recursive at the top of the "
                 "module, and requests sent at once then compute in parallel."),
    .kind = SL_ARTICLE_ENDPOINT,
    .module = "article_flask_processes",
    .source = SL_PYTHON_SOURCE_ARTICLE_FLASK_PROCESSES,
    .fixed_module = "article_flask_processes_fixed",
    .fixed_source = SL_PYTHON_SOURCE_ARTICLE_FLASK_PROCESSES_FIXED,
  },
};

const SlArticleCheck *
sl_article_check_list (guint *n_checks)
{
  if (n_checks != NULL)
    *n_checks = G_N_ELEMENTS (article_checks);

  return article_checks;
}

const SlArticleCheck *
sl_article_check_lookup (const char *id)
{
  return sl_sharing_lookup (article_checks, G_N_ELEMENTS (article_checks), sizeof article_checks[0], id);
}

void
sl_article_options_init (SlArticleOptions *options)
{
  g_return_if_fail (options != NULL);

  options->timeout_s = 5;
  options->fib_n = 27;
  options->concurrent = 4;
  options->server_url = NULL;
}

static void
outcome_clear (SlArticleOutcome *outcome)
{
  g_free (outcome->exception_type);
  g_free (outcome->exception_message);
  g_free (outcome->traceback);
  g_free (outcome->line_text);
  g_free (outcome->waiting_in);
  g_free (outcome->result);
  g_free (outcome->output);
  g_free (outcome->url);
  g_strfreev (outcome->stand_ins);
  g_strfreev (outcome->urls);
  g_free (outcome->code);
  g_free (outcome->error);
  memset (outcome, 0, sizeof *outcome);
}

void
sl_article_report_free (SlArticleReport *report)
{
  if (report == NULL)
    return;

  outcome_clear (&report->as_written);
  outcome_clear (&report->corrected);
  g_clear_pointer (&report->runtime, g_hash_table_unref);
  g_free (report);
}

/* ---- running ---- */

static char *
build_request (const SlArticleCheck   *check,
               gboolean                fixed,
               const char             *server_url,
               const SlArticleOptions *options)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "module", fixed ? check->fixed_module : check->module);
  sl_json_add_string (builder, "source", fixed ? check->fixed_source : check->source);
  sl_json_add_string (builder, "kind", check->kind == SL_ARTICLE_ENDPOINT ? "endpoint" : "script");
  sl_json_add_string (builder, "base_url", server_url != NULL ? server_url : "");
  sl_json_add_double (builder, "timeout_s", options->timeout_s);
  sl_json_add_int (builder, "fib_n", options->fib_n);
  sl_json_add_int (builder, "concurrent", options->concurrent);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
dup_member (JsonObject *object,
            const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup ("");
}

static double
number_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && sl_json_node_is_number (node) ? sl_json_node_get_number (node) : NAN;
}

static guint
count_member (JsonObject *object,
              const char *key)
{
  double value = number_member (object, key);

  return isfinite (value) && value > 0 && value < G_MAXUINT ? (guint) value : 0;
}

/* The strings of a list; a list of pairs is flattened. */
static GStrv
strv_member (JsonObject *object,
             const char *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                   : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_ARRAY (item))
        {
          JsonArray *pair = json_node_get_array (item);

          for (guint j = 0; j < json_array_get_length (pair); j++)
            if (json_node_get_value_type (json_array_get_element (pair, j)) == G_TYPE_STRING)
              g_strv_builder_add (builder, json_array_get_string_element (pair, j));
        }
      else if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (item));
    }

  return g_strv_builder_end (builder);
}

static JsonObject *
object_member (JsonObject *object,
               const char *key)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
read_outcome (JsonObject       *object,
              SlArticleOutcome *outcome)
{
  g_autofree char *status = dup_member (object, "status");
  JsonObject *futures = object_member (object, "futures");
  JsonNode *requests = json_object_get_member (object, "requests");

  if (g_str_equal (status, "ok"))
    outcome->status = SL_ARTICLE_OK;
  else if (g_str_equal (status, "blocked"))
    outcome->status = SL_ARTICLE_BLOCKED;
  else
    outcome->status = SL_ARTICLE_EXCEPTION;

  outcome->exception_type = dup_member (object, "exception_type");
  outcome->exception_message = dup_member (object, "exception_message");
  outcome->traceback = dup_member (object, "traceback");
  outcome->line = count_member (object, "line");
  outcome->line_text = dup_member (object, "line_text");
  outcome->waiting_in = dup_member (object, "waiting_in");
  outcome->result = dup_member (object, "result");
  outcome->output = dup_member (object, "output");
  outcome->elapsed_s = number_member (object, "elapsed_s");
  outcome->futures_total = count_member (futures, "total");
  outcome->futures_failed = count_member (futures, "failed");
  outcome->futures_pending = count_member (futures, "pending");
  outcome->url = dup_member (object, "url");
  outcome->requests_elapsed_s = number_member (object, "requests_elapsed_s");
  outcome->stand_ins = strv_member (object, "stand_ins");
  outcome->urls = strv_member (object, "urls");
  outcome->code = dup_member (object, "code");

  if (requests != NULL && JSON_NODE_HOLDS_ARRAY (requests))
    {
      JsonArray *array = json_node_get_array (requests);

      outcome->n_requests = json_array_get_length (array);
      for (guint i = 0; i < outcome->n_requests; i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (item) &&
              count_member (json_node_get_object (item), "status") == 200)
            outcome->n_requests_ok++;
        }
    }
}

static void
set_not_run (SlArticleOutcome *outcome,
             const char       *why)
{
  outcome_clear (outcome);
  outcome->status = SL_ARTICLE_NOT_RUN;
  outcome->error = g_strdup (why);
  outcome->elapsed_s = NAN;
  outcome->requests_elapsed_s = NAN;
}

/* Runs one version in a worker of its own. FALSE only when cancelled. */
static gboolean
run_version (const SlArticleCheck    *check,
             gboolean                 fixed,
             const char              *server_url,
             const SlArticleOptions  *options,
             SlArticleOutcome        *outcome,
             GHashTable             **runtime,
             GCancellable            *cancellable,
             GError                 **error)
{
  g_autofree char *request = build_request (check, fixed, server_url, options);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint timeout_s = (guint) ceil (options->timeout_s) + WORKER_SLACK_S;
  JsonObject *object, *report = NULL;

  object = sl_sharing_run_script ("article", request, timeout_s, parser, cancellable,
                                  &local_error);
  if (object == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (object != NULL && (report = object_member (object, "outcome")) == NULL)
    local_error = g_error_new (SL_ERROR, SL_ERROR_WORKER, _("the worker's report could not be "
                                                          "read: %s"), _("no outcome in it"));
  if (report == NULL)
    {
      set_not_run (outcome, local_error->message);
      return TRUE;
    }

  read_outcome (report, outcome);

  if (*runtime == NULL)
    *runtime = sl_sharing_read_runtime (object_member (object, "runtime"));

  return TRUE;
}

SlArticleReport *
sl_article_check_run (const SlArticleCheck    *check,
                      const SlArticleOptions  *options,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(SlArticleReport) report = NULL;
  g_autoptr(SlHttpServer) server = NULL;
  g_autoptr(GError) server_error = NULL;
  SlArticleOptions defaults;
  const char *url;

  g_return_val_if_fail (check != NULL, NULL);

  if (options == NULL)
    {
      sl_article_options_init (&defaults);
      options = &defaults;
    }

  report = g_new0 (SlArticleReport, 1);
  report->check = check;
  url = options->server_url;

  /* The article's URLs become pages of the built-in server, so that the examples run offline. */
  if (url == NULL && check->kind == SL_ARTICLE_SCRIPT)
    {
      SlHttpServerOptions server_options;

      sl_http_server_options_init (&server_options);
      server_options.pages = 3;
      server_options.default_bytes = 4096;
      server_options.default_delay_ms = 10;
      server = sl_http_server_new (&server_options, &server_error);
      if (server == NULL)
        {
          g_autofree char *why = g_strdup_printf (_("the built-in server could not start: %s"),
                                                  server_error->message);

          set_not_run (&report->as_written, why);
          set_not_run (&report->corrected, why);
          return g_steal_pointer (&report);
        }
      url = sl_http_server_get_url (server);
    }

  if (!run_version (check, FALSE, url, options, &report->as_written, &report->runtime,
                    cancellable, error) ||
      !run_version (check, TRUE, url, options, &report->corrected, &report->runtime,
                    cancellable, error))
    return NULL;

  return g_steal_pointer (&report);
}

typedef struct {
  const SlArticleCheck *check;
  SlArticleOptions      options;
  char                 *server_url;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_free (run->server_url);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  RunData *run = data;
  GError *error = NULL;
  SlArticleReport *report = sl_article_check_run (run->check, &run->options, cancellable, &error);

  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) sl_article_report_free);
  else
    g_task_return_error (task, error);
}

void
sl_article_check_run_async (const SlArticleCheck    *check,
                            const SlArticleOptions  *options,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (check != NULL);

  run = g_new0 (RunData, 1);
  run->check = check;
  if (options != NULL)
    run->options = *options;
  else
    sl_article_options_init (&run->options);
  run->server_url = g_strdup (run->options.server_url);
  run->options.server_url = run->server_url;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_article_check_run_async);
  g_task_set_task_data (task, run, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

SlArticleReport *
sl_article_check_run_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, sl_article_check_run_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
