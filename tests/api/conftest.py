"""Fixtures for the headless API: a public and a members-only branch, tokens."""

from wagtail.models import APIToken

import pytest

from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory

SECRET = "Escalation cascade for members"


@pytest.fixture
def public_page(home_page):
    return ContentPageFactory(parent=home_page, title="About the network", slug="about")


@pytest.fixture
def members_area(home_page, members_group, office_group):
    area = SectionPageFactory(parent=home_page, title="Members area", slug="members")
    restrict_to_members(area, members_group, office_group)
    return area


@pytest.fixture
def members_page(members_area):
    return ContentPageFactory(parent=members_area, title="Handbook", introduction=SECRET)


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def member_token(member):
    _, plaintext = APIToken.create_token(user=member, name="Trust intranet")
    return plaintext


@pytest.fixture
def outsider_token(outsider):
    _, plaintext = APIToken.create_token(user=outsider, name="Regional portal")
    return plaintext
