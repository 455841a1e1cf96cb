"""Finding training: the course listing of the Training & Education section."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from core.access import visible_pages
from core.formats import FORMAT_FILTER_CHOICES, REMOTE, REMOTE_FORMATS, format_values
from core.listing import Facet, FacetListing, facet_listing, value_counts
from core.models import StaffGroup
from core.search import search_terms
from pages.models import TrainingCoursePage, TrainingSession
from pages.models.training import Cost

MAX_QUERY_LENGTH = 100


def upcoming_sessions_q(now=None):
    """Courses with a session still to start."""
    now = now or timezone.now()
    return Exists(TrainingSession.objects.filter(page=OuterRef("pk"), start__gte=now))


def with_upcoming_sessions(queryset: QuerySet, now=None) -> QuerySet:
    """Courses with their staff groups and their sessions still to start, prefetched."""
    now = now or timezone.now()
    upcoming = TrainingSession.objects.filter(start__gte=now).order_by("start", "sort_order")
    return queryset.prefetch_related(
        "staff_groups", Prefetch("sessions", queryset=upcoming, to_attr="upcoming_sessions")
    )


def visible_courses(user, queryset=None) -> QuerySet:
    return visible_pages(user, queryset if queryset is not None else TrainingCoursePage.objects)


def _format_counts(queryset):
    counts = value_counts("delivery_format")(queryset)
    counts[REMOTE] = sum(counts.get(value, 0) for value in REMOTE_FORMATS)
    return counts


def search_courses(queryset: QuerySet, query: str) -> QuerySet:
    """Narrow ``queryset`` (visible courses) to those matching ``query`` in Wagtail search.

    ``query`` holds words only (``core.search.search_terms``); with none, nothing matches.
    """
    if not query:
        return queryset.none()
    candidates = list(queryset.values_list("pk", flat=True))
    matches = TrainingCoursePage.objects.filter(pk__in=candidates).search(query, operator="and")
    return queryset.filter(pk__in=[page.pk for page in matches])


def course_listing(index_page, user, params) -> FacetListing:
    """The courses under ``index_page`` that ``user`` may see, filtered by ``params``."""
    now = timezone.now()
    courses = visible_courses(user, TrainingCoursePage.objects.child_of(index_page))
    groups = StaffGroup.objects.filter(locale_id=index_page.locale_id).values_list("slug", "name")
    providers = list(courses.order_by("provider").values_list("provider", flat=True).distinct())
    keep = {}
    query = (params.get("q") or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    if query:
        keep["q"] = query
        courses = search_courses(courses, search_terms(query))
    facets = [
        Facet(
            "staff_group",
            "Staff group",
            list(groups),
            lambda qs, slug: qs.filter(staff_groups__slug=slug),
            value_counts("staff_groups__slug"),
        ),
        Facet(
            "format",
            "Delivery format",
            FORMAT_FILTER_CHOICES,
            lambda qs, value: qs.filter(delivery_format__in=format_values(value)),
            _format_counts,
        ),
        Facet(
            "cost",
            "Cost",
            Cost.choices,
            lambda qs, value: qs.filter(cost=value),
            value_counts("cost"),
        ),
        Facet(
            "provider",
            "Provider",
            [(provider, provider) for provider in providers],
            lambda qs, value: qs.filter(provider=value),
            value_counts("provider"),
        ),
        Facet(
            "upcoming",
            "Dates",
            [("yes", "Has upcoming dates")],
            lambda qs, value: qs.filter(upcoming_sessions_q(now)),
            lambda qs: {"yes": qs.filter(upcoming_sessions_q(now)).count()},
        ),
    ]
    listing = facet_listing(courses, params, facets, keep=keep)
    listing.queryset = with_upcoming_sessions(listing.queryset.order_by("title", "pk"), now)
    return listing
