/* sl-python-task.c: the embedded CPython that runs the python runtime's tasks in the worker.
 *
 * The harness (python/harness.py) does in Python what is easiest there: loading the code with a
 * precise SyntaxError, formatting tracebacks, describing the build. The hot path stays in C:
 * each task is one PyObject_Call() of the task function, between taking and dropping the GIL.
 */
#define G_LOG_DOMAIN "sl-python-task"
#define PY_SSIZE_T_CLEAN

#include "config.h"

#include <Python.h>

#include <string.h>

#include "sl-python-sources.h"
#include "sl-checksum.h"
#include "sl-error.h"
#include "sl-protocol.h"
#include "sl-python-task.h"
#include "sl-python.h"

#define HARNESS_NAME     "_speedup_lab_harness"
#define HARNESS_FILENAME "speedup_lab_harness.py"
/* Below this, releasing the GIL costs more than it lets other threads do. */
#define RELEASE_GIL_BYTES 4096

struct _SlPythonTask
{
  PyObject *harness;          /* the harness module */
  PyObject *task;             /* the code's task() */
  PyObject *kwargs;           /* the workload's parameters as keyword arguments */
  char     *filename;
  guint     memory_limit_mb;
};

struct _SlPythonThread
{
  SlPythonTask     *self;
  PyGILState_STATE  outer;       /* keeps the thread state alive between tasks */
  PyThreadState    *state;       /* while the GIL is released; NULL while it holds it */

  /* The call, ready for PyObject_Vectorcall(): index, count, then the value of each keyword
   * argument named in kwnames, base_tasks last. Only the index changes from task to task. */
  PyObject        **stack;
  PyObject         *kwnames;
  Py_ssize_t        n_kwargs;
  guint64           count;       /* what stack[1] holds */
  guint64           base_tasks;  /* what the last value holds */
};

/* ---- _speedup_lab: helpers the embedded task code may import ---- */

static PyObject *
speedup_lab_fnv1a64 (PyObject *module,
                     PyObject *args)
{
  unsigned long long state = SL_CHECKSUM_INIT;
  Py_buffer buffer;
  guint64 result;

  if (!PyArg_ParseTuple (args, "y*|K:fnv1a64", &buffer, &state))
    return NULL;

  if (buffer.len >= RELEASE_GIL_BYTES)
    {
      Py_BEGIN_ALLOW_THREADS
      result = sl_checksum_update (state, buffer.buf, (gsize) buffer.len);
      Py_END_ALLOW_THREADS
    }
  else
    result = sl_checksum_update (state, buffer.buf, (gsize) buffer.len);

  PyBuffer_Release (&buffer);
  return PyLong_FromUnsignedLongLong (result);
}

static PyMethodDef speedup_lab_methods[] = {
  { "fnv1a64", speedup_lab_fnv1a64, METH_VARARGS,
    "fnv1a64(data, state=0xcbf29ce484222325) -> int: the 64-bit FNV-1a checksum of data, as "
    "the native workloads compute it" },
  { NULL, NULL, 0, NULL },
};

static struct PyModuleDef speedup_lab_module = {
  PyModuleDef_HEAD_INIT,
  .m_name = "_speedup_lab",
  .m_doc = "Helpers of Speedup Lab's worker for the embedded task code.",
  .m_size = -1,
  .m_methods = speedup_lab_methods,
};

static PyObject *
speedup_lab_init (void)
{
  return PyModule_Create (&speedup_lab_module);
}

/* ---- the interpreter ---- */

static char *
format_seconds (double seconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6f", seconds));
}

/* The pending exception as one line, for errors of our own making (the harness failed). */
static char *
take_exception_text (void)
{
  PyObject *type, *value, *tb, *text;
  char *message = NULL;

  PyErr_Fetch (&type, &value, &tb);
  PyErr_NormalizeException (&type, &value, &tb);

  text = value != NULL ? PyObject_Str (value) : NULL;
  if (text != NULL && PyUnicode_Check (text))
    message = g_strdup_printf ("%s: %s", type != NULL ? ((PyTypeObject *) type)->tp_name : "error",
                               PyUnicode_AsUTF8 (text));
  PyErr_Clear ();

  Py_XDECREF (text);
  Py_XDECREF (type);
  Py_XDECREF (value);
  Py_XDECREF (tb);

  return message != NULL ? message : g_strdup ("an unknown Python error");
}

