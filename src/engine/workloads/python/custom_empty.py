# Your function. Speedup Lab calls task(index, count, **params) once per
# task: in threads that share one interpreter (and its GIL), or in processes
# with one interpreter each. index runs from 0 to count - 1 over the tasks
# of a batch; params holds base_tasks (the batch size before weak scaling)
# and memory_limit_mb. Return an int: the results are summed into the
# checksum.
# This code runs with your rights: only run code you trust.


def task(index, count, **params):
    return 0
