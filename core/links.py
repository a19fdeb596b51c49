"""Absolute links: ``settings.SITE_URL`` and a path, never the request's Host header.

A Host header is whatever the client sent (a proxy may pass any through): a password
reset asked for with ``Host: evil.example`` must not mail its token to evil.example.
E-mails (invitations, password resets) and the API's page links use this.
"""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (from ``reverse`` or ``request.get_full_path()``) on the site's own origin."""
    if not path.startswith("/"):
        raise ValueError(f"expected an absolute path, got {path!r}")
    return f"{settings.SITE_URL}{path}"
