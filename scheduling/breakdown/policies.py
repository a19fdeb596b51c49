"""Permissions that combine the role table with facts about one breakdown object.

A rule that needs only the role stays ``access.require(Action.…)`` (403) in the view or
in the API's ``required_actions``; a rule that also looks at the object lives here, as
``can_…(access, obj)``, so the page and the API ask the same question.
"""

from __future__ import annotations

from productions.roles import Action
from productions.scoping import Access
from scheduling.breakdown.models import ImportStatus, Scene, ScreenplayImport


def can_apply_screenplay_import(access: Access, screenplay_import: ScreenplayImport) -> bool:
    """Editors may apply a draft that is still a preview; an applied one is history.

    The service checks the status again under a row lock (two clicks, two people), so this
    decides what is offered, and the service decides what happens.
    """
    return access.can(Action.EDIT_BREAKDOWN) and screenplay_import.status == ImportStatus.PREVIEW


def can_edit_scene(access: Access, scene: Scene) -> bool:
    """Editors change a scene's heading parts, synopsis, script day, notes and whether it is
    omitted; an omitted scene stays editable (it can be restored: its number is kept)."""
    return access.can(Action.EDIT_BREAKDOWN) and scene.production_id == access.production.pk
