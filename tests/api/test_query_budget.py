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


def restriction_reads(client, url, **headers):
    """The captured SQL of one warm request, split into the statements that read the
    restriction table and the others."""
    client.get(url, **headers)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **headers).status_code == 200
    statements = [query["sql"].lower() for query in queries.captured_queries]
    reads = [sql for sql in statements if "pageviewrestriction" in sql]
    return reads, [sql for sql in statements if sql not in reads]


@pytest.mark.parametrize("sections", [1, 60])
@pytest.mark.parametrize("token", [False, True])
def test_the_restriction_table_is_read_once_per_request_never_per_page(
    client, home_page, many_pages, members_group, member_token, token, sections
):
    """The access rule's cost must not grow with pages x restrictions: the restriction
    rows are read by one statement per request, and no listing statement joins or
    scans the restriction table for each page (the restrictions reach it as
    constants). Checked at two numbers of restricted sections, for anonymous readers
    and for a member's token."""
    restricted_sections(home_page, sections, members_group)
    headers = bearer(member_token) if token else {}
    reads, others = restriction_reads(client, URL.format(limit=20), **headers)
    assert len(reads) == 1, reads
    assert 'from "wagtailcore_pageviewrestriction"' in reads[0]
    if connection.vendor == "postgresql":
        # The plans of the listing's statements never visit the restriction table.
        listing = [sql for sql in others if sql.startswith("select") and "wagtailcore_page" in sql]
        assert listing
        with connection.cursor() as cursor:
            for sql in listing:
                cursor.execute("EXPLAIN " + sql)
                plan = " ".join(row[0] for row in cursor.fetchall()).lower()
                assert "pageviewrestriction" not in plan, sql
