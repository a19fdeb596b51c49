"""One rule for CSV cells: never a formula in a spreadsheet, and read back as written."""

from __future__ import annotations

import pytest

from core.spreadsheets import spreadsheet_safe, spreadsheet_unsafe


@pytest.mark.parametrize("text", ["=1+1", "+44 20", "-3", "@SUM(A1)", "\tx", "\rx"])
def test_formulas_are_quoted_and_read_back(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_unsafe(spreadsheet_safe(text)) == text


@pytest.mark.parametrize("text", ["MARA", "", "'quoted", "12A"])
def test_plain_text_is_left_alone(text: str) -> None:
    assert spreadsheet_safe(text) == text
    assert spreadsheet_unsafe(text) == text
