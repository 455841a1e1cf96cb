"""Publishing a replacement supersedes the current guideline, on the page and in the API;
replacing a controlled document's file makes its new words searchable."""

from django.core.files.base import ContentFile

from wagtail.models import PageLogEntry

import pytest

from demo.guidelines import guideline_pdf
from guidelines.actions import STATUS_CHANGED
from guidelines.models import GuidelinePage
from guidelines.vocabulary import GuidelineStatus
from tests.guidelines.conftest import make_document, make_guideline, republish, restrict_to_members

pytestmark = pytest.mark.django_db
API = "/api/v2/pages/"


def test_publishing_a_replacement_supersedes_the_current_guideline(client, index):
    old = make_guideline(index, "MT-P-004", title="Massive haemorrhage protocol")
    new = make_guideline(
        index, "MT-P-011", title="Major haemorrhage and transfusion protocol", supersedes=old
    )

    old = GuidelinePage.objects.get(pk=old.pk)
    assert old.live and old.status == GuidelineStatus.SUPERSEDED
    assert not old.has_unpublished_changes
    assert old.versions.get().status == GuidelineStatus.SUPERSEDED
    assert PageLogEntry.objects.filter(page=old, action=STATUS_CHANGED).count() == 2

    html = client.get(old.url).content.decode()
    assert "This guideline has been superseded" in html
    assert f'href="{new.url}"' in html
    new_html = client.get(new.url).content.decode()
    assert "This guideline replaces" in new_html and f'href="{old.url}"' in new_html

    old_item = client.get(f"{API}{old.pk}/").json()
    assert old_item["status"] == "superseded"
    assert old_item["supersedes"] is None
    assert [link["reference"] for link in old_item["superseded_by"]] == ["MT-P-011"]
    assert old_item["superseded_by"][0]["html_url"] == f"http://testserver{new.url}"
    new_item = client.get(f"{API}{new.pk}/").json()
    assert new_item["supersedes"]["reference"] == "MT-P-004"
    assert new_item["superseded_by"] == []


def test_a_replacement_supersedes_nothing_until_it_is_approved(index):
    old = make_guideline(index, "CC-G-012", title="Transfer of the critically ill adult")
    draft = make_guideline(
        index,
        "CC-G-030",
        title="Transfer and retrieval of the critically ill adult",
        status=GuidelineStatus.CONSULTATION,
        approved_on=None,
        review_due=None,
        supersedes=old,
    )
    assert GuidelinePage.objects.get(pk=old.pk).status == GuidelineStatus.APPROVED
    republish(
        draft,
        status=GuidelineStatus.APPROVED,
        approved_on=old.approved_on,
        review_due=old.review_due,
    )
    assert GuidelinePage.objects.get(pk=old.pk).status == GuidelineStatus.SUPERSEDED


def test_a_withdrawn_guideline_stays_withdrawn(index):
    old = make_guideline(index, "MT-G-001", status=GuidelineStatus.WITHDRAWN)
    make_guideline(index, "MT-G-002", supersedes=old)
    assert GuidelinePage.objects.get(pk=old.pk).status == GuidelineStatus.WITHDRAWN


def test_a_new_version_supersedes_the_earlier_versions(client, index):
    page = make_guideline(index, "CC-G-015", title="Tracheostomy care")
    page = republish(page, version_minor=1)
    page = republish(page, version_major=2, version_minor=0)
    assert [(v.version, v.status) for v in page.versions.all()] == [
        ("2.0", "approved"),
        ("1.1", "superseded"),
        ("1.0", "superseded"),
    ]
    item = client.get(f"{API}{page.pk}/").json()
    assert [(v["version"], v["status"]) for v in item["versions"]] == [
        ("2.0", "approved"),
        ("1.1", "superseded"),
        ("1.0", "superseded"),
    ]
    html = client.get(f"{page.url}v1-1/").content.decode()
    assert "This is not the current version" in html
    assert "Status of this version:</strong> Superseded" in html


def test_a_members_only_replacement_is_not_linked_for_outsiders(client, index, member):
    old = make_guideline(index, "CC-G-020", title="Escalation and surge")
    new = make_guideline(index, "CC-G-021", title="Critical care surge plan", supersedes=old)
    restrict_to_members(new)

    html = client.get(old.url).content.decode()
    assert "This guideline has been superseded" in html
    assert "Critical care surge plan" not in html and new.url not in html
    assert client.get(f"{API}{old.pk}/").json()["superseded_by"] == []

    client.force_login(member)
    assert "Critical care surge plan" in client.get(old.url).content.decode()
    links = client.get(f"{API}{old.pk}/").json()["superseded_by"]
    assert [link["title"] for link in links] == ["Critical care surge plan"]


def test_replacing_the_document_file_reindexes_its_text(
    client, index, django_capture_on_commit_callbacks
):
    document = make_document("Rib fractures", "Serratus anterior plane block for rib fractures.")
    page = make_guideline(index, "MT-G-007", title="Rib fracture analgesia", document=document)
    assert "Serratus anterior" in page.document_text

    with django_capture_on_commit_callbacks(execute=True):
        document.file.save(
            "rib-fractures-v2.pdf",
            ContentFile(
                guideline_pdf(
                    "MT-G-007",
                    "Rib fracture analgesia",
                    "1.0",
                    [("Analgesia", "Erector spinae plane catheter within four hours.")],
                )
            ),
        )

    page = GuidelinePage.objects.get(pk=page.pk)
    assert "Erector spinae" in page.document_text
    assert "Serratus anterior" not in page.document_text
    html = client.get(index.url, {"q": "erector spinae"}).content.decode()
    assert "1 document matching" in html and "Rib fracture analgesia" in html
    html = client.get(index.url, {"q": "serratus"}).content.decode()
    assert "0 documents matching" in html
