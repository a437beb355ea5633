# The article's I/O-bound experiment: fetch web pages. Each task GETs one
# page; while it waits for the answer it holds no GIL, so threads overlap
# their waits as well as processes do.
#
# With URLS empty, the pages come from a small server that each worker
# process starts on 127.0.0.1 and that answers after LATENCY_S, like a
# distant web site, so that the experiment runs offline. Put real http(s)
# URLs in URLS to fetch those instead.
# This code runs with your rights: only run code you trust.

import http.server
import threading
import time
import urllib.request

URLS = []
LATENCY_S = 0.05
PAGE = b"x" * 16384

# No proxy from the environment between a worker and its own server.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_server = None
_lock = threading.Lock()


class _Page(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        time.sleep(LATENCY_S)
        self.send_response(200)
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def _local_url():
    global _server
    with _lock:
        if _server is None:
            _server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
            _server.daemon_threads = True
            threading.Thread(target=_server.serve_forever, daemon=True).start()
    return "http://127.0.0.1:%d/page/" % _server.server_address[1]


def task(index, count, **params):
    url = URLS[index % len(URLS)] if URLS else _local_url() + str(index)
    with _opener.open(url, timeout=30) as reply:
        return len(reply.read())
