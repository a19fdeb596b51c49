from __future__ import annotations

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_openapi_schema_builds_and_validates():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(schema)
    assert "/api/v1/me/" in schema["paths"]
    assert "/api/v1/tokens/" in schema["paths"]
    assert "bearerAuth" in schema["components"]["securitySchemes"]


def test_schema_and_docs_are_served(client, user):
    client.force_login(user)

    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/"])
def test_schema_and_docs_need_a_login(client, path):
    assert client.get(path).status_code in (401, 403)
