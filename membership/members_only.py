"""The "Members only" control of the page editing screen and the page listing.

The network office restricts a page to members, or opens it to everyone, in one
step and in its own words; Wagtail's privacy dialog stays for passwords and other
groups. The restriction itself is set and cleared by core.access, the one place
that decides privacy.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from core.access import (
    clear_members_only,
    is_members_only,
    make_members_only,
    own_members_restrictions,
)
from core.models import MembersOnlyTeaser


def members_only_state(page) -> dict:
    """What the control shows: restricted here, inherited from a section, or public."""
    own = own_members_restrictions(page).exists()
    return {"own": own, "inherited": not own and is_members_only(page)}


def may_set_privacy(page, user) -> bool:
    """Wagtail's own test (publish permission on the page), on a page whose type lets
    privacy be set by hand (``private_page_options``; a meeting's papers do not)."""
    return (
        page.depth > 1
        and bool(getattr(page.specific_class or type(page), "private_page_options", True))
        and page.permissions_for_user(user).can_set_view_restrictions()
    )


class MembersOnlyButton(PageMenuItem):
    """ "Make members only" or "Make public" in the page header and listing menus."""

    icon_name = "lock"

    def __init__(self, *, page, next_url=None, priority=45, show_state=True):
        # The page header names the action; a listing row says "Members only" and
        # asks nothing of the database, so a long listing costs no extra queries.
        label = "Members only"
        if show_state:
            own = own_members_restrictions(page).exists()
            label = "Make public (remove Members only)" if own else "Make members only"
        super().__init__(label=label, priority=priority, page=page, next_url=next_url)

    @property
    def url(self):
        return reverse("members_only:page", args=[self.page.pk])

    def is_shown(self, user):
        return may_set_privacy(self.page, user)


class TeaserForm(forms.ModelForm):
    """The teaser outsiders see where the page is listed; no title means no teaser."""

    class Meta:
        model = MembersOnlyTeaser
        fields = ["title", "line"]
        labels = {"title": "Teaser title", "line": "Teaser line"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def save_for(self, page):
        """Save the teaser of ``page``, or remove it when the title is empty. Returns it."""
        if not self.cleaned_data["title"].strip():
            MembersOnlyTeaser.objects.filter(page=page).delete()
            return None
        teaser = self.save(commit=False)
        teaser.page = page
        teaser.save()
        return teaser


def members_only_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_set_privacy(page, request.user):
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    teaser = MembersOnlyTeaser.objects.filter(page=page).first()
    teaser_form = TeaserForm(instance=teaser)
    if request.method == "POST" and request.POST.get("action") == "teaser":
        teaser_form = TeaserForm(request.POST, instance=teaser)
        if teaser_form.is_valid():
            if teaser_form.save_for(page) is None:
                messages.success(request, "Outsiders no longer see anything of this page.")
            else:
                messages.success(request, "Outsiders now see the teaser where this page is listed.")
            return redirect(next_url or edit_url)
    elif request.method == "POST":
        if request.POST.get("members_only") == "on":
            make_members_only(page, user=request.user)
            messages.success(request, f"'{page.title}' and its subpages are now members only.")
        else:
            removed = clear_members_only(page, user=request.user)
            if is_members_only(page):
                messages.warning(
                    request,
                    f"'{page.title}' is still members only: a section above it is.",
                )
            elif removed:
                messages.success(request, f"'{page.title}' is now public.")
        return redirect(next_url or edit_url)
    context = {
        "page": page,
        "next": next_url,
        "teaser_form": teaser_form,
        **members_only_state(page),
    }
    return TemplateResponse(request, "membership/admin/members_only.html", context)
