# Deadlines moved here from productions; the table keeps its name and its rows.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("crew", "0003_restrict_engagement_position_department"),
        ("productions", "0003_move_deadline_to_crew"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Deadline",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("title", models.CharField(max_length=200)),
                        ("due", models.DateTimeField()),
                        ("status", models.CharField(choices=[("open", "Open"), ("done", "Done"), ("missed", "Missed")], default="open", max_length=10)),
                        ("notes", models.TextField(blank=True)),
                        ("completed_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("department", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="deadlines", to="crew.department")),
                        ("owners", models.ManyToManyField(blank=True, related_name="deadlines", to="crew.person")),
                        ("production", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="deadlines", to="productions.production")),
                    ],
                    options={
                        "db_table": "productions_deadline",
                        "ordering": ["due", "id"],
                        "indexes": [models.Index(fields=["production", "status", "due"], name="productions_product_dc5e3a_idx")],
                        "constraints": [models.CheckConstraint(condition=models.Q(models.Q(("completed_at__isnull", False), ("status", "done")), models.Q(models.Q(("status", "done"), _negated=True), ("completed_at__isnull", True)), _connector="OR"), name="deadline_completed_iff_done")],
                    },
                ),
            ],
        ),
    ]
