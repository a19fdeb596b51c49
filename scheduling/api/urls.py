"""Scheduling routes under /api/v1/productions/{production_id}/ (namespace ``api``)."""

from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("scheduling.breakdown.api.urls")),
    path("", include("scheduling.stripboard.api.urls")),
]
