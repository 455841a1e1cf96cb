"""Measure the site's speed over real HTTP.

Builds the demo network in a throw-away database, serves it with gunicorn and the
production settings on 127.0.0.1, then sends a bounded number of requests to each
URL from a few concurrent clients and prints latency percentiles and throughput.

    make bench                      # SQLite
    DATABASE_URL=postgres://odn@127.0.0.1:5432/odn_bench make bench

Only loopback is contacted. The run stops by itself: each URL gets at most
--requests requests or --seconds seconds, whichever comes first.
"""

import argparse
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ["/", "/about/", "/staff-groups/", "/api/v2/pages/?limit=20", "/sitemap.xml"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def fetch(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        status = response.status
    return time.perf_counter() - started, status


def measure(url, requests, seconds, clients):
    timings, statuses = [], set()
    deadline = time.monotonic() + seconds
    with ThreadPoolExecutor(max_workers=clients) as pool:
        while len(timings) < requests and time.monotonic() < deadline:
            batch = min(clients, requests - len(timings))
            for elapsed, status in pool.map(fetch, [url] * batch):
                timings.append(elapsed)
                statuses.add(status)
    return timings, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per URL, at most")
    parser.add_argument("--seconds", type=float, default=20.0, help="per URL, at most")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="odn-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(workdir / "media"),
        "DEMO_ADMIN_PASSWORD": secrets.token_urlsafe(16),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    python = sys.executable
    manage = [python, str(ROOT / "manage.py")]
    quiet = {"env": env, "cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([*manage, "migrate", "--no-input"], **quiet)
    subprocess.run([*manage, "collectstatic", "--no-input"], **quiet)
    subprocess.run([*manage, "load_demo_network"], **quiet)
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from wagtail.models import Site; "
            f"Site.objects.update(hostname='127.0.0.1', port={port})",
        ],
        **quiet,
    )

    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/")
        print(
            f"{'path':36} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}  status"
        )
        for path in args.paths:
            fetch(base + path)  # warm up
            started = time.perf_counter()
            timings, statuses = measure(base + path, args.requests, args.seconds, args.clients)
            wall = time.perf_counter() - started
            ms = sorted(t * 1000 for t in timings)
            p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
            print(
                f"{path[:36]:36} {len(ms):5d} {statistics.median(ms):8.1f} {p95:8.1f} "
                f"{ms[-1]:8.1f} {len(ms) / wall:7.1f}  {sorted(statuses)}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
