"""The one access rule, surface by surface, for each kind of user."""

from wagtail.models import Page, Site

import pytest

from core.access import can_view_page, is_members_only, visible_pages
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Escalation cascade for members"


@pytest.fixture
def members_area(home_page, members_group, office_group):
    area = SectionPageFactory(
        parent=home_page, title="Members area", slug="members", show_in_menus=True
    )
    restrict_to_members(area, members_group, office_group)
    ContentPageFactory(parent=area, title="Handbook", introduction=SECRET)
    return area


@pytest.fixture
def public_page(home_page):
    return ContentPageFactory(parent=home_page, title="About", slug="about", show_in_menus=True)


def test_rule_for_each_kind_of_user(
    members_area, public_page, outsider, member, office_user, superuser
):
    from django.contrib.auth.models import AnonymousUser

    handbook = members_area.get_children().get()
    for user, sees_members_content in [
        (AnonymousUser(), False),
        (outsider, False),
        (member, True),
        (office_user, True),
        (superuser, True),
    ]:
        assert can_view_page(user, public_page)
        assert can_view_page(user, members_area) is sees_members_content
        assert can_view_page(user, handbook) is sees_members_content, user


def test_inactive_member_is_shut_out(members_area, member):
    member.is_active = False
    member.save()
    assert not can_view_page(member, members_area)


def test_login_restriction_admits_any_logged_in_user(home_page, outsider):
    from django.contrib.auth.models import AnonymousUser

    from wagtail.models import PageViewRestriction

    page = ContentPageFactory(parent=home_page)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert can_view_page(outsider, page)
    assert not can_view_page(AnonymousUser(), page)


def test_members_only_flag_is_inherited(members_area, public_page):
    assert is_members_only(members_area.get_children().get())
    assert not is_members_only(public_page)


@pytest.mark.parametrize("login_as", [None, "outsider"])
def test_outsiders_see_no_members_content_in_html(
    client, members_area, public_page, login_as, request
):
    if login_as:
        client.force_login(request.getfixturevalue(login_as))
    home = client.get("/").content.decode()
    assert "Members area" not in home  # not in the menu
    assert client.get("/members/").status_code in (302, 403, 200)
    assert SECRET not in client.get("/members/handbook/").content.decode()


def test_member_sees_members_area_in_menu_and_page(client, members_area, member):
    client.force_login(member)
    assert "Members area" in client.get("/").content.decode()
    assert SECRET in client.get("/members/handbook/").content.decode()


@pytest.mark.parametrize(
    "login_as,expected",
    [(None, False), ("outsider", False), ("member", True), ("office_user", True)],
)
def test_api_pages_obey_the_rule(client, members_area, login_as, expected, request):
    if login_as:
        client.force_login(request.getfixturevalue(login_as))
    handbook = members_area.get_children().get()

    listing = client.get("/api/v2/pages/?fields=*").json()
    titles = {item["title"] for item in listing["items"]}
    detail = client.get(f"/api/v2/pages/{handbook.pk}/")
    children = client.get(f"/api/v2/pages/?child_of={members_area.pk}")
    found = client.get("/api/v2/pages/find/?html_path=/members/handbook/")

    assert ("Handbook" in titles) is expected
    assert (detail.status_code == 200) is expected
    assert (SECRET in detail.content.decode()) is expected
    if expected:
        assert children.json()["meta"]["total_count"] == 1
        assert found.status_code == 302
    else:
        assert children.status_code == 400 or children.json()["meta"]["total_count"] == 0
        assert found.status_code == 404


def test_authenticated_responses_are_never_shared(client, public_page, member):
    anonymous = client.get("/about/")
    client.force_login(member)
    private = client.get("/about/")
    assert "Cookie" in anonymous["Vary"]
    assert "private" in private["Cache-Control"] and "no-store" in private["Cache-Control"]


def _restricted_sections(home_page, members_group, count):
    for _ in range(count):
        restrict_to_members(SectionPageFactory(parent=home_page), members_group)


@pytest.mark.parametrize("restricted", [1, 60])
def test_visibility_costs_one_query_whatever_the_number_of_restrictions(
    home_page, members_group, outsider, restricted, django_assert_num_queries
):
    """The user's restrictions are read once (one small query), then every listing is
    one query that compares paths with constants, never joining the restriction table."""
    _restricted_sections(home_page, members_group, restricted)
    expected = Page.objects.live().count() - restricted
    with django_assert_num_queries(2):
        count = visible_pages(outsider, Page.objects.all()).count()
    assert count == expected
    with django_assert_num_queries(1) as captured:
        assert visible_pages(outsider, Page.objects.all()).count() == expected
    assert "pageviewrestriction" not in captured.captured_queries[0]["sql"].lower()


@pytest.mark.parametrize("restricted,pages,limit", [(1, 2, 2), (60, 20, 20)])
def test_api_listing_query_budget_is_flat(
    client, home_page, members_group, restricted, pages, limit, django_assert_max_num_queries
):
    _restricted_sections(home_page, members_group, restricted)
    for _ in range(pages):
        ContentPageFactory(parent=home_page)
    # A running site has Wagtail's site root paths in its cache (the first request of
    # a process reads them once); warm it as every later request finds it.
    Site.get_site_root_paths()
    with django_assert_max_num_queries(8):
        response = client.get(f"/api/v2/pages/?limit={limit}&type=pages.ContentPage&fields=*")
    assert len(response.json()["items"]) == limit


def test_an_alias_is_only_as_visible_as_its_original(client, home_page, members_group, member):
    from django.contrib.auth.models import AnonymousUser

    original = ContentPageFactory(parent=home_page, title="Rota", slug="rota", introduction=SECRET)
    section = SectionPageFactory(parent=home_page, title="Elsewhere", slug="elsewhere")
    alias = original.create_alias(parent=section, update_slug="rota-alias")
    assert can_view_page(AnonymousUser(), alias)

    restrict_to_members(original, members_group)

    assert not can_view_page(AnonymousUser(), alias)
    assert can_view_page(member, alias)
    assert SECRET not in client.get("/elsewhere/rota-alias/").content.decode()
    assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 404
    client.force_login(member)
    assert SECRET in client.get("/elsewhere/rota-alias/").content.decode()
