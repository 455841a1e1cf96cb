"""CORS: browser front ends on allowed origins may read the API, and only the API."""

import pytest

pytestmark = pytest.mark.django_db

ALLOWED = "https://intranet.example.nhs.uk"


@pytest.fixture(autouse=True)
def allow_list(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]
    settings.CORS_ALLOW_CREDENTIALS = False


def test_allowed_origin_may_read_the_api_without_credentials(client, public_page):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=ALLOWED)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_preflight_allows_the_authorization_header(client, public_page):
    response = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "authorization" in response["Access-Control-Allow-Headers"]
    assert "POST" not in response["Access-Control-Allow-Methods"]


def test_other_origins_and_other_urls_get_no_cors_headers(client, public_page):
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other
    site = client.get("/about/", HTTP_ORIGIN=ALLOWED)
    assert site.status_code == 200
    assert "Access-Control-Allow-Origin" not in site


def test_credentials_only_when_switched_on(client, public_page, settings):
    settings.CORS_ALLOW_CREDENTIALS = True
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Credentials"] == "true"
