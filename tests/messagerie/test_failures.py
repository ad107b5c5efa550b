"""The outbox never gives up silently: retries spaced out, then failed, alerted, retried
by hand; a claim left by a dead worker is taken over after about a minute."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from messagerie.enums import NotificationKind, NotificationStatus
from messagerie.models import Notification
from messagerie.sending import (
    MAX_ATTEMPTS,
    SEND_HARD_TIME_LIMIT,
    STALE_CLAIM,
    due_notifications,
    due_notifications_send,
    failures_record,
    notification_send,
    retry_delay,
)
from messagerie.services import notification_queue_rendered
from messagerie.tasks import send_notification, sweep_unsent_notifications
from tests.together import at_the_same_moment

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:messagerie_notification_changelist")


def queue(email="personne@exemple.ca", **extra):
    notification = notification_queue_rendered(
        kind=NotificationKind.ACCOUNT, email=email, subject="Bonjour",
        body_text="Texte", **extra)
    # Older than the grace the sweep leaves to the task enqueued at commit.
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(minutes=2))
    return notification


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(self, messages):
        raise ConnectionRefusedError("serveur de courriel injoignable")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)


def fail_every_attempt(notification, start):
    """Run the sweep at each moment a retry is due until the row is out of attempts."""
    now = start
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert due_notifications_send(now=now) == 0
        notification.refresh_from_db()
        assert notification.attempts == attempt
        waited = notification.next_attempt_at - now
        assert retry_delay(attempt) <= waited < retry_delay(attempt) + timedelta(seconds=1)
        # Before the delay is over the sweep leaves the row alone.
        assert not due_notifications(notification.next_attempt_at - timedelta(seconds=1)) \
            .filter(pk=notification.pk).exists()
        now = notification.next_attempt_at
    return now


def test_retries_wait_longer_each_time_for_about_two_hours():
    delays = [retry_delay(n) for n in range(1, MAX_ATTEMPTS)]
    assert delays == sorted(delays) and delays[0] == timedelta(minutes=1)
    assert timedelta(hours=1) < sum(delays, timedelta()) < timedelta(hours=3)


def test_a_row_out_of_attempts_is_failed_and_each_coordinator_alerted_once(
        mail_server_down, coordinator, team_member):
    notification = queue()
    now = fail_every_attempt(notification, timezone.now())
    assert not due_notifications(now).exists()

    alerts = failures_record(now=now)
    notification.refresh_from_db()
    assert notification.failed_at == now and notification.sent_at is None
    assert "injoignable" in notification.last_error
    [alert] = Notification.objects.filter(pk__in=alerts)
    assert alert.kind == NotificationKind.SENDING_FAILED
    assert alert.recipient == coordinator and alert.email == coordinator.email
    assert "1 courriel" in alert.subject
    assert f"?statut={NotificationStatus.FAILED}" in alert.body_text
    # The alert names no one: it may go out while the person's data is being erased.
    assert "personne@exemple.ca" not in alert.body_text + alert.body_html
    assert failures_record(now=now + timedelta(minutes=1)) == []


def out_of_attempts(notification):
    Notification.objects.filter(pk=notification.pk).update(attempts=MAX_ATTEMPTS)


def test_no_new_alert_while_one_is_waiting_and_none_about_a_failed_alert(coordinator):
    out_of_attempts(queue("un@exemple.ca"))
    [waiting] = Notification.objects.filter(pk__in=failures_record())
    out_of_attempts(queue("deux@exemple.ca"))
    assert failures_record() == []

    # The mail server is down: the alert itself runs out of attempts. It is marked
    # failed, and nobody is alerted about it.
    out_of_attempts(waiting)
    assert failures_record() == []
    waiting.refresh_from_db()
    assert waiting.failed_at is not None

    # With no alert waiting any more, the next failure is reported again.
    out_of_attempts(queue("trois@exemple.ca"))
    assert len(failures_record()) == 1
    assert Notification.objects.filter(kind=NotificationKind.SENDING_FAILED).count() == 2


def test_the_sweep_sends_the_alert_it_queued_at_once(coordinator, mailoutbox):
    notification = queue()
    Notification.objects.filter(pk=notification.pk).update(attempts=MAX_ATTEMPTS)
    assert sweep_unsent_notifications() == 1
    [alert] = mailoutbox
    assert alert.to == [coordinator.email]


@pytest.mark.parametrize("persona, expected", [
    (None, 302), ("patient", 302), ("team_member", 302), ("outsider", 302),
    ("coordinator", 200),
])
def test_the_outbox_admin_is_for_coordinators(request, client_for, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    user = getattr(user, "user", user)
    assert client_for(user).get(CHANGELIST).status_code == expected


def test_coordinators_list_failed_emails_and_retry_them(
        client_for, coordinator, django_capture_on_commit_callbacks, mailoutbox):
    failed = queue("echec@exemple.ca")
    Notification.objects.filter(pk=failed.pk).update(
        attempts=MAX_ATTEMPTS, failed_at=timezone.now(), last_error="boîte pleine")
    sent = queue("envoye@exemple.ca")
    notification_send(sent.pk)
    waiting = queue("attente@exemple.ca")
    mailoutbox.clear()
    client = client_for(coordinator)

    html = client.get(CHANGELIST, {"statut": NotificationStatus.FAILED}).content.decode()
    assert "echec@exemple.ca" in html
    assert "envoye@exemple.ca" not in html and "attente@exemple.ca" not in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHANGELIST, {"action": "retry", "_selected_action": [
            failed.pk, sent.pk]}, follow=True)
    page = response.content.decode()
    assert "remis en file d&#x27;envoi : 1" in page
    assert "déjà envoyé" in page
    failed.refresh_from_db()
    assert failed.sent_at is not None and failed.failed_at is None and failed.attempts == 1
    assert [m.to for m in mailoutbox] == [["echec@exemple.ca"]]
    waiting.refresh_from_db()
    assert waiting.sent_at is None


def test_a_claim_left_by_a_dead_worker_is_taken_over_after_about_a_minute(monkeypatch):
    def worker_dies(self, messages):
        raise SystemExit("worker tué pendant l'envoi")

    notification = queue()
    claimed_at = timezone.now()
    monkeypatch.setattr(EmailBackend, "send_messages", worker_dies)
    with pytest.raises(SystemExit):
        notification_send(notification.pk, now=claimed_at)
    monkeypatch.undo()
    notification.refresh_from_db()
    assert notification.sending_since == claimed_at and notification.sent_at is None

    just_before = claimed_at + STALE_CLAIM - timedelta(seconds=1)
    assert not due_notifications(just_before).exists()
    assert notification_send(notification.pk, now=just_before) is False
    assert due_notifications_send(now=claimed_at + STALE_CLAIM + timedelta(seconds=1)) == 1
    assert len(mail.outbox) == 1


def test_a_claim_outlives_any_live_send_and_recovery_takes_about_a_minute(settings):
    # A live worker's send is killed before its claim can be taken over…
    assert send_notification.time_limit == SEND_HARD_TIME_LIMIT
    assert sweep_unsent_notifications.time_limit == SEND_HARD_TIME_LIMIT
    assert STALE_CLAIM.total_seconds() > SEND_HARD_TIME_LIMIT
    # …and a dead worker's row is sent again within a stale claim and one sweep.
    sweep = settings.CELERY_BEAT_SCHEDULE["notifications-non-envoyees"]["schedule"]
    assert STALE_CLAIM + timedelta(seconds=sweep) <= timedelta(minutes=2, seconds=30)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor == "sqlite",
                    reason="SQLite's shared in-memory test database refuses concurrent writers "
                           "under load; run with DATABASE_URL on PostgreSQL, as CI does")
def test_two_workers_at_the_same_moment_send_a_row_once(mailoutbox):
    # Written directly: queued outside a transaction, it would be sent at once.
    notification = Notification.objects.create(
        kind=NotificationKind.ACCOUNT, email="personne@exemple.ca", subject="Bonjour",
        body_text="Texte")
    outcomes = at_the_same_moment(*[lambda: notification_send(notification.pk)] * 4)
    assert sorted(outcomes) == [False, False, False, True]
    assert len(mailoutbox) == 1


def test_the_alert_is_in_the_coordinators_language(coordinator):
    coordinator.preferred_language = "en"
    coordinator.save()
    Notification.objects.filter(pk=queue().pk).update(attempts=MAX_ATTEMPTS)
    [alert] = Notification.objects.filter(pk__in=failures_record())
    assert alert.language == "en"
    assert alert.subject == "1 e-mail could not be sent"
    assert "“Retry”" in alert.body_text
