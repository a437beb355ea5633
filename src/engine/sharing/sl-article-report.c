/* sl-article-report.c: an article check's outcome in words, and the checks as a JSON document.
 *
 * The words are the person's language; the document, like every file Speedup Lab writes, is in
 * C (untranslated texts, decimal points).
 */
#define G_LOG_DOMAIN "sl-article"

#include "config.h"

#include <math.h>

#include "sl-article.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-sharing-common.h"

#define DOCUMENT_FORMAT "speedup-lab-article/1"
/* What a detail quotes of the code's output; the document keeps all of it. */
#define MAX_RESULT_CHARS 160

const char *
sl_article_status_to_string (SlArticleStatus status)
{
  switch (status)
    {
    case SL_ARTICLE_OK: return "ok";
    case SL_ARTICLE_EXCEPTION: return "exception";
    case SL_ARTICLE_BLOCKED: return "blocked";
    case SL_ARTICLE_NOT_RUN: return "not-run";
    default: return "?";
    }
}

static const char *
lookup_or (GHashTable *table,
           const char *key,
           const char *fallback)
{
  const char *value = g_hash_table_lookup (table, key);

  return value != NULL && value[0] != '\0' ? value : fallback;
}

char *
sl_article_describe_runtime (GHashTable *runtime)
{
  if (runtime == NULL)
    return NULL;

  return g_strdup_printf (_("Run by %s %s (start method %s, %s CPUs) in speedup-lab-worker"),
                          lookup_or (runtime, "implementation", "Python"),
                          lookup_or (runtime, "python_version", "?"),
                          lookup_or (runtime, "start_method", "?"),
                          lookup_or (runtime, "cpu_count", "?"));
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

char *
sl_article_outcome_headline (const SlArticleOutcome *outcome)
{
  g_return_val_if_fail (outcome != NULL, NULL);

  /* What the interpreter raised comes first, even where the code then waited for ever. */
  if (outcome->status != SL_ARTICLE_NOT_RUN && has_text (outcome->exception_type))
    return has_text (outcome->exception_message)
             ? g_strdup_printf ("%s: %s", outcome->exception_type, outcome->exception_message)
             : g_strdup (outcome->exception_type);

  switch (outcome->status)
    {
    case SL_ARTICLE_OK:
      return g_strdup (_("Ran to the end"));
    case SL_ARTICLE_BLOCKED:
      return g_strdup_printf (_("Still waiting after %.1f s"), outcome->elapsed_s);
    case SL_ARTICLE_NOT_RUN:
      return g_strdup_printf (_("Not run: %s"), outcome->error);
    case SL_ARTICLE_EXCEPTION:
    default:
      return g_strdup (_("Failed"));
    }
}

static char *
shorten (const char *text,
         glong       max_chars)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, max_chars);
  return g_strconcat (start, "…", NULL);
}

static void
add_futures (GPtrArray              *details,
             const SlArticleOutcome *outcome)
{
  guint total = outcome->futures_total;

  if (total == 0 || (outcome->futures_failed == 0 && outcome->futures_pending == 0))
    return;

  if (outcome->futures_failed == total)
    g_ptr_array_add (details, g_strdup_printf (NG_("Its one future failed",
                                                   "All %u of its futures failed", total),
                                               total));
  else if (outcome->futures_failed > 0)
    g_ptr_array_add (details, g_strdup_printf (NG_("%u of its %u future failed",
                                                   "%u of its %u futures failed", total),
                                               outcome->futures_failed, total));
  if (outcome->futures_pending > 0)
    g_ptr_array_add (details, g_strdup_printf (NG_("%u of its %u future never finished",
                                                   "%u of its %u futures never finished", total),
                                               outcome->futures_pending, total));
}

