from wagtail.models import Locale

import pytest

from membership.models import MembershipRequestPage


@pytest.fixture
def welsh_demo(demo):
    """The demo network, with its Welsh pages made through wagtail-localize (loaded once
    per module, see ``tests/conftest.py``)."""


@pytest.fixture
def welsh_site(home_page, commit_hooks_run_on_commit):
    """The home page and the membership request page in English and Welsh."""
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    request_page = MembershipRequestPage(title="Request membership", slug="request-membership")
    home_page.add_child(instance=request_page)
    request_page.save_revision().publish()
    welsh_home = home_page.copy_for_translation(welsh)
    welsh_home.title = "Rhwydwaith prawf"
    welsh_home.save_revision().publish()
    translation = request_page.copy_for_translation(welsh)
    translation.title = "Gwneud cais am aelodaeth"
    translation.slug = "gwneud-cais-am-aelodaeth"
    translation.save_revision().publish()
    return welsh_home
