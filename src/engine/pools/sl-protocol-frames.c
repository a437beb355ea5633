/* sl-protocol-frames.c: the frames of the worker protocol: building and reading their payloads,
 * writing them to a descriptor, and the reader that cuts a byte stream into frames. The typed
 * messages built from frames are in sl-protocol.c. */
#define G_LOG_DOMAIN "sl-protocol"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sl-error.h"
#include "sl-file.h"
#include "sl-protocol.h"

/* The reader's first buffer; it grows only for frames larger than this. */
#define READER_INITIAL_SIZE (64 * 1024)
/* Space a read() should at least be offered, so that small frames arrive many at a time. */
#define READER_MIN_READ     (16 * 1024)
/* Longest task error message sent in a RESULT frame. */
#define MAX_ERROR_LENGTH    4096

const char *
sl_frame_type_to_string (SlFrameType type)
{
  switch (type)
    {
    case SL_FRAME_HELLO: return "HELLO";
    case SL_FRAME_CONFIG: return "CONFIG";
    case SL_FRAME_READY: return "READY";
    case SL_FRAME_ERROR: return "ERROR";
    case SL_FRAME_TASK: return "TASK";
    case SL_FRAME_RESULT: return "RESULT";
    case SL_FRAME_USAGE_REQUEST: return "USAGE request";
    case SL_FRAME_USAGE: return "USAGE";
    case SL_FRAME_BYE: return "BYE";
    default: return "unknown";
    }
}

gsize
sl_frame_begin (GByteArray  *out,
                SlFrameType  type)
{
  gsize start = out->len;

  sl_frame_put_u32 (out, SL_PROTOCOL_MAGIC);
  sl_frame_put_u32 (out, type);
  sl_frame_put_u32 (out, 0);   /* the length, patched by sl_frame_end() */

  return start;
}

void
sl_frame_end (GByteArray *out,
              gsize       start)
{
  guint32 length;

  g_assert (out->len >= start + SL_FRAME_HEADER_SIZE);
  g_assert (out->len - start - SL_FRAME_HEADER_SIZE <= SL_PROTOCOL_MAX_PAYLOAD);

  length = GUINT32_TO_LE ((guint32) (out->len - start - SL_FRAME_HEADER_SIZE));
  memcpy (out->data + start + 8, &length, sizeof length);
}

void
sl_frame_put_u8 (GByteArray *out,
                 guint8      value)
{
  g_byte_array_append (out, &value, 1);
}

void
sl_frame_put_u32 (GByteArray *out,
                  guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

void
sl_frame_put_u64 (GByteArray *out,
                  guint64     value)
{
  guint64 le = GUINT64_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

void
sl_frame_put_double (GByteArray *out,
                     double      value)
{
  guint64 bits;

  G_STATIC_ASSERT (sizeof bits == sizeof value);
  memcpy (&bits, &value, sizeof bits);
  sl_frame_put_u64 (out, bits);
}

void
sl_frame_put_string (GByteArray *out,
                     const char *value)
{
  gsize length = value != NULL ? strlen (value) : 0;

  /* Strings are messages and parameter values; anything near the frame limit is a bug. */
  length = MIN (length, SL_PROTOCOL_MAX_PAYLOAD / 2);
  sl_frame_put_u32 (out, (guint32) length);
  if (length > 0)
    g_byte_array_append (out, (const guint8 *) value, (guint) length);
}

void
sl_frame_append_empty (GByteArray  *out,
                       SlFrameType  type)
{
  sl_frame_end (out, sl_frame_begin (out, type));
}

static gboolean
take (SlFrame  *frame,
      void     *out,
      gsize     size)
{
  if (frame->length - frame->offset < size)
    return FALSE;

  memcpy (out, frame->payload + frame->offset, size);
  frame->offset += size;
  return TRUE;
}

gboolean
sl_frame_get_u8 (SlFrame *frame,
                 guint8  *out)
{
  return take (frame, out, 1);
}

gboolean
sl_frame_get_u32 (SlFrame *frame,
                  guint32 *out)
{
  guint32 le;

  if (!take (frame, &le, sizeof le))
    return FALSE;

  *out = GUINT32_FROM_LE (le);
  return TRUE;
}

gboolean
sl_frame_get_u64 (SlFrame *frame,
                  guint64 *out)
{
  guint64 le;

  if (!take (frame, &le, sizeof le))
    return FALSE;

  *out = GUINT64_FROM_LE (le);
  return TRUE;
}

gboolean
sl_frame_get_double (SlFrame *frame,
                     double  *out)
{
  guint64 bits;

  if (!sl_frame_get_u64 (frame, &bits))
    return FALSE;

  memcpy (out, &bits, sizeof bits);
  return TRUE;
}

gboolean
sl_frame_get_string (SlFrame  *frame,
                     char    **out)
{
  guint32 length;

  if (!sl_frame_get_u32 (frame, &length) || frame->length - frame->offset < length)
    return FALSE;

  *out = g_utf8_make_valid ((const char *) frame->payload + frame->offset, length);
  frame->offset += length;
  return TRUE;
}

gboolean
sl_frame_malformed (GError     **error,
                    SlFrame     *frame,
                    const char  *what)
{
  g_set_error (error, SL_ERROR, SL_ERROR_WORKER, "%s frame of %" G_GSIZE_FORMAT " bytes %s",
               sl_frame_type_to_string (frame->type), frame->length, what);
  return FALSE;
}

gboolean
sl_frame_expect_end (SlFrame  *frame,
                     GError  **error)
{
  if (frame->offset != frame->length)
    return sl_frame_malformed (error, frame, "has trailing bytes");

  return TRUE;
}

gboolean
sl_protocol_write_all (int           fd,
                       const guint8 *data,
                       gsize         length,
                       GError      **error)
{
  if (!sl_fd_write_all (fd, data, length))
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not write to the pipe: %s", g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

struct _SlFrameReader
{
  int     fd;
  guint8 *buffer;
  gsize   size;
  gsize   start;  /* first unconsumed byte */
  gsize   end;    /* one past the last byte read */
};

SlFrameReader *
sl_frame_reader_new (int fd)
{
  SlFrameReader *reader = g_new0 (SlFrameReader, 1);

  reader->fd = fd;
  reader->size = READER_INITIAL_SIZE;
  reader->buffer = g_malloc (reader->size);

  return reader;
}

void
sl_frame_reader_free (SlFrameReader *reader)
{
  if (reader == NULL)
    return;

  g_free (reader->buffer);
  g_free (reader);
}

gsize
sl_frame_reader_get_pending (SlFrameReader *reader)
{
  return reader->end - reader->start;
}

static guint32
read_u32_le (const guint8 *p)
{
  guint32 le;

  memcpy (&le, p, sizeof le);
  return GUINT32_FROM_LE (le);
}

/* Checks the header at the start of the buffer; fills *length on success. */
static gboolean
check_header (SlFrameReader  *reader,
              guint32        *type,
              guint32        *length,
              GError        **error)
{
  const guint8 *p = reader->buffer + reader->start;
  guint32 magic = read_u32_le (p);

  *type = read_u32_le (p + 4);
  *length = read_u32_le (p + 8);

  if (magic != SL_PROTOCOL_MAGIC)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   "bad magic 0x%08x (expected 0x%08x)", magic, SL_PROTOCOL_MAGIC);
      return FALSE;
    }

  if (*type < SL_FRAME_HELLO || *type > SL_FRAME_LAST)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, "unknown frame type %u", *type);
      return FALSE;
    }

  if (*length > SL_PROTOCOL_MAX_PAYLOAD)
    {
      g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                   "a %s frame claims %u bytes, more than the %u MiB limit",
                   sl_frame_type_to_string (*type), *length, SL_PROTOCOL_MAX_PAYLOAD >> 20);
      return FALSE;
    }

  return TRUE;
}

