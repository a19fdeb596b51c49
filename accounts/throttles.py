from __future__ import annotations

from typing import Any

from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle


class TokenCreateByAddressThrottle(ScopedRateThrottle):
    """Password guesses per client address (NUM_PROXIES decides how it is read)."""


class TokenCreateByEmailThrottle(SimpleRateThrottle):
    """Password guesses per account, whatever addresses they come from."""

    scope = "token_create_email"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        email = (
            str(request.data.get("email", "")).strip().lower() if hasattr(request, "data") else ""
        )
        if not email:
            return None
        return self.cache_format % {"scope": self.scope, "ident": email}
