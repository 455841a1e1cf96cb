"""The API filters of guideline pages (``?type=guidelines.GuidelinePage&...``)."""

from datetime import date

from wagtail.api.v2.utils import BadRequestError

from core.api_filters import staff_group_slugs
from guidelines.vocabulary import DocumentType, GuidelineStatus, Pathway, pathway_values


def _choice(params, name, choices):
    value = params.get(name)
    if value is None:
        return None
    if value not in choices.values:
        known = ", ".join(choices.values)
        raise BadRequestError(f"{name}: {value[:100]!r} is not one of {known}")
    return value


def filter_guidelines(queryset, params):
    """Narrow guideline pages by ``status``, ``pathway``, ``document_type``,
    ``staff_groups`` (staff groups' slugs, separated by commas) and
    ``review_due_before`` (YYYY-MM-DD, exclusive). Raises BadRequestError, answered
    as a 400 with a JSON ``message``."""
    queryset = queryset.prefetch_related(
        "staff_groups", "versions__document", "superseded_by"
    ).select_related("document", "supersedes")
    status = _choice(params, "status", GuidelineStatus)
    if status is not None:
        queryset = queryset.filter(status=status)
    pathway = _choice(params, "pathway", Pathway)
    if pathway is not None:
        queryset = queryset.filter(pathway__in=pathway_values(pathway))
    document_type = _choice(params, "document_type", DocumentType)
    if document_type is not None:
        queryset = queryset.filter(document_type=document_type)
    slugs = staff_group_slugs(params)
    if slugs is not None:
        queryset = queryset.filter(staff_groups__slug__in=slugs).distinct()
    before = params.get("review_due_before")
    if before is not None:
        try:
            day = date.fromisoformat(before)
        except ValueError as error:
            raise BadRequestError(
                f"review_due_before: {before[:100]!r} is not a date (YYYY-MM-DD)"
            ) from error
        queryset = queryset.filter(review_due__lt=day)
    return queryset
