"""Review by the network office in the Wagtail admin, and the decisions it takes."""

import csv
import io
import re

from django.contrib.auth import get_user_model
from django.core import mail

from wagtail.models import ModelLogEntry

import pytest

from membership import actions
from membership.models import MembershipRequest
from tests.factories import UserFactory
from tests.membership.conftest import make_request

pytestmark = pytest.mark.django_db
Status = MembershipRequest.Status
LIST = "/admin/membership-requests/"


@pytest.fixture
def office(client, office_user):
    client.force_login(office_user)
    return client


def test_office_lists_filters_and_searches_requests(office, staff_group):
    make_request(full_name="Ann Alpha", email="ann@nhs.net", staff_group=staff_group)
    make_request(
        full_name="Bob Beta",
        email="bob@gmail.com",
        flagged_domain=True,
        status=Status.REJECTED,
        organisation="Private clinic",
    )
    html = office.get(LIST).content.decode()
    assert "Ann Alpha" in html and "Bob Beta" in html
    html = office.get(LIST, {"status": "awaiting_review"}).content.decode()
    assert "Ann Alpha" in html and "Bob Beta" not in html
    html = office.get(LIST, {"flagged_domain": "true"}).content.decode()
    assert "Bob Beta" in html and "Ann Alpha" not in html
    html = office.get(LIST, {"staff_group": staff_group.pk}).content.decode()
    assert "Ann Alpha" in html and "Bob Beta" not in html
    html = office.get(LIST, {"q": "bob@gmail"}).content.decode()
    assert "Bob Beta" in html and "Ann Alpha" not in html
    html = office.get(LIST, {"organisation": "Private clinic"}).content.decode()
    assert "Bob Beta" in html and "Ann Alpha" not in html


@pytest.mark.parametrize("size", [2, 20])
def test_listing_query_count_is_flat(office, staff_group, size, django_assert_max_num_queries):
    for n in range(size):
        make_request(email=f"p{n}@nhs.net", staff_group=staff_group)
    with django_assert_max_num_queries(30):
        assert office.get(LIST).status_code == 200


def test_inspect_view_shows_the_request_escaped(office):
    request = make_request(full_name="<b>Bold</b>", access_reason="<script>x()</script>")
    html = office.get(f"{LIST}inspect/{request.pk}/").content.decode()
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script>x()</script>" not in html
    assert f"/admin/membership-review/{request.pk}/approve/" in html
    assert f"/admin/membership-review/{request.pk}/reject/" in html


def test_dashboard_shows_how_many_await_review(office):
    make_request(email="a@nhs.net")
    make_request(email="b@nhs.net")
    make_request(email="c@nhs.net", status=Status.APPROVED)
    html = office.get("/admin/").content.decode()
    assert "2 awaiting review" in html


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_members_and_outsiders_have_no_admin_access(client, who, request):
    make_request()
    client.force_login(request.getfixturevalue(who))
    for url in ["/admin/", LIST, "/admin/membership-review/1/approve/"]:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Pat Applicant" not in response.content.decode()


