"""A network member asks to join from the group page; the office approves in the admin;
the member is emailed and reads the papers at once; leaving is one click."""

import pytest

from groups.models import JoinRequest

pytestmark = pytest.mark.django_db


def test_join_approve_read_and_leave(
    client, meeting, group, other_member, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    _, papers = meeting
    client.force_login(other_member)
    assert "Ask to join this group" in client.get(group.url).content.decode()
    assert client.get(f"/group-membership/{group.pk}/join/").status_code == 405  # POST only
    assert client.post(f"/group-membership/{group.pk}/join/").status_code == 302
    assert "You have asked to join" in client.get(group.url).content.decode()
    client.post(f"/group-membership/{group.pk}/join/")  # a second request is refused
    join_request = JoinRequest.objects.get(user=other_member)
    assert JoinRequest.objects.filter(user=other_member).count() == 1
    assert client.get(papers.url).status_code == 403

    client.force_login(superuser)
    url = f"/admin/bulk/groups/joinrequest/approve/?next=/admin/&id={join_request.pk}"
    assert "will be approved" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == "approved" and join_request.decided_by == superuser
    assert len(mailoutbox) == 1 and other_member.email in mailoutbox[0].to
    assert "You are now a member of the Clinical governance group" in mailoutbox[0].body

    client.force_login(other_member)
    response = client.get(papers.url)
    assert (
        response.status_code == 200 and "Rehabilitation prescription" in response.content.decode()
    )
    assert client.post(f"/group-membership/{group.pk}/leave/").status_code == 302
    assert client.get(papers.url).status_code == 403


def test_decline_and_who_may_ask(
    client, group, other_member, outsider, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(outsider)  # signed in but not a network member
    client.post(f"/group-membership/{group.pk}/join/")
    assert not JoinRequest.objects.exists()
    client.logout()
    assert client.post(f"/group-membership/{group.pk}/join/").status_code == 302
    assert not JoinRequest.objects.exists()
    assert client.post("/group-membership/999999/join/").status_code == 404

    client.force_login(other_member)
    client.post(f"/group-membership/{group.pk}/join/")
    join_request = JoinRequest.objects.get()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/bulk/groups/joinrequest/decline/?next=/admin/&id={join_request.pk}")
    join_request.refresh_from_db()
    assert join_request.status == "declined"
    assert "declined your request" in mailoutbox[0].body
    assert not group.is_member(other_member)
    assert client.get("/admin/snippets/groups/joinrequest/").status_code == 200
