"""Schemathesis against the live schema as a crew member (a 1st AC: reads, and their own
unavailability)."""

from __future__ import annotations

from tests.schemathesis.harness import Fuzzer, token_for
from tests.schemathesis.summary import PROPERTY


def test_every_operation_conforms_for_a_crew_member(furnished_cast, live_server, record_property):
    fuzzer = Fuzzer(
        base_url=live_server.url,
        role="crew",
        production_id=furnished_cast.production.pk,
        crew_id=furnished_cast.crew.engagement.pk,
        token=token_for(furnished_cast.user("crew")),
    )

    report = fuzzer.run()

    record_property(PROPERTY, report.summary())
    assert report.failures == {}, "\n\n".join(f"{k}\n{v}" for k, v in report.failures.items())
