"""Partly numbered drafts after lock: numbers kept, proposals accepted, one revision per apply.

Every draft here is written for the test and imported through the API or the pages.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scheduling.breakdown.models import Scene, ScreenplayImport
from scheduling.breakdown.revisions import revision_colour
from scheduling.breakdown.screenplay import parse_screenplay
from scheduling.breakdown.screenplay.numbering import propose_numbers

# Heading plus 27 one-line paragraphs, each after a blank line: 55 lines, one full page.
LONG = "\n\n".join(["Rain."] * 27)

# White draft: locked 1, 2, 3 and one scene added after 2 without a number.
DRAFT_WHITE = f"""\
Title: Harbour

INT. KITCHEN - DAY #1#

Anna makes coffee.

EXT. GARDEN - NIGHT #2#

Ben smokes alone.

INT. HALL - DAY

Anna listens at the door.

EXT. STREET - DUSK #3#

{LONG}
"""

# Blue: a new opening scene (before 1), scene 2 cut, the hall still unnumbered, a new scene
# after it, and the street scene now short.
DRAFT_BLUE = """\
Title: Harbour

EXT. HARBOUR WALL - NIGHT

Waves.

INT. KITCHEN - DAY #1#

Anna makes coffee.

INT. HALL - DAY

Anna listens at the door.

INT. CELLAR - NIGHT

Ben hides the case.

EXT. STREET - DUSK #3#

A car passes.
"""

# Pink: as blue, plus a scene after 3 and one more before the hall.
DRAFT_PINK = """\
Title: Harbour

EXT. HARBOUR WALL - NIGHT

Waves.

INT. KITCHEN - DAY #1#

Anna makes coffee.

INT. STAIRS - NIGHT

Footsteps.

INT. HALL - DAY

Anna listens at the door.

INT. CELLAR - NIGHT

Ben hides the case.

EXT. STREET - DUSK #3#

A car passes.

EXT. PIER - DAWN

