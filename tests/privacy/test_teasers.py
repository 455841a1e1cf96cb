"""The locked teaser: an editor's opt-in that lets outsiders see one members-only page
exists, in the editor's words, wherever it is listed in its section.

Without a teaser an outsider sees nothing of the page (not its title); with one, they
see the teaser's title and line, a "Members only" tag and the page's address, and
never the page's own title, summary or id. A member sees the page itself.
"""

import pytest

from core.models import MembersOnlyTeaser
from home.models import HomePageSectionCard
from tests.conftest import restrict_to_members
from tests.factories import ContentPageFactory, SectionPageFactory
from tests.pages.factories import StaffGroupPageFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Damage control resuscitation rota"
SECRET_SUMMARY = "Consultant on-call rota for the major trauma centre"
TEASER_TITLE = "Resources for trauma surgeons"
TEASER_LINE = "Protocols and rotas for network members."


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Staff groups", slug="staff-groups")


def secret_child(parent, members_group, teaser=True):
    page = ContentPageFactory(
        parent=parent, title=SECRET_TITLE, slug="rota", listing_summary=SECRET_SUMMARY
    )
    restrict_to_members(page, members_group)
    if teaser:
        MembersOnlyTeaser.objects.create(page=page, title=TEASER_TITLE, line=TEASER_LINE)
    return page


def assert_outsider_sees_only_the_teaser(html, page):
    assert TEASER_TITLE in html and TEASER_LINE in html and "Members only" in html
    assert SECRET_TITLE not in html and SECRET_SUMMARY not in html
    assert f'href="{page.url}"' in html  # the address leads to the sign-in page


@pytest.mark.parametrize("kind", ["section", "staff group"])
def test_a_section_lists_a_teased_page_to_outsiders_in_the_editors_words(
    client, section, members_group, outsider, member, kind
):
    parent = section if kind == "section" else StaffGroupPageFactory(parent=section)
    page = secret_child(parent, members_group)

    assert_outsider_sees_only_the_teaser(client.get(parent.url).content.decode(), page)
    client.force_login(outsider)
    assert_outsider_sees_only_the_teaser(client.get(parent.url).content.decode(), page)

    client.force_login(member)
    html = client.get(parent.url).content.decode()
    assert SECRET_TITLE in html and SECRET_SUMMARY in html
    assert TEASER_TITLE not in html


def test_without_a_teaser_outsiders_see_nothing_of_the_page(client, section, members_group):
    secret_child(section, members_group, teaser=False)
    html = client.get(section.url).content.decode()
    assert SECRET_TITLE not in html and "Members only" not in html and "/rota/" not in html


def test_a_teaser_of_an_unpublished_page_is_not_shown(client, section, members_group):
    page = secret_child(section, members_group)
    page.unpublish()
    html = client.get(section.url).content.decode()
    assert TEASER_TITLE not in html and "/rota/" not in html


def test_a_home_page_card_to_a_teased_page_in_html_and_the_api(
    client, home_page, section, members_group, member
):
    page = secret_child(section, members_group)
    HomePageSectionCard.objects.create(page=home_page, target=page, sort_order=0)

    assert_outsider_sees_only_the_teaser(client.get("/").content.decode(), page)
    cards = client.get(f"/api/v2/pages/{home_page.pk}/").json()["section_cards"]
    assert cards == [
        {
            "heading": TEASER_TITLE,
            "summary": TEASER_LINE,
            "page": {"url": page.full_url, "members_only": True},
        }
    ]

    client.force_login(member)
    cards = client.get(f"/api/v2/pages/{home_page.pk}/").json()["section_cards"]
    assert cards[0]["heading"] == SECRET_TITLE
    assert cards[0]["page"]["id"] == page.pk


def test_the_office_writes_and_removes_a_teaser_in_the_members_only_control(
    client, section, members_group, superuser
):
    page = secret_child(section, members_group, teaser=False)
    client.force_login(superuser)
    url = f"/admin/members-only/{page.pk}/"
    form = client.get(url).content.decode()
    assert "Teaser for outsiders" in form

    data = {"action": "teaser", "title": TEASER_TITLE, "line": TEASER_LINE}
    client.post(url, data)
    teaser = MembersOnlyTeaser.objects.get(page=page)
    assert (teaser.title, teaser.line) == (TEASER_TITLE, TEASER_LINE)
    client.logout()
    assert_outsider_sees_only_the_teaser(client.get(section.url).content.decode(), page)

    client.force_login(superuser)
    client.post(url, {"action": "teaser", "title": "", "line": ""})
    assert not MembersOnlyTeaser.objects.filter(page=page).exists()


def test_an_over_long_teaser_is_a_form_error_not_a_500(client, section, members_group, superuser):
    page = secret_child(section, members_group, teaser=False)
    client.force_login(superuser)
    response = client.post(
        f"/admin/members-only/{page.pk}/", {"action": "teaser", "title": "x" * 300, "line": ""}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 255 characters" in response.content.decode()
    assert not MembersOnlyTeaser.objects.exists()
