/* sl-transfer.c: the transfer experiment: its channels and settings, running it, and its
 * document.
 *
 * The Python channels run in one worker (python/transfer.py), which reports every point with
 * its counts and checksums; the native ones run here (sl-transfer-native.c). The expected
 * checksums of the native points are computed here, apart from what the parent read.
 */
#define G_LOG_DOMAIN "sl-transfer"

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-error.h"
#include "sl-i18n.h"
#include "sl-json.h"
#include "sl-sharing-common.h"
#include "sl-transfer.h"

#define DOCUMENT_FORMAT  "speedup-lab-transfer/1"
#define PYTHON_TIMEOUT_S 3600

static const SlTransferChannel channels[] = {
  { "queue", N_("multiprocessing.Queue"), TRUE },
  { "pipe", N_("multiprocessing.Pipe"), TRUE },
  { "shared-memory", N_("shared_memory.SharedMemory, slots named over a Pipe"), TRUE },
  { "manager", N_("A Manager's queue (a proxy)"), TRUE },
  { "futures", N_("Values returned by ProcessPoolExecutor's futures"), TRUE },
  { "c-pipe", N_("C: a pipe"), FALSE },
  { "c-shm-ring", N_("C: a ring of two slots in shared memory"), FALSE },
};

static const guint64 default_sizes[] = {
  100, 1024, 10 * 1024, 100 * 1024, 1024 * 1024, 16 * 1024 * 1024,
};

const SlTransferChannel *
sl_transfer_channel_list (guint *n_channels)
{
  if (n_channels != NULL)
    *n_channels = G_N_ELEMENTS (channels);

  return channels;
}

const SlTransferChannel *
sl_transfer_channel_lookup (const char *id)
{
  return sl_sharing_lookup (channels, G_N_ELEMENTS (channels), sizeof channels[0], id);
}

void
sl_transfer_spec_init (SlTransferSpec *spec)
{
  g_return_if_fail (spec != NULL);

  spec->workers = 2;
  spec->sizes = g_array_new (FALSE, FALSE, sizeof (guint64));
  spec->channels = g_ptr_array_new ();
  spec->budget = G_GUINT64_CONSTANT (64) * 1024 * 1024;
  spec->min_messages = 2;
  spec->max_messages = 2000;
}

void
sl_transfer_spec_clear (SlTransferSpec *spec)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->sizes, g_array_unref);
  g_clear_pointer (&spec->channels, g_ptr_array_unref);
}

gboolean
sl_transfer_spec_check (const SlTransferSpec  *spec,
                        GError               **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec->workers < 1 || spec->workers > SL_TRANSFER_MAX_WORKERS)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Worker count %u is out of range 1–%u"), spec->workers,
                   SL_TRANSFER_MAX_WORKERS);
      return FALSE;
    }
  for (guint i = 0; spec->sizes != NULL && i < spec->sizes->len; i++)
    {
      guint64 size = g_array_index (spec->sizes, guint64, i);

      if (size < SL_TRANSFER_MIN_SIZE || size > SL_TRANSFER_MAX_SIZE)
        {
          g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                       _("Payload size %" PRIu64 " bytes is out of range %d bytes–%d MiB"),
                       (uint64_t) size, SL_TRANSFER_MIN_SIZE,
                       (int) (SL_TRANSFER_MAX_SIZE / (1024 * 1024)));
          return FALSE;
        }
    }
  if (spec->min_messages < 1 || spec->min_messages > spec->max_messages ||
      spec->max_messages > SL_TRANSFER_MAX_MESSAGES)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT,
                   _("Messages per worker must be 1–%u, the least no more than the most"),
                   SL_TRANSFER_MAX_MESSAGES);
      return FALSE;
    }

  return TRUE;
}

guint
sl_transfer_spec_messages (const SlTransferSpec *spec,
                           guint64               size)
{
  guint64 n;

  g_return_val_if_fail (spec != NULL && size > 0 && spec->workers > 0, 0);

  n = spec->budget / (size * spec->workers);
  return (guint) CLAMP (n, (guint64) spec->min_messages, (guint64) spec->max_messages);
}

gboolean
sl_transfer_parse_size (const char *text,
                        guint64    *out)
{
  static const struct {
    const char *suffix;
    guint64     unit;
  } units[] = {
    { "", 1 }, { "b", 1 },
    { "k", 1 << 10 }, { "kb", 1 << 10 }, { "kib", 1 << 10 },
    { "m", 1 << 20 }, { "mb", 1 << 20 }, { "mib", 1 << 20 },
    { "g", 1 << 30 }, { "gb", 1 << 30 }, { "gib", 1 << 30 },
  };
  g_autofree char *rest = NULL;
  char *end = NULL;
  guint64 value;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  rest = g_strstrip (g_strdup (end));

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (rest, units[i].suffix) == 0 && value <= G_MAXUINT64 / units[i].unit)
      {
        *out = value * units[i].unit;
        return TRUE;
      }

  return FALSE;
}

