"""Printables as PDF: the same HTML the print pages show, laid out by WeasyPrint.

WeasyPrint may fetch only the site's own static files, read from disk: a template can
never make the server request another address (no SSRF through a printable), and no
request goes back to this server while it is busy answering one.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# Relative links in the printed HTML resolve against this made-up origin, and only its
# /static/ files are served (from disk).
BASE_URL = "https://print.callboard.invalid/"


class FetchRefused(ValueError):
    pass


def static_file(url: str) -> tuple[bytes, str]:
    """The bytes and type of a static file named by ``url``; anything else is refused."""
    parts = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    origin = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
        raise FetchRefused(f"printables load only static files, not {url!r}")
    if not parts.path.startswith(prefix) or ".." in parts.path:
        raise FetchRefused(f"printables load only static files, not {url!r}")
    found = finders.find(parts.path.removeprefix(prefix))
    if not found or isinstance(found, list):
        raise FetchRefused(f"no static file {parts.path!r}")
    with open(found, "rb") as handle:
        data = handle.read()
    return data, "text/css" if parts.path.endswith(".css") else "application/octet-stream"


@cache
def _fetcher() -> Any:
    # Imported late: WeasyPrint loads Pango, which only printing needs.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            body, content_type = static_file(url)
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    return StaticOnlyFetcher()


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()
    return pdf
