from __future__ import annotations

from django.core.paginator import Page
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.links import absolute_url


class PagePagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; ``?page=`` and ``?page_size=`` (≤ 200).

    ``next`` and ``previous`` are on SITE_URL (core.links), not on the request's Host.
    """

    page_size_query_param = "page_size"
    max_page_size = 200

    def _link(self, page_number: int | None) -> str:
        """This request's URL on SITE_URL, at ``page_number`` (None: the first page)."""
        assert self.request is not None
        here = absolute_url(self.request.get_full_path())
        if page_number is None or page_number == 1:
            return remove_query_param(here, self.page_query_param)
        return replace_query_param(here, self.page_query_param, page_number)

    def _page(self) -> Page[object]:
        assert self.page is not None
        return self.page

    def get_next_link(self) -> str | None:
        page = self._page()
        return self._link(page.next_page_number()) if page.has_next() else None

    def get_previous_link(self) -> str | None:
        page = self._page()
        return self._link(page.previous_page_number()) if page.has_previous() else None
