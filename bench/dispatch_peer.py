#!/usr/bin/python3
"""dispatch_peer.py: the Python peer of bench/dispatch.

Measures the per-task overhead of concurrent.futures (ThreadPoolExecutor and ProcessPoolExecutor)
on an empty task, for the chunk sizes it is given, and prints one JSON object on stdout.
Standard library only. Pools are started and warmed up before the clock runs, as bench/dispatch
does for its own pools: this measures handing out tasks, not starting workers.

ProcessPoolExecutor.map() chunks by itself (chunksize). ThreadPoolExecutor.map() ignores
chunksize, so for threads a chunk is one submitted call that runs `chunk` tasks in a loop, which
is what chunking means there.
"""

import argparse
import concurrent.futures as cf
import json
import platform
import statistics
import sys
import time


def noop(index):
    return index


def run_range(bounds):
    start, stop = bounds
    return [noop(i) for i in range(start, stop)]


def one_run(executor, kind, n_tasks, chunk):
    start = time.perf_counter()
    if kind == "processes":
        results = list(executor.map(noop, range(n_tasks), chunksize=chunk))
    elif chunk == 1:
        results = list(executor.map(noop, range(n_tasks)))
    else:
        ranges = [(i, min(n_tasks, i + chunk)) for i in range(0, n_tasks, chunk)]
        results = [x for part in executor.map(run_range, ranges) for x in part]
    elapsed = time.perf_counter() - start
    if results != list(range(n_tasks)):
        raise SystemExit("dispatch_peer: wrong results from %s" % kind)
    return elapsed


def measure(kind, workers, chunk, max_tasks, runs, target_s):
    executor_class = cf.ThreadPoolExecutor if kind == "threads" else cf.ProcessPoolExecutor
    with executor_class(max_workers=workers) as executor:
        # Start every worker before timing anything.
        list(executor.map(noop, range(workers * 4)))
        # A pilot run sizes the measured runs, so slow configurations stay short.
        pilot_tasks = min(max_tasks, 2000)
        pilot = one_run(executor, kind, pilot_tasks, chunk)
        per_task = pilot / pilot_tasks
        n_tasks = int(min(max_tasks, max(pilot_tasks, target_s / max(per_task, 1e-9))))
        times = [one_run(executor, kind, n_tasks, chunk) for _ in range(runs)]
    median = statistics.median(times)
    return {
        "model": kind,
        "chunk": chunk,
        "tasks": n_tasks,
        "runs": runs,
        "median_s": median,
        "us_per_task": median / n_tasks * 1e6,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, default=200000,
                        help="most tasks per run (fewer when a run would be slow)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chunks", default="1,100")
    parser.add_argument("--target-seconds", type=float, default=0.5,
                        help="about how long one measured run should take")
    args = parser.parse_args()

    results = []
    for kind in ("threads", "processes"):
        for chunk in (int(c) for c in args.chunks.split(",")):
            results.append(measure(kind, args.workers, chunk, args.tasks, args.runs,
                                   args.target_seconds))

    json.dump({
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "workers": args.workers,
        "results": results,
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
