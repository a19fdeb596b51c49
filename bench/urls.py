"""The application's URLs plus the floors bench/load.py measures beside each endpoint.

- ``/_bench/constant``: a Django view returning a constant, through the whole middleware
  stack: the least any request costs (the floor of /healthz and of a 304).
- ``/_bench/sql/crew/<production>/<rows>`` and ``/_bench/sql/scenes/<production>/<rows>``:
  one SELECT of the same rows the crew and scene lists show, with the same joins, sent as
  JSON tuples: the least any list of those rows costs.

Only ``bench.settings`` routes here; the deployed application has none of these.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler404, handler500
from config.urls import urlpatterns as app_urlpatterns
from crew.models import Engagement
from scheduling.breakdown.models import Scene

__all__ = ["handler404", "handler500", "urlpatterns"]


def _rows(queryset: Any) -> HttpResponse:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return HttpResponse(json.dumps(rows, default=str), content_type="application/json")


@login_not_required
def constant(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b'{"ok": true}', content_type="application/json")


@login_not_required
def crew_sql(request: HttpRequest, production_id: int, rows: int) -> HttpResponse:
    return _rows(
        Engagement.objects.filter(production_id=production_id)
        .order_by("department__order", "position__order", "person__name", "id")
        .values_list(
            "id",
            "person__name",
            "person__email",
            "person__phone",
            "position__title",
            "department__name",
            "status",
        )[:rows]
    )


@login_not_required
def scene_sql(request: HttpRequest, production_id: int, rows: int) -> HttpResponse:
    return _rows(
        Scene.objects.filter(production_id=production_id)
        .order_by("sort_key", "id")
        .values_list("id", "number", "heading", "int_ext", "set__name", "eighths", "synopsis")[
            :rows
        ]
    )


urlpatterns = [
    path("_bench/constant", constant),
    path("_bench/sql/crew/<int:production_id>/<int:rows>", crew_sql),
    path("_bench/sql/scenes/<int:production_id>/<int:rows>", scene_sql),
    *app_urlpatterns,
]
