"""Garbage in the query string gets a 400 or 404 with a JSON reason, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BIG = "9" * 30

BAD_REQUESTS = [
    "/api/v2/pages/?limit=abc",
    "/api/v2/pages/?limit=-1",
    "/api/v2/pages/?limit=1000",
    f"/api/v2/pages/?limit={BIG}",
    "/api/v2/pages/?offset=abc",
    "/api/v2/pages/?offset=-5",
    f"/api/v2/pages/?offset={BIG}",
    "/api/v2/pages/?offset=1000000",
    "/api/v2/pages/?fields=nope",
    "/api/v2/pages/?fields=title(id)",
    "/api/v2/pages/?fields=((((",
    "/api/v2/pages/?fields=*,-,",
    "/api/v2/pages/?type=pages.ContentPage&fields=body(value)",
    "/api/v2/pages/?type=nope.Nope",
    "/api/v2/pages/?type=auth.User",
    "/api/v2/pages/?order=random",
    "/api/v2/pages/?order=-nope",
    "/api/v2/pages/?order=title,random",
    "/api/v2/pages/?child_of=abc",
    "/api/v2/pages/?child_of=-1",
    f"/api/v2/pages/?child_of={BIG}",
    "/api/v2/pages/?child_of=99999",
    "/api/v2/pages/?descendant_of=x",
    f"/api/v2/pages/?descendant_of={BIG}",
    "/api/v2/pages/?ancestor_of=root",
    "/api/v2/pages/?translation_of=1.5",
    f"/api/v2/pages/?translation_of={BIG}",
    "/api/v2/pages/?child_of=1&descendant_of=1",
    "/api/v2/pages/?unknown=1",
    "/api/v2/pages/?id=abc",
    f"/api/v2/pages/?id={BIG}",
    "/api/v2/pages/?slug=%00",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?locale=%00",
    "/api/v2/pages/?title=a%00b",
    "/api/v2/pages/?show_in_menus=maybe",
    "/api/v2/pages/?first_published_at=yesterday",
    "/api/v2/pages/?search_operator=xor&search=a",
    "/api/v2/pages/?rich_text_format=pdf",
    "/api/v2/pages/find/?id=abc",
    f"/api/v2/pages/find/?id={BIG}",
    "/api/v2/documents/?limit=x",
    "/api/v2/documents/?id=abc",
    "/api/v2/documents/?order=random",
    "/api/v2/images/?fields=nope",
    "/api/v2/images/?width=wide",
    f"/api/v2/images/?width={BIG}",
    "/api/v2/images/?order=random",
]

NOT_FOUND = [
    "/api/v2/pages/?locale=xx",
    f"/api/v2/pages/{BIG}/",
    "/api/v2/pages/2147483648/",
    "/api/v2/pages/99999/",
    "/api/v2/pages/find/?html_path=/no/such/page/",
    "/api/v2/pages/find/?html_path=%2F..%2F..%2F",
    "/api/v2/pages/find/?id=99999",
    f"/api/v2/documents/{BIG}/",
    f"/api/v2/images/{BIG}/",
]


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_malformed_requests_get_400_json(client, public_page, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


@pytest.mark.parametrize("url", NOT_FOUND)
def test_missing_things_get_404_json(client, public_page, url):
    response = client.get(url)
    assert response.status_code == 404, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    assert response.json()["message"]


def test_sensible_requests_still_work(client, public_page, home_page):
    for url in [
        "/api/v2/pages/?limit=0",
        "/api/v2/pages/?offset=5",
        "/api/v2/pages/?order=-title",
        "/api/v2/pages/?child_of=root",
        f"/api/v2/pages/?descendant_of={home_page.pk}&fields=*",
        "/api/v2/pages/?locale=en-gb",
        "/api/v2/pages/?search=network",
        "/api/v2/pages/?search=network&search_operator=and&order=title",
        "/api/v2/documents/?search=leaflet",
        "/api/v2/pages/?type=",
        "/api/v2/pages/?slug=about",
        "/api/v2/pages/?show_in_menus=false",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/api/v2/pages/find/?html_path=/about/").status_code == 302
