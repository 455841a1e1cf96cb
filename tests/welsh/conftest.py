import pytest


@pytest.fixture
def welsh_demo(demo):
    """The demo network, with its Welsh pages made through wagtail-localize (loaded once
    per module, see ``tests/conftest.py``)."""