SlFrameReadStatus
sl_frame_reader_next (SlFrameReader *reader,
                      SlFrame       *frame,
                      GError       **error)
{
  gsize available = reader->end - reader->start;
  guint32 type, length;

  if (available < SL_FRAME_HEADER_SIZE)
    return SL_FRAME_READ_AGAIN;

  if (!check_header (reader, &type, &length, error))
    return SL_FRAME_READ_ERROR;

  if (available - SL_FRAME_HEADER_SIZE < length)
    return SL_FRAME_READ_AGAIN;

  frame->type = type;
  frame->payload = reader->buffer + reader->start + SL_FRAME_HEADER_SIZE;
  frame->length = length;
  frame->offset = 0;
  reader->start += SL_FRAME_HEADER_SIZE + length;

  return SL_FRAME_READ_OK;
}

/* Makes room for at least `wanted` more bytes after the end, moving the unread bytes to the
 * front first: frames handed out before are invalid afterwards. */
static void
make_room (SlFrameReader *reader,
           gsize          wanted)
{
  gsize pending = reader->end - reader->start;

  if (reader->size - reader->end >= wanted)
    return;

  if (pending > 0 && reader->start > 0)
    memmove (reader->buffer, reader->buffer + reader->start, pending);
  reader->start = 0;
  reader->end = pending;

  if (reader->size - reader->end < wanted)
    {
      reader->size = MAX (reader->size * 2, reader->end + wanted);
      reader->buffer = g_realloc (reader->buffer, reader->size);
    }
}

gssize
sl_frame_reader_fill (SlFrameReader  *reader,
                      GError        **error)
{
  gsize wanted = READER_MIN_READ;
  gssize n;

  if (reader->start == reader->end)
    reader->start = reader->end = 0;

  /* A big frame's header is already here: make room for all of it at once. */
  if (reader->end - reader->start >= SL_FRAME_HEADER_SIZE)
    {
      guint32 length = read_u32_le (reader->buffer + reader->start + 8);

      if (length <= SL_PROTOCOL_MAX_PAYLOAD)
        {
          gsize whole = SL_FRAME_HEADER_SIZE + (gsize) length;
          gsize pending = reader->end - reader->start;

          if (whole > pending)
            wanted = MAX (wanted, whole - pending);
        }
    }
  make_room (reader, wanted);

  do
    n = read (reader->fd, reader->buffer + reader->end, reader->size - reader->end);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not read from the pipe: %s", g_strerror (saved_errno));
      return -1;
    }

  reader->end += n;
  return n;
}

SlFrameReadStatus
sl_frame_reader_read (SlFrameReader *reader,
                      SlFrame       *frame,
                      GError       **error)
{
  for (;;)
    {
      SlFrameReadStatus status = sl_frame_reader_next (reader, frame, error);
      gssize n;

      if (status != SL_FRAME_READ_AGAIN)
        return status;

      n = sl_frame_reader_fill (reader, error);
      if (n < 0)
        return SL_FRAME_READ_ERROR;

      if (n == 0)
        {
          gsize pending = sl_frame_reader_get_pending (reader);

          if (pending == 0)
            return SL_FRAME_READ_EOF;

          g_set_error (error, SL_ERROR, SL_ERROR_WORKER,
                       "the stream ended inside a frame (%" G_GSIZE_FORMAT " bytes of it came)",
                       pending);
          return SL_FRAME_READ_ERROR;
        }
    }
}
