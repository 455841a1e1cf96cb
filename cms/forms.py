"""Admin upload forms that fail with a form error, not a 500, when the media store is down.

Set as WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE. Before a
file is accepted, the store is asked once whether it answers (a HEAD request on
S3); when it does not, the editor sees why and keeps what they typed.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from core.storage import StorageUnavailable

UNAVAILABLE = (
    "The file store is not answering just now, so the file cannot be saved. "
    "Try again in a few minutes; nothing else has changed."
)


def check_store_answers():
    try:
        default_storage.exists("healthcheck/.probe")
    except StorageUnavailable as error:
        raise ValidationError(UNAVAILABLE, code="storage_unavailable") from error


class StoreCheckMixin:
    def clean(self):
        cleaned_data = super().clean()
        if self.files:
            try:
                check_store_answers()
            except ValidationError as error:
                self.add_error("file" if "file" in self.fields else None, error)
        return cleaned_data


class DocumentForm(StoreCheckMixin, BaseDocumentForm):
    pass


class ImageForm(StoreCheckMixin, BaseImageForm):
    pass
