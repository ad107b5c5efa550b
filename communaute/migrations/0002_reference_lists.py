from django.core.management import call_command
from django.db import migrations

REGIONS = [
    ("01", "Bas-Saint-Laurent"),
    ("03", "Capitale-Nationale"),
    ("09", "Côte-Nord"),
    ("11", "Gaspésie–Îles-de-la-Madeleine"),
    ("12", "Chaudière-Appalaches"),
]

HEALTH_TOPICS = [
    "Cancer",
    "Santé mentale",
    "Maladie chronique",
    "Maladie rare",
    "Vieillissement",
    "Jeunesse",
    "Itinérance",
    "Handicap",
    "Dépendances",
    "Soins palliatifs et de fin de vie",
    "Périnatalité",
    "Santé des Premières Nations et des Inuit",
]


def add_reference_lists(apps, schema_editor):
    Region = apps.get_model("communaute", "Region")
    HealthTopic = apps.get_model("communaute", "HealthTopic")
    for code, name in REGIONS:
        Region.objects.get_or_create(name=name, defaults={"code": code})
    for name in HEALTH_TOPICS:
        HealthTopic.objects.get_or_create(name=name)


def create_cache_table(apps, schema_editor):
    # The default cache (rate limits) is a database table when no Redis is configured.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("communaute", "0001_initial")]

    operations = [
        migrations.RunPython(add_reference_lists, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
