"""The real stack: a notification goes through Redis to a `celery worker` process, and
one whose worker died mid-send is sent by the sweep."""

import socket
import threading

import pytest
from django.db import transaction
from django.db.models import F

from messagerie.enums import NotificationKind
from messagerie.models import Notification
from messagerie.sending import STALE_CLAIM
from messagerie.services import notification_queue_rendered
from messagerie.tasks import sweep_unsent_notifications
from ruisss.celery import app as celery_app
from tests.stack import Worker, wait_until

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


@pytest.fixture
def silent_mail_server():
    """A mail server that accepts connections and never answers: a send hangs on it."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for connection in accepted:
        connection.close()


def test_a_row_whose_worker_died_mid_send_is_sent_by_the_sweep(
        tmp_path, silent_mail_server):
    celery_app.control.purge()
    hanging = Worker(tmp_path / "perdus", tmp_path / "mort.log", env={
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(silent_mail_server)}).start()
    try:
        with transaction.atomic():
            notification = notification_queue_rendered(
                kind=NotificationKind.ACCOUNT, email="reprise@exemple.ca",
                subject="Repris par le balayage", body_text="Le premier worker est mort.")
        claimed = wait_until(lambda: Notification.objects.get(pk=notification.pk)
                             .sending_since)
        assert claimed, hanging.log_path.read_text()
    finally:
        hanging.kill()
        hanging.stop()
    assert Notification.objects.get(pk=notification.pk).sent_at is None

    # Time passes without sleeping: the claim and the row age by a stale claim.
    Notification.objects.filter(pk=notification.pk).update(
        sending_since=F("sending_since") - STALE_CLAIM,
        created_at=F("created_at") - STALE_CLAIM)
    worker = Worker(tmp_path / "courriels", tmp_path / "worker.log").start()
    try:
        sweep_unsent_notifications.delay()
        sent = wait_until(lambda: Notification.objects.get(pk=notification.pk).sent_at)
        assert sent, worker.log_path.read_text()
        emails = worker.sent_emails()
        assert len(emails) == 1 and "Repris par le balayage" in emails[0]
        assert Notification.objects.get(pk=notification.pk).attempts == 2
    finally:
        worker.stop()
