# The article's Flask endpoint with processes, corrected: a task sent to another process is
# pickled by name, and a function defined inside fib() has no name a process can import, so
# fib_recursive moves to the top of the module. Not in the article: the imports and the app that
# its snippet assumes.
import time
from flask import Flask, jsonify

app = Flask(__name__)

import os
from concurrent.futures import ProcessPoolExecutor

executor = ProcessPoolExecutor(max_workers=os.cpu_count())

def fib_recursive(n):
    if n <= 1:
        return n
    else:
        return fib_recursive(n-1) + fib_recursive(n-2)

@app.route('/fib/<int:n>')
def fib(n):
    future = executor.submit(fib_recursive, n)
    result = future.result()

    return jsonify({'result': result})
