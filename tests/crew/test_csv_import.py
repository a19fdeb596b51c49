"""Importing the crew list from CSV: every row valid, or nothing saved."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crew.models import Engagement, EngagementStatus, Person
from tests.factories import add_member, make_production, make_user

pytestmark = pytest.mark.django_db

HEADER = "name,email,phone,department,position,start_date,end_date,call_offset_minutes,status"


@pytest.fixture
def producer():
    return make_user(name="Pat Producer")


@pytest.fixture
def production(producer):
    return make_production(producer=producer, title="Harbour Lights")


def _upload(client, viewer, production, content, *, name="crew.csv"):
    client.force_login(viewer)
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        reverse("crew:import", kwargs={"production_id": production.pk}),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def _errors(response) -> list[tuple[str, str, str]]:
    """(line, column, message) rows of the page's error table."""
    html = response.content.decode()
    body = html[html.index('id="import-errors"') :]
    cells = re.findall(
        r'<tr><td class="num">([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>', body
    )
    return [(line, column, message) for line, column, message in cells]


def _crew(production) -> int:
    return Person.objects.filter(production=production).count()


def test_a_valid_file_adds_people_and_engagements(client, producer, production):
    content = "\n".join(
        [
            HEADER,
            "Gus Grip,gus@example.test,+44 7911 123456,Grip,Key Grip,"
            "2026-04-01,2026-05-30,-30,confirmed",
            "Eli Spark,ELI@example.test,,,Gaffer,,,,Offered",
        ]
    )

    response = _upload(client, producer, production, content)

    assert response.status_code == 302
    gus = Person.objects.get(production=production, email="gus@example.test")
    assert gus.phone == "+447911123456"
    engagement = gus.engagements.get()
    assert engagement.position.title == "Key Grip"
    assert engagement.call_offset_minutes == -30
    assert engagement.status == EngagementStatus.CONFIRMED
    eli = Person.objects.get(production=production, email="eli@example.test")
    assert str(eli.engagements.get().department) == "Electric"  # the position's department
    page = client.get(response["Location"]).content.decode()
    assert "Imported 2 rows: 2 people added, 0 updated." in page


def test_the_summary_counts_one_row_and_one_person_in_the_singular(client, producer, production):
    response = _upload(client, producer, production, "name,position\nGus Grip,Key Grip\n")

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Imported 1 row: 1 person added, 0 updated." in page


def test_a_row_with_more_cells_than_columns_says_how_many(client, producer, production):
    response = _upload(client, producer, production, "name,position\nGus Grip,Key Grip,x\n")

    assert response.status_code == 400
    assert _errors(response) == [("2", "", "3 cells, but the header names 2 columns.")]


def test_reimporting_an_email_updates_that_person_instead_of_duplicating(
    client, producer, production
):
    _, person, engagement = add_member(
        production, "crew", department="Grip", position="Key Grip", email="gus@example.test"
    )
    content = (
        f"{HEADER}\nGus Grippe,GUS@example.test,+33 6 12 34 56 78,Grip,Key Grip,,,15,wrapped\n"
    )

    response = _upload(client, producer, production, content)

    assert response.status_code == 302
    assert Person.objects.filter(production=production, email="gus@example.test").count() == 1
    person.refresh_from_db()
    engagement.refresh_from_db()
    assert person.name == "Gus Grippe"
    assert person.phone == "+33612345678"
    assert engagement.call_offset_minutes == 15
    assert engagement.status == EngagementStatus.WRAPPED
    assert person.engagements.count() == 1


def test_columns_left_out_of_the_file_are_left_alone(client, producer, production):
    _, person, _ = add_member(
        production,
        "crew",
        department="Grip",
        position="Key Grip",
        email="gus@example.test",
        phone="+447911123456",
        address="1 High Street",
    )

    _upload(client, producer, production, "name,email,position\nGus,gus@example.test,Key Grip\n")

    person.refresh_from_db()
    assert person.phone == "+447911123456"
    assert person.address == "1 High Street"


