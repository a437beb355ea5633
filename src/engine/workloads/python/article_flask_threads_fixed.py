# The article's Flask endpoint with threads, corrected: the server already answers each request
# on a thread of its own and future.result() makes that thread wait, so the executor frees
# nothing; the endpoint computes in the request's thread, and the GIL still lets one request
# compute at a time. Not in the article: the imports and the app that its snippet assumes.
import time
from flask import Flask, jsonify

app = Flask(__name__)

@app.route('/fib/<int:n>')
def fib(n):
    def fib_recursive(n):
        if n <= 1:
            return n
        else:
            return fib_recursive(n-1) + fib_recursive(n-2)

    result = fib_recursive(n)

    return jsonify({'result': result})
