from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from productions.selectors import productions_for_user


def production_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "productions/list.html",
        {"productions": productions_for_user(user=request.user)},
    )
