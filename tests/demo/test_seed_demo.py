from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import User
from crew.models import Character, Deadline, Department, Engagement, Person
from crew.policies import can_manage_department
from demo.data import DEMO_LOGINS, DEMO_PASSWORD
from productions.models import Membership, Production
from productions.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_production_has_a_full_team_and_a_login_per_role():
    call_command("seed_demo")

    production = Production.objects.get()
    crew = Engagement.objects.filter(production=production).exclude(department__name="Cast")
    departments_with_crew = set(crew.values_list("department__name", flat=True))
    assert crew.count() >= 120
    assert len(departments_with_crew) >= 12
    assert Engagement.objects.filter(production=production, department__name="Cast").count() == 40
    assert Character.objects.filter(production=production, cast_number__isnull=False).count() == 40
    assert Deadline.objects.filter(production=production).count() >= 5
    roles = set(Membership.objects.filter(production=production).values_list("role", flat=True))
    assert roles == set(Role.values)
    for email, _ in DEMO_LOGINS:
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)


def test_running_it_again_duplicates_nothing():
    call_command("seed_demo")
    counts = [model.objects.count() for model in (Production, Person, Engagement, Department, User)]

    call_command("seed_demo")

    assert [
        model.objects.count() for model in (Production, Person, Engagement, Department, User)
    ] == counts


def test_the_demo_hod_heads_the_camera_department():
    call_command("seed_demo")
    from productions.scoping import production_access

    hod = User.objects.get(email="hod@demo.test")
    access = production_access(hod, Production.objects.get().pk)
    camera = Department.objects.get(name="Camera")

    assert can_manage_department(access, camera.pk)
    assert not can_manage_department(access, Department.objects.get(name="Grip").pk)


def test_demo_breakdown_has_90_scenes_on_located_sets_with_the_cast():
    call_command("seed_demo")
    from scheduling.breakdown.models import Location, Scene, SceneCharacter, Set

    production = Production.objects.get()
    scenes = Scene.objects.filter(production=production)
    assert scenes.count() == 90
    assert scenes.filter(eighths__lt=1).count() == 0
    assert Location.objects.filter(production=production).count() == 6
    assert not Set.objects.filter(production=production, location__isnull=True).exists()
    cast_in_scenes = SceneCharacter.objects.filter(scene__production=production)
    assert len(set(cast_in_scenes.values_list("character", flat=True))) >= 36
    assert not Character.objects.filter(production=production, cast_number__isnull=True).exists()


def test_a_demo_loaded_before_the_breakdown_existed_gets_it_on_the_next_run():
    call_command("seed_demo")
    from scheduling.breakdown.models import Location, Scene, ScreenplayImport, Set

    for model in (Scene, Set, Location, ScreenplayImport):
        model.objects.all().delete()

    call_command("seed_demo")

    assert Scene.objects.count() == 90
    assert Production.objects.count() == 1


def test_demo_has_a_published_schedule_of_the_breakdown():
    from scheduling.stripboard.models import DayKind, Schedule, ShootDay, Strip

    call_command("seed_demo")
    schedule = Schedule.objects.get()
    assert schedule.is_published
    days = ShootDay.objects.filter(schedule=schedule)
    assert days.filter(kind=DayKind.HOLIDAY).count() == 2
    shoot_days = days.filter(kind=DayKind.SHOOT)
    assert shoot_days.count() == 28
    placed = Strip.objects.filter(schedule=schedule, day__isnull=False)
    assert placed.count() == 84  # 90 scenes, 6 waiting in the boneyard
    assert (
        shoot_days.filter(location__isnull=False).count()
        == shoot_days.filter(strips__isnull=False).distinct().count()
    )


def test_a_demo_loaded_before_the_schedule_existed_gets_it_on_the_next_run():
    from scheduling.stripboard.models import Schedule

    call_command("seed_demo")
    Schedule.objects.all().delete()
    call_command("seed_demo")
    assert Schedule.objects.count() == 1
