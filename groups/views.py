"""Join and leave a network group: POST only, from the group page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from groups import joining
from groups.models import NetworkGroupPage


def _group(page_id):
    return get_object_or_404(NetworkGroupPage.objects.live(), pk=page_id)


@require_POST
def join(request, page_id):
    group = _group(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(group.url)
    try:
        joining.ask_to_join(group, request.user)
    except joining.JoinError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your request has gone to the network office.")
    return redirect(group.url)


@require_POST
def leave(request, page_id):
    group = _group(page_id)
    if not request.user.is_authenticated:
        return redirect_to_login(group.url)
    joining.leave(group, request.user)
    messages.success(request, f"You have left the {group.title}.")
    return redirect(group.url)