def test_an_unknown_department_fails_its_row_and_saves_no_row(client, producer, production):
    content = "\n".join(
        [
            HEADER,
            "Gus Grip,gus@example.test,,Grip,Key Grip,,,,",
            "Wanda Wrong,wanda@example.test,,Catering Dept,Key Grip,,,,",
        ]
    )
    before = _crew(production)

    response = _upload(client, producer, production, content)

    assert response.status_code == 400
    [(line, column, message)] = _errors(response)
    assert (line, column) == ("3", "department")
    assert "Unknown department “Catering Dept”" in message
    assert "Nothing was imported" in response.content.decode()
    assert _crew(production) == before


def test_every_bad_row_is_reported_with_its_line_and_column(client, producer, production):
    content = "\n".join(
        [
            HEADER,
            "Gus Grip,gus@example.test,not a phone,Grip,Key Grip,2026-04-01,,,",
            ',eli@example.test,,,Gaffer,01/04/2026,,soon,"sacked"',
            "Ann Actor,ann@example.test,,,Lead Cast,2026-05-10,2026-05-01,,",
            "Pia Props,pia@example,,,Nobody Knows,,,,",
        ]
    )

    response = _upload(client, producer, production, content)

    assert response.status_code == 400
    errors = {(line, column) for line, column, _ in _errors(response)}
    assert errors == {
        ("2", "phone"),
        ("3", "name"),
        ("3", "start_date"),
        ("3", "call_offset_minutes"),
        ("3", "status"),
        ("4", "end_date"),
        ("5", "position"),
    }
    assert _crew(production) == 1  # the producer's own record only


def test_an_invalid_email_is_caught_by_the_model_and_reported(client, producer, production):
    response = _upload(client, producer, production, "name,email,position\nPia,pia@,Grip\n")

    assert response.status_code == 400
    assert ("2", "email") in {(line, column) for line, column, _ in _errors(response)}


def test_duplicates_within_the_file_are_errors(client, producer, production):
    content = "\n".join(
        [
            HEADER,
            "Gus Grip,gus@example.test,,,Key Grip,,,,",
            "Gus Grip,GUS@example.test,,,Key Grip,,,,",
            "Gustav,gus@example.test,,,Grip,,,,",
        ]
    )

    response = _upload(client, producer, production, content)

    assert response.status_code == 400
    messages = {(line, column): message for line, column, message in _errors(response)}
    assert "Duplicate of line 2" in messages[("3", "email")]
    assert "Line 2 gives this e-mail to “Gus Grip”" in messages[("4", "email")]
    assert not Person.objects.filter(email="gus@example.test").exists()


