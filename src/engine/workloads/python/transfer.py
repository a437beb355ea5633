"""transfer.py: what it costs to move data from worker processes to the parent, by channel.

speedup-lab-worker loads it for `--python-script transfer` and calls run() with a JSON
request: the channels, the payload sizes, the workers and the messages each sends per size. For
each channel and size, W processes (forked by multiprocessing) each send M messages of P bytes
to the parent through a multiprocessing.Queue, a Pipe, a shared_memory.SharedMemory (the bytes
in shared memory, a Pipe to say which slot is ready and free), a Manager's queue, or as the
returned value of a ProcessPoolExecutor's tasks (pickled back). The time runs from when every
sender is ready to when the parent has read the last byte.

Every message is fresh bytes: a timestamp (its first 8 bytes, CLOCK_MONOTONIC, shared by every
process of the machine, for the message's latency), its worker and number, then a block of the
size asked. The parent reads every byte it receives into a checksum (the 64-bit FNV-1a after the
timestamp); the sum of those checksums over all messages is compared, after the clock stops,
with the sum computed from what each message should hold, so that every byte is proven to have
arrived, whatever the channel.
"""

import concurrent.futures
import json
import multiprocessing
import multiprocessing.connection
import resource
import struct
import sys
import time
from multiprocessing import shared_memory

try:
    from _speedup_lab import fnv1a64
