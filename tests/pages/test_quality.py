"""Quality Improvement: measures by domain and status, the CSV download, overdue reviews."""

import csv
import io
from datetime import date, timedelta

from wagtail.models import Locale

import pytest

from core.exports import safe_cell
from tests.conftest import restrict_to_members
from tests.pages.factories import QualityMeasurePageFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def measures(quality):
    return {
        "ct": QualityMeasurePageFactory(
            parent=quality, measure_code="MT-T01", title="CT within 60 minutes", domain="timeliness"
        ),
        "theatre": QualityMeasurePageFactory(
            parent=quality, measure_code="MT-S02", title="Return to theatre", domain="safety"
        ),
        "discharge": QualityMeasurePageFactory(
            parent=quality,
            measure_code="CC-S01",
            title="Out-of-hours discharge",
            domain="safety",
            status="under-review",
        ),
        "retired": QualityMeasurePageFactory(
            parent=quality,
            measure_code="MT-E01",
            title="Consultant-led trauma calls",
            domain="effectiveness",
            status="retired",
        ),
    }


def test_lists_adopted_safety_measures_and_downloads_them(client, measures):
    html = client.get("/quality-improvement/?domain=safety&status=adopted").content.decode()

    assert "Return to theatre" in html
    assert "Out-of-hours discharge" not in html and "CT within 60 minutes" not in html
    assert "1 measure" in html
    assert 'href="/quality-improvement/csv/?domain=safety&amp;status=adopted"' in html

    response = client.get("/quality-improvement/csv/?domain=safety&status=adopted")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert [(row["Code"], row["Domain"], row["Status"]) for row in rows(response)] == [
        ("MT-S02", "Safety", "Adopted")
    ]


def test_counts_per_domain_and_status(client, measures):
    html = client.get("/quality-improvement/?domain=safety").content.decode()
    assert 'data-facet="domain" data-value="timeliness">Timeliness (1)' in html
    assert 'data-facet="status" data-value="under-review">Under review (1)' in html
    assert '<strong aria-current="true">Safety (2)</strong>' in html


@pytest.mark.parametrize(
    "query", ["domain=fun", "status=%27%3B--", "domain=&status=", "x=1", "domain=%00"]
)
def test_garbage_is_ignored(client, measures, query):
    page = client.get(f"/quality-improvement/?{query}")
    download = client.get(f"/quality-improvement/csv/?{query}")
    assert page.status_code == 200 and download.status_code == 200
    assert len(rows(download)) == 4


def test_unknown_value_is_shown_as_not_applied(client, measures):
    html = client.get("/quality-improvement/?domain=fun").content.decode()
    assert "The domain filter was not applied" in html
    assert "4 measures" in html


@pytest.mark.parametrize(
    "value,cell",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        (" =1+1", "' =1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff0b1", "'\uff0b1"),
        ("|calc", "'|calc"),
        (";=1", "';=1"),
        ("\r\n=1", "'\r\n=1"),
        ("Below 3%", "Below 3%"),
        ("O'Brien & Leeds", "O'Brien & Leeds"),
    ],
)
def test_csv_cells_cannot_run_as_formulas(client, quality, value, cell):
    assert safe_cell(value) == cell
    QualityMeasurePageFactory(parent=quality, target=value, title=value.strip() or "x")
    (row,) = rows(client.get("/quality-improvement/csv/"))
    assert row["Target or threshold"] == cell
    assert row["Title"] == safe_cell(value.strip() or "x")


@pytest.mark.parametrize("login_as,sees", [(None, False), ("outsider", False), ("member", True)])
def test_members_only_measure(client, measures, login_as, sees, request):
    restrict_to_members(measures["theatre"])
    if login_as:
        client.force_login(request.getfixturevalue(login_as))

    html = client.get("/quality-improvement/?domain=safety").content.decode()
    codes = {row["Code"] for row in rows(client.get("/quality-improvement/csv/"))}
    api = client.get("/api/v2/pages/?type=pages.QualityMeasurePage&domain=safety").json()

    assert ("Return to theatre" in html) is sees
    assert ("MT-S02" in codes) is sees
    assert ("Return to theatre" in {item["title"] for item in api["items"]}) is sees


def test_members_only_index_hides_the_csv(client, quality, measures):
    restrict_to_members(quality)
    response = client.get("/quality-improvement/csv/")
    assert response.status_code in (302, 403)
    assert b"MT-S02" not in response.content


def test_measure_page_shows_definition_and_review_date(client, measures):
    measure = measures["theatre"]
    measure.last_reviewed = date(2026, 1, 15)
    measure.review_date = date(2027, 1, 15)
    measure.exclusions = "Transfers in from outside the network"
    measure.save_revision().publish()

    html = client.get(measure.url).content.decode()

    assert "MT-S02" in html and "Patients who had it." in html and "All patients." in html
    assert "Transfers in from outside the network" in html
    assert "nhsuk-u-secondary-text-color" in html
    assert "Measure last reviewed: 15 January 2026" in html
    assert "Next review due: 15 January 2027" in html


def test_measure_code_is_unique_in_each_language(quality, measures):
    # Outside the editor's form (which refuses it: tests/test_page_lifecycle.py) a taken
    # code becomes the next free one, as a copy in the same language does.
    another = QualityMeasurePageFactory(parent=quality, measure_code="MT-S02", slug="another")
    assert another.measure_code == "MT-S02-2"
    welsh = Locale.objects.create(language_code="cy")
    translation = measures["discharge"].copy_for_translation(welsh, copy_parents=True)
    assert translation.measure_code == measures["discharge"].measure_code


def test_editors_see_overdue_measures_on_the_dashboard(client, measures, superuser):
    overdue = measures["discharge"]
    overdue.review_date = date.today() - timedelta(days=3)
    overdue.save_revision().publish()
    client.force_login(superuser)

    html = client.get("/admin/").content.decode()

    assert "Quality measures overdue for review" in html
    assert "Out-of-hours discharge" in html
    # Wagtail's own dashboard panel and table: headings line up with their columns.
    panel = html.split('id="overdue-measures-section"', 1)[1].split("</section>", 1)[0]
    assert 'class="listing listing--dashboard' in panel
    assert panel.count("<col") == panel.count('<th scope="col"') == 4
    assert "Return to theatre" not in html
    # A retired measure is no longer reviewed: it is not listed, however old its date.
    retired = measures["retired"]
    retired.review_date = date.today() - timedelta(days=300)
    retired.save_revision().publish()
    assert "Consultant-led trauma calls" not in client.get("/admin/").content.decode()


def test_dashboard_says_when_nothing_is_overdue(client, measures, superuser):
    client.force_login(superuser)
    assert "No quality measure is overdue for review." in client.get("/admin/").content.decode()


@pytest.mark.parametrize("count", [5, 100])
def test_listing_and_csv_query_budgets_are_flat(
    client, quality, count, django_assert_max_num_queries
):
    for number in range(count):
        QualityMeasurePageFactory(
            parent=quality, domain=["safety", "timeliness"][number % 2], status="adopted"
        )
    # 23, and 1 for the access rule's one read of the restrictions per request.
    with django_assert_max_num_queries(24):
        html = client.get("/quality-improvement/?status=adopted").content.decode()
    with django_assert_max_num_queries(12):
        download = client.get("/quality-improvement/csv/?status=adopted")
    assert html.count('<tr class="nhsuk-table__row">') == count + 1
    assert len(rows(download)) == count
