"""A Welsh member's account pages: log in, password reset and My membership answer in
Welsh under /cy/, link within Welsh, and offer English at their English address.

Django's LocaleMiddleware reads an address without a language prefix as English, so
these pages live under ``i18n_patterns`` (cms/urls.py) like the pages of the site.
"""

import re
from urllib.parse import unquote

from django.core import mail

from wagtail.models import Locale

import pytest

from pages.models import ContentPage
from tests.conftest import restrict_to_members
from tests.welsh.visible_text import english_in_welsh

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_welsh_login_page_is_welsh_and_leads_to_the_welsh_request_page(client, welsh_site):
    html = html_of(client.get("/cy/accounts/login/"))
    assert '<html lang="cy">' in html
    assert "<h1>Mewngofnodi</h1>" in html
    assert '<a href="/cy/gwneud-cais-am-aelodaeth/">Gwneud cais am aelodaeth</a>' in html
    assert 'href="/cy/accounts/password-reset/"' in html
    assert english_in_welsh(html) == []
    # The switcher and the alternates offer the English login at its own address.
    assert '<link rel="alternate" hreflang="en-gb" href="http://testserver/accounts/login/">' in (
        html
    )
    assert 'href="/language/en-gb/?next=%2Faccounts%2Flogin%2F"' in html


def test_the_english_login_page_stays_english(client, welsh_site):
    html = html_of(client.get("/accounts/login/"))
    assert '<html lang="en-gb">' in html
    assert "<h1>Log in</h1>" in html
    assert '<a href="/request-membership/">Request membership</a>' in html
    assert 'href="/language/cy/?next=%2Fcy%2Faccounts%2Flogin%2F"' in html


def test_a_welsh_members_only_page_sends_an_outsider_to_the_welsh_login(client, welsh_site):
    page = ContentPage(title="Adnoddau", slug="adnoddau", locale=welsh_site.locale)
    welsh_site.add_child(instance=page)
    page.save_revision().publish()
    restrict_to_members(page)

    response = client.get("/cy/adnoddau/")
    html = response.content.decode()
    assert response.status_code == 403
    assert 'href="/cy/accounts/login/?next=%2Fcy%2Fadnoddau%2F"' in html
    assert 'href="/cy/gwneud-cais-am-aelodaeth/"' in html
    assert "Adnoddau" not in html.split("<main", 1)[1]


def test_a_welsh_member_logs_in_and_reads_my_membership_in_welsh(client, welsh_site, member):
    response = client.post(
        "/cy/accounts/login/", {"username": member.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/cy/membership/my-membership/"
    html = html_of(client.get(response["Location"]))
    assert '<html lang="cy">' in html
    assert "<h1>Fy aelodaeth</h1>" in html
    assert english_in_welsh(html) == []


def test_a_welsh_password_reset_is_welsh_from_the_form_to_the_new_password(
    client, welsh_site, member
):
    form = html_of(client.get("/cy/accounts/password-reset/"))
    assert "<h1>Ailosod eich cyfrinair</h1>" in form

    response = client.post("/cy/accounts/password-reset/", {"email": member.email})
    assert response.status_code == 302
    assert response["Location"] == "/cy/accounts/password-reset/sent/"
    (email,) = mail.outbox
    assert email.body.startswith("Helo,")
    link = re.search(r"http://testserver(/cy/accounts/password-reset/\S+)", email.body)
    assert link, email.body

    form_page = client.get(link.group(1), follow=True)
    assert '<html lang="cy">' in form_page.content.decode()
    set_password = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-Strong-pass-91", "new_password2": "a-new-Strong-pass-91"},
    )
    assert unquote(set_password["Location"]) == "/cy/accounts/password-reset/complete/"
    done = html_of(client.get(set_password["Location"]))
    assert "Mae eich cyfrinair wedi\u2019i osod" in done
    assert 'href="/cy/accounts/login/"' in done


def test_a_page_address_that_served_no_page_offers_no_other_language(client, welsh_site):
    """The members-only prompt and a page not found stand at a page's address; they
    never invent that page's address in the other language."""
    page = ContentPage(title="Handbook", slug="handbook")
    welsh_site.get_translation(Locale.get_default()).add_child(instance=page)
    page.save_revision().publish()
    restrict_to_members(page)

    for path, status in (("/handbook/", 403), ("/no-such-page/", 404)):
        response = client.get(path)
        assert response.status_code == status
        html = response.content.decode()
        assert 'hreflang="cy"' not in html, path
        assert "/cy/handbook/" not in html and "/cy/no-such-page/" not in html
