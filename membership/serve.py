"""The membership request page's own serving, called by ``MembershipRequestPage.serve``.

Views (membership.views) do not import this module, and it imports no view.
"""

from django.template.response import TemplateResponse

from membership.forms import MembershipRequestForm, privacy_notice_hint
from membership.submission import handle_submission


def serve_request_page(page, request):
    # The notice in the page's language when it has been translated (a translation
    # shares its source's choice of notice: wagtail-localize synchronises the field).
    privacy_url = page.privacy_notice.localized.url if page.privacy_notice_id else None
    submitted = False
    if request.method == "POST":
        form, submitted = handle_submission(request, request.POST)
        if not submitted:
            form = _with_privacy_link(form, privacy_url)
    else:
        form = MembershipRequestForm(privacy_notice_url=privacy_url)
    context = page.get_context(request)
    context.update(
        form=form, submitted=submitted, email_failed=getattr(form, "email_failed", False)
    )
    status = 429 if getattr(form, "rate_limited", False) else 200
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _with_privacy_link(form, privacy_url):
    if privacy_url:
        form.fields["consent"].help_text = privacy_notice_hint(privacy_url)
    return form
