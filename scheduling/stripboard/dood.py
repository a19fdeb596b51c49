"""Day out of days: who works, holds, travels or is dropped on each day of a schedule.

The grid is computed, never stored: people (or elements) × the schedule's dates.  Work
days come from the strips (a person works on a day when a scene of theirs is on it);
travel, rehearsal, fitting and hold days the office sets by hand (``DoodMark``).

The rules, for each person, over the dates of the schedule in order:

- the first work day is ``SW``, the last ``WF``, a single one ``SWF``, the others ``W``;
- days between two work days are ``H`` (hold) when the gap is short; when the gap is
  *longer* than the production's threshold (``drop_threshold_days``: 10 by default, the
  US rule; DOMAIN.md) the person is dropped: the first date of the schedule after the
  last work day shows ``D``, the dates until they return are blank, and the day they
  return is ``PW`` (pick-up work).  The gap is counted in calendar days strictly between
  the two work days: with the default, 10 days between is a hold, 11 a drop;
- company holidays within a person's engagement show ``/`` and off days stay blank (no
  one is on hold on a day nobody shoots);
- a mark set by hand (``T``, ``R``, ``FT``, ``H``) fills a day that is not a work day.

Totals per person: work days (every work code), hold, travel, rehearsal, fitting and
holiday days, the start and finish dates.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Generic, TypeVar

from scheduling.stripboard.models import DoodCode

K = TypeVar("K", bound=Hashable)

WORK_CODES = frozenset(
    {
        DoodCode.START_WORK,
        DoodCode.WORK,
        DoodCode.WORK_FINISH,
        DoodCode.START_WORK_FINISH,
        DoodCode.PICK_UP_WORK,
    }
)


@dataclass(frozen=True)
class DoodTotals:
    work: int = 0
    hold: int = 0
    travel: int = 0
    rehearsal: int = 0
    fitting: int = 0
    holiday: int = 0
    drops: int = 0
    start: date | None = None
    finish: date | None = None


@dataclass(frozen=True)
class DoodLine(Generic[K]):
    key: K
    codes: dict[date, str] = field(default_factory=dict)
    totals: DoodTotals = DoodTotals()

    def code(self, day: date) -> str:
        return self.codes.get(day, "")


def _work_codes(work_days: Sequence[date], threshold_days: int) -> dict[date, str]:
    codes: dict[date, str] = {}
    last = len(work_days) - 1
    for index, day in enumerate(work_days):
        picked_up = index > 0 and (day - work_days[index - 1]).days - 1 > threshold_days
        if index == 0:
            codes[day] = DoodCode.START_WORK_FINISH if last == 0 else DoodCode.START_WORK
        elif picked_up:
            codes[day] = DoodCode.PICK_UP_WORK
        elif index == last:
            codes[day] = DoodCode.WORK_FINISH
        else:
            codes[day] = DoodCode.WORK
    return codes


def dood_line(
    key: K,
    dates: Sequence[date],
    work: Iterable[date],
    *,
    marks: Mapping[date, str] | None = None,
    holidays: frozenset[date] = frozenset(),
    off_days: frozenset[date] = frozenset(),
    threshold_days: int,
) -> DoodLine[K]:
    """One person's line over ``dates`` (the schedule's dates, sorted, each once)."""
    work_days = sorted(set(work))
    codes = _work_codes(work_days, threshold_days)
    drops = 0
    for before, after in pairwise(work_days):
        dropped = (after - before).days - 1 > threshold_days
        between = dates[bisect_right(dates, before) : bisect_left(dates, after)]
        if dropped:
            drops += 1
            if between:
                codes[between[0]] = DoodCode.DROP
            continue
        for day in between:
            if day in holidays:
                codes[day] = DoodCode.HOLIDAY
            elif day not in off_days:
                codes[day] = DoodCode.HOLD
    for day, code in (marks or {}).items():
        if codes.get(day) not in WORK_CODES:
            codes[day] = code
    counts = {code: 0 for code in DoodCode}
    for code in codes.values():
        counts[DoodCode(code)] += 1
    totals = DoodTotals(
        work=sum(counts[code] for code in WORK_CODES),
        hold=counts[DoodCode.HOLD],
        travel=counts[DoodCode.TRAVEL],
        rehearsal=counts[DoodCode.REHEARSAL],
        fitting=counts[DoodCode.FITTING],
        holiday=counts[DoodCode.HOLIDAY],
        drops=drops,
        start=work_days[0] if work_days else None,
        finish=work_days[-1] if work_days else None,
    )
    return DoodLine(key=key, codes=codes, totals=totals)
