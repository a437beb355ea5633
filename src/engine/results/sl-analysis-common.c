/* sl-analysis-common.c: what the derivation (sl-analysis.c) and the recommendation
 * (sl-recommendation.c) both read of a result: which points count, the workload's kind, a
 * model's name and a time in words. Neither calls the other for them. */
#define G_LOG_DOMAIN "sl-analysis"

#include "config.h"

#include <math.h>

#include "sl-analysis-private.h"
#include "sl-i18n.h"

const char *
sl_analysis_model_name (SlModel model)
{
  /* Inside a sentence, unlike model_title(): "the serial fraction of processes". */
  switch (model)
    {
    case SL_MODEL_THREADS:
      return C_("in a sentence", "threads");
    case SL_MODEL_PROCESSES:
      return C_("in a sentence", "processes");
    case SL_N_MODELS:
    default:
      return C_("in a sentence", "workers");
    }
}

char *
sl_analysis_format_seconds (double seconds)
{
  if (!isfinite (seconds))
    return g_strdup (_("an unknown time"));
  if (seconds >= 1.0)
    return g_strdup_printf (_("%.2f s"), seconds);
  if (seconds >= 1e-3)
    return g_strdup_printf (_("%.1f ms"), seconds * 1e3);
  return g_strdup_printf (_("%.0f µs"), seconds * 1e6);
}

/* A running point, and a cancelled one that has repetitions, count as far as they got. */
gboolean
sl_analysis_point_is_measurable (const SlPoint *point)
{
  return sl_point_has_measurements (point);
}

/* Measured, with a median wall time to divide by. */
gboolean
sl_analysis_point_has_time (const SlPoint *point)
{
  return sl_analysis_point_is_measurable (point) && isfinite (point->wall.median) &&
         point->wall.median > 0.0;
}

/* Partial points too: a live sweep has its fits before the last round, a cancelled one keeps
 * them. */
gboolean
sl_analysis_point_counts_for_fits (const SlPoint *point)
{
  return sl_analysis_point_has_time (point);
}

/* The kind of the result's workload; `known` FALSE (and CPU assumed) for a workload this
 * build does not have. */
SlWorkloadKind
sl_analysis_guess_workload_kind (SlResult *result,
                                 gboolean *known)
{
  const SlWorkload *workload = NULL;

  if (result->spec != NULL && result->spec->workload != NULL)
    workload = sl_workload_lookup (result->spec->workload);

  *known = workload != NULL;
  return workload != NULL ? workload->kind : SL_WORKLOAD_KIND_CPU;
}

/* The usable CPUs when the workload computes (CPU, memory or overhead): W workers on P CPUs
 * then run at most min (W, P) at a time, and those beyond only take turns. 0 when they may
 * overlap (I/O, mixed), or when the machine or the workload is unknown. */
guint
sl_analysis_cpu_cap (SlResult *result)
{
  gboolean known;
  SlWorkloadKind kind = sl_analysis_guess_workload_kind (result, &known);
  guint usable = result->system != NULL ? result->system->usable_cpus : 0;

  if (!known || (kind != SL_WORKLOAD_KIND_CPU && kind != SL_WORKLOAD_KIND_MEMORY &&
                 kind != SL_WORKLOAD_KIND_OVERHEAD))
    return 0;

  return usable;
}
