"""Day out of days on a hand-checked example (DOMAIN.md's codes and drop rule)."""

from __future__ import annotations

from datetime import date

from scheduling.stripboard.dood import dood_line


def d(day: int, month: int = 3) -> date:
    return date(2027, month, day)


# The schedule's dates: a travel day, then shoot days with a holiday and a day off.
TRAVEL = d(28, 2)
HOLIDAY = d(4)
OFF = d(6)
DATES = [TRAVEL, d(1), d(2), d(3), HOLIDAY, d(5), OFF, d(8), d(9), d(10), d(11), d(12), d(13)]


def grid(work: list[date], **kwargs: object) -> list[str]:
    line = dood_line(
        "x",
        DATES,
        work,
        holidays=frozenset({HOLIDAY}),
        off_days=frozenset({OFF}),
        threshold_days=10,
        **kwargs,  # type: ignore[arg-type]
    )
    return [line.code(day) for day in DATES]


def test_one_day_is_start_work_finish() -> None:
    assert grid([d(2)]) == ["", "", "SWF", "", "", "", "", "", "", "", "", "", ""]


def test_short_gaps_are_holds_holidays_slash_off_days_blank_and_travel_by_hand() -> None:
    line = dood_line(
        "b",
        DATES,
        [d(1), d(3), d(8)],
        marks={TRAVEL: "T"},
        holidays=frozenset({HOLIDAY}),
        off_days=frozenset({OFF}),
        threshold_days=10,
    )
    assert [line.code(day) for day in DATES] == [
        "T", "SW", "H", "W", "/", "H", "", "WF", "", "", "", "", "",
    ]  # fmt: skip
    totals = line.totals
    assert (totals.work, totals.hold, totals.travel, totals.holiday, totals.drops) == (
        3,
        2,
        1,
        1,
        0,
    )
    assert (totals.start, totals.finish) == (d(1), d(8))


def test_a_gap_of_exactly_the_threshold_is_held() -> None:
    # 1 March to 12 March: 10 days between (2nd..11th), not more than 10: hold.
    assert grid([d(1), d(12)]) == [
        "", "SW", "H", "H", "/", "H", "", "H", "H", "H", "H", "WF", "",
    ]  # fmt: skip


def test_a_gap_one_day_over_the_threshold_is_a_drop_and_pick_up() -> None:
    # 1 March to 13 March: 11 days between: dropped after the 1st, picked up on the 13th.
    line = dood_line(
        "d",
        DATES,
        [d(1), d(13)],
        holidays=frozenset({HOLIDAY}),
        off_days=frozenset({OFF}),
        threshold_days=10,
    )
    assert [line.code(day) for day in DATES] == [
        "", "SW", "D", "", "", "", "", "", "", "", "", "", "PW",
    ]  # fmt: skip
    assert (line.totals.work, line.totals.hold, line.totals.drops) == (2, 0, 1)


def test_a_mark_never_hides_a_work_day() -> None:
    assert grid([d(1), d(2)], marks={d(1): "R", d(3): "FT"})[1:4] == ["SW", "WF", "FT"]


def test_the_threshold_is_the_productions() -> None:
    # With 14 days (the rule outside the USA) the same 11-day gap is a hold.
    line = dood_line("d", DATES, [d(1), d(13)], threshold_days=14)
    assert line.code(d(13)) == "WF"
    assert line.code(d(9)) == "H"
