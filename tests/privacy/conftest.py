from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from tests.pages.conftest import groups, training  # noqa: F401 (fixtures shared here)

MEMBERS_DOCUMENT_BYTES = b"%PDF-1.4 theatre rota"


@pytest.fixture
def members_document(members_group):
    """A document in a collection that only the "Network members" group may open."""
    collection = Collection.get_first_root_node().add_child(name="Members' papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([members_group])
    document = get_document_model()(
        title="Trauma theatre rota",
        file=ContentFile(MEMBERS_DOCUMENT_BYTES, name="theatre-rota.pdf"),
        collection=collection,
    )
    document.save()
    return document
