"""Guideline fixtures: an index under the home page, guidelines with real PDF files."""

from datetime import date
from io import BytesIO

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from core.models import StaffGroup
from demo.guidelines import guideline_pdf
from guidelines.models import GuidelineIndexPage, GuidelinePage
from guidelines.vocabulary import DocumentType, GuidelineStatus, Pathway
from tests.conftest import restrict_to_members  # noqa: F401 - re-exported for the tests


def make_document(title="Document", text="Some words", extension="pdf", collection=None):
    Document = get_document_model()
    if extension == "pdf":
        data = guideline_pdf("XX-1", title, "1.0", [("Section", text)])
    elif extension == "docx":
        import docx

        word = docx.Document()
        word.add_paragraph(text)
        buffer = BytesIO()
        word.save(buffer)
        data = buffer.getvalue()
    else:
        data = text.encode()
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(f"{title.lower().replace(' ', '-')}.{extension}", ContentFile(data))
    return document


def make_guideline(parent, reference="CC-G-012", title=None, publish=True, **fields):
    """A published guideline below ``parent`` (approved unless ``status`` says otherwise)."""
    staff_groups = fields.pop("staff_groups", [])
    values = {
        "title": title or f"Guideline {reference}",
        "slug": reference.lower(),
        "reference": reference,
        "document_type": DocumentType.GUIDELINE,
        "pathway": Pathway.ADULT_CRITICAL_CARE,
        "status": GuidelineStatus.APPROVED,
        "version_major": 1,
        "version_minor": 0,
        "owner_role": "Lead nurse for transfers",
        "owner_email": f"{reference.lower()}.owner@example.nhs.uk",
        "approving_group": "Network Clinical Governance Group",
        "approved_on": date(2025, 3, 12),
        "review_due": date(2028, 3, 13),
        "summary": "What the guideline covers.",
    }
    values.update(fields)
    values.setdefault("live", publish)
    if "document" not in values and "body" not in values:
        values["document"] = make_document(f"{reference} document", f"Text of {reference}.")
    page = GuidelinePage(**values)
    parent.add_child(instance=page)
    if staff_groups:
        page.staff_groups.set(staff_groups)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return GuidelinePage.objects.get(pk=page.pk)


def republish(page, **changes):
    page = GuidelinePage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return GuidelinePage.objects.get(pk=page.pk)


@pytest.fixture
def index(home_page):
    page = GuidelineIndexPage(title="Guidelines & policies", slug="guidelines")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def nurses(db):
    from wagtail.models import Locale

    return StaffGroup.objects.create(
        name="Critical care nurses", slug="critical-care-nurses", locale=Locale.get_default()
    )
