"""Anything that is not a usable screenplay is refused with a clear message, on the upload
page and in the API alike, and nothing in the database changes (not even an import row)."""

from __future__ import annotations

import time

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


def test_an_upload_full_of_unclosed_note_markers_is_answered_quickly(api_client, team):
    """Stripping notes and boneyard used to take quadratic time: 60 KB held a worker ~30 s."""
    api_client.force_authenticate(team.ad)
    api_client.raise_request_exception = False
    data = b"INT. A - DAY\n\nx\n\n" + b"[[" * 30_000 + b"\n"
    started = time.monotonic()
    api_client.post(
        _api_url(team), {"file": SimpleUploadedFile("draft.fountain", data)}, format="multipart"
    )
    assert time.monotonic() - started < 2


FDX_DECLARING = (
    b'<?xml version="1.0" encoding="%s"?><FinalDraft><Content><Paragraph Type="Scene Heading">'
    b"<Text>INT. A - DAY</Text></Paragraph></Content></FinalDraft>"
)


@pytest.mark.parametrize("encoding", [b"bogus", b"utf-32", b"shift_jis"])
def test_the_api_refuses_fdx_declaring_an_encoding_it_cannot_read(api_client, team, encoding):
    api_client.force_authenticate(team.ad)
    api_client.raise_request_exception = False
    response = api_client.post(
        _api_url(team),
        {"file": SimpleUploadedFile("draft.fdx", FDX_DECLARING % encoding)},
        format="multipart",
    )
    assert response.status_code == 400


def test_the_upload_page_refuses_fdx_declaring_an_encoding_it_cannot_read(client, team):
    client.force_login(team.ad)
    client.raise_request_exception = False
    r = client.post(
        f"/productions/{team.production.pk}/screenplays/upload/",
        {"file": SimpleUploadedFile("draft.fdx", FDX_DECLARING % b"bogus")},
    )
    assert r.status_code == 400


def _fdx_with_scene_properties(props):
    return (
        '<?xml version="1.0"?><FinalDraft DocumentType="Script" Version="1"><Content>'
        f'<Paragraph Type="Scene Heading" Number="1"><SceneProperties {props}/>'
        '<Text>INT. HOUSE - DAY</Text></Paragraph><Paragraph Type="Action"><Text>x</Text>'
        "</Paragraph></Content></FinalDraft>"
    ).encode()


@pytest.mark.parametrize(
    "props",
    ['Length="1" Page="\u00b2"', 'Length="1" Page="3000000000"', 'Length="300000000" Page="1"'],
)
def test_fdx_with_odd_page_or_length_numbers_is_never_a_500(api_client, team, props):
    api_client.force_authenticate(team.producer)
    api_client.raise_request_exception = False
    base = _api_url(team)
    r = api_client.post(
        base,
        {"file": SimpleUploadedFile("s.fdx", _fdx_with_scene_properties(props))},
        format="multipart",
    )
    codes = [r.status_code]
    if r.status_code == 201:
        codes.append(api_client.post(f"{base}{r.json()['id']}/apply/").status_code)
    assert all(c < 500 for c in codes), codes
