#!/usr/bin/python3
"""python_peer.py: the concurrent.futures peer of bench/python.

Runs the python runtime's own task code (the .py files Speedup Lab embeds, loaded from
--source-dir) with ThreadPoolExecutor and ProcessPoolExecutor, and prints one JSON object on
stdout. Standard library only. Executors are started and warmed up before the clock runs, as
bench/python does for its pools.

  overhead  µs per task of the empty task (noop.py), for the chunk sizes given
  serve     seconds of one batch of a task, for each request read from stdin, so that
            bench/python can interleave its runs with ours

ProcessPoolExecutor.map() chunks by itself (chunksize). ThreadPoolExecutor.map() ignores
chunksize, so for threads a chunk is one submitted call that runs `chunk` tasks in a loop.
"""

import argparse
import concurrent.futures as cf
import functools
import importlib
import json
import platform
import statistics
import sys
import time


_tasks = {}


def task_of(module):
    task = _tasks.get(module)
    if task is None:
        task = _tasks[module] = importlib.import_module(module).task
    return task


def call(module, count, params, index):
    return task_of(module)(index, count, **params)


def call_range(module, count, params, bounds):
    task = task_of(module)
    return [task(i, count, **params) for i in range(*bounds)]


def one_run(executor, kind, module, count, params, chunk):
    start = time.perf_counter()
    if kind == "processes":
        results = list(executor.map(functools.partial(call, module, count, params),
                                    range(count), chunksize=chunk))
    elif chunk == 1:
        results = list(executor.map(functools.partial(call, module, count, params), range(count)))
    else:
        ranges = [(i, min(count, i + chunk)) for i in range(0, count, chunk)]
        results = [x for part in executor.map(functools.partial(call_range, module, count, params),
                                              ranges) for x in part]
    elapsed = time.perf_counter() - start
    if len(results) != count or not all(isinstance(r, int) for r in results):
        raise SystemExit("python_peer: wrong results from %s" % kind)
    return elapsed, sum(results) & 0xFFFFFFFFFFFFFFFF


def executor_for(kind, workers):
    if kind == "threads":
        return cf.ThreadPoolExecutor(max_workers=workers)
    return cf.ProcessPoolExecutor(max_workers=workers)


def warm_up(executor, workers):
    # Start every worker (and import the task module in it) before timing anything.
    list(executor.map(functools.partial(call, "noop", workers * 4, {}), range(workers * 4)))


def overhead(args):
    results = []
    for kind in ("threads", "processes"):
        for chunk in (int(c) for c in args.chunks.split(",")):
            with executor_for(kind, args.workers) as executor:
                warm_up(executor, args.workers)
                pilot_tasks = min(args.tasks, 2000)
                pilot, _ = one_run(executor, kind, "noop", pilot_tasks, {}, chunk)
                per_task = pilot / pilot_tasks
                wanted = args.target_seconds / max(per_task, 1e-9)
                n = int(min(args.tasks, max(pilot_tasks, wanted)))
                params = {"base_tasks": n}
                times = [one_run(executor, kind, "noop", n, params, chunk)[0]
                         for _ in range(args.runs)]
            median = statistics.median(times)
            results.append({"model": kind, "chunk": chunk, "tasks": n, "median_s": median,
                            "us_per_task": median / n * 1e6})
    return results


def parse_value(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(text, text)


def serve(args):
    """Answers one request per line of stdin, one JSON line each, keeping executors alive.

    A request: {"task": "cpu_sum", "model": "threads", "workers": 2, "count": 64,
    "params": {"n": "20000000"}}; the answer: {"seconds": ..., "checksum": "..."}. The first
    request for a task on an executor runs one unmeasured batch first.
    """
    executors = {}
    warmed = set()
    try:
        for line in sys.stdin:
            request = json.loads(line)
            kind, workers = request["model"], request["workers"]
            module, count = request["task"], request["count"]
            params = {name: parse_value(value) for name, value in request["params"].items()}
            params["base_tasks"] = count

            executor = executors.get((kind, workers))
            if executor is None:
                executor = executors[(kind, workers)] = executor_for(kind, workers)
                warm_up(executor, workers)
            if (kind, workers, module) not in warmed:
                one_run(executor, kind, module, count, params, 1)
                warmed.add((kind, workers, module))

            seconds, checksum = one_run(executor, kind, module, count, params, 1)
            json.dump({"seconds": seconds, "checksum": str(checksum)}, sys.stdout)
            sys.stdout.write("\n")
            sys.stdout.flush()
    finally:
        for executor in executors.values():
            executor.shutdown()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True,
                        help="the folder of the task code (src/engine/workloads/python)")
    parser.add_argument("--runs", type=int, default=3)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("overhead")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--tasks", type=int, default=200000)
    p.add_argument("--chunks", default="1,100")
    p.add_argument("--target-seconds", type=float, default=0.5)

    commands.add_parser("serve", help="measure batches asked for on stdin (see serve())")

    args = parser.parse_args()
    sys.path.insert(0, args.source_dir)

    if args.command == "serve":
        serve(args)
        return

    results = overhead(args)
    json.dump({
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "results": results,
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
