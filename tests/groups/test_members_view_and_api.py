"""A member's groups on My membership; the groups' API filters; a join request approved
gives the papers at once through every cache; the papers stay off the other surfaces
(API search and documents, autocomplete, meetings listed by group)."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import APIToken

import pytest

from groups import joining
from groups.models import JoinRequest, MeetingAction, MeetingPaper, NetworkGroupPage
from tests.groups.conftest import ACTION, MEETING, MINUTES, make_group, make_meeting

pytestmark = pytest.mark.django_db
API = "/api/v2/pages/"


def bearer(user, name="Trust intranet"):
    _, plaintext = APIToken.create_token(user=user, name=name)
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def rehab(groups_index):
    return make_group(
        groups_index, "Rehabilitation working group", kind=NetworkGroupPage.Kind.WORKING_GROUP
    )


@pytest.fixture
def rehab_meeting(rehab):
    start = (timezone.now() + timedelta(days=9)).replace(microsecond=0)
    return make_meeting(rehab, "Rehabilitation working group: spring meeting", start)


# --- My membership ----------------------------------------------------------------------


def test_my_membership_lists_my_groups_meetings_and_actions(
    client, meeting, group, group_member, rehab_meeting
):
    _, papers = meeting
    MeetingAction.objects.create(
        page=papers,
        description="Audit rehabilitation prescriptions at each trauma unit",
        owner_name="Network rehabilitation lead",
        owner=group_member,
        due_date=date(2027, 2, 26),
    )
    client.force_login(group_member)
    html = client.get("/membership/my-membership/").content.decode()
    assert "Your groups" in html
    assert f'href="{group.url}"' in html and "Clinical governance group" in html
    assert MEETING in html
    assert "Audit rehabilitation prescriptions at each trauma unit" in html
    assert "26 Feb 2027" in html
    assert ACTION not in html  # outstanding, but not assigned to this member
    assert "Rehabilitation working group: spring meeting" not in html  # not their group
    assert MINUTES not in html


def test_a_member_outside_every_group_is_pointed_to_the_groups(client, group, other_member):
    client.force_login(other_member)
    html = client.get("/membership/my-membership/").content.decode()
    assert "You are not a member of any network group yet." in html
    assert 'href="/groups/"' in html
    assert "No actions are assigned to you." in html


def test_my_membership_query_budget(
    client, meeting, group, group_member, django_assert_max_num_queries
):
    client.force_login(group_member)
    client.get("/membership/my-membership/")
    with django_assert_max_num_queries(30):
        assert client.get("/membership/my-membership/").status_code == 200


# --- API filters ---------------------------------------------------------------------------


def test_meetings_papers_and_groups_filter_by_group(
    client, meeting, group, group_member, rehab_meeting
):
    titles = [
        item["title"]
        for item in client.get(API, {"type": "groups.MeetingPage", "group": group.slug}).json()[
            "items"
        ]
    ]
    assert titles == [MEETING]
    rehab = client.get(
        API, {"type": "groups.MeetingPage", "group": "rehabilitation-working-group"}
    ).json()
    assert [item["title"] for item in rehab["items"]] == [
        "Rehabilitation working group: spring meeting"
    ]
    upcoming = client.get(
        API, {"type": "groups.MeetingPage", "group": group.slug, "upcoming": "true"}
    ).json()
    assert upcoming["meta"]["total_count"] == 1

    headers = bearer(group_member)
    papers = client.get(
        API, {"type": "groups.MeetingPapersPage", "group": group.slug}, **headers
    ).json()
    assert papers["meta"]["total_count"] == 1
    other = client.get(
        API,
        {"type": "groups.MeetingPapersPage", "group": "rehabilitation-working-group"},
        **headers,
    ).json()
    assert other["meta"]["total_count"] == 0  # not this member's group

    kinds = client.get(API, {"type": "groups.NetworkGroupPage", "kind": "working_group"}).json()
    assert [item["title"] for item in kinds["items"]] == ["Rehabilitation working group"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"type": "groups.MeetingPage", "group": "no-such-group"}, "no network group has"),
        ({"type": "groups.MeetingPage", "group": "bad slug!"}, "is not a group slug"),
        ({"type": "groups.MeetingPapersPage", "group": "x" * 300}, "no network group has"),
        ({"type": "groups.NetworkGroupPage", "kind": "club"}, "kind: 'club' is not one of"),
        ({"type": "groups.MeetingPage", "upcoming": "soon"}, "upcoming must be"),
        ({"type": "events.EventPage", "group": "clinical-governance-group"}, "group"),
    ],
)
def test_bad_group_filters_are_400_with_a_reason(client, meeting, params, words):
    response = client.get(API, params)
    assert response.status_code == 400
    assert words in response.json()["message"]


def test_openapi_lists_the_group_filters(client, meeting):
    schema = client.get("/api/v2/schema/").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert "groups.MeetingPage" in parameters["group"]["description"]
    assert "groups.MeetingPapersPage" in parameters["group"]["description"]
    assert "working_group" in parameters["kind"]["schema"]["enum"]
    meeting_schema = schema["components"]["schemas"]["groups.MeetingPage"]
    assert "network_group" in meeting_schema["allOf"][1]["properties"]


# --- Join approval reaches every surface at once -----------------------------------------


def test_an_approved_member_reads_the_papers_at_once_through_the_caches(
    client, settings, meeting, group, other_member, superuser, django_capture_on_commit_callbacks
):
    settings.ANONYMOUS_CACHE_SECONDS = 300
    _, papers = meeting
    headers = bearer(other_member)
    client.force_login(other_member)
    search = {"search": "Rehabilitation prescription"}
    assert client.get(papers.url).status_code == 403
    assert client.get(f"{API}{papers.pk}/", **headers).status_code == 404
    assert client.get(API, search, **headers).json()["meta"]["total_count"] == 0
    assert "Your groups" in client.get("/membership/my-membership/").content.decode()

    join_request = joining.ask_to_join(group, other_member)
    with django_capture_on_commit_callbacks(execute=True):
        joining.approve(join_request, by=superuser)
    assert JoinRequest.objects.get().status == JoinRequest.Status.APPROVED

    assert MINUTES in client.get(papers.url).content.decode()
    assert MINUTES in client.get(f"{API}{papers.pk}/", **headers).content.decode()
    assert client.get(API, search, **headers).json()["meta"]["total_count"] == 1
    html = client.get("/membership/my-membership/").content.decode()
    assert f'href="{group.url}"' in html and MEETING in html


# --- The papers stay off the other surfaces ----------------------------------------------


def test_papers_stay_off_api_search_documents_and_autocomplete(
    client, meeting, group, group_member, other_member, office_user
):
    meeting_page, papers = meeting
    Document = get_document_model()
    document = Document(title="Transfer exceptions report Q3", collection=group.papers_collection)
    document.file.save("transfer-exceptions-q3.txt", ContentFile(b"Fourteen exceptions."))
    MeetingPaper.objects.create(page=papers, document=document, item="4.1")

    for who, user, reads in [
        ("anonymous", None, False),
        ("other member", other_member, False),
        ("group member", group_member, True),
        ("office", office_user, True),
    ]:
        client.logout()
        headers = bearer(user, name=f"Intranet of {who}") if user else {}
        found = client.get(API, {"search": "Rehabilitation prescription"}, **headers).json()
        assert any(item["id"] == papers.pk for item in found["items"]) is reads, who
        documents = client.get("/api/v2/documents/", **headers).json()
        titles = [item["title"] for item in documents["items"]]
        assert ("Transfer exceptions report Q3" in titles) is reads, who
        children = client.get(API, {"child_of": meeting_page.pk}, **headers).json()
        assert (children["meta"]["total_count"] == 1) is reads, who
        if user is not None:
            client.force_login(user)
        complete = client.get("/api/v2/autocomplete/", {"q": "Pape"}).json()
        assert any(item["id"] == papers.pk for item in complete["items"]) is reads, who
        listed = client.get(API, {"type": "groups.MeetingPage", "group": group.slug}).json()
        assert [item["title"] for item in listed["items"]] == [MEETING], who


@pytest.mark.parametrize("size", [2, 10])
def test_meetings_api_listing_query_budget(
    client, group, events_index, size, django_assert_max_num_queries
):
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    for n in range(size):
        make_meeting(
            group, f"Clinical governance group: meeting {n + 1}", start + timedelta(days=7 * n)
        )
    params = {
        "type": "groups.MeetingPage",
        "group": group.slug,
        "fields": "network_group",
        "limit": 50,
    }
    with django_assert_max_num_queries(14):
        items = client.get(API, params).json()["items"]
    assert len(items) == size
    assert {item["network_group"]["slug"] for item in items} == {group.slug}
    found = client.get(API, {**params, "search": "meeting"}).json()
    assert found["meta"]["total_count"] == size
