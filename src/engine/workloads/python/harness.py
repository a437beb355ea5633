"""harness.py: the Python side of speedup-lab-worker's python runtime (not a task).

The worker loads it into its embedded interpreter before the task code. It loads the task code,
describes the interpreter, and turns every failure into a message a person can act on: a
SyntaxError with its line and column, an exception with its traceback. The worker calls task()
itself, from C, so that no Python frame of ours sits between a thread and the task it runs.
"""

import builtins
import linecache
import sys
import traceback

SIGNATURE = "task(index, count, **params)"
CO_VARARGS = 0x04
CO_VARKEYWORDS = 0x08

_HARNESS_FILE = sys._getframe().f_code.co_filename


class LoadError(Exception):
    """Why the task code cannot run, where that is known (1-based line and column, 0 if not)."""

    def __init__(self, kind, message, line=0, column=0):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line or 0
        self.column = column or 0


def describe():
    """The interpreter this worker embeds, as text for the result document."""
    # Not platform: importing it takes longer than starting the interpreter, in every worker.
    import sysconfig

    version = sys.version_info
    release = "%d.%d.%d" % version[:3]
    if version.releaselevel != "final":
        release += {"alpha": "a", "beta": "b", "candidate": "rc"}.get(version.releaselevel, "")
        release += str(version.serial)
    names = {"cpython": "CPython", "pypy": "PyPy", "graalpy": "GraalPy"}
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    library = sysconfig.get_config_var("INSTSONAME") or sysconfig.get_config_var("LDLIBRARY")
    return {
        "python_version": release,
        "implementation": names.get(sys.implementation.name, sys.implementation.name),
        "python_build": " ".join(sys.version.split()),
        "python_library": library or "",
        "free_threaded": "true" if sysconfig.get_config_var("Py_GIL_DISABLED") else "false",
        "gil_enabled": "true" if is_gil_enabled is None or is_gil_enabled() else "false",
        "switch_interval_s": repr(sys.getswitchinterval()),
    }


def run_script(module, request_text, out_fd):
    """--python-script: runs `module`'s run(request) on the JSON request and returns its report
    as JSON text, with the interpreter described under "runtime" (what run() put there wins).

    Every process the program forks closes `out_fd`, the answer's pipe, so that the worker's
    reader sees its end when the worker is done, whatever those processes do."""
    import json
    import multiprocessing
    import os

    def close_answer():
        try:
            os.close(out_fd)
        except OSError:
            pass

    if out_fd >= 0:
        os.register_at_fork(after_in_child=close_answer)
    report = module.run(json.loads(request_text))
    runtime = describe()
    runtime["start_method"] = multiprocessing.get_start_method()
    runtime["cpu_count"] = str(os.cpu_count())
    runtime.update(report.get("runtime", {}))
    report["runtime"] = runtime
    return json.dumps(report)


def _user_frames(tb, filename):
    """The traceback from the first frame that is not the harness's own."""
    while tb is not None and tb.tb_frame.f_code.co_filename == _HARNESS_FILE:
        tb = tb.tb_next
    return tb


def _last_line_in(tb, filename):
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _summary(exc):
    text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return text or type(exc).__name__


def format_exception(exc, filename):
    """One summary line (with the line of the task code it came from), then the traceback."""
    tb = _user_frames(exc.__traceback__, filename)
    line = _last_line_in(tb, filename)
    where = " (line %d)" % line if line else ""
    details = "".join(traceback.format_exception(type(exc), exc, tb)).rstrip()
    return "%s%s\n%s" % (_summary(exc), where, details)


def format_task_error(exc, filename, memory_limit_mb):
    """The message of a task that raised `exc`."""
    if isinstance(exc, SystemExit):
        return "task called sys.exit(%r): a task must return an int, not end its worker" % (
            exc.code,)
    if isinstance(exc, MemoryError):
        tb = _user_frames(exc.__traceback__, filename)
        line = _last_line_in(tb, filename)
        where = " at line %d" % line if line else ""
        if memory_limit_mb:
            limit = (": the code may allocate %d MiB in each worker process (raise "
                     "memory_limit_mb)" % memory_limit_mb)
        else:
            limit = ""
        details = "".join(traceback.format_exception(type(exc), exc, tb)).rstrip()
        return "MemoryError%s: the task ran out of memory%s\n%s" % (where, limit, details)
    return format_exception(exc, filename)


def _check_signature(task):
    code = getattr(task, "__code__", None)
    if code is None:
        return
    defaults = len(getattr(task, "__defaults__", None) or ())
    positional = code.co_argcount
    takes_two = positional >= 2 or code.co_flags & CO_VARARGS
    required = positional - defaults
    kwonly = code.co_varnames[positional:positional + code.co_kwonlyargcount]
    kwdefaults = getattr(task, "__kwdefaults__", None) or {}
    required_kwonly = [name for name in kwonly if name not in kwdefaults]
    if takes_two and required <= 2 and not required_kwonly and code.co_flags & CO_VARKEYWORDS:
        return
    raise LoadError("signature",
                    "task must be defined as def %s: it is called with the task's index and "
                    "count, and every parameter (base_tasks, ...) as a keyword argument"
                    % SIGNATURE, code.co_firstlineno, 1)


def load(source, filename):
    """Compiles and runs the task code, and returns its task function. Raises LoadError."""
    # Tracebacks then quote the lines of the code, which exists in no file.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)

    try:
        code = compile(source, filename, "exec")
    except SyntaxError as exc:
        line = exc.lineno or 0
        message = "%s: %s" % (type(exc).__name__, exc.msg)
        if line:
            message += " (line %d, column %d)" % (line, exc.offset or 0)
        raise LoadError("syntax", message, line, exc.offset or 0) from None
    except (ValueError, TypeError) as exc:
        # A NUL byte in the source, for one.
        raise LoadError("syntax", "%s: %s" % (type(exc).__name__, exc)) from None

    namespace = {"__name__": "speedup_lab_task", "__file__": filename,
                 "__builtins__": builtins}
    try:
        exec(code, namespace)
    except SystemExit as exc:
        raise LoadError("exception", "the code called sys.exit(%r) while it was loaded"
                        % (exc.code,)) from None
    except BaseException as exc:
        tb = _user_frames(exc.__traceback__, filename)
        raise LoadError("exception", format_exception(exc, filename),
                        _last_line_in(tb, filename)) from None

    task = namespace.get("task")
    if task is None:
        raise LoadError("signature", "the code defines no function %s: define one at the top "
                        "level" % SIGNATURE)
    if not callable(task):
        raise LoadError("signature", "task is a %s, not a function %s"
                        % (type(task).__name__, SIGNATURE))
    _check_signature(task)
    return task


def check(source, filename):
    """load(), as a dictionary of text for the worker's check mode."""
    try:
        load(source, filename)
    except LoadError as exc:
        return {"ok": "false", "kind": exc.kind, "message": exc.message,
                "line": str(exc.line), "column": str(exc.column)}
    return {"ok": "true", "kind": "", "message": "", "line": "0", "column": "0"}
