"""What Schemathesis checked, at the end of a run (so the CI log shows it).

Loaded with ``-p tests.schemathesis.summary`` (pyproject.toml), like tests/browser/summary.py
and for the same reason: under pytest-xdist only the controller prints, and it never loads
this package's conftest. Each run records its one-line report as a user property.
"""

from __future__ import annotations

import pytest

_PLUGIN = "callboard-schemathesis-summary"
PROPERTY = "schemathesis"


class SchemathesisSummary:
    def __init__(self) -> None:
        self.lines: list[str] = []

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.lines.extend(
                str(value) for key, value in report.user_properties if key == PROPERTY
            )

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.lines:
            return
        terminalreporter.write_sep("-", "schemathesis")
        for line in sorted(self.lines):
            terminalreporter.write_line(line)


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(SchemathesisSummary(), _PLUGIN)
