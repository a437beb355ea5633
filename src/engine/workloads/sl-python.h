/* sl-python.h: the python runtime as the engine sees it, without embedding Python.
 *
 * Python runs only inside speedup-lab-worker: the GUI and the CLI never load an interpreter.
 * These calls tell whether the runtime is there, describe the interpreter the worker embeds, and
 * check a person's code (a SyntaxError with its line and column, a missing task function) by
 * running the worker in a check mode, without running a sweep.
 *
 * Custom code runs with the rights of the person who runs Speedup Lab: it can do anything they
 * can. Only run code you trust.
 */
#pragma once

#include <gio/gio.h>

#include "sl-workload.h"

G_BEGIN_DECLS

/* How the task code is named in tracebacks and messages. */
#define SL_PYTHON_CUSTOM_FILENAME "<your code>"
/* The group the worker's --check-python answer starts with, before it runs the code. */
#define SL_PYTHON_CHECK_LOADING   "loading"
/* The parameter of python-custom that holds the code, and the memory limit of python workers. */
#define SL_PYTHON_CODE_PARAM      "code"
#define SL_PYTHON_MEMORY_PARAM    "memory_limit_mb"

/* Reads a file of a person's Python code, as the CLI's --python-file and the window's editor
 * open one: no more than SL_MAX_CODE_SIZE bytes are read whatever the file is (/dev/zero or a
 * FIFO is refused once that much came), and what is read must be UTF-8 text without a NUL byte.
 * Fails with SL_ERROR_INVALID_INPUT ("the file name is empty", "PATH is too large for a task's
 * code: it is larger than 1 MiB", "PATH is not Python source: …") or SL_ERROR_IO ("Cannot read
 * PATH: REASON"). An empty file is read as "": what the caller needs of it is the caller's to
 * say. Blocks while a FIFO has no writer: call it on a thread where that must not wait. */
char       *sl_python_read_code_file (const char  *path,
                                      gsize       *length,
                                      GError     **error);

/* TRUE when this build's worker embeds CPython; otherwise FALSE, and `reason` (nullable) says
 * why, for a person. Cheap: starts nothing. */
gboolean    sl_python_available (char **reason);

/* Asks the worker which interpreter it embeds: char* -> char* with python_version,
 * implementation, python_build, python_library, free_threaded, gil_enabled, switch_interval_s. */
GHashTable *sl_python_query_runtime_info (GError **error);

typedef struct {
  gboolean  ok;
  char     *kind;      /* "syntax", "exception" or "signature"; NULL when ok */
  char     *message;   /* for a person, with the traceback of an exception; NULL when ok */
  guint     line;      /* 1-based; 0 when the problem has no line */
  guint     column;    /* 1-based; 0 when unknown */
  guint     n_stopped_processes;  /* that the top level started and left running, which were
                                     stopped when the check ended; ok or not */
} SlPythonCheck;

void        sl_python_check_clear (SlPythonCheck *check);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlPythonCheck, sl_python_check_clear)

/* Compiles `code` and runs its top level in a worker (as loading it for a sweep would), then
 * checks that it defines task(index, count, **params). Returns FALSE with `error` only when the
 * check itself could not run (no python runtime, no worker, a worker that failed before it
 * loaded the code); problems of the code, a top level that runs over 10 s included, are
 * reported in `out`. Processes the top level started are stopped when the check ends. */
gboolean    sl_python_check_code (const char     *code,
                                  SlPythonCheck  *out,
                                  GError        **error);
/* The same check on a thread of GLib's pool, for a caller that must not wait (an editor that
 * checks as a person types). Cancelling `cancellable` kills the check's worker at once and
 * finishes with G_IO_ERROR_CANCELLED, so that a caller whose code changed again cancels the
 * older check before it starts a newer one. The callback comes in the thread-default main
 * context of the caller. */
void        sl_python_check_code_async  (const char          *code,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    sl_python_check_code_finish (GAsyncResult        *result,
                                         SlPythonCheck       *out,
                                         GError             **error);

/* Runs the worker's embedded Python program `name` ("article") in a worker of its own, with
 * `request` (a JSON document) on its stdin, and returns its JSON report. The worker leads a
 * process group of its own: whatever it forked ends with it. Fails with SL_ERROR_TIMEOUT after
 * `timeout_s`, SL_ERROR_WORKER when the worker failed, G_IO_ERROR_CANCELLED when cancelled. */
char       *sl_python_run_script (const char    *name,
                                  const char    *request,
                                  guint          timeout_s,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* The line of the person's code where an exception's traceback (a failed point's error, a
 * check's message) ends: the last frame in SL_PYTHON_CUSTOM_FILENAME; 0 when none is there. */
guint       sl_python_traceback_line (const char *message);

/* The SHA-256 (lowercase hex) of the Python source a workload with a code parameter runs
 * (python-custom: the person's code, or its sample when that is empty), so that a result names
 * the code it measured; NULL for workloads whose code is built in. */
char       *sl_python_code_sha256 (const SlWorkload *workload,
                                   const SlParams   *params);

/* For the worker and the front ends: the Python source a workload runs (python-custom's code
 * parameter, or its sample when that is empty), the file name its tracebacks show, whether a
 * parameter is passed to task() as a keyword argument, and the memory limit of each worker
 * process in MiB (0: none). */
const char *sl_python_workload_source (const SlWorkload *workload,
                                       const SlParams   *params);
char       *sl_python_workload_filename (const SlWorkload *workload);
gboolean    sl_python_passes_param (const SlWorkload *workload,
                                    const char       *name);
guint       sl_python_memory_limit_mb (const SlWorkload *workload,
                                       const SlParams   *params);

G_END_DECLS
