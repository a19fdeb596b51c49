"""Fountain import: the syntax a breakdown depends on, on small scripts written for the tests."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scheduling.breakdown.eighths import LINES_PER_PAGE
from scheduling.breakdown.screenplay import ParsedScreenplay, parse_screenplay
from scheduling.breakdown.screenplay.headings import normalise_cue, split_heading
from scheduling.breakdown.screenplay.pagination import wrapped_line_count

SCRIPT = """\
Title:
    _**THE TEST**_
    **PART TWO**
Credit: Written by
Author: Nobody
Contact:
    1 Test Street

# ACT ONE

= The act's synopsis is not a scene synopsis.

FADE IN:

EXT. BRICK'S PATIO - DAY #12A#

= Brick and Steel toast their retirement.

A gorgeous day. BRICK sits quietly.
int. kitchen - day is just action here, because no blank line precedes it.

STEEL
Beer's ready!

BRICK (V.O.)
(quietly)
Are they cold?

STEEL (CONT'D)
Screw retirement.

BRICK ^
Screw retirement.

CUT TO:

INT./EXT. STEEL'S CAR (MOVING) - NIGHT

Steel drives. [[A note that
spans a blank line

and then ends.]] Brick rides.

@McCOY
You can't be serious.

STEEL (O.S.) (cont'd)
I am.

/*
INT. BONEYARD - DAY

Nothing in here is a scene.

GHOST
Boo.
*/

.SNIPER SCOPE POV

From what seems like only INCHES AWAY.

I/E BUS - CONTINUOUS

The bus lurches.

EXT/INT. SORORITY HOUSE - THE DOORWAY

Edward is dumbstruck.

int. lowercase office - later that morning

A heading in lower case still counts when it stands alone.

!INT. FORCED ACTION - NOT A HEADING

EXT. FIELD - DAWN
Written with no blank line after the heading.

> THE END <
"""


@pytest.fixture(scope="module")
def parsed() -> ParsedScreenplay:
    return parse_screenplay(SCRIPT.encode(), "test.fountain")


def test_headings_follow_the_fountain_rules(parsed: ParsedScreenplay) -> None:
    assert [scene.heading for scene in parsed.scenes] == [
        "EXT. BRICK'S PATIO - DAY",
        "INT./EXT. STEEL'S CAR (MOVING) - NIGHT",
        "SNIPER SCOPE POV",
        "I/E BUS - CONTINUOUS",
        "EXT/INT. SORORITY HOUSE - THE DOORWAY",
        "INT. LOWERCASE OFFICE - LATER THAT MORNING",
        "EXT. FIELD - DAWN",
    ]
    assert parsed.source_format == "fountain"
    assert parsed.title == "THE TEST PART TWO"


def test_scene_numbers_are_explicit_or_inserted_after_the_locked_one(
    parsed: ParsedScreenplay,
) -> None:
    numbers = ["12A", "12B", "12C", "12D", "12E", "12F", "12G"]
    assert [scene.number for scene in parsed.scenes] == numbers


def test_sequential_numbers_when_the_file_has_none() -> None:
    text = "INT. A - DAY\n\nOne.\n\nEXT. B - NIGHT\n\nTwo.\n"
    parsed = parse_screenplay(text.encode(), "x.fountain")
    assert [scene.number for scene in parsed.scenes] == ["1", "2"]


@pytest.mark.parametrize(
    ("fountain_number", "expected"),
    [("#12A#", "12A"), ("#A12#", "A12"), ("#I-1-A#", "I-1-A"), ("#110A#", "110A"), ("#9.#", "9.")],
)
def test_scene_number_forms(fountain_number: str, expected: str) -> None:
    text = f"INT. HOUSE - DAY {fountain_number}\n\nAction.\n"
    scene = parse_screenplay(text.encode(), "x.fountain").scenes[0]
    assert scene.number == expected
    assert scene.heading == "INT. HOUSE - DAY"


def test_int_ext_set_and_time_of_day(parsed: ParsedScreenplay) -> None:
    rows = [(s.int_ext, s.set_name, s.time_of_day, s.time_of_day_raw) for s in parsed.scenes]
    assert rows == [
        ("EXT", "BRICK'S PATIO", "DAY", "DAY"),
        ("INT/EXT", "STEEL'S CAR (MOVING)", "NIGHT", "NIGHT"),
        ("", "SNIPER SCOPE POV", "", ""),
        ("INT/EXT", "BUS", "CONTINUOUS", "CONTINUOUS"),
        ("INT/EXT", "SORORITY HOUSE - THE DOORWAY", "", ""),
        ("INT", "LOWERCASE OFFICE", "MORNING", "LATER THAT MORNING"),
        ("EXT", "FIELD", "DAWN", "DAWN"),
    ]


def test_speaking_characters_without_extensions(parsed: ParsedScreenplay) -> None:
    patio, car, *rest = parsed.scenes
    # STEEL, BRICK (V.O.), STEEL (CONT'D), dual-dialogue BRICK ^: two people, in order.
    assert patio.characters == ("STEEL", "BRICK")
    # @McCOY is a forced cue; "(O.S.) (cont'd)" are two extensions.
    assert car.characters == ("MCCOY", "STEEL")
    assert all(scene.characters == () for scene in rest)


def test_boneyard_and_notes_are_not_script(parsed: ParsedScreenplay) -> None:
    assert "INT. BONEYARD - DAY" not in [scene.heading for scene in parsed.scenes]
    assert all("GHOST" not in scene.characters for scene in parsed.scenes)
    assert parsed.scenes[1].synopsis == "Steel drives. Brick rides."


def test_synopsis_is_fountain_synopsis_or_first_action(parsed: ParsedScreenplay) -> None:
    assert parsed.scenes[0].synopsis == "Brick and Steel toast their retirement."
    assert parsed.scenes[2].synopsis == "From what seems like only INCHES AWAY."
    assert parsed.scenes[6].synopsis == "Written with no blank line after the heading."


def test_long_synopsis_is_cut_at_a_word() -> None:
    action = " ".join(["word"] * 200)
    scene = parse_screenplay(f"INT. A - DAY\n\n{action}\n".encode(), "a.fountain").scenes[0]
    assert len(scene.synopsis) <= 300
    assert scene.synopsis.endswith("word…")


def test_forced_action_is_not_a_heading(parsed: ParsedScreenplay) -> None:
    assert not any("FORCED ACTION" in scene.heading for scene in parsed.scenes)


def test_heading_needs_a_blank_line_before_it() -> None:
    text = "INT. HOUSE - DAY\n\nBob looks around.\nEXT. GARDEN - DAY\n\nStill the house.\n"
    parsed = parse_screenplay(text.encode(), "a.fountain")
    assert [scene.heading for scene in parsed.scenes] == ["INT. HOUSE - DAY"]
    assert parsed.scenes[0].synopsis == "Bob looks around. EXT. GARDEN - DAY"


def test_lowercase_heading_followed_by_text_is_action() -> None:
    text = "INT. HOUSE - DAY\n\next. the garden is visible\nthrough the window.\n"
    parsed = parse_screenplay(text.encode(), "a.fountain")
    assert len(parsed.scenes) == 1


def test_a_first_heading_with_a_clock_time_is_a_scene_not_a_title_page(api_client, team):
    """Without a title page, "INT. KITCHEN - 7:00 AM" once read as a title page's "Key: value"
    and scene 1 vanished (applied to a breakdown, it would have been OMITTED)."""
    api_client.force_authenticate(team.ad)
    api_client.raise_request_exception = False
    text = (
        b"INT. KITCHEN - 7:00 AM\n\nMaya cooks.\n\nMAYA\nMorning.\n\nEXT. GARDEN - DAY\n\nBirds.\n"
    )
    response = api_client.post(
        f"/api/v1/productions/{team.production.pk}/screenplays/",
        {"file": SimpleUploadedFile("draft.fountain", text)},
        format="multipart",
    )
    added = response.json()["changes"]["added"]
    assert [a["heading"] for a in added] == ["INT. KITCHEN - 7:00 AM", "EXT. GARDEN - DAY"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_do_not_matter(newline: str) -> None:
    expected = parse_screenplay(SCRIPT.encode(), "a.fountain")
    converted = SCRIPT.replace("\n", newline).encode()
    assert parse_screenplay(converted, "a.fountain") == expected


def test_mixed_line_endings_and_bom() -> None:
    title_lf = "Title: Mixed\nAuthor: Me\n\n"
    body_crlf = "EXT. A - DAY\r\n\r\nSomething.\r\n\r\nBOB\r\nHi.\nINT. B - NIGHT"
    parsed = parse_screenplay(b"\xef\xbb\xbf" + (title_lf + body_crlf).encode(), "m.fountain")
    assert parsed.title == "Mixed"
    assert [s.heading for s in parsed.scenes] == ["EXT. A - DAY"]
    assert parsed.scenes[0].characters == ("BOB",)


def test_whitespace_only_lines_separate_paragraphs() -> None:
    text = "INT. A - DAY\n \t \nAction.\n   \nEXT. B - DAY\n\t\nMore.\n"
    assert len(parse_screenplay(text.encode(), "w.fountain").scenes) == 2


def test_cp1252_fallback() -> None:
    data = "INT. CAFÉ - DAY\n\nCoffee.\n".encode("cp1252")
    assert parse_screenplay(data, "c.fountain").scenes[0].set_name == "CAFÉ"


def test_transitions_and_centered_text_are_not_characters() -> None:
    text = "INT. A - DAY\n\nAction.\n\nCUT TO:\n\n> THE END <\n\nSMASH CUT TO:\n"
    scene = parse_screenplay(text.encode(), "t.fountain").scenes[0]
    assert scene.characters == ()


def test_every_scene_has_at_least_one_eighth_and_pages(parsed: ParsedScreenplay) -> None:
    assert all(scene.eighths >= 1 for scene in parsed.scenes)
    assert all(1 <= s.page_start <= s.page_end <= parsed.page_count for s in parsed.scenes)


def test_length_follows_the_page_model() -> None:
    # 52 one-line action paragraphs: the heading plus 52 * (1 blank + 1 text) lines = 105 lines,
    # 1 page and 50 lines, so 8 + ceil(50 * 8 / 55) = 16 eighths; the next scene is on page 2.
    action = "\n\n".join("A line." for _ in range(52))
    text = f"INT. LONG - DAY\n\n{action}\n\nINT. SHORT - DAY\n\nOne line.\n"
    long_scene, short = parse_screenplay(text.encode(), "p.fountain").scenes
    assert long_scene.eighths == 16
    assert (long_scene.page_start, long_scene.page_end) == (1, 2)
    assert short.eighths == 1
    assert short.page_start == 2


def test_page_break_starts_a_new_page() -> None:
    text = "INT. A - DAY\n\nOne.\n\n===\n\nINT. B - DAY\n\nTwo.\n"
    first, second = parse_screenplay(text.encode(), "p.fountain").scenes
    assert (first.page_start, second.page_start) == (1, 2)
    assert first.eighths == 8  # the rest of the page belongs to the scene before the break


def test_front_matter_before_a_page_break_is_not_paginated() -> None:
    text = "An epigraph.\n\n====\n\nINT. A - DAY\n\nOne.\n"
    parsed = parse_screenplay(text.encode(), "p.fountain")
    assert parsed.scenes[0].page_start == 1
    assert parsed.page_count == 1


def test_dual_dialogue_takes_the_height_of_the_longer_column() -> None:
    speech = "Words " * 30
    dual = f"INT. A - DAY\n\nBOB\n{speech}\n\nJIM ^\nNo.\n"
    single = f"INT. A - DAY\n\nBOB\n{speech}\n\nJIM\nNo.\n"
    dual_scene = parse_screenplay(dual.encode(), "d.fountain").scenes[0]
    single_scene = parse_screenplay(single.encode(), "d.fountain").scenes[0]
    assert dual_scene.characters == single_scene.characters == ("BOB", "JIM")
    assert dual_scene.eighths <= single_scene.eighths


def test_wrapped_line_count() -> None:
    assert wrapped_line_count("", 10) == 1
    assert wrapped_line_count("short", 10) == 1
    assert wrapped_line_count("aaaa bbbbb", 10) == 1
    assert wrapped_line_count("aaaa bbbbbb", 10) == 2
    assert wrapped_line_count("a\nb\n", 10) == 3  # explicit line breaks, even a trailing one
    assert wrapped_line_count("x" * 25, 10) == 3  # over-long words break
    assert wrapped_line_count("x" * 20, 10) == 2
    assert wrapped_line_count(("word " * 12).strip(), 60) == 1
    assert LINES_PER_PAGE == 55


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        (
            "INT.  WILL\u2019s bedroom - night (1973)",
            ("INT", "WILL'S BEDROOM", "NIGHT", "NIGHT (1973)"),
        ),
        ("INT. SAN FRANCISCO APARTMENT, DAY", ("INT", "SAN FRANCISCO APARTMENT", "DAY", "DAY")),
        ("INT SCOTT'S APARTMENT, SAME TIME", ("INT", "SCOTT'S APARTMENT", "SAME", "SAME TIME")),
        ("EXT. NAK'S HOUSE, CONTINUED", ("EXT", "NAK'S HOUSE", "CONTINUOUS", "CONTINUED")),
        ("INT. HOUSE - NIGHT - CONTINUOUS", ("INT", "HOUSE", "NIGHT", "NIGHT - CONTINUOUS")),
        ("INT. HOUSE -- DUSK", ("INT", "HOUSE", "DUSK", "DUSK")),
        ("INT. HOUSE - KITCHEN - DAY", ("INT", "HOUSE - KITCHEN", "DAY", "DAY")),
        ("INT. HOUSE - DAY ROOM", ("INT", "HOUSE - DAY ROOM", "", "")),
        ("INT. DAY CARE CENTER - EVENING", ("INT", "DAY CARE CENTER", "EVENING", "EVENING")),
        ("INT. HOME - DAY - FLASHBACK", ("INT", "HOME", "DAY", "DAY - FLASHBACK")),
        ("EXT. FIELD - DAY 2", ("EXT", "FIELD", "DAY", "DAY 2")),
        ("INT. GARAGE (1973)", ("INT", "GARAGE", "", "(1973)")),
        ("INT./EXT. CAR (MOVING) - DAY", ("INT/EXT", "CAR (MOVING)", "DAY", "DAY")),
        ("INT/EXT CAR - DAY", ("INT/EXT", "CAR", "DAY", "DAY")),
        ("EST. CITY - DAWN", ("EXT", "CITY", "DAWN", "DAWN")),
        ("E/I BARN - MORNING", ("INT/EXT", "BARN", "MORNING", "MORNING")),
        ("INTERCUT HALLWAY / BEDROOM", ("", "INTERCUT HALLWAY / BEDROOM", "", "")),
        ("LATER", ("", "", "LATER", "LATER")),
    ],
)
def test_split_heading(heading: str, expected: tuple[str, str, str, str]) -> None:
    parts = split_heading(heading)
    assert (parts.int_ext, parts.set_name, parts.time_of_day, parts.time_of_day_raw) == expected


@pytest.mark.parametrize(
    ("cue", "name"),
    [
        ("EDWARD (V.O.)(CONT'D)", "EDWARD"),
        ("EDWARD  (CONT'D)", "EDWARD"),
        ("edward (v.O.)", "EDWARD"),
        ("EDWARD (V.O.)(cont\u2019d", "EDWARD"),
        ("EDWARD (O.S., PRELAP)", "EDWARD"),
        ("BRICK ^", "BRICK"),
        ("@McCOY", "MCCOY"),
        ("WILL\u2019S DATE", "WILL'S DATE"),
        ("EDWARD AND WILL", "EDWARD AND WILL"),
    ],
)
def test_normalise_cue(cue: str, name: str) -> None:
    assert normalise_cue(cue) == name


def test_partly_numbered_script_numbers_the_rest_around_locked_numbers() -> None:
    text = "INT. A - DAY #10#\n\nOne.\n\nINT. B - DAY\n\nTwo.\n\nINT. C - DAY #11#\n\nThree.\n"
    parsed = parse_screenplay(text.encode(), "n.fountain")
    assert [scene.number for scene in parsed.scenes] == ["10", "10A", "11"]
