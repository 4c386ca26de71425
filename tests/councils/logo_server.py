"""A real HTTP server on 127.0.0.1 serving logos good and bad: the paths a council's logo URL
may meet on the web (nothing here reaches the internet)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SILENT_SECONDS = 3.0        # /silent.png never answers within a test's timeout (0.5 s)
HTML = b"<!DOCTYPE html><html><body><p>Our logo</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:
        files = self.server.files
        path = self.path
        self.server.hits.append(path)
        if path in files:
            ctype, body = files[path]
            self._head(200, ctype, len(body))
            self.wfile.write(body)
        elif path == "/page.png":                 # a web page where the logo should be
            self._head(200, "text/html; charset=utf-8", len(HTML))
            self.wfile.write(HTML)
        elif path == "/declared-huge.png":        # says 50 MB up front
            self._head(200, "image/png", 50_000_000)
            self.wfile.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 1024)
        elif path == "/undeclared-huge.png":      # no length: 3 MB, then the end
            self._head(200, "image/png", None)
            for _ in range(48):
                self.wfile.write(b"\0" * 65536)
        elif path == "/endless.png":              # no length, never ends
            self._head(200, "image/png", None)
            try:
                while True:
                    self.wfile.write(b"\x89PNG" * 16384)
            except OSError:
                return
        elif path == "/drip.png":                 # a byte now and then: within every timeout
            self._head(200, "image/png", None)
            try:
                for _ in range(1000):
                    self.wfile.write(b"\0")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return
        elif path == "/silent.png":               # never answers
            time.sleep(SILENT_SECONDS)
        elif path == "/moved.png":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/logo.png")
            self.end_headers()
        else:
            self._head(404, "text/html", 9)
            self.wfile.write(b"not found")

    def _head(self, status: int, ctype: str, length: int | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        else:
            self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    files: dict[str, tuple[str, bytes]]
    hits: list[str]

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up breaks the pipe: expected here


class LogoServer:
    """Serves ``files`` (path -> (content type, bytes)) and the bad paths above."""

    def __init__(self, files: dict[str, tuple[str, bytes]] | None = None) -> None:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.files = dict(files or {})
        self._httpd.hits = []
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    @property
    def hits(self) -> list[str]:
        return self._httpd.hits

    def add(self, path: str, ctype: str, body: bytes) -> str:
        self._httpd.files[path] = (ctype, body)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{path}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
