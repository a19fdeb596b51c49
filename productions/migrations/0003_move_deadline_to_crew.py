# Deadlines moved to crew (they point at crew people). Only Django's idea of where the
# model lives changes: the table, its rows and its constraints stay as they are.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("productions", "0002_production_wrap_after_shoot_start"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Deadline")],
            database_operations=[],
        ),
    ]
