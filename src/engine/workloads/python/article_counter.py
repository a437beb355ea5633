# The article's shared Counter, as written ("Sharing Data Between Threads and Processes").
# Speedup Lab runs it with the URLs pointed at its built-in server.
import requests
from concurrent.futures import ThreadPoolExecutor
from collections import Counter

counter = Counter()

def fetch_url(url):
    resp = requests.get(url)
    counter[url] += 1
    return resp.text[:100]

with ThreadPoolExecutor() as executor:
    urls = ['https://www.example.com', 'https://www.wikipedia.org', 'https://www.python.org']
    results = list(executor.map(fetch_url, urls))

print(counter)
