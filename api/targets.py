"""Where webhooks may be sent: public addresses only, checked at save and at send.

An endpoint URL that names or resolves to a loopback, private, link-local,
carrier-grade NAT, multicast, reserved or unspecified address is refused, so the
admin's webhook form cannot be used to reach the site's own network (SSRF).
``WEBHOOK_ALLOW_PRIVATE_TARGETS = True`` lifts this (tests, or a receiver on the
same private network by design). At send time the connection goes to the very
address that was checked (no second DNS lookup to rebind), and redirects are
never followed.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


class UnsafeTarget(ValueError):
    """The URL is not one a webhook may be sent to."""


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def resolve_target(url: str) -> tuple[str, int, str]:
    """(host, port, address to connect to) for a webhook URL. Raises UnsafeTarget."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("Use an http:// or https:// address.")
    if parts.username or parts.password:
        raise UnsafeTarget("Put no user name or password in the address.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeTarget("The port is not valid.") from error
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeTarget(f"{parts.hostname} cannot be found.") from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not getattr(settings, "WEBHOOK_ALLOW_PRIVATE_TARGETS", False):
        blocked = [str(a) for a in addresses if not _is_public(a)]
        if blocked:
            raise UnsafeTarget(
                f"{parts.hostname} is a private, loopback or link-local address "
                f"({', '.join(sorted(set(blocked)))}); webhooks only go to public addresses."
            )
    return parts.hostname, port, str(addresses[0])


def validate_webhook_url(url: str) -> None:
    """Model field validator: a clear form error for an address webhooks may not use."""
    try:
        resolve_target(url)
    except UnsafeTarget as error:
        raise ValidationError(str(error), code="unsafe_target") from error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict, timeout: float) -> tuple[int, str]:
    """POST to a checked address without following redirects: (status, reason).

    Raises UnsafeTarget for a refused address, OSError (and http.client errors)
    when the site cannot be reached or does not answer within ``timeout`` seconds.
    """
    host, port, address = resolve_target(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address, timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        answer = connection.getresponse()
        answer.read(64 * 1024)
        if 300 <= answer.status < 400:
            location = answer.getheader("Location", "")
            return answer.status, f"redirect to {location} not followed"
        return answer.status, answer.reason
    finally:
        connection.close()
