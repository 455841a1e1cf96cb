"""Actions carry over from meeting to meeting; the group pages' query counts stay flat."""

from datetime import date, timedelta

from django.utils import timezone

import pytest

from groups.serve import carried_over_actions
from tests.groups.conftest import make_group, make_meeting

pytestmark = pytest.mark.django_db


def _meetings(group, count, first):
    made = []
    for number in range(count):
        made.append(
            make_meeting(
                group,
                f"Clinical governance group: meeting {number + 1}",
                first + timedelta(weeks=4 * number),
                minutes=f"Minutes of meeting {number + 1}",
                status="approved",
                actions=[
                    {
                        "description": f"Action from meeting {number + 1}",
                        "owner_name": "Network manager",
                        "due_date": date(2026, 1, 5) + timedelta(weeks=4 * number),
                        "status": "done" if number % 2 else "open",
                    }
                ],
            )
        )
    return made


def test_outstanding_actions_carry_over(client, group, group_member, events_index):
    first = (timezone.now() - timedelta(weeks=20)).replace(microsecond=0)
    made = _meetings(group, 4, first)
    _, last_papers = made[-1]
    carried = carried_over_actions(group_member, last_papers)
    # Meetings 1 and 3 left open actions; meeting 2's is done; meeting 4's is its own.
    assert [action.description for action in carried] == [
        "Action from meeting 1",
        "Action from meeting 3",
    ]
    client.force_login(group_member)
    html = client.get(last_papers.url).content.decode()
    assert "Action from meeting 1" in html and "Action from meeting 4" in html
    assert "Action from meeting 2" not in html
    # Marking an action done where it was raised stops it carrying over.
    _, first_papers = made[0]
    action = first_papers.actions.get()
    action.status = "done"
    action.save()
    html = client.get(last_papers.url).content.decode()
    assert "Action from meeting 1" not in html
    # Nobody outside the group gets them.
    assert carried_over_actions(None, last_papers) == []


@pytest.mark.parametrize("size", [2, 12])
def test_group_page_query_budget(
    client, group, group_member, events_index, size, django_assert_max_num_queries
):
    first = (timezone.now() - timedelta(weeks=4 * size // 2)).replace(microsecond=0)
    _meetings(group, size, first)
    client.force_login(group_member)
    client.get(group.url)
    # Measured: 29 at both sizes (site, session, settings, menus, the page's own, its
    # published outputs and the access rule's one read of the restrictions per request).
    with django_assert_max_num_queries(29):
        response = client.get(group.url)
    assert response.status_code == 200
    # A meeting page: the event page's context and its papers link (37 at both sizes).
    with django_assert_max_num_queries(38):
        assert client.get(group.get_children().first().url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_index_query_budget(client, groups_index, member, size, django_assert_max_num_queries):
    for number in range(size):
        make_group(groups_index, title=f"Working group {number}")
    client.force_login(member)
    client.get(groups_index.url)
    # 20 plus the access rule's one read of the restrictions per request.
    with django_assert_max_num_queries(21):
        response = client.get(groups_index.url)
    assert response.content.decode().count("Working group ") >= size


def test_papers_page_query_budget(
    client, group, group_member, events_index, django_assert_max_num_queries
):
    first = (timezone.now() - timedelta(weeks=60)).replace(microsecond=0)
    made = _meetings(group, 12, first)
    client.force_login(group_member)
    client.get(made[-1][1].url)
    # 34 whatever the number of earlier meetings and actions carried over (33, and the
    # access rule's one read of the restrictions per request).
    with django_assert_max_num_queries(35):
        assert client.get(made[-1][1].url).status_code == 200
