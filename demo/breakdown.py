"""The demo production's script breakdown: locations, and 90 scenes imported from a
generated Fountain screenplay through the same import service producers use."""

from __future__ import annotations

from decimal import Decimal

from accounts.models import User
from productions.models import Production
from productions.scoping import production_access
from scheduling.breakdown.importing import screenplay_import_apply, screenplay_import_preview
from scheduling.breakdown.models import ElementCategory, Location, Scene, Set
from scheduling.breakdown.services import scene_element_add

# (location, address, lat, lon, sets it plays)
_LOCATIONS = (
    (
        "Ardnamurchan Lighthouse",
        "Kilchoan, Acharacle PH36 4LN",
        "56.7273",
        "-6.2262",
        ("LIGHTHOUSE - LAMP ROOM", "LIGHTHOUSE - STAIRWELL", "LIGHTHOUSE - GALLERY"),
    ),
    (
        "Keeper's Cottages",
        "Ardnamurchan Point, PH36 4LN",
        "56.7268",
        "-6.2249",
        ("KEEPER'S COTTAGE - KITCHEN", "KEEPER'S COTTAGE - BEDROOM", "KEEPER'S COTTAGE"),
    ),
    (
        "Tobermory Harbour",
        "Main Street, Tobermory PA75 6NU",
        "56.6227",
        "-6.0684",
        ("HARBOUR", "FERRY", "POST OFFICE", "VILLAGE STREET"),
    ),
    (
        "Mishnish Hotel",
        "Main Street, Tobermory PA75 6NU",
        "56.6230",
        "-6.0672",
        ("PUB", "INSPECTOR'S OFFICE"),
    ),
    (
        "Sanna Bay",
        "Sanna, Acharacle PH36 4LW",
        "56.7418",
        "-6.1861",
        ("BEACH", "CLIFF PATH", "BOAT SHED"),
    ),
    (
        "Harbour Studios Stage 2",
        "Unit 4, Harbour Studios, Oban PA34 4LW",
        "56.4151",
        "-5.4718",
        ("SCHOOLHOUSE", "CHURCH", "HOSPITAL WARD"),
    ),
)
_HOSPITAL = ("Lorn & Islands Hospital", "Glengallan Road, Oban PA34 4HH", "+441631567500")
_TIMES = ("DAY", "NIGHT", "DAY", "DUSK", "DAY", "NIGHT", "DAWN", "DAY", "CONTINUOUS")
_BEATS = (
    "The lamp turns. Its beam sweeps the black water.",
    "Rain hammers the glass. Somewhere below, a door bangs in the wind.",
    "Gulls wheel over the moorings as the ferry noses in.",
    "A kettle screams on the range. Nobody moves to take it off.",
    "Boots on wet stone. A figure climbs toward the light.",
    "The logbook lies open; the last entry is in a different hand.",
)
_LINES = (
    "You should not be out here in this.",
    "The sea gives back what it takes. Eventually.",
    "I counted the flashes. Four, then dark. It's never dark.",
    "Tell the board whatever you like. I'm not leaving the rock.",
    "He had a name once. He'll have one again.",
    "Mind the third step. It's been loose since your father's time.",
)
_PROPS = ("Logbook", "Brass telescope", "Storm lantern", "Oilskins", "Ship's bell", "Telegram")


def demo_screenplay(characters: list[str], scene_count: int = 90) -> str:
    """A deterministic Fountain script: ``scene_count`` scenes over the demo's sets."""
    sets = [name for *_, names in _LOCATIONS for name in names]
    out = ["Title: The Lighthouse Keeper", "Credit: Written by", "Author: Demo Writer", ""]
    for number in range(1, scene_count + 1):
        set_name = sets[(number * 7) % len(sets)]
        int_ext = (
            "EXT."
            if set_name
            in {"HARBOUR", "BEACH", "CLIFF PATH", "LIGHTHOUSE - GALLERY", "VILLAGE STREET", "FERRY"}
            else "INT."
        )
        out += [f"{int_ext} {set_name} - {_TIMES[number % len(_TIMES)]} #{number}#", ""]
        out += [_BEATS[number % len(_BEATS)], ""]
        # The leads carry most scenes; the rest of the cast drifts in and out.
        speakers = [characters[number % 4], characters[4 + (number * 7) % (len(characters) - 4)]]
        for exchange in range(3 + number % 6):
            for index, speaker in enumerate(speakers):
                out += [speaker, _LINES[(number + exchange + index) % len(_LINES)], ""]
        if number % 5 == 0:
            out += [_BEATS[(number + 2) % len(_BEATS)] * 2, ""]
    return "\n".join(out)


def seed_demo_breakdown(*, production: Production, producer: User, characters: list[str]) -> None:
    access = production_access(producer, production.pk)
    draft = screenplay_import_preview(
        access=access,
        file_name="the-lighthouse-keeper.fountain",
        data=demo_screenplay(characters).encode(),
    )
    screenplay_import_apply(access=access, screenplay_import=draft)

    for name, address, lat, lon, set_names in _LOCATIONS:
        location = Location.objects.create(
            production=production,
            name=name,
            address=address,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            time_zone="Europe/London",
            hospital_name=_HOSPITAL[0],
            hospital_address=_HOSPITAL[1],
            hospital_phone=_HOSPITAL[2],
            parking_notes="Crew parking in the signed field; no parking on the single-track road.",
            basecamp_notes="Trucks and honeywagons at the first passing place after the gate.",
        )
        Set.objects.filter(production=production, name__in=set_names).update(location=location)

    props = ElementCategory.objects.get(production=production, name__iexact="props")
    for scene in Scene.objects.filter(production=production).order_by("sort_key")[::3]:
        prop = _PROPS[int(scene.number) % len(_PROPS)]
        scene_element_add(scene=scene, category=props, name=prop)
