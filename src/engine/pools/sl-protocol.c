/* sl-protocol.c: encoding, decoding and framed I/O of the process pool's worker protocol. */
#define G_LOG_DOMAIN "sl-protocol"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-protocol.h"

/* The reader's first buffer; it grows only for frames larger than this. */
#define READER_INITIAL_SIZE (64 * 1024)
/* Space a read() should at least be offered, so that small frames arrive many at a time. */
#define READER_MIN_READ     (16 * 1024)
/* Longest task error message sent in a RESULT frame. */
#define MAX_ERROR_LENGTH    4096

void
sl_protocol_append_hello (GByteArray *out,
                          guint32     pid)
{
  gsize start = sl_frame_begin (out, SL_FRAME_HELLO);

  sl_frame_put_u32 (out, SL_PROTOCOL_VERSION);
  sl_frame_put_u32 (out, pid);
  sl_frame_end (out, start);
}

gboolean
sl_protocol_parse_hello (SlFrame  *frame,
                         guint32  *version,
                         guint32  *pid,
                         GError  **error)
{
  g_assert (frame->type == SL_FRAME_HELLO);

  if (!sl_frame_get_u32 (frame, version))
    return sl_frame_malformed (error, frame, "is too short");

  /* Check the version before anything else: a later version may lay out the rest differently. */
  if (*version != SL_PROTOCOL_VERSION)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   "the worker speaks protocol version %u, but this program speaks version %u; "
                   "install matching versions of Speedup Lab and speedup-lab-worker",
                   *version, SL_PROTOCOL_VERSION);
      return FALSE;
    }

  if (!sl_frame_get_u32 (frame, pid))
    return sl_frame_malformed (error, frame, "is too short");

  return sl_frame_expect_end (frame, error);
}

void
sl_worker_config_clear (SlWorkerConfig *config)
{
  g_clear_pointer (&config->workload_id, g_free);
  g_clear_pointer (&config->params, sl_params_free);
}

void
sl_protocol_append_config (GByteArray     *out,
                           const char     *workload_id,
                           SlRuntime       runtime,
                           double          task_timeout_s,
                           guint32         threads_per_worker,
                           const SlParams *params)
{
  g_autofree const char **names = NULL;
  gsize start = sl_frame_begin (out, SL_FRAME_CONFIG);
  guint n_names = 0;

  names = sl_params_get_names (params, &n_names);

  sl_frame_put_string (out, workload_id);
  sl_frame_put_u32 (out, runtime);
  sl_frame_put_double (out, task_timeout_s);
  sl_frame_put_u32 (out, threads_per_worker);
  sl_frame_put_u32 (out, n_names);
  for (guint i = 0; i < n_names; i++)
    {
      sl_frame_put_string (out, names[i]);
      sl_frame_put_string (out, sl_params_lookup (params, names[i]));
    }
  sl_frame_end (out, start);
}

gboolean
sl_protocol_parse_config (SlFrame         *frame,
                          SlWorkerConfig  *config,
                          GError         **error)
{
  guint32 runtime, threads_per_worker, n_params;

  g_assert (frame->type == SL_FRAME_CONFIG);

  memset (config, 0, sizeof *config);
  config->params = sl_params_new ();

  if (!sl_frame_get_string (frame, &config->workload_id) ||
      !sl_frame_get_u32 (frame, &runtime) ||
      !sl_frame_get_double (frame, &config->task_timeout_s) ||
      !sl_frame_get_u32 (frame, &threads_per_worker) ||
      !sl_frame_get_u32 (frame, &n_params))
    goto short_frame;

  if (runtime >= SL_N_RUNTIMES)
    {
      sl_worker_config_clear (config);
      return sl_frame_malformed (error, frame, "names an unknown runtime");
    }
  config->runtime = runtime;

  if (threads_per_worker == 0 || threads_per_worker > SL_PROTOCOL_MAX_LANES)
    {
      sl_worker_config_clear (config);
      return sl_frame_malformed (error, frame, "asks for a number of threads out of range");
    }
  config->threads_per_worker = threads_per_worker;

  for (guint32 i = 0; i < n_params; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!sl_frame_get_string (frame, &name) || !sl_frame_get_string (frame, &value))
        goto short_frame;
      sl_params_set (config->params, name, value);
    }

  if (!sl_frame_expect_end (frame, error))
    {
      sl_worker_config_clear (config);
      return FALSE;
    }

  return TRUE;

