/* sl-sysinfo.c: what the machine is (CPUs, quotas, load, governor, memory) and pyperf-like
 * warnings about what would make its measurements noisy or misleading. Linux only.
 */
#define G_LOG_DOMAIN "sl-sysinfo"

#include "config.h"

#include <math.h>
#include <sched.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "sl-i18n.h"
#include "sl-sysinfo.h"
#include "sl-sysinfo-private.h"

/* The warnings, kept together so that the wording stays consistent. */
#define TXT_WARN_LOAD(n)   NG_ ("System load is %.1f on %u usable CPU: other programs compete for the CPU and results will be noisy.",\
                                "System load is %.1f on %u usable CPUs: other programs compete for the CPU and results will be noisy.", n)
#define TXT_WARN_GOVERNOR  _("The CPU frequency governor is “powersave”: the clock follows the load, so timings drift. The “performance” governor gives steadier numbers.")
#define TXT_WARN_LIMITED   _("This process may use only %u of the %u CPUs (%s): CPU-bound work cannot speed up beyond %u workers.")
#define TXT_WHY_QUOTA      _("a cgroup quota of %.2g CPUs")
#define TXT_WHY_AFFINITY   _("its CPU affinity mask")
#define TXT_WARN_WORKERS(n) NG_ ("%u workers for a CPU-bound workload, but only %u CPU is usable: workers beyond %u can only take turns, so expect no gain past %u.",\
                                 "%u workers for a CPU-bound workload, but only %u CPUs are usable: workers beyond %u can only take turns, so expect no gain past %u.", n)

#define CGROUP_ROOT "/sys/fs/cgroup"
#define DEFAULT_CFS_PERIOD_US 100000.0

static void
replace_string (char       **target,
                const char  *value)
{
  g_free (*target);
  *target = g_strdup (value);
}

/* Splits "key\t: value"; FALSE for lines without a colon (the blank lines between CPUs). */
static gboolean
split_cpuinfo_line (char  *line,
                    char **key,
                    char **value)
{
  char *colon = strchr (line, ':');

  if (colon == NULL)
    return FALSE;

  *colon = '\0';
  *key = g_strstrip (line);
  *value = g_strstrip (colon + 1);
  return TRUE;
}

char *
sl_sysinfo_parse_cpu_model (const char *cpuinfo)
{
  /* x86 says "model name"; ARM says "Model" or "Hardware"; MIPS "cpu model"; POWER "cpu". */
  static const char *keys[] = { "model name", "Model", "Hardware", "cpu model", "cpu" };
  g_auto(GStrv) lines = NULL;

  if (cpuinfo == NULL)
    return NULL;

  lines = g_strsplit (cpuinfo, "\n", -1);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = g_strdup (lines[i]);
          char *key, *value;

          if (split_cpuinfo_line (line, &key, &value) && g_str_equal (key, keys[k]) && *value != '\0')
            return g_strdup (value);
        }
    }

  return NULL;
}

guint
sl_sysinfo_parse_physical_cores (const char *cpuinfo)
{
  g_autoptr(GHashTable) cores = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *physical_id = NULL;
  g_autofree char *core_id = NULL;

  if (cpuinfo == NULL)
    return 0;

  cores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines = g_strsplit (cpuinfo, "\n", -1);

  /* One extra round with no line flushes the last processor block. */
  for (guint i = 0; ; i++)
    {
      g_autofree char *line = lines[i] != NULL ? g_strdup (lines[i]) : NULL;
      char *key = NULL, *value = NULL;
      gboolean has_pair = line != NULL && split_cpuinfo_line (line, &key, &value);
      gboolean block_ends = line == NULL || !has_pair || g_str_equal (key, "processor");

      if (block_ends)
        {
          if (physical_id != NULL && core_id != NULL)
            g_hash_table_add (cores, g_strdup_printf ("%s:%s", physical_id, core_id));
          g_clear_pointer (&physical_id, g_free);
          g_clear_pointer (&core_id, g_free);
        }

      if (line == NULL)
        break;
      if (!has_pair)
        continue;

      if (g_str_equal (key, "physical id"))
        replace_string (&physical_id, value);
      else if (g_str_equal (key, "core id"))
        replace_string (&core_id, value);
    }

  return g_hash_table_size (cores);
}

