"""A producer's first hour, in the browser: a new production, its screenplay, a breakdown
element, a scene edited, a new crew member invited by e-mail (through the Celery worker)
and the crew CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.browser.browsing import Tab, screenplay_path
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.worker]


def log_in(tab: Tab, email: str) -> None:
    tab.goto("/accounts/login/")
    tab.page.fill("input[name=username]", email)
    tab.page.fill("input[name=password]", PASSWORD)
    tab.page.click("main form button[type=submit]")
    tab.page.wait_for_url(re.compile(r"/productions/$"))
    tab.assert_clean()


def submit(tab: Tab, form: str = "main form.form") -> None:
    """Press the form's submit button and wait for the page it leads to."""
    with tab.page.expect_navigation():
        tab.page.click(f"{form} button[type=submit]")
    tab.assert_clean()


def test_producer_sets_up_a_production(open_tab, celery_worker, smtp_sink, count_as):
    make_user(name="Pat Producer", email="pat@example.test")
    tab = open_tab()
    page = tab.page
    log_in(tab, "pat@example.test")

    # A new production: the producer lands on its overview.
    page.click("a[href='/productions/new/']")
    page.fill("input[name=title]", "Brick & Steel")
    submit(tab)
    match = re.search(r"/productions/(\d+)/$", page.url)
    assert match, page.url
    production = f"/productions/{match[1]}"
    assert page.locator("h1").inner_text() == "Brick & Steel"

    # The screenplay: upload, preview what it changes, apply.
    page.click(f"a[href='{production}/scenes/']")
    tab.assert_clean()
    page.click(f"main a[href='{production}/screenplays/upload/']")
    tab.assert_clean()
    page.set_input_files("input[name=file]", screenplay_path("Brick-and-Steel.fountain"))
    submit(tab)
    assert re.search(r"/screenplays/\d+/$", page.url), page.url
    assert page.locator("table.changes.added tbody tr").count() > 0
    submit(tab, "form.apply-form")
    assert page.url.endswith(f"{production}/scenes/")
    scene_links = page.locator("table.scenes tbody th a")
    assert scene_links.count() > 1

    # A scene's breakdown: add a prop to the first scene.
    scene_links.first.click()
    page.wait_for_url(re.compile(r"/scenes/\d+/$"))
    tab.assert_clean()
    page.select_option("select[name=category]", label="Props")
    page.fill("input[name=name]", "Two cold beers")
    page.fill("input[name=quantity]", "2")
    submit(tab, "main form[action$='/elements/']")
    props = page.locator(".breakdown-category", has_text="Props")
    assert "Two cold beers" in props.inner_text()

    # The scene itself: a new time of day and synopsis, then on to the next scene.
    page.click("details.scene-edit summary")
    page.select_option("#scene-edit select[name=time_of_day]", "NIGHT")
    page.fill("#scene-edit textarea[name=synopsis]", "They carry the beers in after dark.")
    submit(tab, "form#scene-edit")
    assert "They carry the beers in after dark." in page.locator("dl.facts").inner_text()
    assert page.locator("#scene-facts").inner_text().endswith("NIGHT")
    with page.expect_navigation():
        page.click("nav.pager a[rel=next]")
    tab.assert_clean()

    # A new person, invited to log in: the invitation leaves through the worker.
    page.goto(tab.url(f"{production}/crew/"))
    tab.assert_clean()
    page.click(f"a[href='{production}/crew/add/']")
    tab.assert_clean()
    page.fill("input[name=name]", "Dana Reyes")
    page.fill("input[name=email]", "dana@example.test")
    page.fill("input[name=phone]", "+44 7911 123456")
    page.select_option("select[name=position]", label="Gaffer · Electric")
    page.check("input[name=account][value=invite]")
    submit(tab)
    assert re.search(r"/crew/people/\d+/$", page.url), page.url
    assert "dana@example.test" in page.locator(".messages").inner_text()
    [invitation] = smtp_sink.wait_for(1)
    assert invitation["To"] == "dana@example.test"
    assert "Brick & Steel" in invitation["Subject"]
    assert "/accounts/invitations/" in invitation.get_payload()

    # The crew list as CSV: what the producer downloads is the list they see.
    page.goto(tab.url(f"{production}/crew/"))
    tab.assert_clean()
    with page.expect_download() as download_info:
        page.click(f"a[href^='{production}/crew/export.csv']")
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = download.path().read_bytes().decode("utf-8-sig")
    rows = {row["email"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["dana@example.test"]["name"] == "Dana Reyes"
    assert rows["dana@example.test"]["position"] == "Gaffer"
    assert rows["dana@example.test"]["department"] == "Electric"
    assert rows["dana@example.test"]["phone"] == "+447911123456"
    tab.assert_clean()
    count_as("journey")
