"""SQL queries and SQL time per request, for the benchmark (bench/http_benchmark.py).

Reads ``{"host": ..., "endpoints": [{"name", "path", "headers", "kind"}]}`` on stdin,
sends each request in-process through the whole middleware stack (one warm-up, then
``REPEATS`` counted), and prints one JSON object: per endpoint the median number of
queries, the median SQL time and the median time in Django, in milliseconds.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

REPEATS = 3


class Counter:
    def __init__(self):
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def meta(headers):
    return {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}


def main():
    request = json.loads(sys.stdin.read())
    client = Client(HTTP_HOST=request["host"])
    results = {}
    for endpoint in request["endpoints"]:
        headers = endpoint["headers"]
        path = endpoint["path"]
        if headers == "etag":
            client.get(path)
            etag = client.get(path).get("ETag")
            headers = {"If-None-Match": etag} if etag else {}
        client.get(path, **meta(headers))  # warm-up
        counts, sql_ms, total_ms = [], [], []
        for _ in range(REPEATS):
            counter = Counter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter):
                client.get(path, **meta(headers))
            total_ms.append((time.perf_counter() - started) * 1000)
            counts.append(counter.queries)
            sql_ms.append(counter.seconds * 1000)
        results[endpoint["name"]] = {
            "sql_queries": statistics.median(counts),
            "sql_ms": round(statistics.median(sql_ms), 2),
            "in_process_ms": round(statistics.median(total_ms), 2),
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
