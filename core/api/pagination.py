from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    """``{"count", "next", "previous", "results"}``; ``?page=`` and ``?page_size=`` (≤ 200)."""

    page_size_query_param = "page_size"
    max_page_size = 200
