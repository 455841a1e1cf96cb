"""The membership review screens speak the office's words: no raw False, True or None."""

import re

import pytest

from membership.models import MembershipRequest
from tests.membership.conftest import make_request

pytestmark = pytest.mark.django_db

LIST = "/admin/membership-requests/"


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def visible_text(html):
    main = html.split('id="main"', 1)[-1]
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", text)


def test_inspect_screen_has_no_raw_false_or_none(office):
    request = make_request()
    text = visible_text(office.get(f"{LIST}inspect/{request.pk}/").content.decode())
    for raw in ("False", "True", "None"):
        assert not re.search(rf"\b{raw}\b", text), (raw, text)
    assert "Not yet" in text or "Not given" in text


def test_a_decided_request_shows_yes_and_the_reviewer(office, office_user):
    request = make_request(flagged_domain=True, status=MembershipRequest.Status.REJECTED)
    request.reviewed_by = office_user
    request.save()
    text = visible_text(office.get(f"{LIST}inspect/{request.pk}/").content.decode())
    assert "Flagged domain Yes" in text
    for raw in ("False", "True", "None"):
        assert not re.search(rf"\b{raw}\b", text), (raw, text)


def test_names_in_the_listing_wrap_between_words(office):
    make_request(full_name="Oluwaseun Featherstonehaugh-Abernethy")
    html = office.get(LIST).content.decode()
    assert 'class="odn-person-name title"' in html
    assert "membership/admin.css" in html
