"""What people read says only what Callboard does today.

Call sheets are planned (docs/architecture.md) but not built, so no page, e-mail,
message or API description may mention them: a crew
member told that "your call sheet" is kept offline looks for one that does not exist.
Walked: every template (Django comments aside, which nobody reads), every literal
message given to gettext in the apps, the invitation e-mail and the API schema with its
description (view docstrings and help texts included).

Left out on purpose: the role table's refusal labels (``pgettext("you may not …", …)``).
They are only shown when a page or endpoint requires their action, and none requires a
call-sheet action until call sheets exist.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator

from productions.invitations import invitation_email
from productions.models import Invitation
from tests.factories import make_production, make_user

BASE = Path(settings.BASE_DIR)
APPS = ("accounts", "core", "productions", "crew", "scheduling", "notifications")
# The stripboard, the day out of days and the shooting schedule exist (docs/schedule.md).
NOT_BUILT = re.compile(r"call[\s-]*sheets?", re.IGNORECASE)
REFUSAL_CONTEXT = "you may not …"
TRANSLATORS = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
CONTEXT_TRANSLATORS = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}
_DJANGO_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)


def promises(text: str) -> list[str]:
    return [match.group(0) for match in NOT_BUILT.finditer(text)]


def test_the_pattern_finds_what_it_must():
    assert promises("Your call sheet is ready") == ["call sheet"]
    assert promises("Call-sheet order") == ["Call-sheet"]
    assert promises("the Day Out of Days") == []  # built: docs/schedule.md
    assert promises("The crew list follows this order.") == []


def _templates() -> Iterator[Path]:
    yield from sorted((BASE / "templates").rglob("*.html"))
    yield from sorted((BASE / "templates").rglob("*.txt"))


@pytest.mark.parametrize("path", list(_templates()), ids=lambda p: str(p.relative_to(BASE)))
def test_templates_promise_nothing_unbuilt(path: Path):
    text = _DJANGO_COMMENT.sub("", path.read_text(encoding="utf-8"))
    assert not promises(text), f"{path.relative_to(BASE)} mentions {promises(text)}"


def _messages(path: Path) -> Iterator[tuple[int, str]]:
    """The literal messages given to the translation functions in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        args = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if name in TRANSLATORS:
            texts = [a for a in args if isinstance(a, str)]
        elif name in CONTEXT_TRANSLATORS and args and args[0] != REFUSAL_CONTEXT:
            texts = [a for a in args[1:] if isinstance(a, str)]
        else:
            continue
        for text in texts:
            yield node.lineno, text


def _modules() -> Iterator[Path]:
    for app in APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_translated_messages_promise_nothing_unbuilt():
    found = [
        f"{path.relative_to(BASE)}:{line}: {text!r}"
        for path in _modules()
        for line, text in _messages(path)
        if promises(text)
    ]
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_the_invitation_email_promises_nothing_unbuilt():
    producer = make_user(name="Pat Producer")
    production = make_production(producer=producer, title="Salt Road")
    invitation = Invitation(
        production=production, email="gus@example.test", role="crew", invited_by=producer
    )
    subject, body = invitation_email(invitation=invitation, raw_token="token")
    assert not promises(subject + body), body


def test_the_api_schema_and_its_description_promise_nothing_unbuilt():
    assert not promises(str(settings.SPECTACULAR_SETTINGS["DESCRIPTION"]))
    schema = SchemaGenerator().get_schema(request=None, public=True)
    text = json.dumps(schema, ensure_ascii=False)
    assert not promises(text), promises(text)
