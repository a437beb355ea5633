/* sl-shared-counter-json.c: a shared-counter result as the document
 * "speedup-lab-shared-counter/1", in C like every file Speedup Lab writes. */
#define G_LOG_DOMAIN "sl-shared-counter"

#include "config.h"

#include "sl-json.h"
#include "sl-sharing-common.h"
#include "sl-shared-counter.h"

#define DOCUMENT_FORMAT "speedup-lab-shared-counter/1"

static void
add_pattern (JsonBuilder                 *builder,
             const SlSharedPatternResult *result)
{
  SlSharedSummary summary;

  sl_shared_pattern_result_summarize (result, &summary);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "id", result->pattern->id);
  sl_json_add_string (builder, "title", result->pattern->title);
  sl_json_add_string (builder, "code", result->pattern->code);
  sl_json_add_string (builder, "runtime", sl_shared_runtime_to_string (result->pattern->runtime));
  sl_json_add_bool (builder, "locked", result->pattern->locked);
  sl_json_add_int (builder, "updates_per_worker", (gint64) result->updates);
  sl_json_add_int (builder, "expected", (gint64) result->expected);
  if (result->error != NULL)
    sl_json_add_string (builder, "error", result->error);

  json_builder_set_member_name (builder, "repetitions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->repetitions->len; i++)
    {
      const SlSharedRepetition *rep = &g_array_index (result->repetitions, SlSharedRepetition, i);

      json_builder_begin_object (builder);
      sl_json_add_int (builder, "observed", (gint64) rep->observed);
      sl_json_add_int (builder, "lost", (gint64) result->expected - (gint64) rep->observed);
      sl_json_add_double (builder, "elapsed_s", rep->elapsed_s);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (result->repetitions->len > 0)
    {
      json_builder_set_member_name (builder, "lost");
      json_builder_begin_object (builder);
      sl_json_add_int (builder, "min", summary.min_lost);
      sl_json_add_int (builder, "median", summary.median_lost);
      sl_json_add_int (builder, "max", summary.max_lost);
      sl_json_add_int (builder, "total", summary.total_lost);
      sl_json_add_int (builder, "repetitions_losing", summary.losing);
      json_builder_end_object (builder);
      sl_json_add_double (builder, "ns_per_update", summary.ns_per_update);
    }
  json_builder_end_object (builder);
}

JsonNode *
sl_shared_counter_result_to_json (const SlSharedCounterResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "format", DOCUMENT_FORMAT);
  sl_json_add_string (builder, "created", result->created);

  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  sl_json_add_int (builder, "workers", result->workers);
  sl_json_add_int (builder, "repetitions", result->repetitions);
  json_builder_set_member_name (builder, "switch_interval_s");
  if (result->switch_interval_s > 0)
    json_builder_add_double_value (builder, result->switch_interval_s);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  sl_sharing_add_context (builder, result->system, result->runtime);

  json_builder_set_member_name (builder, "patterns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->patterns->len; i++)
    add_pattern (builder, result->patterns->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
