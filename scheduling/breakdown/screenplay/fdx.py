"""Final Draft (.fdx) import.

Uploads are untrusted XML, so they are parsed with ``defusedxml`` with DTDs, entity
declarations and external references all refused: a real Final Draft save never contains
them, and allowing them is how "billion laughs" and external-entity attacks get in.

Only the direct ``<Paragraph>`` children of the script's ``<Content>`` are the script;
paragraphs nested elsewhere (title page, ``SceneArcBeats``, header and footer) are not.  Dual
dialogue is the one legitimate nesting: ``<Paragraph><DualDialogue>`` with the two speeches
inside.  Text is the concatenation of a paragraph's ``<Text>`` runs, because Final Draft
splits a run wherever the style changes, even in the middle of ``(cont'd)``.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element as XmlElement  # nosec B405  # a type; defusedxml parses
from xml.etree.ElementTree import ParseError  # nosec B405  # what defusedxml's fromstring raises

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext

from scheduling.breakdown.eighths import parse_eighths
from scheduling.breakdown.screenplay.errors import ScreenplayError
from scheduling.breakdown.screenplay.headings import clean_text
from scheduling.breakdown.screenplay.layout import FDX_KINDS, page_setup
from scheduling.breakdown.screenplay.model import Element, Kind, SceneMeta
from scheduling.breakdown.screenplay.pagination import PageSetup

_NOT_PRINTED = frozenset({"Cast List"})


def _text(paragraph: XmlElement) -> str:
    return "".join(run.text or "" for run in paragraph.findall("Text"))


def _new_page_types(root: XmlElement) -> set[str]:
    """Element types the file's own template starts on a new page (TV acts, usually)."""
    types: set[str] = set()
    for setting in root.findall("ElementSettings"):
        spec = setting.find("ParagraphSpec")
        if spec is not None and spec.get("StartsNewPage") == "Yes":
            types.add(setting.get("Type", ""))
    return types


# Beyond these a stated length or page number is damage, not a script: recompute instead.
_MAX_SCENE_EIGHTHS = 8 * 200
_PAGE_NUMBER = re.compile(r"[0-9]{1,5}")


def _summary(props: XmlElement) -> str:
    """Final Draft's scene summary (the Scene View card), which becomes the synopsis."""
    summary = props.find("Summary")
    if summary is None:
        return ""
    return clean_text(" ".join(_text(p) for p in summary.iter("Paragraph")))


def _scene_meta(paragraph: XmlElement) -> SceneMeta:
    number = (paragraph.get("Number") or "").strip()
    props = paragraph.find("SceneProperties")
    eighths: int | None = None
    page: int | None = None
    synopsis = ""
    if props is not None:
        synopsis = _summary(props)
        try:
            eighths = max(1, parse_eighths(props.get("Length", "")))
        except ValueError:
            eighths = None  # a damaged length is recomputed by the page model instead
        if eighths is not None and eighths > _MAX_SCENE_EIGHTHS:
            eighths = None
        page_text = props.get("Page", "").strip()
        page = int(page_text) if _PAGE_NUMBER.fullmatch(page_text) and int(page_text) > 0 else None
    return SceneMeta(number=number, synopsis=synopsis, eighths=eighths, page=page)


def _dual(container: XmlElement) -> list[Element]:
    elements: list[Element] = []
    column = 0
    for inner in container.findall("Paragraph"):
        kind = FDX_KINDS.get(inner.get("Type", ""), Kind.ACTION)
        if kind is Kind.CHARACTER:
            column = min(column + 1, 2)
        elements.append(Element(kind, _text(inner), max(column, 1), style=inner.get("Type", "")))
    return elements


def _parse_xml(data: bytes) -> XmlElement:
    try:
        root: XmlElement = fromstring(data, forbid_dtd=True, forbid_entities=True)
    except DefusedXmlException as error:
        raise ScreenplayError(
            gettext(
                "This Final Draft file contains a DTD or entity declarations, which Final Draft "
                "never writes; it was refused for safety. Re-save it from Final Draft and try "
                "again."
            )
        ) from error
    except (LookupError, ValueError) as error:  # an encoding expat cannot read
        raise ScreenplayError(
            gettext(
                "This Final Draft (.fdx) file declares a text encoding that cannot be read. "
                "Re-save it from Final Draft (it writes UTF-8) and try again."
            )
        ) from error
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ScreenplayError(
            gettext(
                "This Final Draft (.fdx) file is damaged: its XML is not well-formed "
                "(line %(line)s, column %(column)s). Re-save it from Final Draft and try again."
            )
            % {"line": line, "column": column}
        ) from error
    return root


def parse_fdx(data: bytes) -> tuple[str, list[Element]]:
    """Title and elements of a Final Draft file (raw bytes: the XML declares its encoding)."""
    title, elements, _ = parse_fdx_with_layout(data)
    return title, elements


def parse_fdx_with_layout(data: bytes) -> tuple[str, list[Element], PageSetup]:
    """:func:`parse_fdx` and the page layout the file was written with (:mod:`layout`)."""
    root = _parse_xml(data)
    if root.tag != "FinalDraft":
        raise ScreenplayError(
            gettext(
                "This XML file is not a Final Draft script (its root element is <%(tag)s>, "
                "not <FinalDraft>)."
            )
            % {"tag": root.tag}
        )
    content = root.find("Content")
    if content is None:
        raise ScreenplayError(gettext("This Final Draft file has no script content (<Content>)."))
    new_page = _new_page_types(root)
    elements: list[Element] = []
    for paragraph in content.findall("Paragraph"):
        kind_name = paragraph.get("Type", "")
        container = paragraph.find("DualDialogue")
        if container is not None:
            elements += _dual(container)
            continue
        if kind_name in _NOT_PRINTED:
            continue
        if kind_name in new_page or paragraph.get("StartsNewPage") == "Yes":
            elements.append(Element(Kind.PAGE_BREAK))
        kind = FDX_KINDS.get(kind_name, Kind.ACTION)
        text = _text(paragraph)
        if kind is Kind.HEADING and not text.strip():
            kind = Kind.ACTION  # an empty heading prints a blank line; it starts no scene
        meta = _scene_meta(paragraph) if kind is Kind.HEADING else None
        elements.append(Element(kind, text, meta=meta, style=kind_name))
    return _title(root), elements, page_setup(root)


def _title(root: XmlElement) -> str:
    """First non-empty line of the title page, which is where Final Draft puts the title."""
    page = root.find("TitlePage/Content")
    if page is None:
        return ""
    for paragraph in page.findall("Paragraph"):
        text = clean_text(_text(paragraph))
        if text:
            return text
    return ""
