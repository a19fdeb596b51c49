"""The schedule pages as a producer, an AD and a department head use them."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from crew.models import Character
from scheduling.breakdown.models import SceneCharacter
from scheduling.stripboard.models import Schedule, ShootDay, Unit
from scheduling.stripboard.services import schedule_create, shoot_day_save, strip_move
from tests.conftest import Cast
from tests.factories import LocationFactory, SceneFactory

pytestmark = pytest.mark.django_db


def url(cast: Cast, name: str, **kwargs: int) -> str:
    return reverse(f"scheduling:{name}", kwargs={"production_id": cast.production.pk, **kwargs})


def test_an_ad_starts_a_schedule_adds_a_day_and_sees_the_board(cast: Cast) -> None:
    scenes = SceneFactory.create_batch(2, production=cast.production)
    client = cast.client("ad")
    answer = client.post(url(cast, "schedule-list"), {"name": "White"})
    schedule = Schedule.objects.get(production=cast.production)
    assert answer.status_code == 302
    assert answer["Location"] == url(cast, "board", schedule_id=schedule.pk)
    paris = LocationFactory.create(
        production=cast.production, name="Studio", time_zone="Europe/Paris"
    )
    unit = Unit.objects.get(production=cast.production)
    answer = client.post(
        url(cast, "day-add", schedule_id=schedule.pk),
        {
            "unit": unit.pk,
            "date": "2027-03-01",
            "kind": "shoot",
            "location": paris.pk,
            "crew_call": "06:30",
        },
    )
    assert answer.status_code == 302
    day = ShootDay.objects.get(schedule=schedule)
    strip_move(schedule=schedule, scene=scenes[0], to_day=day, position=0, seen_version=1)
    html = client.get(url(cast, "board", schedule_id=schedule.pk)).content.decode()
    assert "Day 1 of 1" in html
    assert "06:30" in html
    assert "Europe/Paris" in html
    assert html.count('class="strip ') == 2
    assert 'data-version="2"' in html
    assert "js/stripboard.js" in html
    assert "Sortable.min.js" in html


def test_bad_day_input_is_a_form_error_and_saves_nothing(cast: Cast) -> None:
    schedule = schedule_create(production=cast.production, name="White")
    other_unit = Unit.objects.create(production=cast.other_production, name="Main")
    client = cast.client("ad")
    for data, field in (
        ({"unit": other_unit.pk, "date": "2027-03-01", "kind": "shoot"}, "unit"),
        ({"unit": "", "date": "9999-12-31", "kind": "shoot"}, "date"),
        ({"unit": "", "date": "2027-03-01", "kind": "shoot"}, "unit"),
        ({"date": "2027-03-01", "kind": "party"}, "kind"),
    ):
        answer = client.post(url(cast, "day-add", schedule_id=schedule.pk), data)
        assert answer.status_code == 400
        assert field in answer.context["form"].errors, (data, answer.context["form"].errors)
    assert not ShootDay.objects.exists()


def test_department_heads_read_the_board_without_the_editing_tools(cast: Cast) -> None:
    schedule = schedule_create(production=cast.production, name="White")
    html = cast.client("hod").get(url(cast, "board", schedule_id=schedule.pk)).content.decode()
    assert "stripboard.js" not in html
    assert "Add a day" not in html
    assert (
        cast.client("hod").post(url(cast, "schedule-publish", schedule_id=schedule.pk)).status_code
        == 403
    )
    assert cast.client("crew").get(url(cast, "board", schedule_id=schedule.pk)).status_code == 403


def test_publish_copy_and_delete_from_the_board(cast: Cast) -> None:
    schedule = schedule_create(production=cast.production, name="White")
    client = cast.client("producer")
    client.post(url(cast, "schedule-publish", schedule_id=schedule.pk))
    schedule.refresh_from_db()
    assert schedule.is_published
    answer = client.post(url(cast, "schedule-copy", schedule_id=schedule.pk), {"name": "Blue"})
    copy = Schedule.objects.get(name="Blue")
    assert answer["Location"] == url(cast, "board", schedule_id=copy.pk)
    answer = client.post(url(cast, "schedule-delete", schedule_id=schedule.pk), follow=True)
    assert "cannot be deleted" in answer.content.decode()
    client.post(url(cast, "schedule-delete", schedule_id=copy.pk))
    assert list(Schedule.objects.values_list("name", flat=True)) == ["White"]


def test_dood_page_and_csv(cast: Cast) -> None:
    schedule = schedule_create(production=cast.production, name="White")
    unit = Unit.objects.get(production=cast.production)
    days = [
        shoot_day_save(day=ShootDay(schedule=schedule), unit=unit, date=date(2027, 3, n))
        for n in (1, 2, 3)
    ]
    hero = Character.objects.create(production=cast.production, name="=MARA", cast_number=1)
    version = 1
    for day in (days[0], days[2]):
        scene = SceneFactory.create(production=cast.production)
        SceneCharacter.objects.create(scene=scene, character=hero)
        version = strip_move(
            schedule=schedule, scene=scene, to_day=day, position=0, seen_version=version
        ).board_version
    client = cast.client("director")
    html = client.get(url(cast, "dood", schedule_id=schedule.pk)).content.decode()
    assert ">SW<" in html
    assert ">H<" in html
    assert ">WF<" in html
    answer = client.get(url(cast, "dood", schedule_id=schedule.pk) + "?format=csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0][:5] == ["id", "name", "2027-03-01", "2027-03-02", "2027-03-03"]
    assert rows[1][:5] == ["1", "'=MARA", "SW", "H", "WF"]  # never a formula in a spreadsheet


def test_compare_two_versions(cast: Cast) -> None:
    one, two = SceneFactory.create_batch(2, production=cast.production)
    white = schedule_create(production=cast.production, name="White")
    unit = Unit.objects.get(production=cast.production)
    day = shoot_day_save(day=ShootDay(schedule=white), unit=unit, date=date(2027, 3, 1))
    strip_move(schedule=white, scene=one, to_day=day, position=0, seen_version=1)
    blue = schedule_create(production=cast.production, name="Blue")
    html = (
        cast.client("ad")
        .get(url(cast, "compare", schedule_id=white.pk) + f"?other={blue.pk}")
        .content.decode()
    )
    assert f'<th scope="row">{one.number}</th>' in html
    assert f'<th scope="row">{two.number}</th>' not in html


def test_one_liner_and_shooting_schedule_print_as_html_and_pdf(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scheduling.stripboard import printing

    fetched: list[str] = []
    real = printing.static_file

    def watched(url: str) -> tuple[bytes, str]:
        fetched.append(url)
        return real(url)

    monkeypatch.setattr(printing, "static_file", watched)
    scene = SceneFactory.create(production=cast.production, synopsis="Mara finds the letter.")
    schedule = schedule_create(production=cast.production, name="White")
    unit = Unit.objects.get(production=cast.production)
    day = shoot_day_save(
        day=ShootDay(schedule=schedule), unit=unit, date=date(2027, 3, 1), crew_call="06:00"
    )
    strip_move(schedule=schedule, scene=scene, to_day=day, position=0, seen_version=1)
    client = cast.client("director")
    one_liner = client.get(
        url(cast, "print", schedule_id=schedule.pk) + "?layout=one-liner"
    ).content.decode()
    assert "Day 1 of 1" in one_liner
    assert scene.number in one_liner
    assert "Mara finds the letter." not in one_liner
    shooting = client.get(
        url(cast, "print", schedule_id=schedule.pk) + "?layout=shooting"
    ).content.decode()
    assert "Mara finds the letter." in shooting
    assert "06:00" in shooting
    pdf = client.get(url(cast, "print", schedule_id=schedule.pk) + "?layout=shooting&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert len(pdf.content) > 2000
    assert fetched == [f"{printing.BASE_URL}static/css/schedule-print.css"]  # laid out with it


def test_printables_fetch_nothing_but_static_files() -> None:
    from scheduling.stripboard.printing import BASE_URL, FetchRefused, static_file

    assert static_file(f"{BASE_URL}static/css/schedule-print.css")[1] == "text/css"
    for address in (
        "http://169.254.169.254/latest/meta-data",
        "file:///etc/passwd",
        f"{BASE_URL}static/../config/settings/base.py",
        f"{BASE_URL}admin/",
    ):
        with pytest.raises(FetchRefused):
            static_file(address)
