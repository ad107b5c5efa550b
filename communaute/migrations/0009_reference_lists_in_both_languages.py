from django.db import migrations, models

# The English names of the lists added by 0002; region names are the same in English.
HEALTH_TOPICS_EN = {
    "Cancer": "Cancer",
    "Santé mentale": "Mental health",
    "Maladie chronique": "Chronic disease",
    "Maladie rare": "Rare disease",
    "Vieillissement": "Ageing",
    "Jeunesse": "Youth",
    "Itinérance": "Homelessness",
    "Handicap": "Disability",
    "Dépendances": "Addictions",
    "Soins palliatifs et de fin de vie": "Palliative and end-of-life care",
    "Périnatalité": "Perinatal health",
    "Santé des Premières Nations et des Inuit": "First Nations and Inuit health",
}
REGIONS_EN = {
    "Bas-Saint-Laurent": "Bas-Saint-Laurent",
    "Capitale-Nationale": "Capitale-Nationale",
    "Côte-Nord": "Côte-Nord",
    "Gaspésie–Îles-de-la-Madeleine": "Gaspésie–Îles-de-la-Madeleine",
    "Chaudière-Appalaches": "Chaudière-Appalaches",
}


def fill_both_languages(apps, schema_editor):
    """The French values are the names already there; the English ones are known for
    the lists the platform comes with, the others wait for the coordination."""
    for model, english in (("Region", REGIONS_EN), ("HealthTopic", HEALTH_TOPICS_EN)):
        rows = apps.get_model("communaute", model).objects.all()
        rows.update(name_fr_ca=models.F("name"))
        for french, name in english.items():
            rows.filter(name=french).update(name_en=name)




class Migration(migrations.Migration):

    dependencies = [
        ('communaute', '0008_age_range_no_answer'),
    ]

    operations = [
        migrations.AddField(
            model_name='healthtopic',
            name='name_en',
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name='nom'),
        ),
        migrations.AddField(
            model_name='healthtopic',
            name='name_fr_ca',
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name='nom'),
        ),
        migrations.AddField(
            model_name='region',
            name='name_en',
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name='nom'),
        ),
        migrations.AddField(
            model_name='region',
            name='name_fr_ca',
            field=models.CharField(max_length=120, null=True, unique=True, verbose_name='nom'),
        ),
        migrations.RunPython(fill_both_languages, migrations.RunPython.noop),
    ]
