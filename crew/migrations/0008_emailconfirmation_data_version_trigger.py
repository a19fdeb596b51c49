# Addresses waiting for confirmation show on the person page: they bump the data version.
from django.db import migrations

from productions.versioning import AddDataVersionTrigger


class Migration(migrations.Migration):
    dependencies = [
        ("crew", "0007_merge_20261202_0738"),
        ("productions", "0008_invitation_data_version_trigger"),
    ]

    operations = [
        AddDataVersionTrigger("crew_emailconfirmation", "SELECT r.production_id FROM {rows} r"),
        AddDataVersionTrigger.for_user(
            "crew_emailconfirmation",
            "SELECT c.production_id FROM crew_emailconfirmation c "
            "JOIN {rows} r ON r.id = c.requested_by_id",
        ),
    ]
