from wagtail import hooks
from wagtail.users.views.api_tokens import APITokenViewSet

from rest_framework.exceptions import AuthenticationFailed

from api.admin_views import WebhookDeliveryViewSet, WebhookEndpointViewSet
from api.authentication import APITokenAuthentication
from api.rich_text import APIDocumentLinkHandler, APIPageLinkHandler


@hooks.register("register_admin_viewset")
def register_api_tokens():
    """Settings > API tokens: one token per downstream site, shown once, revocable.

    Wagtail registers this view only with its v3 API installed; the tokens are
    the same model, read by the v2 API here.
    """
    return APITokenViewSet("wagtailusers_api_tokens", url_prefix="api-tokens")


@hooks.register("register_rich_text_features", order=100)
def register_api_link_handlers(features):
    # After Wagtail's own registrations (order 0), which these extend.
    features.register_link_type(APIPageLinkHandler)
    features.register_link_type(APIDocumentLinkHandler)


@hooks.register("register_admin_viewset")
def register_webhooks():
    return [
        WebhookEndpointViewSet("downstream_webhooks", url_prefix="webhooks"),
        WebhookDeliveryViewSet("downstream_webhook_deliveries", url_prefix="webhook-deliveries"),
    ]


@hooks.register("before_serve_document", order=-20)
def token_holder_downloads(document, request):
    """A downstream site's token downloads the documents it may list: the API's
    ``download_url`` answers the same account the token answers to. The access rule
    still decides (the members-only check runs next, for this account)."""
    if "HTTP_AUTHORIZATION" not in request.META or request.user.is_authenticated:
        return None
    try:
        found = APITokenAuthentication().authenticate(request)
    except AuthenticationFailed:
        return None
    if found is not None:
        request.user = found[0]
    return None
