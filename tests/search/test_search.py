"""Site search: typed, summarised results with a total, in the reader's language, and
never a members-only title for anyone but members."""

from django.conf import settings
from django.contrib.auth.models import Group

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, PageViewRestriction

import pytest

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ContentPageFactory, UserFactory
from tests.pages.factories import (
    QualityImprovementIndexPageFactory,
    QualityMeasurePageFactory,
    TrainingCoursePageFactory,
    TrainingIndexPageFactory,
    session_in,
)

pytestmark = pytest.mark.django_db
SECRET = "Ossifrage escalation rota"


@pytest.fixture
def network(home_page):
    calendar = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=calendar, title="Trauma study day", summary="Trauma cases from the MTC."
    )
    training = TrainingIndexPageFactory(parent=home_page)
    course = TrainingCoursePageFactory(
        parent=training,
        title="Trauma team leader course",
        summary="Leading the trauma team.",
        sessions=[session_in(10)],
    )
    quality = QualityImprovementIndexPageFactory(parent=home_page)
    measure = QualityMeasurePageFactory(
        parent=quality, title="Trauma CT within 60 minutes", search_description="TARN measure."
    )
    about = ContentPageFactory(
        parent=home_page, title="About trauma care", slug="about", introduction="How trauma..."
    )
    members = ContentPageFactory(parent=home_page, title="Members area", slug="members")
    restriction = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name=settings.MEMBERS_GROUP_NAME))
    secret = ContentPageFactory(
        parent=members, title=f"{SECRET} trauma", slug="rota", introduction="Members only."
    )
    return {"event": event, "course": course, "measure": measure, "about": about, "secret": secret}


@pytest.fixture
def member(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=settings.MEMBERS_GROUP_NAME))
    return user


def test_results_are_typed_summarised_dated_with_a_total(client, network):
    html = client.get("/search/", {"q": "trauma"}).content.decode()

    assert "5 results for" in html
    for kind in ("event", "course", "measure", "page"):
        assert f'data-kind="{kind}"' in html
    assert "Training course</strong>" in html and "Quality measure</strong>" in html
    assert "Trauma study day" in html
    assert "<mark>Trauma</mark> cases from the MTC." in html
    assert "in Network Calendar &amp; Events" in html
    assert "<time datetime=" in html
    assert SECRET not in html


def test_type_filter_narrows_the_results(client, network):
    html = client.get("/search/", {"q": "trauma", "type": "event"}).content.decode()
    assert "1 result for" in html
    assert "Trauma study day" in html and "team leader course" not in html
    unknown = client.get("/search/", {"q": "trauma", "type": "<script>"}).content.decode()
    assert "5 results for" in unknown


def test_nothing_found_gives_guidance(client, network):
    html = client.get("/search/", {"q": "zzyzx"}).content.decode()
    assert "0 results for" in html
    assert 'id="no-results"' in html and "check the spelling" in html


@pytest.mark.parametrize("who", [None, "outsider", "member"])
def test_members_only_results_reach_members_only(client, network, member, who):
    if who == "member":
        client.force_login(member)
    elif who == "outsider":
        client.force_login(UserFactory())
    html = client.get("/search/", {"q": "ossifrage"}).content.decode()
    complete = client.get("/api/v2/autocomplete/", {"q": "Ossif"}).json()
    api = client.get("/api/v2/pages/", {"search": "ossifrage"}).json()
    sees = who == "member"
    assert ("escalation rota" in html) is sees
    assert any(SECRET in item["title"] for item in complete["items"]) is sees
    assert any(SECRET in item["title"] for item in api["items"]) is sees
    if not sees:
        assert "0 results for" in html


def test_promoted_results_come_first_and_follow_the_access_rule(client, network, member):
    query = Query.get("rota")
    SearchPromotion.objects.create(query=query, page=network["about"], sort_order=0)
    SearchPromotion.objects.create(
        query=query, page=network["secret"], sort_order=1, description="The rota."
    )
    html = client.get("/search/", {"q": "rota"}).content.decode()
    assert 'id="promoted-results"' in html and "About trauma care" in html
    assert "Ossifrage" not in html
    client.force_login(member)
    html = client.get("/search/", {"q": "rota"}).content.decode()
    assert "Ossifrage escalation" in html


