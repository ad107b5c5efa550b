"""The outbox: every e-mail of the platform is queued here and sent by Celery.

`notification_queue` is called inside the transaction of the change it announces; the
row commits with that change or not at all. Sending happens after commit, and the
periodic sweep (`sweep_unsent_notifications`, every minute) sends whatever the broker
did not take, retries what failed and reports what failed for good (see Notification).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from messagerie.models import Notification
from messagerie.outbox import notification_write, render_email
from messagerie.tasks import send_notification

logger = logging.getLogger(__name__)


def notification_queue(
    *,
    kind: str,
    email: str,
    template: str,
    context: dict,
    language: str = settings.LANGUAGE_CODE,
    recipient=None,
    about=None,
    dedup_key: str | None = None,
    attachments: list[dict] | None = None,
) -> Notification:
    """Render `template` in the recipient's language and queue it (see below)."""
    subject, text, html = render_email(template, context, language)
    return notification_queue_rendered(
        kind=kind, email=email, subject=subject, body_text=text, body_html=html,
        language=language, recipient=recipient, about=about, dedup_key=dedup_key,
        attachments=attachments,
    )


def notification_queue_rendered(
    *,
    kind: str,
    email: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    language: str = settings.LANGUAGE_CODE,
    recipient=None,
    about=None,
    dedup_key: str | None = None,
    attachments: list[dict] | None = None,
) -> Notification:
    """Write one e-mail to the outbox and send it once the transaction commits.

    A `dedup_key` makes queuing idempotent: the same key queues one e-mail, ever.
    `about` is the person the e-mail speaks of when it is sent to someone else.
    """
    notification, created = notification_write(
        kind=kind, email=email, subject=subject, body_text=body_text, body_html=body_html,
        language=language, recipient=recipient, about=about, dedup_key=dedup_key,
        attachments=attachments)
    if created:
        transaction.on_commit(lambda: enqueue_send(notification.pk))
    return notification


def enqueue_send(pk: int) -> None:
    """Hand the notification to Celery; if the broker is unreachable the sweep sends it."""
    try:
        send_notification.delay(pk)
    except Exception:
        logger.warning("Notification %s not enqueued; the sweep will send it.", pk,
                       exc_info=True)


@transaction.atomic
def notification_retry(*, notification: Notification) -> Notification:
    """Try an unsent e-mail again now, with all its attempts, even one marked failed."""
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.sent_at is not None:
        raise ValidationError(_("Ce courriel est déjà envoyé."), code="sent")
    notification.failed_at = None
    notification.attempts = 0
    notification.next_attempt_at = None
    notification.save(update_fields=["failed_at", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: enqueue_send(notification.pk))
    return notification
