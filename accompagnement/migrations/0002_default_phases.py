from django.db import migrations

PHASES = [
    ("Définir la question ou le besoin", "Defining the question or need"),
    ("Concevoir le projet", "Designing the project"),
    ("Réaliser le projet", "Carrying out the project"),
    ("Analyser et interpréter", "Analysing and interpreting"),
    ("Partager les résultats", "Sharing the results"),
]


def add_phases(apps, schema_editor):
    Phase = apps.get_model("accompagnement", "Phase")
    for position, (name, name_en) in enumerate(PHASES, start=1):
        Phase.objects.get_or_create(name=name, defaults={"name_en": name_en,
                                                         "position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("accompagnement", "0001_initial")]

    operations = [migrations.RunPython(add_phases, migrations.RunPython.noop)]
