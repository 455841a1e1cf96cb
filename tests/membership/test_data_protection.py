"""Expiry of unverified requests and erasure of rejected ones (the cron command)."""

import io

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from membership.models import MembershipRequest
from tests.membership.conftest import make_request

pytestmark = pytest.mark.django_db
Status = MembershipRequest.Status


def run():
    out = io.StringIO()
    call_command("expire_membership_requests", stdout=out)
    return out.getvalue()


def age(request, days, field="created_at"):
    MembershipRequest.objects.filter(pk=request.pk).update(
        **{field: timezone.now() - timezone.timedelta(days=days)}
    )


def test_expires_old_unverified_and_erases_old_rejected(settings):
    settings.MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS = 7
    settings.MEMBERSHIP_REJECTED_RETENTION_DAYS = 30
    old_unverified = make_request(status=Status.AWAITING_VERIFICATION, email="old@nhs.net")
    age(old_unverified, 8)
    new_unverified = make_request(status=Status.AWAITING_VERIFICATION, email="new@nhs.net")
    old_rejected = make_request(
        status=Status.REJECTED, email="rej@nhs.net", reviewed_at=timezone.now()
    )
    age(old_rejected, 31, "reviewed_at")
    recent_rejected = make_request(
        status=Status.REJECTED, email="rej2@nhs.net", reviewed_at=timezone.now()
    )
    awaiting = make_request(email="wait@nhs.net")
    age(awaiting, 100)

    assert run().strip() == "Expired 1 unverified request(s); erased 1 rejected."

    old_unverified.refresh_from_db()
    assert old_unverified.status == Status.EXPIRED
    assert old_unverified.full_name == "(erased)" and "old@" not in old_unverified.email
    assert not MembershipRequest.objects.filter(pk=old_rejected.pk).exists()
    for kept in (new_unverified, recent_rejected, awaiting):
        kept.refresh_from_db()
    assert new_unverified.status == Status.AWAITING_VERIFICATION
    assert recent_rejected.status == Status.REJECTED
    assert awaiting.status == Status.AWAITING_REVIEW
    assert ModelLogEntry.objects.filter(action="membership.expired").count() == 1

    # Safe to run again (cron): nothing more to do.
    assert run().strip() == "Expired 0 unverified request(s); erased 0 rejected."


def test_an_expired_address_may_ask_again(settings, client, request_page, valid_data):
    settings.MEMBERSHIP_UNVERIFIED_EXPIRY_DAYS = 1
    client.post("/request-membership/", valid_data)
    age(MembershipRequest.objects.get(), 2)
    run()
    client.post("/request-membership/", valid_data)
    assert MembershipRequest.objects.filter(status=Status.AWAITING_VERIFICATION).count() == 1
