# The article's multiprocessing.Queue passed to ProcessPoolExecutor, as written ("Sharing Data
# Between Threads and Processes"). Speedup Lab runs it with the URLs pointed at its built-in server.
import requests
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Queue

def fetch_url(url, queue):
    resp = requests.get(url)
    queue.put((url, resp.text[:100]))

queue = Queue()
with ProcessPoolExecutor() as executor:
    urls = ['https://www.example.com', 'https://www.wikipedia.org', 'https://www.python.org']
    futures = [executor.submit(fetch_url, url, queue) for url in urls]

results = [queue.get() for _ in futures]
print(results)
