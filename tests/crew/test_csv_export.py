"""Exporting the crew list as CSV: the viewer's privacy rules, the list's filters."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from crew.csv_io import COLUMNS
from crew.models import Engagement
from tests.factories import add_crew, add_member, make_production, make_user

pytestmark = pytest.mark.django_db

TARGET_EMAIL = "tess.target@example.test"
TARGET_PHONE = "+447911123456"
PRIVATE = ("address", "emergency_contact_name", "emergency_contact_phone", "dietary_notes")


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    production = make_production(producer=producer, title="Harbour Lights")
    _, _, engagement = add_member(
        production,
        "crew",
        department="Camera",
        user=make_user(email=TARGET_EMAIL, name="Tess Target"),
        phone=TARGET_PHONE,
        address="1 Secret Lane",
        emergency_contact_name="Em Contact",
        dietary_notes="No nuts",
    )
    Engagement.objects.filter(pk=engagement.pk).update(notes="Camera truck keys")
    add_member(
        production,
        "crew",
        department="Camera",
        user=make_user(email="sam.sharer@example.test", name="Sam Sharer"),
        phone="+447911654321",
        share_phone=True,
    )
    return production


def _export(client, viewer, production, **params):
    client.force_login(viewer)
    response = client.get(reverse("crew:export", kwargs={"production_id": production.pk}), params)
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return text, list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def _row(rows, name):
    return next(row for row in rows if row["name"] == name)


def test_a_producer_gets_every_column_and_row(client, producer, production):
    text, rows = _export(client, producer, production)

    assert text.lstrip("\ufeff").splitlines()[0].split(",") == list(COLUMNS)
    tess = _row(rows, "Tess Target")
    assert tess["email"] == TARGET_EMAIL
    assert tess["phone"] == TARGET_PHONE
    assert tess["address"] == "1 Secret Lane"
    assert tess["notes"] == "Camera truck keys"
    assert tess["department"] == "Camera"
    assert tess["status"] == "offered"


def test_the_response_is_a_named_csv_download(client, producer, production):
    client.force_login(producer)

    response = client.get(reverse("crew:export", kwargs={"production_id": production.pk}))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="harbour-lights-crew-' in response["Content-Disposition"]


@pytest.mark.parametrize("role", ["crew", "director", "hod"])
def test_columns_nobody_in_the_file_may_show_are_absent(client, production, role):
    viewer, _, _ = add_member(production, role, department="Grip")
    production.people.filter(name="Sam Sharer").update(share_phone=False)

    # Only Camera: the viewer's own row (Grip) is not in the file.
    text, rows = _export(client, viewer, production, department=_camera(production))

    header = text.lstrip("\ufeff").splitlines()[0].split(",")
    for column in ("email", "phone", "notes", *PRIVATE):
        assert column not in header
    assert _row(rows, "Tess Target")["position"]
    for value in (TARGET_EMAIL, TARGET_PHONE, "1 Secret Lane", "No nuts", "Camera truck keys"):
        assert value not in text


def _camera(production):
    return production.departments.get(name="Camera").pk


@pytest.mark.parametrize("role", ["crew", "director", "hod"])
def test_a_shared_phone_is_exported_and_nothing_else_of_theirs(client, production, role):
    viewer, _, _ = add_member(production, role, department="Grip")

    text, rows = _export(client, viewer, production)

    assert _row(rows, "Sam Sharer")["phone"] == "+447911654321"
    assert _row(rows, "Sam Sharer")["email"] == ""  # the viewer's own e-mail is the column's
    assert TARGET_EMAIL not in text
    assert TARGET_PHONE not in text
    assert "1 Secret Lane" not in text


def test_the_head_of_the_department_gets_contacts_and_notes_not_private(client, production):
    hod, _, _ = add_member(production, "hod", department="Camera")

    text, rows = _export(client, hod, production)

    tess = _row(rows, "Tess Target")
    assert tess["email"] == TARGET_EMAIL
    assert tess["phone"] == TARGET_PHONE
    assert tess["notes"] == "Camera truck keys"
    assert "1 Secret Lane" not in text
    assert "No nuts" not in text


def test_an_ad_gets_contacts_and_private_details(client, production):
    ad, _, _ = add_member(production, "ad", department="Direction")

    _, rows = _export(client, ad, production)

    tess = _row(rows, "Tess Target")
    assert tess["email"] == TARGET_EMAIL
    assert tess["address"] == "1 Secret Lane"
    assert "notes" not in tess  # department notes are for producers and the HOD


def test_the_export_follows_the_lists_filters(client, producer, production):
    add_crew(production, 3, department="Grip")

    _, rows = _export(client, producer, production, q="Tess")

    assert [row["name"] for row in rows] == ["Tess Target"]


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(client, producer, production):
    add_member(production, "crew", department="Grip", name='=HYPERLINK("http://evil")')

    _, rows = _export(client, producer, production)

    assert any(row["name"] == '\'=HYPERLINK("http://evil")' for row in rows)
