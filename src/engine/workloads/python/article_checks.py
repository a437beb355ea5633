"""article_checks.py: runs one of the article's examples in this interpreter, and says what it did.

speedup-lab-worker loads it for `--python-script article` and calls run() with a request in
JSON: the example's source (article_*.py), how to run it, and the built-in server's address. The
example runs as its own module, so that a process pool can pickle its top-level functions by name,
and its URLs are pointed at the built-in server. What happens is reported as the interpreter says
it: the exception's type and message and where it came from, what the code printed, the futures
it left failed or pending, or the line it was still waiting at when the time was up. Nothing about
an example's outcome is written here.

Where the interpreter lacks requests or Flask, a small stand-in takes its name (requests.get() on
urllib.request; Flask's route() and jsonify() on the standard library's http.server) and the
report says so.
"""

import concurrent.futures
import io
import json
import linecache
import multiprocessing
import os
import re
import socketserver
import sys
import threading
import time
import traceback
import types
import urllib.error
import urllib.request
import wsgiref.simple_server

# The URLs of the article's examples, each replaced by a page of the built-in server.
ARTICLE_URLS = ("https://www.example.com", "https://www.wikipedia.org", "https://www.python.org")
MAX_TEXT = 4000
_OWN_FILE = sys._getframe().f_code.co_filename

# The built-in server is on this machine: a proxy from the environment must not be in the way.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _trim(text, limit=MAX_TEXT):
    return text if len(text) <= limit else text[:limit] + "\u2026"


def _type_name(exc):
    cls = type(exc)
    if cls.__module__ in ("builtins", "__main__"):
        return cls.__qualname__
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def _format_traceback(exc):
    """The traceback without this file's frames (the thread that loads the example, the
    wrapper that records a view's exception): only the example's and the library's."""
    described = traceback.TracebackException.from_exception(exc)
    chained, seen = described, set()
    while chained is not None and id(chained) not in seen:
        seen.add(id(chained))
        chained.stack = traceback.StackSummary.from_list(
            [frame for frame in chained.stack if frame.filename != _OWN_FILE])
        chained = chained.__cause__ or chained.__context__
    return _trim("".join(described.format()).rstrip())


def _describe_exception(exc, filename):
    """The exception as the interpreter gives it, and the line of the example it came from."""
    line = 0
    text = ""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    if line:
        text = linecache.getline(filename, line).strip()
    return {
        "exception_type": _type_name(exc),
        "exception_message": str(exc),
        "traceback": _format_traceback(exc),
        "line": line,
        "line_text": text,
    }


# ---- stand-ins for what the interpreter lacks ----

class _StandInResponse:
    def __init__(self, status_code, content, url):
        self.status_code = status_code
        self.content = content
        self.url = url
        self.text = content.decode("utf-8", "replace")


def _stand_in_requests():
    module = types.ModuleType("requests")
    module.__doc__ = "A stand-in for requests: get() on urllib.request."

    def get(url, timeout=30, **kwargs):
        try:
            with _opener.open(url, timeout=timeout) as reply:
                return _StandInResponse(reply.status, reply.read(), url)
        except urllib.error.HTTPError as exc:
            return _StandInResponse(exc.code, exc.read(), url)

    module.get = get
    return module


class _StandInJson:
    def __init__(self, value):
        self.body = (json.dumps(value) + "\n").encode()


class _StandInFlask:
    """Flask's route() and jsonify() as the article uses them, as a WSGI application."""

    def __init__(self, import_name, **kwargs):
        self.import_name = import_name
        self.view_functions = {}
        self._rules = []

    def route(self, rule, **options):
        names = []

        def part(match):
            converter, name = match.group(1) or "string", match.group(2)
            names.append((name, int if converter == "int" else str))
            return r"(\d+)" if converter == "int" else r"([^/]+)"

        pattern = re.compile("^" + re.sub(r"<(?:(\w+):)?(\w+)>", part, rule) + "$")

        def decorator(function):
            endpoint = options.get("endpoint", function.__name__)
            self.view_functions[endpoint] = function
            self._rules.append((pattern, names, endpoint))
            return function

        return decorator

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "/")
        for pattern, names, endpoint in self._rules:
            match = pattern.match(path)
            if match is None:
                continue
            kwargs = {name: kind(value) for (name, kind), value in zip(names, match.groups())}
            try:
                reply = self.view_functions[endpoint](**kwargs)
            except Exception:
                start_response("500 INTERNAL SERVER ERROR", [("Content-Type", "text/plain")])
                return [b"Internal Server Error\n"]
            body = reply.body if isinstance(reply, _StandInJson) else str(reply).encode()
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        start_response("404 NOT FOUND", [("Content-Type", "text/plain")])
        return [b"Not Found\n"]


