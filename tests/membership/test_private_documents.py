"""Members-only documents on S3-compatible storage, served only through Wagtail's view.

An S3 server (moto in server mode) runs on a free local port for these tests, so
that the storage is a real HTTP object store, as in production.
"""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import boto3
import pytest

from tests.factories import ContentPageFactory
from tests.resilience.services import free_port

pytestmark = pytest.mark.django_db
CONTENT = b"Members only: on-call rota 6621 for the network's critical care units.\n"
BUCKET = "odn-media-test"


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="eu-west-2",
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    yield endpoint
    server.stop()


@pytest.fixture
def s3_storage(settings, s3_endpoint):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.s3.MediaStorage",  # the product's own, as in production
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "eu-west-2",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "location": "media",
            },
        },
    }
    return s3_endpoint


@pytest.fixture
def private_document(s3_storage, members_group, office_group):
    from demo.membership import ensure_members_collection

    collection = ensure_members_collection([members_group, office_group])
    document = get_document_model()(title="On-call rota", collection=collection)
    document.file.save("on-call-rota.txt", ContentFile(CONTENT))
    return document


@pytest.fixture
def page_linking_it(home_page, private_document):
    return ContentPageFactory(
        parent=home_page,
        slug="resources",
        body=[("document", {"document": private_document, "label": "Rota"})],
    )


def test_document_is_stored_on_the_s3_server(private_document, s3_storage):
    url = private_document.file.url
    assert url.startswith(s3_storage)
    assert "X-Amz-Signature" in url or "Signature" in url


def test_anonymous_visitor_gets_no_file(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 403
    assert CONTENT not in response.content
    assert "This content is for members" in response.content.decode()


@pytest.mark.parametrize("who", ["outsider", "awaiting_user"])
def test_logged_in_non_member_gets_no_file_and_no_login_loop(
    client, private_document, who, request
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(private_document.url)
    assert response.status_code == 403
    assert CONTENT not in response.content
    assert "Your membership is not active yet" in response.content.decode()


@pytest.mark.parametrize("who", ["member", "office_user"])
def test_member_gets_the_file_through_the_serve_view(client, private_document, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert "Location" not in response


@pytest.mark.parametrize("who", [None, "member"])
def test_storage_url_never_appears_in_html_or_api(
    client, page_linking_it, private_document, s3_storage, who, request
):
    if who:
        client.force_login(request.getfixturevalue(who))
    host = s3_storage.removeprefix("http://")
    html = client.get("/resources/").content.decode()
    # Only members are shown the link at all; it always points at the serve view.
    link = f'href="/documents/{private_document.pk}/on-call-rota'
    assert (link in html) is bool(who)
    api_pages = client.get("/api/v2/pages/", {"type": "pages.ContentPage", "fields": "*"})
    documents = client.get("/api/v2/documents/", {"fields": "*"})
    for body in (html, api_pages.content.decode(), documents.content.decode()):
        assert host not in body
        assert "X-Amz" not in body
    listed = [item["id"] for item in documents.json()["items"]]
    assert (private_document.pk in listed) is bool(who)
    if who:
        detail = client.get(f"/api/v2/documents/{private_document.pk}/").json()
        assert detail["meta"]["download_url"].endswith(private_document.url)
        assert host not in str(detail)


def test_demo_collection_is_members_only(private_document, members_group, office_group):
    collection = Collection.objects.get(name="Members' documents")
    restriction = CollectionViewRestriction.objects.get(collection=collection)
    assert set(restriction.groups.all()) == {members_group, office_group}
