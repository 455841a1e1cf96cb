"""Rate limits for the public membership request form, kept in Django's cache.

The "ratelimit" cache is Redis in production (shared by every worker and host),
so a limit holds across the whole site; while Redis is down each process counts
on its own (cms/cache.py). Each limit is a counter per key that starts with the
first hit and expires with its window.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address that the trusted proxies saw.

    ``MEMBERSHIP_TRUSTED_PROXY_COUNT`` proxies (load balancer, CDN) each append to
    X-Forwarded-For; the entry they added last is the one a client cannot forge.
    """
    proxies = settings.MEMBERSHIP_TRUSTED_PROXY_COUNT
    forwarded = [ip.strip() for ip in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [ip for ip in forwarded if ip]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope: str, value: str, limit: int, window: int) -> bool:
    """Count one attempt; True while the attempts in the window stay within ``limit``."""
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    key = f"membership-rate:{scope}:{digest}"
    cache = caches["ratelimit"]
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit


def normalise_email(email: str) -> str:
    """The address as limits count it: no surrounding spaces, lower case."""
    return email.strip().lower()


def allow_password_reset(request, email: str) -> tuple[bool, bool]:
    """Count a password reset request: (client within its limit, address within its limit)."""
    ip_limit, ip_window = settings.PASSWORD_RESET_RATE_LIMIT_PER_IP
    email_limit, email_window = settings.PASSWORD_RESET_RATE_LIMIT_PER_EMAIL
    client_ok = hit("reset-ip", client_ip(request), ip_limit, ip_window)
    address_ok = hit("reset-email", normalise_email(email), email_limit, email_window)
    return client_ok, address_ok


def allow_submission(request, email: str | None) -> bool:
    """Count a submission from this client (and for this email); False when over a limit."""
    ip_limit, ip_window = settings.MEMBERSHIP_RATE_LIMIT_PER_IP
    allowed = hit("ip", client_ip(request), ip_limit, ip_window)
    if email:
        email_limit, email_window = settings.MEMBERSHIP_RATE_LIMIT_PER_EMAIL
        allowed = hit("email", normalise_email(email), email_limit, email_window) and allowed
    return allowed
