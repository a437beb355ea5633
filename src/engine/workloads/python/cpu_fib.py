"""cpu_fib.py: the python runtime's cpu-fib, the article's Flask /fib/<n> endpoint.

Every task computes Fibonacci(k) the slow recursive way, as the article's endpoint did.
"""


def fib(k):
    return k if k <= 1 else fib(k - 1) + fib(k - 2)


def task(index, count, k=27, **params):
    return fib(k)


if __name__ == "__main__":
    print(task(0, 1, k=20))
