/* test-sysinfo.c: parsing of /proc and cgroup texts from other machines, warnings, and a live
 * reading of this one.
 */
#define G_LOG_DOMAIN "test-sysinfo"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sl-sysinfo.h"
#include "sl-sysinfo-private.h"
#include "sl-test-util.h"

/* Two sockets of two cores with two hyperthreads each: 8 CPUs, 4 cores. */
static const char xeon_cpuinfo[] =
  "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\n"
  "physical id\t: 0\nsiblings\t: 4\ncore id\t\t: 0\ncpu cores\t: 2\n\n"
  "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: 0\ncore id\t\t: 1\n\n"
  "processor\t: 2\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: 1\ncore id\t\t: 0\n\n"
  "processor\t: 3\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: 1\ncore id\t\t: 1\n\n"
  "processor\t: 4\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: 0\ncore id\t\t: 0\n\n"
  "processor\t: 5\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: 0\ncore id\t\t: 1\n\n"
  "processor\t: 6\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: 1\ncore id\t\t: 0\n\n"
  "processor\t: 7\nmodel name\t: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz\nphysical id\t: 1\ncore id\t\t: 1\n"
  "cpu MHz\t\t: 2400.000\n";

/* A Raspberry Pi: no "model name", no core topology. */
static const char arm_cpuinfo[] =
  "processor\t: 0\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd08\n\n"
  "processor\t: 1\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd08\n\n"
  "Hardware\t: BCM2835\nRevision\t: c03114\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n";

static void
test_parse_cpuinfo (void)
{
  g_autofree char *xeon = sl_sysinfo_parse_cpu_model (xeon_cpuinfo);
  g_autofree char *arm = sl_sysinfo_parse_cpu_model (arm_cpuinfo);
  g_autofree char *none = sl_sysinfo_parse_cpu_model ("processor : 0\n");

  g_assert_cmpstr (xeon, ==, "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz");
  g_assert_cmpstr (arm, ==, "Raspberry Pi 4 Model B Rev 1.4");
  g_assert_null (none);
  g_assert_null (sl_sysinfo_parse_cpu_model (NULL));

  g_assert_cmpuint (sl_sysinfo_parse_physical_cores (xeon_cpuinfo), ==, 4);
  g_assert_cmpuint (sl_sysinfo_parse_physical_cores (arm_cpuinfo), ==, 0);
  g_assert_cmpuint (sl_sysinfo_parse_physical_cores (""), ==, 0);
  g_assert_cmpuint (sl_sysinfo_parse_physical_cores (NULL), ==, 0);
  /* The last block has no blank line after it. */
  g_assert_cmpuint (sl_sysinfo_parse_physical_cores ("processor : 0\nphysical id : 0\ncore id : 3"), ==, 1);
}

static void
test_parse_cpu_max (void)
{
  double cpus = -1.0;

  g_assert_true (sl_sysinfo_parse_cpu_max ("max 100000\n", &cpus));
  g_assert_cmpfloat (cpus, ==, 0.0);
  g_assert_true (sl_sysinfo_parse_cpu_max ("200000 100000\n", &cpus));
  g_assert_cmpfloat (cpus, ==, 2.0);
  g_assert_true (sl_sysinfo_parse_cpu_max ("150000 100000", &cpus));
  g_assert_cmpfloat (cpus, ==, 1.5);
  g_assert_true (sl_sysinfo_parse_cpu_max ("50000 200000", &cpus));
  g_assert_cmpfloat (cpus, ==, 0.25);
  g_assert_true (sl_sysinfo_parse_cpu_max ("max", &cpus));
  g_assert_cmpfloat (cpus, ==, 0.0);

  cpus = -1.0;
  g_assert_false (sl_sysinfo_parse_cpu_max ("", &cpus));
  g_assert_false (sl_sysinfo_parse_cpu_max ("garbage", &cpus));
  g_assert_false (sl_sysinfo_parse_cpu_max ("-5 100000", &cpus));
  g_assert_false (sl_sysinfo_parse_cpu_max ("100000 0", &cpus));
  g_assert_false (sl_sysinfo_parse_cpu_max ("100000 100000 7", &cpus));
  g_assert_false (sl_sysinfo_parse_cpu_max ("12abc 100000", &cpus));
  g_assert_false (sl_sysinfo_parse_cpu_max (NULL, &cpus));
  g_assert_cmpfloat (cpus, ==, -1.0);
}

