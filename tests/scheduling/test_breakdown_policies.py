"""Who may apply a screenplay draft: the role table and the draft's status, asked in one place."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scheduling.breakdown.importing import screenplay_import_apply, screenplay_import_preview
from scheduling.breakdown.policies import can_apply_screenplay_import
from tests.scheduling.test_import_service import DRAFT_ONE


@pytest.fixture
def draft(team):
    return screenplay_import_preview(
        access=team.access(), file_name="draft.fountain", data=DRAFT_ONE.encode()
    )


@pytest.mark.parametrize(
    ("role", "may"),
    [("producer", True), ("ad", True), ("hod", False), ("director", False), ("crew", False)],
)
def test_editors_may_apply_a_preview(team, draft, role, may):
    assert can_apply_screenplay_import(team.access(getattr(team, role)), draft) is may


def test_nobody_may_apply_a_draft_twice(team, draft):
    applied = screenplay_import_apply(access=team.access(), screenplay_import=draft)

    assert not can_apply_screenplay_import(team.access(), applied)


@pytest.mark.parametrize(("role", "offered"), [("ad", True), ("hod", False)])
def test_the_preview_page_offers_apply_as_the_policy_says(client, team, draft, role, offered):
    client.force_login(getattr(team, role))
    url = reverse(
        "scheduling:screenplay-preview",
        kwargs={"production_id": team.production.pk, "import_id": draft.pk},
    )

    assert ("Apply this draft" in client.get(url).content.decode()) is offered
    screenplay_import_apply(access=team.access(), screenplay_import=draft)
    assert "Apply this draft" not in client.get(url).content.decode()