except ImportError:
    def fnv1a64(data, state=0xCBF29CE484222325):
        for byte in bytes(data):
            state = ((state ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        return state

MASK = 0xFFFFFFFFFFFFFFFF
HEADER = struct.Struct("<QII")   # timestamp, worker, message
SLOTS = 2                        # shared memory: slots per worker, so that one fills as one drains

_block = b""                     # the bytes after the header, the same in every message


def _block_of(size):
    """Deterministic bytes that do not compress to nothing: a short cycle of a prime length."""
    pattern = bytes((i * 131 + 17) & 0xFF for i in range(251))
    body = max(0, size - HEADER.size)
    return (pattern * (body // len(pattern) + 1))[:body]


def _message(worker, index):
    return HEADER.pack(time.monotonic_ns(), worker, index) + _block


def _expected_checksum(worker, index):
    return fnv1a64(_block, fnv1a64(HEADER.pack(0, worker, index)[8:]))


class _Receipt:
    """What the parent read: a checksum over every byte after each message's timestamp."""

    def __init__(self):
        self.checksum = 0
        self.messages = 0
        self.bytes = 0
        self.latencies_ns = []

    def take(self, view):
        now = time.monotonic_ns()
        sent = struct.unpack_from("<Q", view, 0)[0]
        self.latencies_ns.append(now - sent)
        self.checksum = (self.checksum + fnv1a64(view[8:])) & MASK
        self.messages += 1
        self.bytes += len(view)


# ---- senders (in the worker processes) ----

def _send_queue(queue, worker, count, barrier):
    barrier.wait()
    for index in range(count):
        queue.put(_message(worker, index))


def _send_pipe(connection, worker, count, barrier):
    barrier.wait()
    for index in range(count):
        connection.send_bytes(_message(worker, index))
    connection.close()


def _send_shared(memory, connection, worker, count, barrier):
    size = len(_block) + HEADER.size
    free = list(range(SLOTS))
    barrier.wait()
    for index in range(count):
        if not free:
            free.append(connection.recv_bytes()[0])
        slot = free.pop()
        memory.buf[slot * size:(slot + 1) * size] = _message(worker, index)
        connection.send_bytes(bytes((slot,)))
    while len(free) < SLOTS:
        free.append(connection.recv_bytes()[0])


def _make(worker, index):
    return _message(worker, index)


def _noop(value):
    return value


# ---- the channels (in the parent) ----

def _start(context, target, args_of, workers):
    barrier = context.Barrier(workers + 1)
    processes = [context.Process(target=target, args=args_of(worker) + (barrier,))
                 for worker in range(workers)]
    for process in processes:
        process.start()
    return barrier, processes


def _receive_from_queue(context, queue, workers, count, receipt):
    barrier, processes = _start(context, _send_queue, lambda w: (queue, w, count), workers)
    barrier.wait()
    start = time.perf_counter()
    for _ in range(workers * count):
        receipt.take(memoryview(queue.get()))
    return time.perf_counter() - start, processes


def _channel_queue(context, workers, count, receipt):
    queue = context.Queue()
    elapsed, processes = _receive_from_queue(context, queue, workers, count, receipt)
    return elapsed, processes, queue.close


def _channel_pipe(context, workers, count, receipt):
    pairs = [context.Pipe(duplex=False) for _ in range(workers)]
    barrier, processes = _start(context, _send_pipe, lambda w: (pairs[w][1], w, count), workers)
    for _, sender in pairs:
        sender.close()
    readers = [reader for reader, _ in pairs]
    barrier.wait()
    start = time.perf_counter()
    while readers:
        for reader in multiprocessing.connection.wait(readers):
            try:
                receipt.take(memoryview(reader.recv_bytes()))
            except EOFError:
                readers.remove(reader)
    elapsed = time.perf_counter() - start
    return elapsed, processes, lambda: None


def _channel_shared_memory(context, workers, count, receipt):
    size = len(_block) + HEADER.size
    memories = [shared_memory.SharedMemory(create=True, size=size * SLOTS)
                for _ in range(workers)]
    pairs = [context.Pipe(duplex=True) for _ in range(workers)]
    barrier, processes = _start(context, _send_shared,
                                lambda w: (memories[w], pairs[w][1], w, count), workers)
    owner = {pairs[w][0]: w for w in range(workers)}
    left = {pairs[w][0]: count for w in range(workers)}
    barrier.wait()
    start = time.perf_counter()
    while left:
        for connection in multiprocessing.connection.wait(list(left)):
            slot = connection.recv_bytes()[0]
            view = memories[owner[connection]].buf[slot * size:(slot + 1) * size]
            receipt.take(view)
            view.release()
            connection.send_bytes(bytes((slot,)))
            left[connection] -= 1
            if left[connection] == 0:
                del left[connection]
    elapsed = time.perf_counter() - start

    def close():
        for memory in memories:
            memory.close()
            memory.unlink()
    return elapsed, processes, close


def _channel_manager(context, workers, count, receipt):
    manager = context.Manager()
    elapsed, processes = _receive_from_queue(context, manager.Queue(), workers, count, receipt)
    return elapsed, processes, manager.shutdown


def _channel_futures(context, workers, count, receipt):
    executor = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)
    # Every process started before the clock does.
    list(executor.map(_noop, range(workers * 2)))
    start = time.perf_counter()
    futures = [executor.submit(_make, i % workers, i // workers) for i in range(workers * count)]
    for future in concurrent.futures.as_completed(futures):
        receipt.take(memoryview(future.result()))
    elapsed = time.perf_counter() - start
    return elapsed, [], lambda: executor.shutdown(wait=True)


CHANNELS = {
    "queue": _channel_queue,
    "pipe": _channel_pipe,
    "shared-memory": _channel_shared_memory,
    "manager": _channel_manager,
    "futures": _channel_futures,
}


def _cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _percentiles(values_ns):
    """The median, 90th and 99th percentiles (nearest rank) and the most, in seconds."""
    ordered = sorted(values_ns)
    if not ordered:
        return {}

    def rank(fraction):
        return ordered[min(len(ordered) - 1, max(0, int(fraction * len(ordered) + 0.5) - 1))]
    return {"p50": rank(0.5) / 1e9, "p90": rank(0.9) / 1e9, "p99": rank(0.99) / 1e9,
            "max": ordered[-1] / 1e9}


def run_point(channel, size, workers, count, context):
    global _block
    _block = _block_of(size)
    receipt = _Receipt()
    cpu_before = _cpu_seconds()
    elapsed, processes, close = CHANNELS[channel](context, workers, count, receipt)
    for process in processes:
        process.join()
    close()
    cpu = _cpu_seconds() - cpu_before

    expected = 0
    for worker in range(workers):
        for index in range(count):
            expected = (expected + _expected_checksum(worker, index)) & MASK
    failed = [p.exitcode for p in processes if p.exitcode != 0]
    return {
        "channel": channel, "size": size, "workers": workers, "messages": receipt.messages,
        "expected_messages": workers * count, "bytes": receipt.bytes,
        "expected_bytes": workers * count * max(size, HEADER.size),
        "checksum": "%016x" % receipt.checksum, "expected_checksum": "%016x" % expected,
        "elapsed_s": elapsed, "cpu_s": cpu, "latency_s": _percentiles(receipt.latencies_ns),
        "error": "a sender exited with status %d" % failed[0] if failed else "",
    }


def run(request):
    """--python-script transfer: every point of the request, in order (the worker's harness adds
    the interpreter's description)."""
    context = multiprocessing.get_context("fork")
    points = []
    for point in request["points"]:
        channel = point["channel"]
        if channel not in CHANNELS:
            points.append({"channel": channel, "size": point["size"],
                           "error": "no such Python channel"})
            continue
        points.append(run_point(channel, int(point["size"]), int(request["workers"]),
                                int(point["messages"]), context))
    return {"runtime": {"start_method": "fork"}, "points": points}


if __name__ == "__main__":
    print(json.dumps(run(json.load(sys.stdin))))
