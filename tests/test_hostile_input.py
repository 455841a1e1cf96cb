"""Hostile strings in every query parameter and every public form: never a 5xx.

Each value in HOSTILE goes, on its own, into each parameter of each public address
(the site's listings, the calendar, search, feeds and the API with each page type's
filters) and each field of each public form (membership request, its JSON endpoint,
log in, password reset). The answer may be a page, a form error, a 400 or a 404 with
its reason; a 5xx fails. Under the API every answer is JSON.

``make test`` sends the short list (the worst of each kind); ``make fuzz``
(``HOSTILE_INPUT=all``) sends every value. On PostgreSQL too: CI runs the suite on both.
"""

import json
import os
from urllib.parse import quote

from django.test import Client

import pytest

from membership.models import MembershipRequestPage
from tests.events.factories import EventCategoryFactory, EventIndexPageFactory, EventPageFactory
from tests.factories import ContentPageFactory, SectionPageFactory
from tests.pages.factories import (
    QualityImprovementIndexPageFactory,
    QualityMeasurePageFactory,
    StaffGroupPageFactory,
    TrainingCoursePageFactory,
    TrainingIndexPageFactory,
)

pytestmark = pytest.mark.django_db

# Percent-encoded as they arrive on the wire. A lone surrogate cannot be sent as
# UTF-8: it arrives as the bytes of its CESU form (%ED%A0%80), which is invalid.
HOSTILE_SHORT = [
    "%00",
    "%ED%A0%80",
    quote("'\"<>;--"),
    "a" * 10_000,
    "0001-01-01",
    "9999-12-31T23:59:59",
]
HOSTILE_MORE = [
    "%20",
    quote('"'),
    quote("' OR '1'='1"),
    quote("NEAR(a b) AND OR NOT * ^ :"),
    quote("{{ 7*7 }}${7*7}"),
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    quote("\uff1d1+1"),
    quote("../../etc/passwd"),
    quote("\u202e\u200b\ufeff"),
    "%FF%FE",
    "0001-01-01T00:00:00",
    "9999-12-31",
    quote("2026-02-30"),
    "%0D%0ASet-Cookie:x=1",
]
FULL = os.environ.get("HOSTILE_INPUT") == "all"
HOSTILE = HOSTILE_SHORT + (HOSTILE_MORE if FULL else [])


def values_for(index: int) -> list[str]:
    """Every value under ``make fuzz``; for ``make test``, NUL and two more of the short
    list, rotating with the parameter's position so that each value meets many."""
    if FULL:
        return HOSTILE
    rest = HOSTILE_SHORT[1:]
    return [HOSTILE_SHORT[0], rest[index % len(rest)], rest[(index + 2) % len(rest)]]


PAGE_FILTERS = ["search", "order", "fields", "slug", "title", "locale", "child_of", "limit"]
SURFACES = {
    "/search/": ["q", "page"],
    "/training/": ["q", "staff_group", "format", "cost", "provider", "upcoming", "page"],
    "/quality-improvement/": ["domain", "status"],
    "/quality-improvement/csv/": ["domain", "status"],
    "/events/": ["category", "staff_group", "format", "page"],
    "/events/past/": ["category", "page"],
    "/events/calendar/2027/03/": ["category", "staff_group", "format"],
    "/staff-groups/": ["page"],
    "/feeds/calendar.ics": ["category"],
    "/api/v2/pages/": PAGE_FILTERS + ["type", "offset", "id", "show_in_menus"],
    "/api/v2/pages/?type=events.EventPage&": [
        "start_after",
        "start_before",
        "upcoming",
        "category",
        "categories",
        "staff_groups",
        "start",
        "all_day",
        "status",
    ],
    "/api/v2/pages/?type=pages.TrainingCoursePage&": ["staff_group", "staff_groups", "format"],
    "/api/v2/pages/?type=pages.QualityMeasurePage&": ["domain", "status", "measure_code"],
    "/api/v2/pages/?type=pages.StaffGroupPage&": ["staff_group"],
    "/api/v2/pages/find/": ["html_path", "id"],
    "/api/v2/images/": ["search", "order", "width", "title"],
    "/api/v2/documents/": ["search", "order", "title"],
    "/api/v2/page_preview/": ["content_type", "token"],
    "/api/v2/schema/": ["format"],
}


@pytest.fixture
def network(home_page):
    """One page of each type, with the links the filters follow."""
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, relations__categories=[EventCategoryFactory()])
    TrainingCoursePageFactory(parent=TrainingIndexPageFactory(parent=home_page))
    QualityMeasurePageFactory(parent=QualityImprovementIndexPageFactory(parent=home_page))
    StaffGroupPageFactory(parent=SectionPageFactory(parent=home_page, slug="staff-groups"))
    ContentPageFactory(parent=home_page)
    membership = MembershipRequestPage(
        title="Request membership", slug="request-membership", introduction="Register here."
    )
    home_page.add_child(instance=membership)
    return home_page


def _answers(client, url):
    response = client.get(url)
    assert response.status_code < 500, (url[:200], response.status_code)
    if url.startswith("/api/"):
        assert response["Content-Type"].startswith("application/json"), url[:200]
    return response


@pytest.mark.parametrize("surface", sorted(SURFACES))
def test_every_query_parameter_takes_hostile_strings(client, network, surface):
    joiner = "" if surface.endswith("&") else "?"
    for index, name in enumerate(SURFACES[surface]):
        for value in values_for(index):
            _answers(client, f"{surface}{joiner}{name}={value}")


FORMS = {
    "/request-membership/": [
        "full_name",
        "email",
        "job_title",
        "organisation",
        "staff_group",
        "registration_body",
        "registration_number",
        "access_reason",
    ],
    "/accounts/login/": ["username", "password"],
    "/accounts/password-reset/": ["email"],
}


@pytest.mark.parametrize("address", sorted(FORMS))
def test_every_form_field_takes_hostile_strings(network, address, settings):
    settings.RATELIMIT_ENABLE = False
    client = Client(REMOTE_ADDR="192.0.2.1")
    for index, name in enumerate(FORMS[address]):
        for value in values_for(index):
            body = f"{name}={value}&consent=on"
            response = client.post(
                address, data=body, content_type="application/x-www-form-urlencoded"
            )
            assert response.status_code < 500, (address, name, value[:50], response.status_code)


def test_the_json_membership_endpoint_takes_hostile_strings(network):
    raw = ["\x00", "\ud800", "'\"<>;--", "a" * 10_000, "0001-01-01", ["x"], {"a": 1}, 1e308]
    fields = FORMS["/request-membership/"]
    for name in fields:
        for value in raw:
            body = json.dumps({name: value, "consent": True})
            response = Client(REMOTE_ADDR="192.0.2.2").post(
                "/membership/api/requests/", data=body, content_type="application/json"
            )
            assert response.status_code < 500, (name, str(value)[:50], response.status_code)
            assert response["Content-Type"] == "application/json"
