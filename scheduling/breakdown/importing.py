"""Screenplay import: upload a draft, preview what it changes, then apply it in one go.

Why a preview: a new draft renumbers nothing but can cut, add and lengthen scenes, and a 1st
AD must see that before the breakdown changes under a schedule.  So an upload is parsed and
stored as a :class:`ScreenplayImport` with the list of changes; nothing else is written
until someone applies it.

Numbers first: a partly numbered draft is never refused.  Every number the file writes is
locked and kept as written; unnumbered scenes get proposals that keep every locked number
(12A after 12, A1 before 1), skipping numbers the breakdown has, omitted ones included; a
number used twice, or differing only in case (``1A``/``1a``), is flagged for the user (see
:mod:`scheduling.breakdown.screenplay.numbering`).  The preview lists every proposal;
applying takes the numbers the user accepted (or typed instead) and refuses only when the
result would still give two scenes one number.

How a draft is matched to the breakdown: **by scene number**.  A scene whose number is in
the production already is updated in place (its elements, notes, script day, silent cast and
schedule position stay); a new number adds a scene; a scene the draft no longer has is
marked omitted and keeps its number, as a production office does on paper.  The script owns
the heading, INT/EXT, set, time of day, length, page range and speaking characters; the
synopsis is only filled in when the breakdown has none, since ADs rewrite synopses.
Applying the same draft twice changes nothing the second time.  Every apply is the next
script revision, in the production's colours (:mod:`scheduling.breakdown.revisions`), and
the scenes it added, changed, restored or omitted carry it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import IO, Any

from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from crew.models import Character
from crew.services import characters_ensure
from productions.models import Production
from productions.scoping import Access
from scheduling.breakdown.eighths import format_eighths
from scheduling.breakdown.models import (
    ImportStatus,
    Scene,
    SceneCharacter,
    ScreenplayImport,
    Set,
    TimeOfDay,
    scene_number_sort_key,
)
from scheduling.breakdown.revisions import revision_colour
from scheduling.breakdown.screenplay import (
    MAX_SCREENPLAY_BYTES,
    ParsedScene,
    ParsedScreenplay,
    parse_screenplay,
    too_large,
)
from scheduling.breakdown.screenplay.numbering import FLAGGED, propose_numbers
from scheduling.breakdown.services import element_categories_ensure

# The parser's time words, reduced to the ones a stripboard colours by.
_TIME_OF_DAY = {
    "DAY": TimeOfDay.DAY,
    "MORNING": TimeOfDay.DAY,
    "AFTERNOON": TimeOfDay.DAY,
    "NIGHT": TimeOfDay.NIGHT,
    "EVENING": TimeOfDay.NIGHT,
    "DAWN": TimeOfDay.DAWN,
    "DUSK": TimeOfDay.DUSK,
    "CONTINUOUS": TimeOfDay.CONTINUOUS,
}
_NUMBER_MAX = Scene._meta.get_field("number").max_length or 20
_SET_MAX = Set._meta.get_field("name").max_length or 200
_CHARACTER_MAX = Character._meta.get_field("name").max_length or 120
_RAW_TIME_MAX = Scene._meta.get_field("time_of_day_raw").max_length or 100
# Fields the script owns, with the label the preview shows.  Labels are stored in English
# with the changes (the import's record, read by everyone and by the API); the preview page
# translates them into each reader's language ({% translate change.label %}).
_SCRIPT_FIELDS = {
    "heading": gettext_noop("Heading"),
    "int_ext": gettext_noop("INT/EXT"),
    "time_of_day": gettext_noop("Time of day"),
    "time_of_day_raw": gettext_noop("Time of day as written"),
    "eighths": gettext_noop("Length"),
}
_SET_LABEL = gettext_noop("Set")
_SYNOPSIS_LABEL = gettext_noop("Synopsis")


class ImportAlreadyApplied(Exception):
    """Someone applied this preview already (two clicks, two people)."""


class SceneNumbersInvalid(Exception):
    """The numbers given at apply would leave scenes without one or two scenes with one.

    ``errors`` maps the scene's index in the draft (as text, as the form and the API send
    it) to the messages for it; ``""`` holds messages about the request as a whole.
    """

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class SceneRow:
    """A parsed scene cut to the breakdown's shape (lengths capped, names upper-cased)."""

    number: str
    heading: str
    int_ext: str
    set_name: str
    time_of_day: str
    time_of_day_raw: str
    synopsis: str
    eighths: int
    page_start: int
    page_end: int
    characters: tuple[str, ...]
    number_in_file: str = ""
    number_reason: str = ""

    @classmethod
    def from_parsed(cls, scene: ParsedScene) -> SceneRow:
        names: dict[str, None] = {}
        for name in scene.characters:
            names.setdefault(name.upper()[:_CHARACTER_MAX].strip(), None)
        return cls(
            number=scene.number.strip(),
            heading=scene.heading,
            int_ext=scene.int_ext,
            set_name=scene.set_name[:_SET_MAX].strip().upper(),
            time_of_day=_TIME_OF_DAY.get(scene.time_of_day, TimeOfDay.OTHER),
            time_of_day_raw=scene.time_of_day_raw[:_RAW_TIME_MAX],
            synopsis=scene.synopsis,
            eighths=max(1, scene.eighths),
            page_start=max(1, scene.page_start),
            page_end=max(1, scene.page_start, scene.page_end),
            characters=tuple(name for name in names if name),
            number_in_file=scene.number_in_file.strip()[:200],
            number_reason=scene.number_reason,
        )


