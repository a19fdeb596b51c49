"""Scheduling pages, mounted at /productions/<production_id>/ (namespace ``scheduling``)."""

from django.urls import URLPattern, URLResolver, include, path

app_name = "scheduling"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("scheduling.breakdown.urls")),
    path("", include("scheduling.stripboard.urls")),
]
