"""Fixtures for the fault tests: the membership request page from the membership tests."""

import pytest

from tests.membership.conftest import request_page, staff_group, valid_data  # noqa: F401


@pytest.fixture(autouse=True)
def _on_commit(commit_hooks_run_on_commit):
    """On-commit work runs when the code commits, as in production."""


@pytest.fixture(autouse=True)
def _fresh_outage_state():
    """Each test starts with no Redis outage remembered from the test before it."""
    from cms import cache

    cache._outages.clear()
    yield
    cache._outages.clear()
