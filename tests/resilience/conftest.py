"""Fixtures for the fault tests: the membership request page from the membership tests."""

from tests.membership.conftest import request_page, staff_group  # noqa: F401