static void
test_parse_cfs_quota (void)
{
  double cpus = -1.0;

  g_assert_true (sl_sysinfo_parse_cfs_quota ("-1\n", "100000\n", &cpus));
  g_assert_cmpfloat (cpus, ==, 0.0);
  g_assert_true (sl_sysinfo_parse_cfs_quota ("50000\n", "100000\n", &cpus));
  g_assert_cmpfloat (cpus, ==, 0.5);
  g_assert_true (sl_sysinfo_parse_cfs_quota ("300000", NULL, &cpus));
  g_assert_cmpfloat (cpus, ==, 3.0);
  g_assert_false (sl_sysinfo_parse_cfs_quota ("x", "100000", &cpus));
  g_assert_false (sl_sysinfo_parse_cfs_quota ("100000", "0", &cpus));
  g_assert_false (sl_sysinfo_parse_cfs_quota (NULL, "100000", &cpus));
}

static void
write_file (const char *dir,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_read_cgroup (void)
{
  g_autofree char *root = sl_test_make_tmp_dir ("sl-cgroup-XXXXXX");

  /* Nothing to read: unlimited. */
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, NULL), ==, 0.0);
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, "0::/a/b\n"), ==, 0.0);

  /* v2: the child is unlimited, but its parent caps it at 3 CPUs. */
  write_file (root, "a/cpu.max", "300000 100000\n");
  write_file (root, "a/b/cpu.max", "max 100000\n");
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, "0::/a/b\n"), ==, 3.0);

  /* The tightest level wins. */
  write_file (root, "a/b/cpu.max", "150000 100000\n");
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, "0::/a/b\n"), ==, 1.5);
  /* A sibling cgroup only sees its parent's limit. */
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, "0::/a/c\n"), ==, 3.0);
  /* Inside a container the root of the mount is this process's own cgroup. */
  write_file (root, "cpu.max", "100000 100000\n");
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, "0::/elsewhere\n"), ==, 1.0);

  sl_test_remove_tree (root);
}

static void
test_read_cgroup_v1 (void)
{
  g_autofree char *root = sl_test_make_tmp_dir ("sl-cgroup-XXXXXX");
  const char *self = "12:pids:/x\n4:memory:/x\n3:cpu,cpuacct:/x\n1:name=systemd:/x\n0::/x\n";

  write_file (root, "cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
  write_file (root, "cpu,cpuacct/cpu.cfs_period_us", "100000\n");
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, self), ==, 0.0);

  write_file (root, "cpu,cpuacct/x/cpu.cfs_quota_us", "250000\n");
  write_file (root, "cpu,cpuacct/x/cpu.cfs_period_us", "100000\n");
  g_assert_cmpfloat (sl_sysinfo_read_cgroup_cpus (root, self), ==, 2.5);

  sl_test_remove_tree (root);
}

static void
test_parse_loadavg_meminfo (void)
{
  double load[3] = { -1, -1, -1 };

  g_assert_true (sl_sysinfo_parse_loadavg ("0.52 1.70 2.05 1/79 5092\n", load));
  g_assert_cmpfloat_with_epsilon (load[0], 0.52, 1e-12);
  g_assert_cmpfloat_with_epsilon (load[1], 1.70, 1e-12);
  g_assert_cmpfloat_with_epsilon (load[2], 2.05, 1e-12);
  g_assert_false (sl_sysinfo_parse_loadavg ("garbage", load));
  g_assert_false (sl_sysinfo_parse_loadavg ("1.0 2.0", load));
  g_assert_false (sl_sysinfo_parse_loadavg (NULL, load));

  g_assert_cmpuint (sl_sysinfo_parse_mem_total ("MemTotal:       16318412 kB\nMemFree:  1 kB\n"), ==, 16318412);
  g_assert_cmpuint (sl_sysinfo_parse_mem_total ("MemFree:  1 kB\nMemTotal: 2048 kB\n"), ==, 2048);
  g_assert_cmpuint (sl_sysinfo_parse_mem_total ("MemFree:  1 kB\n"), ==, 0);
  g_assert_cmpuint (sl_sysinfo_parse_mem_total (NULL), ==, 0);
}