static gboolean
start_interpreter (GError **error)
{
  PyConfig config;
  PyStatus status;

  if (Py_IsInitialized ())
    return TRUE;

  if (PyImport_AppendInittab ("_speedup_lab", speedup_lab_init) < 0)
    {
      g_set_error_literal (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                           "Could not register the _speedup_lab module");
      return FALSE;
    }

  PyConfig_InitPythonConfig (&config);
  /* The worker owns its signals: the pool stops it, and Ctrl+C is for the front end. */
  config.install_signal_handlers = 0;
  config.parse_argv = 0;
  status = Py_InitializeFromConfig (&config);
  PyConfig_Clear (&config);

  if (PyStatus_Exception (status))
    {
      g_set_error (error, SL_ERROR, SL_ERROR_UNAVAILABLE,
                   "Could not start the embedded Python interpreter: %s%s%s",
                   status.func != NULL ? status.func : "",
                   status.func != NULL ? ": " : "",
                   status.err_msg != NULL ? status.err_msg : "unknown error");
      return FALSE;
    }

  return TRUE;
}

static PyObject *
load_harness (GError **error)
{
  PyObject *code, *module;

  code = Py_CompileString (SL_PYTHON_SOURCE_HARNESS, HARNESS_FILENAME, Py_file_input);
  module = code != NULL ? PyImport_ExecCodeModule (HARNESS_NAME, code) : NULL;
  Py_XDECREF (code);

  if (module == NULL)
    {
      g_autofree char *text = take_exception_text ();

      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, "The worker's Python harness did not load: %s",
                   text);
    }

  return module;
}

/* Copies a dict of str -> str into `table`. */
static gboolean
copy_text_dict (PyObject   *dict,
                GHashTable *table)
{
  PyObject *key, *value;
  Py_ssize_t pos = 0;

  if (dict == NULL || !PyDict_Check (dict))
    return FALSE;

  while (PyDict_Next (dict, &pos, &key, &value))
    {
      const char *k = PyUnicode_Check (key) ? PyUnicode_AsUTF8 (key) : NULL;
      const char *v = PyUnicode_Check (value) ? PyUnicode_AsUTF8 (value) : NULL;

      if (k == NULL || v == NULL)
        {
          PyErr_Clear ();
          continue;
        }
      g_hash_table_replace (table, g_strdup (k), g_strdup (v));
    }

  return TRUE;
}

static void
describe (PyObject   *harness,
          GHashTable *info)
{
  PyObject *result = PyObject_CallMethod (harness, "describe", NULL);

  if (!copy_text_dict (result, info))
    {
      g_autofree char *text = take_exception_text ();

      g_hash_table_replace (info, g_strdup ("describe_error"), g_steal_pointer (&text));
    }
  Py_XDECREF (result);
}

static char *
get_text_attribute (PyObject   *object,
                    const char *name)
{
  PyObject *value = PyObject_GetAttrString (object, name);
  char *text = NULL;

  if (value != NULL && PyUnicode_Check (value))
    text = g_strdup (PyUnicode_AsUTF8 (value));
  PyErr_Clear ();
  Py_XDECREF (value);

  return text;
}

/* Turns the harness's LoadError into a GError about the code. */
static void
set_load_error (const char  *filename,
                GError     **error)
{
  PyObject *type, *value, *tb;
  g_autofree char *message = NULL;

  PyErr_Fetch (&type, &value, &tb);
  PyErr_NormalizeException (&type, &value, &tb);

  if (value != NULL)
    message = get_text_attribute (value, "message");

  if (message != NULL)
    g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s: %s", filename, message);
  else
    {
      g_autofree char *text = NULL;

      PyErr_Restore (type, value, tb);
      type = value = tb = NULL;
      text = take_exception_text ();
      g_set_error (error, SL_ERROR, SL_ERROR_INVALID_INPUT, "%s did not load: %s", filename, text);
    }

  Py_XDECREF (type);
  Py_XDECREF (value);
  Py_XDECREF (tb);
}

static PyObject *
param_value (const SlParamInfo *info,
             const char        *text)
{
  switch (info->type)
    {
    case SL_PARAM_INT:
      return PyLong_FromLongLong (g_ascii_strtoll (text, NULL, 10));
    case SL_PARAM_DOUBLE:
      return PyFloat_FromDouble (g_ascii_strtod (text, NULL));
    case SL_PARAM_BOOL:
      return PyBool_FromLong (g_str_equal (text, "true"));
    case SL_PARAM_STRING:
    default:
      return PyUnicode_DecodeUTF8 (text, (Py_ssize_t) strlen (text), "replace");
    }
}

