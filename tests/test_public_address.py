"""Links follow the server you run: `make run PORT=...` and the demo Site agree."""

import subprocess
from pathlib import Path

from wagtail.models import Site

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make_variable(*args):
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607
            "make",
            "-s",
            "--no-print-directory",
            *args,
            "--eval",
            "show: ; @echo $$WAGTAILADMIN_BASE_URL",
            "show",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return result.stdout.strip()


def test_make_run_sets_the_public_address_from_host_and_port(monkeypatch):
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)
    assert make_variable() == "http://127.0.0.1:8000"
    assert make_variable("PORT=18100") == "http://127.0.0.1:18100"
    assert make_variable("HOST=0.0.0.0", "PORT=18101") == "http://0.0.0.0:18101"
    monkeypatch.setenv("WAGTAILADMIN_BASE_URL", "https://network.example.nhs.uk")
    assert make_variable("PORT=18100") == "https://network.example.nhs.uk"


@pytest.mark.django_db
def test_demo_site_and_api_links_follow_the_public_address(client, settings):
    from demo.home import ensure_home_page

    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = "http://127.0.0.1:18100"
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    home = ensure_home_page()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 18100)
    item = client.get(f"/api/v2/pages/{home.pk}/", HTTP_HOST="127.0.0.1:18100").json()
    assert item["meta"]["html_url"] == "http://127.0.0.1:18100/"
    assert item["meta"]["detail_url"].startswith("http://127.0.0.1:18100/api/v2/pages/")


PUBLIC = "http://127.0.0.1:18100"


@pytest.fixture
def public_address(db, settings, commit_hooks_run_on_commit):
    """The demo as ``make run PORT=18100`` starts it: the settings and the Site agree."""
    from demo.home import ensure_home_page

    settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    return ensure_home_page()


def test_every_link_the_site_gives_out_follows_the_public_address(client, public_address):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    from tests.events.factories import EventIndexPageFactory, EventPageFactory

    host = {"HTTP_HOST": "127.0.0.1:18100"}
    events = EventIndexPageFactory(parent=public_address, slug="events")
    event = EventPageFactory(parent=events, title="Trauma study day", slug="trauma-study-day")
    document = get_document_model().objects.create(
        title="Transfer checklist", file=ContentFile(b"%PDF-1.4", name="checklist.pdf")
    )

    # API: page detail and html URLs, the find redirect, document downloads, the schema.
    listing = client.get("/api/v2/pages/", {"type": "events.EventPage"}, **host).json()
    (item,) = listing["items"]
    assert item["meta"]["detail_url"] == f"{PUBLIC}/api/v2/pages/{event.pk}/"
    assert item["meta"]["html_url"] == f"{PUBLIC}/events/trauma-study-day/"
    found = client.get("/api/v2/pages/find/", {"html_path": "/events/trauma-study-day/"}, **host)
    assert found.status_code == 302
    assert found["Location"].rstrip("?") == f"{PUBLIC}/api/v2/pages/{event.pk}/"
    documents = client.get("/api/v2/documents/", {"fields": "download_url"}, **host).json()
    assert documents["items"][0]["meta"]["download_url"] == (
        f"{PUBLIC}/documents/{document.pk}/checklist.pdf"
    )
    assert documents["items"][0]["meta"]["detail_url"] == (
        f"{PUBLIC}/api/v2/documents/{document.pk}/"
    )
    schema = client.get("/api/v2/schema/", **host).json()
    assert schema["servers"] == [{"url": PUBLIC}]

    # iCal: the event's own file and the calendar feed link to the event's page.
    for feed in (f"/feeds/events/{event.pk}.ics", "/feeds/calendar.ics"):
        ics = client.get(feed, **host).content.decode()
        assert f"URL:{PUBLIC}/events/trauma-study-day/" in ics.replace("\r\n ", ""), feed
        assert "127.0.0.1:8000" not in ics and "localhost" not in ics


def test_membership_emails_link_to_the_public_address(client, public_address, office_user):
    from django.core import mail
    from django.urls import reverse

    from core.models import StaffGroup
    from membership import actions
    from membership.models import MembershipRequest, MembershipRequestPage

    group = StaffGroup.objects.create(
        name="Paramedics", slug="paramedics", locale=public_address.locale
    )
    page = MembershipRequestPage(title="Request membership", slug="request-membership")
    public_address.add_child(instance=page)
    page.save_revision().publish()
    response = client.post(
        "/request-membership/",
        {
            "full_name": "Jo Clinician",
            "email": "jo.clinician@nhs.net",
            "job_title": "Critical care outreach nurse",
            "organisation": "Leeds Teaching Hospitals NHS Trust",
            "staff_group": group.pk,
            "access_reason": "I coordinate transfers between units.",
            "consent": "on",
        },
        HTTP_HOST="127.0.0.1:18100",
    )
    assert "Check your email" in response.content.decode()
    verify = mail.outbox[-1]
    assert f"{PUBLIC}/membership/verify/" in verify.body
    request = MembershipRequest.objects.get()
    verify_path = verify.body.split(PUBLIC, 1)[1].split()[0]
    client.get(verify_path, HTTP_HOST="127.0.0.1:18100")
    assert len(mail.outbox) == 1  # opening the link asks; the button confirms
    client.post(verify_path, HTTP_HOST="127.0.0.1:18100")
    office = mail.outbox[-1]
    assert f"{PUBLIC}/admin/" in office.body

    request.refresh_from_db()
    actions.approve(request, office_user)
    approved = mail.outbox[-1]
    set_password = reverse("password_reset_confirm", args=["uid", "token"]).split("uid/")[0]
    assert f"{PUBLIC}{set_password}" in approved.body  # the set-password link
    assert f"{PUBLIC}/accounts/login/" in approved.body
    links = [word for word in approved.body.split() if "://" in word]
    assert links and all(link.startswith(f"{PUBLIC}/") for link in links), links
