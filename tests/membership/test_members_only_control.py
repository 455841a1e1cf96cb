"""The "Members only" control on the page editing screen and in the page listing."""

from django.contrib.auth.models import AnonymousUser
from django.test import Client

from wagtail.models import PageLogEntry

import pytest

from core.access import can_view_page, is_members_only
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guidance(home_page):
    return ContentPageFactory(parent=home_page, title="Transfer guidance", slug="transfer")


def test_editor_makes_a_page_members_only_and_public_again(client, superuser, member, guidance):
    client.force_login(superuser)
    url = f"/admin/members-only/{guidance.pk}/"
    edit = client.get(f"/admin/pages/{guidance.pk}/edit/").content.decode()
    assert f'href="{url}' in edit and "Make members only" in edit
    assert "This page is <strong>public</strong>" in client.get(url).content.decode()

    response = client.post(url, {"members_only": "on"})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{guidance.pk}/edit/"
    assert is_members_only(guidance)
    assert not can_view_page(AnonymousUser(), guidance)
    assert can_view_page(member, guidance)
    outside = Client().get("/transfer/")
    assert outside.status_code in (302, 403)
    assert "Transfer guidance" not in outside.content.decode()
    edit = client.get(f"/admin/pages/{guidance.pk}/edit/").content.decode()
    assert "Make public (remove Members only)" in edit
    # Pressing it twice leaves one restriction.
    client.post(url, {"members_only": "on"})
    assert guidance.view_restrictions.count() == 1

    client.post(url, {"members_only": ""})
    assert not is_members_only(guidance)
    assert can_view_page(AnonymousUser(), guidance)
    actions = list(
        PageLogEntry.objects.filter(page=guidance)
        .filter(action__startswith="wagtail.view_restriction")
        .values_list("action", "user")
    )
    assert ("wagtail.view_restriction.create", superuser.pk) in actions
    assert ("wagtail.view_restriction.delete", superuser.pk) in actions


def test_a_page_inside_the_members_area_stays_members_only(client, superuser, handbook):
    client.force_login(superuser)
    url = f"/admin/members-only/{handbook.pk}/"
    assert "because a section above it is" in client.get(url).content.decode()
    client.post(url, {"members_only": ""})
    assert is_members_only(handbook)


def test_the_page_listing_offers_the_control(client, superuser, home_page, guidance):
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{home_page.pk}/").content.decode()
    assert f'href="/admin/members-only/{guidance.pk}/' in html


def test_people_who_cannot_publish_do_not_get_the_control(client, member, guidance):
    member.is_staff = True
    member.save()
    client.force_login(member)
    assert client.post(
        f"/admin/members-only/{guidance.pk}/", {"members_only": "on"}
    ).status_code in (
        302,
        403,
    )
    assert not is_members_only(guidance)
