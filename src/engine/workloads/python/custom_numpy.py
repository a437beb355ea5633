# A call into a C extension: numpy multiplies the matrices in compiled code
# (BLAS) and releases the GIL while it does, so threads can scale as
# processes do, unlike a loop written in Python.
# This code runs with your rights: only run code you trust.

import numpy

SIZE = 200


def task(index, count, **params):
    rng = numpy.random.default_rng(index)
    a = rng.random((SIZE, SIZE))
    return int((a @ a).sum())
