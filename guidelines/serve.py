"""What the guideline pages show, called by their models' ``get_context`` and routes.

The page models import this module; it imports no view and no page model (the
guideline model is handed in), so there is no cycle.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone

from wagtail.documents import get_document_model

from core.access import is_member, visible_documents, visible_pages
from guidelines.forms import ConsultationCommentForm
from guidelines.listing import guideline_listing
from guidelines.vocabulary import RETIRED, GuidelineStatus


def index_context(index, request, guideline_model) -> dict:
    """The listing of an index page: facets with counts, a page of results."""
    listing = guideline_listing(guideline_model.objects.all(), index, request.user, request.GET)
    paginator = Paginator(listing.queryset.prefetch_related("staff_groups"), index.per_page)
    page_of_results = paginator.get_page(request.GET.get("page"))
    pagination = {}
    if page_of_results.has_previous():
        number = page_of_results.previous_page_number()
        pagination.update(prev_url=listing.url(page=number), prev_label=f"Page {number}")
    if page_of_results.has_next():
        number = page_of_results.next_page_number()
        pagination.update(next_url=listing.url(page=number), next_label=f"Page {number}")
    categories = visible_pages(request.user, index.get_children().type(type(index)))
    return {
        "listing": listing,
        "guidelines": page_of_results,
        "total": paginator.count,
        "search_query": listing.keep.get("q", ""),
        "pagination": pagination,
        "categories": list(categories.order_by("path")),
        "today": timezone.localdate(),
    }


def visible_document(user, document_id):
    """The document with this id if ``user`` may see it, else None (one query)."""
    if not document_id:
        return None
    Document = get_document_model()
    return visible_documents(user, Document.objects.filter(pk=document_id)).first()


def guideline_context(page, request) -> dict:
    """What a guideline page shows besides its own fields: the document, the
    replacement or replaced guideline, related guidelines, versions, comments."""
    user = request.user
    model = type(page)
    replacement = None
    if page.status in RETIRED:
        replacement = (
            visible_pages(user, model.objects.filter(supersedes=page))
            .order_by("-last_published_at")
            .first()
        )
    replaces = None
    if page.supersedes_id:
        replaces = visible_pages(user, model.objects.filter(pk=page.supersedes_id)).first()
    context = {
        "today": timezone.localdate(),
        "overdue": page.is_overdue(),
        "status_line": page.status_line(),
        "document": visible_document(user, page.document_id),
        "replacement": replacement,
        "replaces": replaces,
        "related_guidelines": list(
            visible_pages(user, page.related.all()).order_by("reference", "pk")
        ),
        "versions": list(page.versions.all()),
        "guideline_staff_groups": list(page.staff_groups.all()),
        "consultation_open": page.status == GuidelineStatus.CONSULTATION,
        "can_comment": page.status == GuidelineStatus.CONSULTATION and is_member(user),
    }
    if context["can_comment"]:
        context["comment_form"] = ConsultationCommentForm(
            initial={"name": user.get_full_name() or user.get_username()}
        )
    return context


def version(page, request, major: int, minor: int | None):
    """A published version at its stable address: ``v3/`` (the latest 3.x) or ``v3-1/``."""
    versions = page.versions.filter(major=major)
    if minor is not None:
        versions = versions.filter(minor=minor)
    kept = versions.select_related("document").order_by("-minor").first()
    if kept is None:
        raise Http404("no such version")
    is_current = (kept.major, kept.minor) == (page.version_major, page.version_minor)
    return page.render(
        request,
        template="guidelines/guideline_version.html",
        context_overrides={
            "kept": kept,
            "is_current": is_current,
            "kept_document": visible_document(request.user, kept.document_id),
        },
    )


def comment(page, request):
    """A member's consultation comment, posted from the guideline page."""
    if request.method != "POST":
        return redirect(page.url)
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if not is_member(request.user):
        raise PermissionDenied("Only members of the network comment on consultations.")
    form = ConsultationCommentForm(request.POST)
    if page.status != GuidelineStatus.CONSULTATION:
        form.add_error(None, "This guideline is no longer out for consultation.")
    if form.is_valid():
        comment = form.save(commit=False)
        comment.page = page
        comment.version = page.version
        comment.user = request.user
        comment.email = request.user.email
        comment.save()
        messages.success(
            request,
            "Thank you: your comment has reached the network office. We will email you "
            "when the approved version is published.",
        )
        return redirect(page.url + "#consultation")
    response = page.render(request, context_overrides={"comment_form": form})
    response.status_code = 400
    return response
