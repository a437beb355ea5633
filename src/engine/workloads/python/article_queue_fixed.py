# The article's Queue example, corrected: a multiprocessing.Queue reaches another process only
# by inheritance, never as an argument of a task, which is pickled. A Manager's queue is a proxy
# that can be pickled; and each future's result() raises what its task raised.
import requests
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Manager

def fetch_url(url, queue):
    resp = requests.get(url)
    queue.put((url, resp.text[:100]))

with Manager() as manager:
    queue = manager.Queue()
    with ProcessPoolExecutor() as executor:
        urls = ['https://www.example.com', 'https://www.wikipedia.org', 'https://www.python.org']
        futures = [executor.submit(fetch_url, url, queue) for url in urls]
        for future in futures:
            future.result()

    results = [queue.get() for _ in futures]
print(results)
