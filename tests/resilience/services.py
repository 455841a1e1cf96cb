"""Real services on loopback for the fault tests, each started and stopped by the test.

Ports are fixed in 18400-18499 so that a leftover process is easy to find. A tool
that is missing skips the test on a developer's machine and fails it under CI
(``CI=true``), where every fault test must run.
"""

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

REDIS_PORT = 18401
POSTGRES_PORT = 18402
SMTP_BLACKHOLE_PORT = 18403
MOTO_PORT = 18404
GUNICORN_PORTS = (18410, 18411)
PG_BIN_DIRS = (
    "/usr/lib/postgresql/15/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/17/bin",
)


def require_tool(name: str, extra_dirs=()) -> str:
    """The tool's path; skip without it, or fail under CI."""
    for directory in extra_dirs:
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}, and CI runs every fault test")
    pytest.skip(message)


def wait_for_port(port: int, timeout: float = 15.0, host: str = "127.0.0.1") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


class RedisServer:
    """A throwaway redis-server on REDIS_PORT, without persistence."""

    def __init__(self, port: int = REDIS_PORT):
        self.binary = require_tool("redis-server")
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        assert port_is_free(self.port), f"port {self.port} is in use"
        self.process = subprocess.Popen(  # noqa: S603
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.kill()


class BlackholeSMTP:
    """A socket that accepts connections and never says a word (a hung SMTP relay)."""

    def __init__(self, port: int = SMTP_BLACKHOLE_PORT):
        self.port = port
        self.connections = []
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join(timeout=2)
        for connection in self.connections:
            connection.close()
        self.sock.close()