def _stand_in_flask():
    module = types.ModuleType("flask")
    module.__doc__ = "A stand-in for Flask: route() and jsonify(), served by http.server."
    module.Flask = _StandInFlask
    module.jsonify = _StandInJson
    return module


def _provide(name, make):
    """Imports `name`, or puts a stand-in under its name; True when it is a stand-in."""
    try:
        __import__(name)
        return False
    except ImportError:
        sys.modules[name] = make()
        return True


# ---- running the example ----

class _Run:
    """The example's module, loaded on a thread of its own so that a wait can be timed out."""

    def __init__(self, name, filename, source):
        self.name = name
        self.filename = filename
        self.source = source
        self.module = None
        self.error = None
        self.thread = None

    def _load(self):
        module = types.ModuleType(self.name)
        module.__file__ = self.filename
        # A process pool pickles the module's functions by name: the module must be importable,
        # and the forked workers inherit sys.modules.
        sys.modules[self.name] = module
        self.module = module
        linecache.cache[self.filename] = (len(self.source), None,
                                          self.source.splitlines(True), self.filename)
        try:
            exec(compile(self.source, self.filename, "exec"), module.__dict__)
        except BaseException as exc:  # noqa: B902 (SystemExit too: it is the example's outcome)
            self.error = exc

    def start(self):
        self.thread = threading.Thread(target=self._load, name="article-example", daemon=True)
        self.thread.start()

    def wait(self, timeout):
        self.thread.join(timeout)
        return not self.thread.is_alive()

    def waiting_at(self):
        """Where the example's thread is waiting: its line, and the function it waits in."""
        frame = sys._current_frames().get(self.thread.ident)
        where = {"line": 0, "line_text": "", "waiting_in": ""}
        if frame is None:
            return where
        where["waiting_in"] = "%s() in %s" % (frame.f_code.co_name,
                                              os.path.basename(frame.f_code.co_filename))
        while frame is not None:
            if frame.f_code.co_filename == self.filename:
                where["line"] = frame.f_lineno
                where["line_text"] = linecache.getline(self.filename, frame.f_lineno).strip()
                break
            frame = frame.f_back
        return where


def _futures_of(module):
    """Every concurrent.futures.Future the example keeps in a variable, alone or in a list."""
    found = {}
    for value in list(vars(module).values()) if module is not None else []:
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, concurrent.futures.Future):
                found.setdefault(id(item), item)
    return list(found.values())


def _report_futures(futures, filename):
    report = {"total": len(futures), "failed": 0, "pending": 0, "succeeded": 0, "errors": []}
    first = None
    for future in futures:
        if not future.done():
            report["pending"] += 1
        elif future.cancelled():
            report["failed"] += 1
            report["errors"].append("cancelled")
        elif future.exception() is not None:
            exc = future.exception()
            report["failed"] += 1
            report["errors"].append("%s: %s" % (_type_name(exc), exc))
            first = first or exc
        else:
            report["succeeded"] += 1
    return report, first


def _stop_everything(module):
    """Ends the pools and processes the example left, so that none outlives the check."""
    for value in list(vars(module).values()) if module is not None else []:
        if isinstance(value, concurrent.futures.Executor):
            try:
                value.shutdown(wait=False, cancel_futures=True)
            except Exception:
                pass
    for child in multiprocessing.active_children():
        child.terminate()
    deadline = time.monotonic() + 2
    for child in multiprocessing.active_children():
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            child.kill()


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):
    daemon_threads = True


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def _record_view_errors(app, errors):
    """Wraps each view so that an exception it raises is recorded before the server answers."""
    for endpoint, view in list(app.view_functions.items()):
        def recording(*args, __view=view, **kwargs):
            try:
                return __view(*args, **kwargs)
            except Exception as exc:
                errors.append(exc)
                raise
        recording.__name__ = getattr(view, "__name__", endpoint)
        app.view_functions[endpoint] = recording


def _request(url, timeout, into):
    start = time.perf_counter()
    entry = {"status": 0, "body": "", "elapsed_s": 0.0, "error": ""}
    try:
        with _opener.open(url, timeout=timeout) as reply:
            entry["status"] = reply.status
            entry["body"] = _trim(reply.read().decode("utf-8", "replace").strip(), 200)
    except urllib.error.HTTPError as exc:
        entry["status"] = exc.code
        entry["body"] = _trim(exc.read().decode("utf-8", "replace").strip(), 200)
    except Exception as exc:
        entry["error"] = "%s: %s" % (_type_name(exc), exc)
    entry["elapsed_s"] = time.perf_counter() - start
    into.append(entry)


