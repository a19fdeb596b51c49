# Pending invitations show on the members page: they bump the production's data version.
from django.db import migrations

from productions.versioning import AddDataVersionTrigger


class Migration(migrations.Migration):
    dependencies = [
        ("productions", "0007_merge_0004_invitation_0006_merge_20261202_0732"),
    ]

    operations = [
        AddDataVersionTrigger("productions_invitation", "SELECT r.production_id FROM {rows} r"),
        AddDataVersionTrigger.for_user(
            "productions_invitation",
            "SELECT i.production_id FROM productions_invitation i "
            "JOIN {rows} r ON r.id = i.invited_by_id",
        ),
    ]
