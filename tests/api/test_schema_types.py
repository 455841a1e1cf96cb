"""The OpenAPI description types every field and lists the values of every choice filter."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client, home_page):
    return client.get("/api/v2/schema/").json()


def properties(schema, label):
    return schema["components"]["schemas"][label]["allOf"][1]["properties"]


def test_every_event_field_has_a_type(schema):
    fields = properties(schema, "events.EventPage")
    assert fields["next_occurrence"] == {"type": "string", "format": "date-time", "nullable": True}
    assert fields["last_day"] == {"type": "string", "format": "date", "nullable": True}
    assert fields["recurrence"]["type"] == "object"
    assert fields["recurrence"]["properties"]["frequency"]["enum"] == ["weekly", "monthly"]
    assert fields["location"]["type"] == "object"
    assert fields["categories"]["type"] == fields["staff_groups"]["type"] == "array"
    assert fields["categories"]["items"]["properties"]["slug"] == {"type": "string"}
    assert fields["image"]["type"] == "object"
    assert fields["status"]["enum"] == ["scheduled", "cancelled", "postponed", "fully_booked"]
    untyped = [name for name, field in fields.items() if "type" not in field]
    assert untyped == [], untyped


def test_choice_filters_list_their_values(schema):
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/v2/pages/"]["get"]["parameters"]
    }
    assert parameters["upcoming"]["enum"] == ["true", "false"]
    assert parameters["start_after"] == {"type": "string", "format": "date"}
    assert parameters["domain"]["enum"] == [
        "safety",
        "effectiveness",
        "patient-experience",
        "timeliness",
    ]
    assert "adopted" in parameters["status"]["enum"]
    assert "online" in parameters["format"]["enum"]