def _serve_and_ask(run, outcome, request, deadline):
    """Serves the example's app on 127.0.0.1 and sends it `concurrent` requests at once."""
    app = getattr(run.module, "app", None)
    if app is None:
        outcome.update(status="exception", exception_type="NameError",
                       exception_message="the example defines no app")
        return
    errors = []
    _record_view_errors(app, errors)
    server = wsgiref.simple_server.make_server("127.0.0.1", 0, app,
                                               server_class=_ThreadingWSGIServer,
                                               handler_class=_QuietHandler)
    serving = threading.Thread(target=server.serve_forever, args=(0.05,), name="article-server",
                               daemon=True)
    serving.start()
    url = "http://127.0.0.1:%d/fib/%d" % (server.server_port, request.get("fib_n", 25))
    outcome["url"] = url
    # One request first, apart: a pool that starts its workers on its first task does it here,
    # so that the requests sent at once measure the answers, not the start.
    warm_up = []
    _request(url, max(0.1, deadline - time.monotonic()), warm_up)
    outcome["warm_up"] = warm_up[0]
    replies = []
    clients = [threading.Thread(target=_request, args=(url, max(0.1, deadline - time.monotonic()),
                                                       replies), daemon=True)
               for _ in range(request.get("concurrent", 4))]
    start = time.perf_counter()
    for client in clients:
        client.start()
    for client in clients:
        client.join(max(0.0, deadline - time.monotonic()))
    outcome["requests_elapsed_s"] = time.perf_counter() - start
    outcome["requests"] = list(replies)
    server.shutdown()
    server.server_close()

    if errors:
        # The first request's exception: the warm-up's when it failed too.
        outcome["status"] = "exception"
        outcome.update(_describe_exception(errors[0], run.filename))
    elif len(replies) < len(clients):
        outcome["status"] = "blocked"
    elif any(reply["status"] != 200 for reply in replies):
        failed = next(reply for reply in replies if reply["status"] != 200)
        outcome["status"] = "exception"
        outcome["exception_type"] = "HTTP %d" % failed["status"] if failed["status"] else ""
        outcome["exception_message"] = failed["error"] or failed["body"]
    else:
        outcome["status"] = "ok"
        outcome["result"] = replies[0]["body"]


def run_check(request):
    name = request["module"]
    filename = name + ".py"
    source = request["source"]
    base_url = request.get("base_url", "")
    timeout = float(request.get("timeout_s", 5.0))
    outcome = {"status": "", "exception_type": "", "exception_message": "", "traceback": "",
               "line": 0, "line_text": "", "waiting_in": "", "output": "", "errors_output": "",
               "result": "", "stand_ins": [], "urls": []}

    if base_url:
        for i, url in enumerate(ARTICLE_URLS):
            local = "%s/page/%d" % (base_url, i)
            if ("'%s'" % url) in source:
                source = source.replace("'%s'" % url, "'%s'" % local)
                outcome["urls"].append([url, local])
    outcome["code"] = source
    if re.search(r"^\s*import requests", source, re.M) and _provide("requests",
                                                                     _stand_in_requests):
        outcome["stand_ins"].append("requests")
    if re.search(r"^\s*from flask import", source, re.M) and _provide("flask", _stand_in_flask):
        outcome["stand_ins"].append("flask")

    stdout, stderr = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stdout, stderr
    run = _Run(name, filename, source)
    start = time.perf_counter()
    deadline = time.monotonic() + timeout
    try:
        run.start()
        finished = run.wait(timeout)
        if not finished:
            outcome["status"] = "blocked"
            outcome.update(run.waiting_at())
        elif run.error is not None:
            outcome["status"] = "exception"
            outcome.update(_describe_exception(run.error, filename))
        elif request.get("kind") == "endpoint":
            _serve_and_ask(run, outcome, request, deadline)
        else:
            outcome["status"] = "ok"
            outcome["result"] = _trim(stdout.getvalue().strip())
        outcome["elapsed_s"] = time.perf_counter() - start

        futures, first = _report_futures(_futures_of(run.module), filename)
        outcome["futures"] = futures
        # A wait that never ends is the outcome; what the futures raised is why.
        if first is not None and not outcome["exception_type"]:
            described = _describe_exception(first, filename)
            outcome["exception_type"] = described["exception_type"]
            outcome["exception_message"] = described["exception_message"]
            outcome["traceback"] = described["traceback"]
    finally:
        _stop_everything(run.module)
        sys.stdout, sys.stderr = saved
    outcome["output"] = _trim(stdout.getvalue().strip())
    outcome["errors_output"] = _trim(stderr.getvalue().strip())
    return outcome


def run(request):
    """--python-script article: the report of one example (the worker's harness adds the
    interpreter's description and sends it)."""
    return {"outcome": run_check(request)}


if __name__ == "__main__":
    print(json.dumps(run(json.load(sys.stdin))))
