"""A members-only guideline (or category) reaches members only, on every surface:
page, kept versions, listing, search, site search, API, documents, sitemap."""

from django.urls import reverse

import pytest

from guidelines.models import GuidelineIndexPage
from guidelines.vocabulary import GuidelineStatus
from tests.conftest import restrict_to_members
from tests.factories import UserFactory
from tests.guidelines.conftest import make_document, make_guideline, republish

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Delirium prevention quetiapine draft"
SECRET_WORD = "zuclopenthixol"


@pytest.fixture
def secret(index):
    """A consultation draft, members-only, whose document sits in a public collection."""
    document = make_document("CC-G-024 draft", f"Avoid {SECRET_WORD} in delirium.")
    page = make_guideline(
        index,
        "CC-G-024",
        title=SECRET_TITLE,
        status=GuidelineStatus.CONSULTATION,
        approved_on=None,
        review_due=None,
        document=document,
    )
    restrict_to_members(page)
    page = republish(page, version_minor=1)  # a kept version too
    make_guideline(index, "CC-G-012", title="Transfer of the critically ill adult")
    return page


@pytest.fixture
def category_secret(index):
    """A whole members-only category: its guidelines are members-only too."""
    category = GuidelineIndexPage(title="Members' protocols", slug="members-protocols")
    index.add_child(instance=category)
    category.save_revision().publish()
    restrict_to_members(category)
    document = make_document("MT-S-099 file", f"Call {SECRET_WORD} line.")
    return make_guideline(category, "MT-S-099", title=SECRET_TITLE, document=document)


def login(client, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))


WHO = [(None, False), ("outsider", False), ("member", True)]


@pytest.mark.parametrize("kind", ["secret", "category_secret"])
@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_page_versions_and_document(client, request, kind, who, allowed):
    page = request.getfixturevalue(kind)
    login(client, who, request)
    for url in (page.url, f"{page.url}v1/", page.document.url):
        response = client.get(url)
        streaming = getattr(response, "streaming", False)
        body = b"".join(response.streaming_content) if streaming else response.content
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403, 404), url
            assert SECRET_TITLE.encode() not in body
            assert SECRET_WORD.encode() not in body


@pytest.mark.parametrize("kind", ["secret", "category_secret"])
@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_listing_and_search(client, request, index, kind, who, allowed):
    page = request.getfixturevalue(kind)
    login(client, who, request)
    for params in ({}, {"q": SECRET_WORD}, {"q": page.reference}, {"status": page.status}):
        html = client.get(index.url, params).content.decode()
        assert (SECRET_TITLE in html) is allowed, params
    html = client.get(index.url).content.decode()
    expected = "1" if allowed and kind == "secret" else "0"
    assert f"Out for consultation ({expected})" in html
    html = client.get("/search/", {"q": SECRET_WORD}).content.decode()
    assert (SECRET_TITLE in html) is allowed


@pytest.mark.parametrize("kind", ["secret", "category_secret"])
@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_api(client, request, kind, who, allowed):
    page = request.getfixturevalue(kind)
    login(client, who, request)
    listing = client.get(
        "/api/v2/pages/", {"type": "guidelines.GuidelinePage", "fields": "*"}
    ).content.decode()
    assert (SECRET_TITLE in listing) is allowed
    assert (page.document.title in listing) is allowed
    detail = client.get(f"/api/v2/pages/{page.pk}/")
    assert detail.status_code == (200 if allowed else 404)
    documents = client.get("/api/v2/documents/", {"limit": 50}).content.decode()
    assert (page.document.title in documents) is allowed
    word = page.document.title.split()[-1]
    search = client.get("/api/v2/documents/", {"search": word}).content.decode()
    assert (page.document.title in search) is allowed
    assert client.get(f"/api/v2/documents/{page.document.pk}/").status_code == (
        200 if allowed else 404
    )


def test_sitemap_lists_public_guidelines_only(client, secret, index):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/guidelines/cc-g-012/" in xml
    assert secret.slug not in xml


def test_document_links_in_other_pages_hide_a_members_only_guideline_document(
    client, secret, index
):
    public = make_guideline(index, "CC-G-030", title="Public guideline")
    public = republish(
        public,
        body=[("document", {"document": secret.document, "label": ""})],
    )
    html = client.get(public.url).content.decode()
    assert secret.document.title not in html
    client.force_login(UserFactory())
    assert secret.document.title not in client.get(public.url).content.decode()


