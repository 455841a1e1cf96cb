"""Real services on loopback for the fault tests, each started and stopped by the test.

Each service's port is picked free once per test process, so that two suites can run
side by side (CI runs SQLite and PostgreSQL at once), and a test that restarts a
service finds it again on the same port. A tool
that is missing skips the test on a developer's machine and fails it under CI
(``CI=true``), where every fault test must run.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports that are free on loopback now (held together while chosen)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port() -> int:
    """A port free on loopback now: for a server a test starts, or one nobody answers on."""
    return free_ports(1)[0]


REDIS_PORT, POSTGRES_PORT, SMTP_BLACKHOLE_PORT, MOTO_PORT, *GUNICORN_PORTS = free_ports(6)
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


class PostgresCluster:
    """A throwaway PostgreSQL cluster (initdb + pg_ctl) on POSTGRES_PORT, trust auth.

    As root, the cluster belongs to the ``postgres`` user (initdb refuses root).
    """

    def __init__(self, port: int = POSTGRES_PORT):
        self.initdb = require_tool("initdb", PG_BIN_DIRS)
        self.pg_ctl = require_tool("pg_ctl", PG_BIN_DIRS)
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="odn-fault-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.url = f"postgres://odn@127.0.0.1:{port}/postgres"
        self.as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)  # noqa: S603

    def __enter__(self):
        assert port_is_free(self.port), f"port {self.port} is in use"
        self._run(self.initdb, "-D", str(self.data), "-U", "odn", "--auth=trust", "-E", "UTF8")
        self.start()
        return self

    def _ctl(self, action):
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.root / "log")
        self._run(
            self.pg_ctl, "-D", str(self.data), "-o", options, "-l", log, "-m", "fast", "-w", action
        )

    def start(self):
        self._ctl("start")
        wait_for_port(self.port)

    def stop(self):
        self._ctl("stop")

    def restart(self):
        self._ctl("restart")
        wait_for_port(self.port)

    def __exit__(self, *exc):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Gunicorn:
    """The project under gunicorn with production settings, on a loopback port."""

    def __init__(self, port: int, env: dict):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        root = Path(__file__).resolve().parents[2]
        self.log = tempfile.NamedTemporaryFile(prefix="odn-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ],
            cwd=root,
            env={
                **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")},
                "DJANGO_SETTINGS_MODULE": "cms.settings.production",
                "SECRET_KEY": "fault-test-secret-key-with-enough-length-0123456789",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
                **env,
            },
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def get(self, path, headers=None):
        """(status, body bytes, headers) without raising on HTTP errors."""
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
                return answer.status, answer.read(), answer.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(Path(self.log.name).read_text(errors="replace")[-3000:])
            try:
                if self.get("/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(Path(self.log.name).read_text(errors="replace")[-3000:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        Path(self.log.name).unlink(missing_ok=True)
