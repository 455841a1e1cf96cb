"""The demo step: request page behind Register here, members' documents, demo accounts."""

import io

from django.core.management import call_command

from wagtail.models import CollectionViewRestriction

import pytest

from home.models import HomePage
from membership.models import MembershipRequest, MembershipRequestPage

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(client):
    for _ in range(2):
        call_command("load_demo_network", stdout=io.StringIO())
    page = MembershipRequestPage.objects.get(locale__language_code="en-gb")
    assert page.slug == "request-membership"
    home = HomePage.objects.get(depth=2, locale__language_code="en-gb")
    assert home.membership_page_id == page.pk
    assert (
        CollectionViewRestriction.objects.filter(collection__name="Members' documents").count() == 1
    )
    assert MembershipRequest.objects.filter(status="awaiting_review").count() == 1
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.get(username="demo.member@example.nhs.uk")
    assert member.groups.filter(name="Network members").exists()
    assert not member.is_staff
