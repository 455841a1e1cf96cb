"""A Welsh applicant: the request form's labels, hints, choices and errors are Welsh,
and so are the emails about their request, from the first to the decision."""

from django.core import mail

from wagtail.models import Locale

import pytest

from core.models import StaffGroup
from membership import actions
from membership.models import MembershipRequest, MembershipRequestPage
from tests.membership.conftest import form_data
from tests.welsh.visible_text import english_in_welsh, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh(db):
    return Locale.objects.get_or_create(language_code="cy")[0]


@pytest.fixture
def surgeons(welsh):
    english = StaffGroup.objects.create(
        name="Trauma surgeons", slug="trauma-surgeons", locale=Locale.get_default()
    )
    translation = english.copy_for_translation(welsh)
    translation.name = "Llawfeddygon trawma"
    translation.save()
    return english, translation


@pytest.fixture
def welsh_request_page(welsh_site, surgeons):
    """The Welsh request page's address (``welsh_site``), with the staff groups in Welsh."""
    return "/cy/gwneud-cais-am-aelodaeth/"


def welsh_text(html):
    return " ".join(text for lang, text in visible_text(html) if lang.startswith("cy"))


def test_the_form_speaks_welsh_and_lists_the_welsh_staff_groups(client, welsh_request_page):
    html = client.get(welsh_request_page).content.decode()
    text = welsh_text(html)
    for welsh in (
        "Enw llawn",
        "Cyfeiriad e-bost gwaith",
        "Eich e-bost gwaith, wedi\u2019i gadw mewn llythrennau bach.",
        "Dewiswch eich grŵp staff",
        "Llawfeddygon trawma",
        "Corff cofrestru proffesiynol (dewisol)",
        "Pam mae angen mynediad arnoch chi?",
        "Anfon y cais",
    ):
        assert welsh in text
    assert "Trauma surgeons" not in html
    assert english_in_welsh(html) == []


def test_its_errors_are_welsh(client, welsh_request_page):
    response = client.post(welsh_request_page, {"registration_number": "12A3456B"})
    html = response.content.decode()
    text = welsh_text(html)
    for welsh in (
        "Mae problem",
        "Rhowch eich enw llawn.",
        "Rhowch eich cyfeiriad e-bost gwaith.",
        "Dewiswch eich grŵp staff, neu Arall os nad yw ar y rhestr.",
        "Dewiswch y corff sy\u2019n cadw eich rhif cofrestru.",
        "Rhaid i chi gytuno i ni brosesu eich manylion cyn y gallwch barhau.",
    ):
        assert welsh in text
    assert english_in_welsh(html) == []
    assert not MembershipRequest.objects.exists()


def test_a_welsh_request_is_reviewed_in_the_office_list_and_answered_in_welsh(
    client, welsh_request_page, surgeons, office_user
):
    english_group, welsh_group = surgeons
    response = client.post(welsh_request_page, form_data(staff_group=welsh_group.pk))
    assert response.status_code == 200

    request = MembershipRequest.objects.get()
    assert request.staff_group == english_group  # one list for the office, in English
    assert request.language == "cy"
    verify = mail.outbox[-1]
    assert verify.subject == ("Cadarnhewch eich cyfeiriad e-bost ar gyfer eich cais am aelodaeth")
    assert verify.body.startswith("Helo Jo Clinician,")
    assert "Diolch am wneud cais am aelodaeth o\u2019r rhwydwaith." in verify.body
    assert "/membership/verify/" in verify.body

    actions.verify_email(actions.verification_token(request), "http://testserver")
    office = mail.outbox[-1]
    assert office.subject == "Membership request awaiting review"  # the office reads English
    assert "Staff group: Trauma surgeons" in office.body

    request.refresh_from_db()
    actions.reject(request, None, "Nid yw eich rôl yn y rhwydwaith.")
    rejected = mail.outbox[-1]
    assert rejected.subject == "Eich cais am aelodaeth o\u2019r rhwydwaith"
    assert "Nid yw swyddfa\u2019r rhwydwaith wedi cymeradwyo eich cais" in rejected.body


def test_an_english_request_stays_english(client, welsh_request_page, surgeons):
    english_group, _welsh_group = surgeons
    html = client.get("/request-membership/").content.decode()
    assert "Trauma surgeons" in html
    assert "Llawfeddygon" not in html
    client.post("/request-membership/", form_data(staff_group=english_group.pk))
    assert MembershipRequest.objects.get().language == "en-gb"
    assert mail.outbox[-1].subject == "Confirm your email address for your membership request"


def test_a_headless_front_end_may_post_either_version_of_a_staff_group(
    client, welsh_request_page, surgeons
):
    english_group, welsh_group = surgeons
    for number, group in enumerate((welsh_group, english_group)):
        data = form_data(staff_group=group.pk, email=f"applicant{number}@nhs.net")
        response = client.post("/membership/api/requests/", data, content_type="application/json")
        assert response.status_code == 202, response.json()
    assert {r.staff_group for r in MembershipRequest.objects.all()} == {english_group}


def test_the_json_endpoint_answers_in_the_applicants_language(
    client, surgeons, commit_hooks_run_on_commit
):
    url = "/membership/api/requests/"
    english_group, welsh_group = surgeons

    errors = client.post(url, {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="cy")
    assert errors.status_code == 400
    assert errors.json()["message"] == "Cywirwch y gwallau."
    assert errors.json()["errors"]["full_name"] == ["Rhowch eich enw llawn."]

    not_json = client.post(url, "{", content_type="application/json", HTTP_ACCEPT_LANGUAGE="cy")
    assert not_json.json() == {"message": "Nid yw corff y cais yn JSON dilys."}

    data = {**form_data(staff_group=welsh_group.pk), "language": "cy"}
    accepted = client.post(url, data, content_type="application/json")
    assert accepted.status_code == 202
    assert accepted.json()["message"].startswith("Diolch.")
    request = MembershipRequest.objects.get()
    assert (request.language, request.staff_group) == ("cy", english_group)
    assert mail.outbox[-1].body.startswith("Helo Jo Clinician,")

    unknown = client.post(url, {**data, "language": "fr"}, content_type="application/json")
    assert unknown.status_code == 400
    assert unknown.json() == {"message": "language must be one of: en-gb, cy"}


def test_the_verification_page_speaks_the_applicants_language(client, welsh_request_page, surgeons):
    _english_group, welsh_group = surgeons
    client.post(welsh_request_page, form_data(staff_group=welsh_group.pk))
    path = (
        "/membership/verify/" + mail.outbox[-1].body.split("/membership/verify/", 1)[1].split()[0]
    )

    html = client.get(path).content.decode()
    assert '<html lang="cy"' in html
    assert "Cadarnhau fy nghyfeiriad e-bost" in welsh_text(html)
    assert english_in_welsh(html) == []

    welsh_page = MembershipRequestPage.objects.get(locale__language_code="cy")
    welsh_page.verified_text = "<p>Diolch: mae eich cyfeiriad e-bost wedi\u2019i gadarnhau.</p>"
    welsh_page.save_revision().publish()
    confirmed = client.post(path).content.decode()
    assert '<html lang="cy"' in confirmed
    assert "Diolch: mae eich cyfeiriad e-bost wedi\u2019i gadarnhau." in confirmed
    assert english_in_welsh(confirmed) == []
    assert MembershipRequest.objects.get().status == MembershipRequest.Status.AWAITING_REVIEW
