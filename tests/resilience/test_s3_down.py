"""The S3 store stops mid-test (a moto server in server mode, killed).

Document downloads get a clear 503 page, admin uploads a form error, and pages keep
serving. Images have plain, unsigned URLs; documents stay private and signed.
"""

import io
import json
import time
import urllib.error
import urllib.request

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.template import engines

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

import boto3
import pytest
from PIL import Image as PILImage

from tests.factories import ContentPageFactory
from tests.resilience.services import MOTO_PORT, port_is_free, wait_for_port

pytestmark = pytest.mark.django_db
BUCKET = "odn-media-fault"
CONTENT = b"Transfer checklist for level 3 patients, version 4.\n"


@pytest.fixture
def moto_server():
    from moto.server import ThreadedMotoServer

    assert port_is_free(MOTO_PORT)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=MOTO_PORT, verbose=False)
    server.start()
    wait_for_port(MOTO_PORT)
    endpoint = f"http://127.0.0.1:{MOTO_PORT}"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="eu-west-2",
    )
    s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_images_policy(BUCKET, "media")))
    server.endpoint = endpoint
    yield server
    server.stop()


@pytest.fixture
def s3_media(settings, moto_server):
    from botocore.config import Config

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.s3.MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": moto_server.endpoint,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "eu-west-2",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "location": "media",
                "client_config": Config(
                    connect_timeout=1, read_timeout=2, retries={"max_attempts": 1}
                ),
            },
        },
    }
    return moto_server


def public_images_policy(bucket, location):
    """The bucket policy docs/deployment.md gives: images readable by anyone, nothing else."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [
                    f"arn:aws:s3:::{bucket}/{location}/images/*",
                    f"arn:aws:s3:::{bucket}/{location}/original_images/*",
                ],
            }
        ],
    }


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 200), (0, 94, 184)).save(buffer, "PNG")
    return buffer.getvalue()


def test_s3_down_means_503_for_downloads_form_errors_for_uploads_and_pages_still_serve(
    client, home_page, s3_media, superuser
):
    page = ContentPageFactory(parent=home_page, title="Transfers", slug="transfers")
    document = get_document_model()(title="Transfer checklist")
    document.file.save("transfer-checklist.txt", ContentFile(CONTENT))
    image = get_image_model()(title="Ambulance bay")
    image.file.save("ambulance-bay.png", ImageFile(io.BytesIO(png_bytes()), "ambulance-bay.png"))
    image.save()
    rendition = image.get_rendition("width-160")

    # Images: plain URLs that anyone (a CDN, a downstream site) can fetch and keep.
    assert "Signature" not in rendition.url and "Expires" not in rendition.url
    assert "Signature" not in image.file.url
    with urllib.request.urlopen(rendition.url, timeout=5) as answer:  # noqa: S310
        assert answer.status == 200
    # Documents: private objects, signed short-lived URLs only.
    assert "Signature=" in document.file.url
    unsigned = document.file.url.split("?")[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=5)  # noqa: S310
    assert refused.value.code == 403
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == CONTENT

    s3_media.stop()  # the store goes away

    started = time.monotonic()
    download = client.get(document.url)
    assert download.status_code == 503
    assert "not available just now" in download.content.decode()
    assert download["Retry-After"] == "60"
    assert time.monotonic() - started < 10

    assert client.get("/").status_code == 200
    assert client.get(page.url).status_code == 200
    html = (
        engines["django"]
        .from_string("{% load wagtailimages_tags %}{% image img width-320 %}")
        .render({"img": image})
    )
    assert "<img" in html, "an image that cannot be read renders as missing, not as a 500"

    client.force_login(superuser)
    upload = ContentFile(b"Minutes of the network board.\n", name="minutes.txt")
    response = client.post("/admin/documents/add/", {"title": "Board minutes", "file": upload})
    assert response.status_code == 200
    assert "The file store is not answering just now" in response.content.decode()
    response = client.post(
        "/admin/images/add/",
        {"title": "Helipad", "file": ContentFile(png_bytes(), name="helipad.png")},
    )
    assert response.status_code == 200
    assert "The file store is not answering just now" in response.content.decode()
    assert get_document_model().objects.count() == 1