/* A whole number of non-negative microseconds, nothing after it but white space. */
static gboolean
parse_microseconds (const char *text,
                    double     *out)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;

  value = g_ascii_strtod (text, &end);
  if (end == text || !isfinite (value))
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
sl_sysinfo_parse_cpu_max (const char *text,
                          double     *cpus)
{
  g_auto(GStrv) fields = NULL;
  g_autofree char *stripped = NULL;
  double quota, period = DEFAULT_CFS_PERIOD_US;
  guint n_fields;

  g_return_val_if_fail (cpus != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  fields = g_strsplit_set (stripped, " \t", -1);
  n_fields = g_strv_length (fields);
  if (n_fields < 1 || n_fields > 2 || *fields[0] == '\0')
    return FALSE;

  if (n_fields == 2 && (!parse_microseconds (fields[1], &period) || period <= 0.0))
    return FALSE;

  if (g_str_equal (fields[0], "max"))
    {
      *cpus = 0.0;
      return TRUE;
    }

  if (!parse_microseconds (fields[0], &quota) || quota <= 0.0)
    return FALSE;

  *cpus = quota / period;
  return TRUE;
}

gboolean
sl_sysinfo_parse_cfs_quota (const char *quota,
                            const char *period,
                            double     *cpus)
{
  g_autofree char *stripped = NULL;
  double quota_us, period_us = DEFAULT_CFS_PERIOD_US;

  g_return_val_if_fail (cpus != NULL, FALSE);

  if (quota == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (quota));
  if (g_str_equal (stripped, "-1"))
    {
      *cpus = 0.0;
      return TRUE;
    }

  if (!parse_microseconds (stripped, &quota_us) || quota_us <= 0.0)
    return FALSE;
  if (period != NULL && (!parse_microseconds (period, &period_us) || period_us <= 0.0))
    return FALSE;

  *cpus = quota_us / period_us;
  return TRUE;
}

static void
keep_tightest (double *tightest,
               double  cpus)
{
  if (cpus > 0.0 && (*tightest == 0.0 || cpus < *tightest))
    *tightest = cpus;
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  return contents;
}

/* Distributions mount the v1 cpu controller alone or together with cpuacct. */
static const char *v1_cpu_mounts[] = { "cpu", "cpu,cpuacct", "cpuacct,cpu" };

/* The CPUs that one level of a cgroup hierarchy allows; 0 when it sets no limit. */
typedef double (*LevelLimit) (const char *root, const char *mount, const char *dir);

static double
cgroup_v2_limit (const char *root,
                 const char *mount,
                 const char *dir)
{
  g_autofree char *file = g_build_filename (root, dir, "cpu.max", NULL);
  g_autofree char *text = read_text (file);
  double cpus;

  return text != NULL && sl_sysinfo_parse_cpu_max (text, &cpus) ? cpus : 0.0;
}

static double
cgroup_v1_limit (const char *root,
                 const char *mount,
                 const char *dir)
{
  g_autofree char *quota_file = g_build_filename (root, mount, dir, "cpu.cfs_quota_us", NULL);
  g_autofree char *period_file = g_build_filename (root, mount, dir, "cpu.cfs_period_us", NULL);
  g_autofree char *quota = read_text (quota_file);
  g_autofree char *period = read_text (period_file);
  double cpus;

  return quota != NULL && sl_sysinfo_parse_cfs_quota (quota, period, &cpus) ? cpus : 0.0;
}

/* A parent's quota caps all of its children, so every level from `path` up to the root counts. */
static void
walk_cgroup (const char *root,
             const char *mount,
             const char *path,
             LevelLimit  limit,
             double     *tightest)
{
  g_autofree char *dir = g_strdup (path);

  for (;;)
    {
      char *parent;

      keep_tightest (tightest, limit (root, mount, dir));
      if (g_str_equal (dir, "/") || g_str_equal (dir, ".") || *dir == '\0')
        break;
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
}

static gboolean
controllers_include_cpu (const char *controllers)
{
  g_auto(GStrv) names = g_strsplit (controllers, ",", -1);

  return g_strv_contains ((const char *const *) names, "cpu");
}

double
sl_sysinfo_read_cgroup_cpus (const char *cgroup_root,
                             const char *proc_self_cgroup)
{
  g_autofree char *v2_path = NULL;
  g_autofree char *v1_path = NULL;
  double tightest = 0.0;

  g_return_val_if_fail (cgroup_root != NULL, 0.0);

  if (proc_self_cgroup != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (proc_self_cgroup, "\n", -1);

      /* "0::/path" is the unified (v2) hierarchy; "N:cpu,cpuacct:/path" a v1 controller. */
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (lines[i], ":", 3);

          if (g_strv_length (parts) != 3)
            continue;

          g_strstrip (parts[2]);
          if (g_str_equal (parts[0], "0") && *parts[1] == '\0')
            replace_string (&v2_path, parts[2]);
          else if (controllers_include_cpu (parts[1]))
            replace_string (&v1_path, parts[2]);
        }
    }

  walk_cgroup (cgroup_root, NULL, v2_path != NULL ? v2_path : "/", cgroup_v2_limit, &tightest);
  for (guint m = 0; m < G_N_ELEMENTS (v1_cpu_mounts); m++)
    walk_cgroup (cgroup_root, v1_cpu_mounts[m], v1_path != NULL ? v1_path : "/", cgroup_v1_limit,
                 &tightest);

  return tightest;
}

gboolean
sl_sysinfo_parse_loadavg (const char *text,
                          double      load_avg[3])
{
  const char *p = text;

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      char *end = NULL;
      double value = g_ascii_strtod (p, &end);

      if (end == p || !isfinite (value) || value < 0.0)
        return FALSE;
      load_avg[i] = value;
      p = end;
    }

  return TRUE;
}

