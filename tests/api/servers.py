"""A real HTTP server on 127.0.0.1 that records what it receives.

Stands in for a CDN purge endpoint (PURGE requests, as Varnish takes them) and
for a downstream site's webhook receiver (POST requests).
"""

import threading
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: Message  # case-insensitive, as HTTP header names are
    body: bytes


class RecordingServer:
    def __init__(self, statuses=()):
        # Answer each request with the next status in ``statuses``, then 200.
        self.statuses = list(statuses)
        self.received = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with server.lock:
                    server.received.append(Received(self.command, self.path, self.headers, body))
                    status = server.statuses.pop(0) if server.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PURGE = do_POST = do_GET = _record  # noqa: N815

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