static void
test_compute_usable (void)
{
  g_assert_cmpuint (sl_sysinfo_compute_usable (4, 0.0), ==, 4);
  g_assert_cmpuint (sl_sysinfo_compute_usable (4, 1.5), ==, 2);
  g_assert_cmpuint (sl_sysinfo_compute_usable (4, 2.0), ==, 2);
  g_assert_cmpuint (sl_sysinfo_compute_usable (4, 8.0), ==, 4);
  g_assert_cmpuint (sl_sysinfo_compute_usable (1, 0.2), ==, 1);
  g_assert_cmpuint (sl_sysinfo_compute_usable (0, 0.0), ==, 1);
}

static gboolean
has_warning_containing (SlSysInfo  *info,
                        const char *needle)
{
  for (guint i = 0; i < info->warnings->len; i++)
    {
      if (strstr (g_ptr_array_index (info->warnings, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_machine_warnings (void)
{
  g_autoptr(SlSysInfo) busy = sl_sysinfo_new ();
  g_autoptr(SlSysInfo) quiet = sl_sysinfo_new ();

  busy->logical_cpus = 8;
  busy->affinity_cpus = 8;
  busy->cgroup_cpus = 2.0;
  busy->usable_cpus = 2;
  busy->load_avg[0] = 1.7;
  busy->governor = g_strdup ("powersave");
  sl_sysinfo_add_machine_warnings (busy);

  for (guint i = 0; i < busy->warnings->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (busy->warnings, i));
  g_assert_cmpuint (busy->warnings->len, ==, 3);
  g_assert_true (has_warning_containing (busy, "System load is 1.7 on 2 usable CPUs"));
  g_assert_true (has_warning_containing (busy, "powersave"));
  g_assert_true (has_warning_containing (busy, "only 2 of the 8 CPUs"));
  g_assert_true (has_warning_containing (busy, "cgroup quota"));

  /* Twice gives the same list, not duplicates. */
  sl_sysinfo_add_machine_warnings (busy);
  g_assert_cmpuint (busy->warnings->len, ==, 3);

  quiet->logical_cpus = 4;
  quiet->affinity_cpus = 4;
  quiet->usable_cpus = 4;
  quiet->load_avg[0] = 0.3;
  quiet->governor = g_strdup ("performance");
  sl_sysinfo_add_machine_warnings (quiet);
  g_assert_cmpuint (quiet->warnings->len, ==, 0);

  /* Restricted by affinity rather than a quota. */
  quiet->affinity_cpus = 1;
  quiet->usable_cpus = 1;
  sl_sysinfo_add_machine_warnings (quiet);
  g_assert_cmpuint (quiet->warnings->len, ==, 1);
  g_assert_true (has_warning_containing (quiet, "only 1 of the 4 CPUs"));
  g_assert_true (has_warning_containing (quiet, "affinity"));
}

static void
test_spec_warnings (void)
{
  g_autoptr(SlSysInfo) info = sl_sysinfo_new ();

  info->logical_cpus = 2;
  info->affinity_cpus = 2;
  info->usable_cpus = 2;

  sl_sysinfo_add_spec_warnings (info, 2, TRUE);
  sl_sysinfo_add_spec_warnings (info, 16, FALSE);
  g_assert_cmpuint (info->warnings->len, ==, 0);

  sl_sysinfo_add_spec_warnings (info, 16, TRUE);
  g_assert_cmpuint (info->warnings->len, ==, 1);
  g_test_message ("%s", (const char *) g_ptr_array_index (info->warnings, 0));
  g_assert_true (has_warning_containing (info, "16 workers"));
  g_assert_true (has_warning_containing (info, "only 2 CPUs are usable"));

  sl_sysinfo_add_spec_warnings (info, 16, TRUE);
  g_assert_cmpuint (info->warnings->len, ==, 1);
}

static void
test_copy (void)
{
  g_autoptr(SlSysInfo) info = sl_test_sysinfo_new ();
  g_autoptr(SlSysInfo) copy = sl_sysinfo_copy (info);

  g_assert_true (copy != info);
  g_assert_cmpstr (copy->cpu_model, ==, "Test CPU @ 3.00GHz");
  g_assert_true (copy->cpu_model != info->cpu_model);
  g_assert_cmpuint (copy->logical_cpus, ==, 8);
  g_assert_cmpuint (copy->physical_cores, ==, 4);
  g_assert_cmpuint (copy->affinity_cpus, ==, 8);
  g_assert_cmpfloat (copy->cgroup_cpus, ==, 2.5);
  g_assert_cmpuint (copy->usable_cpus, ==, 3);
  g_assert_cmpfloat (copy->load_avg[2], ==, 1.0);
  g_assert_null (copy->governor);
  g_assert_cmpstr (copy->kernel, ==, "Linux 6.1.0-test x86_64");
  g_assert_cmpuint (copy->memory_total_kb, ==, 16384000);
  g_assert_cmpuint (copy->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (copy->warnings, 0), ==, "The CPU quota allows 2.5 CPUs of 8.");
  g_assert_true (copy->warnings != info->warnings);

  g_test_expect_message ("sl-sysinfo", G_LOG_LEVEL_CRITICAL, "*info != NULL*");
  g_assert_null (sl_sysinfo_copy (NULL));
  g_test_assert_expected_messages ();
}

static void
test_collect (void)
{
  g_autoptr(SlSysInfo) info = sl_sysinfo_collect ();

  g_test_message ("%s; %u logical, %u cores, %u affinity, quota %g, %u usable; %s; load %.2f",
                  info->cpu_model, info->logical_cpus, info->physical_cores, info->affinity_cpus,
                  info->cgroup_cpus, info->usable_cpus, info->kernel, info->load_avg[0]);

  g_assert_nonnull (info->cpu_model);
  g_assert_cmpuint (strlen (info->cpu_model), >, 0);
  g_assert_cmpuint (info->logical_cpus, >=, 1);
  g_assert_cmpuint (info->physical_cores, >=, 1);
  g_assert_cmpuint (info->physical_cores, <=, info->logical_cpus);
  g_assert_cmpuint (info->affinity_cpus, >=, 1);
  g_assert_cmpuint (info->usable_cpus, >=, 1);
  g_assert_cmpuint (info->usable_cpus, <=, info->logical_cpus);
  g_assert_cmpuint (info->usable_cpus, <=, info->affinity_cpus);
  g_assert_cmpfloat (info->cgroup_cpus, >=, 0.0);
  g_assert_true (g_str_has_prefix (info->kernel, "Linux "));
  g_assert_cmpuint (info->memory_total_kb, >, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (info->load_avg[i], >=, 0.0);
  g_assert_nonnull (info->warnings);
  if (info->governor != NULL)
    g_assert_cmpuint (strlen (info->governor), >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sysinfo/parse/cpuinfo", test_parse_cpuinfo);
  g_test_add_func ("/sysinfo/parse/cpu-max", test_parse_cpu_max);
  g_test_add_func ("/sysinfo/parse/cfs-quota", test_parse_cfs_quota);
  g_test_add_func ("/sysinfo/parse/loadavg-meminfo", test_parse_loadavg_meminfo);
  g_test_add_func ("/sysinfo/cgroup/v2", test_read_cgroup);
  g_test_add_func ("/sysinfo/cgroup/v1", test_read_cgroup_v1);
  g_test_add_func ("/sysinfo/usable", test_compute_usable);
  g_test_add_func ("/sysinfo/warnings/machine", test_machine_warnings);
  g_test_add_func ("/sysinfo/warnings/spec", test_spec_warnings);
  g_test_add_func ("/sysinfo/copy", test_copy);
  g_test_add_func ("/sysinfo/collect", test_collect);

  return g_test_run ();
}
