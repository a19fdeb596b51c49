"""Every piece of text a template shows is marked for translation.

The walk reads each file under ``templates/`` with Django's own template lexer: text
inside ``{% blocktranslate %}`` and ``{% comment %}`` is set aside, every other tag and
variable becomes a placeholder, and what is left is read as HTML. Any text node (outside
``<script>`` and ``<style>``) or any ``alt``, ``aria-label``, ``placeholder`` or ``title``
attribute that still holds a letter is untranslated text, reported with its file and line.

Not translated, on purpose: the product's name, "Callboard" (a name, like a person's,
reads the same in every language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"
NOT_TRANSLATED = re.compile(r"\bCallboard\b")
LETTER = re.compile(r"[^\W\d_]")
READ_ALOUD_OR_SHOWN = frozenset({"alt", "aria-label", "placeholder", "title"})
HOLE = "\ue000"  # what a tag or a variable renders: never a letter
_OPENS = {"blocktranslate", "blocktrans", "comment"}
_CLOSES = {"endblocktranslate", "endblocktrans", "endcomment"}


@dataclass(frozen=True)
class Untranslated:
    line: int
    text: str


def _markup_left(source: str) -> str:
    """The template with translated text removed and tags/variables as placeholders.

    Line breaks are kept, so a line in the result is the same line in the file.
    """
    parts: list[str] = []
    depth = 0
    for token in Lexer(source).tokenize():
        breaks = "\n" * token.contents.count("\n")
        if token.token_type is TokenType.TEXT:
            parts.append(HOLE + breaks if depth else token.contents)
            continue
        if token.token_type is TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0] if token.contents.strip() else ""
            depth += name in _OPENS
            depth -= name in _CLOSES
        parts.append(HOLE + breaks)
    return "".join(parts)


def _has_words(text: str) -> bool:
    return LETTER.search(NOT_TRANSLATED.sub("", text)) is not None


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Untranslated] = []
        self._raw_text_element: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._raw_text_element = tag
        for name, value in attrs:
            if name in READ_ALOUD_OR_SHOWN and value and _has_words(value):
                self.found.append(Untranslated(self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw_text_element:
            self._raw_text_element = None

    def handle_data(self, data: str) -> None:
        if self._raw_text_element is None and _has_words(data):
            self.found.append(Untranslated(self.getpos()[0], data.strip()))


def untranslated_text(source: str) -> list[Untranslated]:
    finder = _TextFinder()
    finder.feed(_markup_left(source))
    finder.close()
    return finder.found


def _template_files() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt"))


def test_the_walk_finds_the_templates():
    names = {p.relative_to(TEMPLATES).as_posix() for p in _template_files()}

    assert {"base.html", "registration/password_reset_subject.txt"} <= names
    assert len(names) > 40


@pytest.mark.parametrize(
    "path", _template_files(), ids=lambda p: p.relative_to(TEMPLATES).as_posix()
)
def test_every_text_in_the_template_is_marked_for_translation(path):
    found = untranslated_text(path.read_text(encoding="utf-8"))

    assert not found, "\n".join(
        f"{path.relative_to(settings.BASE_DIR)}:{item.line}: {item.text.replace(HOLE, '{…}')!r}"
        for item in found
    )


@pytest.mark.parametrize(
    "path", _template_files(), ids=lambda p: p.relative_to(TEMPLATES).as_posix()
)
def test_every_template_compiles(path):
    """A translate tag without ``{% load i18n %}`` fails here, not on a user's screen."""
    engines["django"].get_template(path.relative_to(TEMPLATES).as_posix())


@pytest.mark.parametrize(
    "source",
    [
        "<p>Hello</p>",
        "<p>{% translate 'Hello' %} world</p>",
        "<p>{{ count }} scenes</p>",
        "{% if x %}No dates.{% endif %}",
        '<input placeholder="Search">',
        '<a aria-label="Edit {{ name }}">{% translate "Edit" %}</a>',
        '<img alt="Logo" src="x.png">',
        "<p>Reset your Callboard password</p>",
        "Plain text in an e-mail\n",
        "<p>{% blocktranslate %}A{% endblocktranslate %} and more</p>",
    ],
)
def test_the_check_catches_untranslated_text(source):
    assert untranslated_text(source)


@pytest.mark.parametrize(
    "source",
    [
        "<p>{% translate 'Hello' %}</p>",
        "<p>{% blocktranslate trimmed count counter=n %}{{ counter }} scene"
        "{% plural %}{{ counter }} scenes{% endblocktranslate %}</p>",
        "<p>{% blocktranslate trimmed %}Two\n lines{% endblocktranslate %}</p>",
        '<input placeholder="{% translate "Search" %}">',
        '<a href="/x" class="button small" aria-current="page">{{ name }}</a>',
        "<script>navigator.serviceWorker.register('/sw.js');</script>",
        "<style>body { color: red }</style>",
        "{# A comment for developers #}<!-- and one for the page source -->",
        "{% comment %}Translators: context{% endcomment %}",
        '<a class="brand">Callboard</a> · – — … #{{ n }} ×{{ q }} %',
        "<!doctype html>",
    ],
)
def test_the_check_lets_marked_text_and_markup_through(source):
    assert untranslated_text(source) == []
