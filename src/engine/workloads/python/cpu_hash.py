"""cpu_hash.py: the python runtime's cpu-hash: SHA-256 rounds over a large buffer with hashlib.

The buffer and the rounds are those of the native workload, byte for byte, so both runtimes
return the same checksum: the buffer comes from splitmix64's finaliser (sl_mix64), and every
round hashes the previous digest, then the buffer. hashlib releases the GIL while it hashes more
than 2 KiB, so threads scale here when the rounds outweigh building the buffer.
"""

import hashlib
import sys

MASK = (1 << 64) - 1


def mix64(x):
    x ^= x >> 30
    x = (x * 0xBF58476D1CE4E5B9) & MASK
    x ^= x >> 27
    x = (x * 0x94D049BB133111EB) & MASK
    x ^= x >> 31
    return x


def fill(index, size):
    """The native task's buffer: 8 bytes of a new mix64 state, little-endian, per 8 bytes."""
    state = mix64((index + 1) & MASK)
    out = bytearray(size + 8)
    for i in range(0, size, 8):
        state = mix64((state + i) & MASK)
        out[i:i + 8] = state.to_bytes(8, "little")
    del out[size:]
    return bytes(out)


def task(index, count, base_tasks=0, **params):
    size = params.get("bytes", 65536)
    rounds = params.get("rounds", 16)
    buffer = fill(index % (base_tasks or count), size)
    digest = bytes(32)
    for _ in range(rounds):
        h = hashlib.sha256(digest)
        h.update(buffer)
        digest = h.digest()
    # The native task copies the digest's first 8 bytes into a 64-bit integer.
    return int.from_bytes(digest[:8], sys.byteorder)


if __name__ == "__main__":
    print(task(0, 1, bytes=1024, rounds=2))
