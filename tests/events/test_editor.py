"""The editor's view: the event form in the Wagtail admin and its messages."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from events.models import EventPage

pytestmark = pytest.mark.django_db


def form(**overrides):
    data = {
        "title": "Network governance board",
        "slug": "network-governance-board",
        "summary": "The network board.",
        "start": "2026-05-05 14:00",
        "end": "2026-05-05 16:00",
        "status": "scheduled",
        "format": "in_person",
        "repeat": "monthly",
        "repeat_interval": "1",
        "repeat_position": "1",
        "repeat_count": "6",
        "excluded_dates": inline_formset([{"date": "2026-07-07"}]),
        "documents": inline_formset([]),
        "body": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_a_monthly_series(client, events_index, superuser):
    client.force_login(superuser)
    add_url = f"/admin/pages/add/events/eventpage/{events_index.pk}/"
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, form())
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="network-governance-board")
    assert event.recurrence_description == "Every month on the first Tuesday, 6 times"
    assert [row.date.isoformat() for row in event.excluded_dates.all()] == ["2026-07-07"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end": "2026-05-05 13:00"}, "end", "The event must end after it starts."),
        ({"repeat_count": ""}, "repeat_until", "Choose when the series stops"),
        ({"repeat_position": "2"}, "start", "second Tuesday of its month"),
        (
            {"excluded_dates": inline_formset([{"date": "2026-07-08"}])},
            "repeat",
            "not dates of this series: 8 July 2026",
        ),
    ],
)
def test_editor_is_told_what_to_fix(client, events_index, superuser, overrides, field, message):
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/events/eventpage/{events_index.pk}/", form(**overrides)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert not EventPage.objects.exists()


def test_calendar_page_sits_under_the_home_page(home_page, events_index):
    from events.models import EventIndexPage

    assert EventIndexPage in type(home_page).allowed_subpage_models()
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]


def test_series_end_fields_explain_themselves(client, events_index, superuser):
    client.force_login(superuser)
    html = client.get(f"/admin/pages/add/events/eventpage/{events_index.pk}/").content.decode()
    assert "The date of the last event in the series." in html
    assert "How many events the series has, the first one included." in html


@pytest.mark.parametrize(
    "overrides",
    [
        # The dates are wrong and so are the series' settings: every message at once.
        {"end": "2026-05-05 13:00", "repeat": "weekly", "repeat_until": "2026-09-01"},
        {"start": "", "repeat": "weekly", "repeat_until": "2026-09-01"},
    ],
)
def test_editor_sees_every_error_on_one_submit(client, events_index, superuser, overrides):
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/add/events/eventpage/{events_index.pk}/",
        form(title="", **overrides),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors
    assert "start" in errors or "end" in errors
    assert any("not both" in error for error in errors["repeat_count"]), errors
    assert any("only applies to monthly" in error for error in errors["repeat_position"]), errors
    assert not EventPage.objects.exists()


def test_monthly_only_field_is_shown_only_for_monthly_series(client, events_index, superuser):
    client.force_login(superuser)
    html = client.get(f"/admin/pages/add/events/eventpage/{events_index.pk}/").content.decode()
    # Wagtail's rules controller on the Repeats panel; the week of the month is its
    # target, shown (and sent) only when Repeat is Monthly. No inline script.
    assert 'data-controller="w-rules"' in html
    assert 'data-action="change-&gt;w-rules#resolve"' in html
    rule = 'data-w-rules="{&quot;repeat&quot;: [&quot;monthly&quot;]}"'
    assert html.count(rule) == 2
    assert 'data-w-rules-target="show"' in html
    assert 'data-w-rules-target="enable"' in html


def test_excluded_dates_are_a_plain_list_in_date_order(client, events_index, superuser):
    client.force_login(superuser)
    add_url = f"/admin/pages/add/events/eventpage/{events_index.pk}/"
    dates = inline_formset([{"date": "2026-09-01"}, {"date": "2026-07-07"}])
    response = client.post(add_url, form(excluded_dates=dates))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="network-governance-board")
    assert [row.date.isoformat() for row in event.excluded_dates.all()] == [
        "2026-07-07",
        "2026-09-01",
    ]
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="excluded_dates-0-date"' in html
    assert "excluded_dates-0-ORDER" not in html
