"""A producer can delete a whole production, whatever it holds."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from crew.models import Person
from productions.models import Production
from productions.services import production_delete
from scheduling.breakdown.models import Element, Scene, Set

pytestmark = pytest.mark.django_db


def test_deleting_the_demo_production_removes_everything_it_holds():
    call_command("seed_demo")
    production = Production.objects.get()
    assert Scene.objects.exists()
    assert Element.objects.exists()

    production_delete(production=production)

    assert not Production.objects.exists()
    assert not Person.objects.exists()
    assert not Scene.objects.exists()
    assert not Set.objects.exists()


def test_deleting_a_set_that_scenes_use_is_a_clear_409(api_client):
    call_command("seed_demo")
    from accounts.models import User

    production = Production.objects.get()
    set_ = Set.objects.filter(production=production, scenes__isnull=False).distinct().first()
    assert set_ is not None
    api_client.force_authenticate(User.objects.get(email="producer@demo.test"))

    response = api_client.delete(f"/api/v1/productions/{production.pk}/sets/{set_.pk}/")

    assert response.status_code == 409
    assert response.json()["detail"].startswith("This is still used by ")
    assert "scenes" in response.json()["detail"]
    assert Set.objects.filter(pk=set_.pk).exists()
