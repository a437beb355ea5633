# Speedup Lab calls task(index, count, **params) once per task: in threads
# that share one interpreter, or in processes with one interpreter each.
# Return an int; the results are summed into the checksum. params holds
# base_tasks (the task count without weak scaling) and memory_limit_mb.
# This code runs with your rights: only run code you trust.


def task(index, count, **params):
    total = 0
    for i in range(200_000):
        total += i * i
    return total
