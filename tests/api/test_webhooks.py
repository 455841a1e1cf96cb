"""Publish webhooks: signed POSTs after commit to a real receiving server."""

import hashlib
import hmac
import json
import time

from django.core.management import call_command

from wagtail.models import PageViewRestriction

import pytest
from django_tasks_db.models import DBTaskResult

from api.models import WebhookDelivery, WebhookEndpoint
from tests.api.servers import RecordingServer
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db

ALL_EVENTS = [
    "page.published",
    "page.unpublished",
    "page.moved",
    "page.deleted",
    "page.privacy_changed",
]


def verify_signature(secret, headers, body, tolerance=300):
    """The receiving side's recipe, as documented in docs/api.md."""
    timestamp = headers["X-ODN-Timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(f"sha256={expected}", headers["X-ODN-Signature"])


@pytest.fixture(autouse=True)
def fast_retries(settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 0
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # the receiver listens on 127.0.0.1


@pytest.fixture
def receiver():
    with RecordingServer() as server:
        yield server


def endpoint_for(server, events=ALL_EVENTS, **kwargs):
    return WebhookEndpoint.objects.create(
        name="Trust intranet", url=f"{server.url}/hooks/odn", events=list(events), **kwargs
    )


def posted(server):
    return [json.loads(request.body) for request in server.received]


def test_publish_fires_a_signed_webhook_after_commit(
    receiver, public_page, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(receiver, events=["page.published"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        public_page.title = "About the network (updated)"
        public_page.save_revision().publish()
        assert receiver.received == []
        assert not WebhookDelivery.objects.exists()
    assert receiver.received == []  # not before the commit
    for callback in callbacks:
        callback()

    [request] = receiver.received
    assert request.method == "POST" and request.path == "/hooks/odn"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-ODN-Event"] == "page.published"
    assert verify_signature(endpoint.secret, request.headers, request.body)
    assert not verify_signature("another secret", request.headers, request.body)
    assert not verify_signature(endpoint.secret, request.headers, request.body + b" ")
    payload = json.loads(request.body)
    assert payload["event"] == "page.published"
    assert payload["members_only"] is False
    assert payload["page"]["id"] == public_page.pk
    assert payload["page"]["title"] == "About the network (updated)"
    assert payload["page"]["detail_url"] == f"http://testserver/api/v2/pages/{public_page.pk}/"
    assert payload["page"]["html_url"] == "http://testserver/about/"

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.DELIVERED
    assert delivery.attempts == 1 and delivery.response_status == 200


def test_failed_deliveries_are_retried_then_given_up(
    receiver, public_page, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    endpoint_for(receiver, events=["page.published"])
    receiver.statuses = [500, 503]
    with django_capture_on_commit_callbacks(execute=True):
        public_page.save_revision().publish()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    delivery = WebhookDelivery.objects.get()
    assert len(receiver.received) == 3
    assert delivery.status == WebhookDelivery.DELIVERED and delivery.attempts == 3

    receiver.received.clear()
    receiver.statuses = [500, 500, 500]
    with django_capture_on_commit_callbacks(execute=True):
        public_page.save_revision().publish()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    failed = WebhookDelivery.objects.exclude(pk=delivery.pk).get()
    assert len(receiver.received) == 3
    assert failed.status == WebhookDelivery.FAILED
    assert failed.attempts == 3 and failed.response_status == 500
    assert "500" in failed.last_error


def test_unreachable_site_is_logged(public_page, django_capture_on_commit_callbacks):
    with RecordingServer() as server:
        url = server.url
    WebhookEndpoint.objects.create(name="Gone", url=url, events=["page.published"])
    with django_capture_on_commit_callbacks(execute=True):
        public_page.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.FAILED
    assert delivery.last_error


def test_each_change_fires_its_event(
    receiver,
    home_page,
    public_page,
    members_area,
    members_group,
    django_capture_on_commit_callbacks,
):
    endpoint_for(receiver)
    page = ContentPageFactory(parent=public_page, title="Transfers")
    receiver.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(home_page, pos="last-child")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict_to_members(page, members_group)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(pk=restriction.pk).delete()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    events = [(p["event"], p["page"]["id"]) for p in posted(receiver)]
    assert events == [
        ("page.unpublished", page.pk),
        ("page.published", page.pk),
        ("page.moved", page.pk),
        ("page.privacy_changed", page.pk),
        ("page.privacy_changed", page.pk),
        ("page.deleted", page.pk),
    ]
    moved = posted(receiver)[2]
    assert moved["previous"]["parent_id"] == public_page.pk
    assert moved["page"]["parent_id"] == home_page.pk


def test_members_only_pages_are_described_only_where_allowed(
    receiver, members_area, django_capture_on_commit_callbacks
):
    public_site = endpoint_for(receiver, events=["page.published"])
    members_site = WebhookEndpoint.objects.create(
        name="Members portal",
        url=f"{receiver.url}/members",
        events=["page.published"],
        include_members_only=True,
    )
    handbook = ContentPageFactory(parent=members_area, title="Handbook")
    with django_capture_on_commit_callbacks(execute=True):
        handbook.save_revision().publish()
    by_path = {request.path: json.loads(request.body) for request in receiver.received}
    assert by_path["/hooks/odn"]["page"] == {"id": handbook.pk}
    assert by_path["/hooks/odn"]["members_only"] is True
    assert by_path["/members"]["page"]["title"] == "Handbook"
    assert public_site.deliveries.count() == members_site.deliveries.count() == 1


def test_endpoints_only_hear_their_events(
    receiver, public_page, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, events=["page.deleted"])
    WebhookEndpoint.objects.create(name="Paused", url=receiver.url, events=ALL_EVENTS, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        public_page.save_revision().publish()
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_with_a_worker_backend_publishing_does_not_wait(
    receiver, public_page, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker runs inside this test's transaction: like Django's test client, it
    # must not close the connection between tasks.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    endpoint_for(receiver, events=["page.published"])
    with django_capture_on_commit_callbacks(execute=True):
        public_page.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    assert receiver.received == []
    assert delivery.status == WebhookDelivery.PENDING

    receiver.statuses = [503]  # the first attempt fails: the retry is queued, not awaited
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.DELIVERED
    assert delivery.attempts == 2
    assert len(receiver.received) == 2
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_webhook").count() == 2


def test_admin_registers_endpoints_and_shows_the_log(
    client, superuser, receiver, public_page, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    response = client.post(
        "/admin/webhooks/new/",
        {
            "name": "Regional portal",
            "url": f"{receiver.url}/portal",
            "secret": "s3cret-shared-with-the-portal",
            "events": ["page.published", "page.deleted"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get(name="Regional portal")
    assert endpoint.events == ["page.published", "page.deleted"]
    assert endpoint.include_members_only is False

    with django_capture_on_commit_callbacks(execute=True):
        public_page.save_revision().publish()
    log = client.get("/admin/webhook-deliveries/")
    assert log.status_code == 200
    html = log.content.decode()
    assert "page.published" in html and "Delivered" in html
    assert client.get("/admin/webhook-deliveries/new/").status_code in (302, 403)


def test_deploy_check_warns_when_tasks_would_run_in_the_request(settings):
    from api.apps import check_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert [warning.id for warning in check_task_backend(None)] == ["api.W001"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert check_task_backend(None) == []


def test_only_web_addresses_can_be_registered(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/webhooks/new/",
        {
            "name": "FTP",
            "url": "ftp://example.nhs.uk/x",
            "secret": "s",
            "events": ["page.published"],
        },
    )
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()
