"""What every production page's template needs (the subnav, the role's abilities)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from productions.roles import Action
from productions.scoping import Access

AbilityProvider = Callable[[Access], Mapping[str, bool]]

_ability_providers: list[AbilityProvider] = []


def register_abilities(provider: AbilityProvider) -> None:
    """Let a higher layer add its policies to ``can`` (crew adds ``add_crew``…)."""
    if provider not in _ability_providers:
        _ability_providers.append(provider)


def page_context(access: Access, section: str, **extra: Any) -> dict[str, Any]:
    """What every production page's template needs: the production, the subnav, ``can``."""
    can: dict[str, bool] = {action.value: access.can(action) for action in Action}
    for provider in _ability_providers:
        can.update(provider(access))
    return {
        "production": access.production,
        "access": access,
        "role": access.role,
        "can": can,
        "section": section,
        **extra,
    }
