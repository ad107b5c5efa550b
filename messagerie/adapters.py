from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from messagerie.enums import NotificationKind
from messagerie.services import notification_queue_rendered


@dataclass(frozen=True)
class SiteIdentity:
    """What account e-mails call `current_site`: the platform's name, in the reader's
    language, and the address it is served on (SITE_URL), whatever host the request
    that sent them came through."""

    name: str
    domain: str
    url: str


def site_identity() -> SiteIdentity:
    return SiteIdentity(name=gettext("Communauté de pratique des citoyen(ne)s du RUISSS UL"),
                        domain=urlsplit(settings.SITE_URL).netloc, url=settings.SITE_URL)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Account e-mails (verification, password reset) go through the outbox too."""
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, {
                "email": email, "current_site": site_identity(), **context})
        html = next((body for body, mimetype in getattr(message, "alternatives", [])
                     if mimetype == "text/html"), "")
        notification_queue_rendered(
            kind=NotificationKind.ACCOUNT,
            email=email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            language=language,
            recipient=user if getattr(user, "pk", None) else None,
        )

    def get_email_confirmation_url(self, request, emailconfirmation):
        return settings.SITE_URL + reverse("account_confirm_email",
                                           args=[emailconfirmation.key])

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key",
                       kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", quote(key))
