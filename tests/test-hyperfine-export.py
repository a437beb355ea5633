#!/usr/bin/env python3
"""test-hyperfine-export.py: the --hyperfine export read as hyperfine's own scripts read it.

hyperfine's scripts/ need matplotlib, numpy or scipy, which a test cannot count on, so this
reads the files the way each script does with the standard library alone:

- plot_parametrized.py: every benchmark has exactly one parameter, the same name in every
  benchmark of a file and across the files given together; its value goes through float();
  "mean" and "stddev" are the error bar.
- plot_whisker.py, plot_histogram.py: "command" labels, "times" lists, "median" to sort by.
- advanced_statistics.py: "command" and "times": mean, stddev (ddof=1), median, min, max and
  the 5th..95th percentiles.
- welch_ttest.py: a file of exactly two benchmarks, "command" and "times" of each.

It runs speedup-lab-cli ($SPEEDUP_LAB_CLI) twice: a sweep of both models (one file per model)
and one of a single model at two worker counts (the file welch_ttest.py wants).
"""

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

CLI = os.environ.get("SPEEDUP_LAB_CLI", "speedup-lab-cli")
SMALL = ["--workload", "cpu-sum", "--param", "n=2000000", "--tasks", "8", "--repeat", "3",
         "--warmup", "0", "--quiet"]


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def run(*args):
    done = subprocess.run([CLI, "run", *SMALL, *args], capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"speedup-lab-cli run {' '.join(args)} exited {done.returncode}: {done.stderr}")


def load_results(path):
    with open(path) as f:
        results = json.load(f)["results"]
    if not isinstance(results, list):
        fail(f"{path}: results is not a list")
    return results


def unique_parameter(path, benchmark):
    """plot_parametrized.py's unique_parameter(): exactly one parameter, its value a float."""
    params = benchmark.get("parameters", {})
    if len(params) != 1:
        fail(f"{path}: benchmarks must have exactly one parameter, but found {sorted(params)}")
    [(name, value)] = params.items()
    if not isinstance(value, str) or not value.isdigit():
        fail(f"{path}: parameter {name} = {value!r} is not a numeric string, as hyperfine writes")
    return name, float(value)


def check_parametrized(paths):
    """plot_parametrized.py over several files: one name, in every benchmark of every file."""
    names = set()
    for path in paths:
        results = load_results(path)
        if not results:
            fail(f"{path}: no benchmark data to plot")
        file_names, values = zip(*(unique_parameter(path, b) for b in results))
        if len(set(file_names)) != 1:
            fail(f"{path}: benchmarks must all have the same parameter name: {set(file_names)}")
        if list(values) != sorted(values):
            fail(f"{path}: worker counts out of order: {values}")
        names |= set(file_names)
        for b in results:
            for key in ("mean", "stddev"):
                if not isinstance(b.get(key), (int, float)):
                    fail(f"{path}: {b.get('command')}: {key} is {b.get(key)!r}")
    if names != {"workers"}:
        fail(f"files must all have the same parameter name, found {sorted(names)}")


def percentile(values, p):
    """numpy.percentile's default: linear interpolation between closest ranks."""
    ordered = sorted(values)
    pos = p / 100 * (len(ordered) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (pos - lo) * (ordered[hi] - ordered[lo])


def check_statistics(path):
    """advanced_statistics.py, plot_whisker.py and plot_histogram.py."""
    for b in load_results(path):
        command, times = b.get("command"), b.get("times")
        if not isinstance(command, str) or not command:
            fail(f"{path}: a benchmark without a command")
        if not isinstance(times, list) or not times or \
           not all(isinstance(t, (int, float)) and math.isfinite(t) for t in times):
            fail(f"{path}: {command}: times {times!r}")
        for key in ("mean", "stddev", "median", "min", "max"):
            if not isinstance(b.get(key), (int, float)):
                fail(f"{path}: {command}: {key} is {b.get(key)!r}")
        if abs(statistics.median(times) - b["median"]) > 1e-9 or \
           abs(statistics.mean(times) - b["mean"]) > 1e-9 or \
           min(times) != b["min"] or max(times) != b["max"]:
            fail(f"{path}: {command}: the summary does not match its times")
        if len(times) > 1 and abs(statistics.stdev(times) - b["stddev"]) > 1e-9:
            fail(f"{path}: {command}: stddev is not the sample standard deviation")
        if not percentile(times, 5) <= percentile(times, 25) <= percentile(times, 75) \
           <= percentile(times, 95):
            fail(f"{path}: {command}: percentiles out of order")


def check_welch(path):
    """welch_ttest.py: exactly two benchmarks, whose times give Welch's t."""
    results = load_results(path)
    if len(results) != 2:
        fail(f"{path}: the input file has to contain exactly two benchmarks, not {len(results)}")
    a, b = (r["times"] for r in results)
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    if not va + vb > 0:
        fail(f"{path}: no spread for Welch's t")
    t = (statistics.mean(a) - statistics.mean(b)) / math.sqrt(va + vb)
    if not math.isfinite(t):
        fail(f"{path}: Welch's t is {t}")
    print(f"welch: {results[0]['command']} against {results[1]['command']}: t = {t:.3g}")


with tempfile.TemporaryDirectory() as tmp:
    both = os.path.join(tmp, "sweep.hyperfine.json")
    run("--workers", "1,2,4", "--models", "threads,processes", "--hyperfine", both)
    files = [os.path.join(tmp, f"sweep-{m}.hyperfine.json") for m in ("threads", "processes")]
    for f in files:
        if not os.path.exists(f):
            fail(f"{os.path.basename(f)} was not written: {sorted(os.listdir(tmp))}")
    if os.path.exists(both):
        fail("a sweep of two models wrote the path given rather than a file per model")
    check_parametrized(files)
    for f in files:
        check_statistics(f)
        commands = [b["command"] for b in load_results(f)]
        model = "threads" if f.endswith("threads.hyperfine.json") else "processes"
        if commands != [f"native {model} W={w}" for w in (1, 2, 4)]:
            fail(f"{f}: commands {commands}")

    pair = os.path.join(tmp, "pair.hyperfine.json")
    run("--workers", "1,2", "--models", "threads", "--hyperfine", pair)
    check_parametrized([pair])
    check_statistics(pair)
    check_welch(pair)

print("hyperfine's scripts would read every file: one parameter (workers), times, summaries")
