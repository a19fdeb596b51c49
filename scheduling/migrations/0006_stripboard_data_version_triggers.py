# The stripboard's tables bump their production's data version (productions/versioning.py).
from django.db import migrations

from productions.versioning import AddDataVersionTrigger

BY_PRODUCTION = "SELECT r.production_id FROM {rows} r"
BY_SCHEDULE = (
    "SELECT s.production_id FROM {rows} r JOIN scheduling_schedule s ON s.id = r.schedule_id"
)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0005_stripboard")]

    operations = [
        AddDataVersionTrigger("scheduling_boardsettings", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_unit", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_schedule", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_shootday", BY_SCHEDULE),
        AddDataVersionTrigger("scheduling_strip", BY_SCHEDULE),
        AddDataVersionTrigger("scheduling_stripmove", BY_SCHEDULE),
        AddDataVersionTrigger("scheduling_doodmark", BY_SCHEDULE),
        AddDataVersionTrigger.for_user(
            "scheduling_schedule",
            "SELECT s.production_id FROM scheduling_schedule s JOIN {rows} r ON r.id = s.created_by_id",
        ),
        AddDataVersionTrigger.for_user(
            "scheduling_stripmove",
            "SELECT s.production_id FROM scheduling_stripmove m "
            "JOIN scheduling_schedule s ON s.id = m.schedule_id JOIN {rows} r ON r.id = m.moved_by_id",
        ),
    ]
