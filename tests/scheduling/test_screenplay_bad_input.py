"""Anything that is not a readable screenplay ends in one ScreenplayError with a useful message."""

from __future__ import annotations

import pytest

import scheduling.breakdown.screenplay.parse as parse_module
from scheduling.breakdown.screenplay import MAX_SCREENPLAY_BYTES, ScreenplayError, parse_screenplay

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<FinalDraft Version="1"><Content>
<Paragraph Type="Scene Heading"><Text>INT. &lol4; - DAY</Text></Paragraph>
</Content></FinalDraft>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<FinalDraft Version="1"><Content>
<Paragraph Type="Scene Heading"><Text>INT. &secret; - DAY</Text></Paragraph>
</Content></FinalDraft>
"""


def _error(data: bytes, filename: str = "script.fountain") -> str:
    with pytest.raises(ScreenplayError) as caught:
        parse_screenplay(data, filename)
    message = str(caught.value)
    assert message == caught.value.message
    assert len(message) > 15  # a sentence for a person, not an exception name
    return message


def test_error_is_a_value_error_with_the_message() -> None:
    error = ScreenplayError("Something is wrong.")
    assert isinstance(error, ValueError)
    assert str(error) == error.message == "Something is wrong."


def test_empty_file() -> None:
    assert "empty" in _error(b"")


@pytest.mark.parametrize("data", [b"   ", b"\n\n\r\n\t  \n"])
def test_whitespace_only(data: bytes) -> None:
    assert "blank" in _error(data)


def test_whitespace_only_after_a_byte_order_mark() -> None:
    assert "blank" in _error(b"\xef\xbb\xbf  \n\n")


def test_png_image() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    message = _error(data, "photo.fountain")
    assert "PNG" in message
    assert ".fountain" in message
    assert ".fdx" in message


def test_nul_bytes_mean_binary() -> None:
    assert "binary" in _error(b"INT. HOUSE - DAY\n\n\x00\x01\x02 action\n")


def test_control_characters_mean_binary() -> None:
    assert "binary" in _error(bytes(range(1, 9)) * 50 + b"INT. A - DAY\n\nx\n")


def test_pdf() -> None:
    assert "PDF" in _error(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "script.pdf")


def test_utf16_is_named() -> None:
    data = "INT. HOUSE - DAY\n\nAction.\n".encode("utf-16")
    assert "UTF-16" in _error(data)


def test_undecodable_text() -> None:
    # 0x81 is invalid UTF-8 here and unassigned in Windows-1252.
    assert "UTF-8" in _error(b"INT. HOUSE - DAY\n\nA \x81 B\n")


def test_too_large_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_parse(text: str) -> None:
        raise AssertionError("the size check must come before parsing")

    monkeypatch.setattr(parse_module, "parse_fountain", must_not_parse)
    data = b"INT. HOUSE - DAY\n\n" + b"x" * MAX_SCREENPLAY_BYTES
    message = _error(data)
    assert "too large" in message
    assert "5 MB" in message


def test_limit_is_five_megabytes() -> None:
    assert MAX_SCREENPLAY_BYTES == 5 * 1024 * 1024


def test_malformed_xml() -> None:
    data = (
        b'<?xml version="1.0"?><FinalDraft><Content>'
        b'<Paragraph Type="Scene Heading"><Text>INT. X</Text></Content></FinalDraft>'
    )
    message = _error(data, "broken.fdx")
    assert "not well-formed" in message
    assert "line 1" in message


def test_truncated_fdx() -> None:
    assert "not well-formed" in _error(b'<?xml version="1.0"?>\n<FinalDraft Version="1">\n<Con')


def test_billion_laughs_is_refused() -> None:
    message = _error(BILLION_LAUGHS, "bomb.fdx")
    assert "refused for safety" in message


def test_external_entity_is_refused() -> None:
    assert "refused for safety" in _error(EXTERNAL_ENTITY, "xxe.fdx")


def test_fdx_without_scene_headings() -> None:
    data = (
        b'<?xml version="1.0"?><FinalDraft Version="1"><Content>'
        b'<Paragraph Type="Action"><Text>Just action.</Text></Paragraph>'
        b'<Paragraph Type="Character"><Text>BOB</Text></Paragraph>'
        b"</Content></FinalDraft>"
    )
    assert "no Scene Heading paragraphs" in _error(data, "noscenes.fdx")


def test_fdx_without_content() -> None:
    assert "no script content" in _error(b'<FinalDraft Version="1"></FinalDraft>', "a.fdx")


def test_xml_that_is_not_final_draft() -> None:
    data = b'<?xml version="1.0"?><html><body>INT. HOUSE - DAY</body></html>'
    assert "not a Final Draft script" in _error(data, "page.fdx")
    assert "not a Final Draft script" in _error(data, "page")


def test_fountain_without_scene_headings() -> None:
    text = b"Title: Nothing\n\nJust some action.\n\nBOB\nHello.\n\nint. kitchen\nis not alone.\n"
    message = _error(text, "noscenes.fountain")
    assert "No scene headings" in message
    assert "INT." in message


@pytest.mark.parametrize("filename", ["script.pdf", "script.docx", "notes.rtf", "image.png"])
def test_unknown_extension(filename: str) -> None:
    message = _error(b"INT. HOUSE - DAY\n\nAction.\n", filename)
    assert "cannot be imported" in message
    assert filename.rsplit(".", 1)[1] in message