short_frame:
  sl_worker_config_clear (config);
  return sl_frame_malformed (error, frame, "is too short");
}

void
sl_protocol_append_ready (GByteArray *out,
                          GHashTable *info)
{
  g_autofree const char **keys = NULL;
  gsize start = sl_frame_begin (out, SL_FRAME_READY);
  guint n = 0;

  if (info != NULL)
    keys = (const char **) g_hash_table_get_keys_as_array (info, &n);

  sl_frame_put_u32 (out, n);
  for (guint i = 0; i < n; i++)
    {
      sl_frame_put_string (out, keys[i]);
      sl_frame_put_string (out, g_hash_table_lookup (info, keys[i]));
    }
  sl_frame_end (out, start);
}

gboolean
sl_protocol_parse_ready (SlFrame     *frame,
                         GHashTable **info,
                         GError     **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint32 n;

  g_assert (frame->type == SL_FRAME_READY);

  if (!sl_frame_get_u32 (frame, &n))
    return sl_frame_malformed (error, frame, "is too short");

  for (guint32 i = 0; i < n; i++)
    {
      char *key = NULL;
      char *value = NULL;

      if (!sl_frame_get_string (frame, &key) || !sl_frame_get_string (frame, &value))
        {
          g_free (key);
          return sl_frame_malformed (error, frame, "is too short");
        }
      g_hash_table_replace (table, key, value);
    }

  if (!sl_frame_expect_end (frame, error))
    return FALSE;

  *info = g_steal_pointer (&table);
  return TRUE;
}

void
sl_protocol_append_error (GByteArray *out,
                          SlError     code,
                          const char *message)
{
  gsize start = sl_frame_begin (out, SL_FRAME_ERROR);

  sl_frame_put_u32 (out, code);
  sl_frame_put_string (out, message);
  sl_frame_end (out, start);
}

gboolean
sl_protocol_parse_error (SlFrame  *frame,
                         GError  **worker_error,
                         GError  **error)
{
  g_autofree char *message = NULL;
  guint32 code;

  g_assert (frame->type == SL_FRAME_ERROR);

  if (!sl_frame_get_u32 (frame, &code) || !sl_frame_get_string (frame, &message))
    return sl_frame_malformed (error, frame, "is too short");

  if (!sl_frame_expect_end (frame, error))
    return FALSE;

  g_set_error_literal (worker_error, SL_ERROR, code, message);
  return TRUE;
}

void
sl_protocol_append_task (GByteArray        *out,
                         const SlTaskChunk *chunk)
{
  gsize start = sl_frame_begin (out, SL_FRAME_TASK);

  sl_frame_put_u64 (out, chunk->first);
  sl_frame_put_u32 (out, chunk->count);
  sl_frame_put_u64 (out, chunk->n_tasks);
  sl_frame_put_u64 (out, chunk->base_tasks);
  sl_frame_put_u32 (out, chunk->lane);
  sl_frame_end (out, start);
}

gboolean
sl_protocol_parse_task (SlFrame      *frame,
                        SlTaskChunk  *chunk,
                        GError      **error)
{
  g_assert (frame->type == SL_FRAME_TASK);

  if (!sl_frame_get_u64 (frame, &chunk->first) ||
      !sl_frame_get_u32 (frame, &chunk->count) ||
      !sl_frame_get_u64 (frame, &chunk->n_tasks) ||
      !sl_frame_get_u64 (frame, &chunk->base_tasks) ||
      !sl_frame_get_u32 (frame, &chunk->lane))
    return sl_frame_malformed (error, frame, "is too short");

  if (chunk->count == 0 || chunk->base_tasks == 0 || chunk->first > chunk->n_tasks ||
      chunk->count > chunk->n_tasks - chunk->first)
    return sl_frame_malformed (error, frame, "names tasks outside its batch");

  return sl_frame_expect_end (frame, error);
}

