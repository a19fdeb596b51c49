from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.health import run_checks
from core.ratelimit import client_address, hit


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        verdict = hit("healthz", client_address(request), limit=settings.HEALTHZ_RATE_PER_MINUTE)
        if not verdict.allowed:
            response = JsonResponse(
                {"detail": _("Too many health checks from this address."), "errors": {}},
                status=429,
            )
            response["Retry-After"] = str(verdict.retry_after)
            return response
    checks = run_checks()
    healthy = all(result["ok"] for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


_SERVICE_WORKER = settings.BASE_DIR / "static" / "js" / "sw.js"


@login_not_required
@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the site root so that it may control every page (its scope is "/")."""
    response = HttpResponse(_SERVICE_WORKER.read_bytes(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the API, the admin)."""
    response = redirect(static("img/favicon.svg"), permanent=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_not_required
@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page that was never opened with a signal."""
    return render(request, "offline.html")


def home(request: HttpRequest) -> HttpResponse:
    return redirect("productions:list")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 for what Django refuses before any view runs (too many query parameters): the
    API's JSON shape under /api/, the site's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": _("The request could not be read."), "errors": {}}, status=400
        )
    return defaults.bad_request(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 in the API's JSON shape under /api/, the site's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": _("Not found."), "errors": {}}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Server error: it has been logged."), "errors": {}}, status=500
        )
    return defaults.server_error(request)
