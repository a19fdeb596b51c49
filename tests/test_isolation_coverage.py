"""Every route that takes a production id is in a tenant-isolation test.

The isolation tests list their routes by hand (each needs its own objects and bodies);
this test walks the URL configuration so a new route cannot be added without them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.productions import test_api_isolation as productions_api
from tests.productions import test_pages_access as productions_pages
from tests.scheduling import test_tenant_isolation as scheduling

# Routes under a production that are not production data (the API schema, say) — none yet.
NOT_SCOPED: set[str] = set()


def routes(
    patterns: list[URLPattern | URLResolver], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry.url_patterns, route, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", route


def production_scoped_route_names() -> set[str]:
    return {
        name
        for name, route in routes(get_resolver().url_patterns)
        if "production_id" in route and name not in NOT_SCOPED
    }


def view_name(path: str) -> str:
    ids: defaultdict[str, int] = defaultdict(lambda: 1)
    return resolve(path.format_map(ids)).view_name


def covered_route_names() -> set[str]:
    pages = {name for _, name, _ in productions_pages.PAGES}
    pages |= {f"scheduling:{name}" for name, _, _ in scheduling.PAGES}
    api_paths = [*productions_api.DETAIL_ROUTES.values(), productions_api.COMPLETE]
    api_paths += [path for _, path, _ in productions_api.PRODUCER_ONLY]
    api_paths += [
        f"/api/v1/productions/1/{path}" for path, _ in scheduling.API + scheduling.API_LISTS
    ]
    return pages | {view_name(path) for path in api_paths}


def test_every_production_route_has_an_isolation_test():
    missing = production_scoped_route_names() - covered_route_names()

    assert not missing, f"routes without a tenant-isolation test: {sorted(missing)}"
