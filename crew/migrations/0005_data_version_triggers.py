# Every crew table bumps its production's data version (productions/versioning.py).
from django.db import migrations

from productions.versioning import AddDataVersionTrigger

BY_PRODUCTION = "SELECT r.production_id FROM {rows} r"

# Deadlines open now and due later: the instants at which one becomes overdue.
FILL_CLOCK_MARKS = """
UPDATE productions_productiondataversion v SET clock_marks = ARRAY(
  SELECT DISTINCT d.due FROM productions_deadline d
  WHERE d.production_id = v.production_id AND d.status = 'open' AND d.due > now()
  ORDER BY d.due);
"""


class Migration(migrations.Migration):

    dependencies = [
        ("crew", "0004_deadline"),
        ("productions", "0004_data_version"),
    ]

    operations = [
        AddDataVersionTrigger("crew_department", BY_PRODUCTION),
        AddDataVersionTrigger("crew_position", BY_PRODUCTION),
        AddDataVersionTrigger("crew_person", BY_PRODUCTION),
        AddDataVersionTrigger("crew_engagement", BY_PRODUCTION),
        AddDataVersionTrigger("crew_character", BY_PRODUCTION),
        AddDataVersionTrigger(
            "crew_unavailability",
            "SELECT p.production_id FROM {rows} r JOIN crew_person p ON p.id = r.person_id",
        ),
        AddDataVersionTrigger(
            "productions_deadline",
            BY_PRODUCTION,
            clock_sql="SELECT r.production_id, r.due FROM {rows} r WHERE r.status = 'open'",
        ),
        AddDataVersionTrigger(
            "productions_deadline_owners",
            "SELECT d.production_id FROM {rows} r JOIN productions_deadline d ON d.id = r.deadline_id",
        ),
        AddDataVersionTrigger.for_user(
            "crew_person",
            "SELECT p.production_id FROM crew_person p JOIN {rows} r ON r.id = p.user_id",
        ),
        migrations.RunSQL(FILL_CLOCK_MARKS, migrations.RunSQL.noop),
    ]
