"""Django's Redis cache, made to keep the site serving while Redis is unreachable.

Wagtail reads its site-root paths from the cache on every request, so with the
plain backend a stopped Redis turns every page into a 500. ``ResilientRedisCache``
catches Redis connection and timeout errors, logs one warning when Redis goes away
(and one when it is back), and answers from a fallback meanwhile:

- ``"FALLBACK": "none"`` (the default cache): behave as an empty cache. Nothing is
  remembered while Redis is down, so no process can keep an answer that another
  process has since invalidated (a page made members-only stays private).
- ``"FALLBACK": "local"`` (the rate-limit cache): count in this process's memory, so
  login throttling and form rate limits still hold per process.

After a failure, Redis is not tried again for ``RETRY_AFTER`` seconds (default 5):
a request then pays no connection timeout. Socket timeouts are pool options
(``socket_connect_timeout``, ``socket_timeout``) so a Redis that hangs is treated
like one that is down.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.module_loading import import_string

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("cms.cache")

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Outage state per Redis location, shared by every thread of the process.
_outages: dict[str, float] = {}
_outages_lock = threading.Lock()


def _redacted(location: str) -> str:
    parts = urlsplit(location)
    if parts.password:
        netloc = f"{parts.username or ''}:***@{parts.hostname}:{parts.port or 6379}"
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


class _ReusedClients(RedisCacheClient):
    """Django's Redis client, making one ``redis.Redis`` per connection pool and
    keeping it (Django's makes a new one for every call, about 0.4 ms each: it builds
    the client's table of response callbacks). A ``redis.Redis`` is safe to share
    between threads: each command takes a connection from the pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that degrades instead of raising."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        fallback = options.pop("FALLBACK", "none")
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = _ReusedClients
        self.location = server if isinstance(server, str) else ",".join(server)
        fallback_params = {
            "KEY_PREFIX": params.get("KEY_PREFIX", ""),
            "VERSION": params.get("VERSION", 1),
            "TIMEOUT": params.get("TIMEOUT", 300),
        }
        if fallback == "local":
            self.fallback = LocMemCache(f"redis-fallback:{self.location}", fallback_params)
        elif fallback == "none":
            self.fallback = DummyCache(self.location, fallback_params)
        else:
            raise ValueError(f'FALLBACK must be "none" or "local", not {fallback!r}')

    # --- Outage bookkeeping -------------------------------------------------------

    @property
    def available(self) -> bool:
        """False while this process is waiting out an outage of this Redis."""
        return _outages.get(self.location, 0.0) <= time.monotonic()

    def _failed(self, error):
        with _outages_lock:
            first = self.location not in _outages
            _outages[self.location] = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Redis cache at %s is unavailable (%s: %s): serving without the shared "
                "cache; retrying every %gs",
                _redacted(self.location),
                type(error).__name__,
                error,
                self.retry_after,
            )

    def _recovered(self):
        with _outages_lock:
            was_down = _outages.pop(self.location, None) is not None
        if was_down:
            logger.warning("Redis cache at %s is available again", _redacted(self.location))
            # What this process wrote meanwhile was lost (a new content version, for
            # instance): the hooks named in CACHE_RECOVERY_HOOKS write it again.
            for path in getattr(settings, "CACHE_RECOVERY_HOOKS", ()):
                import_string(path)()

    def _call(self, name, *args, **kwargs):
        if self.available:
            try:
                if self.location in _outages:
                    # Back after an outage: the recovery hooks run before this call,
                    # so that it reads what they write again.
                    self._cache.get_client().ping()
                    self._recovered()
                result = getattr(super(), name)(*args, **kwargs)
            except UNAVAILABLE as error:
                self._failed(error)
            else:
                return result
        return getattr(self.fallback, name)(*args, **kwargs)

    def ping(self) -> None:
        """Ask Redis itself (no fallback); raises when it does not answer (/readyz)."""
        try:
            self._cache.get_client().ping()
        except UNAVAILABLE as error:
            self._failed(error)
            raise

    # --- Django's cache API -------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version)

    def clear(self):
        return self._call("clear")
