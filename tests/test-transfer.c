/* test-transfer.c: the transfer experiment: every channel delivers every byte (the counts and
 * the checksum of what the parent read are what was sent), Python and C build the same bytes,
 * a point that lost a byte is never complete, and the settings are checked. */
#define G_LOG_DOMAIN "test-transfer"

#include "config.h"

#include <math.h>

#include "sl-transfer.h"
#include "sl-test-util.h"

static SlTransferResult *
run (const char * const *ids,
     const guint64      *sizes,
     guint               n_sizes,
     guint               max_messages)
{
  SlTransferSpec spec;
  g_autoptr(GError) error = NULL;
  SlTransferResult *result;

  sl_transfer_spec_init (&spec);
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (spec.channels, (gpointer) sl_transfer_channel_lookup (ids[i]));
  g_array_append_vals (spec.sizes, sizes, n_sizes);
  spec.budget = 4 * 1024 * 1024;
  spec.max_messages = max_messages;

  result = sl_transfer_run (&spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->points->len, ==, g_strv_length ((char **) ids) * n_sizes);
  sl_transfer_spec_clear (&spec);

  return result;
}

static void
assert_complete (const SlTransferResult *result)
{
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlTransferPoint *point = result->points->pdata[i];

      g_test_message ("%s, %" G_GUINT64_FORMAT " B: %u messages, %.1f MB/s, p50 %.6f s",
                      point->channel->id, point->size, point->messages,
                      sl_transfer_point_throughput_mb_s (point), point->latency_p50_s);
      g_assert_cmpstr (point->error, ==, NULL);
      g_assert_cmpuint (point->expected_messages, >, 0);
      g_assert_cmpuint (point->messages, ==, point->expected_messages);
      g_assert_cmpuint (point->bytes, ==, point->expected_bytes);
      g_assert_cmpuint (point->bytes, ==, point->size * point->messages);
      g_assert_cmphex (point->checksum, ==, point->expected_checksum);
      g_assert_true (sl_transfer_point_is_complete (point));
      g_assert_cmpfloat (point->elapsed_s, >, 0);
      g_assert_true (isfinite (point->latency_p50_s));
      g_assert_cmpfloat (point->latency_p50_s, <=, point->latency_p99_s);
      g_assert_cmpfloat (point->latency_p99_s, <=, point->latency_max_s);
      g_assert_cmpfloat (point->cpu_s, >=, 0);
    }
}

static void
test_parse_size (void)
{
  guint64 size;

  g_assert_true (sl_transfer_parse_size ("100", &size));
  g_assert_cmpuint (size, ==, 100);
  g_assert_true (sl_transfer_parse_size ("4K", &size));
  g_assert_cmpuint (size, ==, 4096);
  g_assert_true (sl_transfer_parse_size (" 16 MiB ", &size));
  g_assert_cmpuint (size, ==, 16 * 1024 * 1024);
  g_assert_true (sl_transfer_parse_size ("1g", &size));
  g_assert_cmpuint (size, ==, 1024 * 1024 * 1024);
  g_assert_true (sl_transfer_parse_size ("12B", &size));
  g_assert_cmpuint (size, ==, 12);
  g_assert_false (sl_transfer_parse_size ("", &size));
  g_assert_false (sl_transfer_parse_size ("-1", &size));
  g_assert_false (sl_transfer_parse_size ("4X", &size));
  g_assert_false (sl_transfer_parse_size ("K", &size));
  g_assert_false (sl_transfer_parse_size ("99999999999999999999G", &size));
}

static void
test_spec (void)
{
  SlTransferSpec spec;
  guint64 tiny = 8;
  GError *error = NULL;

  sl_transfer_spec_init (&spec);
  g_assert_true (sl_transfer_spec_check (&spec, &error));
  /* The budget split, within 2 and 2000 messages a worker. */
  g_assert_cmpuint (sl_transfer_spec_messages (&spec, 100), ==, 2000);
  g_assert_cmpuint (sl_transfer_spec_messages (&spec, 1024 * 1024), ==, 32);
  g_assert_cmpuint (sl_transfer_spec_messages (&spec, 64 * 1024 * 1024), ==, 2);

  g_array_append_val (spec.sizes, tiny);
  g_assert_false (sl_transfer_spec_check (&spec, &error));
  sl_test_assert_invalid_input (error, "Payload size 8 bytes");
  g_clear_error (&error);

  g_array_set_size (spec.sizes, 0);
  spec.workers = 0;
  g_assert_false (sl_transfer_spec_check (&spec, &error));
  sl_test_assert_invalid_input (error, "Worker count 0");
  g_clear_error (&error);
  sl_transfer_spec_clear (&spec);
}