void
sl_protocol_result_begin (SlResultWriter *writer,
                          GByteArray     *out,
                          guint32         lane,
                          guint64         first)
{
  writer->start = sl_frame_begin (out, SL_FRAME_RESULT);
  writer->count = 0;
  sl_frame_put_u32 (out, lane);
  sl_frame_put_u64 (out, first);
  sl_frame_put_u32 (out, 0);  /* the count, patched by sl_protocol_result_end() */
}

void
sl_protocol_result_add (SlResultWriter *writer,
                        GByteArray     *out,
                        guint64         checksum,
                        guint64         latency_ns,
                        const char     *error_message)
{
  /* One append per entry: this runs once per task. */
  guint8 entry[17];
  guint64 le;

  le = GUINT64_TO_LE (checksum);
  memcpy (entry, &le, 8);
  le = GUINT64_TO_LE (latency_ns);
  memcpy (entry + 8, &le, 8);
  entry[16] = error_message == NULL;
  g_byte_array_append (out, entry, sizeof entry);

  if (error_message != NULL)
    {
      /* A message is for a person: keep the start of a runaway one (a cut character is repaired
       * on the other side). */
      guint32 length = (guint32) MIN (strlen (error_message), MAX_ERROR_LENGTH);

      sl_frame_put_u32 (out, length);
      g_byte_array_append (out, (const guint8 *) error_message, length);
    }

  writer->count++;
}

void
sl_protocol_result_end (SlResultWriter *writer,
                        GByteArray     *out)
{
  guint32 count = GUINT32_TO_LE (writer->count);

  memcpy (out->data + writer->start + SL_FRAME_HEADER_SIZE + 4 + 8, &count, sizeof count);
  sl_frame_end (out, writer->start);
}

gboolean
sl_protocol_parse_result_header (SlFrame  *frame,
                                 guint32  *lane,
                                 guint64  *first,
                                 guint32  *count,
                                 GError  **error)
{
  g_assert (frame->type == SL_FRAME_RESULT);

  if (!sl_frame_get_u32 (frame, lane) || !sl_frame_get_u64 (frame, first) ||
      !sl_frame_get_u32 (frame, count))
    return sl_frame_malformed (error, frame, "is too short");

  /* Each entry takes at least 17 bytes: reject a count the payload cannot hold up front. */
  if (*count == 0 || (frame->length - frame->offset) / 17 < *count)
    return sl_frame_malformed (error, frame, "has a wrong task count");

  return TRUE;
}

gboolean
sl_protocol_parse_result_entry (SlFrame        *frame,
                                SlResultEntry  *entry,
                                GError        **error)
{
  guint8 ok;

  entry->error = NULL;

  if (!sl_frame_get_u64 (frame, &entry->checksum) ||
      !sl_frame_get_u64 (frame, &entry->latency_ns) ||
      !sl_frame_get_u8 (frame, &ok))
    return sl_frame_malformed (error, frame, "is too short");

  if (ok > 1)
    return sl_frame_malformed (error, frame, "has a bad ok flag");

  entry->ok = ok;
  if (!ok && !sl_frame_get_string (frame, &entry->error))
    return sl_frame_malformed (error, frame, "is too short");

  return TRUE;
}

void
sl_protocol_append_usage (GByteArray    *out,
                          const SlUsage *usage,
                          guint32        stopped_processes)
{
  gsize start = sl_frame_begin (out, SL_FRAME_USAGE);

  sl_frame_put_double (out, usage->user_s);
  sl_frame_put_double (out, usage->sys_s);
  sl_frame_put_u64 (out, (guint64) usage->voluntary_cs);
  sl_frame_put_u64 (out, (guint64) usage->involuntary_cs);
  sl_frame_put_u64 (out, (guint64) usage->peak_rss_kb);
  sl_frame_put_u32 (out, stopped_processes);
  sl_frame_end (out, start);
}