/* The workload's parameters, typed as the workload declares them. */
static PyObject *
build_kwargs (const SlWorkload *workload,
              const SlParams   *params)
{
  PyObject *kwargs = PyDict_New ();

  for (guint i = 0; kwargs != NULL && i < workload->n_params; i++)
    {
      const SlParamInfo *info = &workload->params[i];
      const char *text = sl_params_lookup (params, info->name);
      PyObject *value;

      if (text == NULL || !sl_python_passes_param (workload, info->name))
        continue;

      value = param_value (info, text);
      if (value == NULL || PyDict_SetItemString (kwargs, info->name, value) < 0)
        Py_CLEAR (kwargs);
      Py_XDECREF (value);
    }

  return kwargs;
}

SlPythonTask *
sl_python_task_new (const char        *source,
                    const char        *filename,
                    const SlWorkload  *workload,
                    const SlParams    *params,
                    guint              memory_limit_mb,
                    GHashTable        *info,
                    GError           **error)
{
  SlPythonTask *self;
  gint64 t0, t1, t2;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (workload != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  t0 = g_get_monotonic_time ();
  if (!start_interpreter (error))
    return NULL;
  t1 = g_get_monotonic_time ();

  self = g_new0 (SlPythonTask, 1);
  self->filename = g_strdup (filename);
  self->memory_limit_mb = memory_limit_mb;

  self->harness = load_harness (error);
  if (self->harness == NULL)
    goto failed;

  if (info != NULL)
    describe (self->harness, info);

  t2 = g_get_monotonic_time ();
  self->task = PyObject_CallMethod (self->harness, "load", "ss", source, filename);
  if (self->task == NULL)
    {
      set_load_error (filename, error);
      goto failed;
    }

  self->kwargs = build_kwargs (workload, params);
  if (self->kwargs == NULL)
    {
      g_autofree char *text = take_exception_text ();

      g_set_error (error, SL_ERROR, SL_ERROR_WORKER, "Could not pass the parameters to %s: %s",
                   filename, text);
      goto failed;
    }

  if (info != NULL)
    {
      g_hash_table_replace (info, g_strdup ("interpreter_startup_s"),
                            format_seconds ((t1 - t0) / 1e6));
      g_hash_table_replace (info, g_strdup ("code_load_s"),
                            format_seconds ((g_get_monotonic_time () - t2) / 1e6));
    }

  /* From here on, threads take the GIL task by task. */
  PyEval_SaveThread ();
  return self;

failed:
  /* The worker exits after an error: the interpreter is not worth finalising. */
  Py_CLEAR (self->task);
  Py_CLEAR (self->harness);
  g_free (self->filename);
  g_free (self);
  return NULL;
}

SlPythonThread *
sl_python_thread_enter (SlPythonTask *self)
{
  SlPythonThread *thread = g_new0 (SlPythonThread, 1);

  PyObject *key, *value;
  Py_ssize_t pos = 0, i = 0;

  thread->self = self;
  thread->outer = PyGILState_Ensure ();

  thread->n_kwargs = PyDict_Size (self->kwargs) + 1;
  thread->stack = g_new0 (PyObject *, 2 + thread->n_kwargs);
  thread->kwnames = PyTuple_New (thread->n_kwargs);
  if (thread->kwnames == NULL)
    g_error ("Out of memory for the parameters of a Python thread");
  while (PyDict_Next (self->kwargs, &pos, &key, &value))
    {
      Py_INCREF (key);
      PyTuple_SET_ITEM (thread->kwnames, i, key);
      Py_INCREF (value);
      thread->stack[2 + i] = value;
      i++;
    }
  PyTuple_SET_ITEM (thread->kwnames, i, PyUnicode_InternFromString ("base_tasks"));
  thread->state = PyEval_SaveThread ();

  return thread;
}

void
sl_python_thread_release (SlPythonThread *thread)
{
  if (thread != NULL && thread->state == NULL)
    thread->state = PyEval_SaveThread ();
}

void
sl_python_thread_leave (SlPythonThread *thread)
{
  if (thread == NULL)
    return;

  if (thread->state != NULL)
    PyEval_RestoreThread (thread->state);
  for (Py_ssize_t i = 0; i < 2 + thread->n_kwargs; i++)
    Py_CLEAR (thread->stack[i]);
  Py_CLEAR (thread->kwnames);
  PyGILState_Release (thread->outer);
  g_free (thread->stack);
  g_free (thread);
}

/* The message of the exception the task raised, with its traceback. */
static void
set_task_error (SlPythonTask  *self,
                GError       **error)
{
  PyObject *type, *value, *tb, *message;

  PyErr_Fetch (&type, &value, &tb);
  PyErr_NormalizeException (&type, &value, &tb);
  if (tb != NULL && value != NULL)
    PyException_SetTraceback (value, tb);

  message = PyObject_CallMethod (self->harness, "format_task_error", "OsI",
                                 value != NULL ? value : Py_None, self->filename,
                                 self->memory_limit_mb);
  if (message != NULL && PyUnicode_Check (message))
    g_set_error_literal (error, SL_ERROR, SL_ERROR_TASK, PyUnicode_AsUTF8 (message));
  else
    {
      /* Out of memory even to format the message, most likely. */
      PyErr_Clear ();
      g_set_error (error, SL_ERROR, SL_ERROR_TASK, "%s (its traceback could not be formatted)",
                   type != NULL ? ((PyTypeObject *) type)->tp_name : "an exception");
    }

  Py_XDECREF (message);
  Py_XDECREF (type);
  Py_XDECREF (value);
  Py_XDECREF (tb);
}

static void
set_return_error (PyObject  *result,
                  GError   **error)
{
  PyObject *repr = PyObject_Repr (result);
  g_autofree char *text = NULL;

  if (repr != NULL && PyUnicode_Check (repr))
    {
      const char *utf8 = PyUnicode_AsUTF8 (repr);

      text = g_utf8_strlen (utf8, -1) > 60 ? g_strdup_printf ("%.60s…", utf8) : g_strdup (utf8);
    }
  PyErr_Clear ();
  Py_XDECREF (repr);

  if (result == Py_None)
    g_set_error_literal (error, SL_ERROR, SL_ERROR_TASK,
                         "task returned None, not an int: end it with `return` and an int");
  else
    g_set_error (error, SL_ERROR, SL_ERROR_TASK, "task returned %s (a %s), not an int",
                 text != NULL ? text : "something", Py_TYPE (result)->tp_name);
}

gboolean
sl_python_task_run (SlPythonThread  *thread,
                    const SlTask    *task,
                    guint64         *checksum,
                    GError         **error)
{
  SlPythonTask *self = thread->self;
  PyObject **stack = thread->stack;
  PyObject **base_tasks = &stack[2 + thread->n_kwargs - 1];
  PyObject *result = NULL;
  gboolean ok = FALSE;

  if (thread->state != NULL)
    {
      PyEval_RestoreThread (thread->state);
      thread->state = NULL;
    }

  if (*base_tasks == NULL || thread->base_tasks != task->base_tasks)
    {
      Py_CLEAR (*base_tasks);
      *base_tasks = PyLong_FromUnsignedLongLong (task->base_tasks);
      thread->base_tasks = task->base_tasks;
    }
  if (stack[1] == NULL || thread->count != task->n_tasks)
    {
      Py_CLEAR (stack[1]);
      stack[1] = PyLong_FromUnsignedLongLong (task->n_tasks);
      thread->count = task->n_tasks;
    }

  stack[0] = PyLong_FromUnsignedLongLong (task->index);
  if (stack[0] != NULL && stack[1] != NULL && *base_tasks != NULL)
    result = PyObject_Vectorcall (self->task, stack, 2, thread->kwnames);
  Py_CLEAR (stack[0]);

  if (result == NULL)
    set_task_error (self, error);
  else if (!PyLong_Check (result))
    set_return_error (result, error);
  else
    {
      /* Native checksums are sums modulo 2^64: so is a Python int, masked. */
      *checksum = PyLong_AsUnsignedLongLongMask (result);
      if (PyErr_Occurred ())
        set_task_error (self, error);
      else
        ok = TRUE;
    }
  Py_XDECREF (result);

  return ok;
}

void
sl_python_task_flush (SlPythonTask *self)
{
  PyGILState_STATE state;

  if (self == NULL || !Py_IsInitialized ())
    return;

  state = PyGILState_Ensure ();
  PyRun_SimpleString ("import sys\n"
                      "for stream in (sys.stdout, sys.stderr):\n"
                      "    try:\n"
                      "        stream.flush()\n"
                      "    except Exception:\n"
                      "        pass\n");
  PyGILState_Release (state);
}

/* ---- one-shot modes ---- */

static int
write_key_file (int       out_fd,
                GKeyFile *key_file)
{
  gsize length;
  g_autofree char *data = g_key_file_to_data (key_file, &length, NULL);

  return sl_protocol_write_all (out_fd, (const guint8 *) data, length, NULL) ? 0 : 1;
}

static void
put_table (GKeyFile   *key_file,
           const char *group,
           GHashTable *table)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_key_file_set_string (key_file, group, key, value);
}

