"""The real stack: a notification goes through Redis to a `celery worker` process."""

import pytest
from django.db import transaction

from messagerie.enums import NotificationKind
from messagerie.models import Notification
from messagerie.services import notification_queue_rendered
from tests.stack import wait_until

pytestmark = [pytest.mark.stack, pytest.mark.django_db(transaction=True)]


def test_a_queued_notification_is_sent_by_a_real_worker(celery_worker_process):
    with transaction.atomic():
        notification = notification_queue_rendered(
            kind=NotificationKind.ACCOUNT, email="aller-retour@exemple.ca",
            subject="Aller-retour par Redis", body_text="Envoyé par le worker.")

    sent = wait_until(lambda: Notification.objects.get(pk=notification.pk).sent_at)
    assert sent, (celery_worker_process.log_path.read_text())
    emails = celery_worker_process.sent_emails()
    assert len(emails) == 1
    assert "Aller-retour par Redis" in emails[0]
