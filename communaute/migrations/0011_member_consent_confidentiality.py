from django.db import migrations, models
from django.db.models import OuterRef, Subquery

CONFIDENTIALITY = "confidentialite"


def from_history(apps, schema_editor):
    """The flag of each member takes their latest confidentiality consent, as has_consent
    reads it."""
    Member = apps.get_model("communaute", "Member")
    Consent = apps.get_model("communaute", "Consent")
    latest = (Consent.objects.filter(member_id=OuterRef("pk"), kind=CONFIDENTIALITY)
              .order_by("-recorded_at", "-pk").values("given")[:1])
    Member.objects.annotate(latest=Subquery(latest)).filter(latest=True).update(
        consent_confidentiality=True)


class Migration(migrations.Migration):

    dependencies = [
        ('communaute', '0010_member_places_held'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='consent_confidentiality',
            field=models.BooleanField(default=False, verbose_name="a pris l'engagement à la confidentialité"),
        ),
        migrations.RunPython(from_history, migrations.RunPython.noop),
    ]
