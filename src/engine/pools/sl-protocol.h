/* sl-protocol.h: the framed binary protocol between the process pool and speedup-lab-worker.
 *
 * Both ends run on the same machine from the same build, yet every field is written
 * little-endian and every frame is checked, because a worker may die half-way through a write
 * or a task may scribble on the wrong descriptor.
 *
 * A frame is a 12-byte header (magic, type, payload length, each a u32) and its payload.
 * Payload fields: u8, u32, u64, f64 (IEEE bits as u64), str (u32 length + UTF-8 bytes).
 *
 *   worker                                   parent
 *   HELLO  u32 version, u32 pid        →
 *                                      ←     CONFIG str workload, u32 runtime, f64 task timeout,
 *                                                   u32 threads per worker,
 *                                                   u32 n, n × (str name, str value)
 *   READY  u32 n, n × (str key, str value)   (the runtime's description: interpreter
 *          version and build; n = 0 for native code) or ERROR →
 *                                      ←     TASK   u64 first, u32 count, u64 n_tasks,
 *                                                   u64 base_tasks, u32 lane
 *   RESULT u32 lane, u64 first, u32 count, →
 *          count × (u64 checksum, u64 latency ns, u8 ok, str error if not ok)
 *                                      ←     USAGE_REQUEST (empty)
 *   USAGE  f64 user s, f64 sys s, u64 nvcsw, u64 nivcsw, u64 maxrss kB  →
 *                                      ←     BYE (empty): the worker cleans up and exits
 *   ERROR  u32 code (SlError), str message: fatal, the worker exits after sending it
 *
 * A worker runs `threads_per_worker` lanes at once (lane 0 .. threads_per_worker - 1), each a
 * thread of its own in the worker: the python runtime's threads model is one worker process
 * whose threads share one interpreter. Every other worker has one lane. Lanes are independent
 * queues: the chunks of one lane are answered in the order they were sent, whatever the other
 * lanes do.
 *
 * A chunk's results may come in several RESULT frames (a worker flushes slow tasks early), always
 * in order. Tasks are answered in the order they were sent.
 */
#pragma once

#include <gio/gio.h>

#include "sl-error.h"
#include "sl-types.h"
#include "sl-params.h"
#include "sl-usage.h"

G_BEGIN_DECLS

/* Bump whenever a frame's layout or meaning changes. */
#define SL_PROTOCOL_VERSION      3
#define SL_PROTOCOL_MAGIC        0x31504c53u   /* "SLP1" as little-endian bytes */
#define SL_PROTOCOL_MAX_PAYLOAD  (64u * 1024u * 1024u)
#define SL_FRAME_HEADER_SIZE     12

typedef enum {
  SL_FRAME_HELLO = 1,
  SL_FRAME_CONFIG,
  SL_FRAME_READY,
  SL_FRAME_ERROR,
  SL_FRAME_TASK,
  SL_FRAME_RESULT,
  SL_FRAME_USAGE_REQUEST,
  SL_FRAME_USAGE,
  SL_FRAME_BYE,
  SL_FRAME_LAST = SL_FRAME_BYE
} SlFrameType;

const char *sl_frame_type_to_string (SlFrameType type);

/* A received frame: a view into the reader's buffer, valid until the reader reads again.
 * The sl_frame_get_*() calls consume the payload in order and return FALSE when it is too short. */
typedef struct {
  SlFrameType   type;
  const guint8 *payload;
  gsize         length;
  gsize         offset;
} SlFrame;

gboolean sl_frame_get_u8     (SlFrame *frame, guint8 *out);
gboolean sl_frame_get_u32    (SlFrame *frame, guint32 *out);
gboolean sl_frame_get_u64    (SlFrame *frame, guint64 *out);
gboolean sl_frame_get_double (SlFrame *frame, double *out);
/* Newly allocated and NUL-terminated; invalid UTF-8 is repaired. */
gboolean sl_frame_get_string (SlFrame *frame, char **out);

/* Building frames: append any number of frames to one buffer and write it with one call. */
gsize sl_frame_begin      (GByteArray *out, SlFrameType type);
void  sl_frame_end        (GByteArray *out, gsize start);
void  sl_frame_put_u8     (GByteArray *out, guint8 value);
void  sl_frame_put_u32    (GByteArray *out, guint32 value);
void  sl_frame_put_u64    (GByteArray *out, guint64 value);
void  sl_frame_put_double (GByteArray *out, double value);
void  sl_frame_put_string (GByteArray *out, const char *value);
void  sl_frame_append_empty (GByteArray *out, SlFrameType type);

