# The data version of each production, and the triggers of productions' own tables.
# See productions/versioning.py.
import django.contrib.postgres.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from productions.versioning import AddDataVersionTrigger

# A new production gets its counter in the same statement; existing ones get theirs here.
CREATE_VERSIONS = """
CREATE OR REPLACE FUNCTION dv_productions_production_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO productions_productiondataversion (production_id, version, clock_marks)
  SELECT r.id, 1, '{}' FROM new_rows r;
  RETURN NULL;
END
$$;
CREATE TRIGGER dv_productions_production_new AFTER INSERT ON productions_production
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION dv_productions_production_new();
INSERT INTO productions_productiondataversion (production_id, version, clock_marks)
SELECT p.id, 1, '{}' FROM productions_production p
ON CONFLICT (production_id) DO NOTHING;
"""
DROP_CREATE_VERSIONS = """
DROP TRIGGER IF EXISTS dv_productions_production_new ON productions_production;
DROP FUNCTION IF EXISTS dv_productions_production_new();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('productions', '0003_move_deadline_to_crew'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ProductionDataVersion',
            fields=[
                ('production', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='data_version', serialize=False, to='productions.production')),
                ('version', models.BigIntegerField(default=1)),
                ('clock_marks', django.contrib.postgres.fields.ArrayField(base_field=models.DateTimeField(), blank=True, default=list, size=None)),
            ],
        ),
        migrations.RunSQL(CREATE_VERSIONS, DROP_CREATE_VERSIONS),
        AddDataVersionTrigger(
            "productions_production", "SELECT r.id FROM {rows} r", events=("UPDATE",)
        ),
        AddDataVersionTrigger("productions_coproducer", "SELECT r.production_id FROM {rows} r"),
        AddDataVersionTrigger("productions_membership", "SELECT r.production_id FROM {rows} r"),
        AddDataVersionTrigger.for_user(
            "productions_membership",
            "SELECT m.production_id FROM productions_membership m JOIN {rows} r ON r.id = m.user_id",
        ),
    ]