Gulls.
"""


def _base(team) -> str:
    return f"/api/v1/productions/{team.production.pk}"


@pytest.fixture
def api(api_client, team):
    api_client.force_authenticate(team.ad)
    api_client.raise_request_exception = False
    return api_client


def _upload(api, team, text: str, name: str = "draft.fountain"):
    response = api.post(
        f"{_base(team)}/screenplays/",
        {"file": SimpleUploadedFile(name, text.encode())},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    return response.json()


def _apply(api, team, upload, numbers=None):
    return api.post(
        f"{_base(team)}/screenplays/{upload['id']}/apply/",
        {"numbers": numbers or {}},
        format="json",
    )


def _scenes(team) -> dict[str, tuple[str, bool, int, str]]:
    return {
        s.number: (
            s.heading,
            s.omitted,
            s.eighths,
            s.revision.revision_colour if s.revision else "",
        )
        for s in Scene.objects.filter(production=team.production).select_related("revision")
    }


def test_a_partly_numbered_draft_is_numbered_around_its_locked_numbers(api, team):
    upload = _upload(api, team, DRAFT_WHITE)

    proposals = upload["changes"]["numbering"]
    assert proposals == [
        {
            "index": 2,
            "heading": "INT. HALL - DAY",
            "in_file": "",
            "number": "2A",
            "reason": "unnumbered",
            "flagged": False,
        }
    ]
    assert [s["number"] for s in upload["changes"]["added"]] == ["1", "2", "2A", "3"]


def test_three_revisions_keep_every_locked_number_and_take_the_next_colour(api, team):
    white = _upload(api, team, DRAFT_WHITE)
    assert _apply(api, team, white).json()["revision_colour"] == "White"
    scenes = _scenes(team)
    assert list(scenes) == ["1", "2", "2A", "3"]
    assert scenes["3"][2] == 8  # a full page
    assert scenes["1"][2] == 1
    assert scenes["2A"][0] == "INT. HALL - DAY"

    blue = _upload(api, team, DRAFT_BLUE)
    numbering = {p["heading"]: p["number"] for p in blue["changes"]["numbering"]}
    assert numbering == {
        "EXT. HARBOUR WALL - NIGHT": "A1",
        "INT. HALL - DAY": "2A",  # proposed again, not renumbered
        "INT. CELLAR - NIGHT": "2B",
    }
    applied = _apply(api, team, blue).json()
    assert (applied["revision"], applied["revision_colour"]) == (2, "Blue")
    scenes = _scenes(team)
    assert list(scenes) == ["A1", "1", "2", "2A", "2B", "3"]
    assert scenes["2"][1] is True  # omitted, number kept
    assert scenes["3"][2] == 1  # shortened
    assert {n: s[3] for n, s in scenes.items()} == {
        "A1": "Blue",
        "1": "White",  # unchanged since white
        "2": "Blue",  # omitted in blue
        "2A": "White",
        "2B": "Blue",
        "3": "Blue",
    }

    pink = _upload(api, team, DRAFT_PINK)
    numbering = {p["heading"]: p["number"] for p in pink["changes"]["numbering"]}
    assert numbering == {
        "EXT. HARBOUR WALL - NIGHT": "A1",
        "INT. STAIRS - NIGHT": "1A",
        "INT. HALL - DAY": "2A",
        "INT. CELLAR - NIGHT": "2B",
        "EXT. PIER - DAWN": "3A",
    }
    applied = _apply(api, team, pink).json()
    assert (applied["revision"], applied["revision_colour"]) == (3, "Pink")
    scenes = _scenes(team)
    assert list(scenes) == ["A1", "1", "1A", "2", "2A", "2B", "3", "3A"]
    assert scenes["2"][1] is True
    assert all(not s[1] for n, s in scenes.items() if n != "2")
    assert [s[0] for n, s in scenes.items()][:3] == [
        "EXT. HARBOUR WALL - NIGHT",
        "INT. KITCHEN - DAY",
        "INT. STAIRS - NIGHT",
    ]
    # A fourth import of the same pink draft changes no number and is the yellow revision.
    again = _upload(api, team, DRAFT_PINK)
    assert not again["changes"]["added"]
    assert not again["changes"]["omitted"]
    assert _apply(api, team, again).json()["revision_colour"] == "Yellow"
    assert list(_scenes(team)) == ["A1", "1", "1A", "2", "2A", "2B", "3", "3A"]


def test_duplicate_numbers_are_flagged_and_applied_as_the_user_resolves_them(api, team):
    text = (
        "INT. A - DAY #7#\n\nOne.\n\nINT. B - DAY #7#\n\nTwo.\n\n"
        "INT. C - DAY #1A#\n\nC.\n\nINT. D - DAY #1a#\n\nD.\n"
    )
    upload = _upload(api, team, text)
    flagged = {p["heading"]: (p["number"], p["reason"]) for p in upload["changes"]["numbering"]}
    assert flagged == {"INT. B - DAY": ("7A", "duplicate"), "INT. D - DAY": ("1B", "case")}

    refused = _apply(api, team, upload)
    assert refused.status_code == 400
    assert set(refused.json()["errors"]["numbers"]) == {"1", "3"}
    assert not Scene.objects.exists()

    clash = _apply(api, team, upload, {"1": "8", "3": "1a"})
    assert clash.status_code == 400
    assert "3" in clash.json()["errors"]["numbers"]
    locked = _apply(api, team, upload, {"0": "70", "1": "8", "3": "1B"})
    assert locked.status_code == 400
    assert "0" in locked.json()["errors"]["numbers"]

    done = _apply(api, team, upload, {"1": "8", "3": "1B"})
    assert done.status_code == 200, done.content
    assert sorted(Scene.objects.values_list("number", "heading")) == [
        ("1A", "INT. C - DAY"),
        ("1B", "INT. D - DAY"),
        ("7", "INT. A - DAY"),
        ("8", "INT. B - DAY"),
    ]


def test_the_preview_page_shows_proposals_and_applies_what_the_user_accepts(client, team):
    client.force_login(team.ad)

    def url(name: str, **kwargs) -> str:
        return reverse(f"scheduling:{name}", kwargs={"production_id": team.production.pk, **kwargs})

    text = "INT. A - DAY #7#\n\nOne.\n\nINT. B - DAY\n\nTwo.\n\nINT. C - DAY #7#\n\nThree.\n"
    client.post(url("screenplay-upload"), {"file": SimpleUploadedFile("d.fountain", text.encode())})
    preview = ScreenplayImport.objects.get()
    html = client.get(url("screenplay-preview", import_id=preview.pk)).content.decode()
    assert 'name="number-1" value="7A"' in html
    assert 'name="number-2" value="7B"' in html
    assert "Number used twice" in html

    bad = client.post(
        url("screenplay-apply", import_id=preview.pk), {"number-1": "7A", "number-2": "7a"}
    )
    assert bad.status_code == 400
    assert "already the number of" in bad.content.decode()
    assert not Scene.objects.exists()

    done = client.post(
        url("screenplay-apply", import_id=preview.pk), {"number-1": "7A", "number-2": "8"}
    )
    assert done.status_code == 302
    assert sorted(Scene.objects.values_list("number", flat=True)) == ["7", "7A", "8"]
    assert "Revision 1 (White)" in client.get(done["Location"]).content.decode()
    upload_page = client.get(url("screenplay-upload")).content.decode()
    assert "Current script: revision 1 (White pages)." in upload_page


def test_a_partly_numbered_final_draft_file_is_numbered_the_same_way(api, team):
    def heading(text: str, number: str = "") -> str:
        attr = f' Number="{number}"' if number else ""
        return (
            f'<Paragraph Type="Scene Heading"{attr}><Text>{text}</Text></Paragraph>'
            '<Paragraph Type="Action"><Text>Something happens.</Text></Paragraph>'
        )

    fdx = (
        '<?xml version="1.0" encoding="UTF-8"?><FinalDraft DocumentType="Script"><Content>'
        + heading("INT. HALL - DAY")
        + heading("INT. KITCHEN - DAY", "1")
        + heading("EXT. YARD - NIGHT")
        + heading("EXT. STREET - DUSK", "2")
        + "</Content></FinalDraft>"
    )
    upload = _upload(api, team, fdx, "draft.fdx")
    assert [s["number"] for s in upload["changes"]["added"]] == ["A1", "1", "1A", "2"]
    assert [s["eighths"] for s in upload["changes"]["added"]] == [1, 1, 1, 1]


@pytest.mark.parametrize(
    ("number", "colour"),
    [(1, "White"), (2, "Blue"), (6, "Goldenrod"), (12, "Double White"), (13, "Double Blue")],
)
def test_revision_colours_follow_the_production_order(number, colour):
    from productions.models import DEFAULT_REVISION_COLOURS

    assert revision_colour(DEFAULT_REVISION_COLOURS, number) == colour


def test_a_production_with_its_own_colours_uses_them(api, team):
    team.production.revision_colours = ["White", "Pink"]
    team.production.save()
    for expected in ("White", "Pink", "Double White", "Double Pink"):
        upload = _upload(api, team, DRAFT_WHITE)
        assert _apply(api, team, upload).json()["revision_colour"] == expected


def test_the_parser_never_refuses_numbering_and_keeps_case():
    text = "INT. A - DAY #10#\n\nOne.\n\nINT. B - DAY\n\nTwo.\n\nINT. C - DAY #11a#\n\nThree.\n"
    parsed = parse_screenplay(text.encode(), "n.fountain")
    assert [(s.number, s.number_in_file, s.number_reason) for s in parsed.scenes] == [
        ("10", "10", ""),
        ("10A", "", "unnumbered"),
        ("11a", "11a", ""),
    ]


def test_proposals_stay_linear_on_a_long_draft():
    numbers = ["1"] + [""] * 20_000 + ["2"] + [""] * 20_000
    result = propose_numbers(numbers, existing={f"1{c}": "X" for c in "ABCDEFG"})
    assert result[1].number == "1H"
    assert len({r.number.casefold() for r in result}) == len(numbers)


def test_the_api_lists_the_script_revisions_and_each_scenes_revision(api, team):
    for draft in (DRAFT_WHITE, DRAFT_BLUE):
        _apply(api, team, _upload(api, team, draft))
    base = f"/api/v1/productions/{team.production.pk}"
    revisions = api.get(f"{base}/script-revisions/").json()["results"]
    assert [(r["number"], r["colour"]) for r in revisions] == [(2, "Blue"), (1, "White")]
    assert revisions[0]["scenes_changed"] == 4  # A1 and 2B added, 2 omitted, 3 shortened
    scenes = {s["number"]: s for s in api.get(f"{base}/scenes/").json()["results"]}
    assert (scenes["1"]["revision"], scenes["1"]["revision_colour"]) == (1, "White")
    assert (scenes["2B"]["revision"], scenes["2B"]["revision_colour"]) == (2, "Blue")