def scene_rows(parsed: ParsedScreenplay, existing: Mapping[str, str]) -> list[SceneRow]:
    """The parsed scenes, numbered against the breakdown's numbers (number → heading)."""
    rows = [SceneRow.from_parsed(scene) for scene in parsed.scenes]
    numbering = propose_numbers(
        [row.number_in_file for row in rows],
        [row.heading for row in rows],
        existing,
        max_length=_NUMBER_MAX,
        sort_key=scene_number_sort_key,
    )
    return [
        replace(row, number=item.number, number_reason=item.reason)
        for row, item in zip(rows, numbering, strict=True)
    ]


def _unknown_times(rows: list[SceneRow]) -> list[dict[str, str]]:
    """Scenes whose time of day was not recognised: the preview shows them to be fixed."""
    return [
        {"number": row.number, "heading": row.heading, "time_of_day_raw": row.time_of_day_raw}
        for row in rows
        if row.time_of_day == TimeOfDay.OTHER
    ]


def _existing_numbers(access: Access) -> dict[str, str]:
    return dict(Scene.objects.for_access(access).values_list("number", "heading"))


def _numbering_report(rows: list[SceneRow]) -> list[dict[str, Any]]:
    """Every scene whose number is a proposal, for the preview to show and the user to accept."""
    return [
        {
            "index": index,
            "heading": row.heading,
            "in_file": row.number_in_file,
            "number": row.number,
            "reason": row.number_reason,
            "flagged": row.number_reason in FLAGGED,
        }
        for index, row in enumerate(rows)
        if row.number_reason
    ]


def _accept_numbers(rows: list[SceneRow], numbers: Mapping[str, str] | None) -> list[SceneRow]:
    """The rows with the numbers the user accepted; see :class:`SceneNumbersInvalid`."""
    numbers = dict(numbers or {})
    errors: dict[str, list[str]] = {}
    proposed = {str(index) for index, row in enumerate(rows) if row.number_reason}
    for key in numbers:
        if key not in proposed:
            errors.setdefault(key, []).append(
                gettext("Only proposed numbers can be changed here; the file's own are locked.")
            )
    accepted: list[SceneRow] = []
    for index, row in enumerate(rows):
        key = str(index)
        number = row.number
        if key in numbers and key in proposed:
            number = " ".join(str(numbers[key]).split())
        elif row.number_reason in FLAGGED:
            errors.setdefault(key, []).append(
                gettext("Scene %(heading)s needs a number: check the proposal and accept it.")
                % {"heading": row.heading or row.number_in_file}
            )
        if not number:
            errors.setdefault(key, []).append(gettext("Give this scene a number."))
        elif len(number) > _NUMBER_MAX:
            errors.setdefault(key, []).append(
                ngettext(
                    "A scene number has at most %(max)d character.",
                    "A scene number has at most %(max)d characters.",
                    _NUMBER_MAX,
                )
                % {"max": _NUMBER_MAX}
            )
        accepted.append(replace(row, number=number))
    first: dict[str, int] = {}
    for index, row in enumerate(accepted):
        fold = row.number.casefold()
        if row.number and fold in first:
            errors.setdefault(str(index), []).append(
                gettext("Scene %(number)s is already the number of “%(heading)s”.")
                % {"number": row.number, "heading": accepted[first[fold]].heading}
            )
        first.setdefault(fold, index)
    if errors:
        raise SceneNumbersInvalid(errors)
    return accepted


