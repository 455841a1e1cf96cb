"""Fixtures for membership tests: the request page, a members area, requests in each state."""

from django.utils import timezone

import pytest

from core.models import StaffGroup
from home.models import HomePage
from membership.models import MembershipRequest, MembershipRequestPage
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory

SECRET = "Members-only escalation cascade 7731"
SECRET_SUMMARY = "Members-only summary 5512"


@pytest.fixture
def staff_group(db):
    from wagtail.models import Locale

    return StaffGroup.objects.create(
        name="Critical care nurses", slug="critical-care-nurses", locale=Locale.get_default()
    )


@pytest.fixture
def request_page(home_page):
    page = MembershipRequestPage(
        title="Request membership",
        slug="request-membership",
        introduction="<p>Tell us who you are.</p>",
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    home = HomePage.objects.get(pk=home_page.pk)
    home.membership_page = page
    home.save_revision().publish()
    return page


@pytest.fixture
def members_area(home_page, members_group, office_group):
    area = SectionPageFactory(
        parent=home_page,
        title="Members area",
        slug="members",
        show_in_menus=True,
        listing_summary=SECRET_SUMMARY,
    )
    restrict_to_members(area, members_group, office_group)
    return area


@pytest.fixture
def handbook(members_area):
    return ContentPageFactory(
        parent=members_area,
        title="Handbook 4410",
        slug="handbook",
        introduction=SECRET,
        listing_summary=SECRET_SUMMARY,
    )


def form_data(**overrides):
    data = {
        "full_name": "Jo Clinician",
        "email": "jo.clinician@nhs.net",
        "job_title": "Critical care outreach nurse",
        "organisation": "Leeds Teaching Hospitals NHS Trust",
        "registration_body": "nmc",
        "registration_number": "12A3456B",
        "access_reason": "I coordinate transfers between units.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def valid_data(staff_group):
    return form_data(staff_group=str(staff_group.pk))


def make_request(status=MembershipRequest.Status.AWAITING_REVIEW, **fields):
    values = {
        "full_name": "Pat Applicant",
        "email": "pat.applicant@nhs.net",
        "job_title": "Physiotherapist",
        "organisation": "York and Scarborough NHS Trust",
        "access_reason": "Rehabilitation pathway work.",
        "consented_at": timezone.now(),
        "status": status,
    }
    values.update(fields)
    return MembershipRequest.objects.create(**values)


@pytest.fixture
def awaiting_user(db):
    """A logged-in account that is not a member, with a request awaiting review."""
    from tests.factories import UserFactory

    user = UserFactory(email="waiting@nhs.net")
    make_request(email="waiting@nhs.net", user=user)
    return user


@pytest.fixture(autouse=True)
def _emails_leave_on_commit(commit_hooks_run_on_commit):
    """Membership emails are queued on commit: run them when the code commits."""
