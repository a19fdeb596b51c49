"""Schemathesis against the live schema: every operation the API describes, called with
data generated from its schema, as one member of the cast over a personal API token.

The schema is read from ``/api/v1/schema/`` of the app running on pytest-django's
``live_server`` (the real HTTP stack, the real database committed row by row; the test's
``transactional_db`` empties it afterwards). Each operation gets ``MAX_EXAMPLES`` valid
cases and ``NEGATIVE_EXAMPLES`` invalid ones, derandomized so a run is reproducible; the
path's ``production_id`` is always the cast's production, and ``{id}`` is mostly an id that
exists there (read from the list before the operation runs), so PATCH and DELETE reach real
rows. Reads run first, then creates, updates and deletes, and deleting the production last.

Every answer goes through the checks in ``CHECKS``; the test fails listing each failing
operation with the first failure found for it.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import ApiToken, User
from accounts.services import api_token_create

# Per operation and member; raise them for a deeper run, e.g. SCHEMATHESIS_EXAMPLES=100.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "8"))
NEGATIVE_EXAMPLES = max(1, MAX_EXAMPLES // 3)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
METHOD_ORDER = {"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4}
SCHEMA_PATH = "/api/v1/schema/"


@dataclass
class Report:
    """What a run did: cases sent per operation, and the first failure of each."""

    role: str
    cases: int = 0
    operations: int = 0
    seconds: float = 0.0
    failures: dict[str, str] = field(default_factory=dict)
    # "PATCH 2xx" → how many answers of that method and class.
    answers: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        answers = ", ".join(f"{key} {count}" for key, count in sorted(self.answers.items()))
        return (
            f"schemathesis as {self.role}: {self.operations} operations, {self.cases} cases, "
            f"{len(self.failures)} failing, {self.seconds:.1f}s; answers: {answers}"
        )


def _order(operation: Any) -> tuple[int, int, str]:
    # The production itself is deleted last: everything else needs it.
    last = operation.path == "/api/v1/productions/{production_id}/"
    return (
        int(last and operation.method.upper() == "DELETE"),
        METHOD_ORDER.get(operation.method.upper(), 5),
        operation.path,
    )


def _collection(path: str) -> str:
    """``/productions/{production_id}/sets/{id}/apply/`` → ``…/sets/``."""
    return path[: path.rindex("{id}")]


@dataclass
class Fuzzer:
    """One member's run over the schema served by ``base_url``."""

    base_url: str
    role: str
    production_id: int
    crew_id: int  # the member's own engagement: {crew_id} in the unavailability paths
    token: Callable[[], str]  # the member's token, made again if a case revoked it

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def load(self) -> Any:
        return schemathesis.openapi.from_url(self.base_url + SCHEMA_PATH, headers=self.headers())

    def known_ids(self, path: str, path_parameters: dict[str, Any]) -> list[int]:
        """The ids the collection of ``path`` lists now (first 200)."""
        url = self.base_url + _collection(path).format(**path_parameters)
        answer = requests.get(url, params={"page_size": 200}, headers=self.headers())
        if answer.status_code != 200:
            return []
        body = answer.json()
        rows = body["results"] if isinstance(body, dict) else body
        return [row["id"] for row in rows if isinstance(row, dict) and "id" in row]

    def fixed_parameters(self, operation: Any) -> dict[str, Any]:
        names = {parameter.name for parameter in operation.path_parameters}
        fixed: dict[str, Any] = {}
        if "production_id" in names:
            fixed["production_id"] = self.production_id
        if "crew_id" in names:
            fixed["crew_id"] = self.crew_id
        if "schedule_id" in names:
            fixed["schedule_id"] = self.schedule_id
        return fixed

    @cached_property
    def schedule_id(self) -> int:
        """The production's published schedule: {schedule_id} in the shoot-day paths."""
        url = f"{self.base_url}/api/v1/productions/{self.production_id}/schedules/"
        answer = requests.get(url, headers=self.headers())
        if answer.status_code != 200:  # a role that may not see schedules: refused anyway
            return 1
        rows = answer.json()["results"]
        return int(next(row["id"] for row in rows if row["status"] == "published"))

    def run(self) -> Report:
        report = Report(self.role)
        started = time.monotonic()
        schema = self.load()
        operations = sorted((result.ok() for result in schema.get_all_operations()), key=_order)
        for operation in operations:
            report.operations += 1
            label = f"{operation.method.upper()} {operation.path}"
            fixed = self.fixed_parameters(operation)
            known = self.known_ids(operation.path, fixed) if "{id}" in operation.path else []
            for mode, examples, checks in (
                (GenerationMode.POSITIVE, MAX_EXAMPLES, CHECKS),
                (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, CHECKS),
            ):
                failure = self.exercise(operation, mode, examples, checks, fixed, known, report)
                if failure is not None and label not in report.failures:
                    report.failures[label] = failure
        report.seconds = time.monotonic() - started
        return report

    def exercise(
        self,
        operation: Any,
        mode: GenerationMode,
        examples: int,
        checks: list[Any],
        fixed: dict[str, Any],
        known: list[int],
        report: Report,
    ) -> str | None:
        found: list[str] = []

        @settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        @given(case=operation.as_strategy(generation_mode=mode), pick=st.integers(0, 3))
        def one(case: Any, pick: int) -> None:
            if found:
                return
            case.path_parameters = {**(case.path_parameters or {}), **fixed}
            if known and "id" in case.path_parameters and pick:
                case.path_parameters["id"] = known[pick % len(known)]
            report.cases += 1
            headers = self.headers()
            response = case.call(base_url=self.base_url, headers=headers)
            report.answers[f"{case.method.upper()} {response.status_code // 100}xx"] += 1
            try:
                case.validate_response(response, checks=checks, headers=headers)
            except FailureGroup as failure:
                found.append(str(failure))

        one()
        return found[0] if found else None


def token_for(user: User) -> Callable[[], str]:
    """The user's token; made again if a case revoked it (DELETE /tokens/{id}/)."""
    current: dict[str, Any] = {}

    def token() -> str:
        if "raw" not in current or not ApiToken.objects.filter(pk=current["pk"]).exists():
            made, raw = api_token_create(user=user, name="schemathesis")
            current.update(pk=made.pk, raw=raw)
        value: str = current["raw"]
        return value

    return token


@contextmanager
def tasks_run_in_the_request() -> Iterator[None]:
    """Celery tasks the cases cause (invitation e-mails) run at once, into the test mailbox,
    rather than waiting on this test process's queue for another test's worker."""
    from config.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = before
