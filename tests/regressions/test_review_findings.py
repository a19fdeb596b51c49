"""Defects found in review (privacy, roles, bad input); each test failed before its fix."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crew.models import Department, Engagement, Person, Position
from productions.models import Membership
from scheduling.breakdown.models import Element
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def production():
    return make_production(title="Salt Road")


@pytest.fixture
def producer(production):
    return Membership.objects.get(production=production, role="producer").user


def _grip(production):
    return (
        Position.objects.get(production=production, title="Dolly Grip"),
        Department.objects.get(production=production, name="Grip"),
    )


# 1 ---------------------------------------------------------------------------------
def test_f01_hod_cannot_pull_producer_into_department_and_rewrite_record(
    client, api_client, production, producer
):
    hod, _, _ = add_member(production, "hod", department="Grip")
    target = Person.objects.get(production=production, user=producer)
    Person.objects.filter(pk=target.pk).update(phone="+447911000111")
    pos, grip = _grip(production)
    client.force_login(hod)
    client.post(
        f"/productions/{production.pk}/crew/people/{target.pk}/engagements/new/",
        {"position": pos.pk, "department": grip.pk, "status": "offered", "call_offset_minutes": 0},
    )
    page = client.get(f"/productions/{production.pk}/crew/people/{target.pk}/").content.decode()
    eng = Engagement.objects.filter(person=target, position=pos).first()
    api_client.force_authenticate(hod)
    if eng:
        api_client.patch(
            f"/api/v1/productions/{production.pk}/crew/{eng.pk}/",
            {"email": "hod-owned@example.test"},
            format="json",
        )
        api_client.delete(f"/api/v1/productions/{production.pk}/crew/{eng.pk}/")
    target.refresh_from_db()
    assert "7911" not in page, "HOD now reads the producer's phone"
    assert target.email != "hod-owned@example.test", "HOD rewrote the producer's record"


# 2 ---------------------------------------------------------------------------------
def test_f02_hod_cannot_flip_consent_or_overwrite_private_fields(api_client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    _, victim, eng = add_member(
        production, "crew", department="Grip", phone="+447911123456", address="Home 1"
    )
    api_client.force_authenticate(hod)
    r = api_client.patch(
        f"/api/v1/productions/{production.pk}/crew/{eng.pk}/",
        {"share_phone": True, "address": "overwritten"},
        format="json",
    )
    victim.refresh_from_db()
    assert r.status_code == 403
    assert not victim.share_phone
    assert victim.address == "Home 1"


# 3 ---------------------------------------------------------------------------------
def test_f03_hod_add_form_does_not_name_owner_of_an_email(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")
    add_member(production, "crew", department="Camera", name="Secret Sam", email="sam@example.test")
    pos, grip = _grip(production)
    client.force_login(hod)
    r = client.post(
        f"/productions/{production.pk}/crew/add/",
        {
            "name": "X",
            "email": "sam@example.test",
            "position": pos.pk,
            "department": grip.pk,
            "status": "offered",
            "account": "none",
            "role": "crew",
            "call_offset_minutes": 0,
        },
    )
    assert "Secret Sam" not in r.content.decode()


# 4 ---------------------------------------------------------------------------------
def test_f04_member_list_does_not_leak_login_email(api_client, production):
    ines = make_user(email="ines.private@example.test")
    add_member(
        production,
        "crew",
        department="Camera",
        user=ines,
        email="ines.work@example.test",
        share_email=True,
    )
    viewer, _, _ = add_member(production, "crew", department="Grip")
    api_client.force_authenticate(viewer)
    rows = api_client.get(f"/api/v1/productions/{production.pk}/members/").json()["results"]
    [row] = [r for r in rows if r["user"] == ines.pk]
    assert row.get("email") != "ines.private@example.test"


# 5 ---------------------------------------------------------------------------------
def test_f05_element_create_with_huge_quantity_is_400_and_saves_nothing(
    api_client, producer, production
):
    api_client.force_authenticate(producer)
    api_client.raise_request_exception = False
    base = f"/api/v1/productions/{production.pk}"
    props = next(
        c for c in api_client.get(f"{base}/element-categories/").json() if c["name"] == "Props"
    )
    scene = api_client.post(f"{base}/scenes/", {"number": "1"}, format="json").json()
    r = api_client.post(
        f"{base}/elements/",
        {
            "category": props["id"],
            "name": "Porsche",
            "scenes": [{"scene": scene["id"], "quantity": 3_000_000_000}],
        },
        format="json",
    )
    left = Element.objects.filter(production=production, name="Porsche").count()
    assert (r.status_code, left) == (400, 0)


# 6 ---------------------------------------------------------------------------------
def _fdx(props):
    return (
        '<?xml version="1.0"?><FinalDraft DocumentType="Script" Version="1"><Content>'
        f'<Paragraph Type="Scene Heading" Number="1"><SceneProperties {props}/>'
        '<Text>INT. HOUSE - DAY</Text></Paragraph><Paragraph Type="Action"><Text>x</Text>'
        "</Paragraph></Content></FinalDraft>"
    ).encode()


@pytest.mark.parametrize(
    "props",
    ['Length="1" Page="\u00b2"', 'Length="1" Page="3000000000"', 'Length="300000000" Page="1"'],
)
def test_f06_odd_fdx_numbers_are_400_not_500(api_client, producer, production, props):
    api_client.force_authenticate(producer)
    api_client.raise_request_exception = False
    base = f"/api/v1/productions/{production.pk}/screenplays/"
    r = api_client.post(
        base, {"file": SimpleUploadedFile("s.fdx", _fdx(props))}, format="multipart"
    )
    codes = [r.status_code]
    if r.status_code == 201:
        codes.append(api_client.post(f"{base}{r.json()['id']}/apply/").status_code)
    assert all(c < 500 for c in codes), codes


# 7 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/productions/{p}/crew/?q=a%00b",
        "/productions/{p}/crew/export.csv?q=a%00b",
        "/api/v1/productions/{p}/crew/?q=a%00b",
        "/api/v1/productions/{p}/scenes/?time_of_day=a%00b",
    ],
)
def test_f07_nul_in_query_is_not_500(client, api_client, producer, production, path):
    c = api_client if path.startswith("/api") else client
    (c.force_authenticate if c is api_client else c.force_login)(producer)
    c.raise_request_exception = False
    assert c.get(path.format(p=production.pk)).status_code < 500


# 8 ---------------------------------------------------------------------------------
LONG = "a" * 64 + "@" + ("b" * 63 + ".") * 3 + "com"  # 260 chars: valid syntax, > 254


def test_f08_invite_with_overlong_email_is_400(client, api_client, producer, production):
    api_client.force_authenticate(producer)
    api_client.raise_request_exception = False
    client.force_login(producer)
    client.raise_request_exception = False
    a = api_client.post(
        f"/api/v1/productions/{production.pk}/members/",
        {"email": LONG, "role": "crew"},
        format="json",
    )
    p = client.post(
        f"/productions/{production.pk}/members/invite/", {"email": LONG, "role": "crew"}
    )
    assert (a.status_code, p.status_code) == (400, 400)


# 9 ---------------------------------------------------------------------------------
def test_f09_csv_with_only_a_bom_is_a_clear_error(client, producer, production):
    client.force_login(producer)
    client.raise_request_exception = False
    r = client.post(
        reverse("crew:import", kwargs={"production_id": production.pk}),
        {"file": SimpleUploadedFile("c.csv", b"\xef\xbb\xbf\r\n", content_type="text/csv")},
    )
    assert r.status_code == 400


# 10 --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "q", ["scenes/?set=%C2%B2", "scenes/?character=%C2%B2", "elements/?scene=%C2%B2"]
)
def test_f10_superscript_digit_filter_is_400(api_client, producer, production, q):
    api_client.force_authenticate(producer)
    api_client.raise_request_exception = False
    assert api_client.get(f"/api/v1/productions/{production.pk}/{q}").status_code == 400


# 11 --------------------------------------------------------------------------------
def test_f11_coproducer_non_numeric_id_with_if_match_is_404(api_client, producer, production):
    api_client.force_authenticate(producer)
    api_client.raise_request_exception = False
    r = api_client.delete(
        f"/api/v1/productions/{production.pk}/co-producers/abc/", HTTP_IF_MATCH='"x"'
    )
    assert r.status_code == 404


def test_nul_hidden_in_a_repeated_parameter_is_caught_too(client, producer, production):
    client.force_login(producer)

    response = client.get(f"/productions/{production.pk}/crew/?q=ok&q=a%00b")

    assert response.status_code == 400
