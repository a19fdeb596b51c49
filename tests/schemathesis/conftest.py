"""A production worth fuzzing: the cast (see tests/conftest.py) with a breakdown imported
from a screenplay, a location, an element, a deadline, an unavailability, a co-producer and
an invitation, all made through the API as the producer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import Cast, make_cast
from tests.scheduling.test_import_service import DRAFT_ONE, DRAFT_TWO
from tests.schemathesis.harness import tasks_run_in_the_request


def _created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def furnish(cast: Cast) -> None:
    api = cast.api("producer")
    base = f"/api/v1/productions/{cast.production.pk}"
    upload = SimpleUploadedFile("draft.fountain", DRAFT_ONE.encode())
    draft = _created(api.post(f"{base}/screenplays/", {"file": upload}))
    assert api.post(f"{base}/screenplays/{draft['id']}/apply/").status_code == 200
    _created(
        api.post(
            f"{base}/screenplays/", {"file": SimpleUploadedFile("b.fountain", DRAFT_TWO.encode())}
        )
    )
    location = _created(api.post(f"{base}/locations/", {"name": "Quarry"}, format="json"))
    _created(api.post(f"{base}/sets/", {"name": "CAVE", "location": location["id"]}, format="json"))
    category = api.get(f"{base}/element-categories/").json()[-1]
    scene = api.get(f"{base}/scenes/").json()["results"][0]
    element = {
        "category": category["id"],
        "name": "Vintage Porsche",
        "scenes": [{"scene": scene["id"]}],
    }
    _created(api.post(f"{base}/elements/", element, format="json"))
    deadline = {"title": "Camera tests", "due": "2027-01-10T09:00:00Z"}
    _created(api.post(f"{base}/deadlines/", deadline, format="json"))
    crew_id = cast.crew.engagement.pk
    away = {"start_date": "2027-02-01", "end_date": "2027-02-03", "reason": "Wedding"}
    _created(api.post(f"{base}/crew/{crew_id}/unavailability/", away, format="json"))
    _created(
        api.post(f"{base}/co-producers/", {"name": "Nord Films", "country": "FR"}, format="json")
    )
    _created(
        api.post(
            f"{base}/members/", {"email": "new.grip@example.test", "role": "crew"}, format="json"
        )
    )
    # A published schedule with a day and a strip (its {schedule_id} in the fuzzed paths), and
    # a draft beside it.
    schedule = _created(api.post(f"{base}/schedules/", {"name": "White"}, format="json"))
    _created(api.post(f"{base}/schedules/", {"name": "Blue"}, format="json"))
    unit = api.get(f"{base}/units/").json()["results"][0]
    day = _created(
        api.post(
            f"{base}/schedules/{schedule['id']}/shoot-days/",
            {"unit": unit["id"], "date": "2027-03-01", "location": location["id"]},
            format="json",
        )
    )
    move = {"scene": scene["id"], "to_day": day["id"], "position": 0, "version": 1}
    assert (
        api.post(f"{base}/schedules/{schedule['id']}/moves/", move, format="json").status_code
        == 200
    )
    assert api.post(f"{base}/schedules/{schedule['id']}/publish/").status_code == 200


@pytest.fixture
def furnished_cast(transactional_db: Any, live_server: Any) -> Iterator[Cast]:
    with tasks_run_in_the_request():
        cast = make_cast()
        furnish(cast)
        yield cast