static void
add_stand_ins (GPtrArray              *details,
               const SlArticleOutcome *outcome)
{
  gboolean flask_stand_in = FALSE;

  for (guint i = 0; outcome->stand_ins != NULL && outcome->stand_ins[i] != NULL; i++)
    {
      if (g_str_equal (outcome->stand_ins[i], "requests"))
        g_ptr_array_add (details, g_strdup (_("requests is not installed in this interpreter: "
                                              "a stand-in took its name, requests.get() on "
                                              "urllib.request")));
      else if (g_str_equal (outcome->stand_ins[i], "flask"))
        {
          flask_stand_in = TRUE;
          g_ptr_array_add (details, g_strdup (_("Flask is not installed in this interpreter: a "
                                                "stand-in took its name, Flask's route() and "
                                                "jsonify() served by the standard library's "
                                                "http.server")));
        }
    }

  if (has_text (outcome->url) && !flask_stand_in)
    g_ptr_array_add (details, g_strdup (_("Flask's app served by the standard library's "
                                          "http.server (wsgiref) on 127.0.0.1")));
}

static void
add_urls (GPtrArray              *details,
          const SlArticleOutcome *outcome)
{
  g_autoptr(GString) pairs = g_string_new (NULL);

  for (guint i = 0; outcome->urls != NULL && outcome->urls[i] != NULL &&
                    outcome->urls[i + 1] != NULL; i += 2)
    g_string_append_printf (pairs, "%s%s → %s", pairs->len > 0 ? ", " : "", outcome->urls[i],
                            outcome->urls[i + 1]);

  if (pairs->len > 0)
    g_ptr_array_add (details, g_strdup_printf (_("The article's URLs point at the built-in "
                                                 "server: %s"), pairs->str));
}

GPtrArray *
sl_article_outcome_details (const SlArticleOutcome *outcome)
{
  GPtrArray *details = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (outcome != NULL, details);

  if (outcome->status == SL_ARTICLE_NOT_RUN)
    return details;

  if (outcome->status == SL_ARTICLE_BLOCKED && outcome->line > 0)
    g_ptr_array_add (details, g_strdup_printf (_("Still waiting after %.1f s at line %u: %s "
                                                 "(in %s)"),
                                               outcome->elapsed_s, outcome->line,
                                               outcome->line_text, outcome->waiting_in));
  else if (outcome->status == SL_ARTICLE_BLOCKED)
    g_ptr_array_add (details, g_strdup_printf (_("Still waiting after %.1f s"),
                                               outcome->elapsed_s));
  else if (outcome->status == SL_ARTICLE_EXCEPTION && outcome->line > 0)
    g_ptr_array_add (details, g_strdup_printf (_("Raised at line %u: %s"), outcome->line,
                                               outcome->line_text));

  add_futures (details, outcome);

  if (outcome->n_requests > 0)
    g_ptr_array_add (details,
                     g_strdup_printf (NG_("%u request to %s: %u answered 200 OK, after "
                                          "%.3f s",
                                          "%u requests at once to %s: %u answered 200 OK, the "
                                          "last after %.3f s", outcome->n_requests),
                                      outcome->n_requests, outcome->url, outcome->n_requests_ok,
                                      outcome->requests_elapsed_s));

  if (outcome->status == SL_ARTICLE_OK && has_text (outcome->result))
    {
      g_autofree char *shown = shorten (outcome->result, MAX_RESULT_CHARS);

      g_ptr_array_add (details, g_strdup_printf (has_text (outcome->url) ? _("Answered: %s")
                                                                         : _("Printed: %s"),
                                                 shown));
    }

  return details;
}

GPtrArray *
sl_article_outcome_notes (const SlArticleOutcome *outcome)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (outcome != NULL, notes);

  if (outcome->status != SL_ARTICLE_NOT_RUN)
    {
      add_stand_ins (notes, outcome);
      add_urls (notes, outcome);
    }

  return notes;
}

