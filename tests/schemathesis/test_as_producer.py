"""Schemathesis against the live schema as the production's producer (every write allowed)."""

from __future__ import annotations

from tests.schemathesis.harness import Fuzzer, token_for
from tests.schemathesis.summary import PROPERTY


def test_every_operation_conforms_for_a_producer(furnished_cast, live_server, record_property):
    fuzzer = Fuzzer(
        base_url=live_server.url,
        role="producer",
        production_id=furnished_cast.production.pk,
        crew_id=furnished_cast.producer.engagement.pk,
        token=token_for(furnished_cast.user("producer")),
    )

    report = fuzzer.run()

    record_property(PROPERTY, report.summary())
    assert report.failures == {}, "\n\n".join(f"{k}\n{v}" for k, v in report.failures.items())
