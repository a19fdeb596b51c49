"""The schedule API as a client uses it: versions, days, the board, moves, DOOD, conflicts."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.cache import cache as django_cache
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from crew.models import Character, Unavailability
from scheduling.breakdown.models import IntExt, Location, Scene, SceneCharacter, Set, TimeOfDay
from scheduling.stripboard.models import Schedule, ScheduleStatus, ShootDay, Strip, Unit
from tests.conftest import Cast
from tests.factories import LocationFactory, SceneFactory

pytestmark = pytest.mark.django_db

START = date(2027, 3, 1)


def base(cast: Cast) -> str:
    return f"/api/v1/productions/{cast.production.pk}"


def new_schedule(api: APIClient, cast: Cast, name: str = "Shooting schedule") -> dict[str, Any]:
    answer = api.post(f"{base(cast)}/schedules/", {"name": name}, format="json")
    assert answer.status_code == 201, answer.json()
    return answer.json()


def add_day(api: APIClient, cast: Cast, schedule: int, **fields: Any) -> dict[str, Any]:
    fields.setdefault(
        "unit", Unit.objects.filter(production=cast.production).order_by("order", "id")[0].pk
    )
    answer = api.post(f"{base(cast)}/schedules/{schedule}/shoot-days/", fields, format="json")
    assert answer.status_code == 201, answer.json()
    return answer.json()


def board(api: APIClient, cast: Cast, schedule: int) -> dict[str, Any]:
    answer = api.get(f"{base(cast)}/schedules/{schedule}/board/")
    assert answer.status_code == 200, answer.json()
    return answer.json()


def move(api: APIClient, cast: Cast, schedule: int, **fields: Any) -> Any:
    return api.post(f"{base(cast)}/schedules/{schedule}/moves/", fields, format="json")


def board_scene_ids(data: dict[str, Any]) -> list[int]:
    return [s["scene"] for day in data["days"] for s in day["strips"]] + [
        s["scene"] for s in data["boneyard"]
    ]


def test_a_new_schedule_has_every_scene_in_the_boneyard_and_a_main_unit(cast: Cast) -> None:
    scenes = SceneFactory.create_batch(3, production=cast.production)
    Scene.objects.filter(pk=scenes[2].pk).update(omitted=True)
    api = cast.api("ad")
    schedule = new_schedule(api, cast)
    assert schedule["status"] == "draft"
    assert [u.name for u in Unit.objects.filter(production=cast.production)] == ["Main unit"]
    data = board(api, cast, schedule["id"])
    assert data["days"] == []
    assert [s["scene"] for s in data["boneyard"]] == [scenes[0].pk, scenes[1].pk]


def test_moves_put_strips_on_days_in_order_and_survive_a_reload(cast: Cast) -> None:
    one, two, three = SceneFactory.create_batch(3, production=cast.production)
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    day = add_day(api, cast, schedule, date="2027-03-01")
    version = board(api, cast, schedule)["version"]
    for position, scene in enumerate([one, two]):
        answer = move(
            api,
            cast,
            schedule,
            scene=scene.pk,
            to_day=day["id"],
            position=position,
            version=version,
        )
        assert answer.status_code == 200, answer.json()
        version = answer.json()["version"]
    # Three goes first; one and two shift down.
    answer = move(
        api, cast, schedule, scene=three.pk, to_day=day["id"], position=0, version=version
    )
    assert answer.status_code == 200
    data = board(cast.api("producer"), cast, schedule)
    assert [s["number"] for s in data["days"][0]["strips"]] == [
        three.number,
        one.number,
        two.number,
    ]
    assert data["days"][0]["pages"] == "3"
    assert data["days"][0]["day_number"] == 1
    assert data["boneyard"] == []
    # Back to the boneyard.
    answer = move(
        api, cast, schedule, scene=one.pk, to_day=None, position=0, version=data["version"]
    )
    assert answer.status_code == 200
    data = board(api, cast, schedule)
    assert [s["scene"] for s in data["boneyard"]] == [one.pk]


def test_a_stale_move_is_409_with_what_changed_and_changes_nothing(cast: Cast) -> None:
    one, two = SceneFactory.create_batch(2, production=cast.production)
    first, second = cast.api("ad"), cast.api("producer")
    schedule = new_schedule(first, cast)["id"]
    day = add_day(first, cast, schedule, date="2027-03-01")
    seen = board(first, cast, schedule)["version"]
    assert board(second, cast, schedule)["version"] == seen
    assert (
        move(
            first, cast, schedule, scene=one.pk, to_day=day["id"], position=0, version=seen
        ).status_code
        == 200
    )
    answer = move(second, cast, schedule, scene=two.pk, to_day=day["id"], position=0, version=seen)
    assert answer.status_code == 409
    body = answer.json()
    assert "changed since you loaded it" in body["detail"]
    assert body["version"] == seen + 1
    assert [(c["scene"], c["to_day"], c["number"]) for c in body["changes"]] == [
        (one.pk, day["id"], one.number)
    ]
    data = board(second, cast, schedule)
    assert [s["scene"] for s in data["days"][0]["strips"]] == [one.pk]
    assert sorted(board_scene_ids(data)) == sorted([one.pk, two.pk])


@pytest.mark.django_db(transaction=True)
def test_two_clients_moving_at_once_one_wins_and_every_scene_stays_once(cast: Cast) -> None:
    scenes = SceneFactory.create_batch(6, production=cast.production)
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    days = [add_day(api, cast, schedule, date=f"2027-03-0{n}") for n in (1, 2)]
    seen = board(api, cast, schedule)["version"]
    barrier = threading.Barrier(2)
    answers: list[int] = []

    def client(member: str, scene: Scene, day: dict[str, Any]) -> None:
        try:
            barrier.wait()
            answers.append(
                move(
                    cast.api(member),
                    cast,
                    schedule,
                    scene=scene.pk,
                    to_day=day["id"],
                    position=0,
                    version=seen,
                ).status_code
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=client, args=("ad", scenes[0], days[0])),
        threading.Thread(target=client, args=("producer", scenes[1], days[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200, 409]
    data = board(api, cast, schedule)
    ids = board_scene_ids(data)
    assert sorted(ids) == sorted(s.pk for s in scenes)
    assert data["version"] == seen + 1


def test_only_one_schedule_is_published_and_a_copy_keeps_the_board(cast: Cast) -> None:
    scene = SceneFactory.create(production=cast.production)
    api = cast.api("ad")
    first = new_schedule(api, cast, "White")["id"]
    day = add_day(api, cast, first, date="2027-03-01", crew_call="07:00")
    assert (
        move(api, cast, first, scene=scene.pk, to_day=day["id"], position=0, version=1).status_code
        == 200
    )
    assert api.post(f"{base(cast)}/schedules/{first}/publish/").json()["status"] == "published"
    copy = api.post(f"{base(cast)}/schedules/{first}/copy/", {"name": "Blue"}, format="json")
    assert copy.status_code == 201
    assert copy.json()["status"] == "draft"
    copied = board(api, cast, copy.json()["id"])
    assert [s["scene"] for s in copied["days"][0]["strips"]] == [scene.pk]
    assert copied["days"][0]["crew_call"] == "07:00"
    assert api.post(f"{base(cast)}/schedules/{copy.json()['id']}/publish/").status_code == 200
    statuses = dict(
        Schedule.objects.filter(production=cast.production).values_list("name", "status")
    )
    assert statuses == {"White": "draft", "Blue": "published"}
    # The database refuses a second published schedule whatever writes it.
    with pytest.raises(IntegrityError):
        Schedule.objects.filter(name="White").update(status=ScheduleStatus.PUBLISHED)


def test_the_published_schedule_cannot_be_deleted(cast: Cast) -> None:
    api = cast.api("producer")
    schedule = new_schedule(api, cast)["id"]
    api.post(f"{base(cast)}/schedules/{schedule}/publish/")
    answer = api.delete(f"{base(cast)}/schedules/{schedule}/")
    assert answer.status_code == 400
    assert "published schedule cannot be deleted" in answer.json()["errors"]["non_field_errors"][0]


def test_a_day_in_another_time_zone_keeps_local_calls_and_gives_utc_instants(cast: Cast) -> None:
    cast.production.time_zone = "Europe/London"
    cast.production.save()
    reykjavik = LocationFactory.create(
        production=cast.production, name="Harbour", time_zone="Atlantic/Reykjavik"
    )
    paris = LocationFactory.create(
        production=cast.production, name="Studio", time_zone="Europe/Paris"
    )
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    day = add_day(
        api,
        cast,
        schedule,
        date="2027-07-01",
        location=paris.pk,
        crew_call="06:00",
        shooting_call="07:30",
        estimated_wrap="01:00",
    )
    assert day["local_time_zone"] == "Europe/Paris"
    assert (day["crew_call"], day["shooting_call"], day["estimated_wrap"]) == (
        "06:00",
        "07:30",
        "01:00",
    )
    assert day["crew_call_at"] == "2027-07-01T06:00:00+02:00"  # 04:00 UTC
    assert day["estimated_wrap_at"] == "2027-07-02T01:00:00+02:00"  # the next morning
    other = add_day(
        api, cast, schedule, date="2027-07-02", location=reykjavik.pk, crew_call="06:00"
    )
    assert other["crew_call_at"] == "2027-07-02T06:00:00+00:00"
    office = add_day(api, cast, schedule, date="2027-07-03", crew_call="06:00")
    assert (office["local_time_zone"], office["crew_call_at"]) == (
        "Europe/London",
        "2027-07-03T06:00:00+01:00",
    )


def test_day_numbers_count_shoot_days_per_unit(cast: Cast) -> None:
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    second = api.post(
        f"{base(cast)}/units/", {"name": "Second unit", "kind": "second"}, format="json"
    ).json()
    add_day(api, cast, schedule, date="2027-03-01")
    add_day(api, cast, schedule, date="2027-03-02", kind="off")
    add_day(api, cast, schedule, date="2027-03-03")
    add_day(api, cast, schedule, date="2027-03-03", unit=second["id"])
    days = api.get(f"{base(cast)}/schedules/{schedule}/shoot-days/").json()
    assert [
        (d["date"], d["unit"] == second["id"], d["day_number"], d["day_count"]) for d in days
    ] == [
        ("2027-03-01", False, 1, 2),
        ("2027-03-02", False, None, None),
        ("2027-03-03", False, 2, 2),
        ("2027-03-03", True, 1, 1),
    ]
    duplicate = api.post(
        f"{base(cast)}/schedules/{schedule}/shoot-days/",
        {"unit": second["id"], "date": "2027-03-03"},
        format="json",
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"] == {"date": ["This unit already has a day on that date."]}


def test_scenes_go_only_on_shoot_days_and_bad_moves_change_nothing(cast: Cast) -> None:
    scene = SceneFactory.create(production=cast.production)
    elsewhere = SceneFactory.create(production=cast.other_production)
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    holiday = add_day(api, cast, schedule, date="2027-03-01", kind="holiday")
    other_schedule = new_schedule(api, cast, "B")["id"]
    other_day = add_day(api, cast, other_schedule, date="2027-03-01")
    cases = [
        ({"scene": scene.pk, "to_day": holiday["id"], "position": 0, "version": 1}, "to_day"),
        ({"scene": scene.pk, "to_day": other_day["id"], "position": 0, "version": 1}, "to_day"),
        ({"scene": elsewhere.pk, "to_day": None, "position": 0, "version": 1}, "scene"),
        ({"scene": scene.pk, "to_day": None, "position": -1, "version": 1}, "position"),
        ({"scene": scene.pk, "to_day": None, "position": 0}, "version"),
    ]
    for payload, field in cases:
        answer = move(api, cast, schedule, **payload)
        assert answer.status_code == 400, payload
        assert field in answer.json()["errors"], (payload, answer.json())
    assert not Strip.objects.filter(schedule_id=schedule).exists()
    assert board(api, cast, schedule)["version"] == 1


def test_roles_and_other_productions(cast: Cast) -> None:
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    assert cast.api("hod").get(f"{base(cast)}/schedules/{schedule}/board/").status_code == 200
    assert (
        cast.api("hod").post(f"{base(cast)}/schedules/", {"name": "X"}, format="json").status_code
        == 403
    )
    assert (
        cast.api("director")
        .post(f"{base(cast)}/schedules/{schedule}/moves/", {}, format="json")
        .status_code
        == 403
    )
    assert cast.api("crew").get(f"{base(cast)}/schedules/").status_code == 403
    outsider = cast.api("outsider")
    assert outsider.get(f"{base(cast)}/schedules/{schedule}/board/").status_code == 404
    theirs = f"/api/v1/productions/{cast.other_production.pk}/schedules/{schedule}/board/"
    assert outsider.get(theirs).status_code == 404
    assert (
        outsider.get(
            f"/api/v1/productions/{cast.other_production.pk}/schedules/{schedule}/shoot-days/"
        ).status_code
        == 404
    )


def test_dood_and_conflicts_through_the_api(cast: Cast) -> None:
    production = cast.production
    engagement = cast.crew.engagement
    hero = Character.objects.create(
        production=production, name="MARA", cast_number=1, engagement=engagement
    )
    friend = Character.objects.create(production=production, name="JON", cast_number=2)
    scenes = SceneFactory.create_batch(3, production=production)
    for scene in scenes:
        SceneCharacter.objects.create(scene=scene, character=hero)
    SceneCharacter.objects.create(scene=scenes[1], character=friend)
    Unavailability.objects.create(
        person=cast.crew.person, start_date=date(2027, 3, 3), end_date=date(2027, 3, 3)
    )
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    days = [
        add_day(api, cast, schedule, date=(START + timedelta(days=n)).isoformat()) for n in range(3)
    ]
    version = 1
    for scene, day in zip(scenes, [days[0], days[0], days[2]], strict=True):
        version = move(
            api, cast, schedule, scene=scene.pk, to_day=day["id"], position=9, version=version
        ).json()["version"]
    dood = api.get(f"{base(cast)}/schedules/{schedule}/dood/").json()
    assert [d["date"] for d in dood["dates"]] == ["2027-03-01", "2027-03-02", "2027-03-03"]
    rows = {row["name"]: row for row in dood["rows"]}
    assert rows["MARA"]["codes"] == ["SW", "H", "WF"]
    assert rows["MARA"]["totals"]["work"] == 2
    assert rows["MARA"]["totals"]["hold"] == 1
    assert rows["JON"]["codes"] == ["SWF", "", ""]
    assert api.get(f"{base(cast)}/schedules/{schedule}/dood/?category=x").status_code == 400
    found = api.get(f"{base(cast)}/schedules/{schedule}/conflicts/").json()
    assert [(c["kind"], c["date"]) for c in found] == [("unavailable", "2027-03-03")]
    assert cast.crew.person.name in found[0]["message"]
    assert found[0]["day_ids"] == [days[2]["id"]]


def _big_board(cast: Cast, scenes: int, days: int) -> int:
    production = cast.production
    sets = Set.objects.bulk_create(Set(production=production, name=f"SET {n}") for n in range(20))
    location = Location.objects.create(production=production, name="Studio")
    Set.objects.filter(pk__in=[s.pk for s in sets[::2]]).update(location=location)
    characters = Character.objects.bulk_create(
        Character(production=production, name=f"P{n}", cast_number=n + 1) for n in range(12)
    )
    made = Scene.objects.bulk_create(
        Scene(
            production=production,
            number=str(n + 1),
            sort_key=f"{n + 1:010d}1",
            set=sets[n % 20],
            int_ext=IntExt.EXT if n % 2 else IntExt.INT,
            time_of_day=TimeOfDay.NIGHT if n % 3 else TimeOfDay.DAY,
            eighths=1 + n % 9,
        )
        for n in range(scenes)
    )
    SceneCharacter.objects.bulk_create(
        SceneCharacter(scene=scene, character=characters[(n + k) % 12])
        for n, scene in enumerate(made)
        for k in (0, 3)
    )
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    unit = Unit.objects.get(production=production)
    made_days = ShootDay.objects.bulk_create(
        ShootDay(schedule_id=schedule, unit=unit, date=START + timedelta(days=n))
        for n in range(days)
    )
    Strip.objects.bulk_create(
        Strip(
            schedule_id=schedule,
            scene=scene,
            day=made_days[n % days] if n % 10 else None,
            position=n,
        )
        for n, scene in enumerate(made)
    )
    return schedule


@pytest.mark.parametrize(("scenes", "days"), [(10, 2), (300, 60)])
def test_board_and_dood_and_conflicts_cost_the_same_queries_at_any_size(
    cast: Cast, scenes: int, days: int
) -> None:
    schedule = _big_board(cast, scenes, days)
    api = cast.api("ad")
    for path, most in (("board", 7), ("dood", 7), ("conflicts", 8)):
        with CaptureQueriesContext(connection) as queries:
            answer = api.get(f"{base(cast)}/schedules/{schedule}/{path}/")
        assert answer.status_code == 200
        assert len(queries) == most, (path, len(queries))
    data = board(api, cast, schedule)
    assert len(board_scene_ids(data)) == scenes


@pytest.mark.parametrize(("scenes", "days"), [(10, 2), (300, 60)])
def test_board_page_costs_the_same_queries_at_any_size(cast: Cast, scenes: int, days: int) -> None:
    from productions.fragments import recent_fragments

    schedule = _big_board(cast, scenes, days)
    client = cast.client("ad")
    url = f"/productions/{cast.production.pk}/schedule/{schedule}/"
    client.get(url)  # the session and the element categories settle on a first visit
    counts = []
    for cached in (False, True):
        if not cached:
            django_cache.clear()
            recent_fragments.clear()
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(url)
        assert answer.status_code == 200
        assert answer.content.decode().count('class="strip ') == scenes
        counts.append(len(queries))
    assert counts == [13, 7], counts  # rendered, then from the fragment cache


def test_the_board_page_shows_every_write_at_once_and_each_role_its_own_board(cast: Cast) -> None:
    one, two = SceneFactory.create_batch(2, production=cast.production)
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    day = add_day(api, cast, schedule, date="2027-03-01")
    url = f"/productions/{cast.production.pk}/schedule/{schedule}/"
    ad, hod = cast.client("ad"), cast.client("hod")

    def on_the_day(client: Any) -> list[str]:
        html = client.get(url).content.decode()
        days = html[html.index('class="days"') : html.index('class="boneyard"')]
        return [n for n in (one.number, two.number) if f'data-number="{n}"' in days]

    assert on_the_day(ad) == []
    assert on_the_day(hod) == []
    move(api, cast, schedule, scene=two.pk, to_day=day["id"], position=0, version=1)
    assert on_the_day(ad) == [two.number]
    assert on_the_day(hod) == [two.number]
    assert 'tabindex="0"' in ad.get(url).content.decode()  # the AD's strips can be picked up
    assert 'tabindex="0"' not in hod.get(url).content.decode()  # the head of department's not
    Scene.objects.filter(pk=two.pk).update(number="2B")  # a write on another surface
    assert 'data-number="2B"' in ad.get(url).content.decode()


def test_a_strips_own_estimate_counts_on_its_day(cast: Cast) -> None:
    scene = SceneFactory.create(production=cast.production, eighths=8)
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    day = add_day(api, cast, schedule, date="2027-03-01")
    move(api, cast, schedule, scene=scene.pk, to_day=day["id"], position=0, version=1)
    assert board(api, cast, schedule)["days"][0]["minutes"] == 60  # a page an hour by default
    url = f"{base(cast)}/schedules/{schedule}/estimates/"
    assert (
        api.post(url, {"scene": scene.pk, "estimated_minutes": 95}, format="json").status_code
        == 204
    )
    assert board(api, cast, schedule)["days"][0]["minutes"] == 95
    assert (
        api.post(url, {"scene": scene.pk, "estimated_minutes": 0}, format="json").status_code == 400
    )
    assert (
        api.post(url, {"scene": scene.pk, "estimated_minutes": None}, format="json").status_code
        == 204
    )
    assert board(api, cast, schedule)["days"][0]["minutes"] == 60


def test_call_times_are_wall_clock_minutes_without_an_offset(cast: Cast) -> None:
    api = cast.api("ad")
    schedule = new_schedule(api, cast)["id"]
    day = add_day(api, cast, schedule, date="2027-03-01", crew_call="06:30:45")
    assert day["crew_call"] == "06:30"
    assert day["crew_call_at"] == "2027-03-01T06:30:00+00:00"
    answer = api.post(
        f"{base(cast)}/schedules/{schedule}/shoot-days/",
        {"unit": day["unit"], "date": "2027-03-02", "crew_call": "06:30-05:00"},
        format="json",
    )
    assert answer.status_code == 400
    assert "crew_call" in answer.json()["errors"]
