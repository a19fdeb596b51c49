"""Headings in other styles split into set and time of day, imported through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scheduling.breakdown.models import Scene, TimeOfDay
from scheduling.breakdown.screenplay.headings import split_heading

HEADINGS = [
    ("EXT. HARBOUR WALL. NIGHT. 1952.", "EXT", "HARBOUR WALL", TimeOfDay.NIGHT, "NIGHT. 1952"),
    ("INT - KITCHEN - DAY", "INT", "KITCHEN", TimeOfDay.DAY, "DAY"),
    ("INT KITCHEN DAY", "INT", "KITCHEN", TimeOfDay.DAY, "DAY"),
    ("INT. CELLAR - NIGHT / LATER", "INT", "CELLAR", TimeOfDay.NIGHT, "NIGHT / LATER"),
    ("INT. OFFICE - (PRESENT) DAY", "INT", "OFFICE", TimeOfDay.DAY, "(PRESENT) DAY"),
    ("INT. CORRIDOR - CONTINUOUS", "INT", "CORRIDOR", TimeOfDay.CONTINUOUS, "CONTINUOUS"),
    ("EXT. PIER - MOMENTS LATER", "EXT", "PIER", TimeOfDay.OTHER, "MOMENTS LATER"),
    ("EXT. BEACH - SAME", "EXT", "BEACH", TimeOfDay.OTHER, "SAME"),
    ("INT. PARLOUR - TEATIME", "INT", "PARLOUR - TEATIME", TimeOfDay.OTHER, ""),
]


def _fountain() -> str:
    return "".join(f"{heading}\n\nSomething happens.\n\n" for heading, *_ in HEADINGS)


def _fdx() -> str:
    paragraphs = "".join(
        f'<Paragraph Type="Scene Heading"><Text>{heading}</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>Something happens.</Text></Paragraph>'
        for heading, *_ in HEADINGS
    )
    return f'<?xml version="1.0"?><FinalDraft><Content>{paragraphs}</Content></FinalDraft>'


@pytest.mark.parametrize(("name", "text"), [("h.fountain", _fountain()), ("h.fdx", _fdx())])
def test_headings_in_other_styles_import_with_set_and_time(api_client, team, name, text):
    api_client.force_authenticate(team.ad)
    base = f"/api/v1/productions/{team.production.pk}/screenplays/"
    upload = api_client.post(
        base, {"file": SimpleUploadedFile(name, text.encode())}, format="multipart"
    ).json()
    assert [t["heading"] for t in upload["changes"]["unknown_times"]] == [
        "EXT. PIER - MOMENTS LATER",
        "EXT. BEACH - SAME",
        "INT. PARLOUR - TEATIME",
    ]
    assert api_client.post(f"{base}{upload['id']}/apply/").status_code == 200

    scenes = Scene.objects.filter(production=team.production).select_related("set")
    got = [
        (
            s.number,
            s.heading,
            s.int_ext,
            s.set.name if s.set else "",
            s.time_of_day,
            s.time_of_day_raw,
            s.eighths,
        )
        for s in scenes
    ]
    assert got == [
        (str(n), heading, int_ext, set_name, time, raw, 1)
        for n, (heading, int_ext, set_name, time, raw) in enumerate(HEADINGS, start=1)
    ]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("EXT. ST. PAUL'S CATHEDRAL. DAY.", ("EXT", "ST. PAUL'S CATHEDRAL", "DAY", "DAY")),
        ("INT. DR. NO'S LAIR - NIGHT", ("INT", "DR. NO'S LAIR", "NIGHT", "NIGHT")),
        ("INT. NIGHT CLUB", ("INT", "NIGHT CLUB", "", "")),
        ("INT. DAY CARE CENTER", ("INT", "DAY CARE CENTER", "", "")),
        ("EXT. ROAD DAY (1952)", ("EXT", "ROAD", "DAY", "DAY (1952)")),
        ("INT KITCHEN - DAY", ("INT", "KITCHEN", "DAY", "DAY")),
        ("INT. KITCHEN. LATER THAT NIGHT", ("INT", "KITCHEN", "NIGHT", "LATER THAT NIGHT")),
        ("INT. LIVING ROOM/KITCHEN - DAY", ("INT", "LIVING ROOM/KITCHEN", "DAY", "DAY")),
    ],
)
def test_split_heading_other_styles(heading, expected):
    parts = split_heading(heading)
    assert (parts.int_ext, parts.set_name, parts.time_of_day, parts.time_of_day_raw) == expected


def test_a_long_heading_splits_in_linear_time():
    heading = "INT. " + "A. " * 20_000 + "- " * 20_000 + "DAY"
    assert split_heading(heading).time_of_day == "DAY"


def test_the_preview_page_lists_times_it_did_not_recognise(client, team):
    from django.urls import reverse

    from scheduling.breakdown.models import ScreenplayImport

    client.force_login(team.ad)
    upload_url = reverse("scheduling:screenplay-upload", args=[team.production.pk])
    client.post(upload_url, {"file": SimpleUploadedFile("h.fountain", _fountain().encode())})
    preview = ScreenplayImport.objects.get()
    html = client.get(
        reverse("scheduling:screenplay-preview", args=[team.production.pk, preview.pk])
    ).content.decode()
    assert "Time of day not recognised" in html
    assert "INT. PARLOUR - TEATIME" in html
    assert "MOMENTS LATER" in html
