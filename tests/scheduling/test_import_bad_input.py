"""Anything that is not a usable screenplay is refused with a clear message, on the upload
page and in the API alike, and nothing in the database changes (not even an import row)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import scheduling.breakdown.importing as importing
from crew.models import Character
from scheduling.breakdown.models import Scene, ScreenplayImport, Set
from scheduling.breakdown.screenplay import MAX_SCREENPLAY_BYTES, ScreenplayError
from tests.scheduling.test_screenplay_bad_input import BILLION_LAUGHS

FIFTY_MB = 50 * 1024 * 1024

BAD_FILES = [
    pytest.param("empty.fountain", b"", "The file is empty.", id="empty"),
    pytest.param(
        "photo.fountain",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
        "This file is a PNG image, not a screenplay.",
        id="binary-image",
    ),
    pytest.param(
        "script.fountain",
        b"INT. HOUSE - DAY\n\n\x00\x01\x02\x03 action\n",
        "looks like a binary file",
        id="binary-nul",
    ),
    pytest.param(
        "broken.fdx",
        b'<?xml version="1.0"?><FinalDraft><Content>'
        b'<Paragraph Type="Scene Heading"><Text>INT. X</Text></Content></FinalDraft>',
        "its XML is not well-formed (line 1",
        id="malformed-xml",
    ),
    pytest.param("bomb.fdx", BILLION_LAUGHS, "refused for safety", id="billion-laughs"),
    pytest.param(
        "notes.fountain",
        b"Title: Notes\n\nJust some action.\n\nBOB\nHello.\n",
        "No scene headings were found",
        id="no-scene-headings",
    ),
    pytest.param(
        "numbers.fountain",
        b"INT. A - DAY #7#\n\nOne.\n\nINT. B - DAY #7#\n\nTwo.\n",
        "Two scenes are numbered 7",
        id="duplicate-numbers",
    ),
]


def _counts(team) -> tuple[int, ...]:
    return (
        ScreenplayImport.objects.count(),
        Scene.objects.count(),
        Set.objects.count(),
        Character.objects.filter(production=team.production).count(),
    )


@pytest.fixture
def seeded(team):
    """A production that already has a breakdown, so "nothing changed" means something."""
    data = b"INT. KITCHEN - DAY #1#\n\nAnna waits.\n\nANNA\nWell?\n"
    preview = importing.screenplay_import_preview(
        access=team.access(), file_name="a.fountain", data=data
    )
    importing.screenplay_import_apply(access=team.access(), screenplay_import=preview)
    return team


def _page_url(team) -> str:
    return reverse("scheduling:screenplay-upload", kwargs={"production_id": team.production.pk})


def _api_url(team) -> str:
    return f"/api/v1/productions/{team.production.pk}/screenplays/"


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_upload_page_explains_and_changes_nothing(client, seeded, name, data, message):
    client.force_login(seeded.ad)
    before = _counts(seeded)

    response = client.post(_page_url(seeded), {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 400
    assert message in response.context["form"].errors["file"][0]
    assert message.replace("'", "&#x27;") in response.content.decode()
    assert _counts(seeded) == before


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_api_answers_400_on_the_file_field_and_changes_nothing(
    api_client, seeded, name, data, message
):
    api_client.force_authenticate(seeded.ad)
    before = _counts(seeded)

    response = api_client.post(
        _api_url(seeded), {"file": SimpleUploadedFile(name, data)}, format="multipart"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Invalid input."
    assert message in body["errors"]["file"][0]
    assert _counts(seeded) == before


@pytest.fixture
def fifty_megabytes(monkeypatch):
    """50 MB of would-be Fountain; the parser must never see it."""

    def must_not_parse(data: bytes, filename: str = ""):
        raise AssertionError("an oversized upload reached the parser")

    monkeypatch.setattr(importing, "parse_screenplay", must_not_parse)
    return b"INT. HOUSE - DAY\n\n" + b"x" * (FIFTY_MB - 18)


def test_a_50_mb_upload_is_refused_on_the_page_before_it_is_read(client, seeded, fifty_megabytes):
    client.force_login(seeded.producer)
    before = _counts(seeded)

    response = client.post(
        _page_url(seeded), {"file": SimpleUploadedFile("huge.fountain", fifty_megabytes)}
    )

    assert response.status_code == 400
    error = response.context["form"].errors["file"][0]
    assert "too large (52,428,800 bytes)" in error
    assert "5 MB" in error
    assert _counts(seeded) == before


def test_a_50_mb_upload_is_refused_by_the_api(api_client, seeded, fifty_megabytes):
    api_client.force_authenticate(seeded.producer)
    before = _counts(seeded)

    response = api_client.post(
        _api_url(seeded),
        {"file": SimpleUploadedFile("huge.fountain", fifty_megabytes)},
        format="multipart",
    )

    assert response.status_code == 400
    assert "too large" in response.json()["errors"]["file"][0]
    assert _counts(seeded) == before


def test_just_over_the_limit_is_refused_even_without_a_declared_size():
    class Stream:
        """A file object that does not say how big it is, and counts what is read."""

        read_sizes: list[int] = []

        def read(self, size: int = -1) -> bytes:
            self.read_sizes.append(size)
            return b"x" * (MAX_SCREENPLAY_BYTES + 1 if size < 0 else size)

    stream = Stream()
    with pytest.raises(ScreenplayError, match="too large"):
        importing.read_upload(stream)  # type: ignore[arg-type]
    assert stream.read_sizes == [MAX_SCREENPLAY_BYTES + 1]  # never "read everything"


def test_a_missing_file_is_a_form_error(client, api_client, team):
    client.force_login(team.producer)
    response = client.post(_page_url(team), {})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["This field is required."]

    api_client.force_authenticate(team.producer)
    response = api_client.post(_api_url(team), {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["errors"]
    assert ScreenplayImport.objects.count() == 0
