from django.db import migrations

COURSES = [
    {
        "slug": "module-101-fondements",
        "title": "Module 101 : Les fondements du partenariat patient",
        "summary": "Les bases du partenariat avec les patient(e)s, les proches et les citoyen(ne)s.",
        "audience": "tous",
        "format": "en_ligne",
        "duration_minutes": 180,
        "required_from_step": 3,
    },
    {
        "slug": "module-201-gestion",
        "title": "Module 201 : Le partenariat avec les patient(e)s dans la gestion de la santé : "
                 "premières étapes",
        "summary": "Transformer son organisation : premiers pas du partenariat en gestion.",
        "audience": "equipes",
        "format": "presentiel",
        "duration_minutes": 360,
        "required_from_step": None,
    },
    {
        "slug": "recrutement-competences",
        "title": "Recrutement : les compétences d'un(e) patient(e) partenaire",
        "summary": "Le référentiel de compétences et le processus de recrutement.",
        "audience": "equipes",
        "format": "en_ligne",
        "duration_minutes": 120,
        "required_from_step": None,
    },
    {
        "slug": "amelioration-continue-qualite",
        "title": "Le partenariat patient en amélioration continue de la qualité",
        "summary": "Formation à son rythme sur le partenariat en amélioration continue.",
        "audience": "tous",
        "format": "asynchrone",
        "duration_minutes": 90,
        "required_from_step": None,
    },
]


def add_courses(apps, schema_editor):
    Course = apps.get_model("formation", "Course")
    for course in COURSES:
        Course.objects.get_or_create(slug=course["slug"], defaults=course)


class Migration(migrations.Migration):
    dependencies = [("formation", "0001_initial")]

    operations = [migrations.RunPython(add_courses, migrations.RunPython.noop)]
