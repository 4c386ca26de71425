"""A real HTTP server on 127.0.0.1 whose paths behave like the web's good and bad links, and
which counts every request it receives."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 1.5       # /slow answers only after this; tests use a shorter timeout

# path -> what it does (every path starting /ok answers 200)
ROUTES = {
    "/missing": "404",
    "/moved": "301 to /new-home",
    "/new-home": "200",
    "/flaky": "503 the first time, then 200",
    "/no-head": "405 to HEAD, 200 to GET",
    "/slow": f"200 after {SLOW_SECONDS} s",
}


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        path = self.path
        seen = self.server.links.record(self.command, path)
        if path.startswith("/ok") or path == "/new-home":
            self._send(200)
        elif path == "/moved":
            self._send(301, location="/new-home")
        elif path == "/flaky":
            self._send(503 if seen == 1 else 200)
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200)
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200)
        else:
            self._send(404)

    def _send(self, status: int, location: str | None = None) -> None:
        body = f"<p>{status}</p>".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep test output readable
        pass


class _Server(ThreadingHTTPServer):
    links: "LinkServer"

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (timeout) breaks the pipe; that is expected here


class LinkServer:
    """Serves ROUTES from a background thread; ``hits`` counts requests by path and method."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str]] = Counter()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.links = self
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def record(self, method: str, path: str) -> int:
        """Count a request; return how many this path has had, this one included."""
        with self._lock:
            self.requests[(method, path)] += 1
            return sum(n for (_, p), n in self.requests.items() if p == path)

    def hits(self, path: str | None = None, method: str | None = None) -> int:
        with self._lock:
            return sum(n for (m, p), n in self.requests.items()
                       if (path is None or p == path) and (method is None or m == method))

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens (the port was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/gone"
