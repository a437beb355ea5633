/* sl-article.h: the article's code, run as written and corrected: the article checks.
 *
 * Each check is one of the article's examples (python/article_*.py) and a corrected version of
 * it, with what the article claims and why the correction is written as it is. Both run in the
 * python runtime (speedup-lab-worker --python-script article, one worker each), their URLs
 * pointed at the built-in server, and each outcome is what the interpreter in use gives: the
 * exception's type and message and the line it came from, what the code printed, the futures it
 * left failed, or the line it was still waiting at when its time was up. Nothing is hard-coded.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  SL_ARTICLE_SCRIPT,    /* runs at the top level (the Counter, the Queue) */
  SL_ARTICLE_ENDPOINT,  /* defines a Flask app: served on 127.0.0.1 and sent requests at once */
} SlArticleKind;

typedef struct {
  const char    *id;            /* "counter", "queue", "flask-threads", "flask-processes" */
  const char    *title;         /* untranslated: pass it to _() */
  const char    *claim;         /* what the article says of it, untranslated */
  const char    *reason;        /* why the corrected version differs, untranslated */
  SlArticleKind  kind;
  const char    *module;        /* the example as written: module name and source */
  const char    *source;
  const char    *fixed_module;  /* the corrected version */
  const char    *fixed_source;
} SlArticleCheck;

/* The checks in the article's order: an array of *n_checks. */
const SlArticleCheck *sl_article_check_list (guint *n_checks);
const SlArticleCheck *sl_article_check_lookup (const char *id);

typedef struct {
  double       timeout_s;    /* how long an example may run or wait before it counts as blocked */
  guint        fib_n;        /* the endpoints' /fib/<n> */
  guint        concurrent;   /* requests sent to an endpoint at once */
  const char  *server_url;   /* nullable: each run starts the built-in server on 127.0.0.1 */
} SlArticleOptions;

/* 5 s, fib(27), 4 requests at once, a server of its own. */
void sl_article_options_init (SlArticleOptions *options);

typedef enum {
  SL_ARTICLE_OK,          /* ran to the end (an endpoint: every request answered 200) */
  SL_ARTICLE_EXCEPTION,   /* raised, or answered a request with an error */
  SL_ARTICLE_BLOCKED,     /* still running or waiting when its time was up */
  SL_ARTICLE_NOT_RUN,     /* could not be run: no python runtime, the worker failed */
} SlArticleStatus;

typedef struct {
  SlArticleStatus  status;
  char            *exception_type;     /* "" when none; for BLOCKED, what its futures raised */
  char            *exception_message;
  char            *traceback;
  guint            line;               /* of the example: where it raised or waits; 0: unknown */
  char            *line_text;
  char            *waiting_in;         /* BLOCKED: the function it waits in, "get() in queues.py" */
  char            *result;             /* OK: what it printed, or an endpoint's first answer */
  char            *output;             /* everything it printed */
  double           elapsed_s;
  guint            futures_total;      /* the futures it kept in its variables */
  guint            futures_failed;
  guint            futures_pending;
  guint            n_requests;         /* ENDPOINT: requests sent, answered 200, how long */
  guint            n_requests_ok;
  double           requests_elapsed_s;
  char            *url;                /* ENDPOINT: the URL requested */
  GStrv            stand_ins;          /* modules the interpreter lacks: "requests", "flask" */
  GStrv            urls;               /* pairs: the article's URL, the built-in server's */
  char            *code;               /* the source as it ran */
  char            *error;              /* NOT_RUN: why */
} SlArticleOutcome;

typedef struct {
  const SlArticleCheck *check;
  SlArticleOutcome      as_written;
  SlArticleOutcome      corrected;
  GHashTable           *runtime;       /* char* -> char*: the interpreter that ran it */
} SlArticleReport;

void sl_article_report_free (SlArticleReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlArticleReport, sl_article_report_free)

/* Runs `check` as written and corrected. Never fails: a version that could not run is
 * SL_ARTICLE_NOT_RUN with the reason; NULL only when `cancellable` was cancelled (`error`). */
SlArticleReport *sl_article_check_run (const SlArticleCheck    *check,
                                       const SlArticleOptions  *options,
                                       GCancellable            *cancellable,
                                       GError                 **error);
/* The same on a thread of GLib's pool; the callback comes in the caller's thread-default main
 * context. `options` is copied. */
void             sl_article_check_run_async  (const SlArticleCheck    *check,
                                              const SlArticleOptions  *options,
                                              GCancellable            *cancellable,
                                              GAsyncReadyCallback      callback,
                                              gpointer                 user_data);
SlArticleReport *sl_article_check_run_finish (GAsyncResult            *result,
                                              GError                 **error);

/* For a person, translated: the outcome in a line ("RuntimeError: Queue objects should only be
 * shared…", "Ran to the end"), then what else it did, one sentence each; then how it was run
 * (a stand-in for a module the interpreter lacks, the URLs pointed at the built-in server), the
 * same for both versions of a check. */
char      *sl_article_outcome_headline (const SlArticleOutcome *outcome);
GPtrArray *sl_article_outcome_details (const SlArticleOutcome *outcome);
GPtrArray *sl_article_outcome_notes (const SlArticleOutcome *outcome);
/* The notes of both versions of `report`, each once. */
GPtrArray *sl_article_report_notes (const SlArticleReport *report);
const char *sl_article_status_to_string (SlArticleStatus status);
/* "Run by CPython 3.11.2 (start method fork, 2 CPUs) in speedup-lab-worker"; NULL for NULL. */
char      *sl_article_describe_runtime (GHashTable *runtime);

/* The document "speedup-lab-article/1": the interpreter and every report, both versions. */
JsonNode  *sl_article_reports_to_json (GPtrArray *reports);

G_END_DECLS
