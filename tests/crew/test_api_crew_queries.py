"""The crew list costs the same number of queries for 10 people as for 300."""

from __future__ import annotations

import pytest

from productions.models import Membership
from tests.factories import add_crew, add_member, make_production

pytestmark = pytest.mark.django_db

# Measured: 7 (session, user, membership, viewer's own records, count, page, addresses
# waiting for confirmation); a department head adds 2 (the departments they run, their
# crew's other departments).
MAX_QUERIES = 9


@pytest.mark.parametrize("viewer", ["producer", "hod", "crew"])
@pytest.mark.parametrize("size", [10, 300])
def test_crew_list_query_count_does_not_grow_with_the_crew(
    api_client, django_assert_max_num_queries, viewer, size
):
    production = make_production()
    if viewer == "producer":
        user = Membership.objects.get(production=production, role="producer").user
    else:
        user, _, _ = add_member(production, viewer, department="Grip")
    add_crew(production, size, department="Grip")
    api_client.force_login(user)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = api_client.get(f"/api/v1/productions/{production.pk}/crew/?page_size=200")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == size + (0 if viewer == "producer" else 1)
    assert len(body["results"]) == min(body["count"], 200)
