"""The cast list: everyone reads it, producers and ADs edit it, one cast ID per character."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from crew.models import Character, Engagement, Person
from scheduling.breakdown.models import Scene, SceneCharacter, scene_number_sort_key
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

# Session, user, membership, the characters with their actors and, for editors, the actor
# choices: one query each whatever the size of the cast.
CAST_PAGE_QUERIES = 5


@dataclass
class Team:
    production: Any
    producer: Any
    ad: Any
    hod: Any
    director: Any
    crew: Any
    lead: Any  # Ann Actor's cast engagement
    support: Any  # Bob Actor's cast engagement
    grip: Any  # a grip's engagement (may play a part too)


@pytest.fixture
def team() -> Team:
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="Harbour Lights")
    ad, _, _ = add_member(production, "ad", department="Direction")
    hod, _, _ = add_member(production, "hod", department="Camera")
    director, _, _ = add_member(production, "director", department="Direction")
    crew, _, _ = add_member(production, "crew", department="Grip")
    _, _, lead = add_member(
        production,
        "crew",
        department="Cast",
        position="Lead Cast",
        name="Ann Actor",
        email="ann@example.test",
        phone="+447700900111",
        share_email=True,
    )
    _, _, support = add_member(
        production, "crew", department="Cast", position="Supporting Cast", name="Bob Actor"
    )
    _, _, grip = add_member(production, "crew", department="Grip", name="Gus Grip")
    return Team(production, producer, ad, hod, director, crew, lead, support, grip)


def _url(name: str, team: Team, **kwargs: Any) -> str:
    return reverse(name, kwargs={"production_id": team.production.pk, **kwargs})


def _character(team: Team, name: str, number: int | None, engagement: Any = None) -> Character:
    return Character.objects.create(
        production=team.production, name=name, cast_number=number, engagement=engagement
    )


# Reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["producer", "ad", "hod", "director", "crew"])
def test_everyone_reads_the_cast_by_cast_id_with_names_only(client, team, role):
    _character(team, "DOCKHAND", None)
    _character(team, "HARBOURMASTER", 2, team.support)
    _character(team, "SKIPPER", 1, team.lead)
    client.force_login(getattr(team, role))

    response = client.get(_url("crew:cast", team))

    assert response.status_code == 200
    html = response.content.decode()
    # Lead first, then #2, then the characters without an ID.
    assert html.index("SKIPPER") < html.index("HARBOURMASTER") < html.index("DOCKHAND")
    assert "#1" in html
    assert "Ann Actor" in html
    ann = team.lead.person
    assert _url("crew:person", team, person_id=ann.pk) in html
    assert "Not cast yet" in html
    # Names only: no contact details, even those Ann shares with the team.
    assert "ann@example.test" not in html
    assert "7700" not in html


def test_the_subnav_links_to_the_cast(client, team):
    client.force_login(team.crew)

    html = client.get(_url("crew:list", team)).content.decode()

    assert f'href="{_url("crew:cast", team)}"' in html


@pytest.mark.parametrize(("role", "can_edit"), [("producer", True), ("ad", True), ("crew", False)])
def test_only_editors_see_the_add_form_and_edit_links(client, team, role, can_edit):
    character = _character(team, "SKIPPER", 1, team.lead)
    client.force_login(getattr(team, role))

    html = client.get(_url("crew:cast", team)).content.decode()

    assert ("Add a character" in html) is can_edit
    assert (_url("crew:character-edit", team, character_id=character.pk) in html) is can_edit


# Writing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["producer", "ad"])
def test_producers_and_ads_add_a_character_with_cast_id_and_actor(client, team, role):
    client.force_login(getattr(team, role))

    response = client.post(
        _url("crew:cast", team),
        {"name": " Skipper ", "cast_number": "1", "engagement": team.lead.pk},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == _url("crew:cast", team)
    character = Character.objects.get(production=team.production)
    assert (character.name, character.cast_number, character.engagement) == (
        "SKIPPER",
        1,
        team.lead,
    )
    assert "SKIPPER added to the cast list." in response.content.decode()


def test_a_character_may_be_added_without_id_or_actor(client, team):
    client.force_login(team.producer)

    response = client.post(_url("crew:cast", team), {"name": "Dockhand"})

    assert response.status_code == 302
    character = Character.objects.get(production=team.production)
    assert (character.name, character.cast_number, character.engagement) == ("DOCKHAND", None, None)


@pytest.mark.parametrize("role", ["hod", "director", "crew"])
def test_others_may_not_add_edit_or_delete(client, team, role):
    character = _character(team, "SKIPPER", 1, team.lead)
    client.force_login(getattr(team, role))

    add = client.post(_url("crew:cast", team), {"name": "MUTINEER", "cast_number": "2"})
    edit_page = client.get(_url("crew:character-edit", team, character_id=character.pk))
    edit = client.post(
        _url("crew:character-edit", team, character_id=character.pk),
        {"name": "RENAMED", "cast_number": "9"},
    )
    delete = client.post(_url("crew:character-delete", team, character_id=character.pk))

    assert [add.status_code, edit_page.status_code, edit.status_code, delete.status_code] == [
        403
    ] * 4
    assert list(Character.objects.values_list("name", "cast_number", "engagement")) == [
        ("SKIPPER", 1, team.lead.pk)
    ]


def test_a_taken_cast_id_is_refused_with_who_has_it(client, team):
    _character(team, "SKIPPER", 1, team.lead)
    client.force_login(team.producer)

    response = client.post(_url("crew:cast", team), {"name": "MUTINEER", "cast_number": "1"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Cast ID 1 is already SKIPPER." in html
    assert Character.objects.count() == 1


def test_a_taken_name_is_refused_whatever_its_case(client, team):
    _character(team, "SKIPPER", 1, team.lead)
    client.force_login(team.producer)

    response = client.post(_url("crew:cast", team), {"name": "skipper", "cast_number": "2"})

    assert response.status_code == 400
    assert "There is already a character called SKIPPER." in response.content.decode()
    assert Character.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "cast_number": "2"}, "This field is required."),
        ({"name": "MUTINEER", "cast_number": "0"}, "greater than or equal to 1"),
        ({"name": "MUTINEER", "cast_number": "two"}, "Enter a whole number."),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(client, team, data, message):
    client.force_login(team.producer)

    response = client.post(_url("crew:cast", team), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Character.objects.exists()


def test_an_engagement_of_another_production_cannot_play_a_part(client, team):
    other = make_production(title="Elsewhere")
    _, _, foreign = add_member(other, "crew", department="Cast")
    client.force_login(team.producer)

    response = client.post(_url("crew:cast", team), {"name": "SKIPPER", "engagement": foreign.pk})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not Character.objects.exists()


def test_the_actor_choices_list_the_cast_department_first(client, team):
    client.force_login(team.producer)

    html = client.get(_url("crew:cast", team)).content.decode()

    select = html[html.index('name="engagement"') :]
    select = select[: select.index("</select>")]
    assert "Not cast yet" in select
    assert select.index("Ann Actor · Lead Cast (Cast)") < select.index("Gus Grip")
    assert select.index("Bob Actor · Supporting Cast (Cast)") < select.index("Gus Grip")


def test_an_editor_renumbers_recasts_and_renames(client, team):
    character = _character(team, "SKIPPER", 3, team.lead)
    client.force_login(team.ad)
    url = _url("crew:character-edit", team, character_id=character.pk)

    page = client.get(url)
    assert page.status_code == 200
    assert 'value="SKIPPER"' in page.content.decode()

    response = client.post(
        url, {"name": "Captain", "cast_number": "1", "engagement": team.support.pk}
    )

    assert response.status_code == 302
    character.refresh_from_db()
    assert (character.name, character.cast_number, character.engagement) == (
        "CAPTAIN",
        1,
        team.support,
    )


def test_an_editor_unassigns_the_actor(client, team):
    character = _character(team, "SKIPPER", 1, team.lead)
    client.force_login(team.producer)

    client.post(
        _url("crew:character-edit", team, character_id=character.pk),
        {"name": "SKIPPER", "cast_number": "1", "engagement": ""},
    )

    character.refresh_from_db()
    assert character.engagement is None
    assert Engagement.objects.filter(pk=team.lead.pk).exists()


def test_an_edit_to_a_taken_cast_id_changes_nothing(client, team):
    _character(team, "SKIPPER", 1, team.lead)
    second = _character(team, "HARBOURMASTER", 2, team.support)
    client.force_login(team.producer)

    response = client.post(
        _url("crew:character-edit", team, character_id=second.pk),
        {"name": "BOSUN", "cast_number": "1", "engagement": team.grip.pk},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Cast ID 1 is already SKIPPER." in html
    assert "Edit HARBOURMASTER" in html  # the page still names it as saved
    second.refresh_from_db()
    assert (second.name, second.cast_number, second.engagement) == (
        "HARBOURMASTER",
        2,
        team.support,
    )


def test_keeping_its_own_cast_id_and_name_is_not_a_duplicate(client, team):
    character = _character(team, "SKIPPER", 1, team.lead)
    client.force_login(team.producer)

    response = client.post(
        _url("crew:character-edit", team, character_id=character.pk),
        {"name": "skipper", "cast_number": "1", "engagement": team.support.pk},
    )

    assert response.status_code == 302
    character.refresh_from_db()
    assert character.engagement == team.support


def test_deleting_a_character_says_which_scenes_it_leaves(client, team):
    character = _character(team, "SKIPPER", 1, team.lead)
    scene = Scene.objects.create(
        production=team.production, number="1", sort_key=scene_number_sort_key("1")
    )
    SceneCharacter.objects.create(scene=scene, character=character)
    client.force_login(team.producer)

    edit_page = client.get(_url("crew:character-edit", team, character_id=character.pk))
    assert "appears in 1 scene;" in edit_page.content.decode()
    response = client.post(
        _url("crew:character-delete", team, character_id=character.pk), follow=True
    )

    assert "SKIPPER deleted and taken out of 1 scene." in response.content.decode()
    assert not Character.objects.exists()
    assert Person.objects.filter(pk=team.lead.person_id).exists()  # the actor stays


def test_another_productions_character_answers_404(client, team):
    other_producer = make_user()
    other = make_production(producer=other_producer, title="Elsewhere")
    theirs = Character.objects.create(production=other, name="STRANGER", cast_number=1)
    client.force_login(team.producer)

    assert client.get(_url("crew:character-edit", team, character_id=theirs.pk)).status_code == 404
    assert (
        client.post(_url("crew:character-delete", team, character_id=theirs.pk)).status_code == 404
    )
    assert Character.objects.filter(pk=theirs.pk).exists()

    client.force_login(other_producer)
    assert client.get(_url("crew:cast", team)).status_code == 404


# Query counts -----------------------------------------------------------------------------


def _cast_of(team: Team, count: int) -> None:
    engagements = []
    for n in range(count):
        _, _, engagement = add_member(
            team.production, "crew", department="Cast", name=f"Actor {n:03d}"
        )
        engagements.append(engagement)
    Character.objects.bulk_create(
        Character(
            production=team.production,
            name=f"PART {n:03d}",
            cast_number=n + 1 if n % 5 else None,
            engagement=engagements[n] if n % 3 else None,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 60])
@pytest.mark.parametrize("role", ["producer", "crew"])
def test_the_cast_page_costs_the_same_queries_for_10_or_60_characters(
    client, team, django_assert_max_num_queries, count, role
):
    _cast_of(team, count)
    client.force_login(getattr(team, role))

    with django_assert_max_num_queries(CAST_PAGE_QUERIES):
        response = client.get(_url("crew:cast", team))

    assert response.status_code == 200
    assert response.content.decode().count('<tr id="character-') == count