static PyObject *
start_for_mode (GKeyFile *key_file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 t0 = g_get_monotonic_time ();
  PyObject *harness;

  if (!start_interpreter (&error))
    {
      g_printerr ("speedup-lab-worker: %s\n", error->message);
      return NULL;
    }

  harness = load_harness (&error);
  if (harness == NULL)
    {
      g_printerr ("speedup-lab-worker: %s\n", error->message);
      return NULL;
    }

  describe (harness, info);
  g_hash_table_replace (info, g_strdup ("interpreter_startup_s"),
                        format_seconds ((g_get_monotonic_time () - t0) / 1e6));
  put_table (key_file, "runtime", info);

  return harness;
}

int
sl_python_info_main (int out_fd)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  PyObject *harness = start_for_mode (key_file);

  if (harness == NULL)
    return 1;

  return write_key_file (out_fd, key_file);
}

/* The programs of --python-script: each a module whose run(request) takes the JSON request as
 * a dict and returns its report; the harness's run_script() does the JSON and the rest. */
static const struct {
  const char *name;
  const char *module;
  const char *source;
} python_scripts[] = {
  { "article", "article_checks", SL_PYTHON_SOURCE_ARTICLE_CHECKS },
  { "shared-counter", "shared_counter", SL_PYTHON_SOURCE_SHARED_COUNTER },
  { "transfer", "transfer", SL_PYTHON_SOURCE_TRANSFER },
};

