"""Lockouts on every way in: counted per account and per client address, in Redis.

Each guess first *reserves* a slot on its counters (one Lua script: nothing is
incremented when any counter is full, so parallel attempts cannot get past the limit);
a failure keeps the slot, a success gives it back (``Attempt.succeeded``). A counter
lapses ``LOCKOUT_WINDOW_SECONDS`` after its first slot was taken, so every lockout ends
by itself. Giving back one's own slot is the only thing a success does: it never resets
what another address (an attacker's) has run up against the same account.

Scopes (``settings.LOCKOUT_LIMITS``):

- ``login``: the login form, the admin's login and the API's token creation, one budget.
- ``password_reset``: asking for a reset e-mail (every request counts).
- ``link``: opening a set-password or invitation link that does not work.

The client address is read as DRF's throttles read it (``NUM_PROXIES``: 0 takes the
connection's own address and never X-Forwarded-For). Account names are hashed into the
keys, so Redis holds no e-mail address.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpRequest
from django.utils.translation import ngettext
from rest_framework.throttling import BaseThrottle

_RESERVE = """
local longest = 0
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[i + 1]) then
    local ttl = redis.call('TTL', key)
    if ttl < 0 then
      redis.call('EXPIRE', key, ARGV[1])
      ttl = tonumber(ARGV[1])
    end
    if ttl > longest then longest = ttl end
  end
end
if longest > 0 then return longest end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 or redis.call('TTL', key) < 0 then
    redis.call('EXPIRE', key, ARGV[1])
  end
end
return 0
"""

_RELEASE = """
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 and redis.call('DECR', key) <= 0 then
    redis.call('DEL', key)
  end
end
return 0
"""


@cache
def redis_client() -> redis.Redis:
    """The Redis the cache uses (its own database in tests): one pool per process."""
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


@cache
def _scripts() -> tuple[Any, Any]:
    client = redis_client()
    return client.register_script(_RESERVE), client.register_script(_RELEASE)


def client_address(request: HttpRequest) -> str:
    """The client's address, the way the API's throttles have always read it."""
    return str(BaseThrottle().get_ident(request))  # type: ignore[arg-type]


def _key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()
    return django_cache.make_key(f"lockout:{scope}:{kind}:{digest}")


@dataclass(frozen=True)
class Attempt:
    """One guess: ``allowed`` or not (then ``retry_after`` seconds until it may be)."""

    keys: tuple[str, ...]
    allowed: bool
    retry_after: int = 0

    def succeeded(self) -> None:
        """The guess was right: give back its slot, and only its own."""
        if self.allowed:
            _scripts()[1](keys=list(self.keys))

    def failed(self) -> None:
        """The guess was wrong: its slot stays counted until the window ends."""

    def message(self, kind: str = "attempts") -> str:
        minutes = max(1, math.ceil(self.retry_after / 60))
        if kind == "requests":
            text = ngettext(
                "Too many requests. Try again in %(minutes)d minute.",
                "Too many requests. Try again in %(minutes)d minutes.",
                minutes,
            )
        else:
            text = ngettext(
                "Too many failed attempts. Try again in %(minutes)d minute.",
                "Too many failed attempts. Try again in %(minutes)d minutes.",
                minutes,
            )
        return text % {"minutes": minutes}


def attempt(scope: str, *, request: HttpRequest, account: str | None) -> Attempt:
    """Reserve a slot for a guess against ``account`` (None: none named) from the client.

    Refused (``allowed`` False) while the account's or the address's counter is full.
    """
    limits = settings.LOCKOUT_LIMITS[scope]
    keys: list[str] = []
    maxima: list[int] = []
    if account:
        keys.append(_key(scope, "account", account.strip().lower()))
        maxima.append(limits["account"])
    keys.append(_key(scope, "address", client_address(request)))
    maxima.append(limits["address"])
    window = int(settings.LOCKOUT_WINDOW_SECONDS)
    wait = int(_scripts()[0](keys=keys, args=[window, *maxima]))
    return Attempt(keys=tuple(keys), allowed=wait == 0, retry_after=wait)
