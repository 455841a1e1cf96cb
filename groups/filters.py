"""The API filters of network groups, their meetings and papers.

``?type=groups.NetworkGroupPage&kind=committee``,
``?type=groups.MeetingPage&group=<group slug>`` (with the calendar's own filters) and
``?type=groups.MeetingPapersPage&group=<group slug>``. A malformed or unknown value is
a 400 with a JSON reason, never an empty answer that looks like "no meetings".
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db.models import Q


def _bad_request(message):
    # Imported here: wagtail.api.v2.utils loads the page model, and models.py imports this.
    from wagtail.api.v2.utils import BadRequestError

    return BadRequestError(message)


GROUP_PARAMETER_SCHEMA = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}


def group_paths(params) -> list[str] | None:
    """The tree paths of the groups named by ``?group=<slug>``; None when absent.

    A group's translations share its slug, so one slug may name a group in each
    language. Raises BadRequestError for a malformed slug or one no group has.
    """
    from groups.models import NetworkGroupPage

    slug = params.get("group")
    if slug is None:
        return None
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise _bad_request(f"group: {slug[:100]!r} is not a group slug") from error
    paths = list(NetworkGroupPage.objects.filter(slug=slug).values_list("path", flat=True))
    if not paths:
        raise _bad_request(f"group: no network group has the slug {slug[:100]!r}")
    return paths


def below_groups(queryset, params):
    """Narrow ``queryset`` to the pages below the groups named by ``?group=``."""
    paths = group_paths(params)
    if paths is None:
        return queryset
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    return queryset.filter(below)


def filter_groups(queryset, params):
    """``kind`` (board, committee, group, working_group)."""
    kind = params.get("kind")
    if kind is None:
        return queryset
    kinds = queryset.model.Kind
    if kind not in kinds.values:
        raise _bad_request(f"kind: {kind[:100]!r} is not one of {', '.join(kinds.values)}")
    return queryset.filter(kind=kind)
