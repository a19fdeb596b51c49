"""Departments and positions a new production starts with (per-production data after)."""

from __future__ import annotations

# (department, [(position, is_head_of_department), ...]) in call-sheet order.
DEFAULT_DEPARTMENTS: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...] = (
    (
        "Production",
        (
            ("Producer", True),
            ("Line Producer", False),
            ("Unit Production Manager", False),
            ("Production Coordinator", False),
            ("Production Assistant", False),
        ),
    ),
    (
        "Direction",
        (
            ("Director", True),
            ("Creator / Showrunner", False),
            ("1st Assistant Director", False),
            ("2nd Assistant Director", False),
            ("2nd 2nd Assistant Director", False),
            ("Script Supervisor", False),
        ),
    ),
    (
        "Camera",
        (
            ("Director of Photography", True),
            ("Camera Operator", False),
            ("1st Assistant Camera", False),
            ("2nd Assistant Camera", False),
            ("DIT", False),
            ("Stills Photographer", False),
        ),
    ),
    ("Grip", (("Key Grip", True), ("Dolly Grip", False), ("Grip", False))),
    ("Electric", (("Gaffer", True), ("Best Boy Electric", False), ("Electrician", False))),
    (
        "Art",
        (
            ("Production Designer", True),
            ("Art Director", False),
            ("Set Decorator", False),
            ("Props Master", False),
            ("Standby Props", False),
        ),
    ),
    (
        "Costume",
        (("Costume Designer", True), ("Costume Supervisor", False), ("Costume Standby", False)),
    ),
    (
        "Hair & Make-up",
        (("Make-up Designer", True), ("Hair Stylist", False), ("Make-up Artist", False)),
    ),
    (
        "Sound",
        (("Production Sound Mixer", True), ("Boom Operator", False), ("Sound Utility", False)),
    ),
    ("Locations", (("Location Manager", True), ("Location Assistant", False))),
    ("Transport", (("Transport Captain", True), ("Driver", False))),
    ("Stunts", (("Stunt Coordinator", True), ("Stunt Performer", False))),
    ("VFX", (("VFX Supervisor", True), ("VFX Coordinator", False))),
    ("Post", (("Editor", True), ("Assistant Editor", False))),
    ("Cast", (("Lead Cast", False), ("Supporting Cast", False), ("Day Player", False))),
)
