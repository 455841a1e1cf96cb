"""Login throttling callables for django-axes (AXES_USERNAME_CALLABLE and friends).

Axes counts in the "ratelimit" cache (Redis in production, shared by every app
server; per process while Redis is down). Usernames are normalised, so that
" Jo@NHS.net " and "jo@nhs.net" are one person to the limit.
"""

from django.conf import settings


def normalise(value) -> str:
    """A username or email as limits count it: no surrounding spaces, lower case."""
    return str(value or "").strip().lower()


def login_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: the normalised username of a login attempt."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        return normalise(credentials.get(field))
    data = getattr(request, "POST", None) or {}
    return normalise(data.get(field))


def client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the client's address as the trusted proxies saw it."""
    from membership.ratelimit import client_ip as proxied_client_ip

    return proxied_client_ip(request)
