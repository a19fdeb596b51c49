"""A forced page break gives the blank foot of the page to the scene before it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scheduling.breakdown.models import Scene

FOUNTAIN = """\
INT. KITCHEN - DAY #1#

Anna makes coffee.

===

INT. CELLAR - NIGHT #2#

Ben hides the case.

===

Still in the cellar, on a page of its own.

EXT. YARD - DAWN #3#

Gulls.
"""


def _paragraph(kind: str, text: str, new_page: bool = False, number: str = "") -> str:
    attributes = f' Type="{kind}"'
    attributes += ' StartsNewPage="Yes"' if new_page else ""
    attributes += f' Number="{number}"' if number else ""
    return f"<Paragraph{attributes}><Text>{text}</Text></Paragraph>"


FDX = (
    '<?xml version="1.0" encoding="UTF-8"?><FinalDraft DocumentType="Script"><Content>'
    + _paragraph("Scene Heading", "INT. KITCHEN - DAY", number="1")
    + _paragraph("Action", "Anna makes coffee.")
    + _paragraph("Scene Heading", "INT. CELLAR - NIGHT", new_page=True, number="2")
    + _paragraph("Action", "Ben hides the case.")
    + _paragraph("Action", "Still in the cellar, on a page of its own.", new_page=True)
    + _paragraph("Scene Heading", "EXT. YARD - DAWN", number="3")
    + _paragraph("Action", "Gulls.")
    + "</Content></FinalDraft>"
)


@pytest.mark.parametrize(("name", "text"), [("breaks.fountain", FOUNTAIN), ("breaks.fdx", FDX)])
def test_a_forced_page_break_ends_the_scene_before_it_at_the_foot_of_the_page(
    api_client, team, name, text
):
    api_client.force_authenticate(team.ad)
    base = f"/api/v1/productions/{team.production.pk}/screenplays/"
    upload = api_client.post(
        base, {"file": SimpleUploadedFile(name, text.encode())}, format="multipart"
    ).json()
    assert upload["page_count"] == 3
    assert api_client.post(f"{base}{upload['id']}/apply/").status_code == 200

    scenes = Scene.objects.filter(production=team.production).select_related("set")
    assert [
        (s.number, s.set.name if s.set else "", s.time_of_day, s.eighths, s.page_start, s.page_end)
        for s in scenes
    ] == [
        ("1", "KITCHEN", "DAY", 8, 1, 1),  # three lines of text, the rest of page 1 blank
        ("2", "CELLAR", "NIGHT", 8 + 1, 2, 3),  # page 2 whole, then two lines on page 3
        ("3", "YARD", "DAWN", 1, 3, 3),
    ]
    assert sum(s.eighths for s in scenes) == 8 * 2 + 2  # pages 1 and 2, and 2/8 of page 3
