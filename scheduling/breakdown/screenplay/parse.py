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

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from scheduling.breakdown.screenplay.errors import ScreenplayError
from scheduling.breakdown.screenplay.fdx import parse_fdx_with_layout
from scheduling.breakdown.screenplay.fountain import parse_fountain
from scheduling.breakdown.screenplay.model import ParsedScreenplay
from scheduling.breakdown.screenplay.scenes import build_screenplay

MAX_SCREENPLAY_BYTES = 5 * 1024 * 1024

FOUNTAIN_EXTENSIONS = frozenset({"", ".fountain", ".spmd", ".txt", ".text", ".md"})
FDX_EXTENSIONS = frozenset({".fdx", ".xml"})
_SNIFF_BYTES = 4096
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SIGNATURES: tuple[tuple[bytes, StrOrPromise], ...] = (
    (b"%PDF", _("This file is a PDF, not a screenplay.")),
    (
        b"PK\x03\x04",
        _(
            "This file is a ZIP archive (Word .docx, Final Draft 8 or Fade In files are ZIPs), "
            "not a screenplay."
        ),
    ),
    (b"\xd0\xcf\x11\xe0", _("This file is an old Microsoft Office document, not a screenplay.")),
    (b"{\\rtf", _("This file is an RTF document, not a screenplay.")),
    (b"\x89PNG", _("This file is a PNG image, not a screenplay.")),
    (b"\xff\xd8\xff", _("This file is a JPEG image, not a screenplay.")),
)


def _export_instead(problem: StrOrPromise) -> ScreenplayError:
    """``problem`` (one sentence), then what to upload instead."""
    return ScreenplayError(
        gettext(
            "%(problem)s Export the script as Fountain (.fountain) or Final Draft (.fdx) and "
            "upload that."
        )
        % {"problem": problem}
    )


def too_large(size: int | None) -> ScreenplayError:
    """The error for a file over :data:`MAX_SCREENPLAY_BYTES` (``size`` when known)."""
    limits = {
        "megabytes": MAX_SCREENPLAY_BYTES // 1_048_576,
        "limit": f"{MAX_SCREENPLAY_BYTES:,}",
    }
    if size is None:
        message = gettext(
            "The file is too large; screenplays up to %(megabytes)s MB (%(limit)s bytes) can "
            "be imported. A feature script is usually well under 1 MB: check that this is the "
            "right file."
        )
        return ScreenplayError(message % limits)
    message = ngettext(
        "The file is too large (%(size)s byte); screenplays up to %(megabytes)s MB "
        "(%(limit)s bytes) can be imported. A feature script is usually well under 1 MB: "
        "check that this is the right file.",
        "The file is too large (%(size)s bytes); screenplays up to %(megabytes)s MB "
        "(%(limit)s bytes) can be imported. A feature script is usually well under 1 MB: "
        "check that this is the right file.",
        size,
    )
    return ScreenplayError(message % {**limits, "size": f"{size:,}"})


def _extension(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[1] if "." in name.lstrip(".") else ""


def _check_bytes(data: bytes) -> None:
    if len(data) > MAX_SCREENPLAY_BYTES:
        raise too_large(len(data))
    if not data.strip():
        raise ScreenplayError(
            gettext("The file is empty.")
            if not data
            else gettext("The file contains only blank space.")
        )
    for signature, problem in _SIGNATURES:
        if data.startswith(signature):
            raise _export_instead(problem)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ScreenplayError(
            gettext(
                "This text file is saved as UTF-16. Save it as UTF-8 in your editor and upload "
                "it again."
            )
        )
    if b"\x00" in data:
        raise _export_instead(
            gettext("This looks like a binary file (it contains NUL bytes), not a screenplay.")
        )


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ScreenplayError(
                gettext(
                    "The file's text could not be read: it is neither UTF-8 nor Windows-1252. "
                    "Save it as UTF-8 and upload it again."
                )
            ) from error
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(8, len(text) // 200):
        raise _export_instead(
            gettext(
                "This looks like a binary file (it is full of control characters), not a "
                "screenplay."
            )
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
        raise _export_instead(
            gettext(
                "This is an XML or HTML file but not a Final Draft script (no <FinalDraft> "
                "element)."
            )
        )
    if extension in FOUNTAIN_EXTENSIONS:
        return "fountain"
    raise _export_instead(
        gettext("Files ending in '%(extension)s' cannot be imported.") % {"extension": extension}
    )


def parse_screenplay(data: bytes, filename: str = "") -> ParsedScreenplay:
    """Parse an uploaded Fountain or Final Draft screenplay into scenes.

    Raises :class:`ScreenplayError`, with a message meant for the uploader, for anything that
    is not a readable screenplay with at least one scene heading.
    """
    data = bytes(data)
    _check_bytes(data)
    source_format = detect_format(data, filename)
    if source_format == "fdx":
        title, elements, setup = parse_fdx_with_layout(data)
        return build_screenplay(title, source_format, elements, setup)
    text = _decode(data)
    if not text.strip():
        raise ScreenplayError(gettext("The file contains only blank space."))
    title, elements = parse_fountain(text)
    return build_screenplay(title, source_format, elements)
