"""Final Draft (.fdx) import on small files shaped like real Final Draft saves."""

from __future__ import annotations

import pytest

from scheduling.breakdown.screenplay import ParsedScreenplay, parse_screenplay

FDX = """\
<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="4">
  <Content>
    <Paragraph Type="General"><Text>FADE IN</Text></Paragraph>
    <Paragraph Number="12A" Type="Scene Heading">
      <SceneProperties Length="1 3/8" Page="12" Title="">
        <SceneArcBeats>
          <CharacterArcBeat Name="GHOST">
            <Paragraph Type="Character"><Text>GHOST</Text></Paragraph>
          </CharacterArcBeat>
        </SceneArcBeats>
      </SceneProperties>
      <Text>int.  WILL\u2019s bedroom - night (1973)</Text>
    </Paragraph>
    <Paragraph Type="Action">
      <Text>WILL, AGE 3, listens while his father EDWARD, </Text>
      <Text Style="Underline">40\u2019s</Text>
      <Text> tells the story.</Text>
    </Paragraph>
    <Paragraph Type="Character"><Text>edward (v.O.)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>There are some fish that cannot be caught.</Text></Paragraph>
    <Paragraph Type="Character">
      <Text>EDWARD (V.O.)</Text>
      <Text Style="">(cont\u2019d</Text>
      <Text>)</Text>
    </Paragraph>
    <Paragraph Type="Parenthetical"><Text>(closer)</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>He was a legend.</Text></Paragraph>
    <Paragraph>
      <DualDialogue>
        <Paragraph Type="Character"><Text>BRICK</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Screw retirement.</Text></Paragraph>
        <Paragraph Type="Character"><Text>STEEL</Text></Paragraph>
        <Paragraph Type="Dialogue"><Text>Screw retirement.</Text></Paragraph>
      </DualDialogue>
    </Paragraph>
    <Paragraph Number="13" Type="Scene Heading">
      <SceneProperties Length="5/8" Page="13" Title=""/>
      <Text>COLBY AND BRIAN DRIVING</Text>
    </Paragraph>
    <Paragraph Type="Action"><Text>They address the camera.</Text></Paragraph>
    <Paragraph Type="Character"><Text>COLBY</Text></Paragraph>
    <Paragraph Type="Dialogue"><Text>A normal man couldn\u2019t handle this job.</Text></Paragraph>
  </Content>
  <TitlePage>
    <HeaderAndFooter><Header><Paragraph><Text>Header text</Text></Paragraph></Header>
    </HeaderAndFooter>
    <Content>
      <Paragraph Alignment="Center"><Text></Text></Paragraph>
      <Paragraph Alignment="Center"><Text>Big </Text><Text>Test</Text></Paragraph>
      <Paragraph Alignment="Center"><Text>written by</Text></Paragraph>
    </Content>
  </TitlePage>
</FinalDraft>
"""


@pytest.fixture(scope="module")
def parsed() -> ParsedScreenplay:
    return parse_screenplay(FDX.encode(), "script.fdx")


def test_scene_headings_and_numbers(parsed: ParsedScreenplay) -> None:
    assert parsed.source_format == "fdx"
    assert parsed.title == "Big Test"
    assert [(s.number, s.heading) for s in parsed.scenes] == [
        ("12A", "INT. WILL'S BEDROOM - NIGHT (1973)"),
        ("13", "COLBY AND BRIAN DRIVING"),
    ]
    first, second = parsed.scenes
    assert (first.int_ext, first.set_name, first.time_of_day) == ("INT", "WILL'S BEDROOM", "NIGHT")
    assert first.time_of_day_raw == "NIGHT (1973)"
    assert (second.int_ext, second.set_name, second.time_of_day) == (
        "",
        "COLBY AND BRIAN DRIVING",
        "",
    )


def test_scene_properties_are_kept(parsed: ParsedScreenplay) -> None:
    first, second = parsed.scenes
    assert (first.eighths, first.page_start) == (11, 12)
    assert (second.eighths, second.page_start) == (5, 13)
    assert first.page_start <= first.page_end <= second.page_start
    assert parsed.page_count == 13


def test_characters_from_cues_split_runs_and_dual_dialogue(parsed: ParsedScreenplay) -> None:
    first, second = parsed.scenes
    # "edward (v.O.)" and "EDWARD (V.O.)" + "(cont'd" + ")" are one person; GHOST sits in the
    # scene's arc beats, which are notes rather than script.
    assert first.characters == ("EDWARD", "BRICK", "STEEL")
    assert second.characters == ("COLBY",)


def test_synopsis_joins_text_runs(parsed: ParsedScreenplay) -> None:
    assert parsed.scenes[0].synopsis == (
        "WILL, AGE 3, listens while his father EDWARD, 40's tells the story."
    )


def _fdx(body: str, title_page: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<FinalDraft DocumentType="Script" Version="1"><Content>{body}</Content>'
        f"{title_page}</FinalDraft>"
    ).encode()


def test_without_scene_properties_the_page_model_decides() -> None:
    body = "".join(
        f'<Paragraph Type="Scene Heading"><Text>INT. ROOM {n} - DAY</Text></Paragraph>'
        f'<Paragraph Type="Action"><Text>{"Something happens. " * 40}</Text></Paragraph>'
        for n in range(1, 4)
    )
    parsed = parse_screenplay(_fdx(body), "no-props.fdx")
    assert [s.number for s in parsed.scenes] == ["1", "2", "3"]
    assert all(s.eighths >= 1 for s in parsed.scenes)
    # Heading, blank, 14 lines of action (three "Something happens." a 60-character line) and
    # the blank before the next heading: 17 lines, 2.5 eighths, counted up as Final Draft does.
    assert [s.eighths for s in parsed.scenes] == [3, 3, 3]
    assert parsed.title == ""
    assert parsed.page_count == 1


def test_damaged_scene_length_falls_back_to_the_model() -> None:
    body = (
        '<Paragraph Type="Scene Heading"><SceneProperties Length="lots" Page="x"/>'
        "<Text>EXT. FIELD - DAY</Text></Paragraph>"
        '<Paragraph Type="Action"><Text>Grass.</Text></Paragraph>'
    )
    scene = parse_screenplay(_fdx(body), "bad-props.fdx").scenes[0]
    assert (scene.eighths, scene.page_start) == (1, 1)


def test_new_act_starts_a_new_page() -> None:
    settings = (
        '<ElementSettings Type="New Act"><ParagraphSpec StartsNewPage="Yes"/></ElementSettings>'
    )
    body = (
        '<Paragraph Type="Scene Heading"><Text>EXT. A - DAY</Text></Paragraph>'
        '<Paragraph Type="Action"><Text>One.</Text></Paragraph>'
        '<Paragraph Type="New Act"><Text>ACT TWO</Text></Paragraph>'
        '<Paragraph Type="Scene Heading"><Text>EXT. B - DAY</Text></Paragraph>'
    )
    parsed = parse_screenplay(_fdx(body, settings), "acts.fdx")
    assert [s.page_start for s in parsed.scenes] == [1, 2]


@pytest.mark.parametrize("filename", ["", "script.xml", "upload.txt", "draft (1)", "x.fountain"])
def test_final_draft_is_recognised_by_content(filename: str) -> None:
    parsed = parse_screenplay(FDX.encode(), filename)
    assert parsed.source_format == "fdx"
    assert len(parsed.scenes) == 2


def test_final_draft_with_a_byte_order_mark() -> None:
    parsed = parse_screenplay(b"\xef\xbb\xbf" + FDX.encode(), "bom.fdx")
    assert len(parsed.scenes) == 2
