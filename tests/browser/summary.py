"""One line at the end of a run: what the browser tests checked.

Loaded with ``-p tests.browser.summary`` (pyproject.toml) rather than from the package's
conftest: under pytest-xdist the reports reach the controller process, which never
collects tests/browser/ and so never loads its conftest. Tests say what they checked with
the ``count_as`` fixture (a user property, which xdist carries back with each report).
"""

from __future__ import annotations

from collections import Counter

import pytest

_PLUGIN = "callboard-browser-summary"


class BrowserSummary:
    def __init__(self) -> None:
        self.checked: Counter[str] = Counter()
        self.outcomes: Counter[str] = Counter()
        self.skip_reasons: set[str] = set()

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if "browser" not in report.keywords:
            return
        if report.when == "call":
            self.outcomes["xfailed" if hasattr(report, "wasxfail") else report.outcome] += 1
            self.checked.update(
                str(value) for key, value in report.user_properties if key == "browser"
            )
        elif report.skipped:
            self.outcomes["skipped"] += 1
            if isinstance(report.longrepr, tuple):
                self.skip_reasons.add(str(report.longrepr[2]).removeprefix("Skipped: "))
        elif report.failed:
            self.outcomes[f"{report.when} errors"] += 1

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.outcomes:
            return
        journeys, pages = self.checked["journey"], self.checked["axe"]
        line = (
            f"browser: {journeys} journey{'s' * (journeys != 1)}, "
            f"{pages} page{'s' * (pages != 1)} checked with axe"
        )
        details = [f"{count} {outcome}" for outcome, count in sorted(self.outcomes.items())]
        terminalreporter.write_sep("-", "browser tests")
        terminalreporter.write_line(f"{line} ({', '.join(details)})")
        for reason in sorted(self.skip_reasons):
            terminalreporter.write_line(f"browser: skipped: {reason}")


def pytest_configure(config: pytest.Config) -> None:
    # An xdist worker's reports are printed by the controller, which has its own tally.
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(BrowserSummary(), _PLUGIN)
