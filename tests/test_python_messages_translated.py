"""Every message the Python code shows a person is marked for translation.

The walk parses each module of the apps (migrations aside) and looks at what reaches a
person:

- the message given to ``messages.success/error/info/warning/debug(request, …)`` and
  ``form.add_error(field, …)``;
- the message of ``PermissionDenied``, ``ValidationError`` (Django's and DRF's),
  ``Http404``, DRF's ``NotFound``/``AuthenticationFailed``/``ParseError`` and the apps'
  own refusals that pages and the API show as they are (``InUseError``, ``Conflict``,
  ``CsvFileError``), including the messages inside a ``{field: [message]}`` dict;
- the ``label``, ``help_text``, ``empty_label``, ``verbose_name(_plural)`` and
  ``error_messages`` given to a field, a serializer or a filter, and ``verbose_name``
  and ``default_error_messages`` set on a class (an app, a model's Meta, a field).

Such a message must not be a string literal with a letter in it, an f-string, or a
sentence glued together with ``+`` or ``%`` from a literal: it must come from
``gettext``/``ngettext``… (or be a variable holding what they returned). And the
translation functions themselves must be given literal messages, or ``makemessages``
cannot find them (``_(f"…")``, ``_("a" + b)``).

"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
ENFORCED = ("accounts", "core", "productions", "crew", "scheduling", "notifications", "demo")

LETTER = re.compile(r"[^\W\d_]")
MESSAGE_LEVELS = frozenset({"debug", "info", "success", "warning", "error"})
#: Exceptions whose first argument (or ``message``/``detail``) a person reads.
SHOWN_EXCEPTIONS = frozenset(
    {
        "PermissionDenied",
        "ValidationError",
        "Http404",
        "NotFound",
        "AuthenticationFailed",
        "ParseError",
        "InUseError",
        "Conflict",
        "CsvFileError",
    }
)
#: Keyword arguments and class attributes a person reads (a form, the admin, the API docs).
SHOWN_KEYWORDS = frozenset(
    {"label", "help_text", "empty_label", "verbose_name", "verbose_name_plural", "error_messages"}
)
SHOWN_ATTRIBUTES = frozenset({"verbose_name", "verbose_name_plural", "default_error_messages"})
#: Translation functions and how many of their first arguments must be literals.
TRANSLATORS = {
    "_": 1,
    "gettext": 1,
    "gettext_lazy": 1,
    "gettext_noop": 1,
    "ngettext": 2,
    "ngettext_lazy": 2,
    "pgettext": 2,
    "pgettext_lazy": 2,
    "npgettext": 3,
    "npgettext_lazy": 3,
}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _untranslated(node: ast.expr) -> bool:
    """Text a person would read in English whatever their language."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(LETTER.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Mod):  # "literal %s" % value: the literal is the message
            return _untranslated(node.left)
        return _untranslated(node.left) or _untranslated(node.right)
    if isinstance(node, ast.Dict):
        return any(_untranslated(value) for value in node.values)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return any(_untranslated(element) for element in node.elts)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) or _untranslated(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        # "literal {}".format(…), "literal".upper()…
        return node.func.attr != "join" and _untranslated(node.func.value)
    return False


def _shown_messages(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` that a person reads, if it is one of the sinks."""
    func, name = call.func, _name(call.func)
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "messages"
        and name in MESSAGE_LEVELS
    ):
        return call.args[1:2] + [v for k, v in keywords.items() if k == "message"]
    if name == "add_error":
        return call.args[1:2] + [v for k, v in keywords.items() if k == "error"]
    shown = [v for k, v in keywords.items() if k in SHOWN_KEYWORDS]
    if name in SHOWN_EXCEPTIONS:
        shown += call.args[:1] + [v for k, v in keywords.items() if k in ("message", "detail")]
    return shown


def _not_extractable(call: ast.Call) -> bool:
    """``_(f"…")`` and the like: makemessages finds only literal messages."""
    if not isinstance(call.func, ast.Name) or call.func.id not in TRANSLATORS:
        return False
    literals = call.args[: TRANSLATORS[call.func.id]]
    return any(
        not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)) for arg in literals
    )


def findings(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(BASE)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _untranslated(node.value):
            names = {target.id for target in node.targets if isinstance(target, ast.Name)}
            if names & SHOWN_ATTRIBUTES:
                yield f"{where}:{node.lineno}: not translated: {ast.unparse(node)[:100]}"
        if not isinstance(node, ast.Call):
            continue
        if _not_extractable(node):
            yield f"{where}:{node.lineno}: not a literal message: {ast.unparse(node)[:100]}"
        for message in _shown_messages(node):
            if _untranslated(message):
                yield f"{where}:{message.lineno}: not translated: {ast.unparse(message)[:100]}"


def app_findings(app: str) -> list[str]:
    return [
        finding
        for path in sorted((BASE / app).rglob("*.py"))
        if "migrations" not in path.parts
        for finding in findings(path)
    ]


@pytest.mark.parametrize("app", ENFORCED)
def test_every_message_shown_to_a_person_is_marked_for_translation(app):
    found = app_findings(app)

    assert not found, f"{len(found)} unmarked message(s) in {app}/:\n" + "\n".join(found)


def test_the_walk_catches_each_kind_of_unmarked_message(tmp_path, monkeypatch):
    """The checker itself: every pattern it must report, and what it must let through."""
    module = tmp_path / "sample.py"
    module.write_text(
        "\n".join(
            [
                'messages.success(request, "Saved.")',  # 1: a literal
                'messages.error(request, f"{name} removed.")',  # 2: an f-string
                'raise PermissionDenied("Only producers.")',  # 3
                'raise ValidationError({"email": [f"{email} is taken."]})',  # 4: in a dict
                'raise serializers.ValidationError("Bad " + reason)',  # 5: glued with +
                'raise Http404("No %s here." % noun)',  # 6: formatted, not translated
                'form.add_error("name", "Too long.")',  # 7
                'raise InUseError(f"{n} engagements")',  # 8
                '_(f"Hello {name}")',  # 9: makemessages cannot extract it
                'ngettext("one", plural, n)',  # 10
                'name = forms.CharField(label="Name", help_text=_("Full name."))',  # 11
                'serializers.RegexField(r"^x$", error_messages={"invalid": "Use x."})',  # 12
                'class CrewConfig(AppConfig): verbose_name = "Crew"',  # 13
                # Marked, or no words to translate: fine.
                'messages.success(request, _("Saved."))',
                'messages.error(request, _("%(name)s removed.") % {"name": name})',
                'raise ValidationError({"email": [gettext("Taken.")]})',
                'raise PermissionDenied(message % {"role": role})',
                "raise Http404 from None",
                "form.add_error(None, exc.messages)",
                'messages.error(request, " ".join(exc.messages))',
                'raise ValidationError(self.error_messages["invalid"], code="invalid")',
                'raise ImproperlyConfigured(f"{view} needs a queryset.")',  # for developers
                'pgettext_lazy("you may not …", "edit schedule")',
                'class Meta: verbose_name = _("crew")',
                'name = "crew"',
                'help_text = "not a keyword argument nor a class attribute that is shown"',
            ]
        )
    )
    monkeypatch.setattr(f"{__name__}.BASE", tmp_path)

    lines = [int(finding.split(":")[1]) for finding in findings(module)]

    assert sorted(lines) == list(range(1, 14))
