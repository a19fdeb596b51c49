"""The security headers Django 5.2 does not send itself: Content-Security-Policy and
Permissions-Policy.

The others come from Django, configured in ``config/settings/base.py``:
``SecurityMiddleware`` sends X-Content-Type-Options, Referrer-Policy,
Cross-Origin-Opener-Policy and, in production, Strict-Transport-Security;
``XFrameOptionsMiddleware`` sends X-Frame-Options. docs/operations.md lists them all.

The policies are settings (a dict of directive -> sources, the shape of Django 6.0's
``SECURE_CSP``, so moving to Django's own middleware later is a rename):

``CONTENT_SECURITY_POLICY``
    the policy of every HTML response;
``CONTENT_SECURITY_POLICY_PATHS``
    {path prefix: {directive: sources}}: the directives a few third-party pages need
    changed (the longest matching prefix wins; the other directives stay).

A source ``'nonce'`` stands for this response's nonce: it becomes ``'nonce-…'`` when a
template used ``{{ csp_nonce }}`` (context processor :func:`csp_nonce`) and is left out
otherwise, so a page that needs no nonce is not sent one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

NONCE = "'nonce'"
_NONCE_KEY = "callboard.csp_nonce"  # where the request keeps its nonce (as CSRF_COOKIE does)

Policy = Mapping[str, Sequence[str]]


class Nonce:
    """A random value for this response, made when a template first prints it."""

    def __init__(self) -> None:
        self._value = ""

    def __str__(self) -> str:
        if not self._value:
            self._value = secrets.token_urlsafe(18)
        return self._value

    @property
    def used(self) -> bool:
        return bool(self._value)


def request_nonce(request: HttpRequest) -> Nonce:
    nonce = request.META.get(_NONCE_KEY)
    if not isinstance(nonce, Nonce):
        # A request that did not pass through the middleware (a template rendered in a
        # test, say): the nonce is then simply not in any header, so it allows nothing.
        nonce = request.META[_NONCE_KEY] = Nonce()
    return nonce


def csp_nonce(request: HttpRequest) -> dict[str, Nonce]:
    """Context processor: ``<style nonce="{{ csp_nonce }}">`` for a page's own styles."""
    return {"csp_nonce": request_nonce(request)}


def render_policy(policy: Policy, nonce: Nonce) -> str:
    directives = []
    for directive, sources in policy.items():
        values = [
            f"'nonce-{nonce}'" if source == NONCE else source
            for source in sources
            if source != NONCE or nonce.used
        ]
        directives.append(" ".join([directive, *values]))
    return "; ".join(directives)


def policy_for(path: str) -> Policy:
    """The default policy with the directives of the longest matching path prefix."""
    default: Policy = settings.CONTENT_SECURITY_POLICY
    paths: Mapping[str, Policy] = settings.CONTENT_SECURITY_POLICY_PATHS
    matches = [prefix for prefix in paths if path.startswith(prefix)]
    if not matches:
        return default
    return {**default, **paths[max(matches, key=len)]}


def is_html(response: HttpResponseBase) -> bool:
    content_type = response.get("Content-Type", "")
    return content_type.split(";", 1)[0].strip().lower() == "text/html"


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every HTML response, Permissions-Policy on every response.

    Only HTML gets a CSP: a policy on other responses protects nothing, and on ``/sw.js``
    it would become the service worker's own policy. A policy the view set itself is
    kept. Cross-Origin-Opener-Policy (SecurityMiddleware's, which keeps a view's own) is
    enforced on every page. With DEBUG on, Django's debug pages for 404 and 500 (inline
    scripts and styles) get the policy as Report-Only, so they work and the browser's
    console still shows what a real page would block.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENY
        )

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        nonce = request_nonce(request)
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if not is_html(response):
            return response
        if "Content-Security-Policy" not in response:
            header = "Content-Security-Policy"
            if settings.DEBUG and response.status_code in (404, 500):
                header = "Content-Security-Policy-Report-Only"
            response[header] = render_policy(policy_for(request.path_info), nonce)
        if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            # drf-spectacular's Swagger page asks for "unsafe-none", for the pop-up of an
            # OAuth2 sign-in; the API has no OAuth2, so no page needs its opener.
            response["Cross-Origin-Opener-Policy"] = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        return response