def test_approve_in_the_admin_creates_a_member_and_emails_a_set_password_link(
    office, office_user, client
):
    request = make_request()
    response = office.post(f"/admin/membership-review/{request.pk}/approve/", {"note": "ok"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.APPROVED
    assert request.reviewed_by == office_user
    user = request.user
    assert user.email == "pat.applicant@nhs.net"
    assert user.groups.filter(name="Network members").exists()
    assert not user.is_staff and not user.has_usable_password()
    assert mail.outbox[0].subject == "Your network membership is approved"
    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", mail.outbox[0].body)
    assert link
    entry = ModelLogEntry.objects.get(action="membership.approved")
    assert entry.user == office_user
    assert entry.data == {"from": "awaiting_review", "to": "approved"}


def test_approval_adds_an_ordinary_active_account_to_the_members(office_user, members_group):
    existing = UserFactory(email="pat.applicant@nhs.net", first_name="Patricia")
    request = actions.approve(make_request(), office_user)
    assert request.user == existing
    existing.refresh_from_db()
    assert existing.first_name == "Patricia"
    assert members_group in existing.groups.all()
    assert get_user_model().objects.filter(email__iexact="pat.applicant@nhs.net").count() == 1


@pytest.mark.parametrize(
    ("flags", "described"),
    [
        ({"is_superuser": True, "is_staff": True, "is_active": False}, "a superuser account"),
        ({"is_staff": True}, "a staff account"),
        ({"is_active": False}, "a deactivated account"),
    ],
)
def test_approval_never_revives_or_alters_a_protected_account(
    office, office_user, members_group, flags, described
):
    account = UserFactory(email="pat.applicant@nhs.net", first_name="Kept", **flags)
    request = make_request(full_name="Someone Else")
    response = office.post(f"/admin/membership-review/{request.pk}/approve/", follow=True)
    assert f"belongs to {described}" in response.content.decode()

    account.refresh_from_db()
    assert (account.is_active, account.is_staff, account.is_superuser) == (
        flags.get("is_active", True),
        flags.get("is_staff", False),
        flags.get("is_superuser", False),
    )
    assert account.first_name == "Kept"
    assert not account.groups.filter(pk=members_group.pk).exists()
    request.refresh_from_db()
    assert request.status == Status.AWAITING_REVIEW
    assert described in request.account_conflict
    assert mail.outbox == []
    assert described in office.get(LIST).content.decode()


def test_bulk_approval_skips_and_reports_requests_changed_meanwhile(office):
    from wagtail import hooks

    first = make_request(email="a@nhs.net")
    changed = make_request(email="b@nhs.net")
    protected = make_request(email="c@nhs.net")
    UserFactory(email="c@nhs.net", is_staff=True)

    def another_reviewer_rejects(request, action_type, objects, action_class_instance):
        # Another reviewer's decision lands after this batch read its requests.
        MembershipRequest.objects.filter(pk=changed.pk).update(status=Status.REJECTED)

    url = "/admin/bulk/membership/membershiprequest/approve/"
    query = f"?id={first.pk}&id={changed.pk}&id={protected.pk}&next={LIST}"
    with hooks.register_temporarily("before_bulk_action", another_reviewer_rejects):
        response = office.post(url + query, {"note": ""}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 membership request approved." in html
    assert f"Skipped: Membership request #{changed.pk} is rejected" in html
    assert "Skipped: The address belongs to a staff account" in html
    assert dict(MembershipRequest.objects.values_list("email", "status")) == {
        "a@nhs.net": Status.APPROVED,
        "b@nhs.net": Status.REJECTED,
        "c@nhs.net": Status.AWAITING_REVIEW,
    }
    assert [m.to for m in mail.outbox] == [["a@nhs.net"]]


def test_decision_emails_wait_for_the_commit(office_user):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        actions.approve(make_request(), office_user)
        assert mail.outbox == [], "nothing leaves before the commit"
        raise RuntimeError("the batch fails after this approval")
    assert mail.outbox == []
    assert not MembershipRequest.objects.filter(status=Status.APPROVED).exists()


def test_reject_needs_a_reason_and_emails_it(office, office_user):
    request = make_request()
    url = f"/admin/membership-review/{request.pk}/reject/"
    response = office.post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Give the reason" in response.content.decode()
    office.post(url, {"reason": "Please apply with your <NHS> address."})
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    assert request.decision_reason == "Please apply with your <NHS> address."
    assert "&lt;NHS&gt; address" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="membership.rejected").count() == 1


def test_deciding_twice_is_refused_with_a_message(office):
    request = make_request(status=Status.APPROVED)
    response = office.post(f"/admin/membership-review/{request.pk}/approve/", follow=True)
    assert response.status_code == 200
    assert "is approved, not awaiting review" in response.content.decode()
    with pytest.raises(actions.InvalidTransition):
        actions.reject(request, None, "no")


def test_unknown_request_is_404(office):
    assert office.get("/admin/membership-review/999999/approve/").status_code == 404


def test_bulk_approve_and_reject(office):
    first = make_request(email="a@nhs.net")
    second = make_request(email="b@nhs.net")
    done = make_request(email="c@nhs.net", status=Status.APPROVED)
    url = "/admin/bulk/membership/membershiprequest/approve/"
    query = f"?id={first.pk}&id={second.pk}&id={done.pk}&next={LIST}"
    confirm = office.get(url + query)
    assert confirm.status_code == 200
    assert "These requests will be approved" in confirm.content.decode()
    response = office.post(url + query, {"note": ""})
    assert response.status_code == 302
    assert set(
        MembershipRequest.objects.filter(status=Status.APPROVED).values_list("email", flat=True)
    ) == {"a@nhs.net", "b@nhs.net", "c@nhs.net"}
    assert len(mail.outbox) == 2  # the already approved request is left alone

    third = make_request(email="d@nhs.net")
    url = "/admin/bulk/membership/membershiprequest/reject/"
    office.post(f"{url}?id={third.pk}&next={LIST}", {"reason": "Not in our region."})
    third.refresh_from_db()
    assert third.status == Status.REJECTED
    assert "Not in our region." in mail.outbox[-1].body


def test_csv_export_writes_text_as_written_and_guards_formulas(office):
    make_request(full_name="Siobhán O'Brien", organisation="Leeds & York <Partnership>")
    make_request(
        full_name='=HYPERLINK("http://evil")',
        organisation=" \uff1dSUM(A1)",
        email="second.applicant@nhs.net",
    )
    response = office.get(LIST, {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = {row["Full name"]: row for row in csv.DictReader(io.StringIO(content))}
    assert rows["Siobhán O'Brien"]["Organisation"] == "Leeds & York <Partnership>"
    assert rows['\'=HYPERLINK("http://evil")']["Organisation"] == "' \uff1dSUM(A1)"


def test_failed_email_shows_in_the_admin_and_can_be_resent(office, settings):
    request = make_request(email_failure="approved email: ConnectionRefusedError")
    request = actions.approve(request, None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    actions.send_decision(request)
    request.refresh_from_db()
    assert request.email_failure.startswith("approved email:")
    html = office.get(LIST).content.decode()
    assert "approved email:" in html
    inspect = office.get(f"{LIST}inspect/{request.pk}/").content.decode()
    assert f"/admin/membership-review/{request.pk}/resend/" in inspect

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    response = office.post(f"/admin/membership-review/{request.pk}/resend/", follow=True)
    assert "Email sent." in response.content.decode()
    request.refresh_from_db()
    assert request.email_failure == ""
    assert mail.outbox[0].subject == "Your network membership is approved"
    assert ModelLogEntry.objects.filter(action="membership.email_resent").exists()


def test_history_shows_every_status_change(office, office_user):
    request = make_request()
    actions.approve(request, office_user)
    html = office.get(f"{LIST}history/{request.pk}/").content.decode()
    assert "Membership request approved" in html


@pytest.mark.parametrize("who", ["superuser", "office_user"])
def test_nobody_adds_requests_in_the_admin(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 200
    assert f'href="{LIST}add/"' not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}add/").status_code in (302, 403)
    assert not MembershipRequest.objects.exists()


def test_approve_screen_says_what_it_does_and_shows_the_registration(office, staff_group):
    request = make_request(
        staff_group=staff_group,
        registration_body=MembershipRequest.RegistrationBody.NMC,
        registration_number="12A3456B",
    )
    html = office.get(f"/admin/membership-review/{request.pk}/approve/").content.decode()
    assert f"<title>Approve request #{request.pk}" in html
    assert "NMC (Nursing and Midwifery Council)" in html and "12A3456B" in html
    assert "Critical care nurses" in html
    blank = make_request(email="blank@nhs.net")
    html = office.get(f"/admin/membership-review/{blank.pk}/reject/").content.decode()
    assert f"<title>Reject request #{blank.pk}" in html
    assert "Not given" in html and "None" not in html.split("<dl>")[1].split("</dl>")[0]
