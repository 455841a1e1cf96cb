"""Joining and leaving a network group: plain functions called by views and the admin.

Emails leave after the decision commits (``transaction.on_commit``).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.access import is_member
from groups.models import JoinRequest, NetworkGroupPage


class JoinError(Exception):
    """Why a request to join (or a decision) cannot go ahead, as a sentence."""


def ask_to_join(group: NetworkGroupPage, user) -> JoinRequest:
    """Record ``user``'s request to join ``group``. Raises ``JoinError``."""
    if not is_member(user):
        raise JoinError("Only network members can ask to join a group.")
    if group.is_member(user):
        raise JoinError("You are already a member of this group.")
    try:
        with transaction.atomic():
            return JoinRequest.objects.create(group=group, user=user)
    except IntegrityError:
        raise JoinError("You have already asked to join this group.") from None


def _decide(join_request: JoinRequest, by, status) -> JoinRequest:
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequest.Status.PENDING:
            raise JoinError(f"{locked} was already {locked.get_status_display().lower()}.")
        locked.status = status
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.save(update_fields=["status", "decided_at", "decided_by"])
        if status == JoinRequest.Status.APPROVED:
            locked.user.groups.add(locked.group.members_group)
        transaction.on_commit(lambda: _tell(locked))
    return locked


def approve(join_request: JoinRequest, by=None) -> JoinRequest:
    """Add the member to the group (they read its papers at once) and email them."""
    return _decide(join_request, by, JoinRequest.Status.APPROVED)


def decline(join_request: JoinRequest, by=None) -> JoinRequest:
    return _decide(join_request, by, JoinRequest.Status.DECLINED)


def leave(group: NetworkGroupPage, user) -> None:
    """Take ``user`` out of ``group`` (one click from the group page)."""
    if group.members_group_id:
        user.groups.remove(group.members_group)


def _tell(join_request: JoinRequest) -> None:
    approved = join_request.status == JoinRequest.Status.APPROVED
    title = join_request.group.title
    body = (
        f"You are now a member of the {title}. You can read its papers at "
        f"{join_request.group.full_url}"
        if approved
        else f"The network office has declined your request to join the {title}. "
        "Reply to this email if you would like to know more."
    )
    send_mail(
        f"{title}: your request to join",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [join_request.user.email],
        fail_silently=True,
    )
