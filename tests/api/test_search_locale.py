"""The API's search answers in one language: the one named by ?locale=, else the site's
default language (as the autocomplete endpoint does), never each page once per language."""

from wagtail.models import Locale

import pytest

from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_page(home_page):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    home_page.copy_for_translation(welsh).save_revision().publish()
    english = ContentPageFactory(parent=home_page, title="Escalation cascade TR042")
    welsh_page = english.copy_for_translation(welsh)
    welsh_page.title = "Rhaeadr uwchgyfeirio TR042"
    welsh_page.save_revision().publish()
    return english, welsh_page


def titles(client, **params):
    response = client.get("/api/v2/pages/", {"search": "TR042", **params})
    assert response.status_code == 200, response.json()
    return sorted(item["title"] for item in response.json()["items"])


def test_search_without_a_locale_answers_in_the_default_language(client, translated_page):
    assert titles(client) == ["Escalation cascade TR042"]
    assert titles(client, locale="cy") == ["Rhaeadr uwchgyfeirio TR042"]
    assert titles(client, locale="en-gb") == ["Escalation cascade TR042"]


def test_search_among_the_translations_of_a_page_finds_every_language(client, translated_page):
    english, _welsh = translated_page
    assert titles(client, translation_of=english.pk) == ["Rhaeadr uwchgyfeirio TR042"]
