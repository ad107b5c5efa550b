"""Sending what the outbox holds: one claimed row at a time, and the rows left behind.

The timings follow from the mail server's timeout (EMAIL_TIMEOUT): a send is a few
exchanges with the server, each bounded by it. A sending task is interrupted after
`SEND_TIME_LIMIT` and killed after `SEND_HARD_TIME_LIMIT` (Celery's time limits, which
the prefork pool enforces), so a claim older than `STALE_CLAIM` can only belong to a
worker that died: the sweep takes it over then, and never while a worker may still be
talking to the mail server about the same row.
"""

import logging
import time
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from messagerie.enums import NotificationKind, NotificationStatus
from messagerie.models import Notification
from messagerie.outbox import notification_write, render_email

logger = logging.getLogger(__name__)

SMTP_TIMEOUT = settings.MAILERS["default"].get("OPTIONS", {}).get("timeout") or 20
SEND_TIME_LIMIT = 2 * SMTP_TIMEOUT
SEND_HARD_TIME_LIMIT = SEND_TIME_LIMIT + 10
STALE_CLAIM = timedelta(seconds=SEND_HARD_TIME_LIMIT + 10)
# The sweep starts no send past this point of its run, so each send it starts has at
# least one mail server timeout before the task is interrupted.
SWEEP_BUDGET = SEND_TIME_LIMIT - SMTP_TIMEOUT
SWEEP_BATCH = 500
# A new row is left this long to the task its commit enqueued before the sweep sends it.
QUEUE_GRACE = timedelta(minutes=1)
MAX_ATTEMPTS = 8


def retry_delay(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4… minutes, an hour at most.

    With MAX_ATTEMPTS = 8, a row is retried for about two hours before it is failed.
    """
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def _claimable(now: datetime) -> Q:
    return Q(sent_at=None, failed_at=None) & (
        Q(sending_since=None) | Q(sending_since__lt=now - STALE_CLAIM))


def notification_send(pk: int, *, now: datetime | None = None) -> bool:
    """Send one notification if no one else has; True if this call sent it."""
    now = now or timezone.now()
    claimed = Notification.objects.filter(_claimable(now), pk=pk).update(
        sending_since=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    notification = Notification.objects.get(pk=pk)
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.email],
        headers={"Content-Language": notification.language},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    for attachment in notification.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send()
    except Exception as exc:
        # Only while the claim is still this call's: a row taken over is the other's.
        Notification.objects.filter(pk=pk, sending_since=now).update(
            sending_since=None, last_error=str(exc)[:500],
            next_attempt_at=now + retry_delay(notification.attempts))
        raise
    Notification.objects.filter(pk=pk).update(sent_at=timezone.now(), sending_since=None,
                                              next_attempt_at=None, last_error="")
    return True


def due_notifications(now: datetime):
    """Rows to try now: the broker never delivered them, a worker died sending them, or
    their retry delay is over."""
    return (Notification.objects.filter(_claimable(now), attempts__lt=MAX_ATTEMPTS,
                                        created_at__lt=now - QUEUE_GRACE)
            .filter(Q(next_attempt_at=None) | Q(next_attempt_at__lte=now)))


def due_notifications_send(*, now: datetime | None = None, first: Sequence[int] = (),
                           budget: float = SWEEP_BUDGET) -> int:
    """Send `first`, then the due rows oldest first, for at most `budget` seconds; how
    many were sent."""
    started = time.monotonic()
    now = now or timezone.now()
    sent = 0
    due = due_notifications(now).order_by("created_at", "pk")
    for pk in [*first, *due.values_list("pk", flat=True)[:SWEEP_BATCH]]:
        elapsed = time.monotonic() - started
        if elapsed > budget:
            break
        try:
            # Each claim carries the moment it is taken, so that it goes stale no sooner
            # than STALE_CLAIM after that moment.
            sent += notification_send(pk, now=now + timedelta(seconds=elapsed))
        except Exception:
            # Recorded on the row (last_error, next attempt); one bad row stops no other.
            logger.warning("Notification %s failed again; it will be retried.", pk,
                           exc_info=True)
    return sent


def alert_recipients():
    """The people who may retry e-mails in the admin: coordinators and superusers."""
    may_retry = {"codename": "change_notification", "content_type__app_label": "messagerie"}
    return get_user_model().objects.filter(
        Q(is_superuser=True)
        | Q(**{f"groups__permissions__{k}": v for k, v in may_retry.items()})
        | Q(**{f"user_permissions__{k}": v for k, v in may_retry.items()}),
        is_active=True, is_staff=True).distinct().order_by("pk")


@transaction.atomic
def failures_record(*, now: datetime | None = None) -> list[int]:
    """Mark failed the rows out of attempts, and alert the coordinators about them.

    Each coordinator gets one alert per batch, and none while an earlier alert to them is
    still waiting to be sent: its link lists every failure. A failed alert is marked
    failed like any row but alerts no one, so a mail server that is down never makes
    alerts about alerts. Returns the alerts queued, for the caller to send after commit.
    """
    now = now or timezone.now()
    failing = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(_claimable(now), attempts__gte=MAX_ATTEMPTS).values_list("pk", "kind"))
    if not failing:
        return []
    Notification.objects.filter(pk__in=[pk for pk, _kind in failing]).update(
        failed_at=now, sending_since=None, next_attempt_at=None)
    count = sum(kind != NotificationKind.SENDING_FAILED for _pk, kind in failing)
    if not count:
        return []
    link = (settings.SITE_URL + reverse("admin:messagerie_notification_changelist")
            + f"?statut={NotificationStatus.FAILED}")
    alerts = []
    # Locking the recipients makes "no alert already waiting" hold until commit.
    recipients = get_user_model().objects.select_for_update().filter(
        pk__in=list(alert_recipients().values_list("pk", flat=True))).order_by("pk")
    for user in recipients:
        if Notification.objects.filter(kind=NotificationKind.SENDING_FAILED, recipient=user,
                                       sent_at=None, failed_at=None).exists():
            continue
        language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
        subject, text, html = render_email(
            "messagerie/courriels/echecs",
            {"count": count, "attempts": MAX_ATTEMPTS, "link": link}, language)
        alert, _created = notification_write(
            kind=NotificationKind.SENDING_FAILED, email=user.email, recipient=user,
            language=language, subject=subject, body_text=text, body_html=html)
        alerts.append(alert.pk)
    return alerts
