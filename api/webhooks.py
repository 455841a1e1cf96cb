"""Publish webhooks: a signed JSON POST to each registered endpoint when content changes.

Changes arrive after the database commit (changes.py). Each becomes a
WebhookDelivery row per interested endpoint, and its sending is a django-tasks
task: with a worker backend (TASKS_BACKEND=database, ``manage.py db_worker``)
publishing never waits for a downstream site. A failed attempt is retried as a
scheduled task with exponential backoff (``WEBHOOK_RETRY_BASE_SECONDS`` doubled
each time) up to ``WEBHOOK_MAX_ATTEMPTS``; nothing ever sleeps. A task backend
that cannot schedule (the in-process one) makes one attempt only. Every attempt is
recorded on the delivery. Targets are checked at send as at save (api/targets.py):
public addresses only, no redirects.

Signature (docs/api.md has the receiving side's recipe):
``X-ODN-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>``
and ``X-ODN-Timestamp: <unix seconds>``.
"""

import hashlib
import hmac
import http.client
import json
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import task

from api.targets import UnsafeTarget, post

SIGNATURE_HEADER = "X-ODN-Signature"
TIMESTAMP_HEADER = "X-ODN-Timestamp"
EVENT_HEADER = "X-ODN-Event"
DELIVERY_HEADER = "X-ODN-Delivery"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    message = timestamp.encode() + b"." + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def payload_for(change, endpoint) -> dict:
    described = endpoint.include_members_only or not change.members_only
    page = change.page if described else {"id": change.page["id"]}
    payload = {
        "event": change.event,
        "occurred_at": change.occurred_at.isoformat(),
        "members_only": change.members_only,
        "page": page,
    }
    if described and change.previous:
        payload["previous"] = change.previous
    return payload


def queue_webhooks(changes):
    from api.models import WebhookDelivery, WebhookEndpoint

    endpoints = list(WebhookEndpoint.objects.filter(active=True))
    for change in changes:
        for endpoint in endpoints:
            if not endpoint.wants(change.event):
                continue
            delivery = WebhookDelivery.objects.create(
                endpoint=endpoint,
                event=change.event,
                page_id=change.page["id"],
                payload=payload_for(change, endpoint),
            )
            deliver_webhook.enqueue(delivery.pk)


def attempt(delivery) -> bool:
    """POST the delivery once; record the outcome. True when the site accepted it."""
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "ODN-CMS-webhooks/1",
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, timestamp, body),
        TIMESTAMP_HEADER: timestamp,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(uuid.uuid5(uuid.NAMESPACE_URL, f"odn-delivery-{delivery.pk}")),
    }
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    delivery.response_status = None
    try:
        status, reason = post(
            delivery.endpoint.url, body, headers, timeout=settings.WEBHOOK_TIMEOUT_SECONDS
        )
    except UnsafeTarget as error:
        delivery.last_error = f"Not sent: {error}"
        delivery.status = delivery.FAILED
    except (OSError, http.client.HTTPException) as error:
        delivery.last_error = f"{type(error).__name__}: {error}"
    else:
        delivery.response_status = status
        if 200 <= status < 300:
            delivery.status = delivery.DELIVERED
            delivery.delivered_at = timezone.now()
            delivery.last_error = ""
        else:
            delivery.last_error = f"HTTP {status} {reason}"
    if delivery.status == delivery.PENDING and not (
        delivery.attempts < settings.WEBHOOK_MAX_ATTEMPTS
        and deliver_webhook.get_backend().supports_defer
    ):
        delivery.status = delivery.FAILED
    delivery.save()
    return delivery.status == delivery.DELIVERED


def backoff(attempts: int) -> float:
    return settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempts - 1)


@task()
def deliver_webhook(delivery_id):
    """One attempt; on failure, the next one is queued to run after the backoff."""
    from api.models import WebhookDelivery

    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.status != delivery.PENDING or attempt(delivery):
        return
    if delivery.status == delivery.PENDING:
        run_after = timezone.now() + timedelta(seconds=backoff(delivery.attempts))
        deliver_webhook.using(run_after=run_after).enqueue(delivery_id)
