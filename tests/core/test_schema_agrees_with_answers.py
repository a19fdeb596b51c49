"""The OpenAPI schema describes what the API really answers (issue 8, defect 9):
fields it marks required are there, fields that can be null are marked nullable, every
error an operation can answer is described in the one error shape, and a body over the
size limit answers that shape too, never an HTML page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

ERROR_REF = "#/components/schemas/Error"
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        built: dict[str, Any] = SchemaGenerator().get_schema(request=None, public=True)
    return built


def _base(cast: Any) -> str:
    return f"/api/v1/productions/{cast.production.pk}"


def _required(schema: dict[str, Any], component: str) -> set[str]:
    return set(schema["components"]["schemas"][component].get("required", []))


def test_a_created_location_carries_its_set_count(cast, schema):
    assert "set_count" in _required(schema, "Location")
    api = cast.api("ad")

    created = api.post(f"{_base(cast)}/locations/", {"name": "Quarry"}, format="json")

    assert created.status_code == 201
    assert created.json()["set_count"] == 0


def test_a_created_set_carries_its_scene_count(cast, schema):
    assert "scene_count" in _required(schema, "Set")
    api = cast.api("ad")
    location = api.post(f"{_base(cast)}/locations/", {"name": "Quarry"}, format="json").json()

    created = api.post(
        f"{_base(cast)}/sets/", {"name": "Cave", "location": location["id"]}, format="json"
    )

    assert created.status_code == 201
    assert created.json()["scene_count"] == 0
    assert api.get(f"{_base(cast)}/locations/{location['id']}/").json()["set_count"] == 1


def test_who_applied_a_screenplay_is_nullable_as_answered(cast, schema):
    upload = SimpleUploadedFile("draft.fountain", b"INT. CAVE - NIGHT\n\nDark.\n")
    preview = cast.api("ad").post(f"{_base(cast)}/screenplays/", {"file": upload})
    assert preview.status_code == 201
    assert preview.json()["applied_by"] is None

    fields = schema["components"]["schemas"]["ScreenplayImport"]["properties"]
    assert fields["applied_by"].get("nullable") is True
    assert fields["uploaded_by"].get("nullable") is True
    assert fields["applied_at"].get("nullable") is True


def test_the_error_shape_is_one_component(schema):
    error = schema["components"]["schemas"]["Error"]

    assert set(error["required"]) == {"detail", "errors"}
    assert error["properties"]["detail"]["type"] == "string"
    assert error["properties"]["errors"]["type"] == "object"


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _expected_errors(path: str, method: str) -> set[str]:
    codes = {"400", "401", "403"}
    if "{" in path:
        codes.add("404")
    if method != "get":
        codes.add("409")
    if method in ("post", "put", "patch"):
        codes.add("413")
    if method in ("put", "patch", "delete") and path.startswith("/api/v1/productions/"):
        codes.add("412")
    if (path, method) == ("/api/v1/tokens/", "post"):
        codes.add("429")
    return codes


def test_every_operation_describes_the_errors_it_can_answer(schema):
    missing = {}
    for path, method, operation in _operations(schema):
        described = {
            code
            for code, response in operation["responses"].items()
            if response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
            == ERROR_REF
        }
        lacking = _expected_errors(path, method) - described
        if lacking:
            missing[f"{method.upper()} {path}"] = sorted(lacking)

    assert missing == {}


def test_the_lockout_describes_retry_after(schema):
    locked = schema["paths"]["/api/v1/tokens/"]["post"]["responses"]["429"]

    assert "Retry-After" in locked["headers"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
@pytest.mark.parametrize("encoding", ["json", "multipart"])
def test_a_body_over_the_size_limit_is_a_json_413(cast, encoding):
    api = cast.api("ad", raise_request_exception=False)
    path = f"{_base(cast)}/locations/"
    big = {"name": "Quarry", "notes": "x" * 5000}

    if encoding == "json":
        response = api.post(path, json.dumps(big), content_type="application/json")
    else:
        response = api.post(path, big, format="multipart")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert "1000" in body["detail"]
    assert not cast.production.locations.exists()


def test_a_page_past_the_last_is_a_described_404(cast, schema):
    answer = cast.api("ad").get(f"{_base(cast)}/locations/?page=99")

    assert answer.status_code == 404
    assert (
        "404"
        in schema["paths"]["/api/v1/productions/{production_id}/locations/"]["get"]["responses"]
    )


def test_conditional_requests_are_described(schema):
    item = schema["paths"]["/api/v1/productions/{production_id}/sets/{id}/"]

    assert {p["name"] for p in item["get"]["parameters"]} >= {"If-None-Match"}
    assert item["get"]["responses"]["200"]["headers"]["ETag"]["required"] is True
    assert "ETag" in item["get"]["responses"]["304"]["headers"]
    assert {p["name"] for p in item["patch"]["parameters"]} >= {"If-Match"}
    assert item["patch"]["responses"]["200"]["headers"]["ETag"]["required"] is True


def test_too_many_query_parameters_is_a_json_400(cast):
    api = cast.api("ad", raise_request_exception=False)
    query = "&".join(f"q{number}=1" for number in range(1200))

    response = api.get(f"{_base(cast)}/locations/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail", "errors"}


def test_too_many_query_parameters_on_a_page_is_still_a_page(cast):
    client = cast.client("ad", raise_request_exception=False)
    query = "&".join(f"q{number}=1" for number in range(1200))

    response = client.get(f"/productions/{cast.production.pk}/crew/?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
