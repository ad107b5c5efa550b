from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from messagerie.enums import NotificationKind
from messagerie.services import notification_queue_rendered


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Account e-mails (verification, password reset) go through the outbox too."""
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
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
