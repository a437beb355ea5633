/* sl-usage.h: the resources a process or thread used: CPU time, context switches, memory.
 * Plain data: results store it, pools measure it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double user_s;
  double sys_s;
  gint64 voluntary_cs;
  gint64 involuntary_cs;
  gint64 peak_rss_kb;   /* the largest worker's (or the process's, for threads) */
} SlUsage;

/* Resources of this process or thread, for usage deltas. */
void     sl_usage_read_self (SlUsage *usage);
void     sl_usage_read_thread (SlUsage *usage);
void     sl_usage_add_delta (SlUsage *total, const SlUsage *after, const SlUsage *before);

G_END_DECLS
