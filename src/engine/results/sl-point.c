/* sl-point.c: constructors, copies and resets of a sweep's point. */
#define G_LOG_DOMAIN "sl-result"

#include "config.h"

#include <math.h>

#include "sl-point.h"

static const char *point_status_names[] = { "pending", "running", "done", "failed", "cancelled" };

/* Stored names are read back exactly as written. */
const SlEnumNames sl_point_status_names = SL_ENUM_NAMES (point_status_names, TRUE);

SL_DEFINE_ENUM_NAMES (SlPointStatus, point_status, sl_point_status_names)

void
sl_point_clear_derived (SlPoint *point)
{
  g_return_if_fail (point != NULL);

  sl_summary_compute (&point->wall, NULL, 0, NULL);
  point->startup_s = point->user_s = point->sys_s = point->cpu_util = NAN;
  point->voluntary_cs = point->involuntary_cs = point->peak_rss_kb = NAN;
  point->speedup = point->speedup_err = point->efficiency = point->karp_flatt = NAN;
  point->speedup_lo = point->speedup_hi = point->p_vs_fastest = NAN;
  point->slower = FALSE;
}

SlPoint *
sl_point_new (SlRuntime runtime,
              SlModel   model,
              guint     workers,
              guint64   tasks)
{
  SlPoint *point = g_new (SlPoint, 1);

  *point = (SlPoint) {
    .runtime = runtime, .model = model, .workers = workers, .tasks = tasks,
    .status = SL_POINT_PENDING,
    .repetitions = g_array_new (FALSE, TRUE, sizeof (SlRepetition)),
    .latencies_s = g_array_new (FALSE, FALSE, sizeof (double)),
    .checksum_ok = TRUE, .checksum_known = TRUE,
    .latency_p50 = NAN, .latency_p95 = NAN, .latency_p99 = NAN,
  };
  sl_point_clear_derived (point);

  return point;
}

SlPoint *
sl_point_copy (const SlPoint *point)
{
  SlPoint *copy;

  g_return_val_if_fail (point != NULL, NULL);

  copy = g_memdup2 (point, sizeof *point);
  copy->error = g_strdup (point->error);
  copy->repetitions = g_array_copy (point->repetitions);
  copy->latencies_s = g_array_copy (point->latencies_s);

  return copy;
}

void
sl_point_free (SlPoint *point)
{
  if (point == NULL)
    return;

  g_free (point->error);
  g_array_unref (point->repetitions);
  g_array_unref (point->latencies_s);
  g_free (point);
}

gboolean
sl_point_has_measurements (const SlPoint *point)
{
  g_return_val_if_fail (point != NULL, FALSE);

  return point->status != SL_POINT_FAILED && point->repetitions != NULL &&
         point->repetitions->len > 0;
}
