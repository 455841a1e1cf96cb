"""What visitors see on a guideline and its index; what editors are told when wrong."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from guidelines.models import GuidelinePage, GuidelineVersion
from guidelines.vocabulary import GuidelineStatus, Pathway
from tests.guidelines.conftest import make_document, make_guideline, republish

pytestmark = pytest.mark.django_db


def test_approved_guideline_shows_status_line_and_dates(client, index):
    page = make_guideline(index, review_due=date(2027, 3, 15))
    html = client.get(page.url).content.decode()
    assert "Approved, review due March 2027" in html
    assert "15 March 2027" in html
    assert "Network Clinical Governance Group" in html
    assert "Under review" not in html


def test_overdue_guideline_shows_warning_callout(client, index):
    past = timezone.localdate() - timedelta(days=10)
    page = make_guideline(index, approved_on=past - timedelta(days=1000), review_due=past)
    html = client.get(page.url).content.decode()
    assert 'id="overdue-notice"' in html
    assert "still the network's current guidance until it is replaced" in html
    assert f"review was due {past.strftime('%B %Y')}" in html


def test_superseded_guideline_links_to_its_replacement(client, index):
    old = make_guideline(index, "MT-P-004", title="Massive haemorrhage protocol")
    new = make_guideline(index, "MT-P-011", title="Major transfusion protocol", supersedes=old)
    old = republish(old, status=GuidelineStatus.SUPERSEDED)
    html = client.get(old.url).content.decode()
    assert "This guideline has been superseded" in html
    assert f'href="{new.url}"' in html
    assert "MT-P-011 Major transfusion protocol" in html
    assert f'href="{old.url}"' in client.get(new.url).content.decode()  # "replaces"


def test_withdrawn_guideline_says_so(client, index):
    page = make_guideline(index, status=GuidelineStatus.WITHDRAWN)
    html = client.get(page.url).content.decode()
    assert "This guideline has been withdrawn" in html
    assert "do not use it in practice" in html


def test_reference_is_unique_per_locale_with_a_clear_message(index):
    make_guideline(index, "CC-G-012", title="Transfer of the critically ill adult")
    other = GuidelinePage(
        title="Another",
        slug="another",
        reference="cc-g-012",
        document_type="guideline",
        pathway=Pathway.BOTH,
        status=GuidelineStatus.DRAFT,
        owner_role="Lead",
        owner_email="lead@example.nhs.uk",
        approving_group="Board",
        summary="x",
        document=make_document("Another"),
    )
    other.locale_id = index.locale_id
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    message = error.value.message_dict["reference"][0]
    assert "CC-G-012 is already the reference of" in message
    assert "Transfer of the critically ill adult" in message


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"reference": "cc g 12"}, "reference", "for example CC-G-012"),
        ({"approved_on": None}, "approved_on", "approval date"),
        ({"review_due": date(2020, 1, 1)}, "review_due", "after the approval date"),
        ({"document": "txt"}, "document", "PDF or Word"),
        ({"document": None}, "document", "or write the guideline's body"),
    ],
)
def test_bad_document_control_is_a_form_error(index, changes, field, words):
    page = make_guideline(index, "CC-G-001")
    for name, value in changes.items():
        if value == "txt":
            value = make_document("Plain", extension="txt")
        setattr(page, name, value)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert words in " ".join(error.value.message_dict[field])


def test_each_published_version_is_kept_at_a_stable_address(client, index):
    page = make_guideline(index, version_major=2, version_minor=0, summary="Second edition.")
    page = republish(page, version_major=3, version_minor=0, summary="Third edition.")
    page = republish(page, version_minor=1, summary="Third edition, corrected.")
    assert [v.version for v in page.versions.all()] == ["3.1", "3.0", "2.0"]

    current = client.get(page.url).content.decode()
    assert "Third edition, corrected." in current
    assert f'href="{page.url}v2-0/"' in current

    old = client.get(f"{page.url}v2/")
    assert old.status_code == 200
    assert "Second edition." in old.content.decode()
    assert "This is not the current version" in old.content.decode()
    assert "Third edition." in client.get(f"{page.url}v3-0/").content.decode()
    latest_three = client.get(f"{page.url}v3/").content.decode()
    assert "Third edition, corrected." in latest_three
    assert "This is the current version" in latest_three
    assert client.get(f"{page.url}v9/").status_code == 404
    assert client.get(f"{page.url}v99999/").status_code == 404


def test_republishing_the_same_version_updates_its_record(index):
    page = make_guideline(index, summary="First wording.")
    republish(page, summary="Corrected wording.")
    kept = GuidelineVersion.objects.get(page=page)
    assert kept.summary == "Corrected wording."


def test_an_older_version_number_is_refused(index):
    page = make_guideline(index, version_major=3)
    page.version_major = 2
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "older than the published version 3.0" in str(error.value)


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_document_text_is_extracted_and_searchable(client, index, extension):
    document = make_document(
        "Trache", "Apply oxygen to face and stoma with a Waters circuit.", extension
    )
    page = make_guideline(index, "CC-G-015", title="Tracheostomy care", document=document)
    assert "Waters circuit" in page.document_text
    html = client.get(index.url, {"q": "waters circuit"}).content.decode()
    assert "1 document matching" in html
    assert "Tracheostomy care" in html
    html = client.get(index.url, {"q": "CC-G-015"}).content.decode()
    assert "Tracheostomy care" in html
    assert "1 document matching" in html
    html = client.get(index.url, {"q": "cc-g-015"}).content.decode()
    assert "Tracheostomy care" in html


def test_unreadable_document_still_publishes_without_text(index):
    document = make_document("Broken", extension="txt")
    document.file.name = document.file.name[:-3] + "pdf"
    document.save()
    page = make_guideline(index, "CC-G-016", document=document, body=None)
    assert page.live
    assert page.document_text == ""


def test_listing_filters_with_counts(client, index, nurses):
    make_guideline(index, "CC-G-001", title="Alpha", pathway=Pathway.ADULT_CRITICAL_CARE)
    make_guideline(
        index, "MT-G-001", title="Bravo", pathway=Pathway.MAJOR_TRAUMA, document_type="policy"
    )
    make_guideline(index, "MT-G-002", title="Charlie", pathway=Pathway.BOTH, staff_groups=[nurses])
    make_guideline(index, "MT-G-003", title="Delta", status=GuidelineStatus.WITHDRAWN)
    html = client.get(index.url).content.decode()
    assert "4 documents" in html
    assert "Adult critical care (3)" in html  # two for it, one for both pathways
    assert "Major trauma (2)" in html
    assert "Policy (1)" in html
    assert "Critical care nurses (1)" in html
    assert "Withdrawn (1)" in html
    html = client.get(index.url, {"pathway": "major-trauma"}).content.decode()
    assert "2 documents" in html and "Bravo" in html and "Charlie" in html
    assert "Alpha" not in html
    html = client.get(index.url, {"staff_group": "critical-care-nurses"}).content.decode()
    assert "1 document" in html and "Charlie" in html
    html = client.get(index.url, {"status": "nonsense"}).content.decode()
    assert "we do not recognise" in html
    html = client.get(index.url, {"document_type": "policy", "status": "approved"})
    assert "Bravo" in html.content.decode()


def test_related_guidelines_are_listed(client, index):
    other = make_guideline(index, "CC-P-003", title="Escalation and surge")
    page = make_guideline(index, "CC-G-012")
    page = republish(page, related=[other])
    assert "CC-P-003 Escalation and surge" in client.get(page.url).content.decode()


def test_a_network_group_lists_the_guidelines_it_approved(client, index, home_page, member):
    from groups.models import NetworkGroupIndexPage, NetworkGroupPage
    from tests.conftest import restrict_to_members

    groups = NetworkGroupIndexPage(title="Network groups", slug="network-groups")
    home_page.add_child(instance=groups)
    group = NetworkGroupPage(
        title="Clinical governance group",
        slug="clinical-governance-group",
        purpose="Reviews serious incidents and shares the learning.",
    )
    groups.add_child(instance=group)
    group.save_revision().publish()
    make_guideline(index, "CC-G-012", title="Transfer of the critically ill adult")
    hidden = make_guideline(index, "CC-G-020", title="Escalation and surge for members")
    restrict_to_members(hidden)
    make_guideline(index, "MT-G-001", title="Triage tool", approving_group="Major Trauma Board")
    make_guideline(
        index,
        "CC-G-024",
        title="Delirium draft",
        status=GuidelineStatus.CONSULTATION,
        approved_on=None,
        review_due=None,
    )

    html = client.get(group.url).content.decode()
    assert "Published by this group" in html
    assert "CC-G-012 Transfer of the critically ill adult" in html
    assert "Escalation and surge" not in html  # members-only
    assert "Triage tool" not in html  # another group approved it
    assert "Delirium draft" not in html  # not approved
    client.force_login(member)
    assert "Escalation and surge for members" in client.get(group.url).content.decode()
