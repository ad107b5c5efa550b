from django.db import migrations, models


def french_names(apps, schema_editor):
    """Establishments named so far are French; their English name waits for the
    coordination, and reads as the French one until then."""
    establishments = apps.get_model("recrutement", "Establishment").objects.all()
    establishments.update(name_fr_ca=models.F("name"))




class Migration(migrations.Migration):

    dependencies = [
        ('recrutement', '0005_project_resources'),
    ]

    operations = [
        migrations.AddField(
            model_name='establishment',
            name='name_en',
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name='nom'),
        ),
        migrations.AddField(
            model_name='establishment',
            name='name_fr_ca',
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name='nom'),
        ),
        migrations.AddField(
            model_name='project',
            name='written_in',
            field=models.CharField(choices=[('fr-ca', 'Français'), ('en', 'English')], default='fr-ca', help_text="La langue du titre, du résumé et de la description : la page du projet l'indique, et la lecture vocale prononce le texte dans cette langue.", max_length=5, verbose_name='langue de rédaction'),
        ),
        migrations.RunPython(french_names, migrations.RunPython.noop),
    ]
