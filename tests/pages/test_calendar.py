"""Training sessions as a source of the network calendar."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

import pytest

from events.occurrences import occurrences_between
from pages.calendar import training_sessions
from tests.conftest import restrict_to_members
from tests.pages.factories import TrainingCoursePageFactory, session_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def window():
    now = timezone.now()
    return now, now + timedelta(days=90)


@pytest.fixture
def courses(training, groups):
    return [
        TrainingCoursePageFactory(
            parent=training,
            title="Chest physiotherapy webinar",
            delivery_format="online",
            staff_groups=[groups["physiotherapists"]],
            sessions=[session_in(5), session_in(40), session_in(200), session_in(-5)],
        ),
        TrainingCoursePageFactory(
            parent=training,
            title="Trauma skills",
            staff_groups=[groups["trauma-surgeons"]],
            sessions=[session_in(10, venue="Leeds")],
        ),
        TrainingCoursePageFactory(
            parent=training, title="Draft course", live=False, sessions=[session_in(7)]
        ),
    ]


def test_sessions_in_the_window_become_training_occurrences(courses, window):
    found = occurrences_between(AnonymousUser(), *window)

    assert [(o.title, o.kind) for o in found] == [
        ("Chest physiotherapy webinar", "training"),
        ("Trauma skills", "training"),
        ("Chest physiotherapy webinar", "training"),
    ]
    assert found[1].location == "Leeds"
    assert found[0].page.specific_class.__name__ == "TrainingCoursePage"
    assert found[0].end > found[0].start


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"staff_group": "physiotherapists"}, 2),
        ({"staff_group": "trauma-surgeons"}, 1),
        ({"staff_group": "dentists"}, 0),
        ({"staff_group": "bad\x00slug"}, 0),
        ({"format": "online"}, 2),
        ({"format": "remote"}, 2),
        ({"format": "in_person"}, 1),
        ({"format": "nonsense"}, 0),
        ({"category": "board-meetings"}, 0),
        ({"category": "", "staff_group": None}, 3),
    ],
)
def test_filters(courses, window, filters, expected):
    assert len(training_sessions(AnonymousUser(), *window, filters)) == expected


@pytest.mark.parametrize("login_as,sees", [(None, False), ("outsider", False), ("member", True)])
def test_members_only_course_sessions(courses, window, login_as, sees, request):
    restrict_to_members(courses[1])
    user = request.getfixturevalue(login_as) if login_as else AnonymousUser()
    titles = {o.title for o in training_sessions(user, *window, {})}
    assert ("Trauma skills" in titles) is sees


@pytest.mark.parametrize("count", [3, 60])
def test_query_count_is_fixed(training, groups, window, count, django_assert_num_queries):
    for _ in range(count):
        TrainingCoursePageFactory(
            parent=training, staff_groups=[groups["physiotherapists"]], sessions=[session_in(3)]
        )
    # The access rule's one read of the restrictions, then the sessions.
    with django_assert_num_queries(2):
        found = training_sessions(AnonymousUser(), *window, {"staff_group": "physiotherapists"})
    assert len(found) == count