def test_popular_searches_reach_the_dashboard(client, network):
    for _ in range(3):
        client.get("/search/", {"q": "transfer"})
    client.get("/search/", {"q": "trauma"})
    assert Query.get("transfer").hits == 3
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert "Popular searches" in dashboard
    assert dashboard.index("transfer") < dashboard.index("trauma")


def test_the_index_follows_unpublish_and_privacy_changes(client, network):
    assert "About trauma care" in client.get("/search/", {"q": "trauma"}).content.decode()
    network["about"].unpublish()
    assert "About trauma care" not in client.get("/search/", {"q": "trauma"}).content.decode()
    network["about"].save_revision().publish()
    network["about"].move(network["secret"].get_parent(), pos="last-child")
    html = client.get("/search/", {"q": "trauma"}).content.decode()
    assert "About trauma care" not in html


def test_search_and_autocomplete_stay_in_the_readers_language(client, network):
    welsh = Locale.objects.get_or_create(language_code="cy")[0]
    home = network["about"].get_parent()
    welsh_home = home.copy_for_translation(welsh)
    welsh_home.save_revision().publish()
    welsh_about = network["about"].copy_for_translation(welsh)
    welsh_about.title = "Gofal trawma"
    welsh_about.save_revision().publish()

    welsh_results = client.get("/cy/search/", {"q": "trawma"}).content.decode()
    assert "Gofal trawma" in welsh_results and 'href="/cy/about/"' in welsh_results
    assert "study day" not in client.get("/cy/search/", {"q": "trauma"}).content.decode()
    assert "Gofal" not in client.get("/search/", {"q": "trawma"}).content.decode()

    complete = client.get("/api/v2/autocomplete/", {"q": "Gofal", "locale": "cy"}).json()
    assert [item["title"] for item in complete["items"]] == ["Gofal trawma"]
    assert client.get("/api/v2/autocomplete/", {"q": "Gofal"}).json()["items"] == []
    api = client.get("/api/v2/pages/", {"search": "trawma", "locale": "cy"}).json()
    assert [item["title"] for item in api["items"]] == ["Gofal trawma"]


BAD_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    '"',
    "'",
    '"unclosed phrase',
    "trauma AND",
    "OR",
    "NOT trauma",
    "trauma OR NOT",
    "a* b?",
    "(",
    ")",
    "-trauma",
    "+",
    "\x00",
    "trauma\x00care",
    "\U0001f691",
    "\U0001f691 trauma",
    "%",
    "_",
    "\\",
    "title:trauma",
    "^~&&||!",
    "NEAR(trauma care)",
    "trauma*",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_never_fail(client, network, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    complete = client.get("/api/v2/autocomplete/", {"q": query})
    assert complete.status_code in (200, 400)
    assert complete["Content-Type"] == "application/json"
    if complete.status_code == 400:
        assert complete.json()["message"]
    assert client.get("/api/v2/autocomplete/", {"q": "a", "locale": "x\x00"}).status_code == 400


@pytest.mark.parametrize("size", [5, 30])
def test_search_costs_the_same_at_any_size(
    client, home_page, member, size, django_assert_max_num_queries
):
    calendar = EventIndexPageFactory(parent=home_page)
    for n in range(size):
        EventPageFactory(parent=calendar, title=f"Transfer drill {n}", summary="Transfer.")
        ContentPageFactory(parent=home_page, title=f"Transfer note {n}", slug=f"note-{n}")
    client.force_login(member)
    # Bounded by the page of ten results (an event's next date is one query), not by
    # the number of matches.
    with django_assert_max_num_queries(45):
        response = client.get("/search/", {"q": "transfer"})
    # Every event, every note, and the calendar ("... and transfer training").
    assert f"{size * 2 + 1} results" in response.content.decode()
