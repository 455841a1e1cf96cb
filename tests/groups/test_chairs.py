"""A group's chair edits and publishes their own group's pages and papers, and decides
requests to join it, without other admin rights; the office keeps the privacy fields."""

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission

import pytest

from core.access import can_view_page
from groups.models import JoinRequest, MeetingPapersPage, NetworkGroupPage
from tests.factories import UserFactory
from tests.groups.conftest import make_group, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def chairs():
    return Group.objects.create(name="Chair: Clinical governance group")


@pytest.fixture
def chair(chairs, members_group):
    user = UserFactory(first_name="Priya", last_name="Natarajan")
    user.groups.add(chairs, members_group)
    return user


@pytest.fixture
def chaired_group(group, chairs):
    group = NetworkGroupPage.objects.get(pk=group.pk)
    group.editors_group = chairs
    group.save_revision().publish()
    return NetworkGroupPage.objects.get(pk=group.pk)


@pytest.fixture
def other_group(groups_index):
    return make_group(groups_index, "Rehabilitation working group")


def test_the_chair_edits_and_publishes_their_group_only(
    client, chaired_group, other_group, meeting, chair, chairs
):
    meeting_page, papers = meeting
    for page in (chaired_group, meeting_page, papers):
        permissions = page.permissions_for_user(chair)
        assert permissions.can_edit() and permissions.can_publish(), page.title
    assert chaired_group.permissions_for_user(chair).can_add_subpage()
    assert not other_group.permissions_for_user(chair).can_edit()
    assert not other_group.get_parent().permissions_for_user(chair).can_edit()

    client.force_login(chair)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{papers.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other_group.pk}/edit/").status_code == 302  # refused
    assert client.get("/admin/users/").status_code == 302
    assert GroupPagePermission.objects.filter(group=chairs).count() == 3


def test_the_chair_reads_the_papers_and_only_the_office_sets_who_may(
    chaired_group, meeting, chairs, office_user
):
    _, papers = meeting
    chair_only = UserFactory()
    chair_only.groups.add(chairs)  # in the editors' group but not the members'
    assert can_view_page(chair_only, papers)
    assert chairs in papers.view_restrictions.get().groups.all()

    form_class = NetworkGroupPage.get_edit_handler().get_form_class()
    chair_form = form_class(instance=chaired_group, for_user=chair_only)
    for name in ("members_group", "editors_group", "papers_collection"):
        assert chair_form.fields[name].disabled, name
    office_form = form_class(instance=chaired_group, for_user=office_user)
    assert not office_form.fields["members_group"].disabled


def test_the_chair_cannot_make_the_papers_public(client, chaired_group, meeting, chair):
    """Publishing the papers would let a chair use Wagtail's privacy dialog or the
    Members only control; neither is offered for papers, and a forged POST changes
    nothing."""
    from django.urls import reverse

    _, papers = meeting
    before = list(papers.view_restrictions.values_list("pk", "restriction_type"))
    client.force_login(chair)

    dialog = reverse("wagtailadmin_pages:set_privacy", args=(papers.pk,))
    assert client.get(dialog).status_code in (302, 403)  # the admin's "permission denied"
    assert client.post(dialog, {"restriction_type": "none"}).status_code in (302, 403)
    control = reverse("members_only:page", args=(papers.pk,))
    assert client.get(control).status_code in (302, 403)  # the admin's "permission denied"
    assert client.post(control, {"members_only": ""}).status_code in (302, 403)

    assert list(papers.view_restrictions.values_list("pk", "restriction_type")) == before
    client.logout()
    assert client.get(papers.url).status_code in (302, 403)


def test_a_new_chair_replaces_the_old_one(chaired_group, meeting, chairs):
    _, papers = meeting
    successor = Group.objects.create(name="Chair: Clinical governance group (2027)")
    group = NetworkGroupPage.objects.get(pk=chaired_group.pk)
    group.editors_group = successor
    group.save_revision().publish()
    old_chair, new_chair = UserFactory(), UserFactory()
    old_chair.groups.add(chairs)
    new_chair.groups.add(successor)
    papers = MeetingPapersPage.objects.get(pk=papers.pk)
    assert not papers.permissions_for_user(old_chair).can_edit()
    assert papers.permissions_for_user(new_chair).can_edit()
    assert not can_view_page(old_chair, papers)
    assert can_view_page(new_chair, papers)


def test_the_chair_decides_requests_to_join_their_group_only(
    client,
    chaired_group,
    other_group,
    meeting,
    chair,
    other_member,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    _, papers = meeting
    mine = JoinRequest.objects.create(group=chaired_group, user=other_member)
    theirs = JoinRequest.objects.create(group=other_group, user=other_member)

    client.force_login(chair)
    listing = client.get("/admin/snippets/groups/joinrequest/").content.decode()
    assert f"/admin/snippets/groups/joinrequest/edit/{mine.pk}/" in listing
    assert f"/admin/snippets/groups/joinrequest/edit/{theirs.pk}/" not in listing

    edit = f"/admin/snippets/groups/joinrequest/edit/{mine.pk}/"
    assert client.get(edit).status_code == 200
    client.post(edit, {"group": other_group.pk, "status": "approved"})  # the form is read-only
    mine.refresh_from_db()
    assert mine.group_id == chaired_group.pk and mine.status == JoinRequest.Status.PENDING
    assert client.get(f"/admin/snippets/groups/joinrequest/edit/{theirs.pk}/").status_code != 200

    url = "/admin/bulk/groups/joinrequest/approve/?next=/admin/&id={}"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url.format(theirs.pk))
        client.post(url.format(mine.pk))
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.status == JoinRequest.Status.PENDING
    assert mine.status == JoinRequest.Status.APPROVED and mine.decided_by == chair
    assert len(mailoutbox) == 1

    client.force_login(other_member)
    assert client.get(papers.url).status_code == 200


def test_a_second_meeting_is_restricted_to_the_chair_too(chaired_group, chairs):
    meeting, papers = make_meeting(
        chaired_group, "Clinical governance group: June meeting", chaired_group.first_published_at
    )
    groups = set(papers.view_restrictions.get().groups.values_list("name", flat=True))
    assert groups == {chaired_group.members_group.name, chairs.name, "Network office"}
    assert meeting.live
