# Every scheduling table bumps its production's data version (productions/versioning.py).
from django.db import migrations

from productions.versioning import AddDataVersionTrigger

BY_PRODUCTION = "SELECT r.production_id FROM {rows} r"
BY_SCENE = "SELECT s.production_id FROM {rows} r JOIN scheduling_scene s ON s.id = r.scene_id"


class Migration(migrations.Migration):

    dependencies = [
        ("scheduling", "0002_restrict_scene_set_element_category"),
        ("productions", "0004_data_version"),
    ]

    operations = [
        AddDataVersionTrigger("scheduling_location", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_set", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_scene", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_scenecharacter", BY_SCENE),
        AddDataVersionTrigger("scheduling_elementcategory", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_element", BY_PRODUCTION),
        AddDataVersionTrigger("scheduling_sceneelement", BY_SCENE),
        AddDataVersionTrigger("scheduling_screenplayimport", BY_PRODUCTION),
        AddDataVersionTrigger.for_user(
            "scheduling_screenplayimport",
            "SELECT i.production_id FROM scheduling_screenplayimport i "
            "JOIN {rows} r ON r.id IN (i.uploaded_by_id, i.applied_by_id)",
        ),
    ]
