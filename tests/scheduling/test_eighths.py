"""Eighths of a page: writing, reading and converting from printed lines."""

from __future__ import annotations

import pytest

from scheduling.breakdown.eighths import (
    LINES_PER_PAGE,
    format_eighths,
    lines_to_eighths,
    parse_eighths,
)


@pytest.mark.parametrize(
    ("eighths", "text"),
    [(0, "0"), (1, "1/8"), (3, "3/8"), (8, "1"), (11, "1 3/8"), (16, "2"), (20, "2 4/8")],
)
def test_format_eighths(eighths: int, text: str) -> None:
    assert format_eighths(eighths) == text


def test_format_eighths_rejects_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        format_eighths(-1)


@pytest.mark.parametrize(
    ("text", "eighths"),
    [
        ("0", 0),
        ("1", 8),
        ("3/8", 3),
        ("2 4/8", 20),
        ("2  4/8", 20),
        (" 1 3/8 ", 11),  # Final Draft's Length="1 3/8"
        ("5/8", 5),
        ("12", 96),
        ("3 / 8", 3),
        ("8/8", 8),
        ("2 0/8", 16),
    ],
)
def test_parse_eighths(text: str, eighths: int) -> None:
    assert parse_eighths(text) == eighths


@pytest.mark.parametrize("text", ["", "  ", "abc", "1.5", "-1", "1/2", "2 3/4", "2 9/8", "3/8 2"])
def test_parse_eighths_rejects_garbage_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError, match=r"page length|eighths|n/8|0 to 7"):
        parse_eighths(text)


def test_parse_and_format_round_trip() -> None:
    for eighths in range(300):
        assert parse_eighths(format_eighths(eighths)) == eighths


def test_lines_to_eighths_rounds_to_nearest_and_never_below_one() -> None:
    assert lines_to_eighths(0) == 1
    assert lines_to_eighths(1) == 1
    assert lines_to_eighths(LINES_PER_PAGE) == 8
    assert lines_to_eighths(2 * LINES_PER_PAGE + LINES_PER_PAGE // 2) == 20  # 2 4/8
    assert lines_to_eighths(10) == 1  # 1.45 eighths
    assert lines_to_eighths(11) == 2  # 1.6 eighths
    # Exactly half an eighth rounds up: 1 line of a 16-line page is 0.5 eighth.
    assert lines_to_eighths(1, lines_per_page=16) == 1
    assert lines_to_eighths(3, lines_per_page=16) == 2


def test_lines_to_eighths_round_up_counts_any_started_eighth() -> None:
    assert lines_to_eighths(7, round_up=True) == 2  # 1.02 eighths
    assert lines_to_eighths(55, round_up=True) == 8
    assert lines_to_eighths(56, round_up=True) == 9
    assert lines_to_eighths(0, round_up=True) == 1


def test_lines_to_eighths_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="negative"):
        lines_to_eighths(-1)
    with pytest.raises(ValueError, match="positive"):
        lines_to_eighths(5, lines_per_page=0)