gboolean
sl_transfer_point_is_complete (const SlTransferPoint *point)
{
  g_return_val_if_fail (point != NULL, FALSE);

  return point->error == NULL && point->messages == point->expected_messages &&
         point->expected_messages > 0 && point->bytes == point->expected_bytes &&
         point->checksum == point->expected_checksum;
}

double
sl_transfer_point_throughput_mb_s (const SlTransferPoint *point)
{
  g_return_val_if_fail (point != NULL, NAN);

  if (!(point->elapsed_s > 0) || point->messages == 0)
    return NAN;
  return point->bytes / point->elapsed_s / 1e6;
}

static void
point_free (gpointer data)
{
  SlTransferPoint *point = data;

  g_free (point->error);
  g_free (point);
}

void
sl_transfer_result_free (SlTransferResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->points, g_ptr_array_unref);
  g_clear_pointer (&result->runtime, g_hash_table_unref);
  g_clear_pointer (&result->system, sl_sysinfo_free);
  g_free (result->created);
  g_free (result);
}

static SlTransferPoint *
new_point (const SlTransferChannel *channel,
           guint64                  size)
{
  SlTransferPoint *point = g_new0 (SlTransferPoint, 1);

  point->channel = channel;
  point->size = size;
  point->elapsed_s = point->cpu_s = NAN;
  point->latency_p50_s = point->latency_p90_s = point->latency_p99_s = NAN;
  point->latency_max_s = NAN;

  return point;
}

static char *
build_python_request (const SlTransferSpec *spec,
                      GPtrArray            *points)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  sl_json_add_int (builder, "workers", spec->workers);
  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < points->len; i++)
    {
      SlTransferPoint *point = points->pdata[i];

      if (!point->channel->python)
        continue;
      json_builder_begin_object (builder);
      sl_json_add_string (builder, "channel", point->channel->id);
      sl_json_add_int (builder, "size", (gint64) point->size);
      sl_json_add_int (builder, "messages", sl_transfer_spec_messages (spec, point->size));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static guint64
hex_member (JsonObject *object,
            const char *key)
{
  const char *text = json_object_get_string_member_with_default (object, key, "");

  return g_ascii_strtoull (text, NULL, 16);
}

static void
read_python_point (JsonObject      *report,
                   SlTransferPoint *point)
{
  const char *problem = json_object_get_string_member_with_default (report, "error", "");
  JsonObject *latency = json_object_has_member (report, "latency_s")
                          ? json_object_get_object_member (report, "latency_s") : NULL;

  if (problem[0] != '\0')
    point->error = g_strdup (problem);
  point->messages = (guint) json_object_get_int_member_with_default (report, "messages", 0);
  point->expected_messages = (guint) json_object_get_int_member_with_default (
    report, "expected_messages", 0);
  point->bytes = (guint64) json_object_get_int_member_with_default (report, "bytes", 0);
  point->expected_bytes = (guint64) json_object_get_int_member_with_default (
    report, "expected_bytes", 0);
  point->checksum = hex_member (report, "checksum");
  point->expected_checksum = hex_member (report, "expected_checksum");
  point->elapsed_s = json_object_get_double_member_with_default (report, "elapsed_s", NAN);
  point->cpu_s = json_object_get_double_member_with_default (report, "cpu_s", NAN);
  if (latency != NULL)
    {
      point->latency_p50_s = json_object_get_double_member_with_default (latency, "p50", NAN);
      point->latency_p90_s = json_object_get_double_member_with_default (latency, "p90", NAN);
      point->latency_p99_s = json_object_get_double_member_with_default (latency, "p99", NAN);
      point->latency_max_s = json_object_get_double_member_with_default (latency, "max", NAN);
    }
}

static gboolean
run_python (const SlTransferSpec  *spec,
            SlTransferResult      *out,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autofree char *request = build_python_request (spec, out->points);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *reports = NULL;
  guint next = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < out->points->len && !any; i++)
    any = ((SlTransferPoint *) out->points->pdata[i])->channel->python;
  if (!any)
    return TRUE;

  root = sl_sharing_run_script ("transfer", request, PYTHON_TIMEOUT_S, parser, cancellable,
                                &local_error);
  if (root == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (root != NULL)
    {
      if (json_object_has_member (root, "runtime"))
        out->runtime = sl_sharing_read_runtime (json_object_get_object_member (root, "runtime"));
      if (json_object_has_member (root, "points"))
        reports = json_object_get_array_member (root, "points");
    }

  /* The reports come in the order of the request: the Python points, in order. */
  for (guint i = 0; i < out->points->len; i++)
    {
      SlTransferPoint *point = out->points->pdata[i];
      JsonObject *report;

      if (!point->channel->python)
        continue;
      report = reports != NULL && next < json_array_get_length (reports)
                 ? json_array_get_object_element (reports, next++) : NULL;
      if (report != NULL)
        read_python_point (report, point);
      else
        point->error = g_strdup (local_error != NULL ? local_error->message
                                                     : _("the worker reported nothing for it"));
    }

  return TRUE;
}

SlTransferResult *
sl_transfer_run (const SlTransferSpec  *spec,
                 GCancellable          *cancellable,
                 GError               **error)
{
  g_autoptr(SlTransferResult) out = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_all;
  const SlTransferChannel *all = sl_transfer_channel_list (&n_all);
  gboolean every_channel, every_size;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!sl_transfer_spec_check (spec, error))
    return NULL;

  every_channel = spec->channels == NULL || spec->channels->len == 0;
  every_size = spec->sizes == NULL || spec->sizes->len == 0;
  out = g_new0 (SlTransferResult, 1);
  out->workers = spec->workers;
  out->budget = spec->budget;
  out->points = g_ptr_array_new_with_free_func (point_free);
  out->created = g_date_time_format_iso8601 (now);
  out->system = sl_sysinfo_collect ();
  sl_sysinfo_add_spec_warnings (out->system, spec->workers + 1, TRUE);

  for (guint c = 0; c < (every_channel ? n_all : spec->channels->len); c++)
    for (guint s = 0; s < (every_size ? G_N_ELEMENTS (default_sizes) : spec->sizes->len); s++)
      g_ptr_array_add (out->points,
                       new_point (every_channel ? &all[c] : spec->channels->pdata[c],
                                  every_size ? default_sizes[s]
                                             : g_array_index (spec->sizes, guint64, s)));

  if (!run_python (spec, out, cancellable, error))
    return NULL;

  for (guint i = 0; i < out->points->len; i++)
    {
      SlTransferPoint *point = out->points->pdata[i];
      guint per_worker = sl_transfer_spec_messages (spec, point->size);
      g_autoptr(GError) run_error = NULL;

      if (point->channel->python)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!sl_transfer_run_native (point, spec->workers, per_worker, &run_error))
        point->error = g_strdup (run_error->message);
      point->expected_checksum = sl_transfer_expected_checksum (point->size, spec->workers,
                                                                per_worker);
    }

  return g_steal_pointer (&out);
}

