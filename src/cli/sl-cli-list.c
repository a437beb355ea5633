/* sl-cli-list.c: the list and info commands: what can be run, and on what machine. */
#define G_LOG_DOMAIN "sl-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "sl-analysis.h"
#include "sl-cli-chart.h"
#include "sl-cli.h"
#include "sl-error.h"
#include "sl-export.h"
#include "sl-i18n.h"
#include "sl-preset.h"
#include "sl-python.h"
#include "sl-result-io.h"
#include "sl-runner.h"
#include "sl-workloads.h"

static const char *
param_type_name (SlParamType type)
{
  switch (type)
    {
    case SL_PARAM_INT: return _("integer");
    case SL_PARAM_DOUBLE: return _("number");
    case SL_PARAM_BOOL: return _("boolean");
    case SL_PARAM_STRING: return _("text");
    default: return "?";
    }
}

int
sl_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (N_("— list workloads and presets"));
  g_autoptr(GError) error = NULL;
  const SlWorkload **workloads;
  const SlPreset **presets;
  guint n_workloads, n_presets;

  if (!sl_cli_parse_options (context, &argc, &argv))
    return SL_EXIT_USAGE;

  workloads = sl_workload_list (&n_workloads);
  printf (_("Workloads:\n"));
  for (guint i = 0; i < n_workloads; i++)
    {
      const SlWorkload *w = workloads[i];

      printf ("\n  %-12s %s (%s%s)\n", w->id, _(w->title), sl_workload_kind_to_string (w->kind),
              (w->flags & SL_WORKLOAD_FLAG_PYTHON_ONLY) ? _("; python")
              : w->python_source ? _("; native and python") : _("; native"));
      sl_cli_print_wrapped (stdout, "               ", _(w->description), 78);
      for (guint p = 0; p < w->n_params; p++)
        {
          const SlParamInfo *info = &w->params[p];
          g_autofree char *range = NULL;

          if (info->flags & SL_PARAM_FLAG_INTERNAL)
            continue;
          if (info->type == SL_PARAM_INT || info->type == SL_PARAM_DOUBLE)
            range = g_strdup_printf (", %.15g–%.15g%s%s", info->min, info->max,
                                     info->unit ? " " : "", info->unit ? _(info->unit) : "");
          printf ("      --param %s=%s  (%s%s)\n", info->name,
                  info->default_value && *info->default_value ? info->default_value : "\"\"",
                  param_type_name (info->type), range ? range : "");
          g_autofree char *help = g_strdup_printf ("%s: %s", _(info->title), _(info->help));
          sl_cli_print_wrapped (stdout, "          ", help, 78);
        }
    }

  presets = sl_preset_list (&n_presets);
  printf (_("\nPresets (the article's experiments):\n"));
  for (guint i = 0; i < n_presets; i++)
    {
      g_autoptr(SlExperimentSpec) spec = sl_experiment_spec_new ();
      g_autoptr(GString) models = g_string_new (NULL);
      g_autofree char *workers = NULL;

      sl_experiment_spec_apply_preset (spec, presets[i]->id, NULL);
      for (guint m = 0; m < spec->models->len; m++)
        g_string_append_printf (models, "%s%s", m ? "," : "",
                                sl_model_to_string (g_array_index (spec->models, SlModel, m)));
      workers = sl_format_worker_list (spec->workers);
      printf (_("\n  %-12s %s: workload %s, %s, %s workers\n"), presets[i]->id,
              _(presets[i]->title), presets[i]->workload, models->str, workers);
      sl_cli_print_wrapped (stdout, "               ", _(presets[i]->description), 78);
    }

  printf (_("\nRuntimes:\n\n  %-12s C code, in this process (threads) or in worker processes\n"),
          "native");
  {
    g_autofree char *reason = NULL;
    g_autoptr(GHashTable) info = NULL;
    g_autoptr(GError) python_error = NULL;

    if (sl_python_available (&reason))
      info = sl_python_query_runtime_info (&python_error);

    if (info != NULL)
      {
        g_autofree char *text =
          g_strdup_printf (_("%s %s embedded in speedup-lab-worker (%s, GIL %s): available. "
                             "Workloads marked python run as Python code, your own with "
                             "--python-file; it runs with your rights."),
                           (char *) g_hash_table_lookup (info, "implementation"),
                           (char *) g_hash_table_lookup (info, "python_version"),
                           g_strcmp0 (g_hash_table_lookup (info, "free_threaded"), "true") == 0
                             ? _("free-threaded build") : _("standard build"),
                           g_strcmp0 (g_hash_table_lookup (info, "gil_enabled"), "false") == 0
                             ? _("disabled") : _("enabled"));

        sl_cli_print_wrapped (stdout, "  python       ", text, 78);
      }
    else
      {
        g_autofree char *text = g_strdup_printf (_("unavailable: %s"),
                                                 reason ? reason : python_error->message);

        sl_cli_print_wrapped (stdout, "  python       ", text, 78);
      }
  }

  return SL_EXIT_OK;
}

int
sl_cli_info (int    argc,
             char **argv)
{
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("— system information and warnings"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSysInfo) info = NULL;
  g_autofree char *cpu = NULL;
  g_autofree char *governor = NULL;
  g_autofree char *kernel = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!sl_cli_parse_options (context, &argc, &argv))
    return SL_EXIT_USAGE;

  info = sl_sysinfo_collect ();

  if (as_json)
    {
      g_autoptr(JsonNode) node = sl_sysinfo_to_json (info);
      g_autofree char *text = json_to_string (node, TRUE);

      sl_cli_print_json (stdout, text);
      fputc ('\n', stdout);
      return SL_EXIT_OK;
    }

  /* What the system says of itself is text from outside too. */
  cpu = sl_cli_dup_shown (info->cpu_model, FALSE);
  governor = sl_cli_dup_shown (info->governor, FALSE);
  kernel = sl_cli_dup_shown (info->kernel, FALSE);
  /* Translators: each label is padded to 17 columns; keep the values lined up */
  printf (_("CPU model        %s\n"), cpu ? cpu : _("unknown"));
  printf (_("Logical CPUs     %u\n"), info->logical_cpus);
  printf (_("Physical cores   %u\n"), info->physical_cores);
  printf (_("Affinity mask    %u CPUs\n"), info->affinity_cpus);
  if (info->cgroup_cpus > 0)
    printf (_("cgroup quota     %.2f CPUs\n"), info->cgroup_cpus);
  else
    printf (_("cgroup quota     none\n"));
  printf (_("Usable CPUs      %u\n"), info->usable_cpus);
  printf (_("Load average     %.2f %.2f %.2f\n"), info->load_avg[0], info->load_avg[1],
          info->load_avg[2]);
  printf (_("CPU governor     %s\n"), governor ? governor : _("unknown (no cpufreq)"));
  printf (_("Kernel           %s\n"), kernel ? kernel : _("unknown"));
  printf (_("Memory           %.1f GiB\n"), info->memory_total_kb / 1024.0 / 1024.0);
  for (guint i = 0; i < info->warnings->len; i++)
    sl_cli_print_wrapped (stdout, _("Warning: "), g_ptr_array_index (info->warnings, i), 78);

  return SL_EXIT_OK;
}