guint64
sl_sysinfo_parse_mem_total (const char *meminfo)
{
  const char *line;

  if (meminfo == NULL)
    return 0;

  for (line = meminfo; line != NULL && *line != '\0'; line = strchr (line, '\n'))
    {
      if (*line == '\n')
        line++;
      if (g_str_has_prefix (line, "MemTotal:"))
        return g_ascii_strtoull (line + strlen ("MemTotal:"), NULL, 10);
    }

  return 0;
}

guint
sl_sysinfo_compute_usable (guint  affinity_cpus,
                           double cgroup_cpus)
{
  guint usable = affinity_cpus;

  /* A quota of 1.5 CPUs still lets two workers run at once, part of the time. */
  if (cgroup_cpus > 0.0)
    {
      double quota_cpus = ceil (cgroup_cpus - 1e-9);

      if (usable == 0 || quota_cpus < usable)
        usable = (guint) quota_cpus;
    }

  return MAX (usable, 1);
}

static gboolean
has_warning (SlSysInfo  *info,
             const char *text)
{
  for (guint i = 0; i < info->warnings->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (info->warnings, i), text))
        return TRUE;
    }

  return FALSE;
}

static void
add_warning (SlSysInfo *info,
             char      *text)
{
  if (has_warning (info, text))
    g_free (text);
  else
    g_ptr_array_add (info->warnings, text);
}

void
sl_sysinfo_add_machine_warnings (SlSysInfo *info)
{
  guint usable;

  g_return_if_fail (info != NULL);

  usable = MAX (info->usable_cpus, 1);

  if (info->load_avg[0] > usable / 2.0)
    add_warning (info, g_strdup_printf (TXT_WARN_LOAD (usable), info->load_avg[0], usable));

  if (info->governor != NULL && g_str_equal (info->governor, "powersave"))
    add_warning (info, g_strdup (TXT_WARN_GOVERNOR));

  if (info->logical_cpus > 0 && info->usable_cpus < info->logical_cpus)
    {
      gboolean quota_limits = info->cgroup_cpus > 0.0 &&
                              (info->affinity_cpus == 0 || ceil (info->cgroup_cpus - 1e-9) < info->affinity_cpus);
      g_autofree char *why = quota_limits ? g_strdup_printf (TXT_WHY_QUOTA, info->cgroup_cpus)
                                          : g_strdup (TXT_WHY_AFFINITY);

      add_warning (info, g_strdup_printf (TXT_WARN_LIMITED, info->usable_cpus, info->logical_cpus,
                                          why, info->usable_cpus));
    }
}

void
sl_sysinfo_add_spec_warnings (SlSysInfo *info,
                              guint      max_workers,
                              gboolean   cpu_bound)
{
  guint usable;

  g_return_if_fail (info != NULL);

  usable = MAX (info->usable_cpus, 1);
  if (cpu_bound && max_workers > usable)
    add_warning (info, g_strdup_printf (TXT_WARN_WORKERS (usable), max_workers, usable, usable,
                                        usable));
}

