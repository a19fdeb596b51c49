"""What every production page's template needs (the subnav, the role's abilities)."""

from __future__ import annotations

from typing import Any

from productions.roles import Action
from productions.scoping import Access


def page_context(access: Access, section: str, **extra: Any) -> dict[str, Any]:
    """What every production page's template needs: the production, the subnav, ``can``."""
    can: dict[str, bool] = {action.value: access.can(action) for action in Action}
    can["add_crew"] = access.can(Action.MANAGE_CREW) or (
        access.can(Action.MANAGE_DEPARTMENT_CREW) and bool(access.head_of_department_ids)
    )
    return {
        "production": access.production,
        "access": access,
        "role": access.role,
        "can": can,
        "section": section,
        **extra,
    }
