"""docs/permissions.md shows the role table that the code enforces; they must agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from productions.roles import ACTION_LABELS, ROLE_ACTIONS, Action, Role
from productions.scoping import Access

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def documented_table() -> tuple[list[str], dict[str, set[str]]]:
    lines = DOC.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| action |"))
    cells = lambda line: [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]  # noqa: E731
    roles = cells(lines[start])[1:-1]
    allowed: dict[str, set[str]] = {role: set() for role in roles}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        action, *marks = cells(line)
        for role, mark in zip(roles, marks[: len(roles)], strict=True):
            if mark == "✓":
                allowed[role].add(action)
        allowed.setdefault("*", set()).add(action)
    return roles, allowed


def test_the_documented_role_table_matches_the_code():
    roles, allowed = documented_table()

    assert roles == [role.value for role in Role]
    assert allowed.pop("*") == {action.value for action in Action}
    for role in Role:
        assert allowed[role.value] == {action.value for action in ROLE_ACTIONS[role]}, role


def test_every_action_has_a_label_for_the_refusal_sentence():
    assert set(ACTION_LABELS) == set(Action)
    # In English the label is the action's name, so the 403 reads as it always did.
    assert {str(label) for label in ACTION_LABELS.values()} == {
        action.value.replace("_", " ") for action in Action
    }


def test_a_refusal_is_one_sentence_naming_the_role_and_the_action():
    class _Membership:
        role = Role.DIRECTOR.value

    access = Access(user=None, membership=_Membership())  # type: ignore[arg-type]

    with pytest.raises(PermissionDenied) as refused:
        access.require(Action.PUBLISH_CALL_SHEETS)

    assert str(refused.value) == (
        "As director / creator on this production you may not publish call sheets."
    )
