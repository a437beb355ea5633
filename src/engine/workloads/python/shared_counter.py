"""shared_counter.py: W workers each add 1 to a shared value N times, through Python's patterns.

speedup-lab-worker loads it for `--python-script shared-counter` and calls run() with a JSON
request: the patterns, the workers, the updates per worker of each pattern, the repetitions and
the switch interval (sys.setswitchinterval(), how often the GIL may change hands). Each
repetition starts from a fresh shared value; every worker waits at a barrier so that all start
at once, and the time runs from the barrier to the last join. The report is what the value held
at the end: the engine computes what was lost from it.

Threads share one interpreter and its GIL; processes are forked by multiprocessing, and share a
multiprocessing.Value (shared memory, with its lock) or a Manager's dict (a server process,
reached through a proxy).
"""

import collections
import json
import multiprocessing
import sys
import threading
import time

KEY = "n"


class _Box:
    def __init__(self):
        self.n = 0


# ---- the patterns: each worker's loop, as people write it ----

def _counter(state, n):
    counter = state["counter"]
    for _ in range(n):
        counter[KEY] += 1


def _counter_lock(state, n):
    counter, lock = state["counter"], state["lock"]
    for _ in range(n):
        with lock:
            counter[KEY] += 1


def _dict(state, n):
    shared = state["dict"]
    for _ in range(n):
        shared[KEY] = shared[KEY] + 1


def _dict_lock(state, n):
    shared, lock = state["dict"], state["lock"]
    for _ in range(n):
        with lock:
            shared[KEY] = shared[KEY] + 1


def _attr(state, n):
    box = state["box"]
    for _ in range(n):
        box.n += 1


def _attr_lock(state, n):
    box, lock = state["box"], state["lock"]
    for _ in range(n):
        with lock:
            box.n += 1


def _value(state, n):
    value = state["value"]
    for _ in range(n):
        value.value += 1


def _value_lock(state, n):
    value = state["value"]
    for _ in range(n):
        with value.get_lock():
            value.value += 1


def _manager_dict(state, n):
    shared = state["dict"]
    for _ in range(n):
        shared[KEY] += 1


def _manager_dict_lock(state, n):
    shared, lock = state["dict"], state["lock"]
    for _ in range(n):
        with lock:
            shared[KEY] += 1


def _new_counter(context):
    return {"counter": collections.Counter(), "lock": threading.Lock()}


def _new_dict(context):
    return {"dict": {KEY: 0}, "lock": threading.Lock()}


def _new_box(context):
    return {"box": _Box(), "lock": threading.Lock()}


def _new_value(context):
    return {"value": context["mp"].Value("q", 0)}


def _new_manager_dict(context):
    manager = context.get("manager")
    if manager is None:
        manager = context["manager"] = context["mp"].Manager()
    return {"dict": manager.dict({KEY: 0}), "lock": manager.Lock()}


def _read_counter(state):
    return state["counter"][KEY]


def _read_dict(state):
    return state["dict"][KEY]


def _read_box(state):
    return state["box"].n


def _read_value(state):
    return state["value"].value


# id: (threads or processes, new state, worker loop, read the value)
PATTERNS = {
    "py-counter": ("threads", _new_counter, _counter, _read_counter),
    "py-counter-lock": ("threads", _new_counter, _counter_lock, _read_counter),
    "py-dict": ("threads", _new_dict, _dict, _read_dict),
    "py-dict-lock": ("threads", _new_dict, _dict_lock, _read_dict),
    "py-attr": ("threads", _new_box, _attr, _read_box),
    "py-attr-lock": ("threads", _new_box, _attr_lock, _read_box),
    "mp-value": ("processes", _new_value, _value, _read_value),
    "mp-value-lock": ("processes", _new_value, _value_lock, _read_value),
    "mp-manager-dict": ("processes", _new_manager_dict, _manager_dict, _read_dict),
    "mp-manager-dict-lock": ("processes", _new_manager_dict, _manager_dict_lock, _read_dict),
}


def _run_worker(loop, state, n, barrier):
    barrier.wait()
    loop(state, n)


def _run_once(kind, loop, state, workers, n, context):
    """One repetition: the workers start together at a barrier; seconds to the last join."""
    if kind == "threads":
        barrier = threading.Barrier(workers + 1)
        runners = [threading.Thread(target=_run_worker, args=(loop, state, n, barrier))
                   for _ in range(workers)]
    else:
        barrier = context["mp"].Barrier(workers + 1)
        runners = [context["mp"].Process(target=_run_worker, args=(loop, state, n, barrier))
                   for _ in range(workers)]
    for runner in runners:
        runner.start()
    barrier.wait()
    start = time.perf_counter()
    for runner in runners:
        runner.join()
    elapsed = time.perf_counter() - start
    failed = [runner.exitcode for runner in runners
              if kind == "processes" and runner.exitcode != 0]
    return elapsed, failed


def run_pattern(pattern_id, workers, n, repetitions, context):
    kind, new_state, loop, read = PATTERNS[pattern_id]
    report = {"id": pattern_id, "kind": kind, "repetitions": [], "error": ""}
    for _ in range(repetitions):
        state = new_state(context)
        elapsed, failed = _run_once(kind, loop, state, workers, n, context)
        if failed:
            report["error"] = "a worker process exited with status %d" % failed[0]
            break
        report["repetitions"].append({"observed": int(read(state)), "elapsed_s": elapsed})
    return report


def run(request):
    """--python-script shared-counter: every pattern of the request, in order (the worker's
    harness adds the interpreter's description, its switch interval the one used)."""
    interval = request.get("switch_interval_s")
    if interval:
        sys.setswitchinterval(float(interval))
    context = {"mp": multiprocessing.get_context("fork")}
    reports = []
    try:
        for pattern in request["patterns"]:
            pattern_id = pattern["id"]
            if pattern_id not in PATTERNS:
                reports.append({"id": pattern_id, "repetitions": [],
                                "error": "no such Python pattern"})
                continue
            reports.append(run_pattern(pattern_id, int(request["workers"]),
                                       int(pattern["updates"]), int(request["repetitions"]),
                                       context))
    finally:
        if context.get("manager") is not None:
            context["manager"].shutdown()
    return {"runtime": {"start_method": "fork"}, "patterns": reports}


if __name__ == "__main__":
    print(json.dumps(run(json.load(sys.stdin))))
