from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from tests.conftest import members_only_collection
from tests.pages.conftest import groups, training  # noqa: F401 (fixtures shared here)

MEMBERS_DOCUMENT_BYTES = b"%PDF-1.4 theatre rota"


@pytest.fixture
def members_document(members_group):
    """A document in a collection that only the "Network members" group may open."""
    collection = members_only_collection("Members' papers", members_group)
    document = get_document_model()(
        title="Trauma theatre rota",
        file=ContentFile(MEMBERS_DOCUMENT_BYTES, name="theatre-rota.pdf"),
        collection=collection,
    )
    document.save()
    return document
