"""The outbox: every e-mail of the platform is queued here and sent by Celery.

`notification_queue` is called inside the transaction of the change it announces; the
row commits with that change or not at all. Sending happens after commit, and the
periodic sweep (`sweep_unsent_notifications`) sends whatever the broker did not take.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from messagerie.models import Notification
from messagerie.tasks import send_notification

logger = logging.getLogger(__name__)


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Subject, text and HTML of `template` (…_sujet.txt, .txt, .html) in `language`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_sujet.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


def notification_queue(
    *,
    kind: str,
    email: str,
    template: str,
    context: dict,
    language: str = settings.LANGUAGE_CODE,
    recipient=None,
    dedup_key: str | None = None,
    attachments: list[dict] | None = None,
) -> Notification:
    """Render `template` in the recipient's language and queue it (see below)."""
    subject, text, html = render_email(template, context, language)
    return notification_queue_rendered(
        kind=kind, email=email, subject=subject, body_text=text, body_html=html,
        language=language, recipient=recipient, dedup_key=dedup_key, attachments=attachments,
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
    dedup_key: str | None = None,
    attachments: list[dict] | None = None,
) -> Notification:
    """Write one e-mail to the outbox and send it once the transaction commits.

    A `dedup_key` makes queuing idempotent: the same key queues one e-mail, ever.
    """
    fields = {
        "kind": kind, "email": email, "language": language, "recipient": recipient,
        "subject": subject[:250], "body_text": body_text, "body_html": body_html,
        "attachments": attachments or [],
    }
    if dedup_key:
        notification, created = Notification.objects.get_or_create(
            dedup_key=dedup_key, defaults=fields)
        if not created:
            return notification
    else:
        notification = Notification.objects.create(**fields)
    transaction.on_commit(lambda: enqueue_send(notification.pk))
    return notification


def enqueue_send(pk: int) -> None:
    """Hand the notification to Celery; if the broker is unreachable the sweep sends it."""
    try:
        send_notification.delay(pk)
    except Exception:
        logger.warning("Notification %s not enqueued; the sweep will send it.", pk,
                       exc_info=True)
