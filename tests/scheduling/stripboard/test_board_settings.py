"""Schedule settings (strip colours, drop rule, daily targets) and DOOD marks set by hand."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from crew.models import Character
from scheduling.breakdown.models import SceneCharacter
from scheduling.stripboard.models import BoardSettings, DoodMark, ShootDay, Unit
from scheduling.stripboard.services import schedule_create, shoot_day_save, strip_move
from tests.conftest import Cast
from tests.factories import SceneFactory

pytestmark = pytest.mark.django_db


def settings_url(cast: Cast) -> str:
    return f"/api/v1/productions/{cast.production.pk}/schedules/settings/"


def test_settings_through_the_api_change_the_board_and_the_dood(cast: Cast) -> None:
    api = cast.api("ad")
    assert api.get(settings_url(cast)).json()["drop_threshold_days"] == 10
    answer = api.patch(
        settings_url(cast),
        {
            "strip_colours": {"day_ext": "#ffee58"},
            "drop_threshold_days": 14,
            "page_target_eighths": 8,
        },
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["strip_colours"]["day_ext"] == "#ffee58"
    assert answer.json()["strip_colours"]["night_int"] == "#90caf9"
    schedule = schedule_create(production=cast.production, name="White")
    unit = Unit.objects.get(production=cast.production)
    day = shoot_day_save(day=ShootDay(schedule=schedule), unit=unit, date=date(2027, 3, 1))
    strip_move(
        schedule=schedule,
        scene=SceneFactory.create(production=cast.production, eighths=9),
        to_day=day,
        position=0,
        seen_version=1,
    )
    base = f"/api/v1/productions/{cast.production.pk}/schedules/{schedule.pk}"
    assert api.get(f"{base}/board/").json()["colours"]["day_ext"] == "#ffee58"
    assert api.get(f"{base}/dood/").json()["threshold_days"] == 14
    assert [c["kind"] for c in api.get(f"{base}/conflicts/").json()] == ["over_page_target"]


@pytest.mark.parametrize(
    "payload",
    [
        {"strip_colours": {"day_ext": "red"}},
        {"strip_colours": {"sky": "#ffffff"}},
        {"drop_threshold_days": 91},
        {"minutes_per_page": 0},
        {"hour_target_minutes": 24 * 60 + 1},
    ],
)
def test_bad_settings_are_400_and_change_nothing(cast: Cast, payload: dict[str, object]) -> None:
    api = cast.api("producer")
    api.get(settings_url(cast))
    before = list(BoardSettings.objects.values())
    answer = api.patch(settings_url(cast), payload, format="json")
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == set(payload)
    assert list(BoardSettings.objects.values()) == before


def test_settings_need_the_right_to_edit_the_schedule(cast: Cast) -> None:
    assert cast.api("hod").get(settings_url(cast)).status_code == 200
    assert (
        cast.api("hod")
        .patch(settings_url(cast), {"minutes_per_page": 50}, format="json")
        .status_code
        == 403
    )
    assert cast.api("crew").get(settings_url(cast)).status_code == 403
    page = reverse("scheduling:board-settings", kwargs={"production_id": cast.production.pk})
    assert cast.client("hod").post(page, {}).status_code == 403


def test_the_settings_page(cast: Cast) -> None:
    page = reverse("scheduling:board-settings", kwargs={"production_id": cast.production.pk})
    client = cast.client("ad")
    form = {
        "day_int": "#FFFFFF", "day_ext": "#fff176", "night_int": "#90caf9", "night_ext": "#a5d6a7",
        "day_break": "#000000", "holiday": "#e53935", "drop_threshold_days": "14",
        "page_target": "5 4/8", "hour_target_minutes": "", "minutes_per_page": "55",
    }  # fmt: skip
    assert client.post(page, form).status_code == 302
    saved = BoardSettings.objects.get(production=cast.production)
    assert (saved.page_target_eighths, saved.minutes_per_page, saved.strip_colours["day_int"]) == (
        44,
        55,
        "#ffffff",
    )
    answer = client.post(page, {**form, "page_target": "5 1/2", "night_ext": "green"})
    assert answer.status_code == 400
    assert set(answer.context["form"].errors) == {"page_target", "night_ext"}


def test_dood_marks_by_hand_through_the_api_and_the_page(cast: Cast) -> None:
    schedule = schedule_create(production=cast.production, name="White")
    unit = Unit.objects.get(production=cast.production)
    day = shoot_day_save(day=ShootDay(schedule=schedule), unit=unit, date=date(2027, 3, 2))
    shoot_day_save(day=ShootDay(schedule=schedule), unit=unit, date=date(2027, 3, 1), kind="travel")
    hero = Character.objects.create(production=cast.production, name="MARA", cast_number=1)
    scene = SceneFactory.create(production=cast.production)
    SceneCharacter.objects.create(scene=scene, character=hero)
    strip_move(schedule=schedule, scene=scene, to_day=day, position=0, seen_version=1)
    base = f"/api/v1/productions/{cast.production.pk}/schedules/{schedule.pk}"
    api = cast.api("ad")
    answer = api.post(
        f"{base}/dood-marks/",
        {"character": hero.pk, "date": "2027-03-01", "code": "T"},
        format="json",
    )
    assert answer.status_code == 204
    assert api.get(f"{base}/dood/").json()["rows"][0]["codes"] == ["T", "SWF"]
    elsewhere = Character.objects.create(production=cast.other_production, name="X")
    bad = api.post(
        f"{base}/dood-marks/",
        {"character": elsewhere.pk, "date": "2027-03-01", "code": "W"},
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"character", "code"}
    page = reverse(
        "scheduling:dood-mark",
        kwargs={"production_id": cast.production.pk, "schedule_id": schedule.pk},
    )
    cast.client("ad").post(page, {"character": hero.pk, "date": "2027-03-01", "code": ""})
    assert not DoodMark.objects.exists()
