"""The crew list's and the deadlines' query parameters, one definition each.

``CrewFilter`` serves the crew page, ``GET …/crew/`` and the CSV export; ``DeadlineFilter``
the deadlines page, ``GET …/deadlines/`` and the overview. Their selectors
(``crew_list``, ``deadlines_for_access``) take them, so the surfaces cannot disagree.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from crew.access import own_person_ids
from crew.models import Deadline, DeadlineStatus, Department, Engagement, EngagementStatus, Position
from productions.filters import (
    ChoicesFilter,
    FlagFilter,
    ProductionFilterSet,
    ScopedModelChoiceFilter,
    SearchFilter,
)


class CrewFilter(ProductionFilterSet):
    q = SearchFilter(method="search", help_text=_("Name, position, department or character."))
    department = ScopedModelChoiceFilter(Department, help_text=_("Department id."))
    position = ScopedModelChoiceFilter(Position, help_text=_("Position id."))
    status = ChoicesFilter(choices=EngagementStatus.choices, help_text=_("Engagement status."))

    class Meta:
        model = Engagement
        fields: list[str] = []

    def search(self, queryset: QuerySet[Engagement], name: str, value: str) -> QuerySet[Engagement]:
        return queryset.filter(
            Q(person__name__icontains=value)
            | Q(position__title__icontains=value)
            | Q(department__name__icontains=value)
            | Q(characters__name__icontains=value)
        ).distinct()


_Rows = TypeVar("_Rows", bound=QuerySet[Any])

DEADLINE_TABS = [("mine", _("Mine")), ("all", _("All"))]


class DeadlineFilter(ProductionFilterSet):
    """``mine`` (the API's name) and ``tab`` (the page's) are one choice: owned by the viewer.

    ``mine`` wins when both are given; with neither, ``mine_by_default`` decides (the page
    opens on "mine" for those who do not manage deadlines; the API on everything).
    """

    mine = FlagFilter(help_text=_("Only deadlines you own (1) or everyone's (0)."))
    tab = ChoicesFilter(choices=DEADLINE_TABS, help_text=_("The same as mine: mine or all."))
    status = ChoicesFilter(choices=DeadlineStatus.choices, help_text=_("Deadline status."))

    class Meta:
        model = Deadline
        fields: list[str] = []

    def __init__(self, *args: Any, mine_by_default: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mine_by_default = mine_by_default

    @property
    def owned_only(self) -> bool:
        if self.cleaned.get("mine") is not None:
            return bool(self.cleaned["mine"])
        if self.cleaned.get("tab"):
            return bool(self.cleaned["tab"] == "mine")
        return self.mine_by_default

    @property
    def shown_tab(self) -> str:
        return "mine" if self.owned_only else "all"

    def filter_queryset(self, queryset: _Rows) -> _Rows:
        status = self.cleaned.get("status")
        if status:
            queryset = queryset.filter(status=status)
        if self.owned_only:
            queryset = queryset.filter(owners__in=own_person_ids(self.access)).distinct()
        return queryset
