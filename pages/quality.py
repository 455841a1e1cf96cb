"""Quality measures: the filtered listing, its CSV download and the overdue reviews."""

import csv

from django.utils import timezone

from core.access import visible_pages
from core.exports import safe_cell
from core.listing import Facet, FacetListing, facet_listing, value_counts
from pages.models import QualityMeasurePage
from pages.models.quality import Domain, MeasureStatus

CSV_COLUMNS = [
    ("Code", "measure_code"),
    ("Title", "title"),
    ("Domain", "get_domain_display"),
    ("Type", "get_measure_type_display"),
    ("Status", "get_status_display"),
    ("Numerator", "numerator"),
    ("Denominator", "denominator"),
    ("Exclusions", "exclusions"),
    ("Target or threshold", "target"),
    ("Data source", "get_data_source_display"),
    ("Reporting frequency", "get_reporting_frequency_display"),
    ("Owner", "measure_owner"),
    ("Review date", "review_date"),
    ("URL", "full_url"),
]


def measure_listing(index_page, user, params) -> FacetListing:
    """The measures under ``index_page`` that ``user`` may see, filtered by ``params``."""
    measures = visible_pages(user, QualityMeasurePage.objects.child_of(index_page))
    facets = [
        Facet(
            "domain",
            "Domain",
            Domain.choices,
            lambda qs, value: qs.filter(domain=value),
            value_counts("domain"),
        ),
        Facet(
            "status",
            "Status",
            MeasureStatus.choices,
            lambda qs, value: qs.filter(status=value),
            value_counts("status"),
        ),
    ]
    listing = facet_listing(measures, params, facets)
    listing.queryset = listing.queryset.order_by("measure_code")
    return listing


def write_measures_csv(measures, out):
    writer = csv.writer(out)
    writer.writerow([heading for heading, _ in CSV_COLUMNS])
    for measure in measures:
        row = []
        for _, attribute in CSV_COLUMNS:
            value = getattr(measure, attribute)
            row.append(safe_cell(value() if callable(value) else value))
        writer.writerow(row)


def overdue_measures():
    """Measures in force (adopted or under review, live or draft) whose review date has
    passed, most overdue first; proposed and retired measures are not reviewed."""
    in_force = [MeasureStatus.ADOPTED, MeasureStatus.UNDER_REVIEW]
    return QualityMeasurePage.objects.filter(
        review_date__lt=timezone.localdate(), status__in=in_force
    ).order_by("review_date", "measure_code")
