"""The three ways members-only content used to escape, each with its exact answer.

1. Translating a members-only page (wagtail-localize) gives the translation exactly
   the source's restriction, synced in place; the source language decides.
2. Link blocks and rich-text links to a members-only page or document give an
   outsider the editor's own link text and, for a page, its address: never the
   target's title, id or file name.
3. An alias of a members-only course in a public place does not put the course on
   the calendar, its feeds or staff group pages.
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from wagtail.models import (
    APIToken,
    Locale,
    PageViewRestriction,
)
from wagtail.rich_text import RichText

import pytest
from icalendar import Calendar
from wagtail_localize.models import TranslationSource

from core.access import can_view_page, visible_pages
from events.occurrences import occurrences_between
from tests.conftest import restrict_to_members
from tests.events.factories import EventIndexPageFactory
from tests.factories import ContentPageFactory, SectionPageFactory
from tests.pages.factories import StaffGroupPageFactory, TrainingCoursePageFactory, session_in

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Surgical resources"
SECRET_TEXT = "Damage control protocol and consultant rota"


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def restriction_state(page):
    """A page's own restrictions as (type, sorted group names)."""
    return [
        (r.restriction_type, sorted(r.groups.values_list("name", flat=True)))
        for r in PageViewRestriction.objects.filter(page=page).order_by("pk")
    ]


# --- 1. Translations -------------------------------------------------------------------


@pytest.fixture
def welsh(db):
    return Locale.objects.get_or_create(language_code="cy")[0]


@pytest.fixture
def surgical_resources(home_page, members_group, commit_hooks_run_on_commit):
    staff = SectionPageFactory(parent=home_page, title="Staff groups", slug="staff-groups")
    page = ContentPageFactory(
        parent=staff, title=SECRET_TITLE, slug="surgical-resources", introduction=SECRET_TEXT
    )
    restrict_to_members(page, members_group)
    return page


def translate(page, locale):
    """What the admin's "Translate" does: wagtail-localize copies, then publishes."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = source.create_or_update_translation(
        locale, copy_parent_pages=True, publish=True, fallback=True
    )
    return translation


def test_translating_a_members_only_page_keeps_exactly_its_restriction(
    client, home_page, surgical_resources, welsh, member, outsider
):
    home_page.copy_for_translation(welsh).save_revision().publish()
    welsh_copy = translate(surgical_resources, welsh)

    members = [(PageViewRestriction.GROUPS, ["Network members"])]
    assert restriction_state(surgical_resources) == members
    assert restriction_state(welsh_copy) == members
    assert not PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups=None
    ).exists()

    for user, sees in [(AnonymousUser(), False), (outsider, False), (member, True)]:
        assert can_view_page(user, surgical_resources) is sees
        assert can_view_page(user, welsh_copy) is sees
    _, token = APIToken.create_token(user=member, name="Trust intranet")
    for page in (surgical_resources, welsh_copy):
        answer = client.get(f"/api/v2/pages/{page.pk}/", **bearer(token))
        assert answer.status_code == 200 and answer.json()["title"] == page.title
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    client.force_login(member)
    assert SECRET_TEXT in client.get(surgical_resources.url).content.decode()


def test_source_changes_reach_the_translation_in_place(
    surgical_resources, welsh, home_page, office_group, member
):
    home_page.copy_for_translation(welsh).save_revision().publish()
    welsh_copy = translate(surgical_resources, welsh)
    row = PageViewRestriction.objects.get(page=welsh_copy)

    PageViewRestriction.objects.get(page=surgical_resources).groups.add(office_group)
    assert PageViewRestriction.objects.get(page=welsh_copy).pk == row.pk
    assert restriction_state(welsh_copy) == [
        (PageViewRestriction.GROUPS, ["Network members", "Network office"])
    ]

    source_row = PageViewRestriction.objects.get(page=surgical_resources)
    source_row.restriction_type = PageViewRestriction.LOGIN
    source_row.save()
    assert PageViewRestriction.objects.get(page=welsh_copy).pk == row.pk
    assert PageViewRestriction.objects.get(page=welsh_copy).restriction_type == "login"

    source_row.delete()
    assert restriction_state(welsh_copy) == []
    assert can_view_page(AnonymousUser(), welsh_copy)


def test_privacy_set_on_a_translation_cannot_loosen_it_and_leaves_the_source_alone(
    client, surgical_resources, welsh, home_page, superuser, member
):
    home_page.copy_for_translation(welsh).save_revision().publish()
    welsh_copy = translate(surgical_resources, welsh)
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:set_privacy", args=(welsh_copy.pk,))

    response = client.post(url, {"restriction_type": "none"})

    assert response.status_code == 200
    members = [(PageViewRestriction.GROUPS, ["Network members"])]
    assert restriction_state(surgical_resources) == members
    assert restriction_state(welsh_copy) == members
    assert not can_view_page(AnonymousUser(), welsh_copy)
    assert can_view_page(member, welsh_copy)

    # Making the source public makes both public: the source language decides.
    source_url = reverse("wagtailadmin_pages:set_privacy", args=(surgical_resources.pk,))
    client.post(source_url, {"restriction_type": "none"})
    assert restriction_state(welsh_copy) == []
    assert can_view_page(AnonymousUser(), welsh_copy)


def test_the_privacy_dialog_of_a_translation_says_where_privacy_is_set(
    client, surgical_resources, welsh, home_page, superuser
):
    home_page.copy_for_translation(welsh).save_revision().publish()
    welsh_copy = translate(surgical_resources, welsh)
    client.force_login(superuser)

    dialog = client.get(reverse("wagtailadmin_pages:set_privacy", args=(welsh_copy.pk,)))
    html = dialog.json()["html"]
    assert f'follows its English version, "{SECRET_TITLE}"' in html
    assert reverse("wagtailadmin_pages:edit", args=(surgical_resources.pk,)) in html
    assert 'name="restriction_type"' not in html  # no form whose change would be undone

    source = client.get(reverse("wagtailadmin_pages:set_privacy", args=(surgical_resources.pk,)))
    assert 'name="restriction_type"' in source.json()["html"]


def test_a_translation_follows_restrictions_its_source_inherits(
    home_page, welsh, members_group, member
):
    """The Welsh copy's own ancestors are public; the English section is members-only."""
    welsh_home = home_page.copy_for_translation(welsh)
    welsh_home.save_revision().publish()
    area = SectionPageFactory(parent=home_page, title="Members area", slug="members")
    restrict_to_members(area, members_group)
    handbook = ContentPageFactory(parent=area, title="Handbook", introduction=SECRET_TEXT)
    welsh_handbook = ContentPageFactory(
        parent=welsh_home,
        title="Llawlyfr",
        slug="llawlyfr",
        locale=welsh,
        translation_key=handbook.translation_key,
        introduction=SECRET_TEXT,
    )

    assert not can_view_page(AnonymousUser(), welsh_handbook)
    assert can_view_page(member, welsh_handbook)
    assert welsh_handbook.pk not in visible_pages(AnonymousUser()).values_list("pk", flat=True)


