"""The page model reads a Final Draft file's own layout; files without one get the standard."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scheduling.breakdown.models import Scene
from scheduling.breakdown.screenplay import parse_screenplay


def _settings(kind: str, *, left: float, right: float, before: int, spacing: float = 1) -> str:
    return (
        f'<ElementSettings Type="{kind}"><FontSpec Font="Courier Final Draft" Size="12"/>'
        f'<ParagraphSpec LeftIndent="{left:.2f}" RightIndent="{right:.2f}" '
        f'SpaceBefore="{before}" Spacing="{spacing}" StartsNewPage="No"/></ElementSettings>'
    )


def _layout(*, dialogue_spacing: float = 1, heading_before: int = 12) -> str:
    return (
        '<PageLayout BottomMargin="72" TopMargin="72" BreakDialogueAndActionAtSentences="Yes">'
        '<PageSize Height="11.00" Width="8.50"/></PageLayout>'
        + _settings("Scene Heading", left=1.5, right=7.5, before=heading_before)
        + _settings("Action", left=1.5, right=7.5, before=12)
        + _settings("Character", left=3.5, right=7.25, before=12)
        + _settings("Parenthetical", left=3.0, right=5.5, before=0)
        + _settings("Dialogue", left=2.5, right=6.0, before=0, spacing=dialogue_spacing)
    )


def _script(layout: str) -> str:
    speech = "".join(
        f'<Paragraph Type="Dialogue"><Text>Line {n} of the speech.</Text></Paragraph>'
        for n in range(20)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><FinalDraft DocumentType="Script"><Content>'
        '<Paragraph Type="Scene Heading" Number="1"><Text>INT. STUDIO - NIGHT</Text></Paragraph>'
        '<Paragraph Type="Character"><Text>HOST</Text></Paragraph>'
        f"{speech}"
        '<Paragraph Type="Scene Heading" Number="2"><Text>INT. GREEN ROOM - DAY</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>Empty chairs.</Text></Paragraph>'
        f"</Content>{layout}</FinalDraft>"
    )


@pytest.mark.parametrize(
    ("layout", "eighths", "page_count"),
    [
        # No layout in the file: the standard template, 55 lines of Courier 12.
        # Heading, blank, cue, 20 lines and the blank before the next heading: 24 of 55 lines.
        ("", [4, 1], 1),
        # The same template written out: 54 lines of the file's own 9-inch text block.
        (_layout(), [4, 1], 1),
        # Multi-camera: dialogue double-spaced, so the speech takes 40 lines, 44 of 54.
        (_layout(dialogue_spacing=2), [7, 1], 1),
        # Two blank lines before headings: one more line for scene 1.
        (_layout(heading_before=24), [4, 1], 1),
    ],
    ids=["standard", "own-standard", "multicam", "space-before"],
)
def test_the_file_layout_paginates_the_script(api_client, team, layout, eighths, page_count):
    api_client.force_authenticate(team.ad)
    base = f"/api/v1/productions/{team.production.pk}/screenplays/"
    upload = api_client.post(
        base,
        {"file": SimpleUploadedFile("show.fdx", _script(layout).encode())},
        format="multipart",
    ).json()
    assert upload["page_count"] == page_count
    assert api_client.post(f"{base}{upload['id']}/apply/").status_code == 200
    scenes = Scene.objects.filter(production=team.production).select_related("set")
    assert [(s.number, s.set.name if s.set else "", s.time_of_day, s.eighths) for s in scenes] == [
        ("1", "STUDIO", "NIGHT", eighths[0]),
        ("2", "GREEN ROOM", "DAY", eighths[1]),
    ]


def test_a_multicam_script_runs_longer_than_the_same_text_single_spaced():
    text = "".join(
        '<Paragraph Type="Scene Heading"><Text>INT. STUDIO - NIGHT</Text></Paragraph>'
        '<Paragraph Type="Character"><Text>HOST</Text></Paragraph>'
        + "".join(
            f'<Paragraph Type="Dialogue"><Text>Joke {n}. It lands.</Text></Paragraph>'
            for n in range(12)
        )
        for _ in range(30)
    )

    def pages(layout: str) -> int:
        data = f"<FinalDraft><Content>{text}</Content>{layout}</FinalDraft>".encode()
        return parse_screenplay(data, "show.fdx").page_count

    single, double = pages(_layout()), pages(_layout(dialogue_spacing=2))
    assert (single, double) == (10, 18)


@pytest.mark.parametrize(
    "hostile",
    [
        '<PageLayout TopMargin="999999" BottomMargin="-5"><PageSize Height="0"/></PageLayout>',
        _settings("Dialogue", left=9, right=1, before=-40, spacing=0).replace(
            'Size="12"', 'Size="0"'
        ),
        '<ElementSettings Type="Action"><ParagraphSpec Spacing="nan" SpaceBefore="1e308"/>'
        '<FontSpec Size="inf"/></ElementSettings>',
    ],
)
def test_a_damaged_layout_is_clamped_not_a_crash(hostile):
    data = _script(hostile).encode()
    parsed = parse_screenplay(data, "bad.fdx")
    assert [s.number for s in parsed.scenes] == ["1", "2"]
    assert all(s.eighths >= 1 for s in parsed.scenes)
