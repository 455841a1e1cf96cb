"""Guidelines over API v2: fields, filters, versions, document URL, OpenAPI."""

from datetime import date

import pytest

from guidelines.vocabulary import DocumentType, GuidelineStatus, Pathway
from tests.guidelines.conftest import make_guideline, republish

pytestmark = pytest.mark.django_db
LIST = "/api/v2/pages/"
TYPE = {"type": "guidelines.GuidelinePage"}


@pytest.fixture
def guidelines(index, nurses):
    transfer = make_guideline(
        index,
        "CC-G-012",
        title="Transfer of the critically ill adult",
        version_major=2,
        staff_groups=[nurses],
        review_due=date(2027, 3, 15),
    )
    transfer = republish(transfer, version_major=3)
    make_guideline(
        index,
        "MT-P-011",
        title="Major transfusion",
        pathway=Pathway.BOTH,
        document_type=DocumentType.POLICY,
        review_due=date(2029, 4, 16),
    )
    make_guideline(index, "MT-G-001", title="Triage tool", pathway=Pathway.MAJOR_TRAUMA)
    make_guideline(
        index,
        "CC-G-024",
        title="Delirium draft",
        status=GuidelineStatus.CONSULTATION,
        approved_on=None,
        review_due=None,
    )
    return transfer


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


def test_fields_versions_and_document_url(client, guidelines):
    item = client.get(f"{LIST}{guidelines.pk}/").json()
    assert item["reference"] == "CC-G-012"
    assert item["version"] == "3.0"
    assert item["status"] == "approved"
    assert item["review_due"] == "2027-03-15"
    assert item["staff_groups"] == [
        {
            "id": item["staff_groups"][0]["id"],
            "name": "Critical care nurses",
            "slug": "critical-care-nurses",
        }
    ]
    assert item["document_url"]["url"].startswith("http://testserver/documents/")
    assert item["document_url"]["file_extension"] == "pdf"
    assert [v["version"] for v in item["versions"]] == ["3.0", "2.0"]
    assert item["versions"][1]["html_url"] == "http://testserver/guidelines/cc-g-012/v2-0/"
    assert client.get(item["versions"][1]["html_url"]).status_code == 200
    assert client.get(item["document_url"]["url"]).status_code == 200


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "consultation"}, ["Delirium draft"]),
        ({"pathway": "major-trauma"}, ["Major transfusion", "Triage tool"]),
        ({"pathway": "both"}, ["Major transfusion"]),
        ({"document_type": "policy"}, ["Major transfusion"]),
        ({"staff_groups": "critical-care-nurses"}, ["Transfer of the critically ill adult"]),
        (
            {"staff_groups": "critical-care-nurses,no-one-else"},
            None,  # an unknown slug among known ones is still a 400
        ),
        ({"review_due_before": "2028-01-01"}, ["Transfer of the critically ill adult"]),
    ],
)
def test_filters(client, guidelines, params, expected):
    response = client.get(LIST, {**TYPE, **params})
    if expected is None:
        assert response.status_code == 400
    else:
        assert titles(response) == expected


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"status": "live"}, "status: 'live' is not one of"),
        ({"pathway": "cardiac"}, "pathway: 'cardiac' is not one of"),
        ({"document_type": "memo"}, "document_type: 'memo'"),
        ({"staff_groups": "no such"}, "staff_groups: no staff group has the slug 'no such'"),
        ({"staff_groups": "nobody"}, "no staff group has the slug 'nobody'"),
        ({"staff_groups": ","}, "staff_groups takes one or more staff groups slugs"),
        ({"staff_group": "critical-care-nurses"}, "staff_group is now called staff_groups"),
        ({"review_due_before": "2027-13-01"}, "is not a date (YYYY-MM-DD)"),
        ({"review_due_before": "soon"}, "is not a date"),
        ({"review_due": "x"}, "review_due"),
    ],
)
def test_bad_filter_values_are_400_with_a_reason(client, guidelines, params, words):
    response = client.get(LIST, {**TYPE, **params})
    assert response.status_code == 400
    assert words in response.json()["message"]


def test_openapi_describes_guidelines(client, guidelines):
    schema = client.get("/api/v2/schema/").json()
    model = schema["components"]["schemas"]["guidelines.GuidelinePage"]
    properties = model["allOf"][1]["properties"]
    for name in ("reference", "status", "review_due", "versions", "document_url"):
        assert name in properties
    parameters = {p["name"] for p in schema["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    for name in ("status", "pathway", "document_type", "staff_groups", "review_due_before"):
        assert name in parameters


@pytest.mark.parametrize("size", [4, 24])
def test_api_listing_query_budget(client, index, nurses, size, django_assert_max_num_queries):
    for n in range(size):
        page = make_guideline(index, f"CC-G-{n:03d}", staff_groups=[nurses])
        republish(page, version_minor=1)
    with django_assert_max_num_queries(16):
        response = client.get(LIST, {**TYPE, "fields": "*", "limit": 50})
    assert response.json()["meta"]["total_count"] == size
