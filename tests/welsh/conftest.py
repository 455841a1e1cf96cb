import io

from django.core.management import call_command

import pytest


@pytest.fixture
def welsh_demo(db):
    """The demo network, with its Welsh pages made through wagtail-localize."""
    call_command("load_demo_network", stdout=io.StringIO())
