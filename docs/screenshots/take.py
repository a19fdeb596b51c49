"""Take the screenshots in docs/screenshots/ from a running `make run` (demo data).

Not part of the test suite. `make screenshots` starts the app on a fresh copy of the demo
data and runs this (docs/screenshots/regenerate.py); against a `make run` of your own:
    python docs/screenshots/take.py [http://127.0.0.1:8000]
Needs Playwright's Python package (requirements-dev.txt) and Debian's Chromium
(`apt-get install chromium`); never `playwright install`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

OUT = Path(__file__).resolve().parent
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# (file name, login, path template, viewport); {p} is the demo production's id, {scene}
# the id of its first scene in script order, {schedule} its published schedule's.
SHOTS = [
    ("login-phone", None, "/accounts/login/", PHONE),
    ("productions-phone", "producer", "/productions/", PHONE),
    ("overview-desktop", "producer", "/productions/{p}/", DESKTOP),
    ("crew-list-desktop", "producer", "/productions/{p}/crew/", DESKTOP),
    ("crew-list-phone-as-crew", "crew", "/productions/{p}/crew/", PHONE),
    ("deadlines-phone", "producer", "/productions/{p}/deadlines/", PHONE),
    ("scenes-desktop", "ad", "/productions/{p}/scenes/", DESKTOP),
    ("cast-phone", "ad", "/productions/{p}/crew/cast/", PHONE),
    ("departments-desktop", "producer", "/productions/{p}/crew/departments/", DESKTOP),
    ("profile-phone", "crew", "/account/profile/", PHONE),
    ("overview-phone-as-crew", "crew", "/productions/{p}/", PHONE),
    ("settings-phone", "producer", "/productions/{p}/settings/", PHONE),
    ("scene-phone", "ad", "/productions/{p}/scenes/{scene}/", PHONE),
    ("stripboard-desktop", "ad", "/productions/{p}/schedule/{schedule}/", DESKTOP),
    ("stripboard-phone", "ad", "/productions/{p}/schedule/{schedule}/", PHONE),
    ("dood-desktop", "ad", "/productions/{p}/schedule/{schedule}/dood/", DESKTOP),
]


def log_in(page: Page, base: str, who: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", f"{who}@demo.test")
    page.fill("input[name=password]", "callboard-demo")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def take(base: str) -> None:
    """Take every shot in SHOTS from the app at ``base`` (demo data loaded)."""
    base = base.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        production_id = None
        for name, who, path, viewport in SHOTS:
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            if who:
                log_in(page, base, who)
                if production_id is None:
                    page.goto(f"{base}/productions/")
                    href = (
                        page.locator("a[href^='/productions/']")
                        .filter(has_text="Lighthouse")
                        .first.get_attribute("href")
                    )
                    production_id = (href or "").strip("/").split("/")[1]
            scene_id = None
            if "{scene}" in path:
                scenes = page.request.get(f"{base}/api/v1/productions/{production_id}/scenes/")
                scene_id = scenes.json()["results"][0]["id"]
            schedule_id = None
            if "{schedule}" in path:
                api = f"{base}/api/v1/productions/{production_id}/schedules/"
                schedules = page.request.get(api).json()["results"]
                schedule_id = next(s["id"] for s in schedules if s["status"] == "published")
            page.goto(base + path.format(p=production_id, scene=scene_id, schedule=schedule_id))
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            print(f"{name}.png  {page.url}")
            context.close()
        browser.close()


if __name__ == "__main__":
    take(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