def test_a_document_of_an_unpublished_guideline_is_not_served(client, index):
    page = make_guideline(index, "CC-G-040", title="Withdrawn draft")
    page.unpublish()
    assert client.get(page.document.url).status_code in (302, 403)


def test_public_guideline_document_is_served_to_everyone(client, index):
    page = make_guideline(index, "CC-G-041")
    response = client.get(page.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_editors_open_the_document_of_a_draft_guideline(client, index, superuser):
    page = make_guideline(index, "CC-G-042", title="Draft in progress", publish=False)
    assert client.get(page.document.url).status_code in (302, 403)
    client.force_login(superuser)
    assert client.get(page.document.url).status_code == 200


def test_only_editors_of_the_guideline_open_its_drafts_document(client, index, home_page):
    """Admin access alone (a network group's chair) does not open another page's draft;
    a page permission on the guideline (or a section above it) does."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission

    page = make_guideline(index, "CC-G-043", title="Draft in progress", publish=False)
    admin_access = Permission.objects.get(codename="access_admin")
    chairs = Group.objects.create(name="Chair: Rehabilitation working group")
    chairs.permissions.add(admin_access)
    guideline_editors = Group.objects.create(name="Guideline editors")
    guideline_editors.permissions.add(admin_access)
    GroupPagePermission.objects.create(
        group=guideline_editors,
        page=index,
        permission=Permission.objects.get(codename="change_page"),
    )
    chair, editor = UserFactory(), UserFactory()
    chair.groups.add(chairs)
    editor.groups.add(guideline_editors)

    client.force_login(chair)
    assert client.get(page.document.url).status_code in (302, 403)
    client.force_login(editor)
    assert client.get(page.document.url).status_code == 200


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_a_document_in_a_members_only_collection_stays_hidden(client, request, index, who, allowed):
    from tests.conftest import members_only_collection

    collection = members_only_collection("Members' documents")
    document = make_document("On-call rota secret", "Rota.", collection=collection)
    page = make_guideline(index, "CC-G-050", title="Public guideline", document=document)
    login(client, who, request)
    assert ("On-call rota secret" in client.get(page.url).content.decode()) is False
    assert (document.url in client.get(page.url).content.decode()) is allowed
    item = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert (item["document_url"] is not None) is allowed
    assert (item["versions"][0]["document_url"] is not None) is allowed


@pytest.mark.parametrize(("who", "allowed"), WHO)
def test_autocomplete_api_search_and_tokens(client, request, secret, who, allowed):
    from wagtail.models import APIToken

    login(client, who, request)
    complete = client.get("/api/v2/autocomplete/", {"q": "Delirium"}).json()
    assert any(item["id"] == secret.pk for item in complete["items"]) is allowed
    found = client.get("/api/v2/pages/", {"search": SECRET_WORD}).json()
    assert any(item["id"] == secret.pk for item in found["items"]) is allowed
    if who:
        client.logout()
        _, plaintext = APIToken.create_token(
            user=request.getfixturevalue(who), name="Trust intranet"
        )
        headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
        detail = client.get(f"/api/v2/pages/{secret.pk}/", **headers)
        assert detail.status_code == (200 if allowed else 404)
        assert (SECRET_TITLE in detail.content.decode()) is allowed


def test_a_members_consultation_comment_stays_with_the_office(
    client, secret, member, members_group, superuser
):
    comment = "Section 4.2 should name haloperidol as second line after zuclopenthixol."
    client.force_login(member)
    response = client.post(
        f"{secret.url}comment/",
        {
            "name": "Alex Rivers",
            "organisation": "Leeds Teaching Hospitals",
            "section": "4.2",
            "comment": comment,
        },
    )
    assert response.status_code == 302
    another_member = UserFactory()
    another_member.groups.add(members_group)
    for user in (None, UserFactory(), another_member, member):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in (secret.url, f"{secret.url}v1/", f"/api/v2/pages/{secret.pk}/"):
            body = client.get(url).content.decode()
            assert "haloperidol" not in body, (user, url)
            assert "Alex Rivers" not in body, (user, url)
        # The comment's words find nothing: comments are not indexed with the page.
        html = client.get("/search/", {"q": "haloperidol"}).content.decode()
        assert secret.url not in html and "Alex Rivers" not in html, user
        found = client.get("/api/v2/pages/", {"search": "haloperidol"}).json()
        assert found["items"] == [], user
    client.force_login(superuser)
    listing = client.get(reverse("consultation_comments:list"))
    assert listing.status_code == 200 and "Alex Rivers" in listing.content.decode()
