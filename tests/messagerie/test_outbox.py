from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.db import transaction

from messagerie.enums import NotificationKind
from messagerie.models import Notification
from messagerie.sending import notification_send
from messagerie.services import notification_queue_rendered
from messagerie.tasks import sweep_unsent_notifications

pytestmark = pytest.mark.django_db


def queue(**extra):
    return notification_queue_rendered(
        kind=NotificationKind.ACCOUNT, email="personne@exemple.ca", subject="Bonjour",
        body_text="Texte", body_html="<p>Texte</p>", **extra)


def test_a_notification_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue()
        assert len(mail.outbox) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    notification.refresh_from_db()
    assert notification.sent_at is not None


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError),
          transaction.atomic()):
        queue()
        raise RuntimeError
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_sending_the_same_notification_twice_sends_one_email():
    notification = queue()
    results = [notification_send(notification.pk) for _ in range(3)]
    assert results == [True, False, False]
    assert len(mail.outbox) == 1


def test_the_same_dedup_key_queues_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(dedup_key="invitation:1")
        second = queue(dedup_key="invitation:1")
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_the_sweep_sends_what_the_broker_never_took():
    # Inside the test transaction nothing commits, so nothing is enqueued: the same
    # state as a broker that was down when the change committed.
    notification = queue()
    Notification.objects.filter(pk=notification.pk).update(
        created_at=notification.created_at - timedelta(minutes=5))
    assert mail.outbox == []
    assert sweep_unsent_notifications() == 1
    assert len(mail.outbox) == 1
    assert sweep_unsent_notifications() == 0


def test_an_smtp_error_keeps_the_notification_for_a_later_attempt(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages
    notification = queue()

    def disconnected(self, messages):
        raise SMTPServerDisconnected("serveur indisponible")

    monkeypatch.setattr(EmailBackend, "send_messages", disconnected)
    with pytest.raises(SMTPServerDisconnected):
        notification_send(notification.pk)
    notification.refresh_from_db()
    assert notification.sent_at is None
    assert "serveur indisponible" in notification.last_error

    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert notification_send(notification.pk) is True
    notification.refresh_from_db()
    assert notification.sent_at is not None
    assert notification.attempts == 2
    assert len(mail.outbox) == 1
