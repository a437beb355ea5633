/* sl-python-task.h: the embedded CPython that runs the python runtime's tasks in the worker.
 *
 * One interpreter per worker process, started once. Every thread that runs tasks enters it once
 * (its own thread state, kept between tasks) and takes the GIL for each task, as any thread of
 * a Python program does: the threads of one worker contend for one GIL, for real.
 */
#pragma once

#include <glib.h>

#include "sl-workload.h"

G_BEGIN_DECLS

typedef struct _SlPythonTask   SlPythonTask;
typedef struct _SlPythonThread SlPythonThread;

/* Starts the interpreter, loads `source` and finds its task(); fills `info` with the
 * interpreter's description and its start-up times. Returns with the GIL released. Problems of
 * the code (a SyntaxError with its line and column, an exception at load time, no task
 * function) are SL_ERROR_INVALID_INPUT. */
SlPythonTask   *sl_python_task_new (const char        *source,
                                    const char        *filename,
                                    const SlWorkload  *workload,
                                    const SlParams    *params,
                                    guint              memory_limit_mb,
                                    GHashTable        *info,
                                    GError           **error);

/* Called on each thread that will run tasks, before its first and after its last. */
SlPythonThread *sl_python_thread_enter (SlPythonTask *self);
void            sl_python_thread_leave (SlPythonThread *thread);
void            sl_python_thread_release (SlPythonThread *thread);

/* Runs one task on the calling thread: the int it returns, masked to 64 bits, is the checksum.
 * An exception is a failed task whose message holds the traceback. The thread keeps the GIL
 * afterwards, as a Python thread does between two calls of a loop, until
 * sl_python_thread_release(): call it before anything that may block (writing the answers). */
gboolean        sl_python_task_run (SlPythonThread  *thread,
                                    const SlTask    *task,
                                    guint64         *checksum,
                                    GError         **error);

/* Writes what Python buffered on stdout and stderr, for a worker about to exit without
 * finalising the interpreter (a thread of the task code could keep finalisation waiting). */
void            sl_python_task_flush (SlPythonTask *self);

/* The worker's one-shot modes: each starts an interpreter, writes a key file to `out_fd` and
 * returns the worker's exit status. --python-info writes [runtime]; --check-python loads
 * `source` and writes [check] (ok, kind, message, line, column) and [runtime]. */
int             sl_python_info_main  (int out_fd);
int             sl_python_check_main (int out_fd, const char *source);
/* --python-script NAME: runs the embedded Python program NAME ("article": the article's
 * examples; "shared-counter"; "transfer") on `input`, a JSON request, and writes its JSON report to `out_fd`. */
int             sl_python_script_main (int out_fd, const char *name, const char *input);

G_END_DECLS
