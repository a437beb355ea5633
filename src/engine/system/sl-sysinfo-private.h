/* sl-sysinfo-private.h: the parsers behind sl_sysinfo_collect(), taking text instead of files
 * so that tests can feed them samples of other machines.
 */
#pragma once

#include "sl-sysinfo.h"

G_BEGIN_DECLS

/* "model name" (or the nearest key other architectures use) of /proc/cpuinfo; NULL if absent. */
char    *sl_sysinfo_parse_cpu_model (const char *cpuinfo);
/* Distinct (physical id, core id) pairs of /proc/cpuinfo; 0 when the file does not say. */
guint    sl_sysinfo_parse_physical_cores (const char *cpuinfo);
/* cgroup v2 cpu.max: "max 100000" gives 0 (unlimited), "200000 100000" gives 2.0. */
gboolean sl_sysinfo_parse_cpu_max (const char *text, double *cpus);
/* cgroup v1 cpu.cfs_quota_us and cpu.cfs_period_us: a quota of -1 gives 0 (unlimited). */
gboolean sl_sysinfo_parse_cfs_quota (const char *quota, const char *period, double *cpus);
/* The tightest CPU quota on the way from this process's cgroups (text of /proc/self/cgroup,
 * nullable) up to `cgroup_root` (normally /sys/fs/cgroup); 0 when nothing limits it. */
double   sl_sysinfo_read_cgroup_cpus (const char *cgroup_root, const char *proc_self_cgroup);
gboolean sl_sysinfo_parse_loadavg (const char *text, double load_avg[3]);
/* MemTotal of /proc/meminfo in kB; 0 if absent. */
guint64  sl_sysinfo_parse_mem_total (const char *meminfo);
/* min (affinity, ceil (quota)), at least 1; a quota of 0 means unlimited. */
guint    sl_sysinfo_compute_usable (guint affinity_cpus, double cgroup_cpus);
/* The warnings that depend only on the machine: load, governor, restricted CPUs. */
void     sl_sysinfo_add_machine_warnings (SlSysInfo *info);

G_END_DECLS
