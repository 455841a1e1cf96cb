"""Validation shared by the API's slug filters (``?staff_groups=``, ``?categories=``)."""

import re

from core.models import StaffGroup

SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def related_slugs(name: str, value: str, model) -> list[str]:
    """The slugs of ``?name=slug,slug``, each checked to name a ``model`` row.

    Raises wagtail's BadRequestError (a 400 with a JSON ``message``) for an empty
    value or a slug that names nothing, naming the parameter and the unknown slugs.
    """
    # Imported here: wagtail.api.v2.utils loads the Page model, and page models import this.
    from wagtail.api.v2.utils import BadRequestError

    label = model._meta.verbose_name_plural
    slugs = [slug.strip() for slug in value.split(",") if slug.strip()]
    if not slugs:
        raise BadRequestError(f"{name} takes one or more {label} slugs, separated by commas")
    wellformed = [slug for slug in slugs if SLUG.fullmatch(slug)]  # never NUL into SQL
    known = set(model.objects.filter(slug__in=wellformed).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        listed = ", ".join(repr(slug[:100]) for slug in unknown)
        raise BadRequestError(f"{name}: no {model._meta.verbose_name} has the slug {listed}")
    return slugs


def staff_group_slugs(params) -> list[str] | None:
    """``?staff_groups=paramedics,dietitians``, the one name of the staff-group filter on
    every page type, checked; None when absent."""
    value = params.get("staff_groups")
    return None if value is None else related_slugs("staff_groups", value, StaffGroup)
