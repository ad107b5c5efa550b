"""The outbox moved from jumelage to messagerie without losing a row."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from messagerie.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [("jumelage", "0005_hours_contested"), ("messagerie", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    applied = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(applied).apps


def test_the_outbox_keeps_its_rows_and_permissions_when_it_changes_app():
    content_type = ContentType.objects.get_for_model(Notification)
    old_apps = migrate(BEFORE_THE_MOVE)
    OldNotification = old_apps.get_model("jumelage", "Notification")
    sent = OldNotification.objects.create(
        kind="invitation", email="garde@exemple.ca", subject="Avant le déménagement",
        body_text="Une invitation déjà envoyée.", dedup_key="invitation:1")
    unsent = OldNotification.objects.create(
        kind="compte", email="attente@exemple.ca", subject="Pas encore envoyé",
        body_text="Le balayage l'enverra.")
    OldNotification.objects.filter(pk=sent.pk).update(sent_at="2026-11-01T12:00:00Z")

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = {n.pk: n for n in Notification.objects.all()}
    assert set(moved) == {sent.pk, unsent.pk}
    assert moved[sent.pk].sent_at is not None and moved[sent.pk].dedup_key == "invitation:1"
    assert moved[unsent.pk].sent_at is None and moved[unsent.pk].email == "attente@exemple.ca"
    assert Notification._meta.db_table in connection.introspection.table_names()
    assert "jumelage_notification" not in connection.introspection.table_names()
    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Notification).pk == content_type.pk
    again = Notification.objects.create(kind="compte", email="apres@exemple.ca",
                                        subject="Après", body_text="Les clés continuent.")
    assert again.pk > max(sent.pk, unsent.pk)