/* A point that lost a byte, or read a wrong one, is not complete. */
static void
test_incomplete (void)
{
  SlTransferChannel channel = { "c-pipe", "", FALSE };
  SlTransferPoint point = { &channel, 100, 4, 4, 400, 400, 42, 42, 1, 1, 0, 0, 0, 0, NULL };

  g_assert_true (sl_transfer_point_is_complete (&point));
  point.checksum = 43;
  g_assert_false (sl_transfer_point_is_complete (&point));
  point.checksum = 42;
  point.bytes = 399;
  g_assert_false (sl_transfer_point_is_complete (&point));
  point.bytes = 400;
  point.messages = 3;
  g_assert_false (sl_transfer_point_is_complete (&point));
}

static void
test_native (void)
{
  const char *ids[] = { "c-pipe", "c-shm-ring", NULL };
  const guint64 sizes[] = { 100, 65536, 3 * 1024 * 1024 + 7 };
  g_autoptr(SlTransferResult) result = run (ids, sizes, G_N_ELEMENTS (sizes), 300);

  assert_complete (result);
  g_assert_null (result->runtime);
  sl_test_assert_no_children ();
}

static void
test_python (void)
{
  const char *ids[] = { "queue", "pipe", "shared-memory", "manager", "futures", NULL };
  const guint64 sizes[] = { 100, 200 * 1024 + 3 };
  g_autoptr(SlTransferResult) result = NULL;

  if (sl_test_skip_without_python ())
    return;

  result = run (ids, sizes, G_N_ELEMENTS (sizes), 40);
  assert_complete (result);
  g_assert_nonnull (result->runtime);

  /* Python built the very bytes C would have: the same expected checksums. */
  for (guint i = 0; i < result->points->len; i++)
    {
      const SlTransferPoint *point = result->points->pdata[i];

      g_assert_cmphex (point->expected_checksum, ==,
                       sl_transfer_expected_checksum (point->size, result->workers,
                                                      point->expected_messages /
                                                      result->workers));
    }
}

static void
test_document (void)
{
  const char *ids[] = { "c-pipe", NULL };
  const guint64 sizes[] = { 1000 };
  g_autoptr(SlTransferResult) result = run (ids, sizes, 1, 10);
  g_autoptr(JsonNode) root = sl_transfer_result_to_json (result);
  JsonObject *object = json_node_get_object (root);
  JsonObject *point = json_array_get_object_element (json_object_get_array_member (object,
                                                                                   "points"), 0);

  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==,
                   "speedup-lab-transfer/1");
  g_assert_true (json_object_has_member (object, "system"));
  g_assert_cmpstr (json_object_get_string_member (point, "channel"), ==, "c-pipe");
  g_assert_cmpint (json_object_get_int_member (point, "size"), ==, 1000);
  g_assert_cmpint (json_object_get_int_member (point, "messages"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (point, "bytes"), ==, 20000);
  g_assert_true (json_object_get_boolean_member (point, "complete"));
  g_assert_cmpstr (json_object_get_string_member (point, "checksum"), ==,
                   json_object_get_string_member (point, "expected_checksum"));
  g_assert_true (json_object_has_member (json_object_get_object_member (point, "latency_s"),
                                         "p99"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transfer/parse-size", test_parse_size);
  g_test_add_func ("/transfer/spec", test_spec);
  g_test_add_func ("/transfer/incomplete", test_incomplete);
  g_test_add_func ("/transfer/native", test_native);
  g_test_add_func ("/transfer/python", test_python);
  g_test_add_func ("/transfer/document", test_document);

  return g_test_run ();
}