def test_the_admin_never_leaves_a_groups_restriction_without_groups(
    client, home_page, welsh, superuser, members_group, commit_hooks_run_on_commit
):
    home_page.copy_for_translation(welsh).save_revision().publish()
    page = ContentPageFactory(parent=home_page, title="Rota", slug="rota")
    welsh_copy = translate(page, welsh)
    client.force_login(superuser)

    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=(page.pk,)),
        {"restriction_type": "groups", "groups": [members_group.pk]},
    )

    members = [(PageViewRestriction.GROUPS, ["Network members"])]
    assert restriction_state(page) == members
    assert restriction_state(welsh_copy) == members
    assert not PageViewRestriction.objects.filter(groups=None, restriction_type="groups").exists()


# --- 2. Links --------------------------------------------------------------------------


@pytest.fixture
def about_page(home_page, surgical_resources, members_document):
    body = [
        (
            "card_group",
            {
                "cards": [
                    {
                        "heading": "Resources for surgeons",
                        "body": "Guidance for the team",
                        "internal_page": surgical_resources,
                        "url": "",
                    }
                ]
            },
        ),
        (
            "action_link",
            {
                "text": "Open the surgeons' area",
                "external_url": "",
                "new_window": False,
                "internal_page": surgical_resources,
            },
        ),
        (
            "rich_text",
            RichText(
                f'<p>Read <a linktype="page" id="{surgical_resources.pk}">our resources</a> '
                f'and <a linktype="document" id="{members_document.pk}">the rota</a>.</p>'
            ),
        ),
    ]
    return ContentPageFactory(parent=home_page, title="About", slug="about", body=body)


@pytest.mark.parametrize("login_as", [None, "outsider"])
def test_links_to_members_only_targets_show_outsiders_only_the_editors_words(
    client, about_page, surgical_resources, members_document, login_as, request
):
    if login_as:
        client.force_login(request.getfixturevalue(login_as))
    target_url = surgical_resources.full_url
    file_name = members_document.file.name.rsplit("/", 1)[-1]

    api = client.get(f"/api/v2/pages/{about_page.pk}/").json()
    html = client.get("/about/").content.decode()

    card, action, rich = (block["value"] for block in api["body"])
    assert card["cards"] == [
        {
            "heading": "Resources for surgeons",
            "body": "Guidance for the team",
            "url": target_url,
            "page": {"url": target_url, "members_only": True},
        }
    ]
    assert action == {
        "text": "Open the surgeons' area",
        "url": target_url,
        "page": {"url": target_url, "members_only": True},
        "new_window": False,
    }
    assert rich == (
        f'<p>Read <a href="{target_url}">our resources</a> '
        'and <a href="http://testserver/accounts/login/">the rota</a>.</p>'
    )
    for surface in (str(api), html):
        assert SECRET_TITLE not in surface
        assert members_document.title not in surface
        assert file_name not in surface
        assert "data-page-id" not in surface and "data-document-id" not in surface
        assert f"/documents/{members_document.pk}/" not in surface
    assert 'href="/staff-groups/surgical-resources/"' in html
    assert ">our resources</a>" in html and 'href="/accounts/login/">the rota</a>' in html


