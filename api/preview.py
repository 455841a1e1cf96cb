"""Headless preview: the draft an editor previews, for the front end to render.

The admin's preview (core.mixins.HeadlessPreviewMixin, through
wagtail-headless-preview) stores the draft under a signed token and sends the
editor to ``HEADLESS_PREVIEW_URL?content_type=<app.model>&token=<token>``; the
front end passes both to /api/v2/page_preview/. The token is the editor's
capability: it opens that draft whatever the page's privacy, so it is refused
once older than ``HEADLESS_PREVIEW_TOKEN_MAX_AGE`` seconds (the package signs
tokens but does not limit their age) and when it has been tampered with.
"""

from django.apps import apps
from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired

from wagtail.api.v2.utils import BadRequestError

from rest_framework.exceptions import NotFound, PermissionDenied
from wagtail_headless_preview.models import HeadlessPreviewMixin


def preview_model(content_type):
    """The page model named by ``content_type`` (``app_label.model``)."""
    app_label, _, model_name = content_type.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError) as error:
        raise BadRequestError(
            "content_type must name a page type, e.g. pages.contentpage"
        ) from error
    if not issubclass(model, HeadlessPreviewMixin):
        raise BadRequestError(f"{content_type} pages cannot be previewed")
    return model


def previewed_page(content_type, token):
    """The draft stored under a preview token, as an (unsaved) page of its type."""
    if not content_type or not token:
        raise BadRequestError("content_type and token are required")
    model = preview_model(content_type)
    signer = model.get_preview_signer()
    try:
        signer.unsign(token, max_age=settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE)
    except SignatureExpired as error:
        raise PermissionDenied("This preview token has expired: preview the page again.") from error
    except BadSignature as error:
        raise PermissionDenied("Invalid preview token.") from error
    page = model.get_page_from_preview_token(token)
    if page is None:
        raise NotFound("No preview of this page type for this token.")
    return page