gboolean
sl_protocol_parse_usage (SlFrame  *frame,
                         SlUsage  *usage,
                         guint32  *stopped_processes,
                         GError  **error)
{
  guint64 nvcsw, nivcsw, maxrss;

  g_assert (frame->type == SL_FRAME_USAGE);

  if (!sl_frame_get_double (frame, &usage->user_s) ||
      !sl_frame_get_double (frame, &usage->sys_s) ||
      !sl_frame_get_u64 (frame, &nvcsw) ||
      !sl_frame_get_u64 (frame, &nivcsw) ||
      !sl_frame_get_u64 (frame, &maxrss) ||
      !sl_frame_get_u32 (frame, stopped_processes))
    return sl_frame_malformed (error, frame, "is too short");

  usage->voluntary_cs = (gint64) nvcsw;
  usage->involuntary_cs = (gint64) nivcsw;
  usage->peak_rss_kb = (gint64) maxrss;

  return sl_frame_expect_end (frame, error);
}

static int worker_output_fd = -1;

void
sl_protocol_set_worker_output_fd (int fd)
{
  worker_output_fd = fd;
}

int
sl_protocol_get_worker_output_fd (void)
{
  return worker_output_fd;
}

gboolean
sl_fork_message_send (int                  socket_fd,
                      const SlForkMessage *message,
                      const int           *fds,
                      guint                n_fds)
{
  union {
    char           buffer[CMSG_SPACE (2 * sizeof (int))];
    struct cmsghdr align;
  } control;
  struct iovec iov = { .iov_base = (void *) message, .iov_len = sizeof *message };
  struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

  g_return_val_if_fail (n_fds <= 2, FALSE);

  if (n_fds > 0)
    {
      struct cmsghdr *cmsg;

      memset (&control, 0, sizeof control);
      msg.msg_control = control.buffer;
      msg.msg_controllen = CMSG_SPACE (n_fds * sizeof (int));
      cmsg = CMSG_FIRSTHDR (&msg);
      cmsg->cmsg_level = SOL_SOCKET;
      cmsg->cmsg_type = SCM_RIGHTS;
      cmsg->cmsg_len = CMSG_LEN (n_fds * sizeof (int));
      memcpy (CMSG_DATA (cmsg), fds, n_fds * sizeof (int));
    }

  for (;;)
    {
      ssize_t n = sendmsg (socket_fd, &msg, MSG_NOSIGNAL);

      if (n == (ssize_t) sizeof *message)
        return TRUE;
      if (n >= 0)
        {
          errno = EMSGSIZE;
          return FALSE;
        }
      if (errno != EINTR)
        return FALSE;
    }
}

int
sl_fork_message_receive (int            socket_fd,
                         SlForkMessage *message,
                         int            fds[2])
{
  union {
    char           buffer[CMSG_SPACE (2 * sizeof (int))];
    struct cmsghdr align;
  } control;
  struct iovec iov = { .iov_base = message, .iov_len = sizeof *message };
  struct msghdr msg = {
    .msg_iov = &iov,
    .msg_iovlen = 1,
    .msg_control = control.buffer,
    .msg_controllen = sizeof control.buffer,
  };
  ssize_t n;

  fds[0] = fds[1] = -1;

  do
    n = recvmsg (socket_fd, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);

  if (n <= 0)
    return (int) n;

  for (struct cmsghdr *cmsg = CMSG_FIRSTHDR (&msg); cmsg != NULL; cmsg = CMSG_NXTHDR (&msg, cmsg))
    if (cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_RIGHTS)
      {
        guint n_fds = (cmsg->cmsg_len - CMSG_LEN (0)) / sizeof (int);

        memcpy (fds, CMSG_DATA (cmsg), MIN (n_fds, 2) * sizeof (int));
      }

  if (n != (ssize_t) sizeof *message || (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) ||
      message->version != SL_FORK_SERVER_VERSION)
    {
      for (guint i = 0; i < 2; i++)
        if (fds[i] >= 0)
          close (fds[i]);
      fds[0] = fds[1] = -1;
      errno = EBADMSG;
      return -1;
    }

  return 1;
}
