"""Members-only pages in HTML: what each kind of visitor sees, inheritance, translations."""

from django.contrib.auth.models import AnonymousUser

from wagtail.models import Locale, PageViewRestriction

import pytest

from core.access import can_view_page
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory
from tests.membership.conftest import SECRET, SECRET_SUMMARY

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_gets_the_members_page_with_both_buttons(client, handbook, request_page):
    response = client.get("/members/handbook/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "This content is for members" in html
    assert 'href="/accounts/login/?next=%2Fmembers%2Fhandbook%2F"' in html
    assert 'href="/request-membership/"' in html
    for hidden in (SECRET, SECRET_SUMMARY, "Handbook 4410"):
        assert hidden not in html


def test_logged_in_non_member_sees_not_active_yet_never_a_login_loop(
    client, outsider, handbook, request_page
):
    client.force_login(outsider)
    response = client.get("/members/handbook/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your membership is not active yet" in html
    assert "/accounts/login/" not in html
    assert SECRET not in html and "Handbook 4410" not in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_awaiting_approval_sees_where_the_request_stands(client, awaiting_user, handbook):
    client.force_login(awaiting_user)
    html = client.get("/members/handbook/").content.decode()
    assert "Your membership request is <strong>awaiting review</strong>" in html
    assert SECRET not in html


@pytest.mark.parametrize("who", ["member", "office_user", "superuser"])
def test_members_and_office_read_the_page(client, handbook, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/members/handbook/")
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_pages_created_under_the_members_area_are_members_only(members_area, member):
    new_page = ContentPageFactory(parent=members_area, title="New guidance", slug="new")
    deeper = ContentPageFactory(parent=new_page, title="Deeper", slug="deeper")
    for page in (new_page, deeper):
        assert not can_view_page(AnonymousUser(), page)
        assert can_view_page(member, page)


def test_password_restriction_keeps_wagtails_password_form(client, home_page):
    page = ContentPageFactory(parent=home_page, slug="pw", introduction=SECRET)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    response = client.get("/pw/")
    assert SECRET not in response.content.decode()
    assert 'name="password"' in response.content.decode()


@pytest.fixture
def welsh(db):
    return Locale.objects.get_or_create(language_code="cy")[0]


@pytest.fixture
def welsh_home(home_page, welsh):
    copy = home_page.copy_for_translation(welsh)
    copy.save_revision().publish()
    return copy


def _translate(page, locale):
    copy = page.copy_for_translation(locale)
    copy.save_revision().publish()
    return copy


def test_translation_of_a_members_only_page_is_members_only(
    client, home_page, welsh, welsh_home, members_group
):
    source = ContentPageFactory(parent=home_page, slug="guide", introduction=SECRET)
    restrict_to_members(source, members_group)
    copy = _translate(source, welsh)
    assert not can_view_page(AnonymousUser(), copy)
    response = client.get("/cy/guide/")
    assert response.status_code == 403 and SECRET not in response.content.decode()


def test_restriction_added_and_removed_after_translation_follows_to_the_copy(
    client, home_page, welsh, welsh_home, members_group, member
):
    source = ContentPageFactory(parent=home_page, slug="guide", introduction=SECRET)
    copy = _translate(source, welsh)
    assert can_view_page(AnonymousUser(), copy)

    restriction = restrict_to_members(source, members_group)
    assert not can_view_page(AnonymousUser(), copy)
    assert can_view_page(member, copy)
    assert client.get("/cy/guide/").status_code == 403
    mirrored = PageViewRestriction.objects.get(page=copy)
    assert list(mirrored.groups.all()) == [members_group]

    restriction.delete()
    assert can_view_page(AnonymousUser(), copy)
    assert client.get("/cy/guide/").status_code == 200


def test_changing_the_groups_on_the_source_changes_the_copy(
    home_page, welsh, welsh_home, members_group, office_group, member, office_user
):
    source = ContentPageFactory(parent=home_page, slug="guide")
    copy = _translate(source, welsh)
    restriction = restrict_to_members(source, office_group)
    assert not can_view_page(member, copy)
    restriction.groups.add(members_group)
    assert can_view_page(member, copy)
    assert can_view_page(office_user, copy)


def test_translations_of_pages_under_the_members_area_are_members_only(
    home_page, welsh, welsh_home, members_area
):
    child = ContentPageFactory(parent=members_area, slug="child", introduction=SECRET)
    welsh_area = _translate(members_area, welsh)
    welsh_child = _translate(child, welsh)
    assert PageViewRestriction.objects.filter(page=welsh_area).exists()
    assert not can_view_page(AnonymousUser(), welsh_child)


def test_privacy_set_in_the_admin_reaches_the_translation(
    client, superuser, home_page, welsh, welsh_home, members_group
):
    source = ContentPageFactory(parent=home_page, slug="guide", introduction=SECRET)
    copy = _translate(source, welsh)
    client.force_login(superuser)
    url = f"/admin/pages/{source.pk}/privacy/"
    response = client.post(url, {"restriction_type": "groups", "groups": [members_group.pk]})
    assert response.status_code == 200
    assert not can_view_page(AnonymousUser(), copy)
    assert list(PageViewRestriction.objects.get(page=copy).groups.all()) == [members_group]
    client.post(url, {"restriction_type": "none"})
    assert can_view_page(AnonymousUser(), copy)
