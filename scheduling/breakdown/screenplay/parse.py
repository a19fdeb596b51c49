"""Entry point: check an upload, tell Fountain from Final Draft, and hand it to the right reader.

The checks run cheapest first and before any parsing, so a huge or binary upload is refused
without ever reaching a parser: size, emptiness, binary signatures, then the format.  The
format is recognised from the content (``<FinalDraft`` near the start) as well as from the
name, because uploads arrive renamed (``script.xml``, ``draft (1)``) more often than not.
Text is UTF-8 (a BOM is fine); Windows-1252 is tried only when UTF-8 fails, since that is
what older Windows editors write, and never for bytes with NULs, which are binary.
"""

from __future__ import annotations

import codecs
import re

from scheduling.breakdown.screenplay.errors import ScreenplayError
from scheduling.breakdown.screenplay.fdx import parse_fdx
from scheduling.breakdown.screenplay.fountain import parse_fountain
from scheduling.breakdown.screenplay.model import ParsedScreenplay
from scheduling.breakdown.screenplay.scenes import build_screenplay

MAX_SCREENPLAY_BYTES = 5 * 1024 * 1024

FOUNTAIN_EXTENSIONS = frozenset({"", ".fountain", ".spmd", ".txt", ".text", ".md"})
FDX_EXTENSIONS = frozenset({".fdx", ".xml"})
_SNIFF_BYTES = 4096
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (Word .docx, Final Draft 8 or Fade In files are ZIPs)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
_EXPORT_HINT = "Export the script as Fountain (.fountain) or Final Draft (.fdx) and upload that."


def _extension(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[1] if "." in name.lstrip(".") else ""


def _check_bytes(data: bytes) -> None:
    if len(data) > MAX_SCREENPLAY_BYTES:
        raise ScreenplayError(
            f"The file is too large ({len(data):,} bytes); screenplays up to "
            f"{MAX_SCREENPLAY_BYTES // 1_048_576} MB ({MAX_SCREENPLAY_BYTES:,} bytes) can be "
            "imported. A feature script is usually well under 1 MB: check that this is the "
            "right file."
        )
    if not data.strip():
        raise ScreenplayError(
            "The file is empty." if not data else "The file contains only blank space."
        )
    for signature, description in _SIGNATURES:
        if data.startswith(signature):
            raise ScreenplayError(f"This file is {description}, not a screenplay. {_EXPORT_HINT}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ScreenplayError(
            "This text file is saved as UTF-16. Save it as UTF-8 in your editor and upload it "
            "again."
        )
    if b"\x00" in data:
        raise ScreenplayError(
            f"This looks like a binary file (it contains NUL bytes), not a screenplay. "
            f"{_EXPORT_HINT}"
        )


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ScreenplayError(
                "The file's text could not be read: it is neither UTF-8 nor Windows-1252. "
                "Save it as UTF-8 and upload it again."
            ) from error
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(8, len(text) // 200):
        raise ScreenplayError(
            f"This looks like a binary file (it is full of control characters), not a "
            f"screenplay. {_EXPORT_HINT}"
        )
    return text


def detect_format(data: bytes, filename: str = "") -> str:
    """``"fdx"`` or ``"fountain"``; raises :class:`ScreenplayError` for anything else."""
    head = data[:_SNIFF_BYTES]
    if b"<FinalDraft" in head:
        return "fdx"
    extension = _extension(filename)
    if extension in FDX_EXTENSIONS:
        return "fdx"  # the XML reader explains what is wrong with it
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"<"):
        raise ScreenplayError(
            "This is an XML or HTML file but not a Final Draft script (no <FinalDraft> "
            f"element). {_EXPORT_HINT}"
        )
    if extension in FOUNTAIN_EXTENSIONS:
        return "fountain"
    raise ScreenplayError(f"Files ending in '{extension}' cannot be imported. {_EXPORT_HINT}")


def parse_screenplay(data: bytes, filename: str = "") -> ParsedScreenplay:
    """Parse an uploaded Fountain or Final Draft screenplay into scenes.

    Raises :class:`ScreenplayError`, with a message meant for the uploader, for anything that
    is not a readable screenplay with at least one scene heading.
    """
    data = bytes(data)
    _check_bytes(data)
    source_format = detect_format(data, filename)
    if source_format == "fdx":
        title, elements = parse_fdx(data)
    else:
        text = _decode(data)
        if not text.strip():
            raise ScreenplayError("The file contains only blank space.")
        title, elements = parse_fountain(text)
    return build_screenplay(title, source_format, elements)
