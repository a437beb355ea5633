"""cpu_sum.py: the python runtime's cpu-sum, the article's "sum the first 100 million integers".

Task `index` of `count` sums chunk (index mod base_tasks) of [0, n), shifted by n for every full
round of base_tasks (weak scaling), exactly as the native workload does, so both runtimes return
the same checksum. The loop is a plain Python loop on purpose: it is what the article ran, and
what the GIL serialises.
"""


def split_range(total, parts, index):
    """Range `index` of [0, total) split into `parts` nearly equal ranges, as sl_split_range()."""
    base, extra = divmod(total, parts)
    start = index * base + min(index, extra)
    return start, start + base + (1 if index < extra else 0)


def task(index, count, n=100_000_000, base_tasks=0, **params):
    base = base_tasks or count
    start, end = split_range(n, base, index % base)
    shift = (index // base) * n
    total = 0
    for i in range(start + shift, end + shift):
        total += i
    return total


if __name__ == "__main__":
    print(sum(task(i, 4, n=1000, base_tasks=4) for i in range(4)))