/* ---- the document ---- */

static void
add_point (JsonBuilder           *builder,
           const SlTransferPoint *point)
{
  g_autofree char *checksum = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", point->checksum);
  g_autofree char *expected = g_strdup_printf ("%016" G_GINT64_MODIFIER "x",
                                               point->expected_checksum);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "channel", point->channel->id);
  sl_json_add_bool (builder, "python", point->channel->python);
  sl_json_add_int (builder, "size", (gint64) point->size);
  sl_json_add_int (builder, "messages", point->messages);
  sl_json_add_int (builder, "expected_messages", point->expected_messages);
  sl_json_add_int (builder, "bytes", (gint64) point->bytes);
  sl_json_add_int (builder, "expected_bytes", (gint64) point->expected_bytes);
  sl_json_add_string (builder, "checksum", checksum);
  sl_json_add_string (builder, "expected_checksum", expected);
  sl_json_add_bool (builder, "complete", sl_transfer_point_is_complete (point));
  sl_json_add_double (builder, "elapsed_s", point->elapsed_s);
  sl_json_add_double (builder, "throughput_mb_s", sl_transfer_point_throughput_mb_s (point));
  sl_json_add_double (builder, "cpu_s", point->cpu_s);
  json_builder_set_member_name (builder, "latency_s");
  json_builder_begin_object (builder);
  sl_json_add_double (builder, "p50", point->latency_p50_s);
  sl_json_add_double (builder, "p90", point->latency_p90_s);
  sl_json_add_double (builder, "p99", point->latency_p99_s);
  sl_json_add_double (builder, "max", point->latency_max_s);
  json_builder_end_object (builder);
  if (point->error != NULL)
    sl_json_add_string (builder, "error", point->error);
  json_builder_end_object (builder);
}

JsonNode *
sl_transfer_result_to_json (const SlTransferResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  sl_json_add_string (builder, "format", DOCUMENT_FORMAT);
  sl_json_add_string (builder, "created", result->created);
  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  sl_json_add_int (builder, "workers", result->workers);
  sl_json_add_int (builder, "budget_bytes", (gint64) result->budget);
  json_builder_end_object (builder);
  sl_sharing_add_context (builder, result->system, result->runtime);
  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->points->len; i++)
    add_point (builder, result->points->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