def test_members_get_the_targets_in_full(client, about_page, surgical_resources, member):
    client.force_login(member)
    api = client.get(f"/api/v2/pages/{about_page.pk}/").json()
    html = client.get("/about/").content.decode()

    card, action, rich = (block["value"] for block in api["body"])
    expected = {
        "id": surgical_resources.pk,
        "title": SECRET_TITLE,
        "url": surgical_resources.full_url,
    }
    assert card["cards"][0]["page"] == expected
    assert action["page"] == expected
    assert f'data-page-id="{surgical_resources.pk}"' in rich
    assert "data-document-id" in rich and "theatre-rota" in rich
    assert "theatre-rota" in html


# --- 3. Aliases on the calendar ----------------------------------------------------------


@pytest.fixture
def aliased_course(home_page, members_group, groups, training):
    EventIndexPageFactory(parent=home_page)
    staff = SectionPageFactory(parent=home_page, title="Staff groups", slug="staff-groups")
    StaffGroupPageFactory(
        parent=staff, title="Trauma Surgeons", staff_group=groups["trauma-surgeons"]
    )
    private_section = SectionPageFactory(parent=training, title="Members' courses", slug="members")
    restrict_to_members(private_section, members_group)
    course = TrainingCoursePageFactory(
        parent=private_section,
        title="Members-only theatre drill",
        staff_groups=[groups["trauma-surgeons"]],
        sessions=[session_in(10, venue="Theatre 4, Major Trauma Centre")],
    )
    alias = course.create_alias(parent=training, update_slug="theatre-drill")
    return course, alias


def _ics_summaries(response):
    assert response.status_code == 200
    return {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.mark.parametrize("login_as", [None, "outsider"])
def test_an_alias_in_public_does_not_put_a_members_only_course_on_the_calendar(
    client, aliased_course, login_as, request
):
    course, alias = aliased_course
    user = AnonymousUser()
    if login_as:
        user = request.getfixturevalue(login_as)
        client.force_login(user)
    now = timezone.now()
    month = (now + timedelta(days=10)).astimezone(timezone.get_current_timezone())

    assert occurrences_between(user, now, now + timedelta(days=365)) == []
    assert not can_view_page(user, alias)
    for url in (
        "/events/",
        f"/events/calendar/{month.year}/{month.month:02d}/",
        "/staff-groups/trauma-surgeons/",
        "/training/",
    ):
        html = client.get(url).content.decode()
        assert "Members-only theatre drill" not in html, url
        assert "Theatre 4" not in html, url
    assert _ics_summaries(client.get("/feeds/calendar.ics")) == set()
    assert client.get(alias.url).status_code in (302, 403)
    assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 404


def test_members_still_see_the_course_and_its_alias(client, aliased_course, member):
    course, alias = aliased_course
    client.force_login(member)
    now = timezone.now()

    titles = [o.title for o in occurrences_between(member, now, now + timedelta(days=365))]
    assert titles == ["Members-only theatre drill", "Members-only theatre drill"]
    assert "Theatre 4" in client.get("/events/").content.decode()
    assert (
        "Members-only theatre drill"
        in client.get("/staff-groups/trauma-surgeons/").content.decode()
    )


def test_personal_feed_of_an_outsider_leaves_out_the_aliased_course(
    client, aliased_course, outsider
):
    client.force_login(outsider)
    html = client.get("/events/calendar/my-feed/").content.decode()
    start = html.index("http://testserver/feeds/personal/")
    feed = html[start : html.index('"', start)].replace("http://testserver", "")
    client.logout()
    assert _ics_summaries(client.get(feed)) == set()


# --- Copies ----------------------------------------------------------------------------


def test_a_copy_of_a_members_only_page_put_in_public_stays_members_only(
    client, home_page, surgical_resources, superuser, member
):
    course_area = SectionPageFactory(parent=home_page, title="Members area", slug="members")
    restrict_to_members(course_area)
    handbook = ContentPageFactory(parent=course_area, title="Handbook", slug="handbook")
    client.force_login(superuser)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(handbook.pk,)),
        {
            "new_title": "Handbook copy",
            "new_slug": "handbook-copy",
            "new_parent_page": home_page.pk,
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302
    copy = home_page.get_children().get(slug="handbook-copy")
    assert restriction_state(copy) == [(PageViewRestriction.GROUPS, ["Network members"])]
    assert not can_view_page(AnonymousUser(), copy)
    assert can_view_page(member, copy)
