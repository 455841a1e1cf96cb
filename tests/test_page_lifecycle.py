"""Every page type survives what editors do to pages: copy, alias, translate, move, delete.

Copy and Translate go through the admin (Wagtail's Copy view and wagtail-localize's
Translate view) as an editor clicks them; alias, move and delete through Wagtail's own
actions, which the admin's buttons call. None of them may be a server error, and a
quality measure keeps its code per language: a copy in the same language gets the next
free code, a translation keeps the code.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from events.models import EventPage
from groups.models import MeetingPage, MeetingPapersPage, NetworkGroupIndexPage
from guidelines.models import GuidelineIndexPage, GuidelinePage
from membership.models import MembershipRequestPage
from pages.models import QualityMeasurePage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import ContentPageFactory, HomePageFactory, SectionPageFactory
from tests.groups.conftest import add, make_group
from tests.guidelines.conftest import make_guideline
from tests.pages.factories import (
    QualityImprovementIndexPageFactory,
    QualityMeasurePageFactory,
    StaffGroupPageFactory,
    TrainingCoursePageFactory,
    TrainingIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def _home(parent):
    number = parent.get_children().count() + 1
    return HomePageFactory(parent=parent, title=f"Network {number}", slug=f"network-{number}")


def _section(home):
    return SectionPageFactory(parent=home, title="Staff groups", slug="staff-groups")


def _events(home):
    return EventIndexPageFactory(parent=home)


def _training(home):
    return TrainingIndexPageFactory(parent=home)


def _quality(home):
    return QualityImprovementIndexPageFactory(parent=home)


def _guidelines(home):
    page = GuidelineIndexPage(title="Guidelines & policies", slug="guidelines")
    home.add_child(instance=page)
    return page


def _groups(home):
    return add(home, NetworkGroupIndexPage(title="Network groups", slug="groups"))


def _group(home):
    return make_group(_groups(home))


def _meeting(group):
    start = timezone.now().replace(microsecond=0) + timedelta(days=3)
    return add(
        group,
        MeetingPage(
            title="Clinical governance group: March meeting",
            slug="march-meeting",
            summary="The group's regular meeting.",
            start=start,
            end=start + timedelta(hours=2),
        ),
    )


def _membership(home):
    page = MembershipRequestPage(
        title="Request membership", slug="request-membership", introduction="Register here."
    )
    home.add_child(instance=page)
    return page


# page type → (parent builder from a home page, page builder from that parent)
PAGE_TYPES = {
    "home.HomePage": (lambda home: Page.get_first_root_node(), _home),
    "pages.SectionPage": (lambda home: home, _section),
    "pages.ContentPage": (lambda home: home, lambda parent: ContentPageFactory(parent=parent)),
    "pages.StaffGroupPage": (_section, lambda parent: StaffGroupPageFactory(parent=parent)),
    "pages.TrainingIndexPage": (lambda home: home, _training),
    "pages.TrainingCoursePage": (
        _training,
        lambda parent: TrainingCoursePageFactory(parent=parent),
    ),
    "pages.QualityImprovementIndexPage": (lambda home: home, _quality),
    "pages.QualityMeasurePage": (
        _quality,
        lambda parent: QualityMeasurePageFactory(parent=parent, measure_code="MT-S01"),
    ),
    "events.EventIndexPage": (lambda home: home, _events),
    "events.EventPage": (
        _events,
        lambda parent: EventPageFactory(
            parent=parent, start=timezone.now().replace(microsecond=0) + timedelta(days=3)
        ),
    ),
    "membership.MembershipRequestPage": (lambda home: home, _membership),
    "groups.NetworkGroupIndexPage": (lambda home: home, _groups),
    "groups.NetworkGroupPage": (_groups, make_group),
    "groups.MeetingPage": (_group, _meeting),
    "groups.MeetingPapersPage": (
        lambda home: _meeting(_group(home)),
        lambda parent: add(parent, MeetingPapersPage(title="Papers", slug="papers")),
    ),
    "guidelines.GuidelineIndexPage": (lambda home: home, _guidelines),
    "guidelines.GuidelinePage": (_guidelines, lambda parent: make_guideline(parent, "CC-G-012")),
}


def test_every_page_type_is_covered():
    from wagtail.models import get_page_models

    labels = {model._meta.label for model in get_page_models()} - {"wagtailcore.Page"}
    assert labels == set(PAGE_TYPES)


def _second_parent(label, first_parent):
    """Somewhere else the page type may live, for the move."""
    if label == "home.HomePage":
        return first_parent
    other_home = _home(Page.get_first_root_node())
    return PAGE_TYPES[label][0](other_home)


@pytest.mark.parametrize("label", sorted(PAGE_TYPES))
def test_copy_alias_translate_move_and_delete(client, home_page, superuser, label):
    make_parent, make_page = PAGE_TYPES[label]
    parent = make_parent(home_page)
    page = make_page(parent)
    page.save_revision().publish()
    model = type(page)
    client.force_login(superuser)

    # Copy, in the admin: beside the page, or elsewhere for one-per-parent types.
    copy_to = parent if model.can_create_at(parent) else _second_parent(label, parent)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        {
            "new_title": f"{page.title} (copy)",
            "new_slug": f"{page.slug}-copy",
            "new_parent_page": copy_to.pk,
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    copy = model.objects.get(slug=f"{page.slug}-copy")

    # Alias, as the Copy view's "alias" box does.
    alias = page.create_alias(parent=copy_to, update_slug=f"{page.slug}-alias", user=superuser)
    assert alias.alias_of_id == page.pk

    # Translate, with wagtail-localize.
    welsh, _ = Locale.objects.get_or_create(language_code="cy")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [welsh.pk]},
    )
    assert response.status_code == 302, response.content[:2000]
    translation = page.get_translation(welsh)

    # Move, then delete.
    target = _second_parent(label, parent)
    copy.specific.move(target, pos="last-child", user=superuser)
    assert copy.specific.get_parent().pk == target.pk
    for each in (alias, copy, translation, page):
        each.delete(user=superuser)
    assert not model.objects.filter(pk__in=[page.pk, copy.pk, alias.pk, translation.pk]).exists()

    if model is QualityMeasurePage:
        assert copy.specific.measure_code == "MT-S01-2"
        assert alias.specific.measure_code == "MT-S01"
        assert translation.specific.measure_code == "MT-S01"
    if model is GuidelinePage:
        assert copy.specific.reference == "CC-G-012-2"
        assert alias.specific.reference == "CC-G-012"
        assert translation.specific.reference == "CC-G-012"


def test_a_taken_measure_code_is_refused_with_a_message(client, home_page, superuser):
    quality = _quality(home_page)
    QualityMeasurePageFactory(parent=quality, title="Time to CT", measure_code="MT-S01")
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["pages", "qualitymeasurepage", quality.pk]),
        nested_form_data(
            {
                "title": "Another",
                "slug": "another",
                "measure_code": "MT-S01",
                "domain": "safety",
                "measure_type": "process",
                "status": "adopted",
                "measure_owner": "Clinical governance group",
                "rationale": "Why it matters.",
                "numerator": "Patients who had it.",
                "denominator": "All patients.",
                "exclusions": "",
                "target": "95%",
                "data_source": "tarn",
                "reporting_frequency": "quarterly",
                "evidence": rich_text(""),
                "review_date": "2027-03-01",
                "body": streamfield([]),
            }
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["measure_code"] == [
        "MT-S01 is already the code of \u201cTime to CT\u201d in English. Each quality "
        "measure needs its own code in each language."
    ]
    assert QualityMeasurePage.objects.count() == 1


def test_event_copies_keep_their_dates(home_page):
    events = _events(home_page)
    event = EventPageFactory(parent=events)
    copy = event.copy(update_attrs={"slug": "copied"})
    assert (copy.specific.start, copy.specific.end) == (event.start, event.end)
    assert EventPage.objects.count() == 2
