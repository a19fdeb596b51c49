"""Departments and positions: producers add, rename, reorder; delete only what nobody uses."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from crew.models import Department, Engagement, Position
from tests.factories import add_crew, add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _url(name: str, production: Any, **kwargs: Any) -> str:
    return reverse(name, kwargs={"production_id": production.pk, **kwargs})


def _department(production: Any, name: str) -> Department:
    return Department.objects.get(production=production, name=name)


def _position(production: Any, title: str) -> Position:
    return Position.objects.get(production=production, title=title)


def _snapshot(production: Any) -> tuple[list[Any], list[Any]]:
    departments = list(
        Department.objects.filter(production=production).values_list("pk", "name", "order")
    )
    positions = list(
        Position.objects.filter(production=production).values_list(
            "pk", "title", "department", "is_head_of_department", "order"
        )
    )
    return departments, positions


# The page ---------------------------------------------------------------------------------


def test_a_producer_sees_departments_in_order_with_positions_and_usage(
    client, production, producer
):
    add_crew(production, 3, department="Grip")
    client.force_login(producer)

    response = client.get(_url("crew:departments", production))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("<h2>Production</h2>") < html.index("<h2>Camera</h2>")
    assert html.index("<h2>Camera</h2>") < html.index("<h2>Grip</h2>")
    grip = html[html.index(f'id="department-{_department(production, "Grip").pk}"') :]
    assert "3 engagements" in grip[: grip.index("</section>")]
    assert 'Key Grip</strong> <span class="badge ok">Head</span>' in html
    assert "Add a department" in html
    assert "Add a position" in html


@pytest.mark.parametrize("role", ["ad", "hod", "director", "crew"])
def test_everyone_else_is_refused_every_department_page(client, production, role):
    user, _, _ = add_member(production, role, department="Grip")
    camera = _department(production, "Camera")
    dit = _position(production, "DIT")
    before = _snapshot(production)
    client.force_login(user)

    responses = [
        client.get(_url("crew:departments", production)),
        client.post(_url("crew:department-add", production), {"department-name": "Catering"}),
        client.get(_url("crew:department-edit", production, department_id=camera.pk)),
        client.post(
            _url("crew:department-edit", production, department_id=camera.pk),
            {"name": "Cameras", "order": "1"},
        ),
        client.post(_url("crew:department-delete", production, department_id=camera.pk)),
        client.post(_url("crew:position-add", production), {"position-title": "Caterer"}),
        client.get(_url("crew:position-edit", production, position_id=dit.pk)),
        client.post(
            _url("crew:position-edit", production, position_id=dit.pk), {"title": "Data Wrangler"}
        ),
        client.post(_url("crew:position-delete", production, position_id=dit.pk)),
    ]

    assert {response.status_code for response in responses} == {403}
    assert _snapshot(production) == before


def test_the_subnav_links_to_departments_for_producers_only(client, production, producer):
    crew, _, _ = add_member(production, "crew", department="Grip")
    link = f'href="{_url("crew:departments", production)}"'

    client.force_login(producer)
    assert link in client.get(_url("crew:list", production)).content.decode()
    client.force_login(crew)
    assert link not in client.get(_url("crew:list", production)).content.decode()


def test_another_productions_ids_answer_404(client, production, producer):
    other = make_production(title="Elsewhere")
    their_department = _department(other, "Camera")
    their_position = _position(other, "DIT")
    client.force_login(producer)

    for response in [
        client.get(_url("crew:department-edit", production, department_id=their_department.pk)),
        client.post(_url("crew:department-delete", production, department_id=their_department.pk)),
        client.get(_url("crew:position-edit", production, position_id=their_position.pk)),
        client.post(_url("crew:position-delete", production, position_id=their_position.pk)),
    ]:
        assert response.status_code == 404
    assert Department.objects.filter(pk=their_department.pk).exists()
    assert Position.objects.filter(pk=their_position.pk).exists()

    client.force_login(make_user())
    assert client.get(_url("crew:departments", production)).status_code == 404


# Departments ------------------------------------------------------------------------------


def test_a_new_department_goes_last_unless_given_an_order(client, production, producer):
    client.force_login(producer)
    last = Department.objects.filter(production=production).order_by("-order")[0]

    response = client.post(
        _url("crew:department-add", production), {"department-name": " Catering "}, follow=True
    )
    client.post(
        _url("crew:department-add", production),
        {"department-name": "Medics", "department-order": "5"},
    )

    assert response.redirect_chain[-1][0] == _url("crew:departments", production)
    assert "Department Catering added." in response.content.decode()
    assert _department(production, "Catering").order == last.order + 10
    assert list(Department.objects.filter(production=production)[:1]) == [
        _department(production, "Medics")
    ]


def test_a_duplicate_department_name_is_refused(client, production, producer):
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(_url("crew:department-add", production), {"department-name": "camera"})

    assert response.status_code == 400
    assert "This production already has a department with that name." in (response.content.decode())
    assert _snapshot(production) == before


def test_a_department_without_a_name_is_refused(client, production, producer):
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:department-add", production), {"department-name": "", "department-order": "-1"}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "greater than or equal to 0" in html
    assert _snapshot(production) == before


def test_a_producer_renames_and_reorders_a_department(client, production, producer):
    camera = _department(production, "Camera")
    client.force_login(producer)
    url = _url("crew:department-edit", production, department_id=camera.pk)

    assert 'value="Camera"' in client.get(url).content.decode()
    response = client.post(url, {"name": "Camera Dept", "order": "1"})

    assert response.status_code == 302
    camera.refresh_from_db()
    assert (camera.name, camera.order) == ("Camera Dept", 1)
    assert Department.objects.filter(production=production).first() == camera


def test_renaming_a_department_to_a_taken_name_changes_nothing(client, production, producer):
    camera = _department(production, "Camera")
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:department-edit", production, department_id=camera.pk),
        {"name": "GRIP", "order": "1"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "already has a department with that name" in html
    assert "<h1>Camera</h1>" in html
    assert _snapshot(production) == before


def test_an_unused_department_is_deleted_with_its_positions(client, production, producer):
    vfx = _department(production, "VFX")
    positions = list(vfx.positions.values_list("pk", flat=True))
    client.force_login(producer)

    response = client.post(
        _url("crew:department-delete", production, department_id=vfx.pk), follow=True
    )

    assert "Department VFX deleted with its 2 positions." in response.content.decode()
    assert not Department.objects.filter(pk=vfx.pk).exists()
    assert not Position.objects.filter(pk__in=positions).exists()


def test_a_department_in_use_is_not_deleted_and_says_how_many_use_it(client, production, producer):
    add_crew(production, 12, department="Camera")
    camera = _department(production, "Camera")
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:department-delete", production, department_id=camera.pk), follow=True
    )

    assert "12 engagements still use Camera." in response.content.decode()
    assert _snapshot(production) == before


def test_a_department_whose_position_is_held_elsewhere_is_in_use(client, production, producer):
    # A DIT engaged under Post: the Camera position is still in use.
    _, _, engagement = add_member(production, "crew", department="Post", position="DIT")
    assert engagement.department == _department(production, "Post")
    camera = _department(production, "Camera")
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:department-delete", production, department_id=camera.pk), follow=True
    )

    assert "1 engagement still uses Camera." in response.content.decode()
    assert _snapshot(production) == before


# Positions --------------------------------------------------------------------------------


def test_a_producer_adds_a_position_with_department_and_head_flag(client, production, producer):
    grip = _department(production, "Grip")
    client.force_login(producer)
    last = Position.objects.filter(department=grip).order_by("-order")[0]

    response = client.post(
        _url("crew:position-add", production),
        {
            "position-title": " Rigging Grip ",
            "position-department": grip.pk,
            "position-is_head_of_department": "on",
        },
    )

    assert response.status_code == 302
    position = _position(production, "Rigging Grip")
    assert (position.department, position.is_head_of_department, position.order) == (
        grip,
        True,
        last.order + 1,
    )


def test_a_duplicate_position_title_is_refused(client, production, producer):
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:position-add", production),
        {"position-title": "dit", "position-department": _department(production, "Grip").pk},
    )

    assert response.status_code == 400
    assert "This production already has a position with that title." in (response.content.decode())
    assert _snapshot(production) == before


def test_a_position_cannot_join_another_productions_department(client, production, producer):
    other = make_production(title="Elsewhere")
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:position-add", production),
        {"position-title": "Spy", "position-department": _department(other, "Grip").pk},
    )

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert _snapshot(production) == before


def test_a_producer_renames_moves_and_flags_a_position(client, production, producer):
    dit = _position(production, "DIT")
    post = _department(production, "Post")
    client.force_login(producer)
    url = _url("crew:position-edit", production, position_id=dit.pk)

    assert 'value="DIT"' in client.get(url).content.decode()
    response = client.post(
        url,
        {"title": "Data Wrangler", "department": post.pk, "is_head_of_department": "on"},
    )

    assert response.status_code == 302
    moved = Position.objects.get(pk=dit.pk)
    assert (moved.title, moved.department, moved.is_head_of_department, moved.order) == (
        "Data Wrangler",
        post,
        True,
        dit.order,  # an empty order keeps the old one
    )


def test_renaming_a_position_to_a_taken_title_changes_nothing(client, production, producer):
    dit = _position(production, "DIT")
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:position-edit", production, position_id=dit.pk),
        {"title": "Gaffer", "department": dit.department_id},
    )

    assert response.status_code == 400
    assert "already has a position with that title" in response.content.decode()
    assert _snapshot(production) == before


def test_an_unused_position_is_deleted(client, production, producer):
    dit = _position(production, "DIT")
    client.force_login(producer)

    response = client.post(
        _url("crew:position-delete", production, position_id=dit.pk), follow=True
    )

    assert "Position DIT deleted." in response.content.decode()
    assert not Position.objects.filter(pk=dit.pk).exists()


def test_a_position_in_use_is_not_deleted_and_says_how_many_hold_it(client, production, producer):
    engagements = add_crew(production, 2, department="Grip")
    position = engagements[0].position
    client.force_login(producer)
    before = _snapshot(production)

    response = client.post(
        _url("crew:position-delete", production, position_id=position.pk), follow=True
    )

    assert f"2 engagements still use {position.title}." in response.content.decode()
    assert _snapshot(production) == before
    assert Engagement.objects.filter(position=position).count() == 2
