/* sl-sysinfo.h: what the machine is, recorded in every result, and pyperf-like warnings. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char      *cpu_model;
  guint      logical_cpus;
  guint      physical_cores;
  guint      affinity_cpus;      /* CPUs in this process's affinity mask */
  double     cgroup_cpus;        /* cgroup CPU quota in CPUs; 0 when unlimited */
  guint      usable_cpus;        /* min (affinity, ceil (quota)) */
  double     load_avg[3];
  char      *governor;           /* nullable: no cpufreq */
  char      *kernel;             /* "Linux 6.1.0-18-amd64 x86_64" */
  guint64    memory_total_kb;
  GPtrArray *warnings;           /* char*, human sentences */
} SlSysInfo;

SlSysInfo *sl_sysinfo_new (void);       /* empty; for loading */
SlSysInfo *sl_sysinfo_collect (void);   /* reads this machine, fills warnings */
SlSysInfo *sl_sysinfo_copy (const SlSysInfo *info);
void       sl_sysinfo_free (SlSysInfo *info);
/* Warnings that depend on the experiment, e.g. more workers than usable CPUs. */
void       sl_sysinfo_add_spec_warnings (SlSysInfo *info, guint max_workers, gboolean cpu_bound);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlSysInfo, sl_sysinfo_free)

G_END_DECLS
