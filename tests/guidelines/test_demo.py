"""The demo network's guidelines, and a clinician's two clicks to the transfer guideline."""

import re
from html import unescape

from django.core.management import call_command

import pytest

from guidelines.models import GuidelinePage
from guidelines.vocabulary import GuidelineStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo):
    """The shared demo (tests/conftest.py), its site answering the test client."""
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "testserver", 80
    site.save()


def link(html, text):
    """The href of the link whose text contains ``text``."""
    for href, inner in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S):
        if text in unescape(re.sub(r"<[^>]+>", "", inner)):
            return unescape(href)
    raise AssertionError(f"no link {text!r}")


def test_a_clinician_finds_the_current_transfer_guideline_in_two_clicks(client, demo):
    home = client.get("/").content.decode()
    index = client.get(link(home, "Guidelines & policies")).content.decode()
    page = client.get(link(index, "Transfer of the critically ill adult"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "CC-G-012" in html and "version 3.0" in html.lower()
    assert "Approved, review due March 2028" in html
    assert "13 March 2028" in html


def test_demo_has_a_dozen_guidelines_and_each_case(client, demo):
    pages = GuidelinePage.objects.live()
    assert pages.count() == 12
    assert all(page.document and page.document_text for page in pages)
    statuses = {page.reference: page.status for page in pages}
    assert statuses["CC-G-024"] == GuidelineStatus.CONSULTATION
    assert statuses["MT-P-004"] == GuidelineStatus.SUPERSEDED
    overdue = pages.get(reference="MT-G-007")
    assert "Under review" in client.get(overdue.url).content.decode()
    superseded = client.get(pages.get(reference="MT-P-004").url).content.decode()
    assert "This guideline has been superseded" in superseded and "MT-P-011" in superseded
    assert client.get(pages.get(reference="CC-G-024").url).status_code == 403
    transfer = pages.get(reference="CC-G-012")
    assert [(v.version, v.status) for v in transfer.versions.all()] == [
        ("3.0", GuidelineStatus.APPROVED),
        ("2.0", GuidelineStatus.SUPERSEDED),
    ]
    old_protocol = client.get(f"/api/v2/pages/{pages.get(reference='MT-P-004').pk}/").json()
    assert [link["reference"] for link in old_protocol["superseded_by"]] == ["MT-P-011"]
    index = client.get("/guidelines/").content.decode()
    assert "Delirium" not in index
    call_command("load_demo_network", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert GuidelinePage.objects.count() == 12