SlSysInfo *
sl_sysinfo_new (void)
{
  SlSysInfo *info = g_new0 (SlSysInfo, 1);

  info->warnings = g_ptr_array_new_with_free_func (g_free);

  return info;
}

static guint
read_affinity_cpus (void)
{
  long configured = sysconf (_SC_NPROCESSORS_CONF);
  /* Leave room for CPUs that are configured but offline. */
  int n_cpus = (int) MAX (configured, 1024);
  cpu_set_t *set = CPU_ALLOC (n_cpus);
  size_t size = CPU_ALLOC_SIZE (n_cpus);
  guint count = 0;

  if (set == NULL)
    return 0;

  CPU_ZERO_S (size, set);
  if (sched_getaffinity (0, size, set) == 0)
    count = (guint) CPU_COUNT_S (size, set);
  CPU_FREE (set);

  return count;
}

SlSysInfo *
sl_sysinfo_collect (void)
{
  SlSysInfo *info = sl_sysinfo_new ();
  g_autofree char *cpuinfo = read_text ("/proc/cpuinfo");
  g_autofree char *self_cgroup = read_text ("/proc/self/cgroup");
  g_autofree char *loadavg = read_text ("/proc/loadavg");
  g_autofree char *meminfo = read_text ("/proc/meminfo");
  g_autofree char *governor = read_text ("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");
  struct utsname names;
  gboolean have_uname = uname (&names) == 0;
  long online = sysconf (_SC_NPROCESSORS_ONLN);

  info->cpu_model = sl_sysinfo_parse_cpu_model (cpuinfo);
  if (info->cpu_model == NULL)
    info->cpu_model = g_strdup (have_uname ? names.machine : "unknown");

  info->logical_cpus = online > 0 ? (guint) online : 1;

  /* Offline CPUs still appear in /proc/cpuinfo on some kernels; never report more cores than
   * there are CPUs to run on. */
  info->physical_cores = sl_sysinfo_parse_physical_cores (cpuinfo);
  if (info->physical_cores == 0 || info->physical_cores > info->logical_cpus)
    info->physical_cores = info->logical_cpus;

  info->affinity_cpus = read_affinity_cpus ();
  if (info->affinity_cpus == 0)
    info->affinity_cpus = info->logical_cpus;

  info->cgroup_cpus = sl_sysinfo_read_cgroup_cpus (CGROUP_ROOT, self_cgroup);
  info->usable_cpus = sl_sysinfo_compute_usable (info->affinity_cpus, info->cgroup_cpus);

  if (!sl_sysinfo_parse_loadavg (loadavg, info->load_avg))
    info->load_avg[0] = info->load_avg[1] = info->load_avg[2] = 0.0;

  if (governor != NULL)
    {
      g_strstrip (governor);
      if (*governor != '\0')
        info->governor = g_steal_pointer (&governor);
    }

  if (have_uname)
    info->kernel = g_strdup_printf ("%s %s %s", names.sysname, names.release, names.machine);
  else
    info->kernel = g_strdup ("unknown");

  info->memory_total_kb = sl_sysinfo_parse_mem_total (meminfo);

  sl_sysinfo_add_machine_warnings (info);

  return info;
}

SlSysInfo *
sl_sysinfo_copy (const SlSysInfo *info)
{
  SlSysInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = sl_sysinfo_new ();
  copy->cpu_model = g_strdup (info->cpu_model);
  copy->logical_cpus = info->logical_cpus;
  copy->physical_cores = info->physical_cores;
  copy->affinity_cpus = info->affinity_cpus;
  copy->cgroup_cpus = info->cgroup_cpus;
  copy->usable_cpus = info->usable_cpus;
  memcpy (copy->load_avg, info->load_avg, sizeof copy->load_avg);
  copy->governor = g_strdup (info->governor);
  copy->kernel = g_strdup (info->kernel);
  copy->memory_total_kb = info->memory_total_kb;

  for (guint i = 0; info->warnings != NULL && i < info->warnings->len; i++)
    g_ptr_array_add (copy->warnings, g_strdup (g_ptr_array_index (info->warnings, i)));

  return copy;
}

void
sl_sysinfo_free (SlSysInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->cpu_model);
  g_free (info->governor);
  g_free (info->kernel);
  g_clear_pointer (&info->warnings, g_ptr_array_unref);
  g_free (info);
}
