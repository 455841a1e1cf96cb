"""Faceted listings: filters read from the query string, with a count per value.

A listing declares its facets (a query parameter, the values it accepts, how a value
narrows the queryset and how the values are counted). ``facet_listing`` applies the
facets whose value it knows and ignores the rest, reporting them so the page can
say that the filter was not applied. Each facet's counts are taken with every
*other* facet applied, so a count says how many results choosing that value gives.
Every facet costs one query, whatever the length of the listing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, QuerySet


def value_counts(field_name: str) -> Callable[[QuerySet], dict[str, int]]:
    """Count the results per value of ``field_name`` in one grouped query."""

    def count(queryset: QuerySet) -> dict[str, int]:
        rows = queryset.order_by().values_list(field_name).annotate(n=Count("pk", distinct=True))
        return {value: n for value, n in rows if value is not None}

    return count


@dataclass
class Facet:
    name: str
    label: str
    choices: list[tuple[str, str]]
    apply: Callable[[QuerySet, str], QuerySet]
    count: Callable[[QuerySet], dict[str, int]]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class FacetState:
    facet: Facet
    value: str = ""
    ignored: str = ""
    options: list[FacetOption] = field(default_factory=list)
    clear_url: str = ""

    @property
    def name(self):
        return self.facet.name

    @property
    def label(self):
        return self.facet.label

    @property
    def selected_label(self):
        return dict(self.facet.choices).get(self.value, "")


@dataclass
class FacetListing:
    queryset: QuerySet
    facets: list[FacetState]
    applied: dict[str, str]
    keep: dict[str, str]

    @property
    def ignored(self):
        return [state for state in self.facets if state.ignored]

    def url(self, **changes) -> str:
        """The query string of this listing with ``changes`` (None removes a key)."""
        params = {**self.keep, **self.applied, **changes}
        params = {key: value for key, value in params.items() if value}
        return "?" + urlencode(params) if params else "?"


def facet_listing(queryset: QuerySet, params, facets: list[Facet], keep=None) -> FacetListing:
    """Apply the known facet values in ``params`` to ``queryset`` and count the options.

    ``keep`` holds other query parameters (a keyword search) that facet links carry.
    """
    states = []
    applied = {}
    for facet in facets:
        raw = (params.get(facet.name) or "").strip()
        state = FacetState(facet=facet)
        if raw and raw in dict(facet.choices):
            state.value = raw
            applied[facet.name] = raw
        elif raw:
            state.ignored = raw[:100]
        states.append(state)
    listing = FacetListing(queryset=queryset, facets=states, applied=applied, keep=keep or {})

    for state in states:
        others = queryset
        for other in states:
            if other is not state and other.value:
                others = other.facet.apply(others, other.value)
        counts = state.facet.count(others)
        state.options = [
            FacetOption(
                value=value,
                label=label,
                count=counts.get(value, 0),
                url=listing.url(**{state.name: value, "page": None}),
                selected=value == state.value,
            )
            for value, label in state.facet.choices
        ]
        state.clear_url = listing.url(**{state.name: None, "page": None})
        if state.value:
            listing.queryset = state.facet.apply(listing.queryset, state.value)
    return listing