/* Writes all of data, retrying after EINTR and partial writes. A closed peer is an error
 * (SIGPIPE must be ignored). */
gboolean sl_protocol_write_all (int           fd,
                                const guint8 *data,
                                gsize         length,
                                GError      **error);

/* Reads frames from a descriptor it does not own, whether the descriptor blocks or not. */
typedef struct _SlFrameReader SlFrameReader;

typedef enum {
  SL_FRAME_READ_OK,     /* *frame holds the next frame */
  SL_FRAME_READ_AGAIN,  /* no complete frame is buffered: fill the reader */
  SL_FRAME_READ_EOF,    /* the peer closed the stream between two frames */
  SL_FRAME_READ_ERROR,  /* garbage, a truncated frame or a read error: see the GError */
} SlFrameReadStatus;

SlFrameReader     *sl_frame_reader_new  (int fd);
void               sl_frame_reader_free (SlFrameReader *reader);
/* One read(): the bytes read, 0 at end of stream, -1 with error set. */
gssize             sl_frame_reader_fill (SlFrameReader *reader,
                                         GError       **error);
/* The next buffered frame, without reading. Garbage is reported as soon as a header shows it. */
SlFrameReadStatus  sl_frame_reader_next (SlFrameReader *reader,
                                         SlFrame       *frame,
                                         GError       **error);
/* Bytes of an incomplete frame waiting in the buffer. */
gsize              sl_frame_reader_get_pending (SlFrameReader *reader);
/* Blocks until a frame, the end of the stream or an error. A stream that ends inside a frame is
 * an error. */
SlFrameReadStatus  sl_frame_reader_read (SlFrameReader *reader,
                                         SlFrame       *frame,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlFrameReader, sl_frame_reader_free)

/* Typed frames. Parsers fail with SL_ERROR_WORKER and say what was wrong. */
void     sl_protocol_append_hello (GByteArray *out, guint32 pid);
gboolean sl_protocol_parse_hello  (SlFrame *frame, guint32 *version, guint32 *pid, GError **error);

typedef struct {
  char      *workload_id;
  SlRuntime  runtime;
  double     task_timeout_s;
  guint32    threads_per_worker;   /* lanes the worker runs at once, >= 1 */
  SlParams  *params;
} SlWorkerConfig;

/* The most lanes one worker may run. */
#define SL_PROTOCOL_MAX_LANES 1024

void     sl_worker_config_clear (SlWorkerConfig *config);
void     sl_protocol_append_config (GByteArray     *out,
                                    const char     *workload_id,
                                    SlRuntime       runtime,
                                    double          task_timeout_s,
                                    guint32         threads_per_worker,
                                    const SlParams *params);
gboolean sl_protocol_parse_config  (SlFrame *frame, SlWorkerConfig *config, GError **error);

/* `info` (char* -> char*) is nullable: no description. The parsed table is always set. */
void     sl_protocol_append_ready (GByteArray *out, GHashTable *info);
gboolean sl_protocol_parse_ready  (SlFrame *frame, GHashTable **info, GError **error);

void     sl_protocol_append_error (GByteArray *out, SlError code, const char *message);
gboolean sl_protocol_parse_error  (SlFrame *frame, GError **worker_error, GError **error);

typedef struct {
  guint64 first;
  guint32 count;
  guint64 n_tasks;
  guint64 base_tasks;
  guint32 lane;       /* which of the worker's lanes runs it */
} SlTaskChunk;

void     sl_protocol_append_task (GByteArray *out, const SlTaskChunk *chunk);
gboolean sl_protocol_parse_task  (SlFrame *frame, SlTaskChunk *chunk, GError **error);

/* RESULT frames are built one task at a time. */
typedef struct {
  gsize   start;
  guint32 count;
} SlResultWriter;

typedef struct {
  guint64  checksum;
  guint64  latency_ns;
  gboolean ok;
  char    *error;     /* owned; NULL when ok */
} SlResultEntry;

void     sl_protocol_result_begin (SlResultWriter *writer, GByteArray *out, guint32 lane,
                                   guint64 first);