def test_one_person_in_two_positions_is_two_rows(client, producer, production):
    content = (
        "name,email,position\n"
        "Dana,dana@example.test,Camera Operator\n"
        "Dana,dana@example.test,Stills Photographer\n"
    )

    response = _upload(client, producer, production, content)

    assert response.status_code == 302
    assert Person.objects.get(email="dana@example.test").engagements.count() == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\n\n  \n", "The file is empty."),
        (b"name,position\n", "The file has a header but no rows."),
        (
            b"nom,poste\nGus,Key Grip\n",
            "The first line must name the columns, and it lacks name, position.",
        ),
        (b"name,position,salary\nGus,Grip,100\n", "Unknown column “salary”."),
        (b"name,position,name\nGus,Grip,Gus\n", "Column name appears more than once."),
        (
            b"name,position,salary,age\nGus,Grip,100,40\n",
            "Unknown columns “salary”, “age”.",
        ),
        (
            b"name,position,name,position\nGus,Grip,Gus,Grip\n",
            "Columns name, position appear more than once.",
        ),
        ("name,position\nRenée,Grip\n".encode("latin-1"), "This file is not UTF-8 text."),
        ("name,position\nGus,Grip\n".encode("utf-16"), "This file is not UTF-8 text."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
        (b'name,position\n"Gus,Grip\n', "not valid CSV"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message(client, producer, production, content, message):
    before = _crew(production)

    response = _upload(client, producer, production, content)

    assert response.status_code == 400
    [(_line, _, text)] = _errors(response)
    assert message in text
    assert _crew(production) == before


def test_no_file_is_a_form_error(client, producer, production):
    client.force_login(producer)

    response = client.post(reverse("crew:import", kwargs={"production_id": production.pk}), {})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_semicolons_and_a_bom_from_european_spreadsheets_are_read(client, producer, production):
    content = "\ufeffName;E-mail;Position\nRenée Ruiz;renee@example.test;Key Grip\n"

    response = _upload(client, producer, production, content)

    assert response.status_code == 302
    assert Person.objects.get(email="renee@example.test").name == "Renée Ruiz"


def test_line_numbers_count_lines_inside_quoted_cells(client, producer, production):
    content = 'name,position,notes\nGus,Key Grip,"two\nlines"\nWanda,Nobody,\n'

    response = _upload(client, producer, production, content)

    assert _errors(response) == [
        ("4", "position", "Unknown position “Nobody”. Add it first, or fix the spelling.")
    ]


def test_an_exported_file_imports_back_without_duplicates(client, producer, production):
    add_member(production, "crew", department="Grip", phone="+447911123456", address="1 Lane")
    add_member(production, "hod", department="Camera", name="Dana DP")
    client.force_login(producer)
    exported = client.get(reverse("crew:export", kwargs={"production_id": production.pk}))
    people, engagements = _crew(production), Engagement.objects.count()

    response = _upload(client, producer, production, exported.content)

    assert response.status_code == 302
    assert _crew(production) == people
    assert Engagement.objects.count() == engagements


def test_a_department_head_may_not_import(client, production):
    hod, _, _ = add_member(production, "hod", department="Grip")

    response = _upload(client, hod, production, "name,position\nGus,Grip\n")

    assert response.status_code == 403
    assert not Person.objects.filter(name="Gus").exists()


def test_a_file_holding_only_a_byte_order_mark_is_a_clear_error(client, producer, production):
    client.force_login(producer)
    client.raise_request_exception = False
    r = client.post(
        reverse("crew:import", kwargs={"production_id": production.pk}),
        {"file": SimpleUploadedFile("c.csv", b"\xef\xbb\xbf\r\n", content_type="text/csv")},
    )
    assert r.status_code == 400


def test_a_header_wider_than_the_column_cap_is_refused_on_line_1(client, producer, production):
    # 200,000 known column names (1.4 MB, under the 2 MB upload limit): a check that
    # compares every column with every other would keep the worker busy for minutes.
    header = ",".join(["name,position"] * 100_000)
    before = _crew(production)

    response = _upload(client, producer, production, f"{header}\nGus,Grip\n")

    assert response.status_code == 400
    assert _errors(response) == [
        ("1", "", "The header names 200000 columns; a crew file has at most 100.")
    ]
    assert _crew(production) == before


def test_a_row_wider_than_the_column_cap_is_refused_at_its_line(client, producer, production):
    wide = ",".join(["x"] * 200_000)

    response = _upload(client, producer, production, f"name,position\nGus,Grip\n{wide}\n")

    assert response.status_code == 400
    assert _errors(response) == [
        ("3", "", "This line has 200000 cells; a crew file has at most 100 columns.")
    ]


def test_a_cell_longer_than_the_cap_is_refused_with_its_line_and_column(
    client, producer, production
):
    notes = "n" * 20_000

    response = _upload(client, producer, production, f"name,position,notes\nGus,Grip,{notes}\n")

    assert response.status_code == 400
    assert _errors(response) == [
        ("2", "notes", "A cell holds at most 10000 characters; this one has 20000.")
    ]


@pytest.mark.parametrize("where", ["header", "row"])
def test_a_cell_beyond_the_csv_reader_limit_is_refused_clearly(client, producer, production, where):
    huge = "x" * 200_000  # more than Python's csv module reads in one field
    content = f"{huge}\nGus\n" if where == "header" else f"name,position\nGus,{huge}\n"

    response = _upload(client, producer, production, content)

    assert response.status_code == 400
    [(line, _column, message)] = _errors(response)
    assert line == ("1" if where == "header" else "2")
    assert message.startswith("A cell holds at most 10000 characters")
