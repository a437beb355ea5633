# The article's Flask endpoint with a ProcessPoolExecutor, as written ("Real-World Example").
# Not in the article: the imports and the app that its snippet assumes.
import time
from flask import Flask, jsonify

app = Flask(__name__)

# The article's code:
import os
from concurrent.futures import ProcessPoolExecutor

executor = ProcessPoolExecutor(max_workers=os.cpu_count())

@app.route('/fib/<int:n>')
def fib(n):
    def fib_recursive(n):
        if n <= 1:
            return n
        else:
            return fib_recursive(n-1) + fib_recursive(n-2)

    future = executor.submit(fib_recursive, n)
    result = future.result()

    return jsonify({'result': result})
