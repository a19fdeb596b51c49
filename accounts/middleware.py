from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation

from accounts.locale import user_language, user_time_zone


class UserLocaleMiddleware:
    """A signed-in user's language and time zone, active for the whole of their request.

    Django's ``LocaleMiddleware`` (earlier in the list) has already negotiated a language
    from ``Accept-Language`` for every request; this one, placed after authentication,
    replaces it with the language of the user's profile when the site offers that language
    (otherwise the negotiated one stays) and activates their time zone. Anonymous visitors
    keep the negotiated language and UTC. Both are deactivated once the response is built,
    so nothing leaks into the next request served by the same thread.

    The API is left to negotiation and UTC for every client: bearer tokens are
    authenticated by DRF inside the view, after every middleware, so applying the profile
    here would give a token client and a browser session of the same person different
    answers, and datetimes in JSON would change offset with the reader.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith("/api/") or not request.user.is_authenticated:
            timezone.deactivate()
            return self.get_response(request)

        language = user_language(request.user)
        timezone.activate(user_time_zone(request.user))
        try:
            if language is None:
                return self.get_response(request)
            with translation.override(language):
                request.LANGUAGE_CODE = language
                response = self.get_response(request)
        finally:
            timezone.deactivate()
        # LocaleMiddleware only sets this header when it is missing.
        response.headers["Content-Language"] = language
        return response
