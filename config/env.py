"""Strict, typed readers for configuration that comes from environment variables.

A bad value is an error, never a silent default: ``DEBUG=maybe`` must stop start-up with
a message naming the variable rather than run a production server in debug mode (or
the other way round). Settings call these through :func:`config_or_exit`, which turns a
:class:`ConfigError` into a one-line message and exit status 2.
"""

from __future__ import annotations

import builtins
import os
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class ConfigError(Exception):
    """A configuration variable is missing or malformed."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name


class Env:
    """Reads variables from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def raw(self, name: builtins.str) -> builtins.str | None:
        value = self.environ.get(name)
        if value is None or value.strip() == "":
            return None
        return value.strip()

    def str(self, name: builtins.str, default: builtins.str | None = None) -> builtins.str:
        value = self.raw(name)
        if value is None:
            if default is None:
                raise ConfigError(name, "is required but not set")
            return default
        return value

    def bool(self, name: builtins.str, default: bool) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ConfigError(name, f"{value!r} is not a boolean (use true/false, yes/no, 1/0, on/off)")

    def int(
        self,
        name: builtins.str,
        default: builtins.int,
        *,
        minimum: builtins.int | None = None,
        maximum: builtins.int | None = None,
    ) -> builtins.int:
        value = self.raw(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise ConfigError(name, f"{value!r} is not a whole number") from None
        if minimum is not None and number < minimum:
            raise ConfigError(name, f"{number} is below the minimum of {minimum}")
        if maximum is not None and number > maximum:
            raise ConfigError(name, f"{number} is above the maximum of {maximum}")
        return number

    def list(
        self, name: builtins.str, default: builtins.list[builtins.str]
    ) -> builtins.list[builtins.str]:
        value = self.raw(name)
        if value is None:
            return default
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(
        self, name: builtins.str, default: builtins.str, choices: tuple[builtins.str, ...]
    ) -> builtins.str:
        value = self.str(name, default)
        if value not in choices:
            raise ConfigError(name, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def parsed(
        self,
        name: builtins.str,
        parse: Callable[[builtins.str], T],
        default: builtins.str | None = None,
    ) -> T:
        """Read a required value and run it through ``parse`` (which raises ValueError)."""
        value = self.str(name, default)
        try:
            return parse(value)
        except ValueError as exc:
            raise ConfigError(name, str(exc)) from None


def parse_database_url(url: str) -> dict[str, Any]:
    """Turn ``postgres://user:pass@host:port/name`` into a Django DATABASES entry.

    A Unix socket directory may be given as ``?host=/path`` (as the embedded pgserver
    does). Only PostgreSQL is accepted: the project does not run on anything else.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ValueError(f"expected a postgres:// URL, got {_redact(url)!r}")
    name = unquote(parts.path.lstrip("/"))
    if not name or "/" in name:
        raise ValueError(f"no database name in {_redact(url)!r}")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"bad port in {_redact(url)!r}") from None
    host = query.pop("host", None) or parts.hostname or ""
    options = {key: value for key, value in query.items() if key in {"sslmode", "connect_timeout"}}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(port or ""),
        "OPTIONS": options,
    }


def parse_site_url(url: str) -> str:
    """Validate ``SITE_URL``, the origin people reach the site at: ``https://host[:port]``.

    Every absolute link (e-mails, API page links) is this plus a path, so it has no path,
    query or credentials of its own; a trailing slash is dropped.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"expected http(s)://host[:port], got {url!r}")
    try:
        parts.port  # noqa: B018 - urlsplit validates the port lazily
    except ValueError:
        raise ValueError(f"bad port in {url!r}") from None
    if parts.path.strip("/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise ValueError(f"expected only a scheme, host and port, got {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


_REDIS_SCHEMES = {"redis", "rediss", "unix"}


def parse_redis_url(url: str) -> str:
    """Validate a Redis URL (``redis://host:port/db`` or ``unix:///path?db=N``)."""
    parts = urlsplit(url)
    if parts.scheme not in _REDIS_SCHEMES:
        raise ValueError(f"expected redis://, rediss:// or unix://, got {_redact(url)!r}")
    if parts.scheme == "unix" and not parts.path:
        raise ValueError(f"no socket path in {_redact(url)!r}")
    if parts.scheme != "unix":
        if not parts.hostname:
            raise ValueError(f"no host in {_redact(url)!r}")
        try:
            parts.port  # noqa: B018 - urlsplit validates the port lazily
        except ValueError:
            raise ValueError(f"bad port in {_redact(url)!r}") from None
        if parts.path.strip("/") and not parts.path.strip("/").isdigit():
            raise ValueError(f"the database in {_redact(url)!r} must be a number")
    return url


def redis_url_with_db(url: str, db: int) -> str:
    """The same server with another logical database (used to isolate test runs)."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        query["db"] = str(db)
        encoded = "&".join(f"{key}={value}" for key, value in query.items())
        return f"unix://{parts.path}?{encoded}"
    return f"{parts.scheme}://{parts.netloc}/{db}"


def celery_broker_url(redis_url: str) -> str:
    """Celery (kombu) spells a Unix-socket Redis ``redis+socket://`` with ``virtual_host``."""
    parts = urlsplit(redis_url)
    if parts.scheme != "unix":
        return redis_url
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    db = query.get("db", "0")
    return f"redis+socket://{parts.path}?virtual_host={db}"


def _redact(url: str) -> str:
    return re.sub(r"//([^:/@]*):[^@/]*@", r"//\1:***@", url)
