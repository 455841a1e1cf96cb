"""PostgreSQL restarts under a running gunicorn: the app recovers without a restart.

The test makes its own throwaway cluster (initdb, pg_ctl) on a loopback port and
serves the project with production settings from gunicorn, whose persistent
database connection (CONN_MAX_AGE with health checks) must survive the restart.
"""

import json

import pytest

from tests.resilience.services import GUNICORN_PORTS, Gunicorn, PostgresCluster


@pytest.fixture
def cluster():
    with PostgresCluster() as running:
        yield running


def database_ok(server):
    status, body, _headers = server.get("/readyz")
    return status, json.loads(body)["checks"]["database"]["ok"]


def test_app_server_recovers_from_a_postgres_restart_and_outage(cluster, tmp_path):
    server = Gunicorn(GUNICORN_PORTS[0], {"DATABASE_URL": cluster.url, "MEDIA_ROOT": str(tmp_path)})
    try:
        server.wait_ready()
        assert database_ok(server) == (200, True)

        cluster.restart()
        assert database_ok(server) == (200, True), "the same process reconnects"

        cluster.stop()
        assert database_ok(server) == (503, False), "a clear 'not ready', not a 500"
        assert server.get("/healthz")[0] == 200

        cluster.start()
        assert database_ok(server) == (200, True)
        assert server.process.poll() is None, "never restarted"
    finally:
        server.stop()
