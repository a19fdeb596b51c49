"""Drive Debian's Chromium against the live server, and watch every page it shows.

A :class:`Tab` is one page in a fresh browser context. Whatever it loads is watched for
console errors, uncaught exceptions and Content-Security-Policy violations; a test calls
:meth:`Tab.assert_clean` after each step, and the fixture checks once more at the end.
:func:`axe_violations` runs axe-core (from ``node_modules``, installed by ``npm ci``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    ViewportSize,
    WebError,
)

BASE_DIR = Path(__file__).resolve().parents[2]
# Debian's package; CALLBOARD_CHROMIUM points elsewhere (never a browser Playwright downloads).
CHROMIUM = Path(os.environ.get("CALLBOARD_CHROMIUM", "/usr/bin/chromium"))
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENPLAYS = Path(
    os.environ.get("CALLBOARD_SCREENPLAYS_DIR", BASE_DIR.parent / "shared" / "screenplays")
)

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 360, "height": 740}
# Headless in a container: no sandbox (we run as root), no GPU, nothing fetched from outside.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Impacts that fail a page; axe's "minor" and "moderate" findings are left to review.
FAILING_IMPACTS = ("serious", "critical")

# Runs before any script of every page: keeps each CSP violation on window and hands it to
# the test at once, so a violation on a page the test has already left is not lost.
_CSP_RECORDER = """
window.__cspViolations = [];
window.addEventListener("securitypolicyviolation", (event) => {
  const violation = {
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  };
  window.__cspViolations.push(violation);
  if (window.__reportCspViolation) window.__reportCspViolation(violation);
}, true);
"""

_AXE_RUN = """async (impacts) => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((violation) => impacts.includes(violation.impact))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


def require_installed(path: Path, what: str, install: str) -> None:
    """Skip (or, on CI, fail) when a tool the browser tests need is missing."""
    if path.exists():
        return
    message = f"{what} not installed: {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(message)


def screenplay_path(name: str) -> Path:
    """A real screenplay from ``../shared/screenplays`` (never copied into the repository)."""
    path = SCREENPLAYS / name
    if not path.is_file():
        pytest.skip(f"{name} not found in {SCREENPLAYS} (set CALLBOARD_SCREENPLAYS_DIR)")
    return path


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


@dataclass(frozen=True)
class AxeViolation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}: {self.help}) at {', '.join(self.targets)}"


def axe_violations(page: Page) -> list[AxeViolation]:
    """Serious and critical axe-core violations on the page as it is now."""
    # Evaluated over the DevTools protocol, not added as a <script>: a page's CSP does not
    # apply, and axe itself can never be the cause of a violation the watcher reports.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    found: list[dict[str, Any]] = page.evaluate(_AXE_RUN, list(FAILING_IMPACTS))
    return [
        AxeViolation(item["id"], item["impact"], item["help"], tuple(item["targets"]))
        for item in found
    ]


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no sideways scrolling)."""
    overflow: int = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return max(overflow, 0)


@dataclass
class Tab:
    """One page in its own browser context, watched for errors from its first request on."""

    context: BrowserContext
    base_url: str
    problems: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context.add_init_script(_CSP_RECORDER)
        self.context.expose_binding("__reportCspViolation", self._on_csp_violation)
        self.context.on("console", self._on_console)
        self.context.on("weberror", self._on_web_error)
        self.page = self.context.new_page()
        self.page.on("framenavigated", self._on_navigated)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def goto(self, path: str) -> Response:
        response = self.page.goto(self.url(path))
        assert response is not None, f"no response for {path}"
        assert response.ok, f"{path} answered {response.status}"
        self.assert_clean()
        return response

    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    def assert_clean(self) -> None:
        """No console error, uncaught exception or CSP violation on any page so far."""
        assert not self.problems, "\n".join(
            ["pages reported problems:", *self.problems, "pages visited:", *self.visited]
        )

    def _on_navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        resource = message.location.get("url", "")
        where = message.page.url if message.page else "?"
        about = f" ({resource})" if resource and resource != where else ""
        self.problems.append(f"console error on {where}{about}: {message.text}")

    def _on_web_error(self, error: WebError) -> None:
        where = error.page.url if error.page else "?"
        self.problems.append(f"uncaught exception on {where}: {error.error}")

    def _on_csp_violation(self, source: dict[str, Any], violation: dict[str, Any]) -> None:
        where = source["page"].url if source.get("page") else "?"
        self.problems.append(f"CSP violation on {where}: {violation}")


# The open_tab fixture: open_tab(viewport=PHONE, user=someone) -> a fresh watched Tab.
OpenTab = Callable[..., Tab]
