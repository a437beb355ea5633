"""io_http.py: the python runtime's io-http, the article's "fetch 100 web pages".

Each task GETs one page with urllib.request, which opens a new connection per request, as the
article's requests.get() without a session did (keep_alive, connect_timeout_s and max_per_host
apply to the native runtime only). Pages of the built-in server are checked against their known
size; the checksum is the body's 64-bit FNV-1a, the native workload's, computed by the worker's
_speedup_lab module in C when it is there (checking the body is not the work being measured).
"""

import re
import urllib.error
import urllib.parse
import urllib.request

try:
    from _speedup_lab import fnv1a64
except ImportError:
    def fnv1a64(data, state=0xCBF29CE484222325):
        for byte in data:
            state = ((state ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        return state


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http and https only, as the native runtime does: urllib would follow
    one to ftp:// too, which does not measure what the experiment is about."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise urllib.error.URLError(
                "%s redirected to %s, which is not an http or https URL" % (req.full_url, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# The built-in server is on this machine: a proxy from the environment must not be in the way.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _HttpOnlyRedirects())


def task(index, count, pages=100, latency_ms=50, server_url="", urls="", timeout_s=30.0,
         **params):
    size = params.get("bytes", 16384)
    given = [u for u in re.split(r"[\s,]+", urls) if u]
    if given:
        url = given[index % len(given)]
    else:
        url = "%s/page/%d?bytes=%d&delay_ms=%d" % (server_url, index % pages, size, latency_ms)

    with _opener.open(url, timeout=timeout_s) as reply:
        body = reply.read()

    if not given and len(body) != size:
        raise RuntimeError("short body: %d of %d bytes from %s" % (len(body), size, url))
    return fnv1a64(body)
