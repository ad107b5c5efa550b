from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

# The place-holding statuses when this migration was written (jumelage.models).
OCCUPYING_STATUSES = ("approuve", "accepte", "actif", "pause")


def count_places(apps, schema_editor):
    Member = apps.get_model("communaute", "Member")
    Pairing = apps.get_model("jumelage", "Pairing")
    held = (Pairing.objects.filter(member_id=OuterRef("pk"), status__in=OCCUPYING_STATUSES)
            .order_by().values("member_id").annotate(n=Count("pk")).values("n"))
    Member.objects.filter(pk__in=Pairing.objects.filter(status__in=OCCUPYING_STATUSES)
                          .values("member_id")).update(places_held=Coalesce(Subquery(held), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("communaute", "0010_member_places_held"),
        ("jumelage", "0010_pairing_paused"),
    ]

    operations = [migrations.RunPython(count_places, migrations.RunPython.noop)]