void     sl_protocol_result_add   (SlResultWriter *writer,
                                   GByteArray     *out,
                                   guint64         checksum,
                                   guint64         latency_ns,
                                   const char     *error_message);  /* NULL: the task succeeded */
void     sl_protocol_result_end   (SlResultWriter *writer, GByteArray *out);
gboolean sl_protocol_parse_result_header (SlFrame *frame, guint32 *lane, guint64 *first,
                                          guint32 *count, GError **error);
gboolean sl_protocol_parse_result_entry  (SlFrame *frame, SlResultEntry *entry, GError **error);

/* `stopped_processes`: processes the tasks left running, which the worker stopped before it
 * answered (the pool asks for usage when the worker is idle). */
void     sl_protocol_append_usage (GByteArray *out, const SlUsage *usage,
                                   guint32 stopped_processes);
gboolean sl_protocol_parse_usage  (SlFrame *frame, SlUsage *usage, guint32 *stopped_processes,
                                   GError **error);

/* Inside a worker: the descriptor its frames go to, so that a fault-injection workload can
 * corrupt the stream on purpose. -1 outside a worker. */
void     sl_protocol_set_worker_output_fd (int fd);
int      sl_protocol_get_worker_output_fd (void);

/* ---- the fork server ----
 *
 * speedup-lab-worker --fork-server has every library of a worker loaded and nothing else set up;
 * it forks workers on request, which costs far less than starting a program. It talks to the
 * pool over a SOCK_SEQPACKET socket on its stdin, one fixed-size message per packet:
 *
 *   server                                   parent
 *   HELLO   version, pid               →
 *                                      ←     START  id, with two descriptors (SCM_RIGHTS): the
 *                                                   worker's protocol input and output
 *   STARTED id, pid (or START_FAILED id, status = errno)  →
 *   EXITED  pid, status (a waitpid() status), stopped, for every worker that ended  →
 *
 * `stopped` counts the processes the worker's tasks left, which became the server's children
 * when the worker ended and were stopped. The server exits when the parent's end of the socket
 * closes, after it stopped its workers and what they left.
 */
#define SL_FORK_SERVER_VERSION  2

typedef enum {
  SL_FORK_HELLO = 1,
  SL_FORK_START,
  SL_FORK_STARTED,
  SL_FORK_START_FAILED,
  SL_FORK_EXITED,
} SlForkMessageType;

typedef struct {
  guint32 version;   /* SL_FORK_SERVER_VERSION */
  guint32 type;      /* SlForkMessageType */
  guint32 id;        /* of a START, echoed by its answer */
  gint32  pid;
  gint32  status;
  guint32 stopped;
} SlForkMessage;

/* Sends one message with up to 2 descriptors. FALSE with errno set on failure. */
gboolean sl_fork_message_send (int                  socket_fd,
                               const SlForkMessage *message,
                               const int           *fds,
                               guint                n_fds);
/* Receives one message and the descriptors it carries (close-on-exec, at most 2, -1 for those
 * missing). 1 on success, 0 at the end of the stream, -1 with errno set on failure, or EBADMSG
 * for a message of another size or version. */
int      sl_fork_message_receive (int            socket_fd,
                                  SlForkMessage *message,
                                  int            fds[2]);

/* ---- the keeper ----
 *
 * A worker started as a program (no fork server, and the one-shot modes that run a person's
 * code) is given --keeper-fd=FD: it forks at once, the child goes on as the worker, and the
 * parent, its keeper, stays behind as the subreaper of everything the worker's tasks start. The
 * keeper ends the worker on SIGTERM (and when its own parent goes), and once the worker ended,
 * stops what it left, writes one report on FD and exits 0.
 */
typedef struct {
  gint32  status;    /* the worker's waitpid() status */
  guint32 stopped;   /* processes it left, which the keeper stopped */
} SlKeeperReport;

/* For the protocol's own readers (sl-protocol.c): a SL_ERROR_WORKER saying what of `frame` was
 * malformed, and a check that the payload was read to its end. Both return FALSE. */
gboolean sl_frame_malformed (GError     **error,
                             SlFrame     *frame,
                             const char  *what);
gboolean sl_frame_expect_end (SlFrame  *frame,
                              GError  **error);

G_END_DECLS
