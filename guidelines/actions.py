"""Business actions on guidelines, called by signals, the admin and the daily command."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.log_actions import log

from core.cache import bump_content_version
from guidelines.models import ConsultationComment, GuidelinePage, GuidelineVersion, ReviewReminder
from guidelines.vocabulary import RETIRED, GuidelineStatus

logger = logging.getLogger(__name__)

STATUS_CHANGED = "guidelines.status_changed"
# How long before the review date the owner is reminded, latest first.
REMINDER_WINDOWS = [
    (ReviewReminder.Kind.DUE, 0),
    (ReviewReminder.Kind.DAYS_30, 30),
    (ReviewReminder.Kind.DAYS_90, 90),
]
DUE_SOON_DAYS = 90


def record_published_version(page: GuidelinePage, revision=None) -> GuidelineVersion:
    """Keep the version just published (one row per major.minor; republishing the same
    number updates it), log a change of status in Wagtail's audit log, and tell the
    consultation's commenters when the approved version is out."""
    previous = page.versions.order_by("-last_published_at", "-pk").first()
    previous_status = previous.status if previous else None
    now = timezone.now()
    fields = {
        "status": page.status,
        "title": page.title,
        "approved_on": page.approved_on,
        "review_due": page.review_due,
        "summary": page.summary,
        "body": page.body,
        "document_id": page.document_id,
        "revision": revision,
        "last_published_at": now,
    }
    kept, _created = GuidelineVersion.objects.update_or_create(
        page=page,
        major=page.version_major,
        minor=page.version_minor,
        defaults=fields,
        create_defaults={**fields, "first_published_at": now},
    )
    if previous_status != page.status:
        log(
            instance=page,
            action=STATUS_CHANGED,
            user=getattr(revision, "user", None),
            data={"from": previous_status, "to": page.status, "version": page.version},
        )
    if page.status == GuidelineStatus.APPROVED:
        retire_earlier_versions(page, kept)
        supersede_replaced_guideline(page, getattr(revision, "user", None))
        notify_commenters(page)
    return kept


def retire_earlier_versions(page: GuidelinePage, current: GuidelineVersion) -> int:
    """Mark the kept versions before ``current`` that were approved as superseded: the
    versions table and the API then say which version is the network's guidance."""
    return (
        page.versions.filter(status=GuidelineStatus.APPROVED)
        .exclude(pk=current.pk)
        .filter(
            models.Q(major__lt=current.major)
            | models.Q(major=current.major, minor__lt=current.minor)
        )
        .update(status=GuidelineStatus.SUPERSEDED)
    )


def supersede_replaced_guideline(page: GuidelinePage, user=None) -> GuidelinePage | None:
    """When an approved guideline that names what it ``supersedes`` is published, the
    replaced guideline becomes superseded: a new revision of it is published with that
    status (so Wagtail's log records the change), and its page links to this one.

    A replaced guideline already superseded or withdrawn, or not live, is left alone.
    Returns the guideline superseded now, or None.
    """
    if not page.supersedes_id or page.supersedes_id == page.pk:
        return None
    replaced = GuidelinePage.objects.filter(pk=page.supersedes_id).first()
    if replaced is None or not replaced.live or replaced.status in RETIRED:
        return None
    replaced.status = GuidelineStatus.SUPERSEDED
    revision = replaced.save_revision(user=user, clean=False, log_action=True)
    revision.publish(user=user)
    return replaced


def reindex_document_text(document_id: int) -> list[GuidelinePage]:
    """Extract again the text of the guidelines holding this document whose file
    changed since their text was extracted, and update their search index entries.
    Returns the guidelines re-indexed."""
    from wagtail.search.index import insert_or_update_object

    refreshed = []
    for page in GuidelinePage.objects.filter(document_id=document_id).select_related("document"):
        before = page.document_text_source
        page.refresh_document_text()
        if page.document_text_source == before:
            continue
        # Only the extracted text changes: the page's live content and revisions stay.
        GuidelinePage.objects.filter(pk=page.pk).update(
            document_text=page.document_text, document_text_source=page.document_text_source
        )
        insert_or_update_object(page)
        refreshed.append(page)
    if refreshed:
        bump_content_version()  # cached search answers were built from the old text
    return refreshed


def notify_commenters(page: GuidelinePage) -> None:
    """After the commit, email each commenter not yet told (once per address) that
    the approved version is published; a failed email is retried next publication."""
    comments = list(page.consultation_comments.filter(notified_at__isnull=True))
    if not comments:
        return
    by_email = {}
    for comment in comments:
        by_email.setdefault(comment.email.lower(), []).append(comment.pk)
    url = page.full_url
    title, reference, version = page.title, page.reference, page.version

    def send():
        for email, ids in by_email.items():
            body = render_to_string(
                "guidelines/email/approved.txt",
                {"title": title, "reference": reference, "version": version, "url": url},
            )
            try:
                send_mail(f"{reference} approved: {title}", body, None, [email])
            except Exception:  # an unreachable mail server must not undo a publication
                logger.exception("Could not tell %s that %s is approved", email, reference)
                continue
            ConsultationComment.objects.filter(pk__in=ids).update(notified_at=timezone.now())

    transaction.on_commit(send)


def due_for_review(queryset=None, today: date | None = None, days: int = DUE_SOON_DAYS):
    """Live approved guidelines whose review date is within ``days`` days or past."""
    today = today or timezone.localdate()
    queryset = queryset if queryset is not None else GuidelinePage.objects.all()
    return (
        queryset.live()
        .filter(status=GuidelineStatus.APPROVED, review_due__lte=today + timedelta(days=days))
        .order_by("review_due", "reference")
    )


def reminder_due(review_due: date, today: date):
    """The reminder that applies today (the latest window reached), or None."""
    for kind, days_before in REMINDER_WINDOWS:
        if today >= review_due - timedelta(days=days_before):
            return kind
    return None


def send_review_reminders(today: date | None = None) -> list[ReviewReminder]:
    """Email each owner whose guideline reaches a reminder window (90 days, 30 days,
    the review date). A reminder is recorded before it is sent and removed if sending
    fails, so running again the same day (or on two hosts at once) never sends it twice,
    and a failure is retried the next run. Returns the reminders sent."""
    today = today or timezone.localdate()
    sent = []
    for page in due_for_review(today=today).exclude(owner_email=""):
        kind = reminder_due(page.review_due, today)
        if kind is None:
            continue
        try:
            with transaction.atomic():
                reminder = ReviewReminder.objects.create(
                    page=page, review_due=page.review_due, kind=kind, recipient=page.owner_email
                )
        except IntegrityError:
            continue  # already sent
        body = render_to_string(
            "guidelines/email/review_reminder.txt",
            {
                "page": page,
                "kind": kind,
                "days": (page.review_due - today).days,
                "url": page.full_url,
                "office_email": getattr(settings, "DEFAULT_FROM_EMAIL", ""),
            },
        )
        subject = {
            ReviewReminder.Kind.DAYS_90: f"{page.reference} is due for review in 90 days",
            ReviewReminder.Kind.DAYS_30: f"{page.reference} is due for review in 30 days",
            ReviewReminder.Kind.DUE: f"{page.reference} has reached its review date",
        }[kind]
        try:
            send_mail(subject, body, None, [page.owner_email])
        except Exception:  # recorded as unsent: the next run tries again
            logger.exception("Could not send the review reminder for %s", page.reference)
            reminder.delete()
            continue
        sent.append(reminder)
    return sent
