from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from messagerie.enums import NotificationKind


class Notification(models.Model):
    """An e-mail to send, written in the same transaction as the change it announces.

    It is rendered in the recipient's language when queued, so sending needs nothing
    but the row. A task sends it after commit and a periodic sweep sends any row still
    unsent. A conditional update claims the row, so two workers never send it at once;
    delivery is at least once: a worker that dies after the mail server took the message
    but before recording it leaves the row to be sent again.
    """

    kind = models.CharField(_("type"), max_length=30, choices=NotificationKind)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="notifications",
                                  verbose_name=_("destinataire"))
    email = models.EmailField(_("courriel"))
    language = models.CharField(_("langue"), max_length=5, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    subject = models.CharField(_("objet"), max_length=250)
    body_text = models.TextField(_("texte"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(default=list, blank=True, editable=False)
    dedup_key = models.CharField(max_length=150, unique=True, null=True, blank=True,
                                 editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, db_index=True)
    sending_since = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {self.email}"
