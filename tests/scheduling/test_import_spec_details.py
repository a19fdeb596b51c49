"""Spec details of both formats, each with a small script imported through the API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scheduling.breakdown.models import Scene, ScreenplayImport


def _import(api_client, team, name: str, text: str) -> ScreenplayImport:
    api_client.force_authenticate(team.ad)
    base = f"/api/v1/productions/{team.production.pk}/screenplays/"
    response = api_client.post(
        base, {"file": SimpleUploadedFile(name, text.encode())}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert api_client.post(f"{base}{response.json()['id']}/apply/").status_code == 200
    return ScreenplayImport.objects.get(pk=response.json()["id"])


def _scenes(team) -> list[tuple[str, str, str, str, int]]:
    return [
        (s.number, s.heading, s.set.name if s.set else "", s.synopsis, s.eighths)
        for s in Scene.objects.filter(production=team.production).select_related("set")
    ]


def test_a_full_stop_then_a_space_is_action_not_a_heading(api_client, team):
    text = (
        "INT. KITCHEN - DAY\n\n. not a heading, a line of action\n\n"
        "..and an ellipsis.\n\n.CELLAR\n\nDark.\n"
    )
    _import(api_client, team, "dots.fountain", text)
    assert _scenes(team) == [
        ("1", "INT. KITCHEN - DAY", "KITCHEN", ". not a heading, a line of action", 1),
        ("2", "CELLAR", "CELLAR", "Dark.", 1),
    ]


@pytest.mark.parametrize(
    "front",
    [
        "\n\n",  # blank lines first
        "[[Draft for the table read]]\n\n",  # a note first
        "\n[[note]]\n\n\n",
    ],
)
def test_the_title_page_is_found_after_blank_lines_or_a_note(api_client, team, front):
    text = (
        f"{front}Title: The Harbour\nCredit: written by\nAuthor: Ann Smith\n"
        "Contact:\nAnn Smith\n12 Quay Street\nann@example.com\nDraft date: 1 May\n\n"
        "EXT. HARBOUR WALL - NIGHT\n\nWaves.\n"
    )
    screenplay_import = _import(api_client, team, "title.fountain", text)
    assert screenplay_import.title == "The Harbour"
    # The unindented contact lines are title page, not a scene's action.
    assert _scenes(team) == [("1", "EXT. HARBOUR WALL - NIGHT", "HARBOUR WALL", "Waves.", 1)]


FDX = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
<Content>
<Paragraph Number="1" Type="Scene Heading">
  <SceneProperties Length="" Page="" Title="">
    <Summary><Paragraph Type="General"><Text>Anna finds </Text>
    <Text Style="Bold">the key</Text></Paragraph>
    <Paragraph Type="General"><Text>and hides it.</Text></Paragraph></Summary>
  </SceneProperties>
  <Text>INT. KITCHEN - DAY</Text>
</Paragraph>
<Paragraph Type="Action"><Text>Anna opens the drawer.</Text></Paragraph>
<Paragraph Type="Scene Heading"><Text>  </Text></Paragraph>
<Paragraph Type="Action"><Text>Still the kitchen.</Text></Paragraph>
<Paragraph Number="2" Type="Scene Heading"><Text>EXT. YARD - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Rain.</Text></Paragraph>
</Content>
</FinalDraft>
"""


def test_final_draft_summary_is_the_synopsis_and_an_empty_heading_no_scene(api_client, team):
    _import(api_client, team, "summary.fdx", FDX)
    assert _scenes(team) == [
        # The empty heading still prints a blank line: 8 lines, two eighths.
        ("1", "INT. KITCHEN - DAY", "KITCHEN", "Anna finds the key and hides it.", 2),
        ("2", "EXT. YARD - NIGHT", "YARD", "Rain.", 1),
    ]
