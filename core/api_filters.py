"""Validation shared by the API filters of the section page types."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from core.models import StaffGroup


def staff_group_slug(params):
    """The ``staff_group`` parameter, checked to name a staff group; None when absent."""
    # Imported here: wagtail.api.v2.utils loads the Page model, and page models import this.
    from wagtail.api.v2.utils import BadRequestError

    slug = params.get("staff_group")
    if slug is None:
        return None
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise BadRequestError(f"staff_group: {slug!r} is not a slug") from error
    if not StaffGroup.objects.filter(slug=slug).exists():
        raise BadRequestError(f"staff_group: no staff group has the slug {slug!r}")
    return slug
