"""The OpenAPI schema describes the production and crew routes, with integer ids."""

from __future__ import annotations

import pytest
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

P = "/api/v1/productions/{production_id}"
PATHS = [
    "/api/v1/productions/",
    f"{P}/",
    f"{P}/members/",
    f"{P}/members/{{id}}/",
    f"{P}/co-producers/",
    f"{P}/co-producers/{{id}}/",
    f"{P}/deadlines/",
    f"{P}/deadlines/{{id}}/",
    f"{P}/deadlines/{{id}}/complete/",
    f"{P}/departments/",
    f"{P}/departments/{{id}}/",
    f"{P}/positions/",
    f"{P}/positions/{{id}}/",
    f"{P}/crew/",
    f"{P}/crew/{{id}}/",
    f"{P}/crew/{{crew_id}}/unavailability/",
    f"{P}/crew/{{crew_id}}/unavailability/{{id}}/",
    f"{P}/characters/",
    f"{P}/characters/{{id}}/",
]
OURS = (
    "productions/api",
    "crew/api",
    "core/api",
    "Production",
    "Member",
    "CoProducer",
    "Deadline",
    "Department",
    "Position",
    "Crew",
    "Character",
    "Unavailability",
)


@pytest.fixture(scope="module")
def generated():
    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    return schema, warnings


def test_every_route_is_described_with_integer_path_ids(generated):
    schema, _ = generated

    for path in PATHS:
        assert path in schema["paths"], path
        for operation in schema["paths"][path].values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    assert parameter["schema"]["type"] == "integer", (path, parameter)


def test_our_routes_build_without_warnings(generated):
    _, warnings = generated

    ours = [w for w in warnings if "enum naming" not in w and any(n in w for n in OURS)]
    assert ours == []


def test_enum_names_do_not_collide(generated):
    _, warnings = generated

    assert [w for w in warnings if "enum naming" in w] == []


def test_hidden_fields_are_optional_in_the_crew_schema(generated):
    schema, _ = generated
    crew = schema["components"]["schemas"]["CrewMember"]

    assert {"id", "name", "position", "department", "status"} <= set(crew["required"])
    hidden = {"email", "phone", "address", "emergency_contact_name", "dietary_notes", "notes"}
    assert not hidden & set(crew["required"])
    assert hidden <= set(crew["properties"])


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            f"{P}/crew/",
            {"q": "string", "department": "integer", "position": "integer", "status": "string"},
        ),
        (f"{P}/deadlines/", {"mine": "boolean", "tab": "string", "status": "string"}),
    ],
)
def test_list_filters_are_described_from_their_filtersets(generated, path, expected):
    schema, _ = generated
    query = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"][path]["get"]["parameters"]
        if parameter["in"] == "query"
    }
    detail = schema["paths"][f"{path}{{id}}/"]["get"].get("parameters", [])

    assert {name: query[name]["type"] for name in expected} == expected
    assert set(query) == {*expected, "page", "page_size"}
    assert not [parameter for parameter in detail if parameter["in"] == "query"]


def test_choice_filters_list_their_values(generated):
    schema, _ = generated

    def enum(path, name):
        parameters = schema["paths"][path]["get"]["parameters"]
        return sorted(next(p for p in parameters if p["name"] == name)["schema"]["enum"])

    assert enum(f"{P}/crew/", "status") == ["confirmed", "offered", "wrapped"]
    assert enum(f"{P}/deadlines/", "status") == ["done", "missed", "open"]
    assert enum(f"{P}/deadlines/", "tab") == ["all", "mine"]
