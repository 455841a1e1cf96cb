"""Bearer tokens: Wagtail's APIToken resolved to its user by the one access rule."""

import re

from django.utils import timezone

from wagtail.models import APIToken

import pytest

from tests.api.conftest import SECRET, bearer

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_each_kind_of_requester_sees_what_the_website_shows_them(
    client, public_page, members_page, member_token, outsider_token
):
    url = "/api/v2/pages/?type=pages.ContentPage"
    assert titles(client.get(url)) == {"About the network"}
    assert titles(client.get(url, **bearer(outsider_token))) == {"About the network"}
    assert titles(client.get(url, **bearer(member_token))) == {"About the network", "Handbook"}

    detail = f"/api/v2/pages/{members_page.pk}/"
    assert client.get(detail).status_code == 404
    assert client.get(detail, **bearer(outsider_token)).status_code == 404
    answer = client.get(detail, **bearer(member_token))
    assert answer.status_code == 200
    assert answer.json()["introduction"] == SECRET


def test_office_token_and_session_reach_members_content(client, members_page, office_user):
    _, token = APIToken.create_token(user=office_user, name="Office dashboard")
    detail = f"/api/v2/pages/{members_page.pk}/"
    assert client.get(detail, **bearer(token)).status_code == 200
    client.force_login(office_user)
    assert client.get(detail).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wagtail_notarealtoken",
        "Bearer " + "wagtail_" + "A" * 33,
        "Bearer",
        "Bearer a b",
        "Token abc",
        "Basic dXNlcjpwYXNz",
    ],
)
def test_bogus_tokens_get_a_401_json_answer(client, public_page, header):
    response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_well_formed_but_unknown_token_is_refused(client, public_page):
    response = client.get("/api/v2/pages/", **bearer(APIToken.generate_token()))
    assert response.status_code == 401
    assert response.json() == {"message": "Invalid token."}


def test_revoked_token_is_refused(client, members_page, member, member_token):
    APIToken.objects.get(user=member).revoke()
    response = client.get(f"/api/v2/pages/{members_page.pk}/", **bearer(member_token))
    assert response.status_code == 401
    assert "revoked" in response.json()["message"]


def test_token_of_inactive_account_is_refused(client, public_page, member, member_token):
    member.is_active = False
    member.save()
    assert client.get("/api/v2/pages/", **bearer(member_token)).status_code == 401


def test_member_removed_from_group_loses_members_content(
    client, members_page, member, members_group, member_token
):
    member.groups.remove(members_group)
    response = client.get(f"/api/v2/pages/{members_page.pk}/", **bearer(member_token))
    assert response.status_code == 404


def test_use_is_recorded_on_the_token(client, public_page, member, member_token):
    token = APIToken.objects.get(user=member)
    assert token.last_used_at is None
    client.get("/api/v2/pages/", **bearer(member_token))
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert (timezone.now() - token.last_used_at).total_seconds() < 3600


def test_documents_follow_collection_privacy_for_tokens(
    client, members_group, member_token, outsider_token
):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    private = root.add_child(name="Members documents")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([members_group])
    Document = get_document_model()
    Document.objects.create(title="Public leaflet", file=ContentFile(b"x", name="leaflet.txt"))
    Document.objects.create(
        title="Rota", collection=private, file=ContentFile(b"y", name="rota.txt")
    )

    anonymous = client.get("/api/v2/documents/").json()
    with_token = client.get("/api/v2/documents/?fields=download_url", **bearer(member_token))
    assert {item["title"] for item in anonymous["items"]} == {"Public leaflet"}
    outsiders = client.get("/api/v2/documents/", **bearer(outsider_token)).json()
    assert {item["title"] for item in outsiders["items"]} == {"Public leaflet"}
    rota = Document.objects.get(title="Rota")
    assert client.get(f"/api/v2/documents/{rota.pk}/").status_code == 404
    assert client.get(f"/api/v2/documents/{rota.pk}/", **bearer(member_token)).status_code == 200
    items = with_token.json()["items"]
    assert {item["title"] for item in items} == {"Public leaflet", "Rota"}
    for item in items:
        assert item["meta"]["download_url"].startswith("http://testserver/documents/")


def test_admin_creates_token_shown_once_and_revokes_it(client, superuser, member):
    client.force_login(superuser)
    response = client.post("/admin/api-tokens/new/", {"name": "Trust intranet", "user": member.pk})
    assert response.status_code == 200
    token = APIToken.objects.get(name="Trust intranet")
    html = response.content.decode()
    plaintext = re.search(r'id="api-token-value"\s+value="([^"]+)"', html).group(1)
    assert plaintext.startswith(token.prefix)
    assert APIToken.validate_token_format(plaintext)
    assert plaintext not in client.get(f"/admin/api-tokens/edit/{token.pk}/").content.decode()

    client.post(f"/admin/api-tokens/delete/{token.pk}/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v2/pages/", **bearer(plaintext)).status_code == 401


def test_search_only_finds_what_the_requester_may_see(
    client, public_page, members_page, member_token, outsider_token
):
    url = "/api/v2/pages/?search=Handbook"
    assert titles(client.get(url)) == set()
    assert titles(client.get(url, **bearer(outsider_token))) == set()
    assert titles(client.get(url, **bearer(member_token))) == {"Handbook"}