def read_upload(upload: IO[bytes], *, size: int | None = None) -> bytes:
    """The uploaded bytes, refusing an oversized file before reading it into memory."""
    if size is not None and size > MAX_SCREENPLAY_BYTES:
        raise too_large(size)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_SCREENPLAY_BYTES + 1)
    if len(data) > MAX_SCREENPLAY_BYTES:
        raise too_large(size)
    return bytes(data)


@dataclass
class _Plan:
    """What applying a draft does, worked out against the breakdown as it is now."""

    rows: list[SceneRow]
    new_sets: list[str] = field(default_factory=list)
    new_characters: list[str] = field(default_factory=list)
    added: list[SceneRow] = field(default_factory=list)
    updated: list[tuple[Scene, SceneRow]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    restored: list[Scene] = field(default_factory=list)
    omitted: list[Scene] = field(default_factory=list)
    repaginated: int = 0
    unchanged: int = 0
    revised: set[int] = field(default_factory=set)  # scenes this revision really changes
    links: dict[int, dict[str, SceneCharacter]] = field(default_factory=dict)

    def report(self) -> dict[str, Any]:
        total = sum(row.eighths for row in self.rows)
        return {
            "has_changes": bool(
                self.added
                or self.changed
                or self.restored
                or self.omitted
                or self.repaginated
                or self.new_sets
                or self.new_characters
            ),
            "added": [
                {
                    "number": row.number,
                    "heading": row.heading,
                    "eighths": row.eighths,
                    "pages": format_eighths(row.eighths),
                    "characters": list(row.characters),
                }
                for row in self.added
            ],
            "changed": self.changed,
            "restored": [{"number": s.number, "heading": s.heading} for s in self.restored],
            "omitted": [{"number": s.number, "heading": s.heading} for s in self.omitted],
            "new_characters": self.new_characters,
            "new_sets": self.new_sets,
            "repaginated": self.repaginated,
            "unchanged": self.unchanged,
            "scenes": len(self.rows),
            "eighths": total,
            "pages": format_eighths(total),
        }


def _display(name: str, value: Any) -> Any:
    return format_eighths(value) if name == "eighths" else value


def _database_folding(names: Iterable[str]) -> dict[str, str]:
    """How PostgreSQL lower-cases each name: the uniqueness rules compare these.

    Python's folding differs for a few letters (İ, the Kelvin sign K…), so two cues that
    Python keeps apart can be one character to the database.
    """
    names = list(set(names))
    if not names:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, lower(name) FROM unnest(%s::text[]) AS name", [names])
        return dict(cursor.fetchall())


def _canonical_rows(access: Access, rows: list[SceneRow]) -> list[SceneRow]:
    """Spell every set and character the way the breakdown (or the draft's first use) does,
    so that names the database treats as one are one here too."""
    names = {n for row in rows for n in row.characters} | {row.set_name for row in rows}
    fold = _database_folding(n for n in names if n)
    characters = dict(Character.objects.for_access(access).values_list(Lower("name"), "name"))
    sets = dict(Set.objects.for_access(access).values_list(Lower("name"), "name"))
    canonical: list[SceneRow] = []
    for row in rows:
        cast = dict.fromkeys(characters.setdefault(fold[n], n) for n in row.characters)
        set_name = sets.setdefault(fold[row.set_name], row.set_name) if row.set_name else ""
        canonical.append(replace(row, characters=tuple(cast), set_name=set_name))
    return canonical


def _plan(access: Access, rows: list[SceneRow]) -> _Plan:
    rows = _canonical_rows(access, rows)
    plan = _Plan(rows)
    scenes = {s.number: s for s in Scene.objects.for_access(access).select_related("set")}
    for link in SceneCharacter.objects.for_access(access).select_related("character"):
        plan.links.setdefault(link.scene_id, {})[link.character.name.upper()] = link
    sets = {name.upper() for name in Set.objects.for_access(access).values_list("name", flat=True)}
    characters = {
        name.upper() for name in Character.objects.for_access(access).values_list("name", flat=True)
    }
    plan.new_sets = list(dict.fromkeys(r.set_name for r in rows if r.set_name not in sets))
    if "" in plan.new_sets:
        plan.new_sets.remove("")
    plan.new_characters = list(
        dict.fromkeys(name for r in rows for name in r.characters if name not in characters)
    )
    in_file = set()
    for row in rows:
        in_file.add(row.number)
        scene = scenes.get(row.number)
        if scene is None:
            plan.added.append(row)
            continue
        fields = [
            {"field": name, "label": label, "old": _display(name, old), "new": _display(name, new)}
            for name, label in _SCRIPT_FIELDS.items()
            if (old := getattr(scene, name)) != (new := getattr(row, name))
        ]
        old_set = scene.set.name.upper() if scene.set else ""
        if old_set != row.set_name:
            fields.append(
                {"field": "set", "label": _SET_LABEL, "old": old_set, "new": row.set_name}
            )
        if not scene.synopsis and row.synopsis:
            fields.append(
                {"field": "synopsis", "label": _SYNOPSIS_LABEL, "old": "", "new": row.synopsis}
            )
        links = plan.links.get(scene.pk, {})
        speaking = {name for name, link in links.items() if link.speaking}
        added = [name for name in row.characters if name not in speaking]
        removed = sorted(speaking - set(row.characters))
        moved = (scene.page_start, scene.page_end) != (row.page_start, row.page_end)
        if scene.omitted:
            plan.restored.append(scene)
        if fields or added or removed:
            plan.changed.append(
                {
                    "number": row.number,
                    "heading": row.heading,
                    "fields": fields,
                    "characters_added": added,
                    "characters_removed": removed,
                }
            )
        elif moved and not scene.omitted:
            plan.repaginated += 1
        elif not scene.omitted:
            plan.unchanged += 1
        if fields or added or removed or scene.omitted:
            plan.revised.add(scene.pk)
        if fields or added or removed or moved or scene.omitted:
            plan.updated.append((scene, row))
    plan.omitted = [s for number, s in scenes.items() if number not in in_file and not s.omitted]
    plan.omitted.sort(key=lambda s: s.sort_key)
    return plan


def _summary(parsed: ParsedScreenplay, rows: Iterable[SceneRow]) -> dict[str, Any]:
    return {
        "title": parsed.title,
        "source_format": parsed.source_format,
        "page_count": parsed.page_count,
        "scenes": [asdict(row) for row in rows],
    }


def screenplay_import_preview(*, access: Access, file_name: str, data: bytes) -> ScreenplayImport:
    """Parse a draft and store what applying it would change; the breakdown is untouched.

    Raises :class:`ScreenplayError` (message for the uploader) for anything unreadable.
    """
    if len(data) > MAX_SCREENPLAY_BYTES:
        raise too_large(len(data))
    parsed = parse_screenplay(data, file_name)
    rows = scene_rows(parsed, _existing_numbers(access))
    plan = _plan(access, rows)
    changes = {
        **plan.report(),
        "numbering": _numbering_report(rows),
        "unknown_times": _unknown_times(rows),
    }
    return ScreenplayImport.objects.create(
        production=access.production,
        file_name=file_name[:255],
        uploaded_by=access.user,
        source_format=parsed.source_format,
        title=parsed.title[:300],
        page_count=parsed.page_count,
        scene_count=len(rows),
        summary=_summary(parsed, rows),
        changes=changes,
    )


def screenplay_import_upload(
    *, access: Access, upload: IO[bytes], file_name: str, size: int | None = None
) -> ScreenplayImport:
    """:func:`screenplay_import_preview` for an uploaded file object (size checked first)."""
    return screenplay_import_preview(
        access=access, file_name=file_name, data=read_upload(upload, size=size)
    )


def screenplay_import_apply(
    *,
    access: Access,
    screenplay_import: ScreenplayImport,
    numbers: Mapping[str, str] | None = None,
) -> ScreenplayImport:
    """Apply a previewed draft in one transaction; see the module notes for what changes.

    ``numbers`` maps a proposed scene's index (as text) to the number the user accepted;
    proposals not in it are taken as they are, except flagged ones, which must be given
    (raises :class:`SceneNumbersInvalid`, nothing written).  The changes are worked out again
    against the breakdown as it is now (it may have moved on since the preview) and stored
    on the import as what was done, with the import's revision number and colour.
    """
    with transaction.atomic():
        # One import at a time per production, so two drafts cannot interleave.
        list(Production.objects.select_for_update().filter(pk=access.production.pk).values("pk"))
        locked = (
            ScreenplayImport.objects.for_access(access)
            .select_for_update()
            .get(pk=screenplay_import.pk)
        )
        if locked.status != ImportStatus.PREVIEW:
            raise ImportAlreadyApplied(gettext("This draft has already been applied."))
        rows = _accept_numbers(
            [
                SceneRow(**{**row, "characters": tuple(row["characters"])})
                for row in locked.summary["scenes"]
            ],
            numbers,
        )
        element_categories_ensure(production=access.production)
        plan = _plan(access, rows)
        revision = (
            ScreenplayImport.objects.for_access(access)
            .filter(revision__isnull=False)
            .order_by("-revision")
            .values_list("revision", flat=True)
            .first()
            or 0
        ) + 1
        locked.revision = revision
        locked.revision_colour = revision_colour(access.production.revision_colours, revision)
        locked.status = ImportStatus.APPLIED
        locked.applied_at = timezone.now()
        locked.applied_by = access.user
        locked.changes = {
            **plan.report(),
            "numbering": _numbering_report(rows),
            "unknown_times": _unknown_times(rows),
        }
        locked.summary = {**locked.summary, "scenes": [asdict(row) for row in rows]}
        locked.save(
            update_fields=[
                "status",
                "applied_at",
                "applied_by",
                "changes",
                "summary",
                "revision",
                "revision_colour",
            ]
        )
        _execute(access, plan, locked)
    return locked


def _execute(access: Access, plan: _Plan, revision: ScreenplayImport) -> None:
    production = access.production
    now = timezone.now()
    if plan.new_sets:
        Set.objects.bulk_create(
            [Set(production=production, name=name) for name in plan.new_sets],
            ignore_conflicts=True,
        )
    if plan.new_characters:
        # No cast ID: numbering the cast is the AD's decision, not the script's.
        characters_ensure(production=production, names=plan.new_characters)
    set_ids = {s.name.upper(): s.pk for s in Set.objects.for_access(access).only("pk", "name")}
    character_ids = {
        c.name.upper(): c.pk for c in Character.objects.for_access(access).only("pk", "name")
    }

    def apply_row(scene: Scene, row: SceneRow) -> Scene:
        scene.number = row.number
        scene.sort_key = scene_number_sort_key(row.number)
        scene.heading = row.heading
        scene.int_ext = row.int_ext
        scene.set_id = set_ids.get(row.set_name)
        scene.time_of_day = row.time_of_day
        scene.time_of_day_raw = row.time_of_day_raw
        scene.eighths = row.eighths
        scene.page_start = row.page_start
        scene.page_end = row.page_end
        scene.synopsis = scene.synopsis or row.synopsis
        scene.omitted = False
        scene.updated_at = now
        if scene.pk is None or scene.pk in plan.revised:
            scene.revision = revision
        return scene

    created = Scene.objects.bulk_create(
        [apply_row(Scene(production=production), row) for row in plan.added]
    )
    if plan.updated:
        Scene.objects.bulk_update(
            [apply_row(scene, row) for scene, row in plan.updated],
            [
                "heading",
                "int_ext",
                "set",
                "time_of_day",
                "time_of_day_raw",
                "eighths",
                "page_start",
                "page_end",
                "synopsis",
                "omitted",
                "updated_at",
                "revision",
            ],
            batch_size=500,
        )
    if plan.omitted:
        Scene.objects.for_access(access).filter(pk__in=[s.pk for s in plan.omitted]).update(
            omitted=True, updated_at=now, revision=revision
        )

    stale: list[int] = []
    now_speaking: list[int] = []
    new_links: list[SceneCharacter] = []
    pairs = [(scene, row) for scene, row in plan.updated] + list(
        zip(created, plan.added, strict=True)
    )
    for scene, row in pairs:
        links = plan.links.get(scene.pk, {})
        for name, link in links.items():
            if link.speaking and name not in row.characters:
                stale.append(link.pk)
        for name in row.characters:
            current = links.get(name)
            if current is None:
                new_links.append(
                    SceneCharacter(scene=scene, character_id=character_ids[name], speaking=True)
                )
            elif not current.speaking:
                now_speaking.append(current.pk)
    if stale:
        SceneCharacter.objects.for_access(access).filter(pk__in=stale).delete()
    if now_speaking:
        SceneCharacter.objects.for_access(access).filter(pk__in=now_speaking).update(speaking=True)
    SceneCharacter.objects.bulk_create(new_links, batch_size=1000)
