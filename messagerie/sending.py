"""Sending what the outbox holds: one claimed row at a time, and the rows left behind."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone

from messagerie.models import Notification

# A claim older than this belongs to a worker that died mid-send.
STALE_CLAIM = timedelta(minutes=10)
MAX_ATTEMPTS = 8


def notification_send(pk: int) -> bool:
    """Send one notification if no one else has; True if this call sent it."""
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=pk, sent_at=None)
        .filter(Q(sending_since=None) | Q(sending_since__lt=now - STALE_CLAIM))
        .update(sending_since=now, attempts=F("attempts") + 1)
    )
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
        Notification.objects.filter(pk=pk).update(sending_since=None, last_error=str(exc)[:500])
        raise
    Notification.objects.filter(pk=pk).update(sent_at=timezone.now(), sending_since=None,
                                              last_error="")
    return True


def unsent_notifications(older_than: timedelta = timedelta(minutes=1)):
    """Notifications the broker never delivered, or whose sending failed."""
    return Notification.objects.filter(
        sent_at=None, attempts__lt=MAX_ATTEMPTS, created_at__lt=timezone.now() - older_than
    ).filter(Q(sending_since=None) | Q(sending_since__lt=timezone.now() - STALE_CLAIM))
