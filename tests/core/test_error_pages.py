from __future__ import annotations

import pytest

from productions.roles import Role
from tests.factories import add_member, make_production

pytestmark = pytest.mark.django_db


def test_not_found_is_a_page_of_the_site(client, user):
    client.force_login(user)

    response = client.get("/productions/999999/")

    assert response.status_code == 404
    page = response.content.decode()
    assert "Not found" in page
    assert "callboard.css" in page


def test_a_refused_action_says_why_on_a_page_of_the_site(client):
    production = make_production()
    crew_user, _, _ = add_member(production, Role.CREW)
    client.force_login(crew_user)

    response = client.get(f"/productions/{production.pk}/settings/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "Not allowed" in page
    assert "As crew / cast on this production you may not manage production." in page


def test_an_unknown_api_route_answers_json(api_client, user):
    api_client.force_authenticate(user)

    response = api_client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "errors": {}}
