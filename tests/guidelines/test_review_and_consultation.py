"""The review cycle (reminders, dashboard, report, audit) and the consultation."""

from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from guidelines.actions import send_review_reminders
from guidelines.models import ConsultationComment, ReviewReminder
from guidelines.vocabulary import GuidelineStatus
from tests.guidelines.conftest import make_guideline, republish

pytestmark = pytest.mark.django_db
DUE = date(2027, 3, 15)


@pytest.fixture
def due(index):
    return make_guideline(index, "CC-G-012", title="Transfer", review_due=DUE)


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (DUE - timedelta(days=91), None),
        (DUE - timedelta(days=90), "90-days"),
        (DUE - timedelta(days=45), "90-days"),
        (DUE - timedelta(days=30), "30-days"),
        (DUE, "due"),
        (DUE + timedelta(days=3), "due"),
    ],
)
def test_each_reminder_is_sent_once(due, today, kind):
    first = send_review_reminders(today)
    again = send_review_reminders(today)
    assert again == []
    if kind is None:
        assert first == [] and mail.outbox == []
        return
    assert [reminder.kind for reminder in first] == [kind]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["cc-g-012.owner@example.nhs.uk"]
    assert "CC-G-012" in mail.outbox[0].subject
    assert ReviewReminder.objects.filter(page=due, kind=kind, review_due=DUE).count() == 1


def test_a_full_cycle_sends_three_reminders(due):
    day = DUE - timedelta(days=100)
    while day <= DUE + timedelta(days=10):
        call_command("send_guideline_review_reminders", date=day.isoformat())
        day += timedelta(days=1)
    assert [m.subject.split(" ", 1)[1] for m in mail.outbox] == [
        "is due for review in 90 days",
        "is due for review in 30 days",
        "has reached its review date",
    ]


def test_a_new_review_date_starts_a_new_cycle(due):
    send_review_reminders(DUE)
    republish(due, review_due=date(2030, 3, 15))
    send_review_reminders(date(2029, 12, 16))
    assert len(mail.outbox) == 2


def test_a_failed_email_is_retried(due, settings):
    settings.EMAIL_BACKEND = "tests.guidelines.test_review_and_consultation.FailingBackend"
    assert send_review_reminders(DUE) == []
    assert not ReviewReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert len(send_review_reminders(DUE)) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_bad_command_date_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a date"):
        call_command("send_guideline_review_reminders", date="tomorrow")


def test_dashboard_panel_and_report_list_what_is_due(client, index, superuser):
    from django.utils import timezone

    today = timezone.localdate()
    make_guideline(
        index,
        "CC-G-001",
        title="Overdue one",
        review_due=today - timedelta(days=5),
        approved_on=today - timedelta(days=900),
    )
    make_guideline(index, "CC-G-002", title="Soon one", review_due=today + timedelta(days=40))
    make_guideline(index, "CC-G-003", title="Later one", review_due=today + timedelta(days=400))
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Guidelines due for review" in html
    assert "Overdue one" in html and "Soon one" in html and "Later one" not in html
    report = reverse("guidelines_review:index")
    html = client.get(report).content.decode()
    assert "Overdue one" in html and "Soon one" in html and "Later one" not in html
    assert "Overdue by 5 days" in html
    html = client.get(report, {"due": "overdue"}).content.decode()
    assert "Overdue one" in html and "Soon one" not in html
    csv = b"".join(client.get(report, {"export": "csv"}).streaming_content).decode()
    assert "CC-G-001" in csv and "CC-G-003" not in csv


def test_outsiders_of_the_admin_see_no_review_report(client, index, member):
    client.force_login(member)
    response = client.get(reverse("guidelines_review:index"))
    assert response.status_code in (302, 403)


def test_status_changes_are_in_wagtails_log(index):
    page = make_guideline(
        index, status=GuidelineStatus.CONSULTATION, approved_on=None, review_due=None
    )
    republish(
        page,
        status=GuidelineStatus.APPROVED,
        approved_on=date(2026, 11, 25),
        review_due=date(2029, 11, 26),
    )
    entries = PageLogEntry.objects.filter(page=page, action="guidelines.status_changed")
    assert [(e.data["from"], e.data["to"]) for e in entries.order_by("timestamp")] == [
        (None, "consultation"),
        ("consultation", "approved"),
    ]
    assert "from Out for consultation to Approved" in entries.latest("timestamp").message


# --- Consultation ---------------------------------------------------------------------


@pytest.fixture
def draft(index):
    return make_guideline(
        index,
        "CC-G-024",
        title="Delirium",
        status=GuidelineStatus.CONSULTATION,
        approved_on=None,
        review_due=None,
    )


COMMENT = {
    "name": "Priya Shah",
    "organisation": "Leeds Teaching Hospitals NHS Trust",
    "section": "4.2 Screening",
    "comment": '=HYPERLINK("http://x") Please say how often to screen at night.',
}


def test_a_member_comments_and_is_told_when_approved(
    client, draft, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    html = client.get(draft.url).content.decode()
    assert "Comment on this draft" in html and "Send comment" in html
    response = client.post(f"{draft.url}comment/", COMMENT)
    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert (comment.page_id, comment.version, comment.email) == (draft.pk, "1.0", member.email)
    with django_capture_on_commit_callbacks(execute=True):
        republish(
            draft,
            status=GuidelineStatus.APPROVED,
            approved_on=date(2026, 11, 25),
            review_due=date(2029, 11, 26),
        )
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "CC-G-024 approved" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        republish(draft, version_minor=1)
    assert len(mail.outbox) == 1  # told once


@pytest.mark.parametrize("who", [None, "outsider"])
def test_only_members_comment(client, request, draft, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert "Send comment" not in client.get(draft.url).content.decode()
    response = client.post(f"{draft.url}comment/", COMMENT)
    assert response.status_code in (302, 403)
    assert not ConsultationComment.objects.exists()


def test_bad_comments_are_form_errors(client, draft, member):
    client.force_login(member)
    response = client.post(f"{draft.url}comment/", {**COMMENT, "comment": "", "section": "x\x00"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    approved = republish(
        draft,
        status=GuidelineStatus.APPROVED,
        approved_on=date(2026, 11, 25),
        review_due=date(2029, 11, 26),
    )
    response = client.post(f"{approved.url}comment/", COMMENT)
    assert response.status_code == 400
    assert "no longer out for consultation" in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_office_exports_and_closes_comments(client, draft, member, superuser):
    client.force_login(member)
    client.post(f"{draft.url}comment/", COMMENT)
    client.force_login(superuser)
    listing = reverse("consultation_comments:list")
    assert "Priya Shah" in client.get(listing).content.decode()
    csv = b"".join(client.get(listing, {"export": "csv"}).streaming_content).decode()
    assert "'=HYPERLINK" in csv and "CC-G-024" in csv
    xlsx = client.get(listing, {"export": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(b"".join(xlsx.streaming_content))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert any(str(v).startswith("=HYPERLINK") for v in cells if v)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    comment = ConsultationComment.objects.get()
    url = reverse(
        "wagtail_bulk_action", args=("guidelines", "consultationcomment", "close_comments")
    )
    response = client.post(f"{url}?id={comment.pk}", {})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "closed"
    assert client.get(reverse("consultation_comments:add")).status_code in (302, 403)
