# The article's shared Counter, corrected: Counter is a dict with no lock of its own, and
# `counter[url] += 1` is a read, an addition and a write, so the threads take a lock around it.
import threading
import requests
from concurrent.futures import ThreadPoolExecutor
from collections import Counter

counter = Counter()
counter_lock = threading.Lock()

def fetch_url(url):
    resp = requests.get(url)
    with counter_lock:
        counter[url] += 1
    return resp.text[:100]

with ThreadPoolExecutor() as executor:
    urls = ['https://www.example.com', 'https://www.wikipedia.org', 'https://www.python.org']
    results = list(executor.map(fetch_url, urls))

print(counter)