GPtrArray *
sl_article_report_notes (const SlArticleReport *report)
{
  g_autoptr(GPtrArray) corrected = NULL;
  GPtrArray *notes;

  g_return_val_if_fail (report != NULL, NULL);

  notes = sl_article_outcome_notes (&report->as_written);
  corrected = sl_article_outcome_notes (&report->corrected);
  for (guint i = 0; i < corrected->len; i++)
    if (!g_ptr_array_find_with_equal_func (notes, corrected->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (notes, g_strdup (corrected->pdata[i]));

  return notes;
}

/* ---- the document ---- */

static void
add_strv (JsonBuilder *builder,
          const char  *key,
          GStrv        strv,
          gboolean     pairs)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (pairs && strv[i + 1] == NULL)
        break;
      if (pairs)
        {
          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, strv[i]);
          json_builder_add_string_value (builder, strv[++i]);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_string_value (builder, strv[i]);
    }
  json_builder_end_array (builder);
}

static void
add_outcome (JsonBuilder            *builder,
             const char             *key,
             const SlArticleOutcome *outcome)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_object (builder);
  sl_json_add_string (builder, "status", sl_article_status_to_string (outcome->status));
  sl_json_add_string (builder, "exception_type", outcome->exception_type);
  sl_json_add_string (builder, "exception_message", outcome->exception_message);
  sl_json_add_string (builder, "traceback", outcome->traceback);
  sl_json_add_int (builder, "line", outcome->line);
  sl_json_add_string (builder, "line_text", outcome->line_text);
  sl_json_add_string (builder, "waiting_in", outcome->waiting_in);
  sl_json_add_string (builder, "result", outcome->result);
  sl_json_add_string (builder, "output", outcome->output);
  sl_json_add_double (builder, "elapsed_s", outcome->elapsed_s);

  json_builder_set_member_name (builder, "futures");
  json_builder_begin_object (builder);
  sl_json_add_int (builder, "total", outcome->futures_total);
  sl_json_add_int (builder, "failed", outcome->futures_failed);
  sl_json_add_int (builder, "pending", outcome->futures_pending);
  json_builder_end_object (builder);

  if (has_text (outcome->url))
    {
      json_builder_set_member_name (builder, "requests");
      json_builder_begin_object (builder);
      sl_json_add_string (builder, "url", outcome->url);
      sl_json_add_int (builder, "sent", outcome->n_requests);
      sl_json_add_int (builder, "ok", outcome->n_requests_ok);
      sl_json_add_double (builder, "elapsed_s", outcome->requests_elapsed_s);
      json_builder_end_object (builder);
    }

  add_strv (builder, "stand_ins", outcome->stand_ins, FALSE);
  add_strv (builder, "urls", outcome->urls, TRUE);
  sl_json_add_string (builder, "code", outcome->code);
  sl_json_add_string (builder, "error", outcome->error);
  json_builder_end_object (builder);
}

JsonNode *
sl_article_reports_to_json (GPtrArray *reports)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  GHashTable *runtime = NULL;

  g_return_val_if_fail (reports != NULL, NULL);

  for (guint i = 0; i < reports->len && runtime == NULL; i++)
    runtime = ((SlArticleReport *) reports->pdata[i])->runtime;

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "format", DOCUMENT_FORMAT);
  sl_json_add_string (builder, "created", created);

  sl_sharing_add_runtime (builder, runtime);

  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reports->len; i++)
    {
      const SlArticleReport *report = reports->pdata[i];

      json_builder_begin_object (builder);
      sl_json_add_string (builder, "id", report->check->id);
      sl_json_add_string (builder, "title", report->check->title);
      sl_json_add_string (builder, "claim", report->check->claim);
      sl_json_add_string (builder, "reason", report->check->reason);
      sl_json_add_string (builder, "kind", report->check->kind == SL_ARTICLE_ENDPOINT
                                             ? "endpoint" : "script");
      add_outcome (builder, "as_written", &report->as_written);
      add_outcome (builder, "corrected", &report->corrected);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
