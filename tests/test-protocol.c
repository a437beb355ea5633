/* test-protocol.c: frames of the worker protocol survive a pipe, and garbage is refused. */
#define G_LOG_DOMAIN "test-protocol"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sl-error.h"
#include "sl-protocol.h"

typedef struct {
  int read_fd;
  int write_fd;
} Pipe;

static Pipe
open_pipe (void)
{
  int fds[2];
  g_autoptr(GError) error = NULL;

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  g_assert_no_error (error);

  return (Pipe) { fds[0], fds[1] };
}

static void
write_bytes (int         fd,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_protocol_write_all (fd, data, length, &error));
  g_assert_no_error (error);
}

static void
read_frame (SlFrameReader *reader,
            SlFrame       *frame,
            SlFrameType    type)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sl_frame_reader_read (reader, frame, &error), ==, SL_FRAME_READ_OK);
  g_assert_no_error (error);
  g_assert_cmpint (frame->type, ==, type);
}

static void
test_round_trip (void)
{
  Pipe p = open_pipe ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(SlFrameReader) reader = sl_frame_reader_new (p.read_fd);
  g_autoptr(SlParams) params = sl_params_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) info = g_hash_table_new (g_str_hash, g_str_equal);
  SlTaskChunk chunk = { .first = 40, .count = 3, .n_tasks = 100, .base_tasks = 50, .lane = 7 };
  SlUsage usage = { 1.25, 0.5, 12, 34, 5678 };
  SlResultWriter writer;
  SlFrame frame;

  sl_params_set (params, "n", "1000");
  sl_params_set (params, "url", "http://127.0.0.1:8080/ünïcode");
  sl_params_set (params, "empty", "");

  /* Many frames in one write, as the pool sends them. */
  g_hash_table_insert (info, "python_version", "3.11.2");
  g_hash_table_insert (info, "gil_enabled", "true");

  sl_protocol_append_hello (out, 4242);
  sl_protocol_append_config (out, "cpu-sum", SL_RUNTIME_PYTHON, 0.5, 16, params);
  sl_protocol_append_ready (out, NULL);
  sl_protocol_append_ready (out, info);
  sl_protocol_append_error (out, SL_ERROR_UNAVAILABLE, "not here");
  sl_protocol_append_task (out, &chunk);
  sl_protocol_result_begin (&writer, out, 7, 40);
  sl_protocol_result_add (&writer, out, G_MAXUINT64, 123456789, NULL);
  sl_protocol_result_add (&writer, out, 7, 1, "it broke");
  sl_protocol_result_add (&writer, out, 0, 0, NULL);
  sl_protocol_result_end (&writer, out);
  sl_frame_append_empty (out, SL_FRAME_USAGE_REQUEST);
  sl_protocol_append_usage (out, &usage, 3);
  sl_frame_append_empty (out, SL_FRAME_BYE);
  write_bytes (p.write_fd, out->data, out->len);
  close (p.write_fd);

  {
    guint32 version = 0, pid = 0;

    read_frame (reader, &frame, SL_FRAME_HELLO);
    g_assert_true (sl_protocol_parse_hello (&frame, &version, &pid, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (version, ==, SL_PROTOCOL_VERSION);
    g_assert_cmpuint (pid, ==, 4242);
  }

  {
    SlWorkerConfig config;

    read_frame (reader, &frame, SL_FRAME_CONFIG);
    g_assert_true (sl_protocol_parse_config (&frame, &config, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (config.workload_id, ==, "cpu-sum");
    g_assert_cmpint (config.runtime, ==, SL_RUNTIME_PYTHON);
    g_assert_cmpfloat (config.task_timeout_s, ==, 0.5);
    g_assert_cmpuint (config.threads_per_worker, ==, 16);
    g_assert_true (sl_params_equal (config.params, params));
    sl_worker_config_clear (&config);
  }

  {
    g_autoptr(GHashTable) got = NULL;

    read_frame (reader, &frame, SL_FRAME_READY);
    g_assert_true (sl_protocol_parse_ready (&frame, &got, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (got), ==, 0);
    g_clear_pointer (&got, g_hash_table_unref);

    read_frame (reader, &frame, SL_FRAME_READY);
    g_assert_true (sl_protocol_parse_ready (&frame, &got, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (got), ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (got, "python_version"), ==, "3.11.2");
    g_assert_cmpstr (g_hash_table_lookup (got, "gil_enabled"), ==, "true");
  }

  {
    g_autoptr(GError) worker_error = NULL;

    read_frame (reader, &frame, SL_FRAME_ERROR);
    g_assert_true (sl_protocol_parse_error (&frame, &worker_error, &error));
    g_assert_no_error (error);
    g_assert_error (worker_error, SL_ERROR, SL_ERROR_UNAVAILABLE);
    g_assert_cmpstr (worker_error->message, ==, "not here");
  }

  {
    SlTaskChunk got;

    read_frame (reader, &frame, SL_FRAME_TASK);
    g_assert_true (sl_protocol_parse_task (&frame, &got, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (got.first, ==, 40);
    g_assert_cmpuint (got.count, ==, 3);
    g_assert_cmpuint (got.n_tasks, ==, 100);
    g_assert_cmpuint (got.base_tasks, ==, 50);
    g_assert_cmpuint (got.lane, ==, 7);
  }

  {
    SlResultEntry entry;
    guint64 first;
    guint32 lane, count;

    read_frame (reader, &frame, SL_FRAME_RESULT);
    g_assert_true (sl_protocol_parse_result_header (&frame, &lane, &first, &count, &error));
    g_assert_cmpuint (lane, ==, 7);
    g_assert_cmpuint (first, ==, 40);
    g_assert_cmpuint (count, ==, 3);

    g_assert_true (sl_protocol_parse_result_entry (&frame, &entry, &error));
    g_assert_true (entry.ok);
    g_assert_cmpuint (entry.checksum, ==, G_MAXUINT64);
    g_assert_cmpuint (entry.latency_ns, ==, 123456789);
    g_assert_null (entry.error);

    g_assert_true (sl_protocol_parse_result_entry (&frame, &entry, &error));
    g_assert_false (entry.ok);
    g_assert_cmpstr (entry.error, ==, "it broke");
    g_free (entry.error);

    g_assert_true (sl_protocol_parse_result_entry (&frame, &entry, &error));
    g_assert_true (entry.ok);
    g_assert_no_error (error);
    g_assert_cmpuint (frame.offset, ==, frame.length);
  }

  read_frame (reader, &frame, SL_FRAME_USAGE_REQUEST);

  {
    SlUsage got;
    guint32 stopped = 0;

    read_frame (reader, &frame, SL_FRAME_USAGE);
    g_assert_true (sl_protocol_parse_usage (&frame, &got, &stopped, &error));
    g_assert_no_error (error);
    g_assert_cmpint (memcmp (&got, &usage, sizeof usage), ==, 0);
    g_assert_cmpuint (stopped, ==, 3);
  }

  read_frame (reader, &frame, SL_FRAME_BYE);

  /* The writer closed after a whole frame: a clean end. */
  g_assert_cmpint (sl_frame_reader_read (reader, &frame, &error), ==, SL_FRAME_READ_EOF);
  g_assert_no_error (error);

  close (p.read_fd);
}

/* A frame that arrives a byte at a time is handed out only once it is whole. */
static void
test_byte_at_a_time (void)
{
  Pipe p = open_pipe ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(SlFrameReader) reader = sl_frame_reader_new (p.read_fd);
  g_autoptr(GError) error = NULL;
  SlTaskChunk chunk = { .first = 1, .count = 2, .n_tasks = 3, .base_tasks = 3 };
  SlFrame frame;

  sl_protocol_append_task (out, &chunk);

  for (guint i = 0; i < out->len; i++)
    {
      g_assert_cmpint (sl_frame_reader_next (reader, &frame, &error), ==, SL_FRAME_READ_AGAIN);
      write_bytes (p.write_fd, out->data + i, 1);
      g_assert_cmpint (sl_frame_reader_fill (reader, &error), ==, 1);
      g_assert_no_error (error);
    }

  g_assert_cmpint (sl_frame_reader_next (reader, &frame, &error), ==, SL_FRAME_READ_OK);
  g_assert_cmpint (frame.type, ==, SL_FRAME_TASK);
  g_assert_cmpuint (sl_frame_reader_get_pending (reader), ==, 0);

  close (p.write_fd);
  close (p.read_fd);
}

typedef struct {
  int         fd;
  GByteArray *bytes;
} WriteJob;

static gpointer
writer_thread (gpointer data)
{
  WriteJob *job = data;

  g_assert_true (sl_protocol_write_all (job->fd, job->bytes->data, job->bytes->len, NULL));
  close (job->fd);
  return NULL;
}

/* A frame larger than the pipe and the reader's first buffer. */
static void
test_large_frame (void)
{
  Pipe p = open_pipe ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(SlFrameReader) reader = sl_frame_reader_new (p.read_fd);
  g_autoptr(SlParams) params = sl_params_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (1024 * 1024, 'x');
  WriteJob job = { p.write_fd, out };
  SlWorkerConfig config;
  GThread *thread;
  SlFrame frame;

  sl_params_set (params, "code", big);
  sl_protocol_append_config (out, "python-custom", SL_RUNTIME_PYTHON, 0, 1, params);
  sl_frame_append_empty (out, SL_FRAME_BYE);

  /* The pipe holds less than the frame: write from another thread while this one reads. */
  thread = g_thread_new ("writer", writer_thread, &job);

  read_frame (reader, &frame, SL_FRAME_CONFIG);
  g_assert_true (sl_protocol_parse_config (&frame, &config, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sl_params_lookup (config.params, "code"), ==, big);
  sl_worker_config_clear (&config);
  read_frame (reader, &frame, SL_FRAME_BYE);
  g_assert_cmpint (sl_frame_reader_read (reader, &frame, &error), ==, SL_FRAME_READ_EOF);

  g_thread_join (thread);
  close (p.read_fd);
}

/* Writes raw bytes, closes, and returns the reader's error. */
static GError *
read_garbage (const void *bytes,
              gsize       length)
{
  Pipe p = open_pipe ();
  g_autoptr(SlFrameReader) reader = sl_frame_reader_new (p.read_fd);
  GError *error = NULL;
  SlFrame frame;

  write_bytes (p.write_fd, bytes, length);
  close (p.write_fd);

  g_assert_cmpint (sl_frame_reader_read (reader, &frame, &error), ==, SL_FRAME_READ_ERROR);
  g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
  g_test_message ("%s", error->message);

  close (p.read_fd);
  return error;
}

static void
put_header (guint8  *header,
            guint32  magic,
            guint32  type,
            guint32  length)
{
  guint32 le[3] = { GUINT32_TO_LE (magic), GUINT32_TO_LE (type), GUINT32_TO_LE (length) };

  memcpy (header, le, sizeof le);
}

static void
test_truncated (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  SlTaskChunk chunk = { .first = 0, .count = 1, .n_tasks = 1, .base_tasks = 1 };

  sl_protocol_append_task (out, &chunk);

  /* Half a payload. */
  error = read_garbage (out->data, out->len - 5);
  g_assert_nonnull (strstr (error->message, "ended inside a frame"));
  g_clear_error (&error);

  /* Half a header. */
  error = read_garbage (out->data, 7);
  g_assert_nonnull (strstr (error->message, "ended inside a frame"));
}

static void
test_bad_magic (void)
{
  g_autoptr(GError) error = read_garbage ("Segmentation fault\n", 19);

  g_assert_nonnull (strstr (error->message, "bad magic"));
}

static void
test_unknown_type (void)
{
  guint8 header[SL_FRAME_HEADER_SIZE];
  g_autoptr(GError) error = NULL;

  put_header (header, SL_PROTOCOL_MAGIC, 99, 0);
  error = read_garbage (header, sizeof header);
  g_assert_nonnull (strstr (error->message, "unknown frame type 99"));
  g_clear_error (&error);

  put_header (header, SL_PROTOCOL_MAGIC, 0, 0);
  error = read_garbage (header, sizeof header);
  g_assert_nonnull (strstr (error->message, "unknown frame type 0"));
}

static void
test_oversized (void)
{
  guint8 header[SL_FRAME_HEADER_SIZE];
  g_autoptr(GError) error = NULL;

  /* Refused from the header alone, before any payload arrives or memory is set aside. */
  put_header (header, SL_PROTOCOL_MAGIC, SL_FRAME_RESULT, SL_PROTOCOL_MAX_PAYLOAD + 1);
  error = read_garbage (header, sizeof header);
  g_assert_nonnull (strstr (error->message, "64 MiB"));
  g_clear_error (&error);

  put_header (header, SL_PROTOCOL_MAGIC, SL_FRAME_RESULT, G_MAXUINT32);
  error = read_garbage (header, sizeof header);
  g_assert_nonnull (strstr (error->message, "64 MiB"));
}

/* Parsing a frame whose payload does not match its type. */
static SlFrame
frame_of (SlFrameType   type,
          const guint8 *payload,
          gsize         length)
{
  return (SlFrame) { .type = type, .payload = payload, .length = length };
}

static void
test_bad_payloads (void)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 zeros[64] = { 0 };
  SlTaskChunk chunk;
  SlUsage usage;
  guint32 stopped;
  guint32 version, pid, lane, count;
  guint64 first;
  SlFrame frame;

  frame = frame_of (SL_FRAME_TASK, zeros, 10);
  g_assert_false (sl_protocol_parse_task (&frame, &chunk, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
  g_assert_nonnull (strstr (error->message, "too short"));
  g_clear_error (&error);

  /* Zero tasks, and tasks beyond the batch. */
  frame = frame_of (SL_FRAME_TASK, zeros, 28);
  g_assert_false (sl_protocol_parse_task (&frame, &chunk, &error));
  g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
  g_clear_error (&error);
  {
    SlTaskChunk beyond = { .first = 8, .count = 4, .n_tasks = 10, .base_tasks = 10 };

    sl_protocol_append_task (out, &beyond);
    frame = frame_of (SL_FRAME_TASK, out->data + SL_FRAME_HEADER_SIZE,
                      out->len - SL_FRAME_HEADER_SIZE);
    g_assert_false (sl_protocol_parse_task (&frame, &chunk, &error));
    g_assert_nonnull (strstr (error->message, "outside its batch"));
    g_clear_error (&error);
    g_byte_array_set_size (out, 0);
  }

  /* 5 counters of 8 bytes and the stopped processes' 4, and one byte too many. */
  frame = frame_of (SL_FRAME_USAGE, zeros, 45);
  g_assert_false (sl_protocol_parse_usage (&frame, &usage, &stopped, &error));
  g_assert_nonnull (strstr (error->message, "trailing bytes"));
  g_clear_error (&error);

  /* A RESULT that claims more entries than its payload can hold. */
  {
    SlResultWriter writer;

    sl_protocol_result_begin (&writer, out, 0, 0);
    sl_protocol_result_add (&writer, out, 1, 1, NULL);
    writer.count = 1000;
    sl_protocol_result_end (&writer, out);
    frame = frame_of (SL_FRAME_RESULT, out->data + SL_FRAME_HEADER_SIZE,
                      out->len - SL_FRAME_HEADER_SIZE);
    g_assert_false (sl_protocol_parse_result_header (&frame, &lane, &first, &count, &error));
    g_assert_nonnull (strstr (error->message, "wrong task count"));
    g_clear_error (&error);
    g_byte_array_set_size (out, 0);
  }

  /* A string longer than what is left. */
  {
    guint8 payload[8];
    guint32 le[2] = { GUINT32_TO_LE (SL_ERROR_WORKER), GUINT32_TO_LE (1000) };
    g_autoptr(GError) worker_error = NULL;

    memcpy (payload, le, sizeof le);
    frame = frame_of (SL_FRAME_ERROR, payload, sizeof payload);
    g_assert_false (sl_protocol_parse_error (&frame, &worker_error, &error));
    g_assert_null (worker_error);
    g_assert_nonnull (strstr (error->message, "too short"));
    g_clear_error (&error);
  }

  /* A CONFIG that asks for no thread, or for more than a worker may run. */
  {
    g_autoptr(SlParams) params = sl_params_new ();
    SlWorkerConfig config;

    for (guint i = 0; i < 2; i++)
      {
        sl_protocol_append_config (out, "noop", SL_RUNTIME_NATIVE, 0,
                                   i == 0 ? 0 : SL_PROTOCOL_MAX_LANES + 1, params);
        frame = frame_of (SL_FRAME_CONFIG, out->data + SL_FRAME_HEADER_SIZE,
                          out->len - SL_FRAME_HEADER_SIZE);
        g_assert_false (sl_protocol_parse_config (&frame, &config, &error));
        g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
        g_assert_nonnull (strstr (error->message, "threads"));
        g_clear_error (&error);
        g_byte_array_set_size (out, 0);
      }
  }

  /* A READY whose description is cut short. */
  {
    guint32 le[2] = { GUINT32_TO_LE (2), GUINT32_TO_LE (0) };
    GHashTable *info = NULL;

    frame = frame_of (SL_FRAME_READY, (const guint8 *) le, sizeof le);
    g_assert_false (sl_protocol_parse_ready (&frame, &info, &error));
    g_assert_null (info);
    g_assert_nonnull (strstr (error->message, "too short"));
    g_clear_error (&error);
  }

  /* Another protocol version: refused with a message that says what to do. */
  {
    guint32 le[2] = { GUINT32_TO_LE (SL_PROTOCOL_VERSION + 1), GUINT32_TO_LE (1) };
    g_autofree char *expected = g_strdup_printf ("protocol version %d", SL_PROTOCOL_VERSION + 1);

    frame = frame_of (SL_FRAME_HELLO, (const guint8 *) le, sizeof le);
    g_assert_false (sl_protocol_parse_hello (&frame, &version, &pid, &error));
    g_assert_error (error, SL_ERROR, SL_ERROR_WORKER);
    g_assert_nonnull (strstr (error->message, expected));
    g_assert_nonnull (strstr (error->message, "matching versions"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/round-trip", test_round_trip);
  g_test_add_func ("/protocol/byte-at-a-time", test_byte_at_a_time);
  g_test_add_func ("/protocol/large-frame", test_large_frame);
  g_test_add_func ("/protocol/truncated", test_truncated);
  g_test_add_func ("/protocol/bad-magic", test_bad_magic);
  g_test_add_func ("/protocol/unknown-type", test_unknown_type);
  g_test_add_func ("/protocol/oversized", test_oversized);
  g_test_add_func ("/protocol/bad-payloads", test_bad_payloads);

  return g_test_run ();
}
