/* sl-usage.c: the resources a process or thread used, from getrusage(). */
#define G_LOG_DOMAIN "sl-usage"

#include "config.h"

#include <sys/resource.h>

#include "sl-usage.h"

static void
usage_from_rusage (SlUsage             *usage,
                   const struct rusage *ru)
{
  usage->user_s = ru->ru_utime.tv_sec + ru->ru_utime.tv_usec / 1e6;
  usage->sys_s = ru->ru_stime.tv_sec + ru->ru_stime.tv_usec / 1e6;
  usage->voluntary_cs = ru->ru_nvcsw;
  usage->involuntary_cs = ru->ru_nivcsw;
  usage->peak_rss_kb = ru->ru_maxrss;
}

void
sl_usage_read_self (SlUsage *usage)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  usage_from_rusage (usage, &ru);
}

void
sl_usage_read_thread (SlUsage *usage)
{
  struct rusage ru;

  getrusage (RUSAGE_THREAD, &ru);
  usage_from_rusage (usage, &ru);
  /* ru_maxrss is per process even for RUSAGE_THREAD. */
}

void
sl_usage_add_delta (SlUsage       *total,
                    const SlUsage *after,
                    const SlUsage *before)
{
  total->user_s += after->user_s - before->user_s;
  total->sys_s += after->sys_s - before->sys_s;
  total->voluntary_cs += after->voluntary_cs - before->voluntary_cs;
  total->involuntary_cs += after->involuntary_cs - before->involuntary_cs;
  total->peak_rss_kb = MAX (total->peak_rss_kb, after->peak_rss_kb);
}
