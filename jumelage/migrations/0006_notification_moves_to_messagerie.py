from django.db import migrations


class Migration(migrations.Migration):
    """The outbox moves to its own app: the table is renamed, no row is touched."""

    dependencies = [
        ("jumelage", "0005_hours_contested"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="notification", table="messagerie_notification"),
            ],
            state_operations=[
                migrations.DeleteModel(name="notification"),
            ],
        ),
    ]
