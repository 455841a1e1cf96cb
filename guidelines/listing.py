"""Finding a guideline: the listing of an index (or category) page, with facets."""

from django.db.models import Q, QuerySet

from core.access import visible_pages
from core.listing import Facet, FacetListing, facet_listing, value_counts
from core.models import StaffGroup
from guidelines.vocabulary import DocumentType, GuidelineStatus, Pathway, pathway_values

MAX_QUERY_LENGTH = 100


def search_guidelines(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow ``queryset`` (visible guidelines) to those matching ``query``: its
    reference exactly, or its words in the title, summary, body or document text."""
    candidates = list(queryset.values_list("pk", flat=True))
    matches = queryset.model.objects.filter(pk__in=candidates).search(query, operator="and")
    ids = {page.pk for page in matches}
    return queryset.filter(Q(pk__in=ids) | Q(reference__iexact=query))


def _pathway_counts(queryset) -> dict[str, int]:
    counts = value_counts("pathway")(queryset)
    both = counts.get(Pathway.BOTH.value, 0)
    for value in (Pathway.ADULT_CRITICAL_CARE.value, Pathway.MAJOR_TRAUMA.value):
        counts[value] = counts.get(value, 0) + both
    return counts


def guideline_listing(guidelines: QuerySet, index_page, user, params) -> FacetListing:
    """The guidelines (a queryset of the guideline page model) below ``index_page``
    that ``user`` may see, filtered by ``params``
    (``q``, ``pathway``, ``document_type``, ``staff_group``, ``status``), with a count
    per filter value. Costs a fixed number of queries whatever the number of guidelines.
    """
    guidelines = visible_pages(user, guidelines.descendant_of(index_page))
    groups = StaffGroup.objects.filter(locale_id=index_page.locale_id).values_list("slug", "name")
    keep = {}
    query = (params.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    if query:
        keep["q"] = query
        guidelines = search_guidelines(guidelines, query)
    facets = [
        Facet(
            "pathway",
            "Pathway",
            Pathway.choices,
            lambda qs, value: qs.filter(pathway__in=pathway_values(value)),
            _pathway_counts,
        ),
        Facet(
            "document_type",
            "Document type",
            DocumentType.choices,
            lambda qs, value: qs.filter(document_type=value),
            value_counts("document_type"),
        ),
        Facet(
            "staff_group",
            "Staff group",
            list(groups),
            lambda qs, slug: qs.filter(staff_groups__slug=slug),
            value_counts("staff_groups__slug"),
        ),
        Facet(
            "status",
            "Status",
            GuidelineStatus.choices,
            lambda qs, value: qs.filter(status=value),
            value_counts("status"),
        ),
    ]
    listing = facet_listing(guidelines, params, facets, keep=keep)
    listing.queryset = listing.queryset.order_by("reference", "pk").distinct()
    return listing
