"""Measure the site over real HTTP at archive size, against a static file on the same stack.

    make bench                                   # the 10,000-page network
    make bench BENCH_ARGS="--network demo"       # the demo network alone
    make bench BENCH_ARGS="--seconds 15 --passes 3"

Builds the network once per database (bench/build_network.py, reused by later
runs), serves it with gunicorn (4 sync workers, production settings, PostgreSQL)
on 127.0.0.1 and measures each endpoint with wrk (``-t2 -c8``) after a warm-up,
twice: with server-side copies of anonymous answers switched off ("built": every
request builds its answer) and on ("cached"). Each figure is also given as a ratio
to a static file served by the same gunicorn and WhiteNoise in the same run. SQL
queries and SQL time per request are counted in-process for the same requests.
Worker RSS is read from /proc after each mode. Results go to
``docs/performance-<network>.json`` and the table in ``docs/performance.md``.

Only loopback is contacted; every wrk run is bounded in time.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NETWORKS = {"10000": 10000, "demo": 0}
DEFAULT_DATABASES = {
    "10000": "postgres://odn@127.0.0.1:5432/odn_bench",
    "demo": "postgres://odn@127.0.0.1:5432/odn_bench_demo",
}
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"non2xx3xx":%d,"socket_errors":%d,'
    .. '"p50_us":%d,"p95_us":%d,"p99_us":%d,"bytes":%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.bytes))
end
"""


def ensure_database(url):
    """Create the bench database if it does not exist (PostgreSQL only)."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    import psycopg

    name = parts.path.lstrip("/")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def run(command, env, quiet=True):
    subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def fetch(url, headers=None, timeout=120):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return "timeout", {}, b""


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def drain(static_url, timeout=120):
    """Wait until the workers have finished requests that wrk gave up on."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.monotonic()
        fetch(static_url)
        if time.monotonic() - started < 0.5:
            return
        time.sleep(1)


