"""Writing e-mails into the outbox: rendered in the recipient's language, de-duplicated.

Below both the services that queue e-mails and the sending that may queue an alert of
its own; neither enqueues anything here.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from messagerie.models import Notification


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Subject, text and HTML of `template` (…_sujet.txt, .txt, .html) in `language`."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template}_sujet.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    return " ".join(subject.split()), text, html


def notification_write(
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
) -> tuple[Notification, bool]:
    """The row for this e-mail, and whether it is new (an existing `dedup_key` is not)."""
    fields = {
        "kind": kind, "email": email, "language": language, "recipient": recipient,
        "about": about, "subject": subject[:250], "body_text": body_text,
        "body_html": body_html, "attachments": attachments or [],
    }
    if dedup_key:
        return Notification.objects.get_or_create(dedup_key=dedup_key, defaults=fields)
    return Notification.objects.create(**fields), True