int
sl_python_script_main (int         out_fd,
                       const char *name,
                       const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *filename = NULL;
  const char *source = NULL, *module_name = NULL;
  PyObject *harness, *code, *module = NULL, *result = NULL;
  const char *text;
  int status = 1;

  for (guint i = 0; i < G_N_ELEMENTS (python_scripts); i++)
    {
      if (g_str_equal (name, python_scripts[i].name))
        {
          source = python_scripts[i].source;
          module_name = python_scripts[i].module;
        }
    }
  if (source == NULL)
    {
      g_printerr ("speedup-lab-worker: no Python program “%s”\n", name);
      return 2;
    }

  if (!start_interpreter (&error) || (harness = load_harness (&error)) == NULL)
    {
      g_printerr ("speedup-lab-worker: %s\n", error->message);
      return 1;
    }

  /* A module of its own, in sys.modules: processes it forks unpickle its functions by name. */
  filename = g_strconcat (module_name, ".py", NULL);
  code = Py_CompileString (source, filename, Py_file_input);
  if (code != NULL)
    module = PyImport_ExecCodeModule (module_name, code);
  if (module != NULL)
    result = PyObject_CallMethod (harness, "run_script", "Osi", module, input, out_fd);

  text = result != NULL && PyUnicode_Check (result) ? PyUnicode_AsUTF8 (result) : NULL;
  if (text != NULL)
    status = sl_protocol_write_all (out_fd, (const guint8 *) text, strlen (text), NULL) ? 0 : 1;
  else
    {
      g_autofree char *problem = take_exception_text ();

      g_printerr ("speedup-lab-worker: %s failed: %s\n", filename, problem);
    }

  Py_XDECREF (result);
  Py_XDECREF (module);
  Py_XDECREF (code);
  Py_DECREF (harness);
  PyRun_SimpleString ("import sys\nsys.stdout.flush()\nsys.stderr.flush()\n");

  return status;
}

int
sl_python_check_main (int         out_fd,
                      const char *source)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GHashTable) check = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  PyObject *harness = start_for_mode (key_file);
  PyObject *result;

  if (harness == NULL)
    return 1;

  /* From here on, what goes wrong is the code's: say so before running it. */
  if (!sl_protocol_write_all (out_fd, (const guint8 *) "[" SL_PYTHON_CHECK_LOADING "]\n",
                              strlen ("[" SL_PYTHON_CHECK_LOADING "]\n"), NULL))
    return 1;

  result = PyObject_CallMethod (harness, "check", "ss", source, SL_PYTHON_CUSTOM_FILENAME);
  if (!copy_text_dict (result, check))
    {
      g_autofree char *text = take_exception_text ();

      g_printerr ("speedup-lab-worker: the code check failed: %s\n", text);
      return 1;
    }
  Py_XDECREF (result);
  put_table (key_file, "check", check);

  /* What the code printed while it loaded goes out before the answer. */
  PyRun_SimpleString ("import sys\nsys.stdout.flush()\nsys.stderr.flush()\n");

  return write_key_file (out_fd, key_file);
}
