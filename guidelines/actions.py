"""Business actions on guidelines, called by signals, the admin and the daily command."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.log_actions import log

from guidelines.models import ConsultationComment, GuidelinePage, GuidelineVersion, ReviewReminder
from guidelines.vocabulary import GuidelineStatus

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
        notify_commenters(page)
    return kept


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