def worker_rss_mb(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    sizes = []
    for pid in children.read_text().split() if children.exists() else []:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def wrk(url, headers, seconds, threads, connections, script):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "120s"]
    command += ["-s", script]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["req_per_s"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def endpoints(info):
    """(name, path, headers, kind) for every measured request."""
    api_token = {"Authorization": f"Bearer {info['api_token']}"}
    return [
        ("static file (ceiling)", info["static_path"], {}, "static"),
        ("API list, limit 20", "/api/v2/pages/?limit=20", {}, "api"),
        ("API list, one type, fields=*", info["api_type_path"], {}, "api"),
        ("API detail", info["api_detail_path"], {}, "api"),
        ("API list answered 304 (If-None-Match)", "/api/v2/pages/?limit=20", "etag", "304"),
        ("home page", "/", {}, "html"),
        ("content page", info["content_path"], {}, "html"),
        ("content page answered 304 (If-None-Match)", info["content_path"], "etag", "304"),
        ("site search", "/search/?q=trauma", {}, "html"),
        ("events list", info["events_path"], {}, "html"),
        ("month calendar", info["month_path"], {}, "html"),
        ("training, two filters", info["training_path"], {}, "html"),
        ("/feeds/calendar.ics", "/feeds/calendar.ics", {}, "feed"),
        ("/sitemap.xml", "/sitemap.xml", {}, "xml"),
        ("member's personal feed", info["personal_feed_path"], {}, "member"),
        ("member's token, API list", "/api/v2/pages/?limit=20", api_token, "member"),
    ]


def resolve_headers(base, path, headers):
    if headers != "etag":
        return headers
    fetch(base + path)  # stored by the first answer when copies are on
    _, response_headers, _ = fetch(base + path)
    etag = response_headers.get("ETag")
    return {"If-None-Match": etag} if etag else {}


def measure_mode(mode, args, env, info, base_port):
    """Start gunicorn for one mode, measure every endpoint, stop it."""
    port = base_port
    mode_env = {**env, "ANONYMOUS_CACHE_SECONDS": "0" if mode == "built" else "600"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=mode_env,
        cwd=ROOT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    results = {}
    script = Path(tempfile.mkdtemp(prefix="odn-wrk-")) / "report.lua"
    script.write_text(LUA)
    try:
        wait_until_up(base + info["static_path"])
        idle_rss = worker_rss_mb(server.pid)
        for name, path, headers, kind in endpoints(info):
            headers = resolve_headers(base, path, headers)
            status, response_headers, body = fetch(base + path, headers)
            wrk(base + path, headers, args.warmup, args.threads, args.connections, str(script))
            drain(base + info["static_path"])
            passes = [
                wrk(base + path, headers, args.seconds, args.threads, args.connections, str(script))
                for _ in range(args.passes)
            ]
            drain(base + info["static_path"])
            median = sorted(passes, key=lambda p: p["req_per_s"])[len(passes) // 2]
            results[name] = {
                "path": path,
                "kind": kind,
                "status": status,
                "bytes": len(body),
                "cache_control": response_headers.get("Cache-Control", ""),
                "req_per_s": round(median["req_per_s"], 1),
                "req_per_s_passes": [round(p["req_per_s"], 1) for p in passes],
                "p50_ms": median["p50_us"] / 1000,
                "p95_ms": median["p95_us"] / 1000,
                "p99_ms": median["p99_us"] / 1000,
                "errors": median["non2xx3xx"] + median["socket_errors"],
            }
            print(
                f"  {mode:6} {name[:42]:42} {results[name]['req_per_s']:8.1f} req/s  "
                f"p50 {results[name]['p50_ms']:7.1f} ms  status {status}",
                flush=True,
            )
        rss = worker_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:  # a worker still busy with a slow request
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        shutil.rmtree(script.parent, ignore_errors=True)
    return results, rss, idle_rss


def sql_profile(mode, env, info, host):
    """SQL queries and time per request, counted in-process for each endpoint."""
    mode_env = {**env, "ANONYMOUS_CACHE_SECONDS": "0" if mode == "built" else "600"}
    request = {
        "host": host,
        "endpoints": [
            {"name": name, "path": path, "headers": headers, "kind": kind}
            for name, path, headers, kind in endpoints(info)
        ],
    }
    output = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "sql_profile.py")],
        input=json.dumps(request),
        env=mode_env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", choices=sorted(NETWORKS), default="10000")
    parser.add_argument("--database", help="DATABASE_URL (default: odn_bench / odn_bench_demo)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "18210")))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=15, help="per pass and endpoint")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--passes", type=int, default=1, help="the median pass is kept")
    parser.add_argument("--modes", default="built,cached")
    parser.add_argument(
        "--no-sql", action="store_true", help="skip counting SQL in-process (slow answers)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    database = args.database or os.environ.get("BENCH_DATABASE_URL")
    database = database or DEFAULT_DATABASES[args.network]
    ensure_database(database)
    host = f"127.0.0.1:{args.port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": database,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(Path(tempfile.gettempdir()) / "odn-bench-media"),
        "WAGTAILADMIN_BASE_URL": f"http://{host}",
        "LOG_LEVEL": "ERROR",
    }
    python = sys.executable
    print(f"database {database}; preparing (migrate, static files, network)", flush=True)
    run([python, "manage.py", "migrate", "--no-input"], env)
    run([python, "manage.py", "collectstatic", "--no-input"], env)
    info_file = Path(tempfile.mkdtemp(prefix="odn-bench-")) / "network.json"
    run(
        [
            python,
            "bench/build_network.py",
            "--pages",
            str(NETWORKS[args.network]),
            "--json",
            str(info_file),
            "--host",
            host,
        ],
        env,
        quiet=False,
    )
    info = json.loads(info_file.read_text())
    shutil.rmtree(info_file.parent, ignore_errors=True)

    result = {
        "network": args.network,
        "pages": info["pages"],
        "restricted_sections": info["restricted_sections"],
        "settings": {
            "workers": args.workers,
            "wrk": f"-t{args.threads} -c{args.connections} -d{args.seconds}s",
            "passes": args.passes,
            "database": "PostgreSQL" if database.startswith("postgres") else "SQLite",
            "redis": bool(os.environ.get("REDIS_URL")),
        },
        "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "modes": {},
    }
    for mode in args.modes.split(","):
        print(f"mode {mode}", flush=True)
        # A new content version: each mode starts without stored copies.
        fresh = "from core.cache import bump_content_version; bump_content_version()"
        run([python, "manage.py", "shell", "-c", fresh], env)
        figures, rss, idle_rss = measure_mode(mode, args, env, info, args.port)
        sql = {} if args.no_sql else sql_profile(mode, env, info, host)
        static = figures["static file (ceiling)"]["req_per_s"]
        for name, figure in figures.items():
            figure["ratio_to_static"] = round(figure["req_per_s"] / static, 4) if static else None
            figure.update(sql.get(name, {}))
        result["modes"][mode] = {
            "endpoints": figures,
            "worker_rss_mb": [round(size, 1) for size in rss],
            "worker_rss_mb_at_start": [round(size, 1) for size in idle_rss],
        }
        print(f"  worker RSS (MB): {', '.join(f'{size:.0f}' for size in rss)}", flush=True)

    out = DOCS / f"performance-{args.network}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    from bench.report import write_report

    write_report(DOCS)
    print(f"wrote {out.relative_to(ROOT)} and docs/performance.md")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
