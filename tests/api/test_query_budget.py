"""An API list costs the same number of queries whatever the page size and the
number of restricted sections."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.api.conftest import bearer
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

URL = "/api/v2/pages/?type=pages.ContentPage&fields=*&limit={limit}"


def body_linking_to(page):
    return [
        (
            "rich_text",
            f'<p>Read <a linktype="page" id="{page.pk}">the guidance</a> first.</p>',
        ),
        ("quote", {"quote": "Transfers save lives.", "attribution": "Network lead"}),
    ]


@pytest.fixture
def many_pages(home_page):
    section = SectionPageFactory(parent=home_page, title="Guidance")
    return [
        ContentPageFactory(parent=section, title=f"Page {n}", body=body_linking_to(section))
        for n in range(22)
    ]


def count_queries(client, url, **headers):
    client.get(url, **headers)  # warm the site-root-paths cache, as a running site has
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


def test_budget_is_the_same_at_limit_2_and_20(client, many_pages, member_token):
    small, data_small = count_queries(client, URL.format(limit=2))
    large, data_large = count_queries(client, URL.format(limit=20))
    assert len(data_small["items"]) == 2 and len(data_large["items"]) == 20
    assert small == large
    with_token_small, _ = count_queries(client, URL.format(limit=2), **bearer(member_token))
    with_token_large, _ = count_queries(client, URL.format(limit=20), **bearer(member_token))
    assert with_token_small == with_token_large
    assert large <= 12


def restricted_sections(home_page, count, members_group, start=0):
    for n in range(start, start + count):
        section = SectionPageFactory(parent=home_page, title=f"Members section {n}")
        restrict_to_members(section, members_group)


@pytest.mark.parametrize("token", [False, True])
def test_budget_is_the_same_at_1_and_200_restricted_sections(
    client, home_page, many_pages, members_group, member_token, token
):
    headers = bearer(member_token) if token else {}
    restricted_sections(home_page, 1, members_group)
    one, _ = count_queries(client, URL.format(limit=20), **headers)
    restricted_sections(home_page, 199, members_group, start=1)
    two_hundred, data = count_queries(client, URL.format(limit=20), **headers)
    assert one == two_hundred
    assert len(data["items"]) == 20
