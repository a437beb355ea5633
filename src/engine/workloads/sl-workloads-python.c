/* sl-workloads-python.c: python-custom, a person's own Python function as a workload.
 *
 * Its code is a parameter, so that it travels with the spec and the result document: the window
 * offers an editor seeded with the presets' sources, the CLI takes --python-file or
 * --python-code. It runs only in the python runtime, inside speedup-lab-worker, with the rights
 * of the person who runs Speedup Lab.
 */
#define G_LOG_DOMAIN "sl-workloads-python"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-i18n.h"
#include "sl-python-sources.h"
#include "sl-error.h"
#include "sl-limits.h"
#include "sl-python.h"
#include "sl-workloads.h"

static const SlParamInfo python_custom_params[] = {
  { SL_PYTHON_CODE_PARAM, N_("Code"), SL_PARAM_STRING, "", 0, 0, NULL,
    N_("Python source that defines task(index, count, **params) returning an int; empty runs a "
       "small sample. It runs with your rights: only run code you trust"), 0 },
  { SL_PYTHON_MEMORY_PARAM, N_("Memory per worker"), SL_PARAM_INT, "2048", 0, 1048576, N_("MiB"),
    N_("Most memory the code may allocate in each worker process, beyond what starting it took; "
       "0 for no limit. A task that needs more fails with MemoryError instead of exhausting the "
       "machine"), 0 },
};

/* The limit of a code file holds for code however it came: typed, given on the command line,
 * or read back from a result. */
static void
python_custom_check (const SlParams *params,
                     GPtrArray      *problems)
{
  const char *code = sl_params_get_string (params, SL_PYTHON_CODE_PARAM);

  if (code != NULL && strlen (code) > SL_MAX_CODE_SIZE)
    sl_workload_add_problem (problems, SL_PYTHON_CODE_PARAM,
                             _("The code is larger than %d MiB, more than a task's code can be"),
                             SL_MAX_CODE_SIZE / (1024 * 1024));
}

static gboolean
python_custom_run (gpointer      shared,
                   gpointer      local,
                   const SlTask *task,
                   guint64      *checksum,
                   GError      **error)
{
  g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                       _("python-custom is Python code: run it with the python runtime"));
  return FALSE;
}

const SlWorkload sl_workload_python_custom = {
  .id = "python-custom",
  .title = N_("Your Python code"),
  .description = N_("Your own function task(index, count, **params), run by CPython in threads "
                    "of one interpreter or in processes: does the GIL hold your code back? The "
                    "code runs with your rights; only run code you trust."),
  .kind = SL_WORKLOAD_KIND_CPU,
  .flags = SL_WORKLOAD_FLAG_PYTHON_ONLY,
  SL_WORKLOAD_PARAMS (python_custom_params),
  .python_source = SL_PYTHON_SOURCE_CUSTOM_SAMPLE,
  .n_default_tasks = 32,
  .check = python_custom_check,
  .run = python_custom_run,
};
