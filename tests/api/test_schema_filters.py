"""The OpenAPI description lists every filter of every page type, with its values, and
the live pages endpoint agrees: each documented filter is accepted with each value the
description gives, and a filter the description does not give for a type is a 400."""

from django.apps import apps

from wagtail.models import Locale

import pytest

from core.models import StaffGroup
from events.models import EventCategory
from groups.models import NetworkGroupIndexPage
from tests.groups.conftest import add, make_group

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
# Parameters a type's listing never takes, whatever the description says of other types.
NEVER = ["audience", "colour", "body", "introduction", "site", "sessions", "contacts"]


@pytest.fixture
def schema(client, home_page):
    Locale.objects.get_or_create(language_code="cy")
    StaffGroup.objects.create(name="Paramedics", slug="paramedics", locale=home_page.locale)
    EventCategory.objects.create(name="Training", slug="training", locale=home_page.locale)
    groups_index = add(home_page, NetworkGroupIndexPage(title="Network groups", slug="groups"))
    make_group(groups_index, title="Trauma governance group")
    return client.get("/api/v2/schema/").json()


def listing_parameters(schema):
    return {p["name"]: p for p in schema["paths"][f"{PAGES}"]["get"]["parameters"]}


def page_types(schema):
    return listing_parameters(schema)["type"]["schema"]["enum"]


def documented_filters(schema, page_type):
    """Name -> schema of every parameter the description gives for ``?type=page_type``
    (or for a listing without ``type`` when None)."""
    common = {
        name: parameter["schema"]
        for name, parameter in listing_parameters(schema).items()
        if "x-page-types" not in parameter
    }
    if page_type is None:
        return common
    return {**common, **schema["components"]["schemas"][page_type]["x-filters"]}


def example_values(name, parameter_schema, page_id):
    """Values the description says ``name`` takes: every listed value, else one of the
    described kind."""
    if "enum" in parameter_schema:
        return parameter_schema["enum"]
    if "x-slugs-of" in parameter_schema:
        model = apps.get_model(parameter_schema["x-slugs-of"])
        return [model.objects.values_list("slug", flat=True).first()]
    if name in ("child_of", "descendant_of", "ancestor_of", "translation_of"):
        return [str(page_id)]
    if name == "fields":
        return ["title"]
    if name == "order":
        return ["-title"]
    kind, form = parameter_schema.get("type"), parameter_schema.get("format")
    if form == "date":
        return ["2027-05-12"]
    if form == "date-time":
        return ["2027-05-12T09:30:00+01:00"]
    if form == "uri":
        return ["https://learning.example.nhs.uk/book"]
    if form == "email":
        return ["network.office@example.nhs.uk"]
    if kind == "boolean":
        return ["true", "false"]
    if kind == "integer":
        return [str(max(1, parameter_schema.get("minimum", 1)))]
    if kind == "number":
        return ["1.5"]
    return ["trauma"]


def test_every_page_type_lists_its_filters_with_their_values(schema):
    parameters = listing_parameters(schema)
    events = schema["components"]["schemas"]["events.EventPage"]["x-filters"]
    assert events["start_after"] == {"type": "string", "format": "date"}
    assert events["upcoming"]["enum"] == ["true", "false"]
    assert events["format"]["enum"] == ["in_person", "online", "hybrid"]
    assert events["staff_groups"]["x-slugs-of"] == "core.StaffGroup"
    assert events["categories"]["x-slugs-of"] == "events.EventCategory"
    assert events["category"]["x-slugs-of"] == "events.EventCategory"
    courses = schema["components"]["schemas"]["pages.TrainingCoursePage"]["x-filters"]
    assert courses["format"]["enum"] == ["in_person", "online", "hybrid", "e_learning", "remote"]
    assert courses["staff_groups"]["pattern"] == "^[-a-zA-Z0-9_]+(,[-a-zA-Z0-9_]+)*$"
    quality = schema["components"]["schemas"]["pages.QualityMeasurePage"]["x-filters"]
    assert quality["domain"]["enum"] == [
        "safety",
        "effectiveness",
        "patient-experience",
        "timeliness",
    ]
    assert "adopted" in quality["status"]["enum"]
    group_pages = schema["components"]["schemas"]["pages.StaffGroupPage"]["x-filters"]
    assert group_pages["staff_groups"]["x-slugs-of"] == "core.StaffGroup"
    assert "staff_group" not in group_pages  # one name on every page type
    guidelines = schema["components"]["schemas"]["guidelines.GuidelinePage"]["x-filters"]
    assert guidelines["review_due_before"] == {"type": "string", "format": "date"}
    assert "both" in guidelines["pathway"]["enum"]
    # The listing names the types that take each filter.
    assert parameters["start_after"]["x-page-types"] == ["events.EventPage", "groups.MeetingPage"]
    assert "pages.TrainingCoursePage" in parameters["format"]["x-page-types"]
    assert "x-page-types" not in parameters["slug"]
    # Text bodies are not filters.
    assert "body" not in parameters and "introduction" not in parameters


def test_each_documented_filter_is_accepted_and_each_other_is_a_400(client, schema, home_page):
    every_name = set(listing_parameters(schema)) | set(NEVER)
    common = documented_filters(schema, None)
    for name, parameter_schema in common.items():
        for value in example_values(name, parameter_schema, home_page.pk):
            response = client.get(PAGES, {name: value})
            assert response.status_code == 200, (name, value, response.json())
    for page_type in page_types(schema):
        documented = documented_filters(schema, page_type)
        own = {name: documented[name] for name in documented.keys() - common.keys()}
        # Every page takes the common filters, with a type as without (one request).
        values = {name: example_values(name, common[name], home_page.pk)[0] for name in common}
        for name in ("search", "search_operator", "offset"):
            del values[name]  # searched results cannot be filtered or paged further
        response = client.get(PAGES, {**values, "type": page_type})
        assert response.status_code == 200, (page_type, response.json())
        for name, parameter_schema in own.items():
            for value in example_values(name, parameter_schema, home_page.pk):
                response = client.get(PAGES, {"type": page_type, name: value})
                assert response.status_code == 200, (page_type, name, value, response.json())
        # Every other filter name is refused, and named in the reason.
        undocumented = sorted(every_name - set(documented))
        response = client.get(PAGES, {"type": page_type, **dict.fromkeys(undocumented, "1")})
        assert response.status_code == 400, page_type
        message = response.json()["message"]
        assert all(name in message for name in undocumented), (page_type, message)
    undocumented = sorted(every_name - set(common))
    response = client.get(PAGES, dict.fromkeys(undocumented, "1"))
    assert response.status_code == 400
    assert all(name in response.json()["message"] for name in undocumented)
