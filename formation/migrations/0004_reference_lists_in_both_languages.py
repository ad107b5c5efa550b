from django.db import migrations, models

# The English catalogue of the courses added by 0002, by their address.
COURSES_EN = {
    "module-101-fondements": (
        "Module 101: The foundations of patient partnership",
        "The basics of partnership with patients, families and citizens."),
    "module-201-gestion": (
        "Module 201: Partnering with patients in health management: first steps",
        "Transforming your organization: first steps of partnership in management."),
    "recrutement-competences": (
        "Recruitment: the competencies of a patient partner",
        "The competency framework and the recruitment process."),
    "amelioration-continue-qualite": (
        "Patient partnership in continuous quality improvement",
        "Self-paced training on partnership in continuous improvement."),
}


def fill_both_languages(apps, schema_editor):
    courses = apps.get_model("formation", "Course").objects.all()
    courses.update(title_fr_ca=models.F("title"), summary_fr_ca=models.F("summary"),
                   description_fr_ca=models.F("description"))
    for slug, (title, summary) in COURSES_EN.items():
        courses.filter(slug=slug).update(title_en=title, summary_en=summary)




class Migration(migrations.Migration):

    dependencies = [
        ('formation', '0003_course_resources'),
    ]

    operations = [
        migrations.AddField(
            model_name='course',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='course',
            name='description_fr_ca',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='course',
            name='summary_en',
            field=models.CharField(max_length=300, null=True, verbose_name='résumé'),
        ),
        migrations.AddField(
            model_name='course',
            name='summary_fr_ca',
            field=models.CharField(max_length=300, null=True, verbose_name='résumé'),
        ),
        migrations.AddField(
            model_name='course',
            name='title_en',
            field=models.CharField(max_length=200, null=True, verbose_name='titre'),
        ),
        migrations.AddField(
            model_name='course',
            name='title_fr_ca',
            field=models.CharField(max_length=200, null=True, verbose_name='titre'),
        ),
        migrations.RunPython(fill_both_languages, migrations.RunPython.noop),
    ]
