"""Webhooks: retries never sleep in the editor's Publish; no SSRF; no redirects."""

import time

from django.core.exceptions import ValidationError

import pytest

from api.models import WebhookDelivery, WebhookEndpoint
from tests.api.servers import RecordingServer
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

UNSAFE = [
    "http://127.0.0.1:8000/hooks",
    "http://localhost/hooks",
    "http://10.1.2.3/hooks",
    "http://192.168.0.10/hooks",
    "http://172.16.5.5/hooks",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hooks",
    "http://[fe80::1]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
    "http://100.64.0.1/hooks",
    "http://0.0.0.0/hooks",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_private_loopback_and_link_local_targets_are_refused_at_save(url):
    endpoint = WebhookEndpoint(name="Internal", url=url, events=["page.published"])
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    assert "webhooks only go to public addresses" in str(refused.value)


def test_the_admin_form_shows_the_refusal(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/webhooks/new/",
        {
            "name": "Metadata",
            "url": "http://169.254.169.254/latest/meta-data/",
            "secret": "s3cret-value-for-the-test",
            "events": ["page.published"],
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert "webhooks only go to public addresses" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_target_is_checked_again_at_send(home_page, django_capture_on_commit_callbacks):
    with RecordingServer() as receiver:
        # Saved while allowed (or changed in DNS since): refused when it is time to send.
        WebhookEndpoint.objects.bulk_create(
            [WebhookEndpoint(name="Rebound", url=receiver.url, events=["page.published"])]
        )
        page = ContentPageFactory(parent=home_page, title="Transfers")
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.FAILED
    assert delivery.last_error.startswith("Not sent: 127.0.0.1 is a private")


def test_redirects_are_not_followed(home_page, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    with RecordingServer(statuses=[302]) as receiver:
        WebhookEndpoint.objects.create(name="Moved", url=receiver.url, events=["page.published"])
        page = ContentPageFactory(parent=home_page, title="Transfers")
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.FAILED
    assert "not followed" in delivery.last_error


def test_a_failing_endpoint_never_makes_publish_wait(
    home_page, settings, django_capture_on_commit_callbacks
):
    """In-process backend, long backoff: one attempt, then failed; no sleep."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    settings.WEBHOOK_RETRY_BASE_SECONDS = 90
    with RecordingServer(statuses=[503, 503, 503]) as receiver:
        WebhookEndpoint.objects.create(name="Down", url=receiver.url, events=["page.published"])
        page = ContentPageFactory(parent=home_page, title="Transfers")
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        assert time.monotonic() - started < 10
        assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.FAILED and delivery.attempts == 1
