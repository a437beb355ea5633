/* sl-transfer.h: the transfer experiment: what does it cost to move data between processes?
 *
 * W worker processes each send M messages of P bytes to the parent through a channel: Python's
 * multiprocessing.Queue, Pipe, shared_memory.SharedMemory, a Manager's queue or the values
 * returned by a ProcessPoolExecutor's futures; natively, a pipe or a ring in shared memory. For
 * each channel and size: the throughput, the latency of a message (from just before it was sent
 * to when the parent had it), the CPU time of every process, and a checksum of every byte the
 * parent read against what each message should hold, so that a fast channel is never one that
 * dropped data.
 *
 * Every message is a timestamp (8 bytes, CLOCK_MONOTONIC), its worker and number (4 bytes
 * each, little-endian), then the same deterministic block; the checksum is the 64-bit FNV-1a of
 * each message after its timestamp, summed. Python and C build and check the same bytes.
 * Like the shared counter, it is an experiment kind of its own (docs/ARCHITECTURE.md): the
 * Python channels run in one worker (--python-script transfer), the native ones in processes
 * forked here (sl-transfer-native.c).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sl-sysinfo.h"

G_BEGIN_DECLS

#define SL_TRANSFER_HEADER_BYTES   16
#define SL_TRANSFER_MIN_SIZE       SL_TRANSFER_HEADER_BYTES
#define SL_TRANSFER_MAX_SIZE       (G_GUINT64_CONSTANT (256) * 1024 * 1024)
#define SL_TRANSFER_MAX_WORKERS    32
#define SL_TRANSFER_MAX_MESSAGES   1000000

typedef struct {
  const char *id;        /* "queue", "pipe", "shared-memory", "manager", "futures", "c-pipe",
                            "c-shm-ring" */
  const char *title;     /* untranslated: pass it to _() */
  gboolean    python;
} SlTransferChannel;

/* The channels, an array of *n_channels. */
const SlTransferChannel *sl_transfer_channel_list (guint *n_channels);
const SlTransferChannel *sl_transfer_channel_lookup (const char *id);

typedef struct {
  guint      workers;
  GArray    *sizes;         /* guint64 bytes, in order; empty: 100 B, 1 KiB … 16 MiB */
  GPtrArray *channels;      /* const SlTransferChannel*; empty: every channel */
  guint64    budget;        /* bytes per channel and size, all workers together */
  guint      min_messages;  /* per worker, however large the payload */
  guint      max_messages;  /* per worker, however small */
} SlTransferSpec;

/* 2 workers, the six sizes, every channel, 64 MiB per point, 2–2000 messages per worker. */
void     sl_transfer_spec_init  (SlTransferSpec        *spec);
void     sl_transfer_spec_clear (SlTransferSpec        *spec);
gboolean sl_transfer_spec_check (const SlTransferSpec  *spec,
                                 GError               **error);
/* Messages each worker sends at `size` bytes: the budget split, within min and max. */
guint    sl_transfer_spec_messages (const SlTransferSpec *spec,
                                    guint64               size);
/* A size as people write it: "100", "4K" or "4KiB" (1024), "16M", "1G"; FALSE when it is not. */
gboolean sl_transfer_parse_size (const char *text,
                                 guint64    *out);

typedef struct {
  const SlTransferChannel *channel;
  guint64  size;                 /* bytes per message */
  guint    messages;             /* received */
  guint    expected_messages;    /* workers × per worker */
  guint64  bytes;                /* received */
  guint64  expected_bytes;
  guint64  checksum;             /* of what the parent read */
  guint64  expected_checksum;    /* of what was sent */
  double   elapsed_s;            /* from every sender ready to the last byte read */
  double   cpu_s;                /* user + system, the parent and every process it started */
  double   latency_p50_s;        /* of a message, NAN when none arrived */
  double   latency_p90_s;
  double   latency_p99_s;
  double   latency_max_s;
  char    *error;                /* why it did not run or ended early; NULL */
} SlTransferPoint;

/* Every byte arrived: the counts and the checksum are what was sent. */
gboolean sl_transfer_point_is_complete (const SlTransferPoint *point);
/* Megabytes (10^6 bytes) per second read by the parent; NAN when not measured. */
double   sl_transfer_point_throughput_mb_s (const SlTransferPoint *point);

typedef struct {
  guint       workers;
  guint64     budget;
  GPtrArray  *points;     /* SlTransferPoint*, channel by channel, each by size */
  GHashTable *runtime;    /* the interpreter; NULL when no Python channel ran */
  SlSysInfo  *system;
  char       *created;
} SlTransferResult;

void              sl_transfer_result_free (SlTransferResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTransferResult, sl_transfer_result_free)

/* Runs every channel at every size. A channel that cannot run carries its error on its points
 * and the rest still runs; NULL only for a bad spec or when cancelled. */
SlTransferResult *sl_transfer_run (const SlTransferSpec  *spec,
                                   GCancellable          *cancellable,
                                   GError               **error);

/* sl-transfer-native.c: one point of a native channel, in processes forked for it (each runs
 * only async-signal-safe calls, so that a threaded program may fork them). */
gboolean          sl_transfer_run_native (SlTransferPoint  *point,
                                          guint             workers,
                                          guint             per_worker,
                                          GError          **error);
/* What message `index` of `worker` holds after its timestamp, summed over a point: the
 * expected checksum. */
guint64           sl_transfer_expected_checksum (guint64 size,
                                                 guint   workers,
                                                 guint   per_worker);

/* The document "speedup-lab-transfer/1". */
JsonNode         *sl_transfer_result_to_json (const SlTransferResult *result);

G_END_DECLS
