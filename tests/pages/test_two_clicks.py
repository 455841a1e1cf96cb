"""A visitor finds every physiotherapy course available online in two clicks.

The visitor follows the links a browser shows, by their visible text, from the home
page's main menu to the Training & Education page, then clicks twice.
"""

import html
import io
import re

from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

import pytest

from core.access import visible_pages
from core.formats import REMOTE_FORMATS
from pages.models import TrainingCoursePage

pytestmark = pytest.mark.django_db


def follow(client, page_html, text):
    """The response to clicking the first link whose visible text starts with ``text``."""
    for href, label in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)', page_html):
        if html.unescape(label).strip().startswith(text):
            url = html.unescape(href)
            if url.startswith("?"):
                url = "/training/" + url
            response = client.get(url)
            assert response.status_code == 200, url
            return response.content.decode()
    raise AssertionError(f"no link {text!r}")


def test_physiotherapy_courses_available_online_in_two_clicks(client):
    call_command("load_demo_network", stdout=io.StringIO())
    expected = set(
        visible_pages(AnonymousUser(), TrainingCoursePage.objects)
        .filter(staff_groups__slug="physiotherapists", delivery_format__in=REMOTE_FORMATS)
        .values_list("title", flat=True)
    )
    assert len(expected) >= 2

    training = follow(client, client.get("/").content.decode(), "Training & Education")
    physiotherapy = follow(client, training, "Physiotherapists")  # click 1
    online = follow(client, physiotherapy, "Online or e-learning")  # click 2

    shown = re.findall(r'<h3 class="nhsuk-card__heading[^"]*"><a href="[^"]+">([^<]+)</a>', online)
    assert {html.unescape(title) for title in shown} == expected
    assert f"{len(expected)} courses" in online
