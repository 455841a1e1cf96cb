"""The OpenAPI description: generated from the registered page models, true to the
live endpoints, and a bounded schema-driven fuzz that finds no server error."""

import os

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from wagtail.models import Page, get_page_models

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ContentPageFactory

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))  # `make fuzz` sends more

pytestmark = pytest.mark.django_db


def test_schema_is_served_and_lists_every_page_type(client, public_page):
    response = client.get("/api/v2/schema/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/pages/find/",
        "/api/v2/images/",
        "/api/v2/images/{id}/",
        "/api/v2/documents/",
        "/api/v2/documents/{id}/",
        "/api/v2/page_preview/",
    } <= set(schema["paths"])
    labels = {f"{m._meta.app_label}.{m.__name__}" for m in get_page_models() if m is not Page}
    assert labels <= set(schema["components"]["schemas"])
    parameters = {p["name"]: p for p in schema["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert set(parameters["type"]["schema"]["enum"]) == labels
    content_page = schema["components"]["schemas"]["pages.ContentPage"]["allOf"][1]
    assert content_page["properties"]["body"]["items"] == {"$ref": "#/components/schemas/Block"}
    assert content_page["properties"]["introduction"] == {"type": "string"}


def test_a_page_type_registered_later_appears_with_its_fields_and_filters(client, public_page):
    from django.db import models as dj_models

    from wagtail.api import APIField
    from wagtail.models import Page as WagtailPage

    class CourseDemoPage(WagtailPage):
        cpd_points = dj_models.PositiveIntegerField(default=0)
        api_fields = [APIField("cpd_points")]
        api_query_parameters = ["cpd_min"]

        class Meta:
            app_label = "pages"

    try:
        schema = client.get("/api/v2/schema/").json()
        component = schema["components"]["schemas"]["pages.CourseDemoPage"]["allOf"][1]
        assert component["properties"]["cpd_points"] == {"type": "integer"}
        names = {p["name"] for p in schema["paths"]["/api/v2/pages/"]["get"]["parameters"]}
        assert "cpd_min" in names
    finally:
        from django.apps import apps

        from wagtail.models import PAGE_MODEL_CLASSES

        del apps.all_models["pages"]["coursedemopage"]
        PAGE_MODEL_CLASSES.remove(CourseDemoPage)
        apps.clear_cache()


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, called in-process inside the test's transaction.

    As Django's test client does, requests must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schema_matches_the_live_endpoints(wsgi_app, public_page):
    """Every path of the description answers, with a body of the described shape."""
    schema = schemathesis.openapi.from_wsgi("/api/v2/schema/", wsgi_app)
    ContentPageFactory(parent=public_page, title="Guidance", body=[("quote", {"quote": "Q"})])
    for operation in schema.get_all_operations():
        operation = operation.ok()
        path_parameters = {"id": public_page.pk} if "{id}" in operation.path else {}
        if operation.path.startswith("/api/v2/images/") or operation.path.startswith(
            "/api/v2/documents/"
        ):
            path_parameters = {}
            if "{id}" in operation.path:
                continue  # no images or documents here; their detail is checked in test_output
        case = operation.Case(path_parameters=path_parameters)
        if operation.path == "/api/v2/pages/find/":
            case.query = {"html_path": "/about/"}
        if operation.path == "/api/v2/page_preview/":
            preview = public_page.create_page_preview()
            case.query = {"content_type": "pages.contentpage", "token": preview.token}
        response = case.call()
        assert response.status_code in (200, 302), (operation.path, response.status_code)
        if response.status_code == 200:
            case.validate_response(response)


def test_fuzz_finds_no_server_error(wsgi_app, public_page, members_page, member_token):
    """Schema-driven requests to every operation, anonymous and with a member's token.

    Bounded: a fixed number of derandomised examples per operation."""
    ContentPageFactory(parent=public_page, title="Transfers", body=[("quote", {"quote": "Q"})])
    schema = schemathesis.openapi.from_wsgi("/api/v2/schema/", wsgi_app)

    for operation in schema.get_all_operations():
        operation = operation.ok()

        @given(case=operation.as_strategy(), with_token=st.booleans())
        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case, with_token):
            headers = {"Authorization": f"Bearer {member_token}"} if with_token else {}
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.path, case.query, response.text[:500])
            if response.status_code != 302:
                assert response.headers["content-type"][0].startswith("application/json")

        no_server_error()
