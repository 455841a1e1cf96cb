"""Document links in page bodies obey the access rule on every surface."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from tests.conftest import members_only_collection
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Escalation rota for members"


@pytest.fixture
def members_collection(members_group):
    return members_only_collection("Members' papers", members_group)


def make_document(title, collection=None):
    document = get_document_model()(title=title, file=ContentFile(b"%PDF-1.4", name="paper.pdf"))
    if collection is not None:
        document.collection = collection
    document.save()
    return document


@pytest.fixture
def page_with_links(home_page, members_collection):
    public = make_document("Public transfer guidance")
    private = make_document(SECRET_TITLE, members_collection)
    return ContentPageFactory(
        parent=home_page,
        title="Guidance",
        slug="guidance",
        body=[
            ("document", {"document": public, "label": ""}),
            ("document", {"document": private, "label": ""}),
        ],
    )


@pytest.mark.parametrize("login_as", [None, "outsider"])
def test_outsiders_never_see_members_only_documents(client, page_with_links, login_as, request):
    if login_as:
        client.force_login(request.getfixturevalue(login_as))

    html = client.get("/guidance/").content.decode()
    api = client.get(f"/api/v2/pages/{page_with_links.pk}/").json()

    assert "Public transfer guidance" in html
    assert SECRET_TITLE not in html
    values = [block["value"] for block in api["body"]]
    assert values[0]["title"] == "Public transfer guidance"
    assert values[1] is None


def test_members_see_members_only_documents(client, page_with_links, member):
    client.force_login(member)

    html = client.get("/guidance/").content.decode()
    api = client.get(f"/api/v2/pages/{page_with_links.pk}/").json()

    assert SECRET_TITLE in html
    assert api["body"][1]["value"]["title"] == SECRET_TITLE


@pytest.mark.parametrize("links", [1, 12])
def test_document_links_cost_the_same_whatever_their_number(
    client, home_page, members_collection, links, django_assert_max_num_queries
):
    documents = [make_document(f"Paper {n}", members_collection) for n in range(links)]
    ContentPageFactory(
        parent=home_page,
        slug="papers",
        body=[("document", {"document": doc, "label": ""}) for doc in documents],
    )
    client.get("/papers/")
    # 18, and 1 for the access rule's one read of the restrictions per request.
    with django_assert_max_num_queries(19):
        response = client.get("/papers/")
    assert response.status_code == 200
